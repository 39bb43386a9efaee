/* driver.h - what differs between cgroup v1 and v2 hierarchies, one small table each; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CGROUPS_DRIVER_H
#define BERTH_CGROUPS_DRIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroups/cgroup.h"

struct cg_driver {
	const char *name;
	bool v2;
	/* After mkdir, before any process enters (v1 cpuset needs cpus/mems). */
	int (*init_dir)(const struct cg_hierarchy *h, int basefd, int dirfd);
	/* Before creating children under basefd (v2 delegates controllers). */
	int (*prepare_base)(const struct cg_hierarchy *h, int basefd);
	/* Inside a cgroup namespace: what mounts this hierarchy. */
	void (*mount_spec)(const struct cg_hierarchy *h, struct cgroup_mount_spec *spec);
};

extern const struct cg_driver cg_v1_driver;
extern const struct cg_driver cg_v2_driver;

/* Small file helpers shared by the drivers. */
int cg_write_at(int dirfd, const char *file, const char *value);
int cg_read_at(int dirfd, const char *file, char *buf, size_t len);

/* cgroup_layout.c: a line of /proc/PID/cgroup, "ID:CONTROLLERS:PATH", split in place (the
 * controllers are "" for cgroup2); false for a line of another shape. */
bool cg_split_line(char *line, char **ctrl, char **path);
/* Whether such a line's controllers name hierarchy h. */
bool cg_hierarchy_is(const struct cg_hierarchy *h, const char *ctrl);

#endif
