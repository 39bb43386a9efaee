# src/conf/conf.mk - the config model: key table, parser, includes, legacy keys, writer, system config
# SPDX-License-Identifier: LGPL-2.1-or-later
src_libberth_core_la_SOURCES += \
	src/conf/global.c src/conf/global.h
# the key table and the value checkers (keys.h is the interface the parser uses)
src_libberth_core_la_SOURCES += \
	src/conf/keys.c src/conf/keys.h \
	src/conf/validate.c src/conf/validate.h
# the config model: parser, includes, legacy keys, writer, get_config_item
src_libberth_core_la_SOURCES += \
	src/conf/conf.h src/conf/model.h \
	src/conf/parse.c src/conf/parse.h \
	src/conf/config.c \
	src/conf/legacy.c \
	src/conf/getitem.c \
	src/conf/write.c
# unit test of the key table; it also checks that lxc.container.conf(5) documents every key
check_PROGRAMS += tests/unit/test-keys
tests_unit_test_keys_SOURCES = tests/unit/test-keys.c tests/unit/unit.h
tests_unit_test_keys_CPPFLAGS = $(UNIT_CPPFLAGS) -DKEYS_MAN_PAGE=\"$(abs_top_srcdir)/doc/man/lxc.container.conf.5\"
tests_unit_test_keys_LDADD = $(UNIT_LDADD)
# unit tests of the config model
check_PROGRAMS += tests/unit/test-conf
tests_unit_test_conf_SOURCES = tests/unit/test-conf.c tests/unit/unit.h
tests_unit_test_conf_CPPFLAGS = $(UNIT_CPPFLAGS) -DFIXTURES=\"$(abs_top_srcdir)/tests/fixtures\"
tests_unit_test_conf_LDADD = $(UNIT_LDADD)
check_PROGRAMS += tests/unit/test-conf-lxc
tests_unit_test_conf_lxc_SOURCES = tests/unit/test-conf-lxc.c tests/unit/unit.h
tests_unit_test_conf_lxc_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_conf_lxc_LDADD = $(UNIT_LDADD)
# berth.h's config file calls, exported from liblxc (used by lxc-update-config)
src_liblxc_la_SOURCES += src/berth_config.c
# libFuzzer target of the config model (configure --enable-fuzzers, CC=clang). The model's
# sources are built into it with the sanitizers, so that they, not only the harness, are checked.
if ENABLE_FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz-config
tests_fuzz_fuzz_config_SOURCES = tests/fuzz/fuzz-config.c \
	src/conf/config.c src/conf/parse.c src/conf/legacy.c src/conf/getitem.c src/conf/write.c \
	src/conf/keys.c src/conf/validate.c \
	src/util/strutil.c src/util/fileutil.c src/log.c
tests_fuzz_fuzz_config_CFLAGS = $(AM_CFLAGS) $(CAP_CFLAGS) -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
tests_fuzz_fuzz_config_LDFLAGS = -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_config_LDADD = $(CAP_LIBS)
endif
EXTRA_DIST += tests/fuzz/corpus/config tests/fixtures/config tests/fuzz/run-config
