# src/container.mk - the container object (lxccontainer.c), the lock, listing
# SPDX-License-Identifier: LGPL-2.1-or-later

# internal modules: names and paths, the container lock, states, the JSON writer
src_libberth_core_la_SOURCES += \
	src/container_name.c src/container_name.h \
	src/paths.c src/paths.h \
	src/lock.c src/lock.h \
	src/state.c src/state.h \
	src/util/json.c src/util/json.h

# the public API: the container object and its methods, listing, the global calls
src_liblxc_la_SOURCES += \
	src/container.h \
	src/lxccontainer.c \
	src/container_stubs.c \
	src/api_error.c \
	src/list.c src/list.h \
	src/api_extensions.c \
	src/attach_run.c

# unit tests of the object (they link the API files directly, as liblxc hides what they need)
CONTAINER_API_SOURCES = \
	src/lxccontainer.c src/container_stubs.c src/api_error.c src/list.c \
	src/api_extensions.c src/attach_run.c src/global.c

check_PROGRAMS += tests/unit/test-container tests/unit/test-lock tests/unit/test-container-abi tests/unit/test-container-json
tests_unit_test_container_SOURCES = tests/unit/test-container.c tests/unit/unit.h $(CONTAINER_API_SOURCES)
tests_unit_test_container_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_container_LDADD = $(UNIT_LDADD)
tests_unit_test_lock_SOURCES = tests/unit/test-lock.c tests/unit/unit.h
tests_unit_test_lock_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_lock_LDADD = $(UNIT_LDADD)
tests_unit_test_container_abi_SOURCES = tests/unit/test-container-abi.c tests/unit/unit.h
tests_unit_test_container_abi_CPPFLAGS = $(UNIT_CPPFLAGS) -DBERTH_INCLUDEDIR=\"$(abs_top_srcdir)/src/include\" \
	-DBERTH_BUILD_INCLUDEDIR=\"$(abs_top_builddir)/src/include\" -DTEST_CC=\"$(CC)\"
tests_unit_test_container_abi_LDADD = $(UNIT_LDADD)
tests_unit_test_container_json_SOURCES = tests/unit/test-container-json.c tests/unit/unit.h
tests_unit_test_container_json_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_container_json_LDADD = $(UNIT_LDADD)

# add_device_node / remove_device_node (lxc-device with a device node).
src_liblxc_la_SOURCES += src/lxccontainer_devices.c src/lxccontainer_devices.h
CONTAINER_API_SOURCES += src/lxccontainer_devices.c
# freeze and unfreeze (the monitor does the work: src/cgroups/freeze.c)
src_liblxc_la_SOURCES += src/lxccontainer_freeze.c src/lxccontainer_freeze.h
CONTAINER_API_SOURCES += src/lxccontainer_freeze.c
