/* legacy.c - what a key as written means now: legacy keys (lxc.network.*, lxc.utsname, ...) mapped to current ones; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/keys.h"
#include "conf/model.h"
#include "util/cleanup.h"
#include "util/strutil.h"

bool conf_is_group(const char *key)
{
	const struct conf_key *def = conf_key_lookup(key, NULL);

	return def && (def->flags & KEY_CLEAR) && !(def->flags & KEY_LEGACY);
}

/* Un-indexed legacy network keys: a type line starts the next interface, the
 * others apply to the last one started, as LXC 2 read them. */
static int legacy_net_index(struct lxc_config *c, const char *sub, char *reason, size_t reasonlen)
{
	if (!strcmp(sub, "type")) {
		c->legacy_net = c->net_next;
		return c->legacy_net;
	}
	if (c->legacy_net < 0) {
		snprintf(reason, reasonlen, "no interface to apply it to: an lxc.network.type line must come first");
		return -EINVAL;
	}
	return c->legacy_net;
}

static void note_net_index(struct lxc_config *c, int idx)
{
	if (idx >= 0 && idx < INT_MAX && idx >= c->net_next)
		c->net_next = idx + 1;
}

int conf_resolve_key(struct lxc_config *c, const char *key, struct conf_resolved *out, char *reason,
		     size_t reasonlen)
{
	const struct conf_key *def;
	int netidx = -1;

	memset(out, 0, sizeof(*out));
	*reason = '\0';
	def = conf_key_lookup(key, &netidx);
	if (!def) {
		const char *hint = conf_key_suggest(key);

		if (hint)
			snprintf(reason, reasonlen, "unknown key (did you mean %s?)", hint);
		else
			snprintf(reason, reasonlen, "unknown key");
		return -EINVAL;
	}
	out->legacy = def->flags & KEY_LEGACY;

	if (def->flags & KEY_CLEAR) {
		/* lxc.cgroup, lxc.net, lxc.net.N, and the legacy lxc.network[.N] */
		const char *base = out->legacy ? def->replacement : def->name;

		out->group = true;
		out->canon = netidx >= 0 ? str_printf("%s.%d", base, netidx) : strdup(base);
		out->def = out->legacy ? conf_key_lookup(base, NULL) : def;
		note_net_index(c, netidx);
	} else if (def->flags & KEY_NET) {
		const char *sub = out->legacy ? def->replacement : def->name;

		if (netidx < 0) {
			netidx = legacy_net_index(c, sub, reason, reasonlen);
			if (netidx < 0)
				return netidx;
		}
		out->canon = str_printf("lxc.net.%d.%s", netidx, sub);
		note_net_index(c, netidx);
	} else if (out->legacy) {
		if (!def->replacement)
			return 0; /* obsolete: ignored */
		if (def->flags & KEY_PREFIX)
			out->canon = str_printf("%s%s", def->replacement, key + strlen(def->name));
		else
			out->canon = strdup(def->replacement);
	} else {
		out->canon = strdup(key);
		out->def = def;
	}
	if (!out->canon)
		return -ENOMEM;
	if (!out->def) {
		out->def = conf_key_lookup(out->canon, NULL);
		if (!out->def) {
			snprintf(reason, reasonlen, "maps to %s, which is not a known key", out->canon);
			free(out->canon);
			out->canon = NULL;
			return -EINVAL;
		}
	}
	return 0;
}

int conf_legacy_count(const struct lxc_config *c)
{
	int n = 0;

	for (size_t i = 0; c && i < c->nlines; i++)
		n += c->lines[i].legacy;
	return n;
}

/* The value of the last own line with key as written (lxc.rootfs.backend), NULL if none. */
static const char *own_value(const struct lxc_config *c, const char *key)
{
	const char *v = NULL;

	for (size_t i = 0; i < c->nlines; i++)
		if (c->lines[i].key && !strcmp(c->lines[i].key, key))
			v = c->lines[i].value;
	return v;
}

/* An obsolete key has no current form: the line becomes a comment, so nothing is lost. */
static int comment_out(struct conf_line *l)
{
	char *text = str_printf("# %s (obsolete key, no longer read)", str_trim(l->text));

	if (!text)
		return -ENOMEM;
	free(l->text);
	free(l->key);
	free(l->value);
	l->text = text;
	l->key = l->value = NULL;
	l->legacy = false;
	return 0;
}

/* Puts the current key in place of the legacy one, keeping indentation and the rest of the line. */
static int rename_key(struct lxc_config *c, struct conf_line *l, const char *backend)
{
	const char *k = strstr(l->text, l->key);
	__do_free char *value = NULL;
	char *text, *key;

	if (!k)
		return -EINVAL;
	if (backend && !strcmp(l->canon, "lxc.rootfs.path") && *l->value && !strchr(l->value, ':')) {
		/* lxc.rootfs.backend said how to read lxc.rootfs; lxc.rootfs.path says it as a prefix */
		value = str_printf("%s:%s", backend, l->value);
		if (!value)
			return -ENOMEM;
		text = str_printf("%.*s%s = %s", (int)(k - l->text), l->text, l->canon, value);
		for (size_t i = 0; text && i < c->nitems; i++) {
			struct conf_item *it = &c->items[i];
			char *v;

			if (it->file != c->own_name || strcmp(it->key, l->canon) || strcmp(it->value, l->value))
				continue;
			if (!(v = strdup(value)))
				break;
			free((char *)it->value);
			it->value = v;
		}
		free(l->value);
		l->value = move_ptr(value);
	} else {
		text = str_printf("%.*s%s%s", (int)(k - l->text), l->text, l->canon, k + strlen(l->key));
	}
	key = strdup(l->canon);
	if (!text || !key) {
		free(text);
		free(key);
		return -ENOMEM;
	}
	free(l->text);
	l->text = text;
	free(l->key);
	l->key = key;
	l->legacy = false;
	return 0;
}

int conf_convert_legacy(struct lxc_config *c)
{
	__do_free char *backend = NULL;
	const char *b;
	int changed = 0;

	if (!c)
		return -EINVAL;
	/* a copy: the lxc.rootfs.backend line itself is rewritten below */
	b = own_value(c, "lxc.rootfs.backend");
	if (b && *b && strcmp(b, "dir") && !(backend = strdup(b))) /* a plain path means a directory already */
		return -ENOMEM;
	for (size_t i = 0; i < c->nlines; i++) {
		struct conf_line *l = &c->lines[i];
		int ret;

		if (!l->legacy)
			continue;
		ret = l->canon ? rename_key(c, l, backend) : comment_out(l);
		if (ret < 0)
			return ret;
		changed++;
	}
	return changed;
}
