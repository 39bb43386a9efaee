/* cgroup_layout.c - the host's cgroup layout: the cgroup and cgroup2 mounts of mountinfo, their controllers, and this process's cgroup in each; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroups/cgroup.h"
#include "cgroups/driver.h"
#include "util/cleanup.h"
#include "util/strutil.h"

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

/* A line of /proc/PID/cgroup, "ID:CONTROLLERS:PATH", split in place (the
 * controllers are "" for cgroup2). False for a line of another shape. */
bool cg_split_line(char *line, char **ctrl, char **path)
{
	line[strcspn(line, "\n")] = '\0';
	*ctrl = strchr(line, ':');
	if (!*ctrl)
		return false;
	(*ctrl)++;
	*path = strchr(*ctrl, ':');
	if (!*path)
		return false;
	*(*path)++ = '\0';
	return true;
}

/* Whether such a line's controllers name hierarchy h. */
bool cg_hierarchy_is(const struct cg_hierarchy *h, const char *ctrl)
{
	return h->driver->v2 ? *ctrl == '\0' : (*ctrl && same_set(h->controllers, ctrl));
}

static int read_own_cgroups(struct cgroup_layout *l, const char *self_cgroup)
{
	__do_fclose FILE *f = fopen(self_cgroup, "re");
	char line[4096];

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *ctrl, *path;

		if (!cg_split_line(line, &ctrl, &path))
			continue;
		for (size_t i = 0; i < l->n; i++) {
			struct cg_hierarchy *h = &l->h[i];
			bool match = cg_hierarchy_is(h, ctrl);
			if (!match || h->own)
				continue;
			h->own = strdup(path);
			if (!h->own)
				return -ENOMEM;
		}
	}
	return 0;
}

int cgroup_layout_read(const char *mountinfo, const char *self_cgroup, struct cgroup_layout **out, char *err,
		       size_t errlen)
{
	__do_fclose FILE *f = fopen(mountinfo, "re");
	struct cgroup_layout *l;
	char line[8192];
	int ret;

	if (!f) {
		ret = -errno;
		snprintf(err, errlen, "cannot read %s: %s", mountinfo, strerror(-ret));
		return ret;
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
		str_unescape_octal(fields[4]);
		ret = add_hierarchy(l, fields[4], post[0], post[2]);
		if (ret < 0) {
			cgroup_layout_free(l);
			return ret;
		}
	}
	ret = read_own_cgroups(l, self_cgroup);
	if (ret < 0) {
		cgroup_layout_free(l);
		snprintf(err, errlen, "cannot read %s: %s", self_cgroup, strerror(-ret));
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

int cgroup_layout_detect(struct cgroup_layout **out, char *err, size_t errlen)
{
	return cgroup_layout_read("/proc/self/mountinfo", "/proc/self/cgroup", out, err, errlen);
}
