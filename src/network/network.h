/* network.h - container network devices (lxc.net.N.*): the plan built from the config, its host side, its inside, teardown and queries; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_NETWORK_NETWORK_H
#define BERTH_NETWORK_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "conf/conf.h"

/*
 * How a start uses this module (every step is one call; all netlink work goes
 * through libnl-3, nothing shells out):
 *
 *   parent, before clone:   net_plan_build()      parse + validate lxc.net.N.*
 *                           net_plan_prepare()    read what only the host can see
 *                                                 (gateway = auto) into the plan
 *   clone(CLONE_NEWNET ...) unless net_plan_wants_netns() says "no" (type none)
 *   monitor, host netns:    net_create_host_side(plan, child_netns_fd)
 *                           (veth created once with its peer born inside the
 *                           child under its final name; macvlan/ipvlan/vlan
 *                           created straight into the child; phys moved in)
 *   child, its own netns:   net_configure_inside(plan)   (before init runs)
 *   a later step fails:     net_plan_undo(plan, child_netns_fd)
 *   init has exited:        net_stop_host_side(plan, child_netns_fd)
 *                           (phys back under its original name, down scripts,
 *                           l2proxy entries) - while the monitor still holds the
 *                           netns fd; then close the fd: the kernel removes the
 *                           veth with the namespace, nothing is deleted by hand.
 *
 * The plan is plain memory (no fds, no pointers into the host), so the copy the
 * child gets from clone() is complete once net_plan_prepare() has run.
 */
struct net_plan;

/* One item of config, as the config model hands them out (conf_item). */
struct net_conf_item {
	const char *key;   /* lxc.net.0.ipv4.address, lxc.hook.version, ... (others are ignored) */
	const char *value;
	const char *file;  /* for messages; may be NULL */
	unsigned line;
};

/* Parses and validates every lxc.net.N.* of the config (and lxc.hook.version,
 * which decides how scripts get their arguments). On error returns -EINVAL and
 * fills err with "FILE:LINE: KEY: what is wrong (hint)". */
int net_plan_build(const struct lxc_config *conf, const char *container_name, struct net_plan **out,
		   struct conf_error *err);
/* The same from a list of items, in config order (what net_plan_build uses;
 * the test driver and unit tests call it directly). */
int net_plan_build_items(const struct net_conf_item *items, size_t n, const char *container_name,
			 struct net_plan **out, struct conf_error *err);
void net_plan_free(struct net_plan *plan);

/* false when the only interface is `none` (the container shares the host's
 * network namespace); true otherwise, also with no interface at all. */
bool net_plan_wants_netns(const struct net_plan *plan);

/* Host lookups the child needs later, done in the host netns before clone():
 * gateway = auto reads the first address of the link. -errno, logged. */
int net_plan_prepare(struct net_plan *plan);

/* Creates every device's host side and puts the container side into the
 * network namespace child_netns_fd (open /proc/PID/ns/net, e.g. with
 * net_open_netns). On failure everything this call made is undone before it
 * returns. -errno, logged with the lxc.net.N it failed on. */
int net_create_host_side(struct net_plan *plan, int child_netns_fd);

/* In the child's network namespace, before init runs: lo, addresses, up,
 * gateways. -errno, logged. */
int net_configure_inside(const struct net_plan *plan);

/* Undoes what net_create_host_side did, for a start that fails after it:
 * host veth ends deleted, phys devices moved back, l2proxy entries removed.
 * child_netns_fd may be -1 if the namespace is gone. Idempotent. */
void net_plan_undo(struct net_plan *plan, int child_netns_fd);

/* After init has exited, while child_netns_fd still holds the namespace:
 * moves phys devices back (net_restore_phys), runs script.down, removes
 * l2proxy entries. Veths are left for the kernel to remove with the netns. */
void net_stop_host_side(struct net_plan *plan, int child_netns_fd);

/* Moves every phys device of the plan out of child_netns_fd back into the
 * caller's netns under its original name (and MTU/MAC). 0 or the first -errno. */
int net_restore_phys(struct net_plan *plan, int child_netns_fd);

/* Opens /proc/PID/ns/net (O_CLOEXEC). fd or -errno. */
int net_open_netns(pid_t pid);

/* Waits until no link named ifname exists in the caller's netns, event-driven
 * (a link-monitor netlink socket), at most timeout_ms. 0, -ETIMEDOUT, -errno. */
int net_wait_gone(const char *ifname, int timeout_ms);

/* What the runtime reports about a started plan (lxc-info, get_running_config_item). */
struct net_device_info {
	int index;              /* N of lxc.net.N */
	const char *type;       /* "veth", "macvlan", ... */
	const char *link;       /* lxc.net.N.link, "" if none */
	const char *name;       /* name inside the container ("" for empty/none) */
	const char *host_name;  /* veth: host end (veth.pair or generated); else "" */
};
size_t net_plan_device_count(const struct net_plan *plan);
int net_plan_device_info(const struct net_plan *plan, size_t i, struct net_device_info *out);

/* Addresses of the interfaces inside the network namespace of init_pid, as
 * strings ("10.0.3.5", "fd00::5"), like liblxc's get_ips: interface NULL means
 * all but lo; family "inet", "inet6" or NULL for both; scope 0 = global
 * (IPv6 link-local addresses are skipped unless scope matches theirs).
 * *out is a NULL-terminated malloc'd vector. Returns the count or -errno. */
int net_list_ips(pid_t init_pid, const char *interface, const char *family, int scope, char ***out);
/* Interface names inside init_pid's netns (get_interfaces), lo included. */
int net_list_interfaces(pid_t init_pid, char ***out);

/* Moves the link ifname from the netns from_netns_fd (-1: the caller's) into
 * to_netns_fd (-1: the caller's, the link set down first), renamed to newname
 * (NULL or "": keeps its name), in one netlink request. 0 or -errno (ENODEV:
 * no such link, EEXIST: the name is taken there); not logged. */
int net_move_link(int from_netns_fd, const char *ifname, int to_netns_fd, const char *newname);

/* Traffic counters of one link. netns_fd -1: the caller's netns. */
struct net_link_stats {
	uint64_t rx_bytes, tx_bytes, rx_packets, tx_packets;
};
int net_link_stats(int netns_fd, const char *ifname, struct net_link_stats *out);

#endif
