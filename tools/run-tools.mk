# tools/run-tools.mk - lxc-start, lxc-stop, lxc-wait, lxc-monitor
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-start tools/lxc-stop tools/lxc-wait tools/lxc-monitor
tools_lxc_start_SOURCES = tools/lxc_start.c
tools_lxc_start_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_start_LDADD = $(TOOL_LDADD)
tools_lxc_stop_SOURCES = tools/lxc_stop.c
tools_lxc_stop_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_stop_LDADD = $(TOOL_LDADD)
tools_lxc_wait_SOURCES = tools/lxc_wait.c
tools_lxc_wait_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_wait_LDADD = $(TOOL_LDADD)
tools_lxc_monitor_SOURCES = tools/lxc_monitor.c
tools_lxc_monitor_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_monitor_LDADD = $(TOOL_LDADD)
