/* test-cgroup-key.c - unit tests of cgroup key checking and routing (get/set_cgroup_item); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "cgroups/cgroup.h"
#include "unit.h"

static void test_key_check(void)
{
	char err[256];

	CHECK_INT(cgroup_key_check("memory.limit_in_bytes", err, sizeof(err)), 0);
	CHECK_INT(cgroup_key_check("pids.max", err, sizeof(err)), 0);
	CHECK_INT(cgroup_key_check("cpuset.cpus", err, sizeof(err)), 0);
	CHECK_INT(cgroup_key_check("cgroup.procs", err, sizeof(err)), 0);
	CHECK_INT(cgroup_key_check("memory.kmem.usage_in_bytes", err, sizeof(err)), 0);

	CHECK_INT(cgroup_key_check("../../etc/passwd", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "../../etc/passwd");
	CHECK_INT(cgroup_key_check("memory/../x.y", err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check("memory..max", err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check(".memory", err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check("memory", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "CONTROLLER.FILE");
	CHECK_INT(cgroup_key_check("memory.", err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check("", err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check(NULL, err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check("memory.max x", err, sizeof(err)), -EINVAL);
	CHECK_INT(cgroup_key_check("memory.max\n", err, sizeof(err)), -EINVAL);
}

static void test_key_route(void)
{
	char r[2][64];

	CHECK_INT((int)cgroup_key_route("memory.limit_in_bytes", r, 2), 2);
	CHECK_STR(r[0], "memory");
	CHECK_STR(r[1], CGROUP_UNIFIED);
	CHECK_INT((int)cgroup_key_route("memory.max", r, 2), 2);
	CHECK_STR(r[0], "memory");
	CHECK_INT((int)cgroup_key_route("cpuset.cpus", r, 2), 2);
	CHECK_STR(r[0], "cpuset");
	CHECK_INT((int)cgroup_key_route("cgroup.procs", r, 2), 1);
	CHECK_STR(r[0], CGROUP_UNIFIED);
	CHECK_INT((int)cgroup_key_route("cgroupx.y", r, 2), 2);
	CHECK_STR(r[0], "cgroupx");
	CHECK_INT((int)cgroup_key_route("pids.max", r, 1), 1);
	CHECK_STR(r[0], "pids");
}

UNIT_MAIN_BEGIN
RUN(test_key_check);
RUN(test_key_route);
UNIT_MAIN_END
