/* rootfs.h - the container's root: propagation, binding the rootfs at its mount point, pivot_root with the old root detached, cgroup auto-mounts; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_ROOTFS_H
#define BERTH_ROOTFS_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroups/cgroup.h"

/* mount("", "/", flags) so nothing we mount reaches the host (MS_SLAVE|MS_REC). */
int rootfs_propagation(unsigned long flags, char *err, size_t errlen);

/*
 * Binds path (recursively) at mountpoint, applies flags (ro, nosuid, ...)
 * and propagation, and returns an O_PATH fd of the mounted root. path NULL:
 * the host's / is the root (no rootfs). -errno with err.
 */
int rootfs_prepare(const char *path, const char *mountpoint, unsigned long flags, unsigned long propagation,
		   const char *data, char *err, size_t errlen);

/* pivot_root into root (an fd of the mounted rootfs), the old root detached. */
int rootfs_pivot(int root, char *err, size_t errlen);

/*
 * lxc.mount.auto cgroup: a tmpfs at target with one mount per hierarchy (or
 * cgroup2 itself on a pure v2 host); ro and mixed as LXC does them.
 */
int rootfs_mount_cgroups(int root, const char *target, unsigned bits, const struct cgroup_mount_spec *specs, size_t n,
			 bool pure_v2, char *err, size_t errlen);

#endif
