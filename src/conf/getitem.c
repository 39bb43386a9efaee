/* getitem.c - liblxc's get_config_item and get_keys over the config model, in LXC 5.0's output format; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "conf/keys.h"
#include "conf/model.h"
#include "conf/validate.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/strutil.h"

/*
 * The formats below are what LXC 5.0.2's get_config_item returns (checked with
 * its liblxc; tests/unit/test-conf-getitem.c holds the expectations): most
 * lists one value per line each ending in "\n", a few joined without a final
 * newline, and for unset keys the default LXC reports.
 */

/* An snprintf-like output: counts what would be written, writes what fits. */
struct out {
	char *buf;
	size_t len;
	size_t used;
};

__attribute__((format(printf, 2, 3))) static void out_printf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->used < o->len ? o->len - o->used : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->used : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->used += (size_t)n;
}

static int out_done(struct out *o)
{
	if (o->buf && o->len && o->used < o->len)
		o->buf[o->used] = '\0';
	return o->used > INT_MAX ? -E2BIG : (int)o->used;
}

/* Defaults LXC reports for keys nobody set. */
static const struct {
	const char *key, *value;
} defaults[] = {
	{ "lxc.apparmor.allow_incomplete", "0" },
	{ "lxc.apparmor.allow_nesting", "0" },
	{ "lxc.autodev.tmpfs.size", "0" },
	{ "lxc.autodev", "1" },
	{ "lxc.cgroup.relative", "0" },
	{ "lxc.console.buffer.size", "0" },
	{ "lxc.console.rotate", "0" },
	{ "lxc.console.size", "0" },
	{ "lxc.sched.core", "0" },
	{ "lxc.ephemeral", "0" },
	{ "lxc.hook.version", "0" },
	{ "lxc.init.gid", "0" },
	{ "lxc.init.uid", "0" },
	{ "lxc.keyring.session", "0" },
	{ "lxc.log.level", "NOTSET" },
	{ "lxc.monitor.unshare", "0" },
	{ "lxc.monitor.signal.pdeath", "9" },
	{ "lxc.time.offset.boot", "0 ns\n" },
	{ "lxc.time.offset.monotonic", "0ns\n" },
	{ "lxc.no_new_privs", "0" },
	{ "lxc.pty.max", "0" },
	{ "lxc.rootfs.managed", "1" },
	{ "lxc.seccomp.allow_nesting", "0" },
	{ "lxc.signal.halt", "0" },
	{ "lxc.signal.reboot", "0" },
	{ "lxc.signal.stop", "0" },
	{ "lxc.start.auto", "0" },
	{ "lxc.start.delay", "0" },
	{ "lxc.start.order", "0" },
	{ "lxc.tty.max", "0" },
};

/* Per-interface defaults, by sub-key. */
static const struct {
	const char *sub, *value;
} net_defaults[] = {
	{ "type", "empty" },           { "veth.mode", "bridge" },     { "macvlan.mode", "private" },
	{ "ipvlan.mode", "l2" },       { "ipvlan.isolation", "bridge" }, { "vlan.id", "0" },
	{ "veth.vlan.id", "0" },       { "l2proxy", "0" },
};

/* The sub-keys get_keys lists for an interface, by type, in LXC's order. */
static const char *const net_common_keys = "type\nscript.up\nscript.down\n";
static const char *const net_full_keys = "flags\nlink\nname\nhwaddr\nmtu\nipv6.address\nipv6.gateway\nipv4.address\nipv4.gateway\n";
static const struct {
	const char *type, *extra;
} net_type_keys[] = {
	{ "veth", "veth.pair\nveth.ipv4.route\nveth.ipv6.route\nveth.vlan.id\n" },
	{ "macvlan", "macvlan.mode\n" },
	{ "ipvlan", "ipvlan.mode\nipvlan.isolation\n" },
	{ "vlan", "vlan.id\n" },
	{ "phys", "" },
	{ "none", "" },
};

/* LXC's namespace order, which it prints lxc.namespace.clone/keep in. */
static const char *const ns_order[] = { "user", "mnt", "pid", "uts", "ipc", "net", "cgroup", "time", NULL };

enum render { R_SINGLE, R_LINES, R_CONCAT, R_JOIN_NL, R_JOIN_COMMA, R_JOIN_SPACE, R_WORDS, R_NAMESPACES };

