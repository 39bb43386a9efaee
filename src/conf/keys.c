/* keys.c - the one table of every config key LXC 5.0 accepts (and the legacy ones it used to), with lookup and "did you mean"; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/keys.h"
#include "conf/validate.h"
#include "util/strutil.h"

/*
 * Layout: container keys (current and legacy, grouped as lxc.container.conf(5)
 * is), then the lxc.net.N sub-keys, then the legacy lxc.network sub-keys.
 * Accumulation (KEY_LIST) and value rules were checked against liblxc 5.0.2:
 * a key written twice, and a list cleared by an empty value in between.
 */
#define K(n, f, v, s) { .name = n, .flags = (f), .validate = v, .summary = s }
#define OLD(n, f, v, r, s) { .name = n, .flags = (f) | KEY_LEGACY, .validate = v, .replacement = r, .summary = s }
#define NET(n, f, v, t, s) { .name = n, .flags = (f) | KEY_NET, .validate = v, .net_types = t, .summary = s }
#define OLDNET(n, f, v, r, s) { .name = n, .flags = (f) | KEY_NET | KEY_LEGACY, .validate = v, .replacement = r, .summary = s }

/* Types for which liblxc's get_keys("lxc.net.N") lists the generic interface keys. */
#define LINKED "veth macvlan ipvlan vlan phys none"

