/* test-cgroup-dirs.c - lxc.cgroup.dir* on fake pure-v2, pure-v1 and hybrid cgroup trees: the paths, inner directories, created and pre-existing parents, removal, the keys' checks; SPDX-License-Identifier: LGPL-2.1-or-later */
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

/* Whether DIR/REL is a directory. */
static bool is_dir(const char *dir, const char *rel)
{
	char p[512];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Three layouts of the same host: the hierarchies under root/<layout>/. */
enum layout_kind { PURE_V2, PURE_V1, HYBRID };

struct fake {
	char mp[3][160];
	char *ctl_mem[2], *ctl_pids[2], *ctl_none[1], *ctl_v2[3];
	struct cg_hierarchy h[3];
	struct cgroup_layout l;
};

static void fake_init(struct fake *f, enum layout_kind k, const char *own)
{
	static const char *const names[] = { "v2", "v1", "hybrid" };
	char dir[128];

	memset(f, 0, sizeof(*f));
	f->ctl_mem[0] = "memory";
	f->ctl_pids[0] = "pids";
	f->ctl_v2[0] = "memory";
	f->ctl_v2[1] = "pids";
	snprintf(dir, sizeof(dir), "%s/%s", root, names[k]);
	mkdir(dir, 0755);
	switch (k) {
	case PURE_V2:
		snprintf(f->mp[0], sizeof(f->mp[0]), "%s/unified", dir);
		f->h[0] = (struct cg_hierarchy){ .driver = &cg_v2_driver, .mountpoint = f->mp[0], .controllers = f->ctl_v2, .own = (char *)own };
		f->l.n = 1;
		f->l.pure_v2 = true;
		break;
	case PURE_V1:
		snprintf(f->mp[0], sizeof(f->mp[0]), "%s/memory", dir);
		snprintf(f->mp[1], sizeof(f->mp[1]), "%s/pids", dir);
		f->h[0] = (struct cg_hierarchy){ .driver = &cg_v1_driver, .mountpoint = f->mp[0], .controllers = f->ctl_mem, .own = (char *)own };
		f->h[1] = (struct cg_hierarchy){ .driver = &cg_v1_driver, .mountpoint = f->mp[1], .controllers = f->ctl_pids, .own = (char *)own };
		f->l.n = 2;
		break;
	case HYBRID:
		snprintf(f->mp[0], sizeof(f->mp[0]), "%s/memory", dir);
		snprintf(f->mp[1], sizeof(f->mp[1]), "%s/pids", dir);
		snprintf(f->mp[2], sizeof(f->mp[2]), "%s/unified", dir);
		f->h[0] = (struct cg_hierarchy){ .driver = &cg_v1_driver, .mountpoint = f->mp[0], .controllers = f->ctl_mem, .own = (char *)own };
		f->h[1] = (struct cg_hierarchy){ .driver = &cg_v1_driver, .mountpoint = f->mp[1], .controllers = f->ctl_pids, .own = (char *)own };
		f->h[2] = (struct cg_hierarchy){ .driver = &cg_v2_driver, .mountpoint = f->mp[2], .controllers = f->ctl_none, .own = (char *)own };
		f->l.n = 3;
		break;
	}
	f->l.h = f->h;
	for (size_t i = 0; i < f->l.n; i++) {
		char p[256];

		mkdir(f->mp[i], 0755);
		/* our own cgroup, for lxc.cgroup.relative */
		snprintf(p, sizeof(p), "%s%s", f->mp[i], own);
		if (strcmp(own, "/")) {
			char cmd[400];
			snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", p);
			CHECK_INT(system(cmd), 0);
		}
	}
}

static void test_paths(void)
{
	struct cgroup_dirs none = { 0 }, dir = { .dir = "a//b/" };
	struct cgroup_dirs split = { .container = "c/p", .monitor = "c/m", .inner = "in" };
	char *p;

	p = cgroup_dirs_path(&none, false, "web", 0);
	CHECK_STR(p, "lxc.payload.web");
	free(p);
	p = cgroup_dirs_path(&none, true, "web", 2);
	CHECK_STR(p, "lxc.monitor.web-2");
	free(p);
	p = cgroup_dirs_path(&dir, false, "web", 0);
	CHECK_STR(p, "a/b/lxc.payload.web");
	free(p);
	p = cgroup_dirs_path(&dir, true, "web", 1);
	CHECK_STR(p, "a/b/lxc.monitor.web-1");
	free(p);
	p = cgroup_dirs_path(&split, false, "web", 0);
	CHECK_STR(p, "c/p");
	free(p);
	p = cgroup_dirs_path(&split, true, "web", 0);
	CHECK_STR(p, "c/m");
	free(p);
	CHECK(cgroup_dirs_fixed(&split, false) && cgroup_dirs_fixed(&split, true));
	CHECK(!cgroup_dirs_fixed(&dir, false) && !cgroup_dirs_fixed(&none, true));
	CHECK_STR(cgroup_dirs_inner(&split), "in");
	/* inner only counts with dir.container */
	CHECK(cgroup_dirs_inner(&(struct cgroup_dirs){ .dir = "x", .inner = "in" }) == NULL);
}

static void test_check(void)
{
	char err[512];

	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ 0 }, err, sizeof(err)), 0);
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .dir = "x" }, err, sizeof(err)), 0);
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "c", .monitor = "m", .pivot = "p", .inner = "i" },
				    err, sizeof(err)), 0);

	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "c" }, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "must be set together");
	CHECK_CONTAINS(err, "lxc.cgroup.dir.monitor is missing");
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .monitor = "m" }, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "lxc.cgroup.dir.container is missing");
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "same", .monitor = "same/" }, err, sizeof(err)),
		  -EINVAL);
	CHECK_CONTAINS(err, "must be different cgroups");
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "a/b", .monitor = "a" }, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "neither inside the other");
	/* a shared parent is fine */
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "a/b", .monitor = "a/bc" }, err, sizeof(err)), 0);
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .dir = "d", .container = "c", .monitor = "m" }, err, sizeof(err)),
		  -EINVAL);
	CHECK_CONTAINS(err, "cannot be combined");
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "c", .monitor = "m", .pivot = "m/p" }, err,
				    sizeof(err)),
		  -EINVAL);
	CHECK_CONTAINS(err, "lxc.cgroup.dir.monitor.pivot");
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .container = "./", .monitor = "m" }, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "root cgroup itself");
	/* lxc.cgroup.dir = . is the root: the usual names right under it */
	CHECK_INT(cgroup_dirs_check(&(struct cgroup_dirs){ .dir = "." }, err, sizeof(err)), 0);
	{
		char *p = cgroup_dirs_path(&(struct cgroup_dirs){ .dir = "." }, false, "web", 0);
		CHECK_STR(p, "lxc.payload.web");
		free(p);
	}
}

