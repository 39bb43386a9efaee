/* test-keys.c - unit tests for the config key table (conf/keys) and the value checkers (conf/validate); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf/keys.h"
#include "conf/validate.h"
#include "unit.h"
#include "util/fileutil.h"
#include "util/strutil.h"

static const struct conf_key *look(const char *key, int *idx)
{
	return conf_key_lookup(key, idx);
}

static void lookup_finds_every_kind(void)
{
	const struct conf_key *k;
	int idx;

	k = look("lxc.uts.name", &idx);
	CHECK(k && !strcmp(k->name, "lxc.uts.name") && !(k->flags & (KEY_NET | KEY_PREFIX | KEY_LEGACY)));
	CHECK_INT(idx, -1);

	k = look("lxc.net.2.ipv4.address", &idx);
	CHECK(k && !strcmp(k->name, "ipv4.address") && (k->flags & KEY_NET) && !(k->flags & KEY_LEGACY));
	CHECK_INT(idx, 2);
	k = look("lxc.net.10000.type", &idx);
	CHECK(k && !strcmp(k->name, "type"));
	CHECK_INT(idx, 10000);

	k = look("lxc.cgroup.memory.limit_in_bytes", &idx);
	CHECK(k && !strcmp(k->name, "lxc.cgroup.") && (k->flags & KEY_PREFIX));
	k = look("lxc.cgroup2.memory.max", NULL);
	CHECK(k && !strcmp(k->name, "lxc.cgroup2."));
	k = look("lxc.sysctl.net.ipv4.ip_forward", NULL);
	CHECK(k && !strcmp(k->name, "lxc.sysctl."));
	k = look("lxc.proc.oom_score_adj", NULL);
	CHECK(k && !strcmp(k->name, "lxc.proc."));
	k = look("lxc.prlimit.nofile", NULL);
	CHECK(k && !strcmp(k->name, "lxc.prlimit."));
	/* an exact key beats the prefix it starts with */
	k = look("lxc.cgroup.dir.monitor.pivot", NULL);
	CHECK(k && !strcmp(k->name, "lxc.cgroup.dir.monitor.pivot"));
	k = look("lxc.cgroup.relative", NULL);
	CHECK(k && !strcmp(k->name, "lxc.cgroup.relative"));

	/* fixed hook names, not a prefix */
	CHECK(look("lxc.hook.pre-start", NULL) != NULL);
	CHECK(look("lxc.hook.post-stop", NULL) != NULL);
	CHECK(look("lxc.hook.foo", NULL) == NULL);
	CHECK(look("lxc.include", NULL) != NULL);

	/* the clear-only forms */
	k = look("lxc.net.3", &idx);
	CHECK(k && !strcmp(k->name, "lxc.net") && (k->flags & KEY_CLEAR));
	CHECK_INT(idx, 3);
	k = look("lxc.net", &idx);
	CHECK(k && (k->flags & KEY_CLEAR));
	CHECK_INT(idx, -1);
	for (const char *const *p = (const char *const[]){ "lxc.cgroup", "lxc.cgroup2", "lxc.sysctl", "lxc.proc",
							    "lxc.prlimit", "lxc.hook", NULL };
	     *p; p++) {
		k = look(*p, NULL);
		CHECK(k && (k->flags & KEY_CLEAR) && !strcmp(k->name, *p));
	}

	/* unknown */
	CHECK(look("lxc.foo", &idx) == NULL);
	CHECK_INT(idx, -1);
	CHECK(look("lxc.net.foo", NULL) == NULL);
	CHECK(look("lxc.net.0.foo", &idx) == NULL);
	CHECK_INT(idx, -1);
	CHECK(look("lxc.net.-1.type", NULL) == NULL);
	CHECK(look("lxc.net.99999999999.type", NULL) == NULL);
	CHECK(look("lxc.net.0.", NULL) == NULL);
	CHECK(look("lxc.cgroup.", NULL) == NULL);
	CHECK(look("lxc.sysctl.", NULL) == NULL);
	CHECK(look("lxc.namespace.share.foo", NULL) == NULL);
	CHECK(look("lxc.time.offset.foo", NULL) == NULL);
	CHECK(look("lxc.console.buffer.logfile", NULL) == NULL);
	CHECK(look("lxc.start", NULL) == NULL);
	CHECK(look("", NULL) == NULL);
	CHECK(look(NULL, NULL) == NULL);
}

/* What liblxc 5.0.2's get_keys() prints, so the table can never lose one. */
static const char *const lxc50_keys[] = {
	"lxc.arch", "lxc.apparmor.profile", "lxc.apparmor.allow_incomplete", "lxc.apparmor.allow_nesting",
	"lxc.apparmor.raw", "lxc.autodev.tmpfs.size", "lxc.autodev", "lxc.cap.drop", "lxc.cap.keep",
	"lxc.cgroup2", "lxc.cgroup.dir.monitor.pivot", "lxc.cgroup.dir.monitor",
	"lxc.cgroup.dir.container.inner", "lxc.cgroup.dir.container", "lxc.cgroup.dir", "lxc.cgroup.relative",
	"lxc.cgroup", "lxc.console.buffer.size", "lxc.console.logfile", "lxc.console.path", "lxc.console.rotate",
	"lxc.console.size", "lxc.sched.core", "lxc.environment", "lxc.ephemeral", "lxc.execute.cmd", "lxc.group",
	"lxc.hook.autodev", "lxc.hook.clone", "lxc.hook.destroy", "lxc.hook.mount", "lxc.hook.post-stop",
	"lxc.hook.pre-mount", "lxc.hook.pre-start", "lxc.hook.start", "lxc.hook.start-host", "lxc.hook.stop",
	"lxc.hook.version", "lxc.hook", "lxc.idmap", "lxc.include", "lxc.init.cmd", "lxc.init.gid",
	"lxc.init.groups", "lxc.init.uid", "lxc.init.cwd", "lxc.keyring.session", "lxc.log.file", "lxc.log.level",
	"lxc.log.syslog", "lxc.monitor.unshare", "lxc.monitor.signal.pdeath", "lxc.mount.auto", "lxc.mount.entry",
	"lxc.mount.fstab", "lxc.namespace.clone", "lxc.namespace.keep", "lxc.time.offset.boot",
	"lxc.time.offset.monotonic", "lxc.net", "lxc.no_new_privs", "lxc.prlimit", "lxc.pty.max",
	"lxc.rootfs.managed", "lxc.rootfs.mount", "lxc.rootfs.options", "lxc.rootfs.path",
	"lxc.seccomp.allow_nesting", "lxc.seccomp.notify.cookie", "lxc.seccomp.notify.proxy",
	"lxc.seccomp.profile", "lxc.selinux.context.keyring", "lxc.selinux.context", "lxc.signal.halt",
	"lxc.signal.reboot", "lxc.signal.stop", "lxc.start.auto", "lxc.start.delay", "lxc.start.order",
	"lxc.tty.dir", "lxc.tty.max", "lxc.uts.name", "lxc.sysctl", "lxc.proc", NULL,
};

