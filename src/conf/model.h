/* model.h - the inside of struct lxc_config, shared by the files that make up the config model; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONF_MODEL_H
#define BERTH_CONF_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/conf.h"

/* Deeper include chains than this are refused (LXC has no limit; a loop is caught separately). */
#define CONF_MAX_INCLUDE_DEPTH 32

/* One line of the config's own file, kept so that writing it back changes nothing else. */
struct conf_line {
	char *text;   /* as written, without the newline */
	char *key;    /* the key as written; NULL for blank and comment lines */
	char *value;  /* trimmed */
	char *canon;  /* the current form of key (legacy keys mapped, lxc.net.N filled in);
			 NULL for an obsolete key that is ignored */
	const struct conf_key *def; /* canon's table entry; NULL for groups not in the table */
	bool legacy;
	bool group;   /* "lxc.net =", "lxc.cgroup =": clears a group */
	/* An lxc.include whose files start an interface with an un-indexed
	 * lxc.network.type: its index is one above the lxc.net.N lines before it,
	 * so removing those would renumber it. */
	bool starts_unindexed_net;
};

struct lxc_config {
	char *path;       /* the own file; NULL if none or loaded from a string */
	bool own_loaded;  /* the first load fills lines[]; later ones only add items */
	struct conf_line *lines;
	size_t nlines, caplines;
	bool no_final_newline; /* the own file's last line had no '\n' */

	const char *own_name; /* the own file's name in messages (path, or the name given with a string) */
	struct conf_item *items; /* key, value owned; file points into files[] */
	size_t nitems, capitems;
	char **files;
	size_t nfiles;

	/* Keys the own file's includes set: clearing one of them must leave a "KEY =" line
	 * after the includes, or reading the file again would bring the values back. */
	struct conf_seen_key {
		char *key;
		const struct conf_key *def;
	} *included;
	size_t nincluded;
	bool in_own_tree; /* loading the own file or what it includes */
	unsigned unindexed_net_starts; /* while loading: interfaces un-indexed legacy lines started */

	int net_next;   /* one above the highest lxc.net.N index seen: where an un-indexed
			   legacy lxc.network.type starts the next interface */
	int legacy_net; /* the interface un-indexed lxc.network.* lines apply to; -1 if none */
};

/* What a key as written in a file means now. */
struct conf_resolved {
	char *canon;                /* malloc'd current key; NULL for an obsolete key */
	const struct conf_key *def; /* the current key's table entry (NULL if obsolete) */
	bool legacy;
	bool group;                 /* a clear-only key: lxc.net, lxc.net.N, lxc.cgroup, lxc.hook, ... */
};

/* legacy.c: maps a key as written to its current form, updating the legacy network
 * state in c when the line starts an interface. 0, or -EINVAL with why in reason. */
int conf_resolve_key(struct lxc_config *c, const char *key, struct conf_resolved *out, char *reason,
		     size_t reasonlen);
/* legacy.c: whether key is one of the clear-only group names (lxc.net, lxc.net.3, lxc.cgroup, ...). */
bool conf_is_group(const char *key);
/* config.c: what a clear names: one key, or a group (lxc.net, lxc.net.N, lxc.cgroup, lxc.hook, ...).
 * Prepared once, then asked for each item: conf_match(&m, item->key, item->def). */
struct conf_match {
	const char *what;
	size_t len;
	enum { MATCH_KEY, MATCH_ALL_UNDER, MATCH_LISTS_UNDER, MATCH_PREFIXED_UNDER } kind;
};
void conf_match_init(struct conf_match *m, const char *what);
bool conf_match(const struct conf_match *m, const char *key, const struct conf_key *def);

/* config.c: the legacy warnings of one file, gathered so that a file gets one. */
struct conf_legacy_seen {
	unsigned count;
	unsigned first_line;
	char first_key[256];
};

#endif
