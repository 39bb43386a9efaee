/* create.c - the create method: config, rootfs, template, identity; and undoing all of it when a step fails or Ctrl-C comes; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "conf/conf.h"
#include "container.h"
#include "create.h"
#include "create_identity.h"
#include "log.h"
#include "paths.h"
#include "template.h"
#include "template_signal.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/rmtree.h"
#include "util/strutil.h"

/*
 * The steps, and how they exclude others:
 *
 *  1. under the container lock: make LXCPATH/NAME (mkdir: whoever makes it
 *     first owns the name), the "partial" file LXC also uses (created with
 *     O_EXCL and kept locked until the end: it tells another create, LXC's
 *     too, that the name is being created), the rootfs, and the config with
 *     lxc.rootfs.path, which templates read and append to;
 *  2. without the lock (it can take minutes; lxc-ls and lxc-info must not
 *     hang): run the template;
 *  3. under the lock: reload the config the template appended to, fill in
 *     the random MAC digits, write a fresh machine-id, drop "partial".
 *
 * Every step records what it made; when a later one fails, or SIGINT,
 * SIGTERM or SIGHUP comes, exactly that is removed (a directory that existed
 * before stays, a config that existed before is put back), and the error
 * says in one line what failed.
 */

enum { STEPS = 4, STEPS_NONE = 2 };

struct create_job {
	struct lxc_container *c;
	const char *tpath;  /* NULL: no template (-t none) */
	char *const *argv;
	bool quiet;

	char *cdir, *config, *partial;
	char *rootfs;       /* a plain directory path */

	/* what this create made, for undo() */
	bool made_cdir;
	bool had_config;
	char *orig_config;  /* the config's text before, put back on failure */
	size_t orig_len;
	mode_t orig_mode;
	bool wrote_config;
	int partial_fd;
	bool made_partial;
	char *rootfs_top;   /* the topmost directory made for the rootfs */
	bool empty_rootfs;  /* the rootfs existed, empty: empty it again */

	bool locked;
};

static const char *const backends[] = { "dir", "btrfs", "loop", "lvm", "nbd", "overlay", "overlayfs", "rbd", "zfs" };

static bool job_lock(struct create_job *j)
{
	if (!j->locked && container_disk_lock(j->c) == 0)
		j->locked = true;
	return j->locked;
}

static void job_unlock(struct create_job *j)
{
	if (j->locked)
		container_disk_unlock(j->c);
	j->locked = false;
}

/* A path below dir (or dir itself)? Both are plain absolute paths without trailing slashes. */
static bool path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

/* Removes what this create made; appends to msg what could not be removed. */
static void undo(struct create_job *j, char *msg, size_t msglen)
{
	char err[1024] = "";
	int ret = 0;
	/* the partial file alone is not worth a word */
	bool made = j->made_cdir || j->wrote_config || j->rootfs_top || j->empty_rootfs;

	job_lock(j);
	if (j->rootfs_top && !(j->made_cdir && path_within(j->rootfs_top, j->cdir)))
		ret = rmtree(j->rootfs_top, NULL, err, sizeof(err));
	else if (j->empty_rootfs)
		ret = rmtree(j->rootfs, &(struct rmtree_opts){ .keep_top = true }, err, sizeof(err));

	if (j->made_cdir) {
		char err2[1024] = "";
		int r2 = rmtree(j->cdir, NULL, err2, sizeof(err2));

		if (r2 < 0 && ret == 0) {
			ret = r2;
			memcpy(err, err2, sizeof(err));
		}
	} else {
		if (j->wrote_config) {
			int r2 = j->had_config ? file_write_atomic(j->config, j->orig_config, j->orig_len, j->orig_mode)
					       : (unlink(j->config) < 0 && errno != ENOENT ? -errno : 0);
			if (r2 < 0 && ret == 0) {
				ret = r2;
				snprintf(err, sizeof(err), "%s: cannot put it back: %s", j->config, strerror(-r2));
			}
		}
		if (j->made_partial)
			unlink(j->partial);
	}
	if (j->partial_fd >= 0)
		close(move_fd(j->partial_fd));
	job_unlock(j);

	if (ret < 0) {
		size_t n = strlen(msg);
		snprintf(msg + n, msglen - n, "; could not remove everything it made: %s", err);
	} else if (made) {
		size_t n = strlen(msg);
		snprintf(msg + n, msglen - n, "; removed what this create had made");
	}
}

