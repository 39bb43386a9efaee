/* nl.h - libnl-3 route sockets (here or in another netns), request/ack with the kernel's errno, and the rtnetlink messages the module sends; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_NETWORK_NL_H
#define BERTH_NETWORK_NL_H

#include <stdbool.h>

#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "network/plan.h"

/* ---- sockets ---- */

/* A NETLINK_ROUTE socket in the caller's (thread's) network namespace. 0 or -errno. */
int nlx_open(struct nl_sock **out);
/* The same, but the socket lives in the network namespace nsfd: the thread
 * enters it just long enough to create the socket. 0 or -errno. */
int nlx_open_in_netns(int nsfd, struct nl_sock **out);
void nlx_close(struct nl_sock *sk);
static inline void nlx_close_ptr(struct nl_sock **sk)
{
	if (*sk)
		nlx_close(*sk);
}
#define __do_nl_sock __attribute__((__cleanup__(nlx_close_ptr)))

/* Sends msg (and frees it), waits for the kernel's answer. 0 or the kernel's -errno. */
int nlx_talk(struct nl_sock *sk, struct nl_msg *msg);

/* A link by name (ifindex 0) or by index, from the kernel. 0, -ENODEV or -errno. */
int nlx_link_get(struct nl_sock *sk, int ifindex, const char *name, struct rtnl_link **out);

/* An fd of the calling thread's own network namespace. */
int nlx_own_netns(void);

/* Linux errno for a libnl error code (best effort; -EIO when unknown). */
int nlx_errno(int nlerr);

/* ---- message builders (no I/O: the unit tests parse what they build) ---- */

/* One side of a link as created or changed; unset fields are left out of the message. */
struct nlm_link {
	const char *name;          /* IFLA_IFNAME */
	const unsigned char *mac;  /* IFLA_ADDRESS, 6 bytes */
	unsigned mtu;              /* IFLA_MTU */
	int master;                /* IFLA_MASTER (bridge ifindex) */
	int link;                  /* IFLA_LINK (lower device, in the sender's netns) */
	int netns_fd;              /* IFLA_NET_NS_FD; -1 = none */
	bool up;                   /* IFF_UP in ifi_flags/ifi_change */
};
#define NLM_LINK_INIT { .netns_fd = -1 }

/* RTM_NEWLINK creating a veth pair: host side as described by host, the peer
 * (nested in VETH_INFO_PEER) by peer - with netns_fd it is born there. */
struct nl_msg *nlm_veth_create(const struct nlm_link *host, const struct nlm_link *peer);
struct nl_msg *nlm_macvlan_create(const struct nlm_link *l, unsigned mode);
struct nl_msg *nlm_ipvlan_create(const struct nlm_link *l, unsigned short mode, unsigned short flags);
struct nl_msg *nlm_vlan_create(const struct nlm_link *l, unsigned short id);
/* RTM_NEWLINK changing an existing link: move (netns_fd), rename, MTU, MAC, up. */
struct nl_msg *nlm_link_change(int ifindex, const struct nlm_link *l);
struct nl_msg *nlm_link_del(int ifindex);
/* RTM_NEWADDR for a (with IPv4 broadcast) address on ifindex. */
struct nl_msg *nlm_addr_add(int ifindex, const struct net_addr *a);
/* RTM_NEWROUTE/RTM_DELROUTE in the main table: dst/dst_len (dst NULL = default
 * route), optional gateway, out via ifindex. Device routes get link scope. */
struct nl_msg *nlm_route(int cmd, int family, int ifindex, const void *dst, unsigned dst_len, const void *gw);
/* RTM_NEWNEIGH/RTM_DELNEIGH proxy entry (proxy ARP / NDP) for addr on ifindex. */
struct nl_msg *nlm_neigh_proxy(int cmd, int family, int ifindex, const void *addr);
/* Bridge port VLAN: RTM_SETLINK adds vid (untagged: as PVID, untagged), RTM_DELLINK removes it. */
struct nl_msg *nlm_bridge_vlan(int cmd, int ifindex, unsigned short vid, bool untagged);

#endif
