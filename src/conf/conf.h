/* conf.h - the config model: a loaded container config, its items in order, reading, changing and writing it; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONF_CONF_H
#define BERTH_CONF_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/keys.h"

/*
 * A config is kept as text lines (so writing keeps comments and order) plus
 * the effective items derived from them: includes expanded, legacy keys mapped
 * to their current form, lists accumulated, last-wins keys resolved.
 */
struct lxc_config;

/* One error, already formatted as "FILE:LINE: KEY: what is wrong (hint)". */
struct conf_error {
	char text[8192];
	char file[4096];
	unsigned line;
};

/* One effective item, in the order LXC applies them. */
struct conf_item {
	const char *key;   /* current (canonical) key, e.g. lxc.net.0.ipv4.address */
	const char *value;
	const char *file;  /* where it came from */
	unsigned line;
	const struct conf_key *def;
};

struct lxc_config *conf_new(void);
void conf_free(struct lxc_config *c);

/* Loads a file (and everything it includes) into c; the first file loaded is the
 * config's own file, the one conf_write writes. 0 or -errno with err filled. */
int conf_load_file(struct lxc_config *c, const char *path, struct conf_error *err);
/* Same for text held in memory; name is used in messages ("lxc-start -s"). */
int conf_load_string(struct lxc_config *c, const char *text, const char *name, struct conf_error *err);

/* Sets one item as a config line would (validated; lists append, an empty value
 * clears a list; single values replace). Changes the own file's lines too: a
 * single value replaces the value of the key's last line (unless an lxc.include
 * follows it: then a line is appended), list values are appended, and a clear
 * removes the key's lines (adding "KEY =" after the includes if they set it),
 * so that the written file reads back to what is in memory. */
int conf_set(struct lxc_config *c, const char *key, const char *value, struct conf_error *err);
/* Clears a key, a list, or a group ("lxc.net", "lxc.net.0", "lxc.cgroup", "lxc.cgroup2", "lxc.hook",
 * "lxc.sysctl", "lxc.proc", "lxc.prlimit"), as liblxc's clear_config_item. -ENOENT if unknown. */
int conf_clear(struct lxc_config *c, const char *key);

/* The value of a single-valued key, NULL if unset. */
const char *conf_get(const struct lxc_config *c, const char *key);
/* The values of a list key, in order (NULL-terminated, malloc'd vector of borrowed strings). */
const char **conf_get_list(const struct lxc_config *c, const char *key);

/* liblxc's get_config_item, in LXC 5.0's format (tests/unit/test-conf-lxc.c holds
 * what liblxc 5.0.2 returned): writes the value(s) into buf (buf may be NULL with
 * len 0), returns the length needed (as snprintf), or -errno. Lists give one value
 * per line, each ending in "\n" (lxc.idmap, lxc.net.N.ipv4.address and the like
 * without the last one); an unset key gives "" or LXC's default ("0", "NOTSET");
 * "lxc.net" lists the types of the interfaces ("veth\nmacvlan\n"); "lxc.cgroup",
 * "lxc.sysctl", ... list "KEY = VALUE\n" lines. Errors as LXC: an unknown key
 * -ENOENT (LXC says -EINVAL), "lxc.net.N" -ENOENT, a key of an interface that
 * does not exist or of another type -EINVAL, "lxc.hook" -EINVAL, "lxc.include" -ENOSYS. */
int conf_get_item(const struct lxc_config *c, const char *key, char *buf, size_t len);
/* liblxc's get_keys: NULL or "" lists LXC's top-level keys; "lxc.net.N" the sub-keys
 * for that interface's type; "lxc.hook", "lxc.cgroup" their sub-keys; -EINVAL else. */
int conf_get_keys(const struct lxc_config *c, const char *prefix, char *buf, size_t len);

/* The effective items, in order. */
size_t conf_item_count(const struct lxc_config *c);
const struct conf_item *conf_item_at(const struct lxc_config *c, size_t i);

/* Indices of the configured lxc.net.N interfaces, ascending; returns the count. */
int conf_net_indices(const struct lxc_config *c, int **out);

/* Writes the own file atomically (path NULL: where it was loaded from). */
int conf_write(struct lxc_config *c, const char *path);

/* Legacy keys in the own file: count them, or rewrite them to current keys in place.
 * conf_convert_legacy returns the number of lines changed or -errno. */
int conf_legacy_count(const struct lxc_config *c);
int conf_convert_legacy(struct lxc_config *c);

/* The path of the own file, NULL if none was loaded. */
const char *conf_path(const struct lxc_config *c);

#endif
