# src/lib.mk - the core library: internal modules in libberth-core (linked by unit tests), the public API in liblxc
# SPDX-License-Identifier: LGPL-2.1-or-later

noinst_LTLIBRARIES += src/libberth-core.la
src_libberth_core_la_SOURCES = \
	src/log.c src/log.h \
	src/util/cleanup.h \
	src/util/strutil.c src/util/strutil.h \
	src/util/fileutil.c src/util/fileutil.h \
	src/util/fdpass.c src/util/fdpass.h \
	src/util/time.c src/util/time.h
src_libberth_core_la_CFLAGS = $(AM_CFLAGS) $(NL_CFLAGS) $(CAP_CFLAGS) $(SECCOMP_CFLAGS) $(UUID_CFLAGS) $(APPARMOR_CFLAGS)
src_libberth_core_la_LIBADD = $(NL_LIBS) $(CAP_LIBS) $(SECCOMP_LIBS) $(UUID_LIBS) $(APPARMOR_LIBS)

# liblxc.so.1: only what lxccontainer.h and berth.h declare is exported (-fvisibility=hidden elsewhere).
lib_LTLIBRARIES += src/liblxc.la
src_liblxc_la_SOURCES = \
	src/global.c
src_liblxc_la_CFLAGS = $(AM_CFLAGS)
src_liblxc_la_LIBADD = src/libberth-core.la
src_liblxc_la_LDFLAGS = -version-info 8:0:7 -Wl,--no-undefined -Wl,-z,relro -Wl,-z,now

lxcincludedir = $(includedir)/lxc
lxcinclude_HEADERS = \
	src/include/lxc/lxccontainer.h \
	src/include/lxc/attach_options.h \
	src/include/lxc/berth.h
nodist_lxcinclude_HEADERS = src/include/lxc/version.h

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = src/lxc.pc
