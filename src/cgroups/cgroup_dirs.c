/* cgroup_dirs.c - the lxc.cgroup.dir* keys: checked together, and the payload's and monitor's paths they give; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroups/cgroup.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/strutil.h"

/* "a//b/./c/" -> "a/b/c" (the keys were checked for ".." and a leading '/'). */
static char *normalize(const char *p)
{
	__do_free char *copy = strdup(p);
	char *out = calloc(1, strlen(p) + 1), *save = NULL;

	if (!copy || !out) {
		free(out);
		return NULL;
	}
	for (char *c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (*out)
			strcat(out, "/");
		strcat(out, c);
	}
	return out;
}

/* Whether a is b or lies inside it. */
static bool inside(const char *a, const char *b)
{
	__do_free char *na = normalize(a);
	__do_free char *nb = normalize(b);
	size_t n;

	if (!na || !nb)
		return false;
	n = strlen(nb);
	return !strncmp(na, nb, n) && (na[n] == '\0' || na[n] == '/');
}

static bool set(const char *v)
{
	return v && *v;
}

int cgroup_dirs_check(const struct cgroup_dirs *d, char *err, size_t errlen)
{
	if (set(d->container) != set(d->monitor)) {
		snprintf(err, errlen, "lxc.cgroup.dir.container and lxc.cgroup.dir.monitor must be set together (%s is missing)",
			 set(d->container) ? "lxc.cgroup.dir.monitor" : "lxc.cgroup.dir.container");
		return -EINVAL;
	}
	for (int i = 0; i < 2; i++) {
		const char *v = i ? d->monitor : d->container;
		__do_free char *n = set(v) ? normalize(v) : NULL;

		if (n && !*n) {
			snprintf(err, errlen, "%s = %s names the root cgroup itself: give a cgroup below it",
				 i ? "lxc.cgroup.dir.monitor" : "lxc.cgroup.dir.container", v);
			return -EINVAL;
		}
	}
	if (set(d->container) && set(d->dir)) {
		snprintf(err, errlen,
			 "lxc.cgroup.dir cannot be combined with lxc.cgroup.dir.container and lxc.cgroup.dir.monitor: keep one or the other");
		return -EINVAL;
	}
	if (set(d->container) && (inside(d->container, d->monitor) || inside(d->monitor, d->container))) {
		snprintf(err, errlen,
			 "lxc.cgroup.dir.container (%s) and lxc.cgroup.dir.monitor (%s) must be different cgroups, neither inside the other",
			 d->container, d->monitor);
		return -EINVAL;
	}
	if (set(d->pivot) && set(d->container) && (inside(d->pivot, d->container) || inside(d->pivot, d->monitor))) {
		snprintf(err, errlen,
			 "lxc.cgroup.dir.monitor.pivot (%s) must lie outside lxc.cgroup.dir.container and lxc.cgroup.dir.monitor: those are removed at stop",
			 d->pivot);
		return -EINVAL;
	}
	if (set(d->inner) && !set(d->container))
		WARN("lxc.cgroup.dir.container.inner = %s has no effect without lxc.cgroup.dir.container and lxc.cgroup.dir.monitor",
		     d->inner);
	return 0;
}

bool cgroup_dirs_fixed(const struct cgroup_dirs *d, bool monitor)
{
	return set(monitor ? d->monitor : d->container);
}

const char *cgroup_dirs_inner(const struct cgroup_dirs *d)
{
	return set(d->container) && set(d->inner) ? d->inner : NULL;
}

char *cgroup_dirs_path(const struct cgroup_dirs *d, bool monitor, const char *name, int attempt)
{
	const char *fixed = monitor ? d->monitor : d->container;
	const char *prefix = monitor ? "lxc.monitor." : "lxc.payload.";
	__do_free char *leaf = NULL;
	__do_free char *joined = NULL;

	if (set(fixed))
		return normalize(fixed);
	leaf = attempt > 0 ? str_printf("%s%s-%d", prefix, name, attempt) : str_printf("%s%s", prefix, name);
	if (!leaf)
		return NULL;
	if (!set(d->dir))
		return move_ptr(leaf);
	joined = str_printf("%s/%s", d->dir, leaf);
	return joined ? normalize(joined) : NULL;
}
