/* fileutil.h - whole-file reads, atomic writes (temp file + rename), mkdir -p; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_FILEUTIL_H
#define BERTH_UTIL_FILEUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Reads a whole file into a NUL-terminated malloc'd buffer. 0 or -errno. */
int file_read_all(const char *path, char **out, size_t *len);

/* Replaces path atomically: writes a temp file beside it, fsyncs, renames over it.
 * A crash leaves either the old or the new file, never a torn one. 0 or -errno. */
int file_write_atomic(const char *path, const char *data, size_t len, mode_t mode);

/* mkdir -p; existing directories are fine. 0 or -errno. */
int mkdir_p(const char *path, mode_t mode);

#endif