__attribute__((format(printf, 3, 4))) static bool fail(struct create_job *j, int err, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	undo(j, msg, sizeof(msg));
	container_error(j->c, err, "%s", msg);
	return false;
}

/* A signal came: stop at the next step. */
static bool interrupted(struct create_job *j, const char *while_doing)
{
	int sig = template_signal_pending();

	if (!sig)
		return false;
	fail(j, EINTR, "interrupted by signal %d (%s) while %s", sig, strsignal(sig), while_doing);
	return true;
}

/* mkdir -p that remembers the first directory it made, so the undo removes exactly those. */
static int mkdir_tracked(const char *path, mode_t mode, char **top)
{
	__do_free char *p = strdup(path);

	if (!p)
		return -ENOMEM;
	for (char *s = p + 1;; s++) {
		bool last = *s == '\0';
		struct stat st;

		if (*s != '/' && !last)
			continue;
		*s = '\0';
		if (mkdir(p, mode) == 0) {
			/* exactly this mode, whatever the umask: as LXC's create does */
			chmod(p, mode);
			if (!*top && !(*top = strdup(p)))
				return -ENOMEM;
		} else if (errno != EEXIST || stat(p, &st) < 0 || !S_ISDIR(st.st_mode)) {
			return errno == EEXIST ? -ENOTDIR : -errno;
		}
		if (last)
			return 0;
		*s = '/';
	}
}

/* 1 if the directory holds nothing (an ext4 lost+found aside), 0 if it holds something, -errno. */
static int dir_is_empty(const char *path)
{
	__do_closedir DIR *d = opendir(path);
	struct dirent *de;

	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, "lost+found"))
			return 0;
	return 1;
}

/* The directory of an lxc.rootfs.path value ("dir:/x" or "/x"); NULL with *why if not a directory backend. */
static char *rootfs_dir_of(const char *value, const char **why)
{
	const char *colon = strchr(value, ':');

	*why = NULL;
	if (value[0] == '/')
		return path_strip_trailing(value);
	if (colon && (size_t)(colon - value) == 3 && !strncmp(value, "dir", 3) && colon[1] == '/')
		return path_strip_trailing(colon + 1);
	*why = colon ? "its backend is not dir" : "it is not an absolute path";
	return NULL;
}

static bool backend_ok(struct create_job *j, const char *bdevtype)
{
	if (!bdevtype || !strcmp(bdevtype, "dir") || !strcmp(bdevtype, "best") || !strcmp(bdevtype, "none"))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(backends); i++)
		if (!strcmp(bdevtype, backends[i])) {
			container_error(j->c, ENOTSUP,
					"storage backend %s is not supported by berth yet: use the dir backend (-B dir, the default)",
					bdevtype);
			return false;
		}
	container_error(j->c, EINVAL, "%s is not a storage backend (dir, btrfs, loop, lvm, nbd, overlay, rbd, zfs)",
			bdevtype);
	return false;
}

static int load_conf(const char *file, struct lxc_config **out, struct conf_error *err)
{
	struct lxc_config *conf = conf_new();
	int ret;

	err->text[0] = '\0';
	if (!conf)
		return -ENOMEM;
	ret = conf_load_file(conf, file, err);
	if (ret < 0) {
		conf_free(conf);
		if (!err->text[0])
			snprintf(err->text, sizeof(err->text), "%s: %s", file, strerror(-ret));
		return ret;
	}
	*out = conf;
	return 0;
}

