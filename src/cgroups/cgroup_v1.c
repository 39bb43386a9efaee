/* cgroup_v1.c - the cgroup v1 driver: one hierarchy per controller set, cpuset needing cpus/mems before a task enters; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cgroups/driver.h"
#include "util/strutil.h"

static bool has(const struct cg_hierarchy *h, const char *c)
{
	for (char **p = h->controllers; p && *p; p++)
		if (!strcmp(*p, c))
			return true;
	return false;
}

/* A new cpuset cgroup starts with empty cpus/mems (unless the parent has
 * clone_children), and no task can enter it until both are set: copy the
 * parent's rather than change the host's clone_children. */
static int v1_init_dir(const struct cg_hierarchy *h, int basefd, int dirfd)
{
	static const char *const files[] = { "cpuset.cpus", "cpuset.mems" };

	if (!has(h, "cpuset"))
		return 0;
	for (size_t i = 0; i < 2; i++) {
		char cur[4096], parent[4096];
		int ret;

		ret = cg_read_at(dirfd, files[i], cur, sizeof(cur));
		if (ret < 0)
			return ret;
		if (*str_trim(cur))
			continue;
		ret = cg_read_at(basefd, files[i], parent, sizeof(parent));
		if (ret < 0)
			return ret;
		ret = cg_write_at(dirfd, files[i], str_trim(parent));
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int v1_prepare_base(const struct cg_hierarchy *h, int basefd)
{
	return 0;
}

static void v1_mount_spec(const struct cg_hierarchy *h, struct cgroup_mount_spec *spec)
{
	const char *base = strrchr(h->mountpoint, '/');
	size_t used = 0;

	snprintf(spec->name, sizeof(spec->name), "%s", base ? base + 1 : h->mountpoint);
	snprintf(spec->fstype, sizeof(spec->fstype), "cgroup");
	spec->options[0] = '\0';
	for (char **p = h->controllers; p && *p; p++) {
		/* Named hierarchies mount as "none,name=X". */
		int n = snprintf(spec->options + used, sizeof(spec->options) - used, "%s%s%s", used ? "," : "",
				 !strncmp(*p, "name=", 5) && !used ? "none," : "", *p);
		if (n < 0 || (size_t)n >= sizeof(spec->options) - used)
			break;
		used += (size_t)n;
	}
}

const struct cg_driver cg_v1_driver = {
	.name = "cgroup",
	.v2 = false,
	.init_dir = v1_init_dir,
	.prepare_base = v1_prepare_base,
	.mount_spec = v1_mount_spec,
};