static const struct conf_key keys[] = {
	/* architecture, host name, signals */
	K("lxc.arch", 0, conf_valid_arch, "architecture the container runs as (x86_64, i686, arm64, ...)"),
	K("lxc.uts.name", 0, conf_valid_hostname, "host name inside the container"),
	K("lxc.signal.halt", 0, conf_valid_signal, "signal sent to init to shut the container down (default SIGPWR)"),
	K("lxc.signal.reboot", 0, conf_valid_signal, "signal sent to init to reboot the container (default SIGINT)"),
	K("lxc.signal.stop", 0, conf_valid_signal, "signal sent to init to kill the container (default SIGKILL)"),

	/* init */
	K("lxc.init.cmd", 0, NULL, "command run as init in a system container (default /sbin/init)"),
	K("lxc.execute.cmd", 0, NULL, "command run by lxc-execute when none is given"),
	K("lxc.init.uid", 0, conf_valid_id, "uid init runs as, inside the container"),
	K("lxc.init.gid", 0, conf_valid_id, "gid init runs as, inside the container"),
	K("lxc.init.groups", KEY_LIST, conf_valid_gid_list, "supplementary gids for init, comma-separated"),
	K("lxc.init.cwd", 0, conf_valid_path, "working directory of init, inside the container"),
	K("lxc.proc.", KEY_PREFIX | KEY_LIST, NULL, "writes VALUE to /proc/PID/KEY of init (oom_score_adj, ...)"),
	K("lxc.proc", KEY_CLEAR, conf_valid_clear_only, "with no value: clears every lxc.proc.* entry"),
	K("lxc.ephemeral", 0, conf_valid_bool, "1: destroy the container when it stops"),

	/* network (the per-interface keys are in net_keys below) */
	K("lxc.net", KEY_CLEAR, conf_valid_clear_only, "with no value: removes every interface (lxc.net.N = removes one)"),

	/* new pseudo tty instances, console, ttys */
	K("lxc.pty.max", 0, conf_valid_uint, "maximum number of pseudo terminals (devpts instance) for the container"),
	K("lxc.console.logfile", 0, conf_valid_path, "file the console output is logged to"),
	K("lxc.console.rotate", 0, conf_valid_bool, "1: rotate the console log file"),
	K("lxc.console.buffer.size", 0, conf_valid_size, "size of the in-memory console ring buffer (auto or a size)"),
	K("lxc.console.size", 0, conf_valid_size, "size of the console log file (auto or a size)"),
	K("lxc.console.path", 0, conf_valid_path, "host device used as the console, or none"),
	K("lxc.tty.max", 0, conf_valid_uint, "number of ttys (/dev/ttyN) made for the container"),
	K("lxc.tty.dir", 0, conf_valid_path, "directory under /dev where the ttys and console are made"),

	/* /dev */
	K("lxc.autodev", 0, conf_valid_autodev, "1: mount a tmpfs on /dev and fill it with the minimal devices"),
	K("lxc.autodev.tmpfs.size", 0, conf_valid_tmpfs_size, "size of the /dev tmpfs in bytes (default 500000)"),

	/* mounts */
	K("lxc.mount.fstab", 0, conf_valid_path, "fstab-format file of mounts to make"),
	K("lxc.mount.entry", KEY_LIST, NULL, "one fstab-format mount line"),
	K("lxc.mount.auto", KEY_LIST, conf_valid_mount_auto, "standard file systems to mount (proc, sys, cgroup, shmounts)"),

	/* root file system */
	K("lxc.rootfs.path", 0, conf_valid_path, "root file system: a path, or TYPE:SOURCE (dir, overlay, btrfs, loop, ...)"),
	K("lxc.rootfs.mount", 0, conf_valid_path, "where the root file system is mounted on the host before pivot_root"),
	K("lxc.rootfs.options", 0, conf_valid_rootfs_options, "mount options for the root file system (idmap=container, ...)"),
	K("lxc.rootfs.managed", 0, conf_valid_bool, "0: the root file system is not managed by lxc (not destroyed with the container)"),

	/* control groups */
	K("lxc.cgroup.", KEY_PREFIX | KEY_LIST, NULL, "sets a cgroup v1 (legacy hierarchy) controller file"),
	K("lxc.cgroup2.", KEY_PREFIX | KEY_LIST, NULL, "sets a cgroup v2 (unified hierarchy) controller file"),
	K("lxc.cgroup", KEY_CLEAR, conf_valid_clear_only, "with no value: clears every lxc.cgroup.* setting"),
	K("lxc.cgroup2", KEY_CLEAR, conf_valid_clear_only, "with no value: clears every lxc.cgroup2.* setting"),
	K("lxc.cgroup.dir", 0, conf_valid_cgroup_dir, "cgroup (relative to the root) for the container and its monitor"),
	K("lxc.cgroup.dir.monitor", 0, conf_valid_cgroup_dir, "cgroup for the monitor"),
	K("lxc.cgroup.dir.monitor.pivot", 0, conf_valid_cgroup_dir, "cgroup the monitor moves to when the container stops"),
	K("lxc.cgroup.dir.container", 0, conf_valid_cgroup_dir, "cgroup for the container"),
	K("lxc.cgroup.dir.container.inner", 0, conf_valid_cgroup_leaf, "cgroup inside the container's cgroup that the container sees as its root"),
	K("lxc.cgroup.relative", 0, conf_valid_bool, "1: place the container relative to the caller's cgroup"),

	/* capabilities */
	K("lxc.cap.drop", KEY_LIST, conf_valid_caps, "capabilities to drop, space-separated (sys_admin, ...)"),
	K("lxc.cap.keep", KEY_LIST, conf_valid_cap_keep, "capabilities to keep (all others dropped), or none"),

	/* namespaces */
	K("lxc.namespace.clone", KEY_LIST, conf_valid_namespaces, "namespaces to create (cgroup ipc mnt net pid time user uts)"),
	K("lxc.namespace.keep", KEY_LIST, conf_valid_namespaces, "namespaces to keep from the caller"),
	K("lxc.namespace.share.cgroup", KEY_HIDDEN, NULL, "join the cgroup namespace of a container name, pid or /proc/PID/ns path"),
	K("lxc.namespace.share.ipc", KEY_HIDDEN, NULL, "join the ipc namespace of a container name, pid or path"),
	K("lxc.namespace.share.mnt", KEY_HIDDEN, NULL, "join the mount namespace of a container name, pid or path"),
	K("lxc.namespace.share.net", KEY_HIDDEN, NULL, "join the network namespace of a container name, pid or path"),
	K("lxc.namespace.share.pid", KEY_HIDDEN, NULL, "join the pid namespace of a container name, pid or path"),
	K("lxc.namespace.share.time", KEY_HIDDEN, NULL, "join the time namespace of a container name, pid or path"),
	K("lxc.namespace.share.user", KEY_HIDDEN, NULL, "join the user namespace of a container name, pid or path"),
	K("lxc.namespace.share.uts", KEY_HIDDEN, NULL, "join the uts namespace of a container name, pid or path"),
	K("lxc.time.offset.boot", 0, conf_valid_time_offset, "offset of CLOCK_BOOTTIME in a new time namespace (10s, -1h, ...)"),
	K("lxc.time.offset.monotonic", 0, conf_valid_time_offset, "offset of CLOCK_MONOTONIC in a new time namespace"),

	/* resource limits, sysctls */
	K("lxc.prlimit.", KEY_PREFIX, conf_valid_prlimit, "sets a resource limit of init (nofile, nproc, ...): unlimited, N or SOFT:HARD"),
	K("lxc.prlimit", KEY_CLEAR, conf_valid_clear_only, "with no value: clears every lxc.prlimit.* limit"),
	K("lxc.sysctl.", KEY_PREFIX, NULL, "sets a namespaced kernel parameter (net.ipv4.ip_forward, ...)"),
	K("lxc.sysctl", KEY_CLEAR, conf_valid_clear_only, "with no value: clears every lxc.sysctl.* setting"),

	/* security */
	K("lxc.apparmor.profile", 0, NULL, "AppArmor profile (generated, unconfined, or a profile name)"),
	K("lxc.apparmor.allow_incomplete", 0, conf_valid_bool, "1: start even if the AppArmor profile cannot be fully applied"),
	K("lxc.apparmor.allow_nesting", 0, conf_valid_bool, "1: let the generated profile allow nested containers"),
	K("lxc.apparmor.raw", KEY_LIST, NULL, "raw AppArmor rule appended to the generated profile"),
	K("lxc.selinux.context", 0, NULL, "SELinux context init runs in"),
	K("lxc.selinux.context.keyring", 0, NULL, "SELinux context of the container's session keyring"),
	K("lxc.keyring.session", 0, conf_valid_bool, "0: do not give the container a new session keyring"),
	K("lxc.seccomp.profile", 0, conf_valid_path, "seccomp policy file loaded before init runs"),
	K("lxc.seccomp.allow_nesting", 0, conf_valid_bool_lax, "1: let the container load its own seccomp filters on top"),
	K("lxc.seccomp.notify.proxy", 0, conf_valid_seccomp_proxy, "unix:PATH of the seccomp notification proxy"),
	K("lxc.seccomp.notify.cookie", 0, NULL, "cookie sent to the seccomp notification proxy"),
	K("lxc.no_new_privs", 0, conf_valid_bool, "1: set PR_SET_NO_NEW_PRIVS for init"),
	K("lxc.sched.core", 0, conf_valid_bool, "1: put the container in its own core scheduling domain"),

	/* user namespace */
	K("lxc.idmap", KEY_LIST, conf_valid_idmap, "id map for the user namespace: u|g NSID HOSTID RANGE"),

	/* hooks */
	K("lxc.hook.version", 0, conf_valid_hook_version, "0: hooks get their arguments on the command line; 1: in environment variables"),
	K("lxc.hook.pre-start", KEY_LIST, NULL, "runs on the host before the container's namespaces are made"),
	K("lxc.hook.pre-mount", KEY_LIST, NULL, "runs in the container's mount namespace before the rootfs is mounted"),
	K("lxc.hook.mount", KEY_LIST, NULL, "runs after the mounts are made, before pivot_root"),
	K("lxc.hook.autodev", KEY_LIST, NULL, "runs after /dev is populated (lxc.autodev), before pivot_root"),
	K("lxc.hook.start-host", KEY_LIST, NULL, "runs on the host after the container is set up, before init starts"),
	K("lxc.hook.start", KEY_LIST, NULL, "runs inside the container just before init is executed"),
	K("lxc.hook.stop", KEY_LIST, NULL, "runs on the host with the container's namespaces after it stops"),
	K("lxc.hook.post-stop", KEY_LIST, NULL, "runs on the host after the container has stopped"),
	K("lxc.hook.clone", KEY_LIST, NULL, "runs when the container is cloned"),
	K("lxc.hook.destroy", KEY_LIST, NULL, "runs when the container is destroyed"),
	K("lxc.hook", KEY_CLEAR, conf_valid_clear_only, "with no value: clears every hook"),

	/* the monitor, logging, autostart */
	K("lxc.monitor.unshare", 0, conf_valid_bool_uint, "1: the monitor gets its own mount namespace"),
	K("lxc.monitor.signal.pdeath", 0, conf_valid_signal, "signal sent to init when the monitor dies (default SIGKILL)"),
	K("lxc.log.level", 0, conf_valid_loglevel, "log level (TRACE ... FATAL, or 0-8)"),
	K("lxc.log.file", 0, conf_valid_path, "file the container's log is written to"),
	K("lxc.log.syslog", 0, conf_valid_syslog_facility, "also log to syslog with this facility (daemon, local0 ... local7)"),
	K("lxc.start.auto", 0, conf_valid_bool, "1: start the container at boot (lxc-autostart)"),
	K("lxc.start.delay", 0, conf_valid_uint, "seconds lxc-autostart waits after starting this container"),
	K("lxc.start.order", 0, conf_valid_int, "order of autostart: higher starts first"),
	K("lxc.group", KEY_LIST, NULL, "autostart groups the container belongs to (space-separated)"),

	/* environment, includes */
	K("lxc.environment", KEY_LIST, conf_valid_environment, "NAME=VALUE for init and lxc-attach, or NAME to pass the caller's"),
	K("lxc.include", 0, conf_valid_path, "reads another config file (or every *.conf file of a directory) here"),

	/* legacy keys, as LXC 2.x and lxc-update-config knew them */
	OLD("lxc.utsname", 0, conf_valid_hostname, "lxc.uts.name", "host name"),
	OLD("lxc.rootfs", 0, conf_valid_path, "lxc.rootfs.path", "root file system"),
	OLD("lxc.rootfs.backend", 0, NULL, NULL, "storage backend (now the TYPE: in lxc.rootfs.path)"),
	OLD("lxc.pivotdir", 0, NULL, NULL, "pivot_root directory (no longer needed)"),
	OLD("lxc.kmsg", 0, NULL, NULL, "/dev/kmsg symlink (no longer made)"),
	OLD("lxc.tty", 0, conf_valid_uint, "lxc.tty.max", "number of ttys"),
	OLD("lxc.pts", 0, conf_valid_uint, "lxc.pty.max", "pseudo terminal count"),
	OLD("lxc.devttydir", 0, conf_valid_path, "lxc.tty.dir", "tty directory under /dev"),
	OLD("lxc.console", 0, conf_valid_path, "lxc.console.path", "console device"),
	OLD("lxc.id_map", KEY_LIST, conf_valid_idmap, "lxc.idmap", "id map"),
	OLD("lxc.haltsignal", 0, conf_valid_signal, "lxc.signal.halt", "halt signal"),
	OLD("lxc.rebootsignal", 0, conf_valid_signal, "lxc.signal.reboot", "reboot signal"),
	OLD("lxc.stopsignal", 0, conf_valid_signal, "lxc.signal.stop", "stop signal"),
	OLD("lxc.loglevel", 0, conf_valid_loglevel, "lxc.log.level", "log level"),
	OLD("lxc.logfile", 0, conf_valid_path, "lxc.log.file", "log file"),
	OLD("lxc.syslog", 0, conf_valid_syslog_facility, "lxc.log.syslog", "syslog facility"),
	OLD("lxc.init_cmd", 0, NULL, "lxc.init.cmd", "init command"),
	OLD("lxc.init_uid", 0, conf_valid_id, "lxc.init.uid", "init uid"),
	OLD("lxc.init_gid", 0, conf_valid_id, "lxc.init.gid", "init gid"),
	OLD("lxc.aa_profile", 0, NULL, "lxc.apparmor.profile", "AppArmor profile"),
	OLD("lxc.aa_allow_incomplete", 0, conf_valid_bool, "lxc.apparmor.allow_incomplete", "AppArmor incomplete profiles"),
	OLD("lxc.se_context", 0, NULL, "lxc.selinux.context", "SELinux context"),
	OLD("lxc.seccomp", 0, conf_valid_path, "lxc.seccomp.profile", "seccomp policy"),
	OLD("lxc.mount", 0, conf_valid_path, "lxc.mount.fstab", "fstab file"),
	OLD("lxc.limit.", KEY_PREFIX, conf_valid_prlimit, "lxc.prlimit.", "resource limit"),
	OLD("lxc.network", KEY_CLEAR, conf_valid_clear_only, "lxc.net", "with no value: removes every interface"),

	/* ---- per-interface keys: lxc.net.N.<name> ---- */
	NET("type", 0, conf_valid_net_type, NULL, "interface type: veth, macvlan, ipvlan, vlan, phys, empty or none"),
	NET("flags", 0, conf_valid_net_flags, LINKED, "up: bring the interface up"),
	NET("link", 0, conf_valid_ifname, LINKED, "host interface (bridge for veth, parent for macvlan/ipvlan/vlan, device for phys)"),
	NET("name", 0, conf_valid_ifname, LINKED, "interface name inside the container"),
	NET("hwaddr", 0, conf_valid_hwaddr, LINKED, "MAC address; x digits are chosen at random"),
	NET("mtu", 0, conf_valid_mtu, LINKED, "MTU of the interface"),
	NET("ipv4.address", KEY_LIST, conf_valid_ipv4_cidr, LINKED, "IPv4 address ADDR/PREFIX [BROADCAST]"),
	NET("ipv4.gateway", 0, conf_valid_ipv4_gateway, LINKED, "IPv4 default gateway: an address, auto or dev"),
	NET("ipv6.address", KEY_LIST, conf_valid_ipv6_cidr, LINKED, "IPv6 address ADDR/PREFIX"),
	NET("ipv6.gateway", 0, conf_valid_ipv6_gateway, LINKED, "IPv6 default gateway: an address, auto or dev"),
	NET("script.up", 0, NULL, NULL, "script run on the host when the interface is set up"),
	NET("script.down", 0, NULL, NULL, "script run on the host when the interface is torn down"),
	NET("l2proxy", KEY_HIDDEN, conf_valid_bool, NULL, "1: add proxy ARP/NDP entries on the link for the interface's addresses"),
	NET("veth.pair", KEY_NET_TYPED, conf_valid_ifname, "veth", "name of the host side of the veth pair"),
	NET("veth.mode", KEY_NET_TYPED | KEY_HIDDEN, conf_valid_veth_mode, "veth", "bridge (attach to lxc.net.N.link) or router (route to the host)"),
	NET("veth.ipv4.route", KEY_NET_TYPED | KEY_LIST, conf_valid_ipv4_route, "veth", "IPv4 route ADDR/PREFIX on the host to the veth"),
	NET("veth.ipv6.route", KEY_NET_TYPED | KEY_LIST, conf_valid_ipv6_route, "veth", "IPv6 route ADDR/PREFIX on the host to the veth"),
	NET("veth.vlan.id", KEY_NET_TYPED, conf_valid_veth_vlan_id, "veth", "untagged VLAN of the host side on a VLAN-filtering bridge, or none"),
	NET("veth.vlan.tagged.id", KEY_NET_TYPED | KEY_LIST | KEY_HIDDEN, conf_valid_veth_vlan_tagged_id, "veth", "tagged VLAN of the host side on a VLAN-filtering bridge"),
	NET("macvlan.mode", KEY_NET_TYPED, conf_valid_macvlan_mode, "macvlan", "macvlan mode: private, vepa, bridge or passthru"),
	NET("ipvlan.mode", KEY_NET_TYPED, conf_valid_ipvlan_mode, "ipvlan", "ipvlan mode: l2, l3 or l3s"),
	NET("ipvlan.isolation", KEY_NET_TYPED, conf_valid_ipvlan_isolation, "ipvlan", "ipvlan isolation: bridge, private or vepa"),
	NET("vlan.id", KEY_NET_TYPED, conf_valid_vlan_id, "vlan", "VLAN id of a vlan interface"),

	/* ---- legacy lxc.network[.N].<name> sub-keys ---- */
	OLDNET("type", 0, conf_valid_net_type, "type", "interface type (un-indexed: starts a new interface)"),
	OLDNET("flags", 0, conf_valid_net_flags, "flags", "interface flags"),
	OLDNET("link", 0, conf_valid_ifname, "link", "host interface"),
	OLDNET("name", 0, conf_valid_ifname, "name", "interface name"),
	OLDNET("hwaddr", 0, conf_valid_hwaddr, "hwaddr", "MAC address"),
	OLDNET("mtu", 0, conf_valid_mtu, "mtu", "MTU"),
	OLDNET("ipv4", KEY_LIST, conf_valid_ipv4_cidr, "ipv4.address", "IPv4 address"),
	OLDNET("ipv4.gateway", 0, conf_valid_ipv4_gateway, "ipv4.gateway", "IPv4 gateway"),
	OLDNET("ipv6", KEY_LIST, conf_valid_ipv6_cidr, "ipv6.address", "IPv6 address"),
	OLDNET("ipv6.gateway", 0, conf_valid_ipv6_gateway, "ipv6.gateway", "IPv6 gateway"),
	OLDNET("script.up", 0, NULL, "script.up", "up script"),
	OLDNET("script.down", 0, NULL, "script.down", "down script"),
	OLDNET("veth.pair", 0, conf_valid_ifname, "veth.pair", "host side veth name"),
	OLDNET("macvlan.mode", 0, conf_valid_macvlan_mode, "macvlan.mode", "macvlan mode"),
	OLDNET("vlan.id", 0, conf_valid_vlan_id, "vlan.id", "VLAN id"),
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

const struct conf_key *conf_keys_all(size_t *n)
{
	if (n)
		*n = NKEYS;
	return keys;
}

static bool is_net(const struct conf_key *k)
{
	return k->flags & KEY_NET;
}

static bool is_legacy(const struct conf_key *k)
{
	return k->flags & KEY_LEGACY;
}

/*
 * Lookups happen for every line of every config on the start path, so they
 * go through sorted indexes (built once) instead of scanning the table.
 */
static struct {
	const struct conf_key *exact[NKEYS]; /* container keys, not prefixes, by name */
	size_t n_exact;
	const struct conf_key *net[NKEYS];   /* current net sub-keys, by name */
	size_t n_net;
	const struct conf_key *old_net[NKEYS]; /* legacy lxc.network sub-keys, by name */
	size_t n_old_net;
	const struct conf_key *prefix[16];   /* prefix families */
	size_t prefix_len[16];
	size_t n_prefix;
} idx;
static pthread_once_t idx_once = PTHREAD_ONCE_INIT;

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct conf_key *const *)a)->name, (*(const struct conf_key *const *)b)->name);
}

