# src/conf/conf.mk - the config model: key table, parser, includes, legacy keys, writer, system config
# SPDX-License-Identifier: LGPL-2.1-or-later
src_libberth_core_la_SOURCES += \
	src/conf/global.c src/conf/global.h
# the key table and the value checkers (keys.h is the interface the parser uses)
src_libberth_core_la_SOURCES += \
	src/conf/keys.c src/conf/keys.h \
	src/conf/validate.c src/conf/validate.h
