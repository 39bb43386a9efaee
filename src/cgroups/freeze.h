/* freeze.h - freezing and thawing a container's cgroup: cgroup2's cgroup.freeze, else the v1 freezer; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CGROUPS_FREEZE_H
#define BERTH_CGROUPS_FREEZE_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroups/cgroup.h"

/* How long a freeze may take before it is given up (and undone): tasks in an
 * uninterruptible sleep (a hung NFS server) never freeze. */
#define CGROUP_FREEZE_TIMEOUT_MS 10000

/*
 * Freezes (freeze true) or thaws every process of the set's cgroup (the outer
 * one with lxc.cgroup.dir.container.inner: the freezer is hierarchical, so
 * both are covered) and returns once the kernel reports it done, waiting at
 * most CGROUP_FREEZE_TIMEOUT_MS. cgroup2 when the set has a cgroup2 directory with
 * cgroup.freeze, else the v1 freezer hierarchy. A freeze that times out is
 * undone. 0; -ENOTSUP when the set has no freezer, -ETIMEDOUT, -errno; the
 * reason in err.
 */
int cgroup_freeze(const struct cgroup_set *s, bool freeze, char *err, size_t errlen);

/* Pure parsers (unit-tested). The "frozen" field of a cgroup2 cgroup.events
 * text: 0 or 1, -EINVAL when absent. */
int cgroup_events_frozen(const char *text);
/* A v1 freezer.state text: 1 FROZEN, 0 THAWED, 2 FREEZING, -EINVAL otherwise. */
int cgroup_freezer_state_parse(const char *text);

#endif
