# src/runtime.mk - running containers: the start plan, the monitor, namespaces, rootfs and mounts, /dev, console, caps, hooks, cgroups, the command socket
# SPDX-License-Identifier: LGPL-2.1-or-later
src_libberth_core_la_SOURCES += \
	src/start.c src/start.h src/start_conf.c \
	src/start_plan.c src/start_plan.h src/start_plan_builder.h \
	src/start_plan_read.c src/start_plan_mounts.c src/start_plan_values.c \
	src/start_signal.c src/start_signal.h \
	src/start_spawn.c src/start_spawn.h \
	src/start_child.c src/start_child.h \
	src/monitor.c src/monitor.h src/monitor_private.h src/monitor_console.c \
	src/cgroup_policy.c src/cgroup_policy.h \
	src/commands.c src/commands.h src/commands_wire.h \
	src/commands_wait.c src/commands_broadcast.c src/commands_server.c \
	src/namespace.c src/namespace.h \
	src/rootfs.c src/rootfs.h \
	src/mount.c src/mount.h src/shmount.c src/shmount.h \
	src/autodev.c src/autodev.h \
	src/console.c src/console.h \
	src/caps.c src/caps.h \
	src/hooks.c src/hooks.h \
	src/cgroups/cgroup.c src/cgroups/cgroup.h src/cgroups/driver.h \
	src/cgroups/cgroup_v1.c src/cgroups/cgroup_v2.c src/cgroups/cgroup_key.c src/cgroups/cgroup_dirs.c \
	src/cgroups/cgroup_layout.c \
	src/cgroups/bpf_devices.c src/cgroups/bpf_devices.h

# The system tests' driver of the runtime's internal calls (tests/system/runtime*.sh use it
# where the lxc-* tools cannot reach the runtime yet); built, not installed.
noinst_PROGRAMS += tests/system/run-driver
tests_system_run_driver_SOURCES = tests/system/run-driver.c
tests_system_run_driver_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_system_run_driver_LDADD = src/libberth-core.la

# The container object's running methods (installed by lxccontainer.c) and berth_monitor_*.
src_liblxc_la_SOURCES += src/lxccontainer_run.c src/lxccontainer_run.h
CONTAINER_API_SOURCES += src/lxccontainer_run.c

# Unit tests of the pure parts: the start plan (with caps and signal names) and mount parsing/resolution.
check_PROGRAMS += tests/unit/test-start-plan tests/unit/test-mount tests/unit/test-cgroup-policy
tests_unit_test_start_plan_SOURCES = tests/unit/test-start-plan.c tests/unit/unit.h
tests_unit_test_start_plan_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_start_plan_LDADD = $(UNIT_LDADD)
tests_unit_test_cgroup_policy_SOURCES = tests/unit/test-cgroup-policy.c tests/unit/unit.h
tests_unit_test_cgroup_policy_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_cgroup_policy_LDADD = $(UNIT_LDADD)
tests_unit_test_mount_SOURCES = tests/unit/test-mount.c tests/unit/unit.h
tests_unit_test_mount_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_mount_LDADD = $(UNIT_LDADD)
EXTRA_DIST += tests/bench/start

# get_cgroup_item / set_cgroup_item (issue 6).
src_liblxc_la_SOURCES += src/lxccontainer_cgroup.c src/lxccontainer_cgroup.h
CONTAINER_API_SOURCES += src/lxccontainer_cgroup.c
check_PROGRAMS += tests/unit/test-cgroup-key
tests_unit_test_cgroup_key_SOURCES = tests/unit/test-cgroup-key.c tests/unit/unit.h
tests_unit_test_cgroup_key_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_cgroup_key_LDADD = $(UNIT_LDADD)

# The console methods (console_getfd, console, console_log) and their unit tests (escape key, ring buffer).
src_liblxc_la_SOURCES += src/lxccontainer_console.c src/lxccontainer_console.h
CONTAINER_API_SOURCES += src/lxccontainer_console.c
check_PROGRAMS += tests/unit/test-console
tests_unit_test_console_SOURCES = tests/unit/test-console.c tests/unit/unit.h
tests_unit_test_console_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_console_LDADD = $(UNIT_LDADD)
check_PROGRAMS += tests/unit/test-cgroup-tree
tests_unit_test_cgroup_tree_SOURCES = tests/unit/test-cgroup-tree.c tests/unit/unit.h
tests_unit_test_cgroup_tree_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_cgroup_tree_LDADD = $(UNIT_LDADD)

# lxc.cgroup.dir* on fake pure-v2, pure-v1 and hybrid trees
check_PROGRAMS += tests/unit/test-cgroup-dirs
tests_unit_test_cgroup_dirs_SOURCES = tests/unit/test-cgroup-dirs.c tests/unit/unit.h
tests_unit_test_cgroup_dirs_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_cgroup_dirs_LDADD = $(UNIT_LDADD)

# The cgroup2 device program (lxc.cgroup2.devices.*): rule parsing, the v1-like list, the compiled program's decisions.
check_PROGRAMS += tests/unit/test-bpf-devices
tests_unit_test_bpf_devices_SOURCES = tests/unit/test-bpf-devices.c tests/unit/unit.h
tests_unit_test_bpf_devices_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_bpf_devices_LDADD = $(UNIT_LDADD)

# The freezer (cgroup2 cgroup.freeze, else v1 freezer.state), driven by the monitor, and the
# unit test of its parsers (cgroup.events, freezer.state).
src_libberth_core_la_SOURCES += src/cgroups/freeze.c src/cgroups/freeze.h
check_PROGRAMS += tests/unit/test-freeze
tests_unit_test_freeze_SOURCES = tests/unit/test-freeze.c tests/unit/unit.h
tests_unit_test_freeze_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_freeze_LDADD = $(UNIT_LDADD)
