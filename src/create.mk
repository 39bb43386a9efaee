# src/create.mk - creating and destroying containers: the create and destroy methods, running templates, the new container's identity, safe tree removal
# SPDX-License-Identifier: LGPL-2.1-or-later

# internal modules
src_libberth_core_la_SOURCES += \
	src/template.c src/template.h \
	src/template_signal.c src/template_signal.h \
	src/create_identity.c src/create_identity.h \
	src/util/rmtree.c src/util/rmtree.h

# the methods of the public container object, and berth_set_progress()
src_liblxc_la_SOURCES += \
	src/create.c src/create.h \
	src/create_progress.c \
	src/destroy.c
# lxccontainer.c installs them: the object's unit tests link them too
CONTAINER_API_SOURCES += src/create.c src/create_progress.c src/destroy.c

check_PROGRAMS += tests/unit/test-create
tests_unit_test_create_SOURCES = tests/unit/test-create.c tests/unit/unit.h
tests_unit_test_create_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_create_LDADD = $(UNIT_LDADD)
