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

static char *slurp(const char *dir, const char *file)
{
	static char buf[256];
	char p[512];
	FILE *f;
	size_t n;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	buf[0] = '\0';
	f = fopen(p, "re");
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
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
	CHECK_STR(slurp(mp, "memory.limit_in_bytes"), "64M");
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
	CHECK_STR(slurp(up, "memory.max"), "");
	touch(up, "hugetlb.2MB.max");
	CHECK_INT(cgroup_set_value(s, "hugetlb.2MB.max", "4194304", true, err, sizeof(err)), 0);
	CHECK_STR(slurp(up, "hugetlb.2MB.max"), "4194304");
	touch(up, "cgroup.max.depth");
	CHECK_INT(cgroup_set_value(s, "cgroup.max.depth", "3", true, err, sizeof(err)), 0);
	CHECK_STR(slurp(up, "cgroup.max.depth"), "3");
	/* "hugetlbx" is not "hugetlb" */
	CHECK_INT(cgroup_set_value(s, "hugetlbx.max", "1", true, err, sizeof(err)), 0);
	/* on a pure cgroup2 host, the unified hierarchy's file (the fake
	 * layout stays hybrid in shape; only the flag matters here) */
	h[1].controllers = pidc;
	l.pure_v2 = true;
	CHECK_INT(cgroup_set_value(s, "memory.max", "100", true, err, sizeof(err)), 0);
	CHECK_STR(slurp(up, "memory.max"), "100");
	CHECK_INT(cgroup_set_value(s, "pids.nope", "1", true, err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "unified/lxc.payload.t/pids.nope");
	/* a v1 key on a pure cgroup2 host: skipped (a config may serve both kinds of host) */
	CHECK_INT(cgroup_set_value(s, "memory.limit_in_bytes", "1M", false, err, sizeof(err)), 0);
	CHECK_STR(slurp(mp, "memory.limit_in_bytes"), "64M");
	/* a cgroup2 key on a host without cgroup2 (the layout cut to its v1 hierarchy): skipped */
	l.pure_v2 = false;
	l.n = 1;
	CHECK_INT(cgroup_set_value(s, "memory.max", "7", true, err, sizeof(err)), 0);
	CHECK_STR(slurp(up, "memory.max"), "100");
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

UNIT_MAIN_BEGIN
snprintf(root, sizeof(root), "/tmp/test-cgroup-tree.XXXXXX");
CHECK(mkdtemp(root) != NULL);
RUN(fake_hybrid_tree);
rmdir(root);
UNIT_MAIN_END
