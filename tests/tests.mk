# tests/tests.mk - unit test programs (make check runs them) and what the test runner needs
# SPDX-License-Identifier: LGPL-2.1-or-later
EXTRA_DIST += tests/unit/unit.h

# The system tests and benchmarks are scripts: copy them from the source tree (listing the
# directory in EXTRA_DIST would also pick up objects built into a same-named build dir).
dist-hook: dist-test-scripts
dist-test-scripts:
	$(MKDIR_P) $(distdir)/tests/system $(distdir)/tests/bench
	cp -p $(srcdir)/tests/system/*.sh $(srcdir)/tests/system/*.lib $(distdir)/tests/system/
	for f in $(srcdir)/tests/bench/*; do [ -f "$$f" ] && cp -p "$$f" $(distdir)/tests/bench/ || :; done
.PHONY: dist-test-scripts

# Unit tests link the internal core directly, so they can reach what liblxc does not export.
UNIT_LDADD = src/libberth-core.la
UNIT_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

check_PROGRAMS += tests/unit/test-log tests/unit/test-strutil tests/unit/test-fdpass tests/unit/test-time tests/unit/test-shmount
tests_unit_test_log_SOURCES = tests/unit/test-log.c tests/unit/unit.h
tests_unit_test_log_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_log_LDADD = $(UNIT_LDADD)
tests_unit_test_strutil_SOURCES = tests/unit/test-strutil.c tests/unit/unit.h
tests_unit_test_strutil_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_strutil_LDADD = $(UNIT_LDADD)
tests_unit_test_fdpass_SOURCES = tests/unit/test-fdpass.c tests/unit/unit.h
tests_unit_test_fdpass_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_fdpass_LDADD = $(UNIT_LDADD)
tests_unit_test_time_SOURCES = tests/unit/test-time.c tests/unit/unit.h
tests_unit_test_time_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_time_LDADD = $(UNIT_LDADD)
tests_unit_test_shmount_SOURCES = tests/unit/test-shmount.c tests/unit/unit.h
tests_unit_test_shmount_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_shmount_LDADD = $(UNIT_LDADD)

TESTS += $(check_PROGRAMS)
