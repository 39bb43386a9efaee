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
	char **paths; /* per hierarchy: the directory we made, NULL if none */
	int *fds;     /* per hierarchy: O_DIRECTORY fd of it, -1 if none */
	char *leaf;
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

static void hierarchy_clear(struct cg_hierarchy *h)
{
	free(h->mountpoint);
	strv_free(h->controllers);
	free(h->own);
}

void cgroup_layout_free(struct cgroup_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		hierarchy_clear(&l->h[i]);
	free(l->h);
	free(l);
}

/* Mount options that are not controllers. */
static bool is_v1_option(const char *o)
{
	static const char *const opts[] = { "rw", "ro", "noprefix", "clone_children", "xattr", "cpuset_v2_mode",
					     "favordynmods", "nsdelegate", "memory_recursiveprot" };
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		if (!strcmp(o, opts[i]))
			return true;
	return !strncmp(o, "release_agent=", 14);
}

static bool same_set(char **a, const char *csv)
{
	__do_free char *copy = strdup(csv);
	size_t na = strv_len(a), nb = 0;
	char *save = NULL;

	if (!copy)
		return false;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		bool found = false;
		for (char **p = a; p && *p; p++)
			if (!strcmp(*p, t))
				found = true;
		if (!found)
			return false;
		nb++;
	}
	return na == nb;
}

static bool strv_same_set(char **a, char **b)
{
	if (strv_len(a) != strv_len(b))
		return false;
	for (char **p = a; p && *p; p++) {
		bool found = false;
		for (char **q = b; q && *q; q++)
			found |= !strcmp(*p, *q);
		if (!found)
			return false;
	}
	return true;
}

static int add_hierarchy(struct cgroup_layout *l, const char *mountpoint, const char *fstype, const char *super)
{
	struct cg_hierarchy h = { 0 };
	struct cg_hierarchy *grown;

	h.mountpoint = strdup(mountpoint);
	if (!h.mountpoint)
		return -ENOMEM;
	if (!strcmp(fstype, "cgroup2")) {
		char path[4200], buf[1024];
		__do_close int fd = -EBADF;
		char *save = NULL;

		h.driver = &cg_v2_driver;
		snprintf(path, sizeof(path), "%s", mountpoint);
		fd = open(path, O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && cg_read_at(fd, "cgroup.controllers", buf, sizeof(buf)) >= 0)
			for (char *t = strtok_r(buf, " \n", &save); t; t = strtok_r(NULL, " \n", &save))
				if (strv_append(&h.controllers, t) < 0)
					goto nomem;
	} else {
		__do_free char *copy = strdup(super);
		char *save = NULL;

		h.driver = &cg_v1_driver;
		if (!copy)
			goto nomem;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
			if (!is_v1_option(t) && strv_append(&h.controllers, t) < 0)
				goto nomem;
		/* Same hierarchy mounted twice: keep the first. */
		for (size_t i = 0; i < l->n; i++)
			if (!l->h[i].driver->v2 && strv_same_set(l->h[i].controllers, h.controllers)) {
				hierarchy_clear(&h);
				return 0;
			}
	}
	for (size_t i = 0; i < l->n; i++)
		if (h.driver->v2 && l->h[i].driver->v2) {
			hierarchy_clear(&h);
			return 0;
		}
	grown = realloc(l->h, (l->n + 1) * sizeof(*l->h));
	if (!grown)
		goto nomem;
	l->h = grown;
	l->h[l->n++] = h;
	return 0;
nomem:
	hierarchy_clear(&h);
	return -ENOMEM;
}