static void build_index(void)
{
	for (size_t i = 0; i < NKEYS; i++) {
		const struct conf_key *k = &keys[i];

		if (is_net(k) && is_legacy(k))
			idx.old_net[idx.n_old_net++] = k;
		else if (is_net(k))
			idx.net[idx.n_net++] = k;
		else if (!(k->flags & KEY_PREFIX))
			idx.exact[idx.n_exact++] = k;
		else if (idx.n_prefix < sizeof(idx.prefix) / sizeof(idx.prefix[0])) {
			idx.prefix_len[idx.n_prefix] = strlen(k->name);
			idx.prefix[idx.n_prefix++] = k;
		}
	}
	qsort(idx.exact, idx.n_exact, sizeof(idx.exact[0]), by_name);
	qsort(idx.net, idx.n_net, sizeof(idx.net[0]), by_name);
	qsort(idx.old_net, idx.n_old_net, sizeof(idx.old_net[0]), by_name);
}

static const struct conf_key *find_sorted(const struct conf_key *const *v, size_t n, const char *name)
{
	struct conf_key probe = { .name = name };
	const struct conf_key *pp = &probe;
	const struct conf_key *const *hit = bsearch(&pp, v, n, sizeof(v[0]), by_name);

	return hit ? *hit : NULL;
}

