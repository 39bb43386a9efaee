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
 * clears a list; single values replace). Changes the own file's lines too. */
int conf_set(struct lxc_config *c, const char *key, const char *value, struct conf_error *err);
/* Clears a key, a list, or a prefix ("lxc.net.0", "lxc.cgroup", "lxc.hook"). -ENOENT if unknown. */
int conf_clear(struct lxc_config *c, const char *key);

/* The value of a single-valued key, NULL if unset. */
const char *conf_get(const struct lxc_config *c, const char *key);
/* The values of a list key, in order (NULL-terminated, malloc'd vector of borrowed strings). */
const char **conf_get_list(const struct lxc_config *c, const char *key);

/* liblxc's get_config_item: writes the value(s) into buf (lists one per line),
 * returns the length needed (as snprintf), or -errno (unknown key: -ENOENT). */
int conf_get_item(const struct lxc_config *c, const char *key, char *buf, size_t len);
/* liblxc's get_keys: the keys under prefix (NULL: all top-level), one per line. */
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