static int read_own_cgroups(struct cgroup_layout *l)
{
	__do_fclose FILE *f = fopen("/proc/self/cgroup", "re");
	char line[4096];

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *ctrl, *path;

		line[strcspn(line, "\n")] = '\0';
		ctrl = strchr(line, ':');
		if (!ctrl)
			continue;
		ctrl++;
		path = strchr(ctrl, ':');
		if (!path)
			continue;
		*path++ = '\0';
		for (size_t i = 0; i < l->n; i++) {
			struct cg_hierarchy *h = &l->h[i];
			bool match = h->driver->v2 ? *ctrl == '\0' : (*ctrl && same_set(h->controllers, ctrl));
			if (!match || h->own)
				continue;
			h->own = strdup(path);
			if (!h->own)
				return -ENOMEM;
		}
	}
	return 0;
}

int cgroup_layout_detect(struct cgroup_layout **out, char *err, size_t errlen)
{
	__do_fclose FILE *f = fopen("/proc/self/mountinfo", "re");
	struct cgroup_layout *l;
	char line[8192];
	int ret;

	if (!f) {
		snprintf(err, errlen, "cannot read /proc/self/mountinfo: %s", strerror(errno));
		return -errno;
	}
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	while (fgets(line, sizeof(line), f)) {
		char *fields[10] = { 0 }, *sep, *post[3] = { 0 }, *save = NULL;
		int n = 0;

		sep = strstr(line, " - ");
		if (!sep)
			continue;
		*sep = '\0';
		for (char *t = strtok_r(line, " ", &save); t && n < 10; t = strtok_r(NULL, " ", &save))
			fields[n++] = t;
		save = NULL;
		n = 0;
		for (char *t = strtok_r(sep + 3, " \n", &save); t && n < 3; t = strtok_r(NULL, " \n", &save))
			post[n++] = t;
		if (!fields[4] || !post[0] || !post[2])
			continue;
		if (strcmp(post[0], "cgroup") && strcmp(post[0], "cgroup2"))
			continue;
		ret = add_hierarchy(l, fields[4], post[0], post[2]);
		if (ret < 0) {
			cgroup_layout_free(l);
			return ret;
		}
	}
	ret = read_own_cgroups(l);
	if (ret < 0) {
		cgroup_layout_free(l);
		snprintf(err, errlen, "cannot read /proc/self/cgroup: %s", strerror(-ret));
		return ret;
	}
	/* A hierarchy we are not in (mounted but not ours) cannot be used. */
	for (size_t i = 0; i < l->n;) {
		if (l->h[i].own) {
			i++;
			continue;
		}
		hierarchy_clear(&l->h[i]);
		memmove(&l->h[i], &l->h[i + 1], (l->n - i - 1) * sizeof(*l->h));
		l->n--;
	}
	l->pure_v2 = l->n == 1 && l->h[0].driver->v2;
	*out = l;
	return 0;
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
	}
	free(s->paths);
	free(s->fds);
	free(s->leaf);
	free(s);
}

