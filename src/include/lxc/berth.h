/* berth.h - berth's documented additions to liblxc: what the tools need and liblxc 5.0 has no call for; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef __BERTH_H
#define __BERTH_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "0.1.0": berth's own release (lxc_get_version() gives the LXC API level). */
const char *berth_get_version(void);

/* The system config keys lxc-config -l lists (NULL-terminated). */
const char *const *berth_global_config_keys(void);

/*
 * Config files, read and written as text that keeps its comments and order.
 * Used by lxc-update-config; containers use the lxc_container methods instead.
 */
struct berth_config_file;

/* Reads and validates FILE (and what it includes). On failure returns NULL and
 * writes one line "FILE:LINE: what is wrong" into err. Warnings (legacy keys)
 * are logged. */
struct berth_config_file *berth_config_file_read(const char *path, char *err, size_t errlen);

/* Rewrites every legacy key (lxc.network.*, lxc.utsname, ...) in the file itself
 * (not in its includes) to its current form; keeps comments and order.
 * Returns the number of lines changed, or a negative errno. */
int berth_config_file_convert(struct berth_config_file *conf);

/* Number of legacy keys in the file itself. */
int berth_config_file_legacy_count(const struct berth_config_file *conf);

/* Writes the file atomically (temp file + rename) to path (NULL: where it was read from). */
int berth_config_file_write(struct berth_config_file *conf, const char *path);

void berth_config_file_free(struct berth_config_file *conf);

#ifdef __cplusplus
}
#endif

#endif