/* Exact container keys first (lxc.cgroup.dir wins over the lxc.cgroup. prefix), then the longest prefix. */
static const struct conf_key *find_container_key(const char *key)
{
	const struct conf_key *best = NULL;
	size_t best_len = 0;

	pthread_once(&idx_once, build_index);
	best = find_sorted(idx.exact, idx.n_exact, key);
	if (best)
		return best;
	for (size_t i = 0; i < idx.n_prefix; i++) {
		size_t len = idx.prefix_len[i];

		if (len > best_len && !strncmp(key, idx.prefix[i]->name, len) && key[len]) {
			best = idx.prefix[i];
			best_len = len;
		}
	}
	return best;
}

static const struct conf_key *find_net_key(const char *sub, bool legacy)
{
	pthread_once(&idx_once, build_index);
	if (legacy)
		return find_sorted(idx.old_net, idx.n_old_net, sub);
	return find_sorted(idx.net, idx.n_net, sub);
}

/* "N" or "N.rest": the index, and *rest at the '.' or the end; -1 if it is not one. */
static int parse_index(const char *s, const char **rest)
{
	long n = 0;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		n = n * 10 + (*p - '0');
		if (n > INT_MAX)
			return -1;
	}
	if (*p && *p != '.')
		return -1;
	*rest = p;
	return (int)n;
}

