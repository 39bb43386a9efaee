/* global.h - the system config (lxc.conf): lxc.lxcpath, lxc.default_config, lxc.bdev.*, lxc.cgroup.*; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONF_GLOBAL_H
#define BERTH_CONF_GLOBAL_H

/* The keys lxc-config -l lists, in LXC's order; NULL-terminated. */
extern const char *const conf_global_keys[];

/* Value of a system config key: from the system config file if set there, else
 * the built-in default. *out is malloc'd, or NULL for a known key that has no
 * value ("is not set"). Returns 0, -ENOENT for an unknown key, or -errno. */
int conf_global_get(const char *key, char **out);

/* The system config file in use: $LXC_GLOBAL_CONF_FILE if set (tests), else
 * the configured path (root) or ~/.config/lxc/lxc.conf (other users). */
const char *conf_global_path(char *buf, unsigned len);

#endif