/* lxc.cgroup.dir = X: X made in every hierarchy, then removed with the leaf. */
static void check_dir(enum layout_kind k)
{
	struct fake f;
	struct cgroup_set *s = NULL;
	char err[512];

	fake_init(&f, k, "/");
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "top/mid/lxc.payload.c1" }, &s, err, sizeof(err)), 0);
	if (!s)
		return;
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(is_dir(f.mp[i], "top/mid/lxc.payload.c1"));
	CHECK(strstr(cgroup_path(s, NULL), "/top/mid/lxc.payload.c1") != NULL);
	if (k != PURE_V2)
		CHECK(strstr(cgroup_path(s, "pids"), "/pids/top/mid/lxc.payload.c1") != NULL);
	CHECK_INT(cgroup_destroy(s), 0);
	for (size_t i = 0; i < f.l.n; i++) {
		CHECK(!is_dir(f.mp[i], "top/mid/lxc.payload.c1"));
		/* the parents berth made are gone too */
		CHECK(!is_dir(f.mp[i], "top"));
	}
}

/* A parent that was there before stays; so does one another container still uses. */
static void check_existing_parent(enum layout_kind k)
{
	struct fake f;
	struct cgroup_set *a = NULL, *b = NULL;
	char err[512];

	fake_init(&f, k, "/");
	for (size_t i = 0; i < f.l.n; i++) {
		char p[256];
		snprintf(p, sizeof(p), "%s/pre", f.mp[i]);
		CHECK_INT(mkdir(p, 0755), 0);
	}
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "pre/new/lxc.payload.a" }, &a, err, sizeof(err)), 0);
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "pre/new/lxc.payload.b" }, &b, err, sizeof(err)), 0);
	if (!a || !b)
		return;
	CHECK_INT(cgroup_destroy(a), 0);
	for (size_t i = 0; i < f.l.n; i++) {
		CHECK(!is_dir(f.mp[i], "pre/new/lxc.payload.a"));
		CHECK(is_dir(f.mp[i], "pre/new/lxc.payload.b"));
	}
	CHECK_INT(cgroup_destroy(b), 0);
	for (size_t i = 0; i < f.l.n; i++) {
		CHECK(is_dir(f.mp[i], "pre"));
		rmdir(f.mp[i]); /* not empty: stays */
	}
}

