/* test-cgroup-policy.c - where a config's device rules go on each host layout (hybrid, pure cgroup2, pure v1, none), and which settings each hierarchy kind gets, on a fake tree; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup_policy.h"
#include "cgroups/driver.h"
#include "unit.h"

static char *v1devc[] = { "devices", NULL }, *v1memc[] = { "memory", NULL }, *v2c[] = { "hugetlb", NULL };

/* A layout of: a v1 devices hierarchy, a v1 memory one, a cgroup2 one; each present or not. */
struct fake_layout {
	struct cg_hierarchy h[3];
	struct cgroup_layout l;
};

static void layout(struct fake_layout *f, bool v1_devices, bool v1_memory, bool v2, const char *base)
{
	static char mp[3][256];

	memset(f, 0, sizeof(*f));
	snprintf(mp[0], sizeof(mp[0]), "%s/devices", base ? base : "/x");
	snprintf(mp[1], sizeof(mp[1]), "%s/memory", base ? base : "/x");
	snprintf(mp[2], sizeof(mp[2]), "%s/unified", base ? base : "/x");
	if (v1_devices)
		f->h[f->l.n++] = (struct cg_hierarchy){ .driver = &cg_v1_driver, .mountpoint = mp[0], .controllers = v1devc, .own = "/" };
	if (v1_memory)
		f->h[f->l.n++] = (struct cg_hierarchy){ .driver = &cg_v1_driver, .mountpoint = mp[1], .controllers = v1memc, .own = "/" };
	if (v2)
		f->h[f->l.n++] = (struct cg_hierarchy){ .driver = &cg_v2_driver, .mountpoint = mp[2], .controllers = v2c, .own = "/" };
	f->l.h = f->h;
	f->l.pure_v2 = v2 && f->l.n == 1;
}

/* A plan with the given settings ("key=value", plan keys: "2:" for cgroup2). */
static void plan_of(struct start_plan *p, struct plan_kv *kv, const char *const *settings)
{
	static char keys[16][64], values[16][64], origins[16][160];
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	for (; settings[n]; n++) {
		const char *eq = strchr(settings[n], '=');
		snprintf(keys[n], sizeof(keys[n]), "%.*s", (int)(eq - settings[n]), settings[n]);
		snprintf(values[n], sizeof(values[n]), "%s", eq + 1);
		snprintf(origins[n], sizeof(origins[n]), "c.conf:%zu: lxc.cgroup%s.%.60s", n + 1,
			 strncmp(keys[n], "2:", 2) ? "" : "2", keys[n] + (strncmp(keys[n], "2:", 2) ? 0 : 2));
		kv[n] = (struct plan_kv){ .key = keys[n], .value = values[n], .origin = origins[n] };
	}
	p->cgroup_settings = kv;
	p->n_cgroup_settings = n;
}

static const char *const both[] = { "devices.deny=a", "2:devices.deny=a", "2:devices.allow=c 1:3 rwm",
				    "devices.allow=c 1:3 rwm", "memory.limit_in_bytes=64M", NULL };
static const char *const only_v1[] = { "memory.limit_in_bytes=64M", "devices.deny=a", "devices.allow=c 1:3 rwm", NULL };
static const char *const only_v2[] = { "2:devices.deny=a", "2:devices.allow=c 1:3 rwm", NULL };
static const char *const no_rules[] = { "memory.limit_in_bytes=64M", "2:hugetlb.2MB.max=0", NULL };