/* get_keys("lxc.net.0") per lxc.net.0.type, from liblxc 5.0.2. */
static const struct {
	const char *type;
	const char *keys;
} lxc50_net_keys[] = {
	{ "veth", "type script.up script.down flags link name hwaddr mtu ipv6.address ipv6.gateway ipv4.address "
		  "ipv4.gateway veth.pair veth.ipv4.route veth.ipv6.route veth.vlan.id" },
	{ "macvlan", "type script.up script.down flags link name hwaddr mtu ipv6.address ipv6.gateway "
		     "ipv4.address ipv4.gateway macvlan.mode" },
	{ "ipvlan", "type script.up script.down flags link name hwaddr mtu ipv6.address ipv6.gateway "
		    "ipv4.address ipv4.gateway ipvlan.mode ipvlan.isolation" },
	{ "vlan", "type script.up script.down flags link name hwaddr mtu ipv6.address ipv6.gateway ipv4.address "
		  "ipv4.gateway vlan.id" },
	{ "phys", "type script.up script.down flags link name hwaddr mtu ipv6.address ipv6.gateway ipv4.address "
		  "ipv4.gateway" },
	{ "empty", "type script.up script.down" },
	{ "none", "type script.up script.down flags link name hwaddr mtu ipv6.address ipv6.gateway ipv4.address "
		  "ipv4.gateway" },
};

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/* The table's listing for a net type, built as a get_keys would from net_types and KEY_HIDDEN. */
static bool table_lists_for_type(const struct conf_key *k, const char *type)
{
	return !(k->flags & (KEY_HIDDEN | KEY_LEGACY)) && (!k->net_types || has_word(k->net_types, type));
}

static void table_covers_liblxc_get_keys(void)
{
	size_t n, listed = 0;
	const struct conf_key *all = conf_keys_all(&n);

	for (const char *const *p = lxc50_keys; *p; p++) {
		const struct conf_key *k = look(*p, NULL);
		if (!k)
			printf("  missing from the table: %s\n", *p);
		CHECK(k && !(k->flags & (KEY_LEGACY | KEY_HIDDEN)));
	}
	/* and no visible top-level key that LXC does not list (prefixes show without their dot) */
	for (size_t i = 0; i < n; i++) {
		char name[128];
		bool found = false;

		if (all[i].flags & (KEY_NET | KEY_LEGACY | KEY_HIDDEN))
			continue;
		snprintf(name, sizeof(name), "%s", all[i].name);
		if (all[i].flags & KEY_PREFIX)
			name[strlen(name) - 1] = '\0';
		for (const char *const *p = lxc50_keys; *p && !found; p++)
			found = !strcmp(*p, name);
		if (!found)
			printf("  not a liblxc 5.0 key: %s\n", name);
		CHECK(found);
		listed++;
	}
	CHECK(listed > 0);
	/* get_keys lists lxc.cgroup and lxc.cgroup. once: the prefix and the clear form share a name */

	for (size_t t = 0; t < sizeof(lxc50_net_keys) / sizeof(lxc50_net_keys[0]); t++) {
		const char *type = lxc50_net_keys[t].type;

		for (size_t i = 0; i < n; i++) {
			if (!(all[i].flags & KEY_NET) || (all[i].flags & KEY_LEGACY))
				continue;
			if (table_lists_for_type(&all[i], type) != has_word(lxc50_net_keys[t].keys, all[i].name)) {
				printf("  type %s, key %s: table and liblxc disagree\n", type, all[i].name);
				CHECK(false);
			}
		}
	}
}

static void hidden_keys_are_known_but_unlisted(void)
{
	static const char *const hidden[] = {
		"lxc.namespace.share.net", "lxc.namespace.share.pid", "lxc.namespace.share.user",
		"lxc.namespace.share.ipc", "lxc.namespace.share.uts", "lxc.namespace.share.mnt",
		"lxc.namespace.share.cgroup", "lxc.namespace.share.time", "lxc.net.0.l2proxy",
		"lxc.net.0.veth.mode", "lxc.net.0.veth.vlan.tagged.id", NULL,
	};

	for (const char *const *p = hidden; *p; p++) {
		const struct conf_key *k = look(*p, NULL);
		CHECK(k && (k->flags & KEY_HIDDEN));
	}
}

static bool is_list(const char *key)
{
	const struct conf_key *k = look(key, NULL);
	if (!k)
		printf("  unknown: %s\n", key);
	return k && (k->flags & KEY_LIST);
}

static void lists_and_last_wins_match_lxc(void)
{
	/* checked with liblxc 5.0.2: the key twice in a file, read back with get_config_item */
	static const char *const lists[] = {
		"lxc.mount.entry", "lxc.cap.drop", "lxc.cap.keep", "lxc.net.0.ipv4.address", "lxc.net.1.ipv6.address",
		"lxc.net.0.veth.ipv4.route", "lxc.net.0.veth.ipv6.route", "lxc.net.0.veth.vlan.tagged.id",
		"lxc.hook.pre-start", "lxc.hook.pre-mount", "lxc.hook.mount", "lxc.hook.autodev", "lxc.hook.start",
		"lxc.hook.start-host", "lxc.hook.stop", "lxc.hook.post-stop", "lxc.hook.clone", "lxc.hook.destroy",
		"lxc.environment", "lxc.idmap", "lxc.proc.oom_score_adj", "lxc.cgroup.devices.allow",
		"lxc.cgroup.devices.deny", "lxc.cgroup2.devices.allow", "lxc.cgroup.memory.limit_in_bytes",
		"lxc.cgroup2.memory.max", "lxc.group", "lxc.mount.auto", "lxc.namespace.clone", "lxc.namespace.keep",
		"lxc.init.groups", "lxc.apparmor.raw", "lxc.id_map", "lxc.network.ipv4", "lxc.network.0.ipv6",
		NULL,
	};
	static const char *const single[] = {
		"lxc.prlimit.nofile", "lxc.sysctl.net.ipv4.ip_forward", "lxc.net.0.link", "lxc.net.0.hwaddr",
		"lxc.net.0.ipv4.gateway", "lxc.net.0.type", "lxc.uts.name", "lxc.hook.version", "lxc.log.level",
		"lxc.time.offset.boot", "lxc.seccomp.notify.cookie", "lxc.namespace.share.net", "lxc.rootfs.options",
		"lxc.rootfs.path", "lxc.signal.halt", "lxc.limit.nofile", "lxc.utsname", "lxc.network.link",
		"lxc.include", NULL,
	};

	for (const char *const *p = lists; *p; p++) {
		if (!is_list(*p))
			printf("  should accumulate: %s\n", *p);
		CHECK(is_list(*p));
	}
	for (const char *const *p = single; *p; p++) {
		if (is_list(*p) || !look(*p, NULL))
			printf("  should be last-wins: %s\n", *p);
		CHECK(!is_list(*p) && look(*p, NULL));
	}
}

