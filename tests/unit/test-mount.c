/* test-mount.c - unit tests of mount options, fstab entries, lxc.mount.auto words (shmounts too) and resolving paths inside a root; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mount.h"
#include "shmount.h"
#include "start_plan.h"
#include "unit.h"

int mount_open_in_root_walk(int root, const char *rel, int flags);

static char err[1024];

static void options(void)
{
	struct mount_opts o;

	CHECK_INT(mount_parse_options("ro,nosuid,nodev,noexec,bind", &o, err, sizeof(err)), 0);
	CHECK(o.flags == (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_BIND));
	CHECK(o.opt & MNT_OPT_REMOUNT); /* a bind needs a second call for ro */
	CHECK(o.data == NULL);
	free(o.data);

	CHECK_INT(mount_parse_options("defaults,size=10m,mode=0755,rw,ro,rw", &o, err, sizeof(err)), 0);
	CHECK(o.flags == 0);
	CHECK_STR(o.data, "size=10m,mode=0755");
	free(o.data);

	CHECK_INT(mount_parse_options("rbind,create=dir,optional,rslave", &o, err, sizeof(err)), 0);
	CHECK(o.flags == (MS_BIND | MS_REC));
	CHECK(o.opt == (MNT_OPT_CREATE_DIR | MNT_OPT_OPTIONAL));
	CHECK(o.propagation == (MS_SLAVE | MS_REC));
	free(o.data);

	CHECK_INT(mount_parse_options("bind,create=file,relative,private", &o, err, sizeof(err)), 0);
	CHECK(o.opt == (MNT_OPT_CREATE_FILE | MNT_OPT_RELATIVE));
	CHECK(o.propagation == MS_PRIVATE);
	free(o.data);

	CHECK_INT(mount_parse_options("bind,create=pipe", &o, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "create=pipe");
	CHECK_INT(mount_parse_options("idmap=container", &o, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "idmap");
	CHECK_INT(mount_parse_options("", &o, err, sizeof(err)), 0);
	CHECK(o.flags == 0 && o.data == NULL);
}

static void entries(void)
{
	struct mount_entry e;

	CHECK_INT(mount_parse_entry("shm dev/shm tmpfs defaults,create=dir 0 0", &e, err, sizeof(err)), 0);
	CHECK_STR(e.source, "shm");
	CHECK_STR(e.target, "dev/shm");
	CHECK_STR(e.fstype, "tmpfs");
	CHECK_STR(e.options, "defaults,create=dir");
	mount_entry_free(&e);

	CHECK_INT(mount_parse_entry("/a\\040b\tmnt/c\\040d   none  bind", &e, err, sizeof(err)), 0);
	CHECK_STR(e.source, "/a b");
	CHECK_STR(e.target, "mnt/c d");
	mount_entry_free(&e);

	CHECK_INT(mount_parse_entry("proc proc proc", &e, err, sizeof(err)), 0);
	CHECK_STR(e.options, "defaults");
	mount_entry_free(&e);

	CHECK_INT(mount_parse_entry("   # a comment", &e, err, sizeof(err)), 1);
	CHECK_INT(mount_parse_entry("", &e, err, sizeof(err)), 1);
	CHECK_INT(mount_parse_entry("src target", &e, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "SOURCE TARGET TYPE");
}

/* A plan from one lxc.mount.auto value; the plan goes to *out (freed here if out is NULL). */
static int auto_plan(const char *value, struct start_plan **out)
{
	const struct plan_item items[] = { { "lxc.mount.auto", value, "t.conf", 1 } };
	struct start_plan *p = NULL;
	int ret = start_plan_build(items, 1, "c1", "/var/lib/lxc", NULL, NULL, &p, err, sizeof(err));

	if (out)
		*out = p;
	else
		start_plan_free(p);
	return ret;
}

static void auto_words(void)
{
	unsigned bits = 0;

	CHECK_INT(mount_parse_auto("proc sys cgroup", &bits, err, sizeof(err)), 0);
	CHECK(bits == (AUTO_PROC_MIXED | AUTO_SYS_MIXED | AUTO_CGROUP_NOSPEC));
	bits = 0;
	CHECK_INT(mount_parse_auto("proc:rw sys:ro cgroup:mixed:force", &bits, err, sizeof(err)), 0);
	CHECK(bits == (AUTO_PROC_RW | AUTO_SYS_RO | AUTO_CGROUP_MIXED | AUTO_CGROUP_FORCE));
	bits = 0;
	CHECK_INT(mount_parse_auto("cgroup-full:ro", &bits, err, sizeof(err)), 0);
	CHECK(bits == (AUTO_CGROUP_FULL | AUTO_CGROUP_RO));
	/* later words of the same kind replace earlier ones */
	CHECK_INT(mount_parse_auto("sys:rw", &bits, err, sizeof(err)), 0);
	CHECK(bits & AUTO_SYS_RW);
	CHECK_INT(mount_parse_auto("cgroup:rw", &bits, err, sizeof(err)), 0);
	CHECK(bits & AUTO_CGROUP_RW);
	CHECK(!(bits & (AUTO_CGROUP_FULL | AUTO_CGROUP_RO)));

	bits = 0;
	CHECK_INT(mount_parse_auto("proc:bogus", &bits, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "proc:bogus");
	CHECK_INT(mount_parse_auto("cgroup:ro:rw", &bits, err, sizeof(err)), -EINVAL);
	CHECK_INT(mount_parse_auto("cgroupx", &bits, err, sizeof(err)), -EINVAL);
	/* shmounts words are the plan builder's: checked there, no bit here */
	CHECK_INT(auto_plan("shmounts:", NULL), -EINVAL);
	CHECK_CONTAINS(err, "shmounts needs a host path");
	CHECK_INT(auto_plan("shmounts", NULL), -EINVAL);
	CHECK_INT(auto_plan("shmounts:rel/path", NULL), -EINVAL);
	CHECK_CONTAINS(err, "must be absolute");
	CHECK_INT(auto_plan("shmounts:/a:/", NULL), -EINVAL);
	bits = 0;
	CHECK_INT(mount_parse_auto("proc shmounts:/a:/b", &bits, err, sizeof(err)), 0);
	CHECK(bits == AUTO_PROC_MIXED);
	{
		struct start_plan *p = NULL;

		CHECK_INT(auto_plan("proc shmounts:/a:/b", &p), 0);
		CHECK(p && p->shmount_host && !strcmp(p->shmount_host, "/a"));
		CHECK(p && p->shmount_cont && !strcmp(p->shmount_cont, "/b"));
		start_plan_free(p);
	}
}

/* shmounts:HOST[:CONT]: the container path defaults to LXC's /dev/.lxc-mounts. */
static void shmounts_words(void)
{
	char *host = NULL, *cont = NULL;

	CHECK_INT(shmount_parse("shmounts:/run/inject:/mnt/in", &host, &cont, err, sizeof(err)), 0);
	CHECK_STR(host, "/run/inject");
	CHECK_STR(cont, "/mnt/in");
	free(host);
	free(cont);
	host = cont = NULL;
	CHECK_INT(shmount_parse("shmounts:/run/inject", &host, &cont, err, sizeof(err)), 0);
	CHECK_STR(host, "/run/inject");
	CHECK_STR(cont, "/dev/.lxc-mounts");
	free(host);
	free(cont);
	host = cont = NULL;
	/* a trailing colon is the default too, as in LXC */
	CHECK_INT(shmount_parse("shmounts:/run/inject:", &host, &cont, err, sizeof(err)), 0);
	CHECK_STR(cont, "/dev/.lxc-mounts");
	free(host);
	free(cont);
	CHECK_INT(shmount_parse("shmounts:/a:b", NULL, NULL, err, sizeof(err)), -EINVAL);
}

/* The plan binds the host path at the container path after the entries; the last word wins; "" clears. */
static void shmounts_planned(void)
{
	const struct plan_item items[] = {
		{ "lxc.rootfs.path", "/", "t.conf", 1 },
		{ "lxc.mount.auto", "proc shmounts:/run/old", "t.conf", 2 },
		{ "lxc.mount.entry", "/srv srv none bind,create=dir 0 0", "t.conf", 3 },
		{ "lxc.mount.auto", "shmounts:/run/new:/inject", "t.conf", 4 },
	};
	const struct plan_item cleared[] = {
		{ "lxc.mount.auto", "shmounts:/run/old", "t.conf", 1 },
		{ "lxc.mount.auto", "", "t.conf", 2 },
	};
	struct start_plan *p = NULL;
	size_t i_srv = 0, i_shm = 0;

	CHECK_INT(start_plan_build(items, 4, "c1", "/var/lib/lxc", NULL, NULL, &p, err, sizeof(err)), 0);
	if (!p)
		return;
	CHECK_STR(p->shmount_host, "/run/new");
	CHECK_STR(p->shmount_cont, "/inject");
	for (size_t i = 0; i < p->n_ops; i++) {
		const struct plan_op *op = &p->ops[i];
		if (op->kind != OP_MOUNT || !op->target)
			continue;
		if (!strcmp(op->target, "srv"))
			i_srv = i;
		if (!strcmp(op->target, "inject")) {
			i_shm = i;
			CHECK_STR(op->source, "/run/new");
			CHECK((op->flags & MS_BIND) && (op->opt & MNT_OPT_CREATE_DIR));
			CHECK_CONTAINS(op->origin, "t.conf:4: lxc.mount.auto");
		}
	}
	CHECK(i_shm > 0 && i_srv > 0 && i_srv < i_shm);
	start_plan_free(p);

	p = NULL;
	CHECK_INT(start_plan_build(cleared, 2, "c1", "/var/lib/lxc", NULL, NULL, &p, err, sizeof(err)), 0);
	CHECK(p && p->shmount_host == NULL);
	start_plan_free(p);

	/* a bad word is refused with the file and line */
	{
		const struct plan_item bad[] = { { "lxc.mount.auto", "shmounts:relative", "t.conf", 7 } };
		p = NULL;
		CHECK_INT(start_plan_build(bad, 1, "c1", "/var/lib/lxc", NULL, NULL, &p, err, sizeof(err)), -EINVAL);
		CHECK_CONTAINS(err, "t.conf:7");
		CHECK_CONTAINS(err, "must be absolute");
	}
}

/* A root with links that try to leave it: the resolution must stay inside. */
static char tmp[256];

static int mkroot(void)
{
	char path[512];
	int root;

	snprintf(tmp, sizeof(tmp), "/tmp/berth-test-mount.XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	snprintf(path, sizeof(path), "%s/root", tmp);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/outside", tmp);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/root/etc", tmp);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/root/etc/marker", tmp);
	close(open(path, O_CREAT | O_WRONLY, 0644));
	snprintf(path, sizeof(path), "%s/root/abs", tmp);
	symlink("/etc", path);            /* absolute: the root's /etc, not the host's */
	snprintf(path, sizeof(path), "%s/root/up", tmp);
	symlink("../../../../outside", path); /* dot-dots stop at the root */
	snprintf(path, sizeof(path), "%s/root/loop", tmp);
	symlink("loop", path);
	snprintf(path, sizeof(path), "%s/root", tmp);
	root = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return root;
}

static void rmroot(void)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
}

static void check_resolution(int (*open_fn)(int, const char *, int), int root)
{
	struct stat a, b;
	char path[512];
	int fd;

	/* abs/marker is root/etc/marker */
	fd = open_fn(root, "abs/marker", O_PATH);
	CHECK(fd >= 0);
	snprintf(path, sizeof(path), "%s/root/etc/marker", tmp);
	if (fd >= 0) {
		CHECK(fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino);
		close(fd);
	}
	/* up -> ../../../../outside resolves to root/outside, which does not exist */
	CHECK_INT(open_fn(root, "up", O_PATH), -ENOENT);
	CHECK_INT(open_fn(root, "../../outside", O_PATH), -ENOENT);
	CHECK_INT(open_fn(root, "loop", O_PATH), -ELOOP);
	fd = open_fn(root, "/etc/../../etc", O_PATH | O_DIRECTORY);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
}

static void resolve_in_root(void)
{
	int root = mkroot();

	CHECK(root >= 0);
	if (root < 0)
		return;
	check_resolution(mount_open_in_root, root);
	/* the walk used where openat2 is missing gives the same answers */
	check_resolution(mount_open_in_root_walk, root);
	close(root);
	rmroot();
}

static void create_in_root(void)
{
	char path[512];
	struct stat st;
	int root = mkroot();

	CHECK(root >= 0);
	if (root < 0)
		return;
	/* through the absolute link: created under root/etc, nothing on the host's /etc */
	CHECK_INT(mount_mkdir_in_root(root, "abs/berth-test-dir/sub", 0755), 0);
	snprintf(path, sizeof(path), "%s/root/etc/berth-test-dir/sub", tmp);
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat("/etc/berth-test-dir", &st) < 0);
	/* the dot-dot link: its target is made inside the root */
	CHECK_INT(mount_mkdir_in_root(root, "up/x", 0755), 0);
	snprintf(path, sizeof(path), "%s/root/outside/x", tmp);
	CHECK(stat(path, &st) == 0);
	snprintf(path, sizeof(path), "%s/outside/x", tmp);
	CHECK(stat(path, &st) < 0);
	CHECK_INT(mount_create_file_in_root(root, "abs/newfile", 0644), 0);
	snprintf(path, sizeof(path), "%s/root/etc/newfile", tmp);
	CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode));
	CHECK_INT(mount_mkdir_in_root(root, "loop/x", 0755), -ELOOP);
	close(root);
	rmroot();
}

static void flags_format(void)
{
	char buf[128];

	mount_flags_format(MS_RDONLY | MS_BIND | MS_REC, buf, sizeof(buf));
	CHECK_STR(buf, "ro,bind,rec");
	mount_flags_format(0, buf, sizeof(buf));
	CHECK_STR(buf, "defaults");
}

UNIT_MAIN_BEGIN
RUN(options);
RUN(entries);
RUN(auto_words);
RUN(shmounts_words);
RUN(shmounts_planned);
RUN(resolve_in_root);
RUN(create_in_root);
RUN(flags_format);
UNIT_MAIN_END
