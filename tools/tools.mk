# tools/tools.mk - the lxc-* tools: each a small main() over the public API (lxccontainer.h, berth.h) only
# SPDX-License-Identifier: LGPL-2.1-or-later

# Tools see only the installed headers, never src/ internals.
TOOL_CPPFLAGS = -I$(top_srcdir)/src/include -I$(top_builddir)/src/include -I$(top_builddir) -I$(top_srcdir)/tools
TOOL_LDADD = tools/libtools.la src/liblxc.la

noinst_LTLIBRARIES += tools/libtools.la
tools_libtools_la_SOURCES = tools/arguments.c tools/arguments.h tools/cgroup_stats.c tools/cgroup_stats.h
tools_libtools_la_CPPFLAGS = $(TOOL_CPPFLAGS)

bin_PROGRAMS += tools/lxc-config
tools_lxc_config_SOURCES = tools/lxc_config.c
tools_lxc_config_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_config_LDADD = $(TOOL_LDADD)

include $(srcdir)/tools/conf-tools.mk
include $(srcdir)/tools/inspect-tools.mk
include $(srcdir)/tools/checkconfig.mk
include $(srcdir)/tools/archive.mk
include $(srcdir)/tools/run-tools.mk
include $(srcdir)/tools/create-tools.mk
include $(srcdir)/tools/attach-tools.mk
include $(srcdir)/tools/cgroup-tools.mk
include $(srcdir)/tools/console-tools.mk
include $(srcdir)/tools/freeze-tools.mk
