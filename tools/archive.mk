# tools/archive.mk - the libarchive tarball helper in libexec
# SPDX-License-Identifier: LGPL-2.1-or-later
