/* config.c - the config model: loading files and includes into lines and effective items, reading and changing items; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf/conf.h"
#include "conf/keys.h"
#include "conf/model.h"
#include "conf/parse.h"
#include "conf/validate.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

/* ---- errors ---- */

/* Fills err (or logs, without one) and returns ret: `return fail(err, -EINVAL, file, line, ...)`. */
__attribute__((format(printf, 5, 6))) static int fail(struct conf_error *err, int ret, const char *file, unsigned line,
						      const char *fmt, ...)
{
	char text[sizeof(err->text)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (err) {
		memcpy(err->text, text, sizeof(text));
		snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
		err->line = line;
	} else {
		ERROR("%s", text);
	}
	return ret;
}

/* ---- the model ---- */

struct lxc_config *conf_new(void)
{
	struct lxc_config *c = calloc(1, sizeof(*c));

	if (c)
		c->legacy_net = -1;
	return c;
}

static void line_free(struct conf_line *l)
{
	free(l->text);
	free(l->key);
	free(l->value);
	free(l->canon);
}

void conf_free(struct lxc_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nlines; i++)
		line_free(&c->lines[i]);
	free(c->lines);
	for (size_t i = 0; i < c->nitems; i++) {
		free((char *)c->items[i].key);
		free((char *)c->items[i].value);
	}
	free(c->items);
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	for (size_t i = 0; i < c->nincluded; i++)
		free(c->included[i].key);
	free(c->included);
	free(c->path);
	free(c);
}

