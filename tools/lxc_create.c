/* lxc_create.c - lxc-create: a container from a template (or a config alone with -t none); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

enum {
	OPT_DIR = OPT_TOOL,
	OPT_LVNAME,
	OPT_VGNAME,
	OPT_THINPOOL,
	OPT_FSTYPE,
	OPT_FSSIZE,
	OPT_ZFSROOT,
	OPT_RBDNAME,
	OPT_RBDPOOL,
};

struct options {
	const char *template;
	const char *config;
	const char *bdev;
	const char *dir;
	const char *lvname, *vgname, *thinpool, *fstype, *zfsroot, *rbdname, *rbdpool;
	uint64_t fssize;
	bool help;
};

static const char *const backends[] = { "dir", "btrfs", "loop", "lvm", "nbd", "overlay", "overlayfs", "rbd", "zfs", "best", NULL };

/* SIZE[U]: U one of bBkKmMgGtT, default M, as LXC's --fssize. 0 if it is not one. */
static uint64_t parse_fssize(const char *s)
{
	char *end;
	unsigned long long n;
	uint64_t mult = 1024 * 1024;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return 0;
	switch (*end) {
	case '\0': break;
	case 'b': case 'B': mult = 1; break;
	case 'k': case 'K': mult = 1024ULL; break;
	case 'm': case 'M': mult = 1024ULL * 1024; break;
	case 'g': case 'G': mult = 1024ULL * 1024 * 1024; break;
	case 't': case 'T': mult = 1024ULL * 1024 * 1024 * 1024; break;
	default: return 0;
	}
	if (*end && end[1])
		return 0;
	if (n > UINT64_MAX / mult)
		return 0;
	return n * mult;
}

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;

	switch (opt) {
	case 't': o->template = arg; return 0;
	case 'f': o->config = arg; return 0;
	case 'B': o->bdev = arg; return 0;
	case 'h': o->help = true; return 0;
	case OPT_DIR: o->dir = arg; return 0;
	case OPT_LVNAME: o->lvname = arg; return 0;
	case OPT_VGNAME: o->vgname = arg; return 0;
	case OPT_THINPOOL: o->thinpool = arg; return 0;
	case OPT_FSTYPE: o->fstype = arg; return 0;
	case OPT_ZFSROOT: o->zfsroot = arg; return 0;
	case OPT_RBDNAME: o->rbdname = arg; return 0;
	case OPT_RBDPOOL: o->rbdpool = arg; return 0;
	case OPT_FSSIZE:
		o->fssize = parse_fssize(arg);
		if (!o->fssize) {
			fprintf(stderr, "lxc-create: --fssize=%s: not a size (SIZE[U], U one of b k m g t; default unit M)\n",
				arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

/* lxc-create -t TEMPLATE -h: after our help, the template's own (as LXC's). */
static void template_help(const char *t)
{
	char path[4096];
	pid_t pid;

	if (strchr(t, '/'))
		snprintf(path, sizeof(path), "%s", t);
	else
		snprintf(path, sizeof(path), "%s/lxc-%s", LXCTEMPLATEDIR, t);
	if (access(path, X_OK) < 0) {
		fprintf(stderr, "lxc-create: template %s: %s\n", path, strerror(errno));
		return;
	}
	printf("\nOptions of the template %s:\n", path);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(path, path, "-h", (char *)NULL);
		fprintf(stderr, "lxc-create: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
}

/* The backend options LXC refuses with a backend they do not belong to (bdev NULL: none given, dir). */
static bool check_backend_options(const struct tool_args *args, const struct options *o, const char *bdev)
{
	bool known = !bdev;

	for (size_t i = 0; bdev && backends[i]; i++)
		known = known || !strcmp(bdev, backends[i]);
	if (!known) {
		tool_error(args, "-B %s: not a storage backend (dir, btrfs, loop, lvm, nbd, overlay, rbd, zfs, best)", bdev);
		return false;
	}
	if (bdev && !strcmp(bdev, "best"))
		return true;
	if (!bdev)
		bdev = "";
	if ((o->fstype || o->fssize) && strcmp(bdev, "lvm") && strcmp(bdev, "loop") && strcmp(bdev, "rbd")) {
		tool_error(args, "--fstype and --fssize go with -B lvm, loop or rbd only");
		return false;
	}
	if ((o->lvname || o->vgname || o->thinpool) && strcmp(bdev, "lvm")) {
		tool_error(args, "--lvname, --vgname and --thinpool go with -B lvm only");
		return false;
	}
	if ((o->rbdname || o->rbdpool) && strcmp(bdev, "rbd")) {
		tool_error(args, "--rbdname and --rbdpool go with -B rbd only");
		return false;
	}
	if (o->zfsroot && strcmp(bdev, "zfs")) {
		tool_error(args, "--zfsroot goes with -B zfs only");
		return false;
	}
	return true;
}

static void show_progress(const char *name, int step, int steps, const char *what, void *data)
{
	(void)data;
	printf("lxc-create: %s: [%d/%d] %s\n", name, step, steps, what);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "template", required_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'f' },
		{ "bdev", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "dir", required_argument, NULL, OPT_DIR },
		{ "lvname", required_argument, NULL, OPT_LVNAME },
		{ "vgname", required_argument, NULL, OPT_VGNAME },
		{ "thinpool", required_argument, NULL, OPT_THINPOOL },
		{ "fstype", required_argument, NULL, OPT_FSTYPE },
		{ "fssize", required_argument, NULL, OPT_FSSIZE },
		{ "zfsroot", required_argument, NULL, OPT_ZFSROOT },
		{ "rbdname", required_argument, NULL, OPT_RBDNAME },
		{ "rbdpool", required_argument, NULL, OPT_RBDPOOL },
		{ 0 },
	};
	struct options o = { 0 };
	struct tool_args args = {
		.progname = "lxc-create",
		.synopsis = "--name=NAME --template=TEMPLATE [OPTION...] [-- TEMPLATE-OPTIONS]",
		.description = "Create container NAME: its directory, its config (from the system's default.conf\n"
			       "or -f CONFIG) and its rootfs, filled by TEMPLATE. With -t none only the config is\n"
			       "written. TEMPLATE-OPTIONS go to the template; lxc-create -t TEMPLATE -h lists them.",
		.options_help =
			"  -t, --template=TEMPLATE       a template's name (lxc-NAME in " LXCTEMPLATEDIR ")\n"
			"                                or path; none: no rootfs, the config only\n"
			"  -f, --config=CONFIG           start from CONFIG instead of the default config\n"
			"  -B, --bdev=BDEV               storage backend of the rootfs: dir (default; best\n"
			"                                is dir too); btrfs, loop, lvm, nbd, overlay, rbd and\n"
			"                                zfs are LXC's, not supported by berth yet\n"
			"      --dir=DIR                 the rootfs directory (default LXCPATH/NAME/rootfs)\n"
			"\n"
			"  Options of the other backends (accepted as LXC's; those backends are not supported yet):\n"
			"      --lvname=LVNAME, --vgname=VG, --thinpool=TP    with -B lvm\n"
			"      --rbdname=RBDNAME, --rbdpool=POOL              with -B rbd\n"
			"      --zfsroot=PATH                                 with -B zfs\n"
			"      --fstype=TYPE, --fssize=SIZE[U]                with -B lvm, loop or rbd\n",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "t:f:B:h",
		.handle = handle,
		.data = &o,
	};
	struct bdev_specs specs;
	struct lxc_container *c;
	const char *lxcpath, *bdev = NULL, *template;
	int flags = 0, ret = EXIT_FAILURE;

	/* -h is ours: after the help, the template's own options */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			args.flags &= ~(unsigned)ARG_NAME_REQUIRED;
	tool_args_parse(&args, argc, argv);
	if (o.help) {
		tool_print_help(&args, false);
		if (o.template && strcmp(o.template, "none"))
			template_help(o.template);
		return EXIT_SUCCESS;
	}

	if (!o.template) {
		tool_error(&args, "no template given: use -t TEMPLATE (or -t none for a container without a rootfs)");
		return EXIT_FAILURE;
	}
	if (o.dir && o.dir[0] != '/') {
		tool_error(&args, "--dir=%s: the rootfs directory must be an absolute path", o.dir);
		return EXIT_FAILURE;
	}
	template = strcmp(o.template, "none") ? o.template : NULL;
	/* as LXC: "none" is dir */
	if (o.bdev)
		bdev = strcmp(o.bdev, "none") ? o.bdev : "dir";
	if (!check_backend_options(&args, &o, bdev))
		return EXIT_FAILURE;

	lxcpath = tool_lxcpath(&args);
	c = lxc_container_new(args.name, lxcpath);
	if (!c)
		return EXIT_FAILURE; /* the library said why */
	if (c->is_defined(c)) {
		tool_error(&args, "the container already exists in %s (lxc-destroy -n %s removes it)", c->config_path,
			   c->name);
		goto out;
	}
	/* as LXC: -f replaces the default config; the create falls back to the default one itself */
	if (o.config && !c->load_config(c, o.config))
		goto out;

	memset(&specs, 0, sizeof(specs));
	specs.fstype = (char *)o.fstype;
	specs.fssize = o.fssize;
	specs.zfs.zfsroot = (char *)o.zfsroot;
	specs.lvm.lv = (char *)o.lvname;
	specs.lvm.vg = (char *)o.vgname;
	specs.lvm.thinpool = (char *)o.thinpool;
	specs.rbd.rbdname = (char *)o.rbdname;
	specs.rbd.rbdpool = (char *)o.rbdpool;
	specs.dir = (char *)o.dir;

	if (args.quiet)
		flags |= LXC_CREATE_QUIET;
	/* which step: on a terminal only, and not with -q */
	if (!args.quiet && isatty(STDOUT_FILENO))
		berth_set_progress(show_progress, NULL);

	/* a failure is reported by the library in one line; Ctrl-C ends us after its cleanup */
	if (c->create(c, template, bdev, &specs, flags, args.rest))
		ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}
