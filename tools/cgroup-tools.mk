# tools/cgroup-tools.mk - lxc-cgroup: a running container's cgroup keys
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-cgroup
tools_lxc_cgroup_SOURCES = tools/lxc_cgroup.c
tools_lxc_cgroup_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_cgroup_LDADD = $(TOOL_LDADD)

# tools/cgroup_stats.c, the usage readers of lxc-info, lxc-ls and lxc-top (in tools/libtools.la)
check_PROGRAMS += tests/unit/test-cgroup-stats
tests_unit_test_cgroup_stats_SOURCES = tests/unit/test-cgroup-stats.c tests/unit/unit.h
tests_unit_test_cgroup_stats_CPPFLAGS = $(TOOL_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_cgroup_stats_LDADD = $(TOOL_LDADD)

# lxc-top: the running containers' usage, live or as CSV
bin_PROGRAMS += tools/lxc-top
tools_lxc_top_SOURCES = tools/lxc_top.c
tools_lxc_top_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_top_LDADD = $(TOOL_LDADD)