const struct conf_key *conf_key_lookup(const char *key, int *netidx)
{
	int dummy;
	const char *rest;
	int idx;

	if (!netidx)
		netidx = &dummy;
	*netidx = -1;
	if (!key)
		return NULL;

	if (str_has_prefix(key, "lxc.net.")) {
		idx = parse_index(key + 8, &rest);
		if (idx < 0)
			return NULL;
		*netidx = idx;
		if (!*rest)
			return find_container_key("lxc.net");
		/* lxc.net.N.ipv4 is what lxc-update-config makes of lxc.network.N.ipv4: still legacy */
		const struct conf_key *k = find_net_key(rest + 1, false);
		if (!k) {
			k = find_net_key(rest + 1, true);
			if (k && !strcmp(k->name, k->replacement))
				k = NULL;
		}
		if (!k)
			*netidx = -1;
		return k;
	}
	if (str_has_prefix(key, "lxc.network.")) {
		const char *sub = key + 12;

		idx = parse_index(sub, &rest);
		if (idx >= 0) {
			*netidx = idx;
			if (!*rest) /* "lxc.network.N =": clear one interface */
				return find_container_key("lxc.network");
			sub = rest + 1;
		}
		const struct conf_key *k = find_net_key(sub, true);
		if (!k)
			*netidx = -1;
		return k;
	}
	return find_container_key(key);
}

