# tools/inspect-tools.mk - lxc-ls and lxc-info
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-ls tools/lxc-info
tools_lxc_ls_SOURCES = tools/lxc_ls.c
tools_lxc_ls_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_ls_LDADD = $(TOOL_LDADD)
tools_lxc_info_SOURCES = tools/lxc_info.c
tools_lxc_info_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_info_LDADD = $(TOOL_LDADD)
