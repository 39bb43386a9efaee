/* test-freeze.c - unit tests of the freezer's parsing of cgroup.events and freezer.state; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>

#include "cgroups/freeze.h"
#include "unit.h"

static void cgroup_events_frozen_field(void)
{
	CHECK_INT(cgroup_events_frozen("populated 1\nfrozen 1\n"), 1);
	CHECK_INT(cgroup_events_frozen("populated 1\nfrozen 0\n"), 0);
	CHECK_INT(cgroup_events_frozen("frozen 1"), 1);
	CHECK_INT(cgroup_events_frozen("populated 0\n"), -EINVAL);
	CHECK_INT(cgroup_events_frozen(""), -EINVAL);
	/* a field whose name only starts alike, or a value that is not 0/1 */
	CHECK_INT(cgroup_events_frozen("frozenx 1\nfrozen 0\n"), 0);
	CHECK_INT(cgroup_events_frozen("frozen 12\n"), -EINVAL);
	CHECK_INT(cgroup_events_frozen("populated frozen 1\n"), -EINVAL);
}

static void freezer_state_words(void)
{
	CHECK_INT(cgroup_freezer_state_parse("FROZEN\n"), 1);
	CHECK_INT(cgroup_freezer_state_parse("THAWED\n"), 0);
	CHECK_INT(cgroup_freezer_state_parse("FREEZING\n"), 2);
	CHECK_INT(cgroup_freezer_state_parse("FROZEN"), 1);
	CHECK_INT(cgroup_freezer_state_parse("FROZENX\n"), -EINVAL);
	CHECK_INT(cgroup_freezer_state_parse("frozen\n"), -EINVAL);
	CHECK_INT(cgroup_freezer_state_parse(""), -EINVAL);
}

UNIT_MAIN_BEGIN
	RUN(cgroup_events_frozen_field);
	RUN(freezer_state_words);
UNIT_MAIN_END
