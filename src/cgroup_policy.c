/* cgroup_policy.c - which of a config's cgroup settings the payload gets on this host's layout, and applying them; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgroup_policy.h"
#include "log.h"
#include "util/strutil.h"

bool cgroup_setting_is_device_rule(const char *key, bool v2)
{
	if (v2) {
		if (strncmp(key, "2:", 2))
			return false;
		key += 2;
	} else if (!strncmp(key, "2:", 2)) {
		return false;
	}
	return !strcmp(key, "devices.allow") || !strcmp(key, "devices.deny");
}

void device_route_of(const struct cgroup_layout *l, const struct start_plan *p, struct device_route *r)
{
	bool has_v2 = cgroup_layout_has(l, CG_HIER_V2), has_v1_devices = cgroup_layout_has_v1(l, "devices");
	bool v1_rules, v2_rules;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < p->n_cgroup_settings; i++) {
		const struct plan_kv *kv = &p->cgroup_settings[i];

		if (!r->origin_v1 && cgroup_setting_is_device_rule(kv->key, false))
			r->origin_v1 = kv->origin;
		if (!r->origin_v2 && cgroup_setting_is_device_rule(kv->key, true))
			r->origin_v2 = kv->origin;
	}
	v1_rules = r->origin_v1 != NULL;
	v2_rules = r->origin_v2 != NULL;
	if (has_v2) {
		r->program = v2_rules || (v1_rules && !has_v1_devices);
		r->program_from_v1 = !v2_rules && v1_rules && !has_v1_devices;
		r->v1_list = v1_rules && has_v1_devices;
		r->v1_unused = v1_rules && !has_v1_devices && v2_rules;
	} else if (has_v1_devices) {
		r->v1_list = v1_rules;
		r->v2_as_v1 = v2_rules && !v1_rules;
		r->v2_unused = v2_rules && v1_rules;
	} else {
		r->refuse = v1_rules || v2_rules;
	}
}

int cgroup_policy_apply_devices(const struct device_route *r, const struct start_plan *p, struct dev_state *devs,
				char *err, size_t errlen)
{
	struct dev_rule *rules;
	size_t n = 0;
	char why[2048];
	int ret;

	if (r->refuse) {
		/* Never a container with a device policy in its config and none in force. */
		snprintf(err, errlen,
			 "%s: the device rules cannot be enforced: this host has neither a cgroup2 hierarchy nor a v1 devices controller mounted (mount one under /sys/fs/cgroup)",
			 r->origin_v2 ? r->origin_v2 : r->origin_v1);
		return -EOPNOTSUPP;
	}
	if (r->program_from_v1)
		INFO("%s: this host has no v1 devices controller: the lxc.cgroup.devices.* rules make the cgroup2 device program",
		     r->origin_v1);
	if (r->v1_unused)
		INFO("lxc.cgroup.devices.* not applied: this host has no v1 devices controller (the lxc.cgroup2.devices.* rules govern)");
	if (r->v2_as_v1)
		INFO("%s: this host has no cgroup2 hierarchy: the lxc.cgroup2.devices.* rules go to the v1 devices controller",
		     r->origin_v2);
	if (r->v2_unused)
		INFO("%s: not applied: this host has no cgroup2 hierarchy (the lxc.cgroup.devices.* rules govern)", r->origin_v2);
	if (!r->program)
		return 0;
	rules = calloc(p->n_cgroup_settings + 1, sizeof(*rules));
	if (!rules)
		return -ENOMEM;
	for (size_t i = 0; i < p->n_cgroup_settings; i++) {
		const struct plan_kv *kv = &p->cgroup_settings[i];

		if (!cgroup_setting_is_device_rule(kv->key, !r->program_from_v1))
			continue;
		/* cgroup2 rules were checked when the plan was built; v1 rules,
		 * which the kernel checks on a v1 host, are checked here. */
		if (dev_rule_parse(kv->value, str_has_suffix(kv->key, "devices.allow"), &rules[n], why, sizeof(why)) < 0) {
			snprintf(err, errlen, "%s: %s", kv->origin, why);
			free(rules);
			return -EINVAL;
		}
		n++;
	}
	ret = dev_state_apply(devs, rules, n, why, sizeof(why));
	free(rules);
	if (ret < 0)
		snprintf(err, errlen, "%s: %s", r->program_from_v1 ? r->origin_v1 : r->origin_v2, why);
	return ret;
}

int cgroup_policy_apply_limits(const struct device_route *r, const struct start_plan *p, struct cgroup_set *payload,
			       bool v2, char *err, size_t errlen)
{
	for (size_t i = 0; i < p->n_cgroup_settings; i++) {
		const struct plan_kv *kv = &p->cgroup_settings[i];
		bool is2 = !strncmp(kv->key, "2:", 2), rule = cgroup_setting_is_device_rule(kv->key, is2);
		bool to_v1 = is2 ? rule && r->v2_as_v1 : !rule || r->v1_list; /* written to a v1 controller */
		char why[2048];
		int ret;

		/* cgroup2 device rules are the program's, never a file's */
		if (v2 ? !is2 || rule : !to_v1)
			continue;
		ret = cgroup_set_value(payload, kv->key + (is2 ? 2 : 0), kv->value, v2, why, sizeof(why));
		if (ret < 0) {
			snprintf(err, errlen, "%s: %s", kv->origin, why);
			return ret;
		}
	}
	return 0;
}
