# tools/console-tools.mk - lxc-console
# SPDX-License-Identifier: LGPL-2.1-or-later
bin_PROGRAMS += tools/lxc-console
tools_lxc_console_SOURCES = tools/lxc_console.c
tools_lxc_console_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_console_LDADD = $(TOOL_LDADD)