static enum render render_of(const char *key, const struct conf_key *def)
{
	if (!strcmp(key, "lxc.idmap") || str_has_suffix(key, ".ipv4.address") || str_has_suffix(key, ".ipv6.address") ||
	    str_has_suffix(key, ".veth.ipv4.route") || str_has_suffix(key, ".veth.ipv6.route"))
		return R_JOIN_NL;
	if (!strcmp(key, "lxc.init.groups"))
		return R_JOIN_COMMA;
	if (!strcmp(key, "lxc.mount.auto"))
		return R_JOIN_SPACE;
	if (!strcmp(key, "lxc.cap.drop") || !strcmp(key, "lxc.cap.keep") || !strcmp(key, "lxc.group"))
		return R_WORDS;
	if (str_has_prefix(key, "lxc.proc."))
		return R_CONCAT; /* LXC prints repeated lxc.proc.X values run together */
	if (!strcmp(key, "lxc.namespace.clone") || !strcmp(key, "lxc.namespace.keep"))
		return R_NAMESPACES;
	return def && (def->flags & KEY_LIST) ? R_LINES : R_SINGLE;
}

static bool word_in(const char *words, const char *w, size_t wlen)
{
	const char *p = words;

	while (*p) {
		size_t n;

		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n == wlen && !strncasecmp(p, w, n))
			return true;
		p += n;
	}
	return false;
}

static void render_words(struct out *o, const char *v)
{
	while (*v) {
		size_t n;

		v += strspn(v, " \t");
		n = strcspn(v, " \t");
		if (n)
			out_printf(o, "%.*s\n", (int)n, v);
		v += n;
	}
}

/* A single value as LXC reports it: signals by number, the log level by name. */
static void render_single(struct out *o, const char *key, const char *v)
{
	if (!strcmp(key, "lxc.signal.halt") || !strcmp(key, "lxc.signal.reboot") || !strcmp(key, "lxc.signal.stop") ||
	    !strcmp(key, "lxc.monitor.signal.pdeath")) {
		int sig = conf_signal_parse(v);
		if (sig > 0) {
			out_printf(o, "%d", sig);
			return;
		}
	}
	if (!strcmp(key, "lxc.log.level")) {
		int level = log_level_from_string(v);
		if (level >= 0) {
			out_printf(o, "%s", log_level_to_string(level));
			return;
		}
	}
	out_printf(o, "%s", v);
}

static int render_items(const struct lxc_config *c, const char *key, const struct conf_key *def, struct out *o)
{
	enum render how = render_of(key, def);
	bool any = false, first = true;
	__do_free char *all_ns = NULL;

	for (size_t i = 0; i < conf_item_count(c); i++) {
		const struct conf_item *it = conf_item_at(c, i);

		if (strcmp(it->key, key))
			continue;
		any = true;
		switch (how) {
		case R_SINGLE:
			o->used = 0; /* the last one counts (there is only one) */
			render_single(o, key, it->value);
			break;
		case R_LINES:
			out_printf(o, "%s\n", it->value);
			break;
		case R_CONCAT:
			out_printf(o, "%s", it->value);
			break;
		case R_JOIN_NL:
			out_printf(o, "%s%s", first ? "" : "\n", it->value);
			break;
		case R_JOIN_COMMA:
			out_printf(o, "%s%s", first ? "" : ",", it->value);
			break;
		case R_JOIN_SPACE:
			out_printf(o, "%s%s", first ? "" : " ", it->value);
			break;
		case R_WORDS:
			render_words(o, it->value);
			break;
		case R_NAMESPACES: {
			char *joined = str_printf("%s %s", all_ns ? all_ns : "", it->value);
			if (!joined)
				return -ENOMEM;
			free(all_ns);
			all_ns = joined;
			break;
		}
		}
		first = false;
	}
	if (how == R_NAMESPACES && all_ns) {
		for (int i = 0; ns_order[i]; i++)
			if (word_in(all_ns, ns_order[i], strlen(ns_order[i])))
				out_printf(o, "%s\n", ns_order[i]);
	}
	if (!any) {
		for (size_t i = 0; i < ARRAY_SIZE(defaults); i++)
			if (!strcmp(defaults[i].key, key))
				out_printf(o, "%s", defaults[i].value);
	}
	return 0;
}

/* The type of interface idx ("empty" when no type line), NULL if it is not configured. */
static const char *net_type(const struct lxc_config *c, int idx)
{
	char prefix[32], typekey[48];
	const char *type;
	bool exists = false;

	snprintf(prefix, sizeof(prefix), "lxc.net.%d.", idx);
	for (size_t i = 0; i < conf_item_count(c) && !exists; i++)
		exists = str_has_prefix(conf_item_at(c, i)->key, prefix);
	if (!exists)
		return NULL;
	snprintf(typekey, sizeof(typekey), "lxc.net.%d.type", idx);
	type = conf_get(c, typekey);
	return type ? type : "empty";
}