/* As LXC: a create without a loaded config starts from the system's default config. */
static bool ensure_conf(struct create_job *j)
{
	struct berth_container *b = container_priv(j->c);
	const char *def;
	struct conf_error err;

	if (b->conf)
		return true;
	def = lxc_get_global_config_item("lxc.default_config");
	if (def && access(def, F_OK) == 0) {
		int ret = load_conf(def, &b->conf, &err);

		if (ret < 0)
			return fail(j, -ret, "cannot load the default config: %s", err.text);
		return true;
	}
	b->conf = conf_new();
	return b->conf ? true : fail(j, ENOMEM, "out of memory");
}

/* With a template: is there a container already (a config whose rootfs exists)? As LXC, a config
 * without one (python3-lxc saves the config before it creates) is not a container yet. */
static bool not_created_yet(struct create_job *j)
{
	struct lxc_config *disk = NULL;
	struct conf_error err;
	__do_free char *dir = NULL;
	const char *v, *why;
	struct stat st;
	bool exists;

	if (!j->had_config)
		return true;
	if (load_conf(j->config, &disk, &err) < 0)
		return fail(j, EEXIST, "the container already exists in %s (its config does not load: %s)", j->c->config_path,
			    err.text);
	v = conf_get(disk, "lxc.rootfs.path");
	dir = v && *v ? rootfs_dir_of(v, &why) : NULL;
	exists = v && *v && (!dir || stat(dir, &st) == 0);
	conf_free(disk);
	if (exists)
		return fail(j, EEXIST, "the container already exists in %s (lxc-destroy -n %s removes it)", j->c->config_path,
			    j->c->name);
	return true;
}

/* Makes or claims LXCPATH/NAME and the partial file; false (reported) if the name is taken. */
static bool claim_name(struct create_job *j)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	struct stat st;
	int ret;

	ret = mkdir_p(j->c->config_path, 0755);
	if (ret < 0)
		return fail(j, -ret, "cannot create the container path %s: %s", j->c->config_path, strerror(-ret));
	if (mkdir(j->cdir, 0770) == 0) {
		j->made_cdir = true;
		chmod(j->cdir, 0770); /* as LXC's, whatever the umask: the config may hold secrets */
	} else if (errno != EEXIST) {
		return fail(j, errno, "cannot create %s: %s", j->cdir, strerror(errno));
	} else if (stat(j->cdir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		return fail(j, EEXIST, "%s exists and is not a directory", j->cdir);
	}

	if (!j->made_cdir && access(j->partial, F_OK) == 0) {
		__do_close int fd = open(j->partial, O_RDWR | O_CLOEXEC);

		if (fd >= 0 && fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
			return fail(j, EBUSY, "the name is taken: another process is creating this container now (%s is locked)",
				    j->partial);
		if (access(j->config, F_OK) == 0)
			return fail(j, EEXIST,
				    "an earlier create of this container was interrupted and left %s behind: lxc-destroy -n %s -P %s removes it",
				    j->cdir, j->c->name, j->c->config_path);
		/* killed before it wrote a config: there is no container lxc-destroy would know */
		return fail(j, EEXIST,
			    "an earlier create of this container was interrupted before it wrote a config: remove %s by hand (rm -r)",
			    j->cdir);
	}

	if (stat(j->config, &st) == 0) {
		int r = file_read_all(j->config, &j->orig_config, &j->orig_len);

		if (r < 0)
			return fail(j, -r, "cannot read %s: %s", j->config, strerror(-r));
		j->had_config = true;
		j->orig_mode = st.st_mode & 07777;
	}
	if (j->tpath && !not_created_yet(j))
		return false;

	/* LXC's tools and lxc_container_new() know this file too: a create is under way while it is locked */
	j->partial_fd = open(j->partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0000);
	if (j->partial_fd < 0 && errno == EEXIST)
		return fail(j, EBUSY, "the name is taken: another process is creating this container now (%s exists)",
			    j->partial);
	if (j->partial_fd < 0)
		return fail(j, errno, "cannot create %s: %s", j->partial, strerror(errno));
	j->made_partial = true;
	fl = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fcntl(j->partial_fd, F_OFD_SETLK, &fl) < 0)
		return fail(j, errno, "cannot lock %s: %s", j->partial, strerror(errno));
	return true;
}

