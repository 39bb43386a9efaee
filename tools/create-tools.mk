# tools/create-tools.mk - lxc-create and lxc-destroy
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-create tools/lxc-destroy
tools_lxc_create_SOURCES = tools/lxc_create.c
# the templates' directory: lxc-create -t NAME -h runs the template's own help
tools_lxc_create_CPPFLAGS = $(TOOL_CPPFLAGS) -DLXCTEMPLATEDIR=\"$(LXCTEMPLATEDIR)\"
tools_lxc_create_LDADD = $(TOOL_LDADD)
tools_lxc_destroy_SOURCES = tools/lxc_destroy.c
tools_lxc_destroy_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_destroy_LDADD = $(TOOL_LDADD)