/* dir.container + inner: processes (and the fds handed to the child) enter the
 * inner one, limits are written to the outer one, which cgroup_path names. The
 * inner one is made after the limits (cgroup_make_inner): the v1 devices
 * controller refuses "a" rules in a cgroup with children. */
static void check_inner(enum layout_kind k)
{
	struct fake f;
	struct cgroup_set *s = NULL;
	char err[512], p[512];
	int fds[4];
	size_t n;

	fake_init(&f, k, "/");
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "ct/payload", .inner = "inner" }, &s, err,
				sizeof(err)),
		  0);
	if (!s)
		return;
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(!is_dir(f.mp[i], "ct/payload/inner"));
	snprintf(p, sizeof(p), "%s/ct/payload", f.mp[0]);
	CHECK_STR(cgroup_path(s, NULL), p);

	/* a limit lands in the outer directory, before and after the inner one is made */
	snprintf(p, sizeof(p), "%s/ct/payload/%s", f.mp[0], k == PURE_V2 ? "memory.max" : "memory.limit_in_bytes");
	close(open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	CHECK_INT(cgroup_set_value(s, k == PURE_V2 ? "memory.max" : "memory.limit_in_bytes", "64M", k == PURE_V2, err,
				   sizeof(err)),
		  0);
	CHECK_STR(unit_file_text(NULL, p), "64M");
	CHECK_INT(cgroup_make_inner(s, CG_HIER_V1 | CG_HIER_V2, err, sizeof(err)), 0);
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(is_dir(f.mp[i], "ct/payload/inner"));
	CHECK_INT(cgroup_set_value(s, k == PURE_V2 ? "memory.max" : "memory.limit_in_bytes", "32M", k == PURE_V2, err,
				   sizeof(err)),
		  0);
	CHECK_STR(unit_file_text(NULL, p), "32M");
	unlink(p);

	/* the fds for entering are the inner directories */
	n = cgroup_fds(s, CG_HIER_V1 | CG_HIER_V2, fds, 4);
	CHECK_INT((int)n, (int)f.l.n);
	for (size_t i = 0; i < n; i++) {
		char link[64], target[512];
		ssize_t len;

		snprintf(link, sizeof(link), "/proc/self/fd/%d", fds[i]);
		len = readlink(link, target, sizeof(target) - 1);
		CHECK(len > 0);
		if (len > 0) {
			target[len] = '\0';
			CHECK(strstr(target, "/ct/payload/inner") != NULL);
		}
	}
	if (k != PURE_V1) {
		char link[64], target[512];
		ssize_t len;

		snprintf(link, sizeof(link), "/proc/self/fd/%d", cgroup_v2_fd(s));
		len = readlink(link, target, sizeof(target) - 1);
		target[len > 0 ? len : 0] = '\0';
		CHECK(strstr(target, "/unified/ct/payload/inner") != NULL);
	}
	CHECK_INT(cgroup_destroy(s), 0);
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(!is_dir(f.mp[i], "ct"));
}

