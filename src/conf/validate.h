/* validate.h - one checker per config value type (numbers, booleans, signals, addresses, id maps, ...); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONF_VALIDATE_H
#define BERTH_CONF_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every checker has the conf_validate_fn shape (conf/keys.h) and follows one
 * rule: whatever LXC 5.0 accepts when it loads a config, we accept too.
 *
 *   0                 the value is fine;
 *   -EINVAL           LXC 5.0 refuses it as well; err holds a short reason
 *                     ("not a number", "unknown signal 'SIGFOO'");
 *   CONF_VALID_WARN   LXC 5.0 loads it, but it is wrong (LXC ignores it,
 *                     truncates it, or fails only at start); err holds the
 *                     reason. Callers keep the value and print a warning, so
 *                     a config that LXC loads still loads.
 *
 * The empty value is never passed here: for every key it means "clear / back
 * to the default" (conf_key_check in keys.h handles that). Values arrive
 * trimmed, as the parser stores them.
 */
#define CONF_VALID_WARN 1

/*
 * Numbers as LXC 5.0 reads them (strtoul with base 0): decimal, "010" is 8,
 * "0x10" is 16, a leading '+' is fine, '-' is not (conf_parse_int takes it).
 * Whoever turns a config value into a number must use these, so that a
 * config means the same under berth as under LXC. 0, -EINVAL or -ERANGE.
 */
int conf_parse_u64(const char *v, uint64_t *out);
int conf_parse_uint(const char *v, unsigned *out);
int conf_parse_int(const char *v, int *out);

/* "0" or "1" (LXC also takes leading zeros: "01"). */
int conf_valid_bool(const char *v, char *err, size_t errlen);
/* 0 or 1 where LXC loads any unsigned number as "not 0" (lxc.monitor.unshare): >1 warns. */
int conf_valid_bool_uint(const char *v, char *err, size_t errlen);
/* 0 or 1 where LXC loads a non-number as 0 (lxc.seccomp.allow_nesting): that warns, 2 is refused. */
int conf_valid_bool_lax(const char *v, char *err, size_t errlen);
/* Unsigned 32-bit decimal. */
int conf_valid_uint(const char *v, char *err, size_t errlen);
/* Signed 32-bit decimal. */
int conf_valid_int(const char *v, char *err, size_t errlen);
/* A uid/gid: unsigned 32-bit; LXC loads garbage here as 0, so that only warns. */
int conf_valid_id(const char *v, char *err, size_t errlen);
/* A signal: a number, a name with the SIG prefix (any case), SIGRTMIN+n, SIGRTMAX-n. */
int conf_valid_signal(const char *v, char *err, size_t errlen);
/* Resolves a signal as conf_valid_signal accepts it; -EINVAL if it is not one. */
int conf_signal_parse(const char *v);
/* lxc.log.level: a name (TRACE ... FATAL, any case) or 0-8; LXC loads anything, so others warn. */
int conf_valid_loglevel(const char *v, char *err, size_t errlen);
/* lxc.log.syslog: daemon, local0 ... local7 (any case). */
int conf_valid_syslog_facility(const char *v, char *err, size_t errlen);
/* A byte size: "auto", or N with an optional B/kB/MB/GB unit (any case, space allowed). */
int conf_valid_size(const char *v, char *err, size_t errlen);
/* Reads a size as conf_valid_size accepts it ("auto" is 128 KiB; a one-letter unit counts as
 * the two-letter one). 0, -EINVAL or -ERANGE. */
int conf_size_parse(const char *v, uint64_t *out);
/* lxc.autodev: 0 or 1. */
int conf_valid_autodev(const char *v, char *err, size_t errlen);
/* lxc.autodev.tmpfs.size: bytes as an int; LXC ignores garbage, so that warns. */
int conf_valid_tmpfs_size(const char *v, char *err, size_t errlen);
/* lxc.hook.version: 0 or 1. */
int conf_valid_hook_version(const char *v, char *err, size_t errlen);
/* lxc.init.groups: comma-separated gids. */
int conf_valid_gid_list(const char *v, char *err, size_t errlen);
/* lxc.uts.name: at most 64 bytes. */
int conf_valid_hostname(const char *v, char *err, size_t errlen);
/* lxc.arch: the architectures LXC knows (x86_64, amd64, i686, arm64, ...). */
int conf_valid_arch(const char *v, char *err, size_t errlen);
/* lxc.time.offset.*: a signed integer with a unit h, m, s, ms, us or ns. */
int conf_valid_time_offset(const char *v, char *err, size_t errlen);
/* A relative cgroup path without ".." (lxc.cgroup.dir*). */
int conf_valid_cgroup_dir(const char *v, char *err, size_t errlen);
/* lxc.cgroup.dir.container.inner: a single path component, not "." or "..". */
int conf_valid_cgroup_leaf(const char *v, char *err, size_t errlen);
/* A path (any string without a NUL; relative is fine where LXC resolves it later). */
int conf_valid_path(const char *v, char *err, size_t errlen);
/* An absolute path. */