static void device_rules_on_each_layout(void)
{
	struct fake_layout f;
	struct start_plan p;
	struct plan_kv kv[16];
	struct device_route r;

	/* hybrid with a v1 devices controller (this host): each list where it applies */
	layout(&f, true, true, true, NULL);
	plan_of(&p, kv, both);
	device_route_of(&f.l, &p, &r);
	CHECK(r.program && !r.program_from_v1 && r.v1_list && !r.v2_as_v1 && !r.refuse && !r.v1_unused);
	CHECK_STR(r.origin_v1, "c.conf:1: lxc.cgroup.devices.deny");
	CHECK_STR(r.origin_v2, "c.conf:2: lxc.cgroup2.devices.deny");
	plan_of(&p, kv, only_v1);
	device_route_of(&f.l, &p, &r);
	CHECK(!r.program && r.v1_list && !r.refuse);
	plan_of(&p, kv, only_v2);
	device_route_of(&f.l, &p, &r);
	CHECK(r.program && !r.v1_list && !r.refuse);

	/* pure cgroup2: the cgroup2 rules make the program; a config with only v1
	 * rules has them make it instead of being dropped */
	layout(&f, false, false, true, NULL);
	plan_of(&p, kv, both);
	device_route_of(&f.l, &p, &r);
	CHECK(r.program && !r.program_from_v1 && !r.v1_list && r.v1_unused && !r.refuse);
	plan_of(&p, kv, only_v1);
	device_route_of(&f.l, &p, &r);
	CHECK(r.program && r.program_from_v1 && !r.v1_list && !r.v1_unused);

	/* pure v1: the v1 list governs; cgroup2-only rules go to it */
	layout(&f, true, true, false, NULL);
	plan_of(&p, kv, both);
	device_route_of(&f.l, &p, &r);
	CHECK(!r.program && r.v1_list && !r.v2_as_v1 && r.v2_unused && !r.refuse);
	plan_of(&p, kv, only_v2);
	device_route_of(&f.l, &p, &r);
	CHECK(!r.program && !r.v1_list && r.v2_as_v1 && !r.refuse);

	/* a v1 host without the devices controller, and no cgroups at all: rules are refused */
	layout(&f, false, true, false, NULL);
	plan_of(&p, kv, only_v1);
	device_route_of(&f.l, &p, &r);
	CHECK(r.refuse && !r.program && !r.v1_list);
	layout(&f, false, false, false, NULL);
	plan_of(&p, kv, only_v2);
	device_route_of(&f.l, &p, &r);
	CHECK(r.refuse);
	{
		char err[512] = "";
		CHECK_INT(cgroup_policy_apply_devices(&r, &p, NULL, err, sizeof(err)), -EOPNOTSUPP);
		CHECK_CONTAINS(err, "c.conf:1: lxc.cgroup2.devices.deny: the device rules cannot be enforced");
	}

	/* no rules: nothing to route, and nothing refused even without cgroups */
	plan_of(&p, kv, no_rules);
	device_route_of(&f.l, &p, &r);
	CHECK(!r.program && !r.v1_list && !r.v2_as_v1 && !r.refuse && !r.origin_v1 && !r.origin_v2);
	CHECK(cgroup_setting_is_device_rule("2:devices.allow", true) && !cgroup_setting_is_device_rule("2:devices.allow", false));
	CHECK(cgroup_setting_is_device_rule("devices.deny", false) && !cgroup_setting_is_device_rule("devices.deny", true));
	CHECK(!cgroup_setting_is_device_rule("devices.list", false));
}

static char root[64];

/* Makes DIR/FILE empty (creating it). */
static void empty_file(const char *dir, const char *file)
{
	char p[512];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
}