int conf_key_check(const struct conf_key *def, const char *value, char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = '\0';
	if (!def || !value || !*value || !def->validate)
		return 0;
	return def->validate(value, err, errlen);
}

/* ---- suggestions ---- */

/* How far a typo may be from a key and still be suggested; len counts what differs
 * between keys (the sub-key, or the name after "lxc."), so short names stay strict. */
static size_t max_distance(size_t len)
{
	if (len < 6)
		return 1;
	if (len < 12)
		return 2;
	return 3;
}

/* Edit distance, with two swapped neighbours ("tpye") counted as one typo. */
static size_t typo_distance(const char *a, const char *b)
{
	size_t la = strlen(a), i = 0;

	if (la == strlen(b)) {
		while (i < la && a[i] == b[i])
			i++;
		if (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && !strcmp(a + i + 2, b + i + 2))
			return 1;
	}
	return str_edit_distance(a, b);
}

static size_t name_len(const char *name)
{
	return strlen(name) - (str_has_prefix(name, "lxc.") ? 4 : 0);
}

/* The nearest net sub-key to sub, or NULL. */
static const char *nearest_net(const char *sub)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < NKEYS; i++) {
		size_t d;

		if (!is_net(&keys[i]) || is_legacy(&keys[i]))
			continue;
		d = typo_distance(sub, keys[i].name);
		if (d < best_d && d <= max_distance(strlen(keys[i].name))) {
			best = keys[i].name;
			best_d = d;
		}
	}
	return best;
}

