/* cgroup_v2.c - the cgroup2 driver: one unified tree, controllers delegated through cgroup.subtree_control; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cgroups/driver.h"
#include "util/strutil.h"

static int v2_init_dir(const struct cg_hierarchy *h, int basefd, int dirfd)
{
	return 0;
}

/* Children only get the controllers their parent enables; do it once for
 * those the parent has and has not enabled yet. A parent holding processes
 * cannot enable any (except the root): then the payload simply gets none. */
static int v2_prepare_base(const struct cg_hierarchy *h, int basefd)
{
	char avail[1024], enabled[1024], want[1200];
	char *save = NULL;
	size_t used = 0;

	if (cg_read_at(basefd, "cgroup.controllers", avail, sizeof(avail)) < 0)
		return 0;
	if (cg_read_at(basefd, "cgroup.subtree_control", enabled, sizeof(enabled)) < 0)
		enabled[0] = '\0';
	want[0] = '\0';
	for (char *c = strtok_r(avail, " \n", &save); c; c = strtok_r(NULL, " \n", &save)) {
		char needle[64];
		int n;

		snprintf(needle, sizeof(needle), " %s ", c);
		{
			char padded[1100];
			snprintf(padded, sizeof(padded), " %s ", str_trim(enabled));
			if (strstr(padded, needle))
				continue;
		}
		n = snprintf(want + used, sizeof(want) - used, "%s+%s", used ? " " : "", c);
		if (n < 0 || (size_t)n >= sizeof(want) - used)
			break;
		used += (size_t)n;
	}
	if (used)
		(void)cg_write_at(basefd, "cgroup.subtree_control", want);
	return 0;
}

static void v2_mount_spec(const struct cg_hierarchy *h, struct cgroup_mount_spec *spec)
{
	const char *base = strrchr(h->mountpoint, '/');

	/* On a pure cgroup2 host it is /sys/fs/cgroup itself; on a hybrid one a subdirectory. */
	snprintf(spec->name, sizeof(spec->name), "%s",
		 strcmp(h->mountpoint, "/sys/fs/cgroup") && base ? base + 1 : "");
	snprintf(spec->fstype, sizeof(spec->fstype), "cgroup2");
	spec->options[0] = '\0';
}

const struct cg_driver cg_v2_driver = {
	.name = "cgroup2",
	.v2 = true,
	.init_dir = v2_init_dir,
	.prepare_base = v2_prepare_base,
	.mount_spec = v2_mount_spec,
};
