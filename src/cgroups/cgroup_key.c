/* cgroup_key.c - checking a cgroup key ("memory.limit_in_bytes") and choosing the hierarchies to look for its file in; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cgroups/cgroup.h"

int cgroup_key_check(const char *key, char *err, size_t errlen)
{
	const char *dot;

	if (!key || !*key) {
		snprintf(err, errlen, "empty cgroup key: give CONTROLLER.FILE, e.g. memory.limit_in_bytes");
		return -EINVAL;
	}
	/* The key names a file in the container's own cgroup directory:
	 * nothing that could leave it. */
	if (strchr(key, '/') || strstr(key, "..") || key[0] == '.') {
		snprintf(err, errlen, "'%s' is not a cgroup key: give CONTROLLER.FILE without '/' or '..'", key);
		return -EINVAL;
	}
	dot = strchr(key, '.');
	if (!dot || dot == key || !dot[1]) {
		snprintf(err, errlen, "'%s' is not a cgroup key: give CONTROLLER.FILE, e.g. memory.limit_in_bytes", key);
		return -EINVAL;
	}
	for (const char *p = key; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			snprintf(err, errlen, "'%s' is not a cgroup key: it has a space or control character", key);
			return -EINVAL;
		}
	return 0;
}

size_t cgroup_key_route(const char *key, char out[][64], size_t max)
{
	size_t n = 0, len = strcspn(key, ".");

	if (!max)
		return 0;
	/* cgroup.procs, cgroup.events, ...: the core files of the unified tree. */
	if (len == 6 && !strncmp(key, "cgroup", 6)) {
		snprintf(out[n++], 64, "%s", CGROUP_UNIFIED);
		return n;
	}
	/* The controller's hierarchy first (v1 on hybrid hosts, or cgroup2 where
	 * it holds the controller); then the unified tree for v2-only files. */
	snprintf(out[n++], 64, "%.*s", (int)(len < 63 ? len : 63), key);
	if (n < max)
		snprintf(out[n++], 64, "%s", CGROUP_UNIFIED);
	return n;
}
