/* cgroup.c - the container's cgroups behind one interface: the host's layout read once, a v1 and a v2 driver used together on hybrid hosts; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroups/cgroup.h"
#include "cgroups/driver.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/strutil.h"

struct cgroup_set {
	const struct cgroup_layout *l;
	char **paths;  /* per hierarchy: the directory we made (limits go here), NULL if none */
	int *fds;      /* per hierarchy: O_DIRECTORY fd of the directory processes enter, -1 if none */
	int *lfds;     /* per hierarchy: fd of paths[i] when processes enter an inner one, else -1 */
	char ***made;  /* per hierarchy: parents of paths[i] we created, outermost first */
	char *leaf;    /* the place's path below the base */
	char *inner;   /* NULL or the inner directory's name */
	bool relative;
};

int cg_write_at(int dirfd, const char *file, const char *value)
{
	__do_close int fd = openat(dirfd, file, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t len = strlen(value);

	if (fd < 0)
		return -errno;
	if (write(fd, value, len) != (ssize_t)len)
		return -errno;
	return 0;
}

int cg_read_at(int dirfd, const char *file, char *buf, size_t len)
{
	__do_close int fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (int)n;
}

static char *base_dir(const struct cg_hierarchy *h, bool relative)
{
	if (!relative || !strcmp(h->own, "/"))
		return strdup(h->mountpoint);
	return str_printf("%s%s", h->mountpoint, h->own);
}

/* Depth-first rmdir: the container may have made its own cgroups below ours. */
static int rmdir_tree(int parentfd, const char *name)
{
	__do_close int fd = openat(parentfd, name, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	__do_closedir DIR *d = NULL;
	struct dirent *de;

	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	d = fdopendir(fd);
	if (!d)
		return -errno;
	fd = -EBADF; /* owned by d now */
	while ((de = readdir(d))) {
		int ret;
		if (de->d_type != DT_DIR || !strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ret = rmdir_tree(dirfd(d), de->d_name);
		if (ret < 0)
			return ret;
	}
	if (unlinkat(parentfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

static void set_free(struct cgroup_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; s->l && i < s->l->n; i++) {
		free(s->paths ? s->paths[i] : NULL);
		if (s->fds && s->fds[i] >= 0)
			close(s->fds[i]);
		if (s->lfds && s->lfds[i] >= 0)
			close(s->lfds[i]);
		if (s->made)
			strv_free(s->made[i]);
	}
	free(s->paths);
	free(s->fds);
	free(s->lfds);
	free(s->made);
	free(s->leaf);
	free(s->inner);
	free(s);
}

/* An empty set over l: every fd -1. */
static struct cgroup_set *set_new(const struct cgroup_layout *l)
{
	struct cgroup_set *s = calloc(1, sizeof(*s));
	size_t n = l->n ? l->n : 1;

	if (!s)
		return NULL;
	s->l = l;
	s->paths = calloc(n, sizeof(*s->paths));
	s->fds = malloc(n * sizeof(*s->fds));
	s->lfds = malloc(n * sizeof(*s->lfds));
	s->made = calloc(n, sizeof(*s->made));
	if (!s->paths || !s->fds || !s->lfds || !s->made) {
		set_free(s);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		s->fds[i] = s->lfds[i] = -1;
	return s;
}

/*
 * Opens (making what is missing) every parent directory of `path` below
 * basefd, returning an fd of the innermost one. Directories made are
 * appended to *made (full paths, for removal) and initialized like the
 * leaf (cpuset, controller delegation).
 */
static int open_parents(const struct cg_hierarchy *h, int basefd, const char *base, const char *path, char ***made,
			char *err, size_t errlen)
{
	__do_free char *copy = strdup(path);
	__do_free char *cur = strdup(base);
	int fd = fcntl(basefd, F_DUPFD_CLOEXEC, 3);
	char *slash, *comp;

	if (!copy || !cur || fd < 0) {
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	slash = strrchr(copy, '/');
	if (!slash)
		return fd;
	*slash = '\0';
	for (char *save = NULL, *p = copy; (comp = strtok_r(p, "/", &save)); p = NULL) {
		bool created = false;
		char *next_path;
		int next;

		h->driver->prepare_base(h, fd);
		if (mkdirat(fd, comp, 0755) == 0)
			created = true;
		else if (errno != EEXIST) {
			int ret = -errno;
			snprintf(err, errlen, "cannot create cgroup %s/%s: %s", cur, comp, strerror(errno));
			close(fd);
			return ret;
		}
		next_path = str_printf("%s/%s", cur, comp);
		if (!next_path || (created && strv_append(made, next_path) < 0)) {
			free(next_path);
			close(fd);
			snprintf(err, errlen, "out of memory");
			return -ENOMEM;
		}
		free(cur);
		cur = next_path;
		next = openat(fd, comp, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (next < 0) {
			int ret = -errno;
			snprintf(err, errlen, "cannot open cgroup %s: %s", cur, strerror(errno));
			close(fd);
			return ret;
		}
		/* Also a parent that was there: an empty cpuset one would keep every
		 * task out of the leaf (init_dir only fills what is empty). */
		{
			int ret = h->driver->init_dir(h, fd, next);
			if (ret < 0) {
				snprintf(err, errlen, "cannot initialize cgroup %s: %s", cur, strerror(-ret));
				close(next);
				close(fd);
				return ret;
			}
		}
		close(fd);
		fd = next;
	}
	return fd;
}

/* Makes the place in hierarchy i: missing parents, the leaf (a stale empty one
 * from a killed monitor is replaced). The inner directory comes later
 * (make_inner), once the limits are written. */
static int create_one(struct cgroup_set *s, size_t i, char *err, size_t errlen)
{
	const struct cg_hierarchy *h = &s->l->h[i];
	const char *leaf = strrchr(s->leaf, '/') ? strrchr(s->leaf, '/') + 1 : s->leaf;
	__do_free char *root = base_dir(h, s->relative);
	__do_free char *base = NULL;
	__do_close int rootfd = -EBADF;
	__do_close int basefd = -EBADF;
	int ret, fd;

	if (!root) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	rootfd = open(root, O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		snprintf(err, errlen, "cannot open cgroup %s: %s", root, strerror(errno));
		return -errno;
	}
	basefd = open_parents(h, rootfd, root, s->leaf, &s->made[i], err, errlen);
	if (basefd < 0)
		return basefd;
	base = leaf == s->leaf ? strdup(root) : str_printf("%s/%.*s", root, (int)(leaf - 1 - s->leaf), s->leaf);
	if (!base) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	h->driver->prepare_base(h, basefd);
	if (mkdirat(basefd, leaf, 0755) < 0) {
		if (errno != EEXIST) {
			snprintf(err, errlen, "cannot create cgroup %s/%s: %s", base, leaf, strerror(errno));
			return -errno;
		}
		/* Left by a monitor that was killed: empty, so it can go. */
		ret = rmdir_tree(basefd, leaf);
		if (ret == -EBUSY) {
			snprintf(err, errlen, "cgroup %s/%s is in use by processes of an earlier run: stop them and remove the cgroup",
				 base, leaf);
			return ret;
		}
		if (ret < 0 || mkdirat(basefd, leaf, 0755) < 0) {
			ret = ret < 0 ? ret : -errno;
			snprintf(err, errlen,
				 "cgroup %s/%s already exists and cannot be removed (%s): processes of an earlier run may still be in it; stop them and remove the cgroup",
				 base, leaf, strerror(-ret));
			return ret;
		}
	}
	s->paths[i] = str_printf("%s/%s", base, leaf);
	if (!s->paths[i]) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	fd = openat(basefd, leaf, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open cgroup %s: %s", s->paths[i], strerror(errno));
		return -errno;
	}
	s->fds[i] = fd;
	ret = h->driver->init_dir(h, basefd, fd);
	if (ret < 0)
		snprintf(err, errlen, "cannot initialize cgroup %s: %s", s->paths[i], strerror(-ret));
	return ret;
}

/*
 * The inner directory of hierarchy i. Limits stay on the outer directory, out
 * of the container's reach; its processes and its cgroup namespace go one
 * level down. Made only after the limits are written: the v1 devices
 * controller refuses "a" rules in a cgroup that has children, and a child
 * keeps the device list it was made with.
 */
static int make_inner(struct cgroup_set *s, size_t i, char *err, size_t errlen)
{
	const struct cg_hierarchy *h = &s->l->h[i];
	int fd = s->fds[i], ret;

	h->driver->prepare_base(h, fd);
	if (mkdirat(fd, s->inner, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create cgroup %s/%s: %s", s->paths[i], s->inner, strerror(errno));
		return -errno;
	}
	s->lfds[i] = fd;
	s->fds[i] = openat(fd, s->inner, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (s->fds[i] < 0) {
		snprintf(err, errlen, "cannot open cgroup %s/%s: %s", s->paths[i], s->inner, strerror(errno));
		return -errno;
	}
	ret = h->driver->init_dir(h, fd, s->fds[i]);
	if (ret < 0)
		snprintf(err, errlen, "cannot initialize cgroup %s/%s: %s", s->paths[i], s->inner, strerror(-ret));
	return ret;
}

static bool selected(const struct cg_hierarchy *h, unsigned which)
{
	return (which & (h->driver->v2 ? CG_HIER_V2 : CG_HIER_V1)) != 0;
}

int cgroup_create_some(const struct cgroup_layout *l, const struct cgroup_place *pl, unsigned which,
		       struct cgroup_set **out, char *err, size_t errlen)
{
	struct cgroup_set *s = set_new(l);

	if (!s)
		return -ENOMEM;
	s->relative = pl->relative;
	s->leaf = strdup(pl->path);
	s->inner = pl->inner && *pl->inner ? strdup(pl->inner) : NULL;
	if (!s->leaf || (pl->inner && *pl->inner && !s->inner)) {
		set_free(s);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l->n; i++) {
		int ret;

		if (!selected(&l->h[i], which))
			continue;
		ret = create_one(s, i, err, errlen);
		if (ret < 0) {
			cgroup_destroy(s);
			return ret;
		}
	}
	*out = s;
	return 0;
}

int cgroup_create(const struct cgroup_layout *l, const struct cgroup_place *pl, struct cgroup_set **out,
		  char *err, size_t errlen)
{
	return cgroup_create_some(l, pl, CG_HIER_V1 | CG_HIER_V2, out, err, errlen);
}

int cgroup_make_inner(struct cgroup_set *s, unsigned which, char *err, size_t errlen)
{
	for (size_t i = 0; s->inner && i < s->l->n; i++) {
		int ret;

		if (!selected(&s->l->h[i], which) || !s->paths[i] || s->lfds[i] >= 0)
			continue;
		ret = make_inner(s, i, err, errlen);
		if (ret < 0)
			return ret; /* what was made is removed by cgroup_destroy */
	}
	return 0;
}

int cgroup_create_rest(struct cgroup_set *s, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->l->n; i++) {
		int ret;

		if (s->paths[i])
			continue;
		ret = create_one(s, i, err, errlen);
		if (ret < 0)
			return ret; /* what was made is removed by cgroup_destroy */
	}
	return 0;
}

size_t cgroup_fds(const struct cgroup_set *s, unsigned which, int *fds, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->l->n && n < max; i++)
		if (selected(&s->l->h[i], which) && s->fds[i] >= 0)
			fds[n++] = s->fds[i];
	return n;
}

void cgroup_adopt_fds(struct cgroup_set *s, unsigned which, const int *fds, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < s->l->n && k < n; i++)
		if (selected(&s->l->h[i], which)) {
			s->fds[i] = fds[k++];
			/* paths stay unknown here; errors name the mountpoint */
		}
}

bool cgroup_layout_has(const struct cgroup_layout *l, unsigned which)
{
	for (size_t i = 0; i < l->n; i++)
		if (selected(&l->h[i], which))
			return true;
	return false;
}

/* "/a/lxc.payload.c1/init.scope" -> "/a/lxc.payload.c1" when leaf is "lxc.payload.c1". */
static void cut_after_leaf(char *path, const char *leaf)
{
	size_t n = leaf ? strlen(leaf) : 0;

	for (char *p = path; n && (p = strchr(p, '/')); p++)
		if (!strncmp(p + 1, leaf, n) && (p[1 + n] == '/' || p[1 + n] == '\0')) {
			p[1 + n] = '\0';
			return;
		}
}

int cgroup_open_pid(const struct cgroup_layout *l, pid_t pid, const char *leaf, struct cgroup_set **out, char *err,
		    size_t errlen)
{
	char procfile[64], line[4096];
	__do_fclose FILE *f = NULL;
	struct cgroup_set *s = set_new(l);

	if (!s)
		return -ENOMEM;
	snprintf(procfile, sizeof(procfile), "/proc/%d/cgroup", pid);
	f = fopen(procfile, "re");
	if (!f) {
		int ret = -errno;
		snprintf(err, errlen, "cannot read %s: %s", procfile, strerror(errno));
		set_free(s);
		return ret;
	}
	while (fgets(line, sizeof(line), f)) {
		char *ctrl, *path;

		if (!cg_split_line(line, &ctrl, &path))
			continue;
		cut_after_leaf(path, leaf);
		for (size_t i = 0; i < l->n; i++) {
			const struct cg_hierarchy *h = &l->h[i];
			bool match = cg_hierarchy_is(h, ctrl);

			if (!match || s->paths[i])
				continue;
			s->paths[i] = str_printf("%s%s", h->mountpoint, strcmp(path, "/") ? path : "");
			if (!s->paths[i]) {
				set_free(s);
				return -ENOMEM;
			}
			s->fds[i] = open(s->paths[i], O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
			if (s->fds[i] < 0) {
				int ret = -errno;
				snprintf(err, errlen, "cannot open cgroup %s of process %d: %s", s->paths[i], pid, strerror(errno));
				set_free(s);
				return ret;
			}
		}
	}
	*out = s;
	return 0;
}

void cgroup_close(struct cgroup_set *s)
{
	set_free(s);
}

int cgroup_attach(struct cgroup_set *s, pid_t pid, char *err, size_t errlen)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", pid);
	for (size_t i = 0; i < s->l->n; i++) {
		int ret;
		if (s->fds[i] < 0)
			continue;
		ret = cg_write_at(s->fds[i], "cgroup.procs", buf);
		if (ret < 0) {
			snprintf(err, errlen, "cannot move process %d into cgroup %s: %s", pid, s->paths[i], strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/* fork() copies one thread; a -F monitor may be a threaded program's process. */
static bool single_threaded(void)
{
	char buf[4096];
	__do_close int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	char *p;
	int field = 2;

	if (fd < 0 || (n = read(fd, buf, sizeof(buf) - 1)) <= 0)
		return false;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	/* num_threads is field 20; fields after the comm are space-separated. */
	while (p && field < 20) {
		p = strchr(p + 1, ' ');
		field++;
	}
	return p && atoi(p + 1) == 1;
}

static int enter_one(int dirfd, bool v2, bool single)
{
	char buf[32];

	if (!v2 && single)
		return cg_write_at(dirfd, "tasks", "0");
	snprintf(buf, sizeof(buf), "%d", getpid());
	return cg_write_at(dirfd, "cgroup.procs", buf);
}

int cgroup_enter_self(struct cgroup_set *s, bool skip_v2, char *err, size_t errlen)
{
	bool single = single_threaded();

	for (size_t i = 0; i < s->l->n; i++) {
		bool v2 = s->l->h[i].driver->v2;
		int ret;

		if (s->fds[i] < 0 || (v2 && skip_v2))
			continue;
		ret = enter_one(s->fds[i], v2, single);
		if (ret < 0) {
			snprintf(err, errlen, "cannot enter cgroup %s: %s", s->paths[i] ? s->paths[i] : s->l->h[i].mountpoint,
				 strerror(-ret));
			return ret;
		}
	}
	return 0;
}

int cgroup_enter_self_v2(struct cgroup_set *s, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->l->n; i++) {
		int ret;

		if (s->fds[i] < 0 || !s->l->h[i].driver->v2)
			continue;
		ret = enter_one(s->fds[i], true, false);
		if (ret < 0) {
			snprintf(err, errlen, "cannot enter cgroup %s: %s", s->paths[i], strerror(-ret));
			return ret;
		}
	}
	return 0;
}

int cgroup_return_self(const struct cgroup_layout *l, bool v2)
{
	bool single = single_threaded();
	int ret = 0;

	for (size_t i = 0; i < l->n; i++) {
		__do_free char *dir = NULL;
		__do_close int fd = -EBADF;
		int r;

		if (l->h[i].driver->v2 && !v2)
			continue;
		dir = str_printf("%s%s", l->h[i].mountpoint, strcmp(l->h[i].own, "/") ? l->h[i].own : "");
		if (!dir)
			return -ENOMEM;
		fd = open(dir, O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			ret = -errno;
			continue;
		}
		r = enter_one(fd, l->h[i].driver->v2, single);
		if (r < 0)
			ret = r;
	}
	return ret;
}

static const struct cg_hierarchy *find_v1(const struct cgroup_layout *l, const char *controller, size_t *idx)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->h[i].driver->v2)
			continue;
		for (char **p = l->h[i].controllers; p && *p; p++)
			if (!strcmp(*p, controller)) {
				*idx = i;
				return &l->h[i];
			}
	}
	return NULL;
}

/* Whether the cgroup2 hierarchy h has the controller of KEY ("hugetlb" of
 * "hugetlb.2MB.max"); the core "cgroup.*" files every cgroup has. */
static bool v2_has_controller(const struct cg_hierarchy *h, const char *key)
{
	size_t n = strcspn(key, ".");

	if (n == 6 && !strncmp(key, "cgroup", 6))
		return true;
	for (char **c = h->controllers; c && *c; c++)
		if (strlen(*c) == n && !strncmp(*c, key, n))
			return true;
	return false;
}

bool cgroup_layout_has_v1(const struct cgroup_layout *l, const char *controller)
{
	size_t idx;

	return find_v1(l, controller, &idx) != NULL;
}

int cgroup_set_value(struct cgroup_set *s, const char *key, const char *value, bool v2, char *err, size_t errlen)
{
	size_t idx = 0;
	bool found = false;
	int ret;

	if (strchr(key, '/') || !strcmp(key, ".") || !strcmp(key, "..")) {
		snprintf(err, errlen, "'%s' is not a cgroup file name", key);
		return -EINVAL;
	}
	if (v2) {
		for (size_t i = 0; i < s->l->n; i++)
			if (s->l->h[i].driver->v2) {
				idx = i;
				found = true;
			}
		if (!found) {
			/* As LXC: a config may carry limits for both kinds of host. */
			WARN("lxc.cgroup2.%s = %s ignored: this host has no cgroup2 hierarchy (lxc.cgroup.* keys apply)", key,
			     value);
			return 0;
		}
		/* On a hybrid host most controllers live in the v1 hierarchies:
		 * a cgroup2 limit of one of those is skipped with a warning rather
		 * than failing the start of a config written for a cgroup2 host.
		 * One whose controller the unified tree carries (hugetlb on some
		 * hybrid hosts) is applied there. */
		if (!s->l->pure_v2 && !v2_has_controller(&s->l->h[idx], key)) {
			WARN("lxc.cgroup2.%s = %s ignored: this hybrid host's cgroup2 tree has no '%.*s' controller (use lxc.cgroup.* keys)",
			     key, value, (int)strcspn(key, "."), key);
			return 0;
		}
	} else {
		char controller[64];
		size_t n = strcspn(key, ".");

		snprintf(controller, sizeof(controller), "%.*s", (int)(n < 63 ? n : 63), key);
		if (s->l->pure_v2) {
			WARN("lxc.cgroup.%s = %s ignored: this host has only cgroup2 (lxc.cgroup2.* keys apply)", key, value);
			return 0;
		}
		if (!find_v1(s->l, controller, &idx)) {
			snprintf(err, errlen, "no cgroup v1 hierarchy on this host has the controller '%s'", controller);
			return -ENOENT;
		}
	}
	if (s->fds[idx] < 0) {
		snprintf(err, errlen, "the container's cgroup in %s is missing", s->l->h[idx].mountpoint);
		return -ENOENT;
	}
	ret = cg_write_at(s->lfds[idx] >= 0 ? s->lfds[idx] : s->fds[idx], key, value);
	if (ret < 0) {
		snprintf(err, errlen, "cannot write '%s' to %s/%s: %s", value, s->paths[idx], key, strerror(-ret));
		return ret;
	}
	return 0;
}

int cgroup_v1_device_rule(struct cgroup_set *s, bool allow, const char *rule, char *err, size_t errlen)
{
	const char *file = allow ? "devices.allow" : "devices.deny";
	size_t idx;
	int ret;

	if (!find_v1(s->l, "devices", &idx) || s->fds[idx] < 0)
		return 0;
	/* The outer directory first: a child may only gain what its parent has.
	 * An inner one keeps the list it was made with, so it gets the rule too. */
	if (s->lfds[idx] >= 0) {
		ret = cg_write_at(s->lfds[idx], file, rule);
		if (ret < 0) {
			snprintf(err, errlen, "cannot write '%s' to %s/%s: %s", rule, s->paths[idx], file, strerror(-ret));
			return ret;
		}
	}
	ret = cg_write_at(s->fds[idx], file, rule);
	if (ret < 0)
		snprintf(err, errlen, "cannot write '%s' to %s%s%s/%s: %s", rule, s->paths[idx], s->inner ? "/" : "",
			 s->inner ? s->inner : "", file, strerror(-ret));
	return ret;
}

int cgroup_v2_fd(const struct cgroup_set *s)
{
	for (size_t i = 0; i < s->l->n; i++)
		if (s->l->h[i].driver->v2)
			return s->fds[i];
	return -1;
}

const char *cgroup_path(const struct cgroup_set *s, const char *controller)
{
	size_t idx;

	if (!s || !s->l->n)
		return NULL;
	if (!controller)
		return s->paths[0];
	if (!strcmp(controller, CGROUP_UNIFIED)) {
		for (size_t i = 0; i < s->l->n; i++)
			if (s->l->h[i].driver->v2)
				return s->paths[i];
		return NULL;
	}
	if (find_v1(s->l, controller, &idx))
		return s->paths[idx];
	for (size_t i = 0; i < s->l->n; i++)
		if (s->l->h[i].driver->v2)
			for (char **p = s->l->h[i].controllers; p && *p; p++)
				if (!strcmp(*p, controller))
					return s->paths[i];
	return NULL;
}

int cgroup_destroy(struct cgroup_set *s)
{
	int ret = 0;

	if (!s)
		return 0;
	for (size_t i = 0; i < s->l->n; i++) {
		__do_free char *parent = NULL;
		__do_close int pfd = -EBADF;
		char *slash;
		int r;

		if (!s->paths[i]) {
			/* The leaf was never made: the parents made on the way go. */
			for (size_t k = strv_len(s->made[i]); k > 0; k--)
				(void)rmdir(s->made[i][k - 1]);
			continue;
		}
		if (s->fds[i] >= 0) {
			close(s->fds[i]);
			s->fds[i] = -1;
		}
		if (s->lfds[i] >= 0) {
			close(s->lfds[i]);
			s->lfds[i] = -1;
		}
		parent = strdup(s->paths[i]);
		if (!parent)
			return -ENOMEM;
		slash = strrchr(parent, '/');
		*slash = '\0';
		pfd = open(parent, O_DIRECTORY | O_CLOEXEC);
		if (pfd < 0) {
			ret = -errno;
			continue;
		}
		r = rmdir_tree(pfd, slash + 1);
		if (r < 0)
			ret = r;
		/* Parents we made go too, innermost first, unless something else
		 * (another container's cgroup) is in them now. Parents that were
		 * there before are never touched. */
		for (size_t k = strv_len(s->made[i]); r == 0 && k > 0; k--)
			(void)rmdir(s->made[i][k - 1]); /* EBUSY: still in use, stays */
	}
	set_free(s);
	return ret;
}

size_t cgroup_mount_specs(const struct cgroup_layout *l, struct cgroup_mount_spec *specs, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n && n < max; i++) {
		memset(&specs[n], 0, sizeof(specs[n]));
		l->h[i].driver->mount_spec(&l->h[i], &specs[n]);
		n++;
	}
	return n;
}

int cgroup_pivot_self(const struct cgroup_layout *l, const char *path, bool relative, bool v2)
{
	bool single = single_threaded();
	int ret = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct cg_hierarchy *h = &l->h[i];
		__do_free char *root = NULL;
		__do_close int rootfd = -EBADF;
		__do_close int parentfd = -EBADF;
		__do_close int fd = -EBADF;
		char **made = NULL, err[256];
		const char *leaf = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		int r;

		root = base_dir(h, relative);
		if (!root)
			return -ENOMEM;
		rootfd = open(root, O_DIRECTORY | O_CLOEXEC);
		if (rootfd < 0) {
			ret = -errno;
			continue;
		}
		/* Made if missing and kept: the monitor is still in it when it exits. */
		parentfd = open_parents(h, rootfd, root, path, &made, err, sizeof(err));
		strv_free(made);
		if (parentfd < 0) {
			ret = parentfd;
			continue;
		}
		if (mkdirat(parentfd, leaf, 0755) == 0) {
			fd = openat(parentfd, leaf, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
			if (fd >= 0)
				h->driver->init_dir(h, parentfd, fd);
		} else {
			fd = openat(parentfd, leaf, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		}
		if (fd < 0) {
			ret = -errno;
			continue;
		}
		if (h->driver->v2 && !v2)
			continue; /* made, as everywhere, but the monitor never entered cgroup2 */
		r = enter_one(fd, h->driver->v2, single);
		if (r < 0)
			ret = r;
	}
	return ret;
}

void cgroup_pass_parents(struct cgroup_set *from, struct cgroup_set *to)
{
	if (!from || !to || from->l != to->l)
		return;
	for (size_t i = 0; i < from->l->n; i++) {
		for (char **p = from->made[i]; p && *p; p++) {
			bool have = false;

			for (char **q = to->made[i]; q && *q; q++)
				have |= !strcmp(*p, *q);
			if (!have && strv_append(&to->made[i], *p) < 0)
				return; /* out of memory: from keeps the rest */
		}
		strv_free(from->made[i]);
		from->made[i] = NULL;
	}
}
