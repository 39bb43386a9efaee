# tools/cgroup-tools.mk - lxc-cgroup: a running container's cgroup keys
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-cgroup
tools_lxc_cgroup_SOURCES = tools/lxc_cgroup.c
tools_lxc_cgroup_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_cgroup_LDADD = $(TOOL_LDADD)