const char *conf_key_suggest(const char *key)
{
	static __thread char buf[512];
	const char *best = NULL, *suffix = "";
	size_t best_d = (size_t)-1;
	const char *rest;
	int idx;

	if (!key || conf_key_lookup(key, NULL))
		return NULL;

	/* lxc.net.N.<sub> and lxc.network.N.<sub>: fix the sub-key, keep the index */
	for (int pass = 0; pass < 2; pass++) {
		const char *pfx = pass ? "lxc.network." : "lxc.net.";

		if (!str_has_prefix(key, pfx))
			continue;
		idx = parse_index(key + strlen(pfx), &rest);
		if (idx >= 0 && *rest == '.') {
			const char *sub = nearest_net(rest + 1);

			if (!sub)
				return NULL;
			snprintf(buf, sizeof(buf), "lxc.net.%d.%s", idx, sub);
			return buf;
		}
		/* no index: "lxc.net.ipv4.address" wants one */
		if (idx < 0) {
			const char *sub = nearest_net(key + strlen(pfx));

			if (sub) {
				snprintf(buf, sizeof(buf), "lxc.net.0.%s", sub);
				return buf;
			}
		}
	}

	for (size_t i = 0; i < NKEYS; i++) {
		const struct conf_key *k = &keys[i];
		size_t d;

		if (is_net(k) || is_legacy(k))
			continue;
		if (k->flags & KEY_PREFIX) {
			/* compare as many dot-separated parts as the prefix has: "lxc.sysctel.net.x" */
			size_t parts = 0, plen = strlen(k->name), klen = 0;
			char head[128];

			for (const char *p = k->name; *p; p++)
				parts += *p == '.';
			for (const char *p = key; *p && parts; p++, klen++)
				if (*p == '.' && !--parts)
					break;
			if (parts || klen + 1 >= sizeof(head))
				continue;
			memcpy(head, key, klen + 1);
			head[klen + 1] = '\0';
			if (!key[klen + 1])
				continue;
			d = typo_distance(head, k->name);
			if (d && d < best_d && d <= max_distance(plen - 4)) {
				best = k->name;
				suffix = key + klen + 1;
				best_d = d;
			}
			continue;
		}
		d = typo_distance(key, k->name);
		if (d < best_d && d <= max_distance(name_len(k->name))) {
			best = k->name;
			suffix = "";
			best_d = d;
		}
	}
	if (!best)
		return NULL;
	snprintf(buf, sizeof(buf), "%s%s", best, suffix);
	return buf;
}
