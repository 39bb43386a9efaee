# tools/attach-tools.mk - lxc-attach, and the unit test of its option values
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += tools/lxc-attach
tools_lxc_attach_SOURCES = tools/lxc_attach.c
tools_lxc_attach_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_attach_LDADD = $(TOOL_LDADD)

# -s/-e/-a/-u parsing and the exit-status mapping (the test includes the tool's source)
check_PROGRAMS += tests/unit/test-attach-args
tests_unit_test_attach_args_SOURCES = tests/unit/test-attach-args.c tests/unit/unit.h
tests_unit_test_attach_args_CPPFLAGS = $(TOOL_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_unit_test_attach_args_LDADD = $(TOOL_LDADD)
