# tools/archive.mk - the libarchive tarball helper in libexec
# SPDX-License-Identifier: LGPL-2.1-or-later

# A program of its own, run by the templates, so that liblxc never loads
# libarchive: it links libarchive and nothing of berth's but a header.
lxclibexec_PROGRAMS += tools/lxc-archive
tools_lxc_archive_SOURCES = tools/lxc_archive.c
tools_lxc_archive_CFLAGS = $(AM_CFLAGS) $(ARCHIVE_CFLAGS)
tools_lxc_archive_LDADD = $(ARCHIVE_LIBS)