/* lxc.net.N.type: veth, macvlan, ipvlan, vlan, phys, empty, none. */
int conf_valid_net_type(const char *v, char *err, size_t errlen);
/* lxc.net.N.flags: "up" (LXC loads anything and treats it as up, so others warn). */
int conf_valid_net_flags(const char *v, char *err, size_t errlen);
/* An interface name: at most 15 bytes (longer is truncated by LXC, so it warns), no '/'. */
int conf_valid_ifname(const char *v, char *err, size_t errlen);
/* A MAC address; 'x' digits are filled in randomly at start ("00:16:3e:xx:xx:xx"). */
int conf_valid_hwaddr(const char *v, char *err, size_t errlen);
/* lxc.net.N.mtu: 68 ... 65535 is sensible; LXC loads anything, so others warn. */
int conf_valid_mtu(const char *v, char *err, size_t errlen);
/* "ADDR[/PREFIX] [BROADCAST]" (IPv4) and "ADDR[/PREFIX]" (IPv6). */
int conf_valid_ipv4_cidr(const char *v, char *err, size_t errlen);
int conf_valid_ipv6_cidr(const char *v, char *err, size_t errlen);
/* "auto", "dev" or an address. */
int conf_valid_ipv4_gateway(const char *v, char *err, size_t errlen);
int conf_valid_ipv6_gateway(const char *v, char *err, size_t errlen);
/* veth routes: "ADDR/PREFIX", both required. */
int conf_valid_ipv4_route(const char *v, char *err, size_t errlen);
int conf_valid_ipv6_route(const char *v, char *err, size_t errlen);
int conf_valid_veth_mode(const char *v, char *err, size_t errlen);         /* bridge router */
int conf_valid_macvlan_mode(const char *v, char *err, size_t errlen);      /* private vepa bridge passthru */
int conf_valid_ipvlan_mode(const char *v, char *err, size_t errlen);       /* l2 l3 l3s */
int conf_valid_ipvlan_isolation(const char *v, char *err, size_t errlen);  /* bridge private vepa */
/* lxc.net.N.vlan.id: 0 ... 65535 (the kernel wants 0 ... 4094, so above warns). */
int conf_valid_vlan_id(const char *v, char *err, size_t errlen);
/* lxc.net.N.veth.vlan.id: "none" or 0 ... 4094. */
int conf_valid_veth_vlan_id(const char *v, char *err, size_t errlen);
/* lxc.net.N.veth.vlan.tagged.id: 0 ... 4094. */
int conf_valid_veth_vlan_tagged_id(const char *v, char *err, size_t errlen);

/* lxc.idmap: "u|g NSID HOSTID RANGE". */
int conf_valid_idmap(const char *v, char *err, size_t errlen);
/* lxc.mount.auto: space-separated proc[:mixed|rw], sys[:ro|rw|mixed], cgroup[-full][:mixed|ro|rw][:force], shmounts:HOST[:CONT]. */
int conf_valid_mount_auto(const char *v, char *err, size_t errlen);
/* lxc.namespace.clone / keep: space-separated cgroup ipc mnt net pid time user uts (any case). */
int conf_valid_namespaces(const char *v, char *err, size_t errlen);
/* lxc.cap.drop: space-separated capability names without "cap_" (sys_admin) or numbers. */
int conf_valid_caps(const char *v, char *err, size_t errlen);
/* A capability as lxc.cap.* spells it (sys_admin; also cap_sys_admin, any case, or a number):
 * its number, or -EINVAL. */
int conf_cap_parse(const char *name);
/* lxc.cap.keep: the same, or "none". */
int conf_valid_cap_keep(const char *v, char *err, size_t errlen);
/* lxc.prlimit.*: "unlimited", N, or SOFT:HARD (either may be unlimited or empty). */
int conf_valid_prlimit(const char *v, char *err, size_t errlen);
/* lxc.rootfs.options: mount options; the only idmap= LXC 5.0 takes is idmap=container. */
int conf_valid_rootfs_options(const char *v, char *err, size_t errlen);
/* lxc.seccomp.notify.proxy: "unix:PATH" or "unix:@ABSTRACT". */
int conf_valid_seccomp_proxy(const char *v, char *err, size_t errlen);
/* lxc.environment: "NAME=VALUE", or "NAME" (taken from the caller's environment). */
int conf_valid_environment(const char *v, char *err, size_t errlen);
/* Keys that only clear ("lxc.net =", "lxc.cgroup ="): any value is refused (empty never comes here). */
int conf_valid_clear_only(const char *v, char *err, size_t errlen);

#endif
