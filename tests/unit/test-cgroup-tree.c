/* test-cgroup-tree.c - the cgroup drivers' file handling on a fake hybrid tree in a temp dir: create, path lookup, lxc.cgroup(2).* writes and their errors, destroy; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroups/cgroup.h"
#include "cgroups/driver.h"
#include "unit.h"

static char root[64];

static void touch(const char *dir, const char *file)
{
	char p[512];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
}

static void rm(const char *dir, const char *file)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	unlink(p);
}

static void fake_hybrid_tree(void)
{
	char mem[128], uni[128], err[512];
	char *memc[] = { "memory", NULL }, *unic[] = { "hugetlb", NULL }, *pidc[] = { "pids", NULL };
	struct cg_hierarchy h[2] = {
		{ .driver = &cg_v1_driver, .mountpoint = mem, .controllers = memc, .own = "/" },
		{ .driver = &cg_v2_driver, .mountpoint = uni, .controllers = unic, .own = "/" },
	};
	struct cgroup_layout l = { .h = h, .n = 2, .pure_v2 = false };
	struct cgroup_set *s = NULL;
	const char *mp, *up;

	snprintf(mem, sizeof(mem), "%s/memory", root);
	snprintf(uni, sizeof(uni), "%s/unified", root);
	CHECK_INT(mkdir(mem, 0755), 0);
	CHECK_INT(mkdir(uni, 0755), 0);

	CHECK_INT(cgroup_create(&l, &(struct cgroup_place){ .path = "lxc.payload.t" }, &s, err, sizeof(err)), 0);
	if (!s)
		return;
	mp = cgroup_path(s, "memory");
	up = cgroup_path(s, CGROUP_UNIFIED);
	CHECK(mp && strstr(mp, "/memory/lxc.payload.t"));
	CHECK(up && strstr(up, "/unified/lxc.payload.t"));
	CHECK(cgroup_path(s, "pids") == NULL);

	/* v1 key: the memory hierarchy's file */
	touch(mp, "memory.limit_in_bytes");
	CHECK_INT(cgroup_set_value(s, "memory.limit_in_bytes", "64M", false, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(mp, "memory.limit_in_bytes"), "64M");
	/* a controller no v1 hierarchy has */
	CHECK_INT(cgroup_set_value(s, "pids.max", "5", false, err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "'pids'");
	/* a missing file: the error names value, file and reason */
	CHECK_INT(cgroup_set_value(s, "memory.nope", "1", false, err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "memory/lxc.payload.t/memory.nope");
	CHECK_CONTAINS(err, "No such file");
	/* v2 key on a hybrid host: skipped when the unified tree lacks its
	 * controller (memory is v1's here), written when it has it (hugetlb) */
	touch(up, "memory.max");
	CHECK_INT(cgroup_set_value(s, "memory.max", "100", true, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(up, "memory.max"), "");
	touch(up, "hugetlb.2MB.max");
	CHECK_INT(cgroup_set_value(s, "hugetlb.2MB.max", "4194304", true, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(up, "hugetlb.2MB.max"), "4194304");
	touch(up, "cgroup.max.depth");
	CHECK_INT(cgroup_set_value(s, "cgroup.max.depth", "3", true, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(up, "cgroup.max.depth"), "3");
	/* "hugetlbx" is not "hugetlb" */
	CHECK_INT(cgroup_set_value(s, "hugetlbx.max", "1", true, err, sizeof(err)), 0);
	/* on a pure cgroup2 host, the unified hierarchy's file (the fake
	 * layout stays hybrid in shape; only the flag matters here) */
	h[1].controllers = pidc;
	l.pure_v2 = true;
	CHECK_INT(cgroup_set_value(s, "memory.max", "100", true, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(up, "memory.max"), "100");
	CHECK_INT(cgroup_set_value(s, "pids.nope", "1", true, err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "unified/lxc.payload.t/pids.nope");
	/* a v1 key on a pure cgroup2 host: skipped (a config may serve both kinds of host) */
	CHECK_INT(cgroup_set_value(s, "memory.limit_in_bytes", "1M", false, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(mp, "memory.limit_in_bytes"), "64M");
	/* a cgroup2 key on a host without cgroup2 (the layout cut to its v1 hierarchy): skipped */
	l.pure_v2 = false;
	l.n = 1;
	CHECK_INT(cgroup_set_value(s, "memory.max", "7", true, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(up, "memory.max"), "100");
	l.n = 2;
	/* nothing outside the cgroup */
	CHECK_INT(cgroup_set_value(s, "../escape", "1", false, err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_set_value(s, "..", "1", true, err, sizeof(err)), -EINVAL);

	rm(mp, "memory.limit_in_bytes");
	rm(up, "memory.max");
	rm(up, "hugetlb.2MB.max");
	rm(up, "cgroup.max.depth");
	CHECK_INT(cgroup_destroy(s), 0);
	CHECK(access(mem, F_OK) == 0);
	{
		char p[256];
		snprintf(p, sizeof(p), "%s/lxc.payload.t", mem);
		CHECK(access(p, F_OK) != 0);
		snprintf(p, sizeof(p), "%s/lxc.payload.t", uni);
		CHECK(access(p, F_OK) != 0);
	}
	rmdir(mem);
	rmdir(uni);
}

/* Writes text to root/name; returns the path (static). */
static const char *put_file(const char *name, const char *text)
{
	static char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, name);
	f = fopen(p, "we");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return p;
}

static struct cgroup_layout *layout_of(const char *mountinfo, const char *self, int *ret)
{
	char mi[512], sc[512], err[512] = "";
	struct cgroup_layout *l = NULL;

	snprintf(mi, sizeof(mi), "%s", put_file("mountinfo", mountinfo));
	snprintf(sc, sizeof(sc), "%s", put_file("cgroup", self));
	*ret = cgroup_layout_read(mi, sc, &l, err, sizeof(err));
	return l;
}

static bool has_ctrl(const struct cg_hierarchy *h, const char *c)
{
	for (char **p = h->controllers; p && *p; p++)
		if (!strcmp(*p, c))
			return true;
	return false;
}

/* The layouts berth must handle, read from fake mountinfo and /proc/self/cgroup files. */
static void layouts_from_mountinfo(void)
{
	char text[4096], uni[256], v2only[256];
	struct cgroup_layout *l;
	int ret;

	snprintf(uni, sizeof(uni), "%s/unified", root);
	snprintf(v2only, sizeof(v2only), "%s/with space", root);
	CHECK_INT(mkdir(uni, 0755), 0);
	CHECK_INT(mkdir(v2only, 0755), 0);
	put_file("unified/cgroup.controllers", "hugetlb\n");
	put_file("with space/cgroup.controllers", "cpuset cpu io memory hugetlb pids\n");

	/* hybrid, as this host: v1 controllers (one of them mounted twice, one co-mounted pair,
	 * one hierarchy this process is not in) and a cgroup2 mount carrying hugetlb */
	snprintf(text, sizeof(text),
		 "22 1 0:21 / /sys rw - sysfs sysfs rw\n"
		 "35 25 0:30 / %s rw,nosuid shared:10 - cgroup2 cgroup2 rw,nsdelegate\n"
		 "36 25 0:31 / /sys/fs/cgroup/memory rw,nosuid shared:11 - cgroup cgroup rw,memory\n"
		 "37 25 0:32 / /sys/fs/cgroup/cpu,cpuacct rw shared:12 - cgroup cgroup rw,cpu,cpuacct\n"
		 "38 25 0:31 / /mnt/memory-again rw - cgroup cgroup rw,memory\n"
		 "39 25 0:33 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd,release_agent=/x\n"
		 "40 25 0:34 / /mnt/foreign rw - cgroup cgroup rw,net_prio\n"
		 "a line without the separator\n",
		 uni);
	l = layout_of(text, "12:memory:/user.slice\n11:cpu,cpuacct:/\n1:name=systemd:/init.scope\n0::/init.scope\n", &ret);
	CHECK_INT(ret, 0);
	if (l) {
		CHECK_INT((int)l->n, 4);
		CHECK(!l->pure_v2);
		for (size_t i = 0; i < l->n; i++) {
			const struct cg_hierarchy *h = &l->h[i];
			if (h->driver->v2) {
				CHECK_STR(h->mountpoint, uni);
				CHECK(has_ctrl(h, "hugetlb") && !has_ctrl(h, "memory"));
				CHECK_STR(h->own, "/init.scope");
			} else if (has_ctrl(h, "memory")) {
				CHECK_STR(h->mountpoint, "/sys/fs/cgroup/memory"); /* the first of the two mounts */
				CHECK_STR(h->own, "/user.slice");
			} else if (has_ctrl(h, "cpu")) {
				CHECK(has_ctrl(h, "cpuacct") && !has_ctrl(h, "rw"));
				CHECK_STR(h->own, "/");
			} else {
				CHECK(has_ctrl(h, "name=systemd") && !has_ctrl(h, "xattr") && !has_ctrl(h, "release_agent=/x"));
				CHECK_STR(h->own, "/init.scope");
			}
			CHECK(!has_ctrl(h, "net_prio")); /* not ours: dropped */
		}
		cgroup_layout_free(l);
	}

	/* pure cgroup2, mounted at a path mountinfo escapes */
	snprintf(text, sizeof(text), "30 25 0:26 / %s/with\\040space rw - cgroup2 cgroup2 rw,nsdelegate\n", root);
	l = layout_of(text, "0::/user.slice/session-1.scope\n", &ret);
	CHECK_INT(ret, 0);
	if (l) {
		CHECK_INT((int)l->n, 1);
		CHECK(l->pure_v2);
		if (l->n == 1) {
			CHECK_STR(l->h[0].mountpoint, v2only);
			CHECK(has_ctrl(&l->h[0], "memory") && has_ctrl(&l->h[0], "pids"));
			CHECK_STR(l->h[0].own, "/user.slice/session-1.scope");
		}
		cgroup_layout_free(l);
	}

	/* pure v1: no cgroup2 line at all; a second cgroup2 mount would be ignored the same way */
	l = layout_of("36 25 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
		      "37 25 0:32 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n",
		      "5:pids:/a\n4:memory:/a\n", &ret);
	CHECK_INT(ret, 0);
	if (l) {
		CHECK_INT((int)l->n, 2);
		CHECK(!l->pure_v2);
		cgroup_layout_free(l);
	}

	/* no cgroups at all: an empty layout, not an error */
	l = layout_of("22 1 0:21 / /sys rw - sysfs sysfs rw\n", "", &ret);
	CHECK_INT(ret, 0);
	if (l) {
		CHECK_INT((int)l->n, 0);
		cgroup_layout_free(l);
	}

	/* unreadable files name themselves */
	{
		char err[512] = "", missing[300];
		snprintf(missing, sizeof(missing), "%s/missing", root);
		CHECK_INT(cgroup_layout_read(missing, missing, &l, err, sizeof(err)), -ENOENT);
		CHECK(strstr(err, "cannot read ") && strstr(err, "/missing: No such file or directory"));
	}

	rm(uni, "cgroup.controllers");
	rm(v2only, "cgroup.controllers");
	rmdir(uni);
	rmdir(v2only);
	rm(root, "mountinfo");
	rm(root, "cgroup");
}

UNIT_MAIN_BEGIN
snprintf(root, sizeof(root), "/tmp/test-cgroup-tree.XXXXXX");
CHECK(mkdtemp(root) != NULL);
RUN(fake_hybrid_tree);
RUN(layouts_from_mountinfo);
rmdir(root);
UNIT_MAIN_END