/* File names are kept once and shared by the items that came from them. */
static const char *intern_file(struct lxc_config *c, const char *name)
{
	char **grown;

	for (size_t i = 0; i < c->nfiles; i++)
		if (!strcmp(c->files[i], name))
			return c->files[i];
	grown = realloc(c->files, (c->nfiles + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	c->files = grown;
	c->files[c->nfiles] = strdup(name);
	if (!c->files[c->nfiles])
		return NULL;
	return c->files[c->nfiles++];
}

const char *conf_path(const struct lxc_config *c)
{
	return c ? c->path : NULL;
}

size_t conf_item_count(const struct lxc_config *c)
{
	return c ? c->nitems : 0;
}

const struct conf_item *conf_item_at(const struct lxc_config *c, size_t i)
{
	return c && i < c->nitems ? &c->items[i] : NULL;
}

/* ---- items ---- */

void conf_match_init(struct conf_match *m, const char *what)
{
	m->what = what;
	m->len = strlen(what);
	if (!conf_is_group(what))
		m->kind = MATCH_KEY;
	else if (str_has_prefix(what, "lxc.net"))
		m->kind = MATCH_ALL_UNDER;
	else if (!strcmp(what, "lxc.hook"))
		m->kind = MATCH_LISTS_UNDER; /* the hooks, not lxc.hook.version */
	else
		m->kind = MATCH_PREFIXED_UNDER; /* lxc.cgroup: the controller settings, not lxc.cgroup.dir */
}

bool conf_match(const struct conf_match *m, const char *key, const struct conf_key *def)
{
	if (!key)
		return false;
	if (m->kind == MATCH_KEY)
		return !strcmp(m->what, key);
	if (strncmp(key, m->what, m->len) || key[m->len] != '.')
		return false;
	if (m->kind == MATCH_ALL_UNDER)
		return true;
	if (m->kind == MATCH_LISTS_UNDER)
		return def && (def->flags & KEY_LIST);
	return def && (def->flags & KEY_PREFIX);
}

static int items_add(struct lxc_config *c, const char *key, const char *value, const char *file, unsigned line,
		     const struct conf_key *def)
{
	struct conf_item *it;

	if (c->nitems == c->capitems) {
		size_t ncap = c->capitems ? c->capitems * 2 : 32;
		struct conf_item *grown = realloc(c->items, ncap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		c->items = grown;
		c->capitems = ncap;
	}
	it = &c->items[c->nitems];
	it->key = strdup(key);
	it->value = strdup(value);
	it->file = file;
	it->line = line;
	it->def = def;
	if (!it->key || !it->value) {
		free((char *)it->key);
		free((char *)it->value);
		return -ENOMEM;
	}
	c->nitems++;
	return 0;
}

/* Removes the items `what` names (a key, or a group such as lxc.cgroup or lxc.net.1). */
static void items_remove(struct lxc_config *c, const char *what)
{
	struct conf_match m;
	size_t j = 0;

	conf_match_init(&m, what);
	for (size_t i = 0; i < c->nitems; i++) {
		struct conf_item *it = &c->items[i];

		if (conf_match(&m, it->key, it->def)) {
			free((char *)it->key);
			free((char *)it->value);
			continue;
		}
		c->items[j++] = *it;
	}
	c->nitems = j;
}

static struct conf_item *items_find_last(const struct lxc_config *c, const char *key)
{
	for (size_t i = c->nitems; i > 0; i--)
		if (!strcmp(c->items[i - 1].key, key))
			return &c->items[i - 1];
	return NULL;
}

/* One KEY = VALUE, as LXC applies it: an empty value clears, lists grow, the rest are replaced. */
static int apply_item(struct lxc_config *c, const struct conf_resolved *r, const char *value, const char *file,
		      unsigned line)
{
	struct conf_item *it;
	char *copy;

	if (!*value || r->group) {
		items_remove(c, r->canon);
		return 0;
	}
	if (r->def->flags & KEY_LIST)
		return items_add(c, r->canon, value, file, line, r->def);
	it = items_find_last(c, r->canon);
	if (!it)
		return items_add(c, r->canon, value, file, line, r->def);
	copy = strdup(value);
	if (!copy)
		return -ENOMEM;
	free((char *)it->value);
	it->value = copy;
	it->file = file;
	it->line = line;
	return 0;
}

/* ---- own lines ---- */

static int lines_grow(struct lxc_config *c)
{
	if (c->nlines == c->caplines) {
		size_t ncap = c->caplines ? c->caplines * 2 : 32;
		struct conf_line *grown = realloc(c->lines, ncap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		c->lines = grown;
		c->caplines = ncap;
	}
	return 0;
}

/* Adds a line as read; key/value/r may be NULL for blank and comment lines. */
static int lines_add(struct lxc_config *c, const char *text, size_t len, const char *key, const char *value,
		     const struct conf_resolved *r)
{
	struct conf_line *l;

	if (lines_grow(c) < 0)
		return -ENOMEM;
	l = &c->lines[c->nlines];
	memset(l, 0, sizeof(*l));
	l->text = strndup(text, len);
	if (!l->text)
		return -ENOMEM;
	if (key) {
		l->key = strdup(key);
		l->value = strdup(value);
		l->canon = r && r->canon ? strdup(r->canon) : NULL;
		if (!l->key || !l->value || (r && r->canon && !l->canon)) {
			line_free(l);
			return -ENOMEM;
		}
		if (r) {
			l->def = r->def;
			l->legacy = r->legacy;
			l->group = r->group;
		}
	}
	c->nlines++;
	return 0;
}

/* Appends "KEY = VALUE" (or "KEY =" for an empty value) to the own file. */
static int lines_append_item(struct lxc_config *c, const struct conf_resolved *r, const char *value)
{
	__do_free char *text = *value ? str_printf("%s = %s", r->canon, value) : str_printf("%s =", r->canon);

	if (!text)
		return -ENOMEM;
	c->no_final_newline = false; /* what we add ends its line */
	return lines_add(c, text, strlen(text), r->canon, value, r);
}

static void lines_remove_at(struct lxc_config *c, size_t i)
{
	line_free(&c->lines[i]);
	memmove(&c->lines[i], &c->lines[i + 1], (c->nlines - i - 1) * sizeof(c->lines[0]));
	c->nlines--;
}

static int line_set_value(struct conf_line *l, const char *value);

/* "lxc.net.N.KEY" or "lxc.net.N": N; else -1. */
static int net_index_of(const char *canon)
{
	int idx;

	return sscanf(canon, "lxc.net.%d", &idx) == 1 && idx >= 0 ? idx : -1;
}

/*
 * Removes the own lines `what` names. When an lxc.include after them starts
 * an un-indexed legacy interface, the removed line of the highest lxc.net.N
 * before it stays as "KEY =": it still only clears, and it keeps that
 * interface at the index it had. 0 or -ENOMEM.
 */
static int lines_remove(struct lxc_config *c, const char *what)
{
	struct conf_match m;
	size_t last_inc = 0, keep = SIZE_MAX;
	int keep_idx = -1;

	conf_match_init(&m, what);
	for (size_t i = 0; i < c->nlines; i++)
		if (c->lines[i].starts_unindexed_net)
			last_inc = i + 1;
	for (size_t i = 0; i + 1 < last_inc; i++) {
		const struct conf_line *l = &c->lines[i];
		int idx;

		if (!l->canon || !*l->value || (!conf_match(&m, l->canon, l->def) && strcmp(what, l->canon)))
			continue;
		idx = net_index_of(l->canon);
		if (idx > keep_idx) {
			keep_idx = idx;
			keep = i;
		}
	}
	for (size_t i = c->nlines; i > 0; i--) {
		struct conf_line *l = &c->lines[i - 1];

		if (!l->canon || !*l->value) /* "KEY =" only clears: keeping it changes nothing */
			continue;
		if (!conf_match(&m, l->canon, l->def) && strcmp(what, l->canon))
			continue;
		if (i - 1 == keep) {
			if (line_set_value(l, "") < 0)
				return -ENOMEM;
		} else {
			lines_remove_at(c, i - 1);
		}
	}
	return 0;
}

/* "lxc.network.link" (not "lxc.network.0.link"): applies to the last interface started. */
static bool unindexed_legacy_net(const char *key)
{
	return str_has_prefix(key, "lxc.network.") && !isdigit((unsigned char)key[strlen("lxc.network.")]);
}

/*
 * Un-indexed legacy network lines (lxc.network.link) get their interface from
 * the lxc.network.type line before them. Before lines of interfaces are
 * removed, give the remaining ones their index (lxc.network.1.link) so that
 * reading the file again does not renumber the interfaces.
 */
static int pin_legacy_net_lines(struct lxc_config *c)
{
	for (size_t i = 0; i < c->nlines; i++) {
		struct conf_line *l = &c->lines[i];
		const char *sub, *ws_end, *after;
		char *text;
		int idx;

		if (!l->legacy || !l->canon || !unindexed_legacy_net(l->key) || !str_has_prefix(l->canon, "lxc.net."))
			continue;
		sub = l->key + strlen("lxc.network.");
		if (sscanf(l->canon, "lxc.net.%d.", &idx) != 1)
			continue;
		ws_end = strstr(l->text, l->key);
		if (!ws_end)
			continue;
		after = ws_end + strlen(l->key);
		text = str_printf("%.*slxc.network.%d.%s%s", (int)(ws_end - l->text), l->text, idx, sub, after);
		if (!text)
			return -ENOMEM;
		free(l->text);
		l->text = text;
		text = str_printf("lxc.network.%d.%s", idx, sub);
		if (!text)
			return -ENOMEM;
		free(l->key);
		l->key = text;
	}
	return 0;
}

/* Whether word is one of the space-separated words. */
static bool word_in(const char *words, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = words; *p;) {
		size_t len;

		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len == n && !strncmp(p, word, n))
			return true;
		p += len;
	}
	return false;
}

/* "lxc.net.N.type": N; else -1. */
static int type_key_index(const char *key)
{
	int idx, end = 0;

	if (sscanf(key, "lxc.net.%d.type%n", &idx, &end) == 1 && end && !key[end] && idx >= 0)
		return idx;
	return -1;
}

static int clear_resolved(struct lxc_config *c, const struct conf_resolved *r);

/*
 * An interface whose type changed (or was cleared) keeps no type-specific keys
 * that no longer apply (veth.pair once it is a macvlan): LXC no longer answers
 * for them either, and a file that kept them would not load (they must follow
 * a type they belong to). When the change came from conf_set/conf_clear, their
 * lines go too.
 */
static int retype_interface(struct lxc_config *c, const char *key, bool edit_lines)
{
	char typekey[64];
	const char *type;
	int idx = type_key_index(key);

	if (idx < 0)
		return 0;
	snprintf(typekey, sizeof(typekey), "lxc.net.%d.", idx);
	type = conf_get(c, key);
	for (size_t i = 0; i < c->nitems;) {
		const struct conf_item *it = &c->items[i];
		struct conf_resolved r = { 0 };
		int ret;

		if (!str_has_prefix(it->key, typekey) || !it->def || !(it->def->flags & KEY_NET_TYPED) ||
		    (type && word_in(it->def->net_types, type))) {
			i++;
			continue;
		}
		r.canon = strdup(it->key);
		r.def = it->def;
		if (!r.canon)
			return -ENOMEM;
		if (edit_lines)
			ret = clear_resolved(c, &r);
		else
			ret = (items_remove(c, r.canon), 0);
		free(r.canon);
		if (ret < 0)
			return ret;
	}
	/* lines whose items an earlier retyping (while loading) already dropped */
	for (size_t i = 0; edit_lines && i < c->nlines;) {
		const struct conf_line *l = &c->lines[i];

		if (l->canon && *l->value && str_has_prefix(l->canon, typekey) && l->def &&
		    (l->def->flags & KEY_NET_TYPED) && !(type && word_in(l->def->net_types, type)))
			lines_remove_at(c, i);
		else
			i++;
	}
	return 0;
}

/* ---- loading ---- */

struct load_ctx {
	struct lxc_config *c;
	struct conf_error *err;
	const char *stack[CONF_MAX_INCLUDE_DEPTH + 1]; /* real paths of the files being read */
	int depth;
};

static int load_path(struct load_ctx *ctx, const char *path, const char *from, unsigned fromline);

static int include_dir(struct load_ctx *ctx, const char *dir, const char *from, unsigned line)
{
	struct dirent **names = NULL;
	int n, ret = 0;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return fail(ctx->err, -errno, from, line, "%s:%u: lxc.include: cannot read directory %s: %s", from, line,
				 dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		__do_free char *p = NULL;
		struct stat st;

		if (ret == 0 && str_has_suffix(names[i]->d_name, ".conf") && names[i]->d_name[0] != '.') {
			p = str_printf("%s/%s", dir, names[i]->d_name);
			if (!p)
				ret = -ENOMEM;
			else if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
				ret = load_path(ctx, p, from, line);
		}
		free(names[i]);
	}
	free(names);
	return ret;
}

static int do_include(struct load_ctx *ctx, const char *path, const char *from, unsigned line)
{
	struct stat st;

	if (!*path)
		return fail(ctx->err, -EINVAL, from, line, "%s:%u: lxc.include: needs a file or directory", from, line);
	if (stat(path, &st) < 0 && errno == ENOENT && str_has_suffix(path, "/")) {
		/* A missing directory is fine, as with LXC: userns.conf includes userns.conf.d/, which
		 * packages do not ship. */
		INFO("%s:%u: lxc.include: %s does not exist; nothing to include", from, line, path);
		return 0;
	}
	if (stat(path, &st) < 0)
		return fail(ctx->err, -errno, from, line, "%s:%u: lxc.include: cannot read %s: %s", from, line, path,
				 strerror(errno));
	if (S_ISDIR(st.st_mode))
		return include_dir(ctx, path, from, line);
	if (!S_ISREG(st.st_mode))
		return fail(ctx->err, -EINVAL, from, line, "%s:%u: lxc.include: %s is neither a file nor a directory",
				 from, line, path);
	return load_path(ctx, path, from, line);
}

static void warn_legacy(const char *file, const struct conf_legacy_seen *seen)
{
	if (!seen->count)
		return;
	if (seen->count == 1)
		WARN("%s:%u: %s is a legacy key; it still works, but LXC 5 refuses it: run lxc-update-config -c %s to convert the file",
		     file, seen->first_line, seen->first_key, file);
	else
		WARN("%s:%u: %s and %u more legacy keys; they still work, but LXC 5 refuses them: run lxc-update-config -c %s to convert the file",
		     file, seen->first_line, seen->first_key, seen->count - 1, file);
}

/* LXC takes type-specific interface keys (veth.pair) only once the interface's type says they apply. */
static int check_net_typed(const struct lxc_config *c, const struct conf_resolved *r, char *reason, size_t len)
{
	char typekey[64];
	const char *type;
	int idx;

	if (!r->def || !(r->def->flags & KEY_NET_TYPED) || !r->def->net_types)
		return 0;
	if (sscanf(r->canon, "lxc.net.%d.", &idx) != 1)
		return 0;
	snprintf(typekey, sizeof(typekey), "lxc.net.%d.type", idx);
	type = conf_get(c, typekey);
	if (type && word_in(r->def->net_types, type))
		return 0;
	snprintf(reason, len, "only for interfaces of type %s, and %s must come first (it is %s)", r->def->net_types,
		 typekey, type ? type : "not set");
	return -EINVAL;
}

static int note_included(struct lxc_config *c, const struct conf_resolved *r)
{
	struct conf_seen_key *grown;

	for (size_t i = 0; i < c->nincluded; i++)
		if (!strcmp(c->included[i].key, r->canon))
			return 0;
	grown = realloc(c->included, (c->nincluded + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	c->included = grown;
	grown[c->nincluded].key = strdup(r->canon);
	grown[c->nincluded].def = r->def;
	if (!grown[c->nincluded].key)
		return -ENOMEM;
	c->nincluded++;
	return 0;
}

/* One KEY = VALUE line of file:line. */
static int load_item(struct load_ctx *ctx, const char *key, const char *value, const char *file, unsigned line,
		     struct conf_resolved *r, struct conf_legacy_seen *seen)
{
	struct lxc_config *c = ctx->c;
	char reason[1024];
	int ret;

	ret = conf_resolve_key(c, key, r, reason, sizeof(reason));
	if (ret < 0)
		return fail(ctx->err, ret, file, line, "%s:%u: %s: %s", file, line, key,
				 ret == -ENOMEM ? "out of memory" : reason);
	if (r->legacy) {
		if (!seen->count++) {
			seen->first_line = line;
			snprintf(seen->first_key, sizeof(seen->first_key), "%s", key);
		}
		if (!r->canon) {
			INFO("%s:%u: %s is obsolete and ignored", file, line, key);
			return 0;
		}
	}
	if (r->group && *value)
		return fail(ctx->err, -EINVAL, file, line,
				 "%s:%u: %s: names a group of keys; only \"%s =\" (clear them all) is valid", file,
				 line, key, key);
	if (*value && r->def && r->def->validate) {
		reason[0] = '\0';
		ret = r->def->validate(value, reason, sizeof(reason));
		if (ret < 0)
			return fail(ctx->err, -EINVAL, file, line, "%s:%u: %s: %s", file, line, key,
					 reason[0] ? reason : "invalid value");
		if (ret == CONF_VALID_WARN)
			WARN("%s:%u: %s: %s", file, line, key, reason);
	}
	if (*value && check_net_typed(c, r, reason, sizeof(reason)) < 0)
		return fail(ctx->err, -EINVAL, file, line, "%s:%u: %s: %s", file, line, key, reason);
	if (c->in_own_tree && ctx->depth > 1 && note_included(c, r) < 0)
		return -ENOMEM;
	if (c->in_own_tree && ctx->depth > 1 && r->legacy && r->canon && unindexed_legacy_net(key) &&
	    str_has_suffix(r->canon, ".type"))
		c->unindexed_net_starts++;
	ret = apply_item(c, r, value, file, line);
	if (ret == 0)
		ret = retype_interface(c, r->canon, false);
	return ret;
}

static int load_text(struct load_ctx *ctx, const char *text, const char *name, bool own)
{
	struct lxc_config *c = ctx->c;
	struct conf_legacy_seen seen = { 0 };
	const char *pos = text, *l, *file = intern_file(c, name);
	size_t len;
	unsigned lineno = 0;

	if (!file)
		return -ENOMEM;
	if (own) {
		c->own_name = file;
		c->no_final_newline = *text && text[strlen(text) - 1] != '\n';
	}
	while ((l = conf_next_line(&pos, &len))) {
		struct conf_resolved r = { 0 };
		__do_free char *copy = strndup(l, len), *canon = NULL;
		char *key, *value;
		enum conf_line_kind kind;
		int ret = 0;

		lineno++;
		if (!copy)
			return -ENOMEM;
		kind = conf_split_line(copy, &key, &value);
		if (kind == CONF_LINE_BAD) {
			char *shown = str_trim(copy);
			return fail(ctx->err, -EINVAL, file, lineno,
					 "%s:%u: \"%.200s\" is not a KEY = VALUE line (comments start with '#')", file,
					 lineno, shown);
		}
		if (kind == CONF_LINE_ITEM && !strcmp(key, "lxc.include")) {
			struct conf_resolved inc = { .canon = (char *)"lxc.include" };
			unsigned starts = c->unindexed_net_starts;

			if (own && lines_add(c, l, len, key, value, &inc) < 0)
				return -ENOMEM;
			ret = do_include(ctx, value, file, lineno);
			if (ret < 0)
				return ret;
			if (own && c->unindexed_net_starts != starts)
				c->lines[c->nlines - 1].starts_unindexed_net = true;
			continue;
		}
		if (kind == CONF_LINE_ITEM) {
			ret = load_item(ctx, key, value, file, lineno, &r, &seen);
			canon = r.canon;
			if (ret < 0)
				return ret;
		}
		if (own && lines_add(c, l, len, key, value, kind == CONF_LINE_ITEM ? &r : NULL) < 0)
			return -ENOMEM;
	}
	warn_legacy(file, &seen);
	return 0;
}

static int load_path(struct load_ctx *ctx, const char *path, const char *from, unsigned fromline)
{
	__do_free char *text = NULL, *real = NULL;
	size_t len = 0;
	int ret;

	real = realpath(path, NULL);
	if (!real) {
		ret = -errno;
		if (from)
			return fail(ctx->err, ret, from, fromline, "%s:%u: lxc.include: cannot read %s: %s", from,
				    fromline, path, strerror(-ret));
		return fail(ctx->err, ret, path, 0, "%s: cannot read the config: %s", path, strerror(-ret));
	}
	for (int i = 0; i < ctx->depth; i++)
		if (!strcmp(ctx->stack[i], real))
			return fail(ctx->err, -ELOOP, from, fromline, "%s:%u: lxc.include: %s includes itself (a loop)",
				    from, fromline, path);
	if (ctx->depth >= CONF_MAX_INCLUDE_DEPTH)
		return fail(ctx->err, -ELOOP, from, fromline, "%s:%u: lxc.include: includes nested deeper than %d",
			    from, fromline, CONF_MAX_INCLUDE_DEPTH);
	ret = file_read_all(path, &text, &len);
	if (ret == 0 && strlen(text) != len)
		return fail(ctx->err, -EINVAL, path, 0, "%s: not a text file (it contains a NUL byte)", path);
	if (ret < 0) {
		if (from)
			return fail(ctx->err, ret, from, fromline, "%s:%u: lxc.include: cannot read %s: %s", from,
					 fromline, path, strerror(-ret));
		return fail(ctx->err, ret, path, 0, "%s: cannot read the config: %s", path, strerror(-ret));
	}
	ctx->stack[ctx->depth++] = real;
	ret = load_text(ctx, text, path, false);
	ctx->depth--;
	return ret;
}

static int load_own(struct lxc_config *c, const char *text, const char *name, const char *path,
		    struct conf_error *err)
{
	struct load_ctx ctx = { .c = c, .err = err };
	__do_free char *real = NULL;
	bool own = !c->own_loaded;
	int ret;

	if (err)
		memset(err, 0, sizeof(*err));
	if (path) {
		real = realpath(path, NULL);
		if (real)
			ctx.stack[ctx.depth++] = real;
	}
	if (own) {
		c->own_loaded = true;
		if (path && !(c->path = strdup(path)))
			return -ENOMEM;
	}
	/* depth counts the own file itself, also when it came as a string */
	if (!path || !real)
		ctx.stack[ctx.depth++] = "";
	c->in_own_tree = own;
	ret = load_text(&ctx, text, name, own);
	c->in_own_tree = false;
	return ret;
}

int conf_load_file(struct lxc_config *c, const char *path, struct conf_error *err)
{
	__do_free char *text = NULL;
	size_t len = 0;
	int ret;

	if (!c || !path)
		return -EINVAL;
	ret = file_read_all(path, &text, &len);
	if (ret < 0)
		return fail(err, ret, path, 0, "%s: cannot read the config: %s", path, strerror(-ret));
	if (strlen(text) != len)
		return fail(err, -EINVAL, path, 0, "%s: not a text file (it contains a NUL byte)", path);
	return load_own(c, text, path, path, err);
}

int conf_load_string(struct lxc_config *c, const char *text, const char *name, struct conf_error *err)
{
	if (!c || !text)
		return -EINVAL;
	return load_own(c, text, name && *name ? name : "(string)", NULL, err);
}

/* ---- reading ---- */

/* The current form of a key given by a caller (legacy names of single keys are mapped). */
static const char *current_key(const char *key, char *buf, size_t len)
{
	const struct conf_key *def;
	int idx;

	def = conf_key_lookup(key, &idx);
	if (def && (def->flags & KEY_LEGACY) && def->replacement && !(def->flags & KEY_NET) &&
	    !str_has_prefix(key, "lxc.network")) {
		if (def->flags & KEY_PREFIX)
			snprintf(buf, len, "%s%s", def->replacement, key + strlen(def->name));
		else
			snprintf(buf, len, "%s", def->replacement);
		return buf;
	}
	return key;
}

const char *conf_get(const struct lxc_config *c, const char *key)
{
	char buf[512];
	const struct conf_item *it;

	if (!c || !key)
		return NULL;
	it = items_find_last(c, current_key(key, buf, sizeof(buf)));
	return it ? it->value : NULL;
}

const char **conf_get_list(const struct lxc_config *c, const char *key)
{
	char buf[512];
	const char **v;
	size_t n = 0;

	if (!c || !key)
		return NULL;
	key = current_key(key, buf, sizeof(buf));
	v = calloc(c->nitems + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < c->nitems; i++)
		if (!strcmp(c->items[i].key, key))
			v[n++] = c->items[i].value;
	return v;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int conf_net_indices(const struct lxc_config *c, int **out)
{
	int *v, n = 0;

	*out = NULL;
	v = malloc((c->nitems + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < c->nitems; i++) {
		int idx;
		bool dup = false;

		if (sscanf(c->items[i].key, "lxc.net.%d.", &idx) != 1 || idx < 0)
			continue;
		for (int j = 0; j < n && !dup; j++)
			dup = v[j] == idx;
		if (!dup)
			v[n++] = idx;
	}
	qsort(v, (size_t)n, sizeof(*v), cmp_int);
	*out = v;
	return n;
}

/* ---- changing ---- */

/* Whether an lxc.include line comes after own line i: then a value set there could be overridden. */
static bool include_after(const struct lxc_config *c, size_t i)
{
	for (size_t j = i + 1; j < c->nlines; j++)
		if (c->lines[j].key && !strcmp(c->lines[j].key, "lxc.include"))
			return true;
	return false;
}

/* Replaces the value of own line i, keeping its indentation and spelling of the key. */
static int line_set_value(struct conf_line *l, const char *value)
{
	const char *k = strstr(l->text, l->key);
	char *text, *v;

	if (!k)
		return -EINVAL;
	text = *value ? str_printf("%.*s%s = %s", (int)(k - l->text), l->text, l->key, value)
		      : str_printf("%.*s%s =", (int)(k - l->text), l->text, l->key);
	v = strdup(value);
	if (!text || !v) {
		free(text);
		free(v);
		return -ENOMEM;
	}
	free(l->text);
	l->text = text;
	free(l->value);
	l->value = v;
	return 0;
}

static bool touches_net(const char *key)
{
	return str_has_prefix(key, "lxc.net.") || !strcmp(key, "lxc.net");
}

/* Whether the own file's includes set anything `what` names. */
static bool included_sets(const struct lxc_config *c, const char *what)
{
	struct conf_match m;

	conf_match_init(&m, what);
	for (size_t i = 0; i < c->nincluded; i++)
		if (conf_match(&m, c->included[i].key, c->included[i].def))
			return true;
	return false;
}

/* Whether own line i is "what =" and no lxc.include follows it. */
static bool clears_after_includes(const struct lxc_config *c, const char *what)
{
	for (size_t i = c->nlines; i > 0; i--) {
		const struct conf_line *l = &c->lines[i - 1];

		if (l->key && !strcmp(l->key, "lxc.include"))
			return false;
		if (l->canon && !*l->value && !strcmp(l->canon, what))
			return true;
	}
	return false;
}

/*
 * Clears what r names, in items and in the own file. "KEY =" lines stay (they
 * only clear), and when an include sets the key one is added after the
 * includes, so that reading the file again gives what is in memory now.
 */
static int clear_resolved(struct lxc_config *c, const struct conf_resolved *r)
{
	if (touches_net(r->canon) && pin_legacy_net_lines(c) < 0)
		return -ENOMEM;
	items_remove(c, r->canon);
	if (lines_remove(c, r->canon) < 0)
		return -ENOMEM;
	if (included_sets(c, r->canon) && !clears_after_includes(c, r->canon))
		return lines_append_item(c, r, "");
	return 0;
}

int conf_set(struct lxc_config *c, const char *key, const char *value, struct conf_error *err)
{
	struct conf_resolved r = { 0 };
	__do_free char *canon = NULL, *v = NULL;
	char reason[1024] = "";
	const char *own;
	int ret;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!c || !key || !value)
		return -EINVAL;
	if (strchr(key, '\n') || strchr(value, '\n'))
		return fail(err, -EINVAL, NULL, 0, "%s: a value cannot span lines", key);
	v = strdup(value);
	if (!v)
		return -ENOMEM;
	value = str_trim(v);
	if (!strcmp(key, "lxc.include"))
		return fail(err, -EINVAL, NULL, 0, "lxc.include: add includes by editing the file");

	ret = conf_resolve_key(c, key, &r, reason, sizeof(reason));
	canon = r.canon;
	if (ret < 0)
		return fail(err, ret, NULL, 0, "%s: %s", key, ret == -ENOMEM ? "out of memory" : reason);
	if (!r.canon) {
		WARN("%s is obsolete and ignored", key);
		return 0;
	}
	if (r.group && *value)
		return fail(err, -EINVAL, NULL, 0, "%s: names a group of keys; only an empty value (clear them all) is valid",
				 key);
	if (*value && r.def && r.def->validate) {
		reason[0] = '\0';
		ret = r.def->validate(value, reason, sizeof(reason));
		if (ret < 0)
			return fail(err, -EINVAL, NULL, 0, "%s: %s", key, reason[0] ? reason : "invalid value");
		if (ret == CONF_VALID_WARN)
			WARN("%s: %s", key, reason);
	}
	if (*value && check_net_typed(c, &r, reason, sizeof(reason)) < 0)
		return fail(err, -EINVAL, NULL, 0, "%s: %s", key, reason);

	if (!c->own_name && !(c->own_name = intern_file(c, "(set)")))
		return -ENOMEM;
	c->own_loaded = true;
	own = c->own_name;

	if (!*value || r.group) {
		ret = clear_resolved(c, &r);
		return ret < 0 ? ret : retype_interface(c, r.canon, true);
	}

	if (!(r.def->flags & KEY_LIST)) {
		for (size_t i = c->nlines; i > 0; i--) {
			struct conf_line *l = &c->lines[i - 1];

			if (!l->canon || strcmp(l->canon, r.canon))
				continue;
			if (include_after(c, i - 1))
				break;
			ret = line_set_value(l, value);
			if (ret == 0)
				ret = apply_item(c, &r, value, own, (unsigned)i);
			return ret < 0 ? ret : retype_interface(c, r.canon, true);
		}
	}
	ret = lines_append_item(c, &r, value);
	if (ret == 0)
		ret = apply_item(c, &r, value, own, (unsigned)c->nlines);
	return ret < 0 ? ret : retype_interface(c, r.canon, true);
}

int conf_clear(struct lxc_config *c, const char *key)
{
	struct conf_resolved r = { 0 };
	__do_free char *canon = NULL;
	char reason[512];
	int ret;

	if (!c || !key)
		return -EINVAL;
	if (str_has_prefix(key, "lxc.network") || !strcmp(key, "lxc.include"))
		return -ENOENT;
	ret = conf_resolve_key(c, key, &r, reason, sizeof(reason));
	canon = r.canon;
	if (ret == -ENOMEM)
		return ret;
	if (ret < 0 || !r.canon)
		return -ENOENT;
	if (!c->own_name && !(c->own_name = intern_file(c, "(set)")))
		return -ENOMEM;
	c->own_loaded = true;
	ret = clear_resolved(c, &r);
	return ret < 0 ? ret : retype_interface(c, r.canon, true);
}