/* The limits each hierarchy kind gets, written to a fake pure-v1 tree. */
static void limits_on_a_fake_v1_tree(void)
{
	struct fake_layout f;
	struct start_plan p;
	struct plan_kv kv[16];
	struct device_route r;
	struct cgroup_set *s = NULL;
	char err[512] = "", dev[300], mem[300];

	snprintf(root, sizeof(root), "/tmp/test-cgroup-policy.XXXXXX");
	CHECK(mkdtemp(root) != NULL);
	layout(&f, true, true, false, root);
	snprintf(dev, sizeof(dev), "%s/devices", root);
	snprintf(mem, sizeof(mem), "%s/memory", root);
	CHECK_INT(mkdir(dev, 0755), 0);
	CHECK_INT(mkdir(mem, 0755), 0);
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "p" }, &s, err, sizeof(err)), 0);
	if (!s)
		return;
	snprintf(dev, sizeof(dev), "%s/devices/p", root);
	snprintf(mem, sizeof(mem), "%s/memory/p", root);
	empty_file(dev, "devices.deny");
	empty_file(dev, "devices.allow");
	empty_file(mem, "memory.limit_in_bytes");

	/* only cgroup2 rules: written to the v1 list (the v2 pass writes nothing of them) */
	plan_of(&p, kv, only_v2);
	device_route_of(&f.l, &p, &r);
	CHECK_INT(cgroup_policy_apply_limits(&r, &p, s, true, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(dev, "devices.allow"), "");
	CHECK_INT(cgroup_policy_apply_limits(&r, &p, s, false, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(dev, "devices.allow"), "c 1:3 rwm");

	/* both lists: the v1 ones only */
	empty_file(dev, "devices.deny");
	empty_file(dev, "devices.allow");
	plan_of(&p, kv, both);
	device_route_of(&f.l, &p, &r);
	CHECK_INT(cgroup_policy_apply_limits(&r, &p, s, false, err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(dev, "devices.deny"), "a");
	CHECK_STR(unit_file_text(dev, "devices.allow"), "c 1:3 rwm");
	CHECK_STR(unit_file_text(mem, "memory.limit_in_bytes"), "64M");
	{
		char err2[512] = "";
		/* the kernel's (here: the file system's) refusal names the key */
		unlink(strcat(strcpy(err2, mem), "/memory.limit_in_bytes"));
		CHECK_INT(cgroup_policy_apply_limits(&r, &p, s, false, err, sizeof(err)), -ENOENT);
		CHECK_CONTAINS(err, "c.conf:5: lxc.cgroup.memory.limit_in_bytes: ");
	}
	unlink(strcat(strcpy(err, dev), "/devices.deny"));
	unlink(strcat(strcpy(err, dev), "/devices.allow"));
	CHECK_INT(cgroup_destroy(s), 0);
	rmdir(strcat(strcpy(err, root), "/devices"));
	rmdir(strcat(strcpy(err, root), "/memory"));
	rmdir(root);
}

/* A running container's device rule goes to the outer v1 list and to the inner
 * one, which keeps the list it was made with. */
static void v1_device_rule_reaches_the_inner_cgroup(void)
{
	struct fake_layout f;
	struct cgroup_set *s = NULL;
	char err[512] = "", dev[300], in[300], base[64];

	snprintf(base, sizeof(base), "/tmp/test-cgroup-policy.XXXXXX");
	CHECK(mkdtemp(base) != NULL);
	layout(&f, true, false, false, base);
	snprintf(dev, sizeof(dev), "%s/devices", base);
	CHECK_INT(mkdir(dev, 0755), 0);
	CHECK_INT(cgroup_create(&f.l, &(struct cgroup_place){ .path = "p", .inner = "in" }, &s, err, sizeof(err)), 0);
	if (!s)
		return;
	snprintf(dev, sizeof(dev), "%s/devices/p", base);
	snprintf(in, sizeof(in), "%s/devices/p/in", base);
	empty_file(dev, "devices.allow");
	CHECK_INT(cgroup_make_inner(s, CG_HIER_V1, err, sizeof(err)), 0);
	empty_file(in, "devices.allow");
	CHECK_INT(cgroup_v1_device_rule(s, true, "c 10:200 rwm", err, sizeof(err)), 0);
	CHECK_STR(unit_file_text(dev, "devices.allow"), "c 10:200 rwm");
	CHECK_STR(unit_file_text(in, "devices.allow"), "c 10:200 rwm");
	/* a missing file: the error names the file */
	CHECK_INT(cgroup_v1_device_rule(s, false, "c 10:200 rwm", err, sizeof(err)), -ENOENT);
	CHECK_CONTAINS(err, "devices/p/devices.deny");
	unlink(strcat(strcpy(err, dev), "/devices.allow"));
	unlink(strcat(strcpy(err, in), "/devices.allow"));
	CHECK_INT(cgroup_destroy(s), 0);
	rmdir(strcat(strcpy(err, base), "/devices"));
	rmdir(base);
}

UNIT_MAIN_BEGIN
RUN(device_rules_on_each_layout);
RUN(limits_on_a_fake_v1_tree);
RUN(v1_device_rule_reaches_the_inner_cgroup);
UNIT_MAIN_END