/* mkdir leaf in hierarchy i (a stale empty one from a killed monitor is replaced). */
static int create_one(struct cgroup_set *s, size_t i, bool relative, char *err, size_t errlen)
{
	const struct cg_hierarchy *h = &s->l->h[i];
	const char *leaf = s->leaf;
	__do_free char *base = base_dir(h, relative);
	__do_close int basefd = -EBADF;
	int ret;

	if (!base) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	basefd = open(base, O_DIRECTORY | O_CLOEXEC);
	if (basefd < 0) {
		snprintf(err, errlen, "cannot open cgroup %s: %s", base, strerror(errno));
		return -errno;
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
	s->fds[i] = openat(basefd, leaf, O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (s->fds[i] < 0) {
		snprintf(err, errlen, "cannot open cgroup %s: %s", s->paths[i], strerror(errno));
		return -errno;
	}
	ret = h->driver->init_dir(h, basefd, s->fds[i]);
	if (ret < 0)
		snprintf(err, errlen, "cannot initialize cgroup %s: %s", s->paths[i], strerror(-ret));
	return ret;
}

static bool selected(const struct cg_hierarchy *h, unsigned which)
{
	return (which & (h->driver->v2 ? CG_HIER_V2 : CG_HIER_V1)) != 0;
}

int cgroup_create_some(const struct cgroup_layout *l, const char *leaf, bool relative, unsigned which,
		       struct cgroup_set **out, char *err, size_t errlen)
{
	struct cgroup_set *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->l = l;
	s->leaf = strdup(leaf);
	s->paths = calloc(l->n ? l->n : 1, sizeof(*s->paths));
	s->fds = malloc((l->n ? l->n : 1) * sizeof(*s->fds));
	if (!s->leaf || !s->paths || !s->fds) {
		set_free(s);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l->n; i++)
		s->fds[i] = -1;
	for (size_t i = 0; i < l->n; i++) {
		int ret;

		if (!selected(&l->h[i], which))
			continue;
		ret = create_one(s, i, relative, err, errlen);
		if (ret < 0) {
			cgroup_destroy(s);
			return ret;
		}
	}
	*out = s;
	return 0;
}

int cgroup_create(const struct cgroup_layout *l, const char *leaf, bool relative, struct cgroup_set **out,
		  char *err, size_t errlen)
{
	return cgroup_create_some(l, leaf, relative, CG_HIER_V1 | CG_HIER_V2, out, err, errlen);
}

int cgroup_create_rest(struct cgroup_set *s, bool relative, char *err, size_t errlen)
{
	for (size_t i = 0; i < s->l->n; i++) {
		int ret;

		if (s->paths[i])
			continue;
		ret = create_one(s, i, relative, err, errlen);
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
	struct cgroup_set *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->l = l;
	s->paths = calloc(l->n ? l->n : 1, sizeof(*s->paths));
	s->fds = malloc((l->n ? l->n : 1) * sizeof(*s->fds));
	if (!s->paths || !s->fds) {
		set_free(s);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l->n; i++)
		s->fds[i] = -1;
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

		line[strcspn(line, "\n")] = '\0';
		ctrl = strchr(line, ':');
		if (!ctrl)
			continue;
		ctrl++;
		path = strchr(ctrl, ':');
		if (!path)
			continue;
		*path++ = '\0';
		cut_after_leaf(path, leaf);
		for (size_t i = 0; i < l->n; i++) {
			const struct cg_hierarchy *h = &l->h[i];
			bool match = h->driver->v2 ? *ctrl == '\0' : (*ctrl && same_set(h->controllers, ctrl));

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
			snprintf(err, errlen, "this host has no cgroup2 hierarchy (use lxc.cgroup.* keys for cgroup v1)");
			return -ENOENT;
		}
		/* On a hybrid host the controllers live in the v1 hierarchies: as
		 * LXC, cgroup2 limits are skipped with a warning there rather than
		 * failing the start of a config written for a cgroup2 host. */
		if (!s->l->pure_v2) {
			WARN("lxc.cgroup2.%s = %s ignored: this host mixes cgroup v1 and cgroup2 (hybrid layout: use lxc.cgroup.* keys)",
			     key, value);
			return 0;
		}
	} else {
		char controller[64];
		size_t n = strcspn(key, ".");

		snprintf(controller, sizeof(controller), "%.*s", (int)(n < 63 ? n : 63), key);
		if (!find_v1(s->l, controller, &idx)) {
			snprintf(err, errlen, "no cgroup v1 hierarchy on this host has the controller '%s'%s", controller,
				 s->l->pure_v2 ? " (this host uses cgroup2: write lxc.cgroup2.* keys)" : "");
			return -ENOENT;
		}
	}
	if (s->fds[idx] < 0) {
		snprintf(err, errlen, "the container's cgroup in %s is missing", s->l->h[idx].mountpoint);
		return -ENOENT;
	}
	ret = cg_write_at(s->fds[idx], key, value);
	if (ret < 0) {
		snprintf(err, errlen, "cannot write '%s' to %s/%s: %s", value, s->paths[idx], key, strerror(-ret));
		return ret;
	}
	return 0;
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

		if (!s->paths[i])
			continue;
		if (s->fds[i] >= 0) {
			close(s->fds[i]);
			s->fds[i] = -1;
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
