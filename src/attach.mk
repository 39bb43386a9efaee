# src/attach.mk - entering a running container: attach (namespaces, cgroup, credentials, environment, pty) and the container object's attach methods
# SPDX-License-Identifier: LGPL-2.1-or-later

# internal modules
src_libberth_core_la_SOURCES += \
	src/attach.c src/attach.h src/attach_ctx.h \
	src/attach_init.c \
	src/attach_env.c \
	src/attach_pty.c src/attach_pty.h

# the methods of the public container object (attach_run.c, with the exported
# lxc_attach_run_command/lxc_attach_run_shell, is listed in container.mk)
src_liblxc_la_SOURCES += src/attach_api.c src/attach_api.h
# lxccontainer.c installs them: the object's unit tests link them too
CONTAINER_API_SOURCES += src/attach_api.c

# unit tests of the pure parts: the environment policy
check_PROGRAMS += tests/unit/test-attach-env
tests_unit_test_attach_env_SOURCES = tests/unit/test-attach-env.c tests/unit/unit.h
tests_unit_test_attach_env_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_attach_env_LDADD = $(UNIT_LDADD)