/* "lxc.net.N.SUB": N and SUB; false if key is not of that form. */
static bool split_net_key(const char *key, int *idx, const char **sub)
{
	char *end;
	long v;

	if (!str_has_prefix(key, "lxc.net."))
		return false;
	key += strlen("lxc.net.");
	if (*key < '0' || *key > '9')
		return false;
	v = strtol(key, &end, 10);
	if (v > INT_MAX)
		return false;
	*idx = (int)v;
	if (*end == '.')
		end++;
	else if (*end)
		return false;
	*sub = end;
	return true;
}

static bool type_applies(const char *types, const char *type)
{
	return !types || word_in(types, type, strlen(type));
}

static int get_net_item(const struct lxc_config *c, const char *key, const struct conf_key *def, struct out *o)
{
	const char *sub, *type;
	int idx;

	if (!split_net_key(key, &idx, &sub) || !*sub)
		return -ENOENT;
	type = net_type(c, idx);
	if (!type)
		return -EINVAL; /* LXC: no such interface */
	if ((def->flags & KEY_NET_TYPED) && !type_applies(def->net_types, type))
		return -EINVAL; /* LXC: the key does not exist for this type */
	if (!strcmp(sub, "type")) {
		out_printf(o, "%s", type);
		return out_done(o);
	}
	render_items(c, key, def, o);
	if (!o->used)
		for (size_t i = 0; i < ARRAY_SIZE(net_defaults); i++)
			if (!strcmp(net_defaults[i].sub, sub))
				out_printf(o, "%s", net_defaults[i].value);
	return out_done(o);
}

int conf_get_item(const struct lxc_config *c, const char *key, char *buf, size_t len)
{
	struct out o = { .buf = buf, .len = buf ? len : 0 };
	const struct conf_key *def;
	char mapped[512];
	int idx = -1, ret;

	if (!c || !key)
		return -EINVAL;
	if (o.len)
		buf[0] = '\0';
	if (!strcmp(key, "lxc.include"))
		return -ENOSYS; /* as LXC: includes are expanded, not kept as an item */

	if (!strcmp(key, "lxc.net")) {
		__do_free int *idxs = NULL;
		int n = conf_net_indices(c, &idxs);

		if (n < 0)
			return n;
		for (int i = 0; i < n; i++)
			out_printf(&o, "%s\n", net_type(c, idxs[i]));
		return out_done(&o);
	}
	if (str_has_prefix(key, "lxc.net.") && conf_is_group(key)) {
		const char *sub;

		/* lxc.net.N itself has no value; LXC says so differently for a missing interface */
		split_net_key(key, &idx, &sub);
		return net_type(c, idx) ? -ENOENT : -EINVAL;
	}
	if (!strcmp(key, "lxc.cgroup") || !strcmp(key, "lxc.cgroup2") || !strcmp(key, "lxc.sysctl") ||
	    !strcmp(key, "lxc.proc") || !strcmp(key, "lxc.prlimit")) {
		struct conf_match m;

		conf_match_init(&m, key);
		for (size_t i = 0; i < conf_item_count(c); i++) {
			const struct conf_item *it = conf_item_at(c, i);
			if (conf_match(&m, it->key, it->def))
				out_printf(&o, "%s = %s\n", it->key, it->value);
		}
		return out_done(&o);
	}
	if (conf_is_group(key))
		return -EINVAL; /* lxc.hook: LXC has no combined form */

	def = conf_key_lookup(key, &idx);
	if (!def)
		return -ENOENT;
	if (def->flags & KEY_LEGACY) {
		/* LXC 5 knows these no longer; we answer for the simple renames. */
		if (!def->replacement || (def->flags & KEY_NET) || str_has_prefix(key, "lxc.network"))
			return -ENOENT;
		if (def->flags & KEY_PREFIX)
			snprintf(mapped, sizeof(mapped), "%s%s", def->replacement, key + strlen(def->name));
		else
			snprintf(mapped, sizeof(mapped), "%s", def->replacement);
		key = mapped;
		def = conf_key_lookup(key, &idx);
		if (!def)
			return -ENOENT;
	}
	if (def->flags & KEY_NET)
		return get_net_item(c, key, def, &o);
	ret = render_items(c, key, def, &o);
	if (ret < 0)
		return ret;
	return out_done(&o);
}