/* lxc.cgroup.relative: under our own cgroup of each hierarchy. */
static void check_relative(enum layout_kind k)
{
	struct fake f;
	struct cgroup_set *s = NULL;
	char err[512];

	fake_init(&f, k, "/user/session");
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "d/lxc.payload.r", .relative = true }, &s, err,
				sizeof(err)),
		  0);
	if (!s)
		return;
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(is_dir(f.mp[i], "user/session/d/lxc.payload.r"));
	CHECK(strstr(cgroup_path(s, NULL), "/user/session/d/lxc.payload.r") != NULL);
	CHECK_INT(cgroup_destroy(s), 0);
	for (size_t i = 0; i < f.l.n; i++) {
		CHECK(!is_dir(f.mp[i], "user/session/d"));
		CHECK(is_dir(f.mp[i], "user/session"));
	}
}

/* A fixed path that still holds something (a non-empty leaf) is refused, not taken over. */
static void check_busy(enum layout_kind k)
{
	struct fake f;
	struct cgroup_set *s = NULL;
	char err[512], p[256];

	fake_init(&f, k, "/");
	snprintf(p, sizeof(p), "%s/busy/held/child", f.mp[0]);
	{
		char cmd[700];
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s' && touch '%s/file'", p, p);
		CHECK_INT(system(cmd), 0);
	}
	CHECK(cgroup_create(&f.l, &(struct cgroup_place){ .path = "busy/held" }, &s, err, sizeof(err)) < 0);
	CHECK(s == NULL);
	CHECK_CONTAINS(err, "busy/held");
	/* the pre-existing parent is left alone */
	CHECK(is_dir(f.mp[0], "busy/held/child"));
}

/* lxc.cgroup.dir's parents also hold the monitor's cgroup: the payload hands
 * them over and they go with the monitor's, which is removed last. */
static void check_pass_parents(enum layout_kind k)
{
	struct fake f;
	struct cgroup_set *pay = NULL, *mon = NULL;
	char err[512];

	fake_init(&f, k, "/");
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "shared/lxc.payload.p" }, &pay, err, sizeof(err)), 0);
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "shared/lxc.monitor.p" }, &mon, err, sizeof(err)), 0);
	if (!pay || !mon)
		return;
	cgroup_pass_parents(pay, mon);
	CHECK_INT(cgroup_destroy(pay), 0);
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(is_dir(f.mp[i], "shared/lxc.monitor.p"));
	CHECK_INT(cgroup_destroy(mon), 0);
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(!is_dir(f.mp[i], "shared"));
}

/* lxc.cgroup.dir.monitor.pivot: made in every hierarchy (parents too) and kept. */
static void check_pivot(enum layout_kind k)
{
	struct fake f;

	fake_init(&f, k, "/");
	/* A fake tree has no tasks file to write: a v1 move fails, the directories are
	 * made. Without v2 the cgroup2 one is only made (nothing to move). */
	if (k == PURE_V2)
		CHECK_INT(cgroup_pivot_self(&f.l, "piv/ot", false, false), 0);
	else
		CHECK(cgroup_pivot_self(&f.l, "piv/ot", false, false) < 0);
	for (size_t i = 0; i < f.l.n; i++)
		CHECK(is_dir(f.mp[i], "piv/ot"));
}

static void layouts(void (*fn)(enum layout_kind))
{
	fn(PURE_V2);
	fn(PURE_V1);
	fn(HYBRID);
}

static void test_dir(void) { layouts(check_dir); }
static void test_existing_parent(void) { layouts(check_existing_parent); }
static void test_inner(void) { layouts(check_inner); }
static void test_relative(void) { layouts(check_relative); }
static void test_busy(void) { layouts(check_busy); }
static void test_pass_parents(void) { layouts(check_pass_parents); }
static void test_pivot(void) { layouts(check_pivot); }

UNIT_MAIN_BEGIN
{
	char cmd[128];

	snprintf(root, sizeof(root), "/tmp/berth-cgdirs.XXXXXX");
	CHECK(mkdtemp(root) != NULL);
	RUN(test_paths);
	RUN(test_check);
	RUN(test_dir);
	RUN(test_existing_parent);
	RUN(test_inner);
	RUN(test_relative);
	RUN(test_busy);
	RUN(test_pass_parents);
	RUN(test_pivot);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	(void)!system(cmd);
}
UNIT_MAIN_END
