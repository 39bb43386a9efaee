/* keys.h - the table of every config key LXC 5.0 accepts: its kind, whether it accumulates, its validator; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONF_KEYS_H
#define BERTH_CONF_KEYS_H

#include <stdbool.h>
#include <stddef.h>

enum conf_key_flags {
	KEY_LIST = 1 << 0,   /* values accumulate in order; an empty value clears the list */
	KEY_PREFIX = 1 << 1, /* name ends in '.' and any non-empty suffix is accepted (lxc.cgroup., lxc.sysctl.) */
	KEY_NET = 1 << 2,    /* a per-interface key: the full key is lxc.net.N.<name> */
	KEY_LEGACY = 1 << 3, /* accepted with one warning; `replacement` is its current form */
	KEY_HIDDEN = 1 << 4, /* accepted but not listed by get_keys (LXC does the same for a few) */
	KEY_CLEAR = 1 << 5,  /* only clears a family: "lxc.cgroup =" drops every lxc.cgroup.* item, "lxc.net.1 =" interface 1; takes no value */
	KEY_NET_TYPED = 1 << 6, /* KEY_NET: LXC refuses it unless lxc.net.N.type is already set to one of net_types */
};

/* Checks one value; on failure writes a short reason ("not a number") into err and returns -EINVAL.
 * May also return CONF_VALID_WARN (1, conf/validate.h): LXC 5.0 loads the value, so we keep it, but
 * it is wrong (err says why) and deserves a warning. Never called with an empty value. */
typedef int (*conf_validate_fn)(const char *value, char *err, size_t errlen);

struct conf_key {
	const char *name;              /* "lxc.uts.name"; for KEY_NET the sub-key ("ipv4.address"); for KEY_PREFIX the prefix ("lxc.cgroup.") */
	unsigned flags;
	conf_validate_fn validate;     /* NULL: any string */
	const char *replacement;       /* KEY_LEGACY: the current key (for KEY_NET legacy keys the current sub-key); NULL if obsolete (ignored with a warning) */
	const char *net_types;         /* KEY_NET: space-separated lxc.net.N.type values it applies to ("veth macvlan"), NULL for all */
	const char *summary;           /* one line, for docs and lxc-update-config messages */
};

/*
 * Looks up a full key as written in a config ("lxc.net.2.ipv4.address",
 * "lxc.cgroup.memory.limit_in_bytes", "lxc.network.type", "lxc.utsname").
 * For lxc.net.N.* keys *netidx is set to N (else -1); legacy lxc.network.*
 * keys without an index set *netidx to -1. NULL if unknown.
 * "lxc.net.N" alone gives the KEY_CLEAR entry "lxc.net" with *netidx = N;
 * "lxc.cgroup", "lxc.net", "lxc.hook", ... alone give their KEY_CLEAR entries.
 * netidx may be NULL.
 */
const struct conf_key *conf_key_lookup(const char *key, int *netidx);

/*
 * Checks a value for a key as a config line would set it: 0, -EINVAL (err says
 * why) or CONF_VALID_WARN (accepted, but err says what is wrong). An empty value
 * is always fine (it clears the key or the list, as with LXC).
 */
int conf_key_check(const struct conf_key *def, const char *value, char *err, size_t errlen);

/* The nearest known current key to a misspelt one; NULL if the key is known or none is close.
 * Net keys keep their index ("lxc.net.2.lnk" -> "lxc.net.2.link"); prefixed keys keep their
 * suffix. The string lives in a per-thread buffer, valid until the next call. */
const char *conf_key_suggest(const char *key);

/* Every key of the table, for docs and tests: container keys (current and legacy), then the
 * lxc.net.N sub-keys, then the legacy lxc.network sub-keys (KEY_NET | KEY_LEGACY). */
const struct conf_key *conf_keys_all(size_t *n);

#endif