static void check_legacy(const char *key, const char *replacement, int want_idx)
{
	int idx;
	const struct conf_key *k = look(key, &idx);

	if (!k || !(k->flags & KEY_LEGACY)) {
		printf("  not legacy: %s\n", key);
		CHECK(false);
		return;
	}
	if (replacement)
		CHECK_STR(k->replacement, replacement);
	else
		CHECK(k->replacement == NULL);
	CHECK_INT(idx, want_idx);
}

static void legacy_keys_map_to_current_ones(void)
{
	size_t n;
	const struct conf_key *all = conf_keys_all(&n);

	check_legacy("lxc.utsname", "lxc.uts.name", -1);
	check_legacy("lxc.rootfs", "lxc.rootfs.path", -1);
	check_legacy("lxc.rootfs.backend", NULL, -1);
	check_legacy("lxc.pivotdir", NULL, -1);
	check_legacy("lxc.kmsg", NULL, -1);
	check_legacy("lxc.tty", "lxc.tty.max", -1);
	check_legacy("lxc.pts", "lxc.pty.max", -1);
	check_legacy("lxc.id_map", "lxc.idmap", -1);
	check_legacy("lxc.haltsignal", "lxc.signal.halt", -1);
	check_legacy("lxc.rebootsignal", "lxc.signal.reboot", -1);
	check_legacy("lxc.stopsignal", "lxc.signal.stop", -1);
	check_legacy("lxc.loglevel", "lxc.log.level", -1);
	check_legacy("lxc.logfile", "lxc.log.file", -1);
	check_legacy("lxc.syslog", "lxc.log.syslog", -1);
	check_legacy("lxc.init_cmd", "lxc.init.cmd", -1);
	check_legacy("lxc.init_uid", "lxc.init.uid", -1);
	check_legacy("lxc.init_gid", "lxc.init.gid", -1);
	check_legacy("lxc.aa_profile", "lxc.apparmor.profile", -1);
	check_legacy("lxc.aa_allow_incomplete", "lxc.apparmor.allow_incomplete", -1);
	check_legacy("lxc.se_context", "lxc.selinux.context", -1);
	check_legacy("lxc.seccomp", "lxc.seccomp.profile", -1);
	check_legacy("lxc.console", "lxc.console.path", -1);
	check_legacy("lxc.devttydir", "lxc.tty.dir", -1);
	check_legacy("lxc.mount", "lxc.mount.fstab", -1);
	check_legacy("lxc.limit.nofile", "lxc.prlimit.", -1);
	check_legacy("lxc.network", "lxc.net", -1);
	check_legacy("lxc.network.2", "lxc.net", 2);
	/* un-indexed and indexed lxc.network sub-keys */
	check_legacy("lxc.network.type", "type", -1);
	check_legacy("lxc.network.link", "link", -1);
	check_legacy("lxc.network.ipv4", "ipv4.address", -1);
	check_legacy("lxc.network.ipv6", "ipv6.address", -1);
	check_legacy("lxc.network.ipv4.gateway", "ipv4.gateway", -1);
	check_legacy("lxc.network.veth.pair", "veth.pair", -1);
	check_legacy("lxc.network.3.ipv4", "ipv4.address", 3);
	check_legacy("lxc.network.1.hwaddr", "hwaddr", 1);
	check_legacy("lxc.network.0.script.up", "script.up", 0);
	/* what lxc-update-config makes of lxc.network.N.ipv4 */
	check_legacy("lxc.net.1.ipv4", "ipv4.address", 1);
	check_legacy("lxc.net.0.ipv6", "ipv6.address", 0);
	/* a legacy spelling of a current key stays unknown under lxc.net */
	CHECK(!(look("lxc.net.0.type", NULL)->flags & KEY_LEGACY));
	/* keys that never existed under lxc.network */
	CHECK(look("lxc.network.0.veth.ipv4.route", NULL) == NULL);
	CHECK(look("lxc.network.foo", NULL) == NULL);

	/* every replacement is itself a current key of the same kind */
	for (size_t i = 0; i < n; i++) {
		char full[256];
		const struct conf_key *r;

		if (!(all[i].flags & KEY_LEGACY) || !all[i].replacement)
			continue;
		if (all[i].flags & KEY_NET)
			snprintf(full, sizeof(full), "lxc.net.0.%s", all[i].replacement);
		else if (all[i].flags & KEY_PREFIX)
			snprintf(full, sizeof(full), "%sx", all[i].replacement);
		else
			snprintf(full, sizeof(full), "%s", all[i].replacement);
		r = look(full, NULL);
		if (!r || (r->flags & KEY_LEGACY))
			printf("  %s: replacement %s is not a current key\n", all[i].name, full);
		CHECK(r && !(r->flags & KEY_LEGACY));
		/* same accumulation as what replaces it */
		CHECK(r && (r->flags & KEY_LIST) == (all[i].flags & KEY_LIST));
	}
}

static void table_is_consistent(void)
{
	size_t n;
	const struct conf_key *all = conf_keys_all(&n);
	bool seen_net = false;

	CHECK(n > 150);
	for (size_t i = 0; i < n; i++) {
		const struct conf_key *k = &all[i];

		CHECK(k->name && *k->name);
		CHECK(k->summary && *k->summary);
		/* container keys first, then net sub-keys */
		if (k->flags & KEY_NET)
			seen_net = true;
		else
			CHECK(!seen_net);
		if (k->flags & KEY_NET)
			CHECK(!str_has_prefix(k->name, "lxc."));
		else
			CHECK(str_has_prefix(k->name, "lxc."));
		CHECK(!(k->flags & KEY_PREFIX) == !str_has_suffix(k->name, "."));
		if (k->flags & KEY_NET_TYPED)
			CHECK((k->flags & KEY_NET) && k->net_types);
		if (k->flags & KEY_CLEAR) {
			char err[128];
			CHECK(k->validate && k->validate("x", err, sizeof(err)) == -EINVAL);
		}
		if (!(k->flags & KEY_LEGACY))
			CHECK(k->replacement == NULL);
		/* unique within its kind */
		for (size_t j = i + 1; j < n; j++)
			if (!strcmp(k->name, all[j].name) &&
			    (k->flags & (KEY_NET | KEY_LEGACY)) == (all[j].flags & (KEY_NET | KEY_LEGACY))) {
				printf("  duplicate: %s\n", k->name);
				CHECK(false);
			}
		/* every key of the table can be found by its own name */
		if (!(k->flags & (KEY_NET | KEY_PREFIX)))
			CHECK(look(k->name, NULL) == k);
	}
}