/* What get_keys(NULL) lists, in LXC 5.0's order (its table order, which programs may show as is). */
static const char *const top_keys[] = {
	"lxc.arch", "lxc.apparmor.profile", "lxc.apparmor.allow_incomplete", "lxc.apparmor.allow_nesting",
	"lxc.apparmor.raw", "lxc.autodev.tmpfs.size", "lxc.autodev", "lxc.cap.drop", "lxc.cap.keep", "lxc.cgroup2",
	"lxc.cgroup.dir.monitor.pivot", "lxc.cgroup.dir.monitor", "lxc.cgroup.dir.container.inner",
	"lxc.cgroup.dir.container", "lxc.cgroup.dir", "lxc.cgroup.relative", "lxc.cgroup",
	"lxc.console.buffer.size", "lxc.console.logfile", "lxc.console.path", "lxc.console.rotate",
	"lxc.console.size", "lxc.sched.core", "lxc.environment", "lxc.ephemeral", "lxc.execute.cmd", "lxc.group",
	"lxc.hook.autodev", "lxc.hook.clone", "lxc.hook.destroy", "lxc.hook.mount", "lxc.hook.post-stop",
	"lxc.hook.pre-mount", "lxc.hook.pre-start", "lxc.hook.start", "lxc.hook.start-host", "lxc.hook.stop",
	"lxc.hook.version", "lxc.hook", "lxc.idmap", "lxc.include", "lxc.init.cmd", "lxc.init.gid",
	"lxc.init.groups", "lxc.init.uid", "lxc.init.cwd", "lxc.keyring.session", "lxc.log.file", "lxc.log.level",
	"lxc.log.syslog", "lxc.monitor.unshare", "lxc.monitor.signal.pdeath", "lxc.mount.auto", "lxc.mount.entry",
	"lxc.mount.fstab", "lxc.namespace.clone", "lxc.namespace.keep", "lxc.time.offset.boot",
	"lxc.time.offset.monotonic", "lxc.net", "lxc.no_new_privs", "lxc.prlimit", "lxc.pty.max",
	"lxc.rootfs.managed", "lxc.rootfs.mount", "lxc.rootfs.options", "lxc.rootfs.path",
	"lxc.seccomp.allow_nesting", "lxc.seccomp.notify.cookie", "lxc.seccomp.notify.proxy", "lxc.seccomp.profile",
	"lxc.selinux.context.keyring", "lxc.selinux.context", "lxc.signal.halt", "lxc.signal.reboot",
	"lxc.signal.stop", "lxc.start.auto", "lxc.start.delay", "lxc.start.order", "lxc.tty.dir", "lxc.tty.max",
	"lxc.uts.name", "lxc.sysctl", "lxc.proc", NULL,
};

static int get_top_keys(struct out *o)
{
	for (int i = 0; top_keys[i]; i++)
		out_printf(o, "%s\n", top_keys[i]);
	return out_done(o);
}

/* get_keys("lxc.hook") and get_keys("lxc.cgroup"), as LXC lists them (it leaves out
 * lxc.hook.version, and lists only "dir" under lxc.cgroup). */
static const char hook_keys[] = "autodev\nclone\ndestroy\nmount\npost-stop\npre-mount\npre-start\nstart-host\nstart\nstop\n";
static const char cgroup_keys[] = "dir\n";

int conf_get_keys(const struct lxc_config *c, const char *prefix, char *buf, size_t len)
{
	struct out o = { .buf = buf, .len = buf ? len : 0 };
	__do_free char *p = NULL;
	const char *sub, *type;
	size_t plen;
	int idx;

	if (!c)
		return -EINVAL;
	if (o.len)
		buf[0] = '\0';
	if (!prefix || !*prefix)
		return get_top_keys(&o);

	p = strdup(prefix);
	if (!p)
		return -ENOMEM;
	plen = strlen(p);
	if (split_net_key(p, &idx, &sub) && (!*sub)) {
		type = net_type(c, idx);
		if (!type)
			return -EINVAL;
		out_printf(&o, "%s", net_common_keys);
		for (size_t i = 0; i < ARRAY_SIZE(net_type_keys); i++)
			if (!strcmp(net_type_keys[i].type, type))
				out_printf(&o, "%s%s", net_full_keys, net_type_keys[i].extra);
		return out_done(&o);
	}
	if (plen && p[plen - 1] == '.')
		return -EINVAL; /* LXC takes "lxc.net.0." but not "lxc.hook." */
	if (!strcmp(p, "lxc.hook"))
		out_printf(&o, "%s", hook_keys);
	else if (!strcmp(p, "lxc.cgroup"))
		out_printf(&o, "%s", cgroup_keys);
	else
		return -EINVAL;
	return out_done(&o);
}
