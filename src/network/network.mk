# src/network/network.mk - container network devices via libnl-3 (plan, host side, inside, queries), its unit tests and system-test driver
# SPDX-License-Identifier: LGPL-2.1-or-later
src_libberth_core_la_SOURCES += \
	src/network/network.h \
	src/network/plan.c src/network/plan.h \
	src/network/nl.c src/network/nlmsg.c src/network/nl.h \
	src/network/script.c src/network/script.h \
	src/network/host.c \
	src/network/inside.c \
	src/network/query.c \
	src/network/move.c \
	src/network/plan_conf.c

# The container object's get_ips/get_interfaces over the module's queries.
src_liblxc_la_SOURCES += src/lxccontainer_net.c src/lxccontainer_net.h
CONTAINER_API_SOURCES += src/lxccontainer_net.c

# Unit tests: plan parsing/validation and the netlink messages (no root needed).
check_PROGRAMS += tests/unit/test-network
tests_unit_test_network_SOURCES = tests/unit/test-network.c tests/unit/unit.h
tests_unit_test_network_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_network_CFLAGS = $(AM_CFLAGS) $(NL_CFLAGS)
tests_unit_test_network_LDADD = $(UNIT_LDADD) $(NL_LIBS)

# The system tests' driver (tests/system/network-module.sh): built with the
# rest (not installed) so an installed build can be tested without `make check`.
noinst_PROGRAMS += tests/system/net-driver
tests_system_net_driver_SOURCES = tests/system/net-driver.c
tests_system_net_driver_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_system_net_driver_LDADD = src/libberth-core.la

# lxc-device: network devices in and out of a running container (the API's attach/detach_interface).
bin_PROGRAMS += tools/lxc-device
tools_lxc_device_SOURCES = tools/lxc_device.c
tools_lxc_device_CPPFLAGS = $(TOOL_CPPFLAGS)
tools_lxc_device_LDADD = $(TOOL_LDADD)
