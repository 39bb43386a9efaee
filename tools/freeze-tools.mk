# tools/freeze-tools.mk - lxc-freeze and lxc-unfreeze, the freeze/unfreeze methods, the cgroup freezer
# SPDX-License-Identifier: LGPL-2.1-or-later

# The freezer (cgroup2 cgroup.freeze, else v1 freezer.state), driven by the monitor.
src_libberth_core_la_SOURCES += src/cgroups/freeze.c src/cgroups/freeze.h

# The container object's freeze and unfreeze (installed by lxccontainer.c).
src_liblxc_la_SOURCES += src/lxccontainer_freeze.c src/lxccontainer_freeze.h
CONTAINER_API_SOURCES += src/lxccontainer_freeze.c

bin_PROGRAMS += tools/lxc-freeze tools/lxc-unfreeze
tools_lxc_freeze_SOURCES = tools/lxc_freeze.c
tools_lxc_freeze_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_freeze_LDADD = $(TOOL_LDADD)
tools_lxc_unfreeze_SOURCES = tools/lxc_unfreeze.c
tools_lxc_unfreeze_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_unfreeze_LDADD = $(TOOL_LDADD)

# Parsing of cgroup.events and freezer.state.
check_PROGRAMS += tests/unit/test-freeze
tests_unit_test_freeze_SOURCES = tests/unit/test-freeze.c tests/unit/unit.h
tests_unit_test_freeze_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_freeze_LDADD = $(UNIT_LDADD)
