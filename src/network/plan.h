/* plan.h - the network plan's inside: one parsed, validated lxc.net.N device each, plus what starting it recorded; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_NETWORK_PLAN_H
#define BERTH_NETWORK_PLAN_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "network/network.h"

enum net_type { NET_VETH, NET_MACVLAN, NET_IPVLAN, NET_VLAN, NET_PHYS, NET_EMPTY, NET_NONE };
enum net_veth_mode { VETH_MODE_BRIDGE, VETH_MODE_ROUTER };
enum net_gw { GW_NONE, GW_ADDR, GW_AUTO, GW_DEV };

/* An address (or a route destination) with its prefix length. */
struct net_addr {
	int family; /* AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} a;
	unsigned prefix;
	bool has_bcast;       /* IPv4 only */
	struct in_addr bcast;
};

struct net_dev {
	/* ---- from the config ---- */
	int index;                /* N of lxc.net.N */
	enum net_type type;
	char link[IFNAMSIZ];
	char name[IFNAMSIZ];      /* final name inside; resolved at build (eth%d -> ethN, phys -> link) */
	bool up;                  /* flags = up */
	bool has_hwaddr;
	unsigned char hwaddr[6];  /* "x" already replaced by random digits */
	unsigned mtu;             /* 0: not set */
	struct net_addr *ipv4, *ipv6;
	size_t n_ipv4, n_ipv6;
	enum net_gw gw4, gw6;
	struct in_addr gw4_addr;  /* GW_ADDR, or GW_AUTO once prepared */
	struct in6_addr gw6_addr;
	char veth_pair[IFNAMSIZ]; /* configured host name, "" if generated */
	enum net_veth_mode veth_mode;
	struct net_addr *veth_routes; /* veth.ipv4.route + veth.ipv6.route */
	size_t n_veth_routes;
	bool veth_vlan_set;
	unsigned short veth_vlan_id; /* 0 = "none" */
	unsigned short *veth_vlan_tagged;
	size_t n_veth_vlan_tagged;
	unsigned macvlan_mode;    /* MACVLAN_MODE_* */
	unsigned short ipvlan_mode;  /* IPVLAN_MODE_* */
	unsigned short ipvlan_flags; /* IPVLAN_F_* (isolation) */
	unsigned short vlan_id;
	bool vlan_id_set;
	bool l2proxy;
	char *script_up, *script_down;
	char where[256];          /* "FILE:LINE" of the type key, for messages */

	/* ---- what starting it did (the undo/stop state) ---- */
	bool prepared;            /* gateway = auto resolved */
	char host_name[IFNAMSIZ]; /* veth host end actually used */
	bool created;             /* veth/macvlan/ipvlan/vlan exists */
	bool moved;               /* phys is in the child's netns */
	bool l2proxy_added;
	bool up_script_ran;
	bool active;              /* its host side was completed by net_create_host_side */
	int phys_orig_mtu;
	unsigned char phys_orig_mac[6];
	bool phys_mac_changed;
	int inside_ifindex;       /* phys: its ifindex inside, for the way back */
};

struct net_plan {
	char container[256];
	unsigned hook_version;    /* lxc.hook.version: 0 arguments, 1 environment */
	struct net_dev *devs;
	size_t n;
};

const char *net_type_name(enum net_type t);

/* Parsers shared with the unit tests. 0 or -EINVAL. */
int net_parse_ipv4(const char *value, struct net_addr *out);    /* "A/P [BCAST]" */
int net_parse_ipv6(const char *value, struct net_addr *out);    /* "A[/P]" */
int net_parse_route(const char *value, int family, struct net_addr *out); /* "A/P" */
int net_parse_hwaddr(const char *value, unsigned char mac[6]);  /* x -> random */
int net_parse_ifname(const char *value, char out[IFNAMSIZ]);

#endif