static void types_limit_net_keys(void)
{
	const struct conf_key *k = look("lxc.net.0.veth.pair", NULL);

	CHECK(k && (k->flags & KEY_NET_TYPED) && has_word(k->net_types, "veth"));
	k = look("lxc.net.0.macvlan.mode", NULL);
	CHECK(k && (k->flags & KEY_NET_TYPED) && !strcmp(k->net_types, "macvlan"));
	k = look("lxc.net.0.vlan.id", NULL);
	CHECK(k && (k->flags & KEY_NET_TYPED) && !strcmp(k->net_types, "vlan"));
	k = look("lxc.net.0.ipvlan.isolation", NULL);
	CHECK(k && (k->flags & KEY_NET_TYPED) && !strcmp(k->net_types, "ipvlan"));
	/* LXC takes the generic ones before the type and for any type */
	k = look("lxc.net.0.link", NULL);
	CHECK(k && !(k->flags & KEY_NET_TYPED));
	k = look("lxc.net.0.l2proxy", NULL);
	CHECK(k && !(k->flags & KEY_NET_TYPED) && k->net_types == NULL);
}

static void suggestions_find_the_nearest_key(void)
{
	CHECK_STR(conf_key_suggest("lxc.net.0.ipv4.adress"), "lxc.net.0.ipv4.address");
	CHECK_STR(conf_key_suggest("lxc.uts.nme"), "lxc.uts.name");
	CHECK_STR(conf_key_suggest("lxc.net.3.lnk"), "lxc.net.3.link");
	CHECK_STR(conf_key_suggest("lxc.net.1.tpye"), "lxc.net.1.type");
	CHECK_STR(conf_key_suggest("lxc.network.2.lnik"), "lxc.net.2.link");
	CHECK_STR(conf_key_suggest("lxc.net.ipv4.address"), "lxc.net.0.ipv4.address");
	CHECK_STR(conf_key_suggest("lxc.hook.pre-strat"), "lxc.hook.pre-start");
	CHECK_STR(conf_key_suggest("lxc.apparmor.profil"), "lxc.apparmor.profile");
	CHECK_STR(conf_key_suggest("lxc.rootfs.pth"), "lxc.rootfs.path");
	CHECK_STR(conf_key_suggest("lxc.tyy.max"), "lxc.tty.max");
	CHECK_STR(conf_key_suggest("lxc.cap.dorp"), "lxc.cap.drop");
	CHECK_STR(conf_key_suggest("lxc.sysctel.net.ipv4.ip_forward"), "lxc.sysctl.net.ipv4.ip_forward");
	CHECK_STR(conf_key_suggest("lxc.cgrup.memory.max"), "lxc.cgroup.memory.max");
	CHECK_STR(conf_key_suggest("lxc.mount.entyr"), "lxc.mount.entry");
	/* a legacy spelling is not a typo; a typo of one gets the current key */
	CHECK_STR(conf_key_suggest("lxc.utsnme"), "lxc.uts.name");
	/* nothing close, or nothing wrong */
	CHECK(conf_key_suggest("lxc.foo") == NULL);
	CHECK(conf_key_suggest("lxc.net.0.xyz") == NULL);
	CHECK(conf_key_suggest("something.else.entirely") == NULL);
	CHECK(conf_key_suggest("lxc.uts.name") == NULL);
	CHECK(conf_key_suggest("lxc.cgroup.memory.max") == NULL);
	CHECK(conf_key_suggest("lxc.utsname") == NULL);
	CHECK(conf_key_suggest(NULL) == NULL);
	/* every suggestion is itself a known key */
	static const char *const typos[] = { "lxc.net.0.hwadr", "lxc.signal.hlt", "lxc.start.ato", "lxc.idmp",
					     "lxc.prlimt.nofile", NULL };
	for (const char *const *p = typos; *p; p++) {
		const char *s = conf_key_suggest(*p);
		CHECK(s && look(s, NULL));
	}
}

/* ---- checkers ---- */

struct vcase {
	const char *key;
	const char *value;
	int want; /* 0, -EINVAL, CONF_VALID_WARN */
};

