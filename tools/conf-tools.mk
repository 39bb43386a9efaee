# tools/conf-tools.mk - lxc-update-config (owned with the config model)
# SPDX-License-Identifier: LGPL-2.1-or-later
bin_PROGRAMS += tools/lxc-update-config
tools_lxc_update_config_SOURCES = tools/lxc_update_config.c
tools_lxc_update_config_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_update_config_LDADD = $(TOOL_LDADD)
