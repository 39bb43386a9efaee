/* cgroup_policy.h - which of a config's cgroup settings the payload gets on this host's layout: where the device rules go, and the limits of each hierarchy kind; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CGROUP_POLICY_H
#define BERTH_CGROUP_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroups/bpf_devices.h"
#include "cgroups/cgroup.h"
#include "start_plan.h"

/*
 * Where a config's device rules (lxc.cgroup.devices.* "v1", lxc.cgroup2.devices.*
 * "v2") are enforced on a layout. The two lists mean the same, and a config for
 * both kinds of host (common.conf) carries both: each list goes where the host
 * can enforce it, and where only one kind of device control exists it enforces
 * whichever list the config has. LXC drops a list its host cannot apply, which
 * can leave a container with no device policy; berth never does.
 */
struct device_route {
	bool program;         /* a BPF device program on the payload's cgroup2 directory... */
	bool program_from_v1; /* ...made of the v1 rules (no v1 devices controller, no v2 rules) */
	bool v1_list;         /* the v1 rules written to the v1 devices controller */
	bool v2_as_v1;        /* the v2 rules written there instead (no cgroup2 hierarchy, no v1 rules) */
	bool v1_unused;       /* v1 rules the host cannot apply, while the v2 ones govern */
	bool v2_unused;       /* v2 rules the host cannot apply, while the v1 ones govern */
	bool refuse;          /* rules in the config and no device control on the host */
	const char *origin_v1, *origin_v2; /* each list's first rule, for messages; NULL: no such rule */
};
void device_route_of(const struct cgroup_layout *l, const struct start_plan *p, struct device_route *r);

/* Whether a cgroup setting (plan key "devices.allow", or "2:devices.deny" for cgroup2) is a device rule. */
bool cgroup_setting_is_device_rule(const char *key, bool v2);

/*
 * The device program of the route (r->program), on devs; a v1 rule the kernel
 * would check on a v1 host is checked here. 0, -EOPNOTSUPP for r->refuse, or
 * -errno; err says which rule or why.
 */
int cgroup_policy_apply_devices(const struct device_route *r, const struct start_plan *p, struct dev_state *devs,
				char *err, size_t errlen);

/* The limits of one hierarchy kind (v2: the cgroup2 keys) on payload, with the
 * device rules the route sends to the v1 list; before any process is in it. */
int cgroup_policy_apply_limits(const struct device_route *r, const struct start_plan *p, struct cgroup_set *payload,
			       bool v2, char *err, size_t errlen);

#endif
