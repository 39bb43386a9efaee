# tools/freeze-tools.mk - lxc-freeze and lxc-unfreeze (the library's part is in src/runtime.mk and src/container.mk)
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-freeze tools/lxc-unfreeze
tools_lxc_freeze_SOURCES = tools/lxc_freeze.c
tools_lxc_freeze_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_freeze_LDADD = $(TOOL_LDADD)
tools_lxc_unfreeze_SOURCES = tools/lxc_freeze.c
tools_lxc_unfreeze_CPPFLAGS = $(TOOL_CPPFLAGS) -DBERTH_UNFREEZE
tools_lxc_unfreeze_LDADD = $(TOOL_LDADD)