/* Decides where the rootfs goes and makes it; sets lxc.rootfs.path. */
static bool make_rootfs(struct create_job *j, struct bdev_specs *specs)
{
	struct lxc_config *conf = container_priv(j->c)->conf;
	struct conf_error cerr;
	__do_free char *value = NULL;
	const char *v = conf_get(conf, "lxc.rootfs.path"), *why;
	struct stat st;
	int ret;

	if (specs && specs->dir) {
		if (specs->dir[0] != '/')
			return fail(j, EINVAL, "the rootfs directory %s must be an absolute path", specs->dir);
		j->rootfs = path_strip_trailing(specs->dir);
	} else if (v && *v) {
		j->rootfs = rootfs_dir_of(v, &why);
		if (!j->rootfs && why)
			return fail(j, ENOTSUP, "lxc.rootfs.path = %s: %s; berth creates only directory rootfses yet", v, why);
	} else {
		j->rootfs = str_printf("%s/rootfs", j->cdir);
	}
	if (!j->rootfs)
		return fail(j, ENOMEM, "out of memory");

	if (stat(j->rootfs, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return fail(j, ENOTDIR, "the rootfs %s exists and is not a directory", j->rootfs);
		ret = dir_is_empty(j->rootfs);
		if (ret < 0)
			return fail(j, -ret, "cannot read the rootfs %s: %s", j->rootfs, strerror(-ret));
		if (ret == 0)
			return fail(j, ENOTEMPTY,
				    "the rootfs %s is not empty: a template fills an empty directory (empty it, or choose another one with --dir)",
				    j->rootfs);
		j->empty_rootfs = true;
	} else {
		ret = mkdir_tracked(j->rootfs, 0755, &j->rootfs_top);
		if (ret < 0)
			return fail(j, -ret, "cannot create the rootfs %s: %s", j->rootfs, strerror(-ret));
	}

	value = str_printf("dir:%s", j->rootfs);
	if (!value)
		return fail(j, ENOMEM, "out of memory");
	ret = conf_set(conf, "lxc.rootfs.path", value, &cerr);
	if (ret < 0)
		return fail(j, -ret, "%s", cerr.text[0] ? cerr.text : strerror(-ret));
	return true;
}

static bool write_config(struct create_job *j)
{
	int ret = conf_write(container_priv(j->c)->conf, j->config);

	if (ret < 0)
		return fail(j, -ret, "cannot write the config %s: %s", j->config, strerror(-ret));
	j->wrote_config = true;
	return true;
}

/* Which template made the container, with which arguments, above what the template wrote. */
static int prepend_header(struct create_job *j)
{
	__do_free char *text = NULL, *out = NULL, *args = NULL;
	size_t len, alen = 0;
	struct stat st;
	int ret;

	ret = file_read_all(j->config, &text, &len);
	if (ret < 0)
		return ret;
	for (size_t i = 0; j->argv && j->argv[i]; i++)
		alen += strlen(j->argv[i]) + 1;
	args = calloc(1, alen + 1);
	if (!args)
		return -ENOMEM;
	for (size_t i = 0; j->argv && j->argv[i]; i++) {
		if (i)
			strcat(args, " ");
		strcat(args, j->argv[i]);
	}
	out = str_printf("# Made by lxc-create with the template %s\n%s%s%s"
			 "# Every key is described in lxc.container.conf(5).\n\n%s",
			 j->tpath, *args ? "# Template arguments: " : "", args, *args ? "\n" : "", text);
	if (!out)
		return -ENOMEM;
	if (stat(j->config, &st) < 0)
		return -errno;
	return file_write_atomic(j->config, out, strlen(out), st.st_mode & 07777);
}

/* Step 3: the config the template left, the identity, the end of "partial". */
static bool finish(struct create_job *j)
{
	struct berth_container *b = container_priv(j->c);
	struct lxc_config *conf = NULL;
	struct conf_error cerr;
	char err[1024];
	bool changed;
	int ret;

	if (!job_lock(j))
		return fail(j, EAGAIN, "cannot take the container lock again after the template ran");
	if (j->tpath) {
		ret = prepend_header(j);
		if (ret < 0)
			return fail(j, -ret, "cannot write the config %s: %s", j->config, strerror(-ret));
	}
	ret = load_conf(j->config, &conf, &cerr);
	if (ret < 0)
		return fail(j, -ret, "the template left a config that does not load: %s", cerr.text);
	ret = conf_fill_hwaddrs(conf, &changed, err, sizeof(err));
	if (ret == 0 && changed && (ret = conf_write(conf, j->config)) < 0)
		snprintf(err, sizeof(err), "cannot write the config %s: %s", j->config, strerror(-ret));
	if (ret < 0) {
		conf_free(conf);
		return fail(j, -ret, "%s", err);
	}
	if (j->rootfs) {
		ret = rootfs_write_machine_id(j->rootfs, err, sizeof(err));
		if (ret < 0) {
			conf_free(conf);
			return fail(j, -ret, "cannot write the machine-id: %s", err);
		}
	}
	if (template_signal_pending()) {
		conf_free(conf);
		return !interrupted(j, "finishing the container");
	}

	conf_free(b->conf);
	b->conf = conf;
	if (j->made_partial)
		unlink(j->partial);
	if (j->partial_fd >= 0)
		close(move_fd(j->partial_fd));
	job_unlock(j);
	return true;
}

static bool run_template(struct create_job *j)
{
	__do_free_strv char **argv = NULL, **env = NULL;
	char err[1024];
	int ret;

	argv = template_build_argv(j->tpath, j->cdir, j->c->name, j->rootfs, -1, -1, j->argv);
	env = template_build_env(j->c->name, j->cdir, j->rootfs, j->config);
	if (!argv || !env)
		return fail(j, ENOMEM, "out of memory");
	ret = template_run(&(struct template_job){ .path = j->tpath,
						   .argv = argv,
						   .env = env,
						   .quiet = j->quiet,
						   .private_mounts = geteuid() == 0 },
			   err, sizeof(err));
	if (ret == -EINTR)
		return !interrupted(j, "the template ran");
	if (ret == -ECANCELED)
		return fail(j, EIO, "template %s %s%s", j->tpath, err, j->quiet ? "" : " (its messages are above)");
	if (ret < 0)
		return fail(j, -ret, "%s", err);
	return true;
}

static bool do_create(struct create_job *j, const char *t, const char *bdevtype, struct bdev_specs *specs)
{
	struct lxc_container *c = j->c;
	__do_free char *tpath = NULL;
	__do_free const char **maps = NULL;
	char err[1024];

	if (t) {
		tpath = template_find(t, LXCTEMPLATEDIR, err, sizeof(err));
		if (!tpath) {
			container_error(c, ENOENT, "%s", err);
			return false;
		}
		if (!backend_ok(j, bdevtype))
			return false;
	}
	j->tpath = tpath;

	if (!job_lock(j))
		return false;
	create_progress(c, 1, t ? STEPS : STEPS_NONE, t ? "writing the config and making the rootfs" : "writing the config");
	if (!claim_name(j) || !ensure_conf(j))
		return false;
	if (interrupted(j, "writing the config"))
		return false;

	if (!t) {
		/* as LXC: -t none writes the config only; a rootfs it names must exist */
		struct lxc_config *conf = container_priv(c)->conf;
		const char *v = conf_get(conf, "lxc.rootfs.path"), *why;
		__do_free char *dir = v && *v ? rootfs_dir_of(v, &why) : NULL;
		struct stat st;
		bool changed;

		if (dir && stat(dir, &st) < 0)
			return fail(j, ENOENT, "lxc.rootfs.path = %s: %s does not exist", v, dir);
		if (conf_fill_hwaddrs(conf, &changed, err, sizeof(err)) < 0)
			return fail(j, EINVAL, "%s", err);
		if (!write_config(j))
			return false;
		if (j->made_partial)
			unlink(j->partial);
		close(move_fd(j->partial_fd));
		job_unlock(j);
		create_progress(c, STEPS_NONE, STEPS_NONE, "created the container (config %s, no rootfs)", j->config);
		return true;
	}

	maps = conf_get_list(container_priv(c)->conf, "lxc.idmap");
	if (maps && maps[0])
		/* the template would have to run in the container's user namespace (LXC's lxc-usernsexec) */
		return fail(j, ENOTSUP,
			    "the config has lxc.idmap: berth cannot run templates for unprivileged containers yet (create with -t none, or without lxc.idmap)");
	if (!make_rootfs(j, specs) || !write_config(j))
		return false;
	job_unlock(j);
	if (interrupted(j, "making the rootfs"))
		return false;

	create_progress(c, 2, STEPS, "running the template %s", j->tpath);
	if (!run_template(j))
		return false;

	create_progress(c, 3, STEPS, "giving the container its own MAC addresses and machine-id");
	if (!finish(j))
		return false;
	create_progress(c, STEPS, STEPS, "created the container (rootfs %s)", j->rootfs);
	return true;
}

static bool m_create(struct lxc_container *c, const char *t, const char *bdevtype, struct bdev_specs *specs, int flags,
		     char *const argv[])
{
	struct create_job j = { .c = c, .argv = argv, .quiet = flags & LXC_CREATE_QUIET, .partial_fd = -EBADF };
	bool ok;
	int ret = -1;

	if (!c)
		return false;
	j.cdir = container_dir(c->config_path, c->name);
	j.config = c->configfile ? strdup(c->configfile) : NULL;
	j.partial = j.cdir ? str_printf("%s/partial", j.cdir) : NULL;
	if (!j.cdir || !j.config || !j.partial) {
		container_error(c, ENOMEM, "out of memory");
		ok = false;
		goto out;
	}
	ret = template_signals_enter();
	if (ret < 0) {
		container_error(c, -ret, "cannot catch signals during the create: %s", strerror(-ret));
		ok = false;
		goto out;
	}
	ok = do_create(&j, t, bdevtype, specs);
	job_unlock(&j);
	if (j.partial_fd >= 0)
		close(j.partial_fd);
out:
	free(j.cdir);
	free(j.config);
	free(j.partial);
	free(j.rootfs);
	free(j.rootfs_top);
	free(j.orig_config);
	/* a caught signal is raised again here, once everything is cleaned up */
	if (ret >= 0)
		template_signals_leave();
	return ok;
}

static bool m_createl(struct lxc_container *c, const char *t, const char *bdevtype, struct bdev_specs *specs, int flags,
		      ...)
{
	__do_free char **argv = NULL;
	size_t n = 0;
	va_list ap;
	bool ok;

	if (!c)
		return false;
	va_start(ap, flags);
	while (va_arg(ap, char *))
		n++;
	va_end(ap);
	argv = calloc(n + 1, sizeof(*argv));
	if (!argv) {
		container_error(c, ENOMEM, "out of memory");
		return false;
	}
	va_start(ap, flags);
	for (size_t i = 0; i < n; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	ok = m_create(c, t, bdevtype, specs, flags, argv);
	return ok;
}

void container_install_create(struct lxc_container *c)
{
	c->create = m_create;
	c->createl = m_createl;
}