static const struct vcase vcases[] = {
	/* booleans */
	{ "lxc.ephemeral", "0", 0 }, { "lxc.ephemeral", "1", 0 }, { "lxc.ephemeral", "01", 0 },
	{ "lxc.ephemeral", "2", -EINVAL }, { "lxc.ephemeral", "yes", -EINVAL }, { "lxc.ephemeral", "-0", -EINVAL },
	{ "lxc.no_new_privs", "1", 0 }, { "lxc.no_new_privs", "true", -EINVAL },
	{ "lxc.autodev", "1", 0 }, { "lxc.autodev", "2", -EINVAL },
	{ "lxc.monitor.unshare", "1", 0 }, { "lxc.monitor.unshare", "2", CONF_VALID_WARN },
	{ "lxc.monitor.unshare", "yes", -EINVAL },
	{ "lxc.seccomp.allow_nesting", "1", 0 }, { "lxc.seccomp.allow_nesting", "yes", CONF_VALID_WARN },
	{ "lxc.seccomp.allow_nesting", "2", -EINVAL },
	{ "lxc.net.0.l2proxy", "1", 0 }, { "lxc.net.0.l2proxy", "2", -EINVAL },
	/* numbers */
	{ "lxc.tty.max", "4", 0 }, { "lxc.tty.max", "4294967295", 0 }, { "lxc.tty.max", "4294967296", -EINVAL },
	{ "lxc.tty.max", "-1", -EINVAL }, { "lxc.tty.max", "abc", -EINVAL }, { "lxc.pty.max", "1024", 0 },
	{ "lxc.start.delay", "+1", 0 }, { "lxc.start.delay", "1.5", -EINVAL },
	{ "lxc.start.order", "-2147483648", 0 }, { "lxc.start.order", "2147483648", -EINVAL },
	{ "lxc.start.order", "abc", -EINVAL },
	{ "lxc.init.uid", "1000", 0 }, { "lxc.init.uid", "-1", -EINVAL }, { "lxc.init.uid", "root", CONF_VALID_WARN },
	{ "lxc.init.gid", "4294967296", CONF_VALID_WARN },
	{ "lxc.init.groups", "1,2,3", 0 }, { "lxc.init.groups", "1, 2", 0 }, { "lxc.init.groups", "1,,2", 0 },
	{ "lxc.init.groups", "1 2", -EINVAL }, { "lxc.init.groups", "a", -EINVAL }, { "lxc.init.groups", "-1", -EINVAL },
	{ "lxc.hook.version", "1", 0 }, { "lxc.hook.version", "2", -EINVAL }, { "lxc.hook.version", "x", CONF_VALID_WARN },
	{ "lxc.autodev.tmpfs.size", "500000", 0 }, { "lxc.autodev.tmpfs.size", "-1", 0 },
	{ "lxc.autodev.tmpfs.size", "10M", CONF_VALID_WARN },
	/* numbers are read as LXC reads them: C syntax */
	{ "lxc.tty.max", "0x10", 0 }, { "lxc.tty.max", "010", 0 }, { "lxc.tty.max", "08", -EINVAL },
	{ "lxc.tty.max", "1e3", -EINVAL }, { "lxc.start.order", "-0x10", 0 }, { "lxc.signal.halt", "010", 0 },
	{ "lxc.signal.halt", "08", -EINVAL }, { "lxc.init.groups", "0x10,010", 0 }, { "lxc.cap.drop", "0x15", 0 },
	{ "lxc.ephemeral", "010", -EINVAL }, { "lxc.hook.version", "08", CONF_VALID_WARN },
	{ "lxc.net.0.vlan.id", "0x10", 0 }, { "lxc.net.0.ipv4.address", "10.0.0.2/0x10", 0 },
	{ "lxc.net.0.ipv4.address", "10.0.0.2/08", -EINVAL }, { "lxc.idmap", "u 010 100000 65536", 0 },
	{ "lxc.idmap", "u 08 1 1", -EINVAL }, { "lxc.console.buffer.size", "0x10", 0 },
	{ "lxc.console.buffer.size", "+1MB", 0 }, { "lxc.console.buffer.size", "1  MB", 0 },
	{ "lxc.console.buffer.size", "08", -EINVAL }, { "lxc.seccomp.allow_nesting", "-0", -EINVAL },
	/* signals */
	{ "lxc.signal.halt", "SIGPWR", 0 }, { "lxc.signal.halt", "sigkill", 0 }, { "lxc.signal.halt", "9", 0 },
	{ "lxc.signal.halt", "SIGRTMIN+3", 0 }, { "lxc.signal.halt", "SIGRTMAX-1", 0 },
	{ "lxc.signal.halt", "SIGRTMIN+0", 0 }, { "lxc.signal.halt", "SIGRTMIN+30", 0 },
	{ "lxc.signal.halt", "SIGRTMIN+31", -EINVAL }, { "lxc.signal.halt", "SIGRTMIN-1", -EINVAL },
	{ "lxc.signal.halt", "SIGFOO", -EINVAL }, { "lxc.signal.halt", "-1", -EINVAL },
	{ "lxc.signal.halt", "09", -EINVAL }, { "lxc.signal.halt", "SIGRTMIN+x", -EINVAL },
	{ "lxc.signal.halt", "100", CONF_VALID_WARN }, { "lxc.monitor.signal.pdeath", "SIGKILL", 0 },
	{ "lxc.signal.stop", "SIGIOT", 0 }, { "lxc.signal.reboot", "SIGCLD", 0 },
	/* logging */
	{ "lxc.log.level", "DEBUG", 0 }, { "lxc.log.level", "trace", 0 }, { "lxc.log.level", "8", 0 },
	{ "lxc.log.level", "9", -EINVAL }, { "lxc.log.level", "NOTSET", -EINVAL }, { "lxc.log.level", "ERR", -EINVAL },
	{ "lxc.log.syslog", "daemon", 0 }, { "lxc.log.syslog", "LOCAL7", 0 }, { "lxc.log.syslog", "local8", -EINVAL },
	{ "lxc.log.syslog", "user", -EINVAL },
	/* sizes */
	{ "lxc.console.buffer.size", "auto", 0 }, { "lxc.console.buffer.size", "4096", 0 },
	{ "lxc.console.buffer.size", "1MB", 0 }, { "lxc.console.buffer.size", "1 kB", 0 },
	{ "lxc.console.buffer.size", "1mb", 0 }, { "lxc.console.buffer.size", "1M", CONF_VALID_WARN },
	{ "lxc.console.buffer.size", "abc", -EINVAL }, { "lxc.console.buffer.size", "-1", -EINVAL },
	{ "lxc.console.buffer.size", "1.5MB", -EINVAL }, { "lxc.console.buffer.size", "1KiB", -EINVAL },
	{ "lxc.console.size", "none", -EINVAL },
	/* names and paths */
	{ "lxc.uts.name", "web01.example.com", 0 },
	{ "lxc.uts.name", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", -EINVAL },
	{ "lxc.arch", "x86_64", 0 }, { "lxc.arch", "amd64", 0 }, { "lxc.arch", "armhf", 0 },
	{ "lxc.arch", "riscv64", 0 }, { "lxc.arch", "sparc", -EINVAL }, { "lxc.arch", "AMD64", -EINVAL },
	{ "lxc.time.offset.boot", "10s", 0 }, { "lxc.time.offset.boot", "-1h", 0 },
	{ "lxc.time.offset.boot", "1 s", 0 }, { "lxc.time.offset.monotonic", "100ms", 0 },
	{ "lxc.time.offset.boot", "1", -EINVAL }, { "lxc.time.offset.boot", "1d", -EINVAL },
	{ "lxc.time.offset.boot", "1S", -EINVAL },
	{ "lxc.cgroup.dir", "lxc/web", 0 }, { "lxc.cgroup.dir", ".", 0 }, { "lxc.cgroup.dir", "/abs", -EINVAL },
	{ "lxc.cgroup.dir.monitor", "a/../b", -EINVAL }, { "lxc.cgroup.dir.container", "../x", -EINVAL },
	{ "lxc.cgroup.dir.container", "a..b", 0 },
	{ "lxc.cgroup.dir.container.inner", "inner", 0 }, { "lxc.cgroup.dir.container.inner", "a/b", -EINVAL },
	{ "lxc.cgroup.dir.container.inner", ".", -EINVAL },
	{ "lxc.console.path", "none", 0 }, { "lxc.tty.dir", "lxc", 0 }, { "lxc.rootfs.path", "dir:/x", 0 },
	{ "lxc.init.cwd", "relative", 0 },
	/* network */
	{ "lxc.net.0.type", "veth", 0 }, { "lxc.net.0.type", "empty", 0 }, { "lxc.net.0.type", "none", 0 },
	{ "lxc.net.0.type", "phys", 0 }, { "lxc.net.0.type", "VETH", -EINVAL }, { "lxc.net.0.type", "vxlan", -EINVAL },
	{ "lxc.net.0.flags", "up", 0 }, { "lxc.net.0.flags", "down", CONF_VALID_WARN },
	{ "lxc.net.0.link", "lxcbr0", 0 }, { "lxc.net.0.link", "aaaaaaaaaaaaaaaa", CONF_VALID_WARN },
	{ "lxc.net.0.name", "eth0", 0 }, { "lxc.net.0.veth.pair", "veth-web", 0 },
	{ "lxc.net.0.hwaddr", "00:16:3e:xx:xx:xx", 0 }, { "lxc.net.0.hwaddr", "00:16:3E:AB:cd:ef", 0 },
	{ "lxc.net.0.hwaddr", "00:16:3e:1", CONF_VALID_WARN }, { "lxc.net.0.hwaddr", "zz:zz:zz:zz:zz:zz", CONF_VALID_WARN },
	{ "lxc.net.0.mtu", "1500", 0 }, { "lxc.net.0.mtu", "abc", CONF_VALID_WARN }, { "lxc.net.0.mtu", "0", CONF_VALID_WARN },
	{ "lxc.net.0.ipv4.address", "10.0.0.2/24", 0 }, { "lxc.net.0.ipv4.address", "10.0.0.2", 0 },
	{ "lxc.net.0.ipv4.address", "10.0.0.2/24 10.0.0.255", 0 }, { "lxc.net.0.ipv4.address", "10.0.0.2/0", 0 },
	{ "lxc.net.0.ipv4.address", "10.0.0.2/33", -EINVAL }, { "lxc.net.0.ipv4.address", "10.0.0.256/24", -EINVAL },
	{ "lxc.net.0.ipv4.address", "::1/64", -EINVAL }, { "lxc.net.0.ipv4.address", "10.0.0.2/24 foo", -EINVAL },
	{ "lxc.net.0.ipv4.address", "10.0.0.2/", -EINVAL }, { "lxc.net.0.ipv4.address", "10.1", -EINVAL },
	{ "lxc.net.0.ipv4.gateway", "auto", 0 }, { "lxc.net.0.ipv4.gateway", "dev", 0 },
	{ "lxc.net.0.ipv4.gateway", "10.0.0.1", 0 }, { "lxc.net.0.ipv4.gateway", "10.0.0.1/24", -EINVAL },
	{ "lxc.net.0.ipv4.gateway", "AUTO", -EINVAL }, { "lxc.net.0.ipv4.gateway", "::1", -EINVAL },
	{ "lxc.net.0.ipv6.address", "fd00::2/64", 0 }, { "lxc.net.0.ipv6.address", "fd00::2", 0 },
	{ "lxc.net.0.ipv6.address", "fd00::2/129", CONF_VALID_WARN }, { "lxc.net.0.ipv6.address", "10.0.0.2/24", -EINVAL },
	{ "lxc.net.0.ipv6.address", "fd00::2/abc", -EINVAL },
	{ "lxc.net.0.ipv6.gateway", "auto", 0 }, { "lxc.net.0.ipv6.gateway", "fd00::1", 0 },
	{ "lxc.net.0.ipv6.gateway", "10.0.0.1", -EINVAL },
	{ "lxc.net.0.veth.ipv4.route", "10.0.1.0/24", 0 }, { "lxc.net.0.veth.ipv4.route", "10.0.1.1", -EINVAL },
	{ "lxc.net.0.veth.ipv4.route", "10.0.1.0/33", -EINVAL }, { "lxc.net.0.veth.ipv6.route", "fd00:1::/64", 0 },
	{ "lxc.net.0.veth.ipv6.route", "fd00::/129", -EINVAL }, { "lxc.net.0.veth.ipv6.route", "10.0.1.0/24", -EINVAL },
	{ "lxc.net.0.veth.mode", "bridge", 0 }, { "lxc.net.0.veth.mode", "router", 0 },
	{ "lxc.net.0.veth.mode", "BRIDGE", -EINVAL },
	{ "lxc.net.0.veth.vlan.id", "none", 0 }, { "lxc.net.0.veth.vlan.id", "4094", 0 },
	{ "lxc.net.0.veth.vlan.id", "4095", -EINVAL }, { "lxc.net.0.veth.vlan.tagged.id", "0", 0 },
	{ "lxc.net.0.veth.vlan.tagged.id", "none", -EINVAL }, { "lxc.net.0.veth.vlan.tagged.id", "1,2", -EINVAL },
	{ "lxc.net.0.macvlan.mode", "passthru", 0 }, { "lxc.net.0.macvlan.mode", "foo", -EINVAL },
	{ "lxc.net.0.ipvlan.mode", "l3s", 0 }, { "lxc.net.0.ipvlan.mode", "L3", -EINVAL },
	{ "lxc.net.0.ipvlan.isolation", "vepa", 0 }, { "lxc.net.0.ipvlan.isolation", "foo", -EINVAL },
	{ "lxc.net.0.vlan.id", "4094", 0 }, { "lxc.net.0.vlan.id", "4095", CONF_VALID_WARN },
	{ "lxc.net.0.vlan.id", "65536", -EINVAL }, { "lxc.net.0.vlan.id", "abc", -EINVAL },
	/* id maps, mounts, namespaces, capabilities, limits */
	{ "lxc.idmap", "u 0 100000 65536", 0 }, { "lxc.idmap", "g 0 100000 65536", 0 },
	{ "lxc.idmap", "u  0   100000  65536", 0 }, { "lxc.idmap", "u 0 4294967295 1", 0 },
	{ "lxc.idmap", "b 0 100000 65536", -EINVAL }, { "lxc.idmap", "U 0 1 1", -EINVAL },
	{ "lxc.idmap", "u 0 100000", -EINVAL }, { "lxc.idmap", "u 0 100000 65536 7", -EINVAL },
	{ "lxc.idmap", "u -1 1 1", -EINVAL }, { "lxc.idmap", "u a 1 1", -EINVAL },
	{ "lxc.idmap", "u 0 0 4294967296", 0 }, { "lxc.idmap", "u 4294967296 0 1", CONF_VALID_WARN },
	{ "lxc.idmap", "u 0 0 18446744073709551616", -EINVAL },
	{ "lxc.mount.auto", "proc:mixed sys:mixed cgroup:mixed", 0 }, { "lxc.mount.auto", "proc", 0 },
	{ "lxc.mount.auto", "cgroup:rw:force", 0 }, { "lxc.mount.auto", "cgroup-full:ro", 0 },
	{ "lxc.mount.auto", "cgroup-full:mixed:force", 0 }, { "lxc.mount.auto", "shmounts:/a:/b", 0 },
	{ "lxc.mount.auto", "cgroup2", 0 }, { "lxc.mount.auto", "foo", -EINVAL },
	{ "lxc.mount.auto", "proc:ro", -EINVAL }, { "lxc.mount.auto", "sys:mixed,proc:rw", -EINVAL },
	{ "lxc.mount.auto", "cgroup:force:mixed", -EINVAL }, { "lxc.mount.auto", "PROC", -EINVAL },
	{ "lxc.mount.auto", "shmounts", -EINVAL },
	{ "lxc.namespace.clone", "net pid", 0 }, { "lxc.namespace.clone", "NET", 0 },
	{ "lxc.namespace.clone", "time", 0 }, { "lxc.namespace.clone", "mount", -EINVAL },
	{ "lxc.namespace.clone", "net,pid", -EINVAL }, { "lxc.namespace.keep", "user net", 0 },
	{ "lxc.namespace.keep", "all", -EINVAL },
	{ "lxc.cap.drop", "sys_admin", 0 }, { "lxc.cap.drop", "sys_admin  net_raw", 0 }, { "lxc.cap.drop", "21", 0 },
	{ "lxc.cap.drop", "checkpoint_restore", 0 }, { "lxc.cap.drop", "cap_sys_admin", 0 },
	{ "lxc.cap.drop", "foo", -EINVAL }, { "lxc.cap.drop", "99", -EINVAL }, { "lxc.cap.drop", "all", -EINVAL },
	{ "lxc.cap.drop", "sys_admin,net_raw", -EINVAL }, { "lxc.cap.drop", "-1", -EINVAL },
	{ "lxc.cap.keep", "none", 0 }, { "lxc.cap.keep", "none sys_admin", 0 }, { "lxc.cap.keep", "foo", -EINVAL },
	{ "lxc.prlimit.nofile", "unlimited", 0 }, { "lxc.prlimit.nofile", "1024", 0 },
	{ "lxc.prlimit.nofile", "1024:2048", 0 }, { "lxc.prlimit.nofile", "1024:unlimited", 0 },
	{ "lxc.prlimit.nofile", "-1", 0 }, { "lxc.prlimit.nofile", "1024:", 0 }, { "lxc.prlimit.nofile", ":1024", 0 },
	{ "lxc.prlimit.nofile", "1024 : 2048", 0 }, { "lxc.prlimit.nofile", "18446744073709551615", 0 },
	{ "lxc.prlimit.nofile", "abc", -EINVAL }, { "lxc.prlimit.nofile", "1:2:3", -EINVAL },
	{ "lxc.prlimit.nofile", "infinity", -EINVAL }, { "lxc.prlimit.nofile", "UNLIMITED", -EINVAL },
	{ "lxc.prlimit.nofile", "18446744073709551616", -EINVAL }, { "lxc.limit.nofile", "abc", -EINVAL },
	{ "lxc.prlimit.nofile", "-2", CONF_VALID_WARN }, { "lxc.prlimit.nofile", "5:-2", CONF_VALID_WARN },
	{ "lxc.prlimit.nofile", "010", 0 }, { "lxc.prlimit.nofile", "0x10", -EINVAL },
	{ "lxc.rootfs.options", "ro,nosuid", 0 }, { "lxc.rootfs.options", "idmap=container", 0 },
	{ "lxc.rootfs.options", "ro,idmap=/proc/self/ns/user", 0 }, { "lxc.rootfs.options", "idmapx=foo", 0 },
	{ "lxc.rootfs.options", "idmap=", -EINVAL }, { "lxc.rootfs.options", "idmap=foo", -EINVAL },
	{ "lxc.seccomp.notify.proxy", "unix:/run/proxy.sock", 0 }, { "lxc.seccomp.notify.proxy", "unix:@proxy", 0 },
	{ "lxc.seccomp.notify.proxy", "/run/x", -EINVAL }, { "lxc.seccomp.notify.proxy", "unix:", -EINVAL },
	{ "lxc.seccomp.notify.proxy", "tcp:1.2.3.4", -EINVAL },
	{ "lxc.environment", "FOO=bar", 0 }, { "lxc.environment", "PATH", 0 },
	/* free-form values are not second-guessed */
	{ "lxc.mount.entry", "proc proc proc nodev 0 0", 0 }, { "lxc.cgroup.devices.allow", "c 1:3 rwm", 0 },
	{ "lxc.sysctl.net.ipv4.ip_forward", "1", 0 }, { "lxc.apparmor.profile", "generated", 0 },
	{ "lxc.hook.pre-start", "/bin/true arg", 0 },
	/* the clear-only keys take nothing else */
	{ "lxc.net", "x", -EINVAL }, { "lxc.net.0", "1", -EINVAL }, { "lxc.cgroup", "1", -EINVAL },
	{ "lxc.hook", "x", -EINVAL },
	/* legacy keys check like their replacements */
	{ "lxc.network.ipv4", "10.0.0.2/24", 0 }, { "lxc.network.ipv4", "foo", -EINVAL },
	{ "lxc.utsname", "web", 0 }, { "lxc.haltsignal", "SIGFOO", -EINVAL }, { "lxc.tty", "x", -EINVAL },
};

static void checkers_accept_and_refuse(void)
{
	for (size_t i = 0; i < sizeof(vcases) / sizeof(vcases[0]); i++) {
		char err[256] = "";
		const struct conf_key *k = look(vcases[i].key, NULL);
		int ret;

		if (!k) {
			printf("  unknown key %s\n", vcases[i].key);
			CHECK(false);
			continue;
		}
		ret = conf_key_check(k, vcases[i].value, err, sizeof(err));
		if (ret != vcases[i].want) {
			printf("  %s = '%s': got %d (%s), want %d\n", vcases[i].key, vcases[i].value, ret, err,
			       vcases[i].want);
			CHECK(false);
		}
		/* a refusal or a warning always says why */
		if (ret != 0 && !*err) {
			printf("  %s = '%s': no reason given\n", vcases[i].key, vcases[i].value);
			CHECK(false);
		}
	}
}

static void empty_values_always_pass(void)
{
	size_t n;
	const struct conf_key *all = conf_keys_all(&n);
	char err[64] = "x";

	for (size_t i = 0; i < n; i++)
		CHECK_INT(conf_key_check(&all[i], "", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(conf_key_check(NULL, "x", err, sizeof(err)), 0);
}

static void reasons_are_short_and_clear(void)
{
	char err[256];

	CHECK_INT(conf_valid_uint("abc", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "not a number");
	CHECK_INT(conf_valid_uint("99999999999", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "out of range");
	CHECK_INT(conf_valid_signal("SIGFOO", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "unknown signal");
	CHECK_INT(conf_valid_bool("2", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "expected 0 or 1");
	CHECK_INT(conf_valid_caps("sys_admn", err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "sys_admn");
	/* a tiny buffer is never overrun */
	char small[8];
	CHECK_INT(conf_valid_signal("SIGFOO", small, sizeof(small)), -EINVAL);
	CHECK_INT((int)strlen(small), 7);
}

static void parsers_return_values(void)
{
	uint64_t size, u64;
	unsigned u;
	int i;

	CHECK_INT(conf_parse_uint("010", &u), 0);
	CHECK_INT(u, 8);
	CHECK_INT(conf_parse_uint("0x10", &u), 0);
	CHECK_INT(u, 16);
	CHECK_INT(conf_parse_uint("+7", &u), 0);
	CHECK_INT(u, 7);
	CHECK_INT(conf_parse_uint("-1", &u), -EINVAL);
	CHECK_INT(conf_parse_uint("08", &u), -EINVAL);
	CHECK_INT(conf_parse_uint("4294967296", &u), -ERANGE);
	CHECK_INT(conf_parse_uint(" 1", &u), -EINVAL);
	CHECK_INT(conf_parse_uint("", &u), -EINVAL);
	CHECK_INT(conf_parse_u64("18446744073709551615", &u64), 0);
	CHECK(u64 == UINT64_MAX);
	CHECK_INT(conf_parse_int("-0x10", &i), 0);
	CHECK_INT(i, -16);
	CHECK_INT(conf_parse_int("2147483648", &i), -ERANGE);
	CHECK_INT(conf_signal_parse("010"), 8);
	CHECK_INT(conf_cap_parse("0x15"), 21);

	CHECK_INT(conf_signal_parse("SIGKILL"), 9);
	CHECK_INT(conf_signal_parse("sigpwr"), 30);
	CHECK_INT(conf_signal_parse("SIGRTMIN+3"), 37);
	CHECK_INT(conf_signal_parse("SIGRTMAX-1"), 63);
	CHECK_INT(conf_signal_parse("SIGRTMIN"), 34);
	CHECK_INT(conf_signal_parse("15"), 15);
	CHECK_INT(conf_signal_parse("SIGNOPE"), -EINVAL);
	CHECK_INT(conf_cap_parse("sys_admin"), 21);
	CHECK_INT(conf_cap_parse("CAP_NET_ADMIN"), 12);
	CHECK_INT(conf_cap_parse("0"), 0);
	CHECK_INT(conf_cap_parse("nope"), -EINVAL);
	CHECK_INT(conf_size_parse("auto", &size), 0);
	CHECK(size == 131072);
	CHECK_INT(conf_size_parse("2 MB", &size), 0);
	CHECK(size == 2 << 20);
	CHECK_INT(conf_size_parse("3kb", &size), 0);
	CHECK(size == 3 << 10);
	CHECK_INT(conf_size_parse("7", &size), 0);
	CHECK(size == 7);
	CHECK_INT(conf_size_parse("1TB", &size), -EINVAL);
	CHECK_INT(conf_size_parse("0x10", &size), 0);
	CHECK(size == 16);
}

/* ---- the man page lists every key ---- */

/* An alternating-font request (.BI, .IB, .BR, .RB, .IR, .RI) prints its arguments with
 * nothing between them: ".BI lxc.net. N .flags" is "lxc.net.N.flags" on the page. */
static bool alternating_request(const char *line)
{
	return line[0] == '.' && strchr("BIR", line[1]) && line[2] && strchr("BIR", line[2]) && line[1] != line[2] &&
	       (line[3] == ' ' || line[3] == '\n' || !line[3]);
}

/* The page as text: requests' arguments joined as groff would, escapes and font changes
 * taken out ("lxc.hook.pre\-start" -> "lxc.hook.pre-start"). */
static char *plain_page(const char *path)
{
	char *raw = NULL, *out, *o;
	size_t len = 0;
	bool join = false, quoted = false;

	if (file_read_all(path, &raw, &len) < 0)
		return NULL;
	out = o = malloc(len + 1);
	if (!out) {
		free(raw);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		if (i == 0 || raw[i - 1] == '\n') {
			join = alternating_request(raw + i);
			quoted = false;
			if (join) {
				i += 3;
				continue;
			}
		}
		if (join && raw[i] == '"') {
			quoted = !quoted;
			continue;
		}
		if (join && raw[i] == ' ' && !quoted)
			continue;
		if (raw[i] == '\\' && i + 1 < len) {
			char c = raw[i + 1];
			if (c == 'f' && i + 2 < len) { /* \fB \fI \fR \fP */
				i += 2;
				continue;
			}
			if (c == '-' || c == '.' || c == '\\' || c == 'e') {
				*o++ = c == 'e' ? '\\' : c;
				i++;
				continue;
			}
			if (c == '&') { /* zero-width */
				i++;
				continue;
			}
		}
		*o++ = raw[i];
	}
	*o = '\0';
	free(raw);
	return out;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '-';
}

/* word appears on its own (a prefix word must be followed by more of a key) */
static bool page_has_key(const char *page, const char *word, bool prefix)
{
	size_t n = strlen(word);

	for (const char *p = page; (p = strstr(p, word)); p++) {
		if (p > page && key_char(p[-1]))
			continue;
		if (prefix ? key_char(p[n]) : !key_char(p[n]) || (p[n] == '.' && !key_char(p[n + 1])))
			return true;
	}
	return false;
}

static void man_page_documents_every_key(void)
{
	size_t n;
	const struct conf_key *all = conf_keys_all(&n);
	char *page = plain_page(KEYS_MAN_PAGE);

	if (!page) {
		printf("  cannot read %s\n", KEYS_MAN_PAGE);
		CHECK(false);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char word[256];
		bool prefix = all[i].flags & KEY_PREFIX;

		if (all[i].flags & (KEY_LEGACY | KEY_HIDDEN))
			continue;
		if (all[i].flags & KEY_NET)
			snprintf(word, sizeof(word), "lxc.net.N.%s", all[i].name);
		else
			snprintf(word, sizeof(word), "%s", all[i].name);
		if (!page_has_key(page, word, prefix)) {
			printf("  %s does not document %s\n", KEYS_MAN_PAGE, word);
			CHECK(false);
		}
	}
	/* and the legacy section names what replaces them */
	CHECK(page_has_key(page, "lxc.network", false));
	CHECK(page_has_key(page, "lxc.utsname", false));
	free(page);
}

UNIT_MAIN_BEGIN
RUN(lookup_finds_every_kind);
RUN(table_covers_liblxc_get_keys);
RUN(hidden_keys_are_known_but_unlisted);
RUN(lists_and_last_wins_match_lxc);
RUN(legacy_keys_map_to_current_ones);
RUN(table_is_consistent);
RUN(types_limit_net_keys);
RUN(suggestions_find_the_nearest_key);
RUN(checkers_accept_and_refuse);
RUN(empty_values_always_pass);
RUN(reasons_are_short_and_clear);
RUN(parsers_return_values);
RUN(man_page_documents_every_key);
UNIT_MAIN_END
