/* nlmsg.c - builds the rtnetlink requests of the network module with libnl's message API (pure: no socket, unit-testable); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "network/nl.h"

/* The attributes of one side of a link, into msg (or into a VETH_INFO_PEER nest). */
static int put_link_attrs(struct nl_msg *msg, const struct nlm_link *l)
{
	if (l->name && nla_put_string(msg, IFLA_IFNAME, l->name) < 0)
		return -ENOMEM;
	if (l->mac && nla_put(msg, IFLA_ADDRESS, 6, l->mac) < 0)
		return -ENOMEM;
	if (l->mtu && nla_put_u32(msg, IFLA_MTU, l->mtu) < 0)
		return -ENOMEM;
	if (l->master > 0 && nla_put_u32(msg, IFLA_MASTER, (uint32_t)l->master) < 0)
		return -ENOMEM;
	if (l->link > 0 && nla_put_u32(msg, IFLA_LINK, (uint32_t)l->link) < 0)
		return -ENOMEM;
	if (l->netns_fd >= 0 && nla_put_u32(msg, IFLA_NET_NS_FD, (uint32_t)l->netns_fd) < 0)
		return -ENOMEM;
	return 0;
}

static struct ifinfomsg ifinfo_for(const struct nlm_link *l, int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };

	if (l && l->up) {
		ifi.ifi_flags = IFF_UP;
		ifi.ifi_change = IFF_UP;
	}
	return ifi;
}

static struct nl_msg *link_msg(int type, int flags, int ifindex, const struct nlm_link *l)
{
	struct ifinfomsg ifi = ifinfo_for(l, ifindex);
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 || (l && put_link_attrs(msg, l) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

#define CREATE_FLAGS (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)

struct nl_msg *nlm_veth_create(const struct nlm_link *host, const struct nlm_link *peer)
{
	struct nl_msg *msg = link_msg(RTM_NEWLINK, CREATE_FLAGS, 0, host);
	struct nlattr *info, *data, *peer_nest;
	struct ifinfomsg pifi = ifinfo_for(peer, 0);
	void *hdr;

	if (!msg)
		return NULL;
	if (!(info = nla_nest_start(msg, IFLA_LINKINFO)) || nla_put_string(msg, IFLA_INFO_KIND, "veth") < 0 ||
	    !(data = nla_nest_start(msg, IFLA_INFO_DATA)) || !(peer_nest = nla_nest_start(msg, VETH_INFO_PEER)))
		goto fail;
	/* The peer is a whole link description: an ifinfomsg, then its attributes. */
	hdr = nlmsg_reserve(msg, sizeof(pifi), NLMSG_ALIGNTO);
	if (!hdr)
		goto fail;
	memcpy(hdr, &pifi, sizeof(pifi));
	if (put_link_attrs(msg, peer) < 0)
		goto fail;
	nla_nest_end(msg, peer_nest);
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

/* IFLA_LINKINFO { KIND, DATA { one attribute ... } } for the lower-device kinds. */
static struct nl_msg *kind_create(const struct nlm_link *l, const char *kind, int a1, int a1len, unsigned v1, int a2,
				  unsigned v2)
{
	struct nl_msg *msg = link_msg(RTM_NEWLINK, CREATE_FLAGS, 0, l);
	struct nlattr *info, *data;
	int ret;

	if (!msg)
		return NULL;
	if (!(info = nla_nest_start(msg, IFLA_LINKINFO)) || nla_put_string(msg, IFLA_INFO_KIND, kind) < 0 ||
	    !(data = nla_nest_start(msg, IFLA_INFO_DATA)))
		goto fail;
	ret = a1len == 4 ? nla_put_u32(msg, a1, v1) : nla_put_u16(msg, a1, (uint16_t)v1);
	if (ret < 0)
		goto fail;
	if (a2 >= 0 && nla_put_u16(msg, a2, (uint16_t)v2) < 0)
		goto fail;
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return msg;
fail:
	nlmsg_free(msg);
	return NULL;
}

struct nl_msg *nlm_macvlan_create(const struct nlm_link *l, unsigned mode)
{
	return kind_create(l, "macvlan", IFLA_MACVLAN_MODE, 4, mode, -1, 0);
}

struct nl_msg *nlm_ipvlan_create(const struct nlm_link *l, unsigned short mode, unsigned short flags)
{
	/* The kernel's default isolation is bridge (flags 0); send the flags only
	 * when they say something else, as older kernels do not know them. */
	return kind_create(l, "ipvlan", IFLA_IPVLAN_MODE, 2, mode, flags ? IFLA_IPVLAN_FLAGS : -1, flags);
}

struct nl_msg *nlm_vlan_create(const struct nlm_link *l, unsigned short id)
{
	return kind_create(l, "vlan", IFLA_VLAN_ID, 2, id, -1, 0);
}

struct nl_msg *nlm_link_change(int ifindex, const struct nlm_link *l)
{
	return link_msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, ifindex, l);
}

struct nl_msg *nlm_link_del(int ifindex)
{
	return link_msg(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, ifindex, NULL);
}

static int addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

struct nl_msg *nlm_addr_add(int ifindex, const struct net_addr *a)
{
	struct ifaddrmsg ifa = {
		.ifa_family = (unsigned char)a->family,
		.ifa_prefixlen = (unsigned char)a->prefix,
		.ifa_scope = RT_SCOPE_UNIVERSE,
		.ifa_index = (unsigned)ifindex,
	};
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWADDR, CREATE_FLAGS);

	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_LOCAL, addr_len(a->family), &a->a) < 0 ||
	    nla_put(msg, IFA_ADDRESS, addr_len(a->family), &a->a) < 0 ||
	    (a->family == AF_INET && a->has_bcast && nla_put(msg, IFA_BROADCAST, 4, &a->bcast) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *nlm_route(int cmd, int family, int ifindex, const void *dst, unsigned dst_len, const void *gw)
{
	struct rtmsg rt = {
		.rtm_family = (unsigned char)family,
		.rtm_dst_len = (unsigned char)(dst ? dst_len : 0),
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = RTPROT_BOOT,
		/* Without a gateway the destination is on the link itself. */
		.rtm_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK,
		.rtm_type = RTN_UNICAST,
	};
	int flags = cmd == RTM_NEWROUTE ? CREATE_FLAGS : NLM_F_REQUEST | NLM_F_ACK;
	struct nl_msg *msg = nlmsg_alloc_simple(cmd, flags);

	if (!msg)
		return NULL;
	if (cmd == RTM_DELROUTE)
		rt.rtm_scope = RT_SCOPE_NOWHERE; /* match any scope */
	if (nlmsg_append(msg, &rt, sizeof(rt), NLMSG_ALIGNTO) < 0 ||
	    (dst && nla_put(msg, RTA_DST, addr_len(family), dst) < 0) ||
	    (gw && nla_put(msg, RTA_GATEWAY, addr_len(family), gw) < 0) ||
	    (ifindex > 0 && nla_put_u32(msg, RTA_OIF, (uint32_t)ifindex) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *nlm_neigh_proxy(int cmd, int family, int ifindex, const void *addr)
{
	struct ndmsg nd = {
		.ndm_family = (unsigned char)family,
		.ndm_ifindex = ifindex,
		.ndm_flags = NTF_PROXY,
	};
	int flags = cmd == RTM_NEWNEIGH ? (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE)
					: (NLM_F_REQUEST | NLM_F_ACK);
	struct nl_msg *msg = nlmsg_alloc_simple(cmd, flags);

	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &nd, sizeof(nd), NLMSG_ALIGNTO) < 0 || nla_put(msg, NDA_DST, addr_len(family), addr) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *nlm_bridge_vlan(int cmd, int ifindex, unsigned short vid, bool untagged)
{
	struct ifinfomsg ifi = { .ifi_family = AF_BRIDGE, .ifi_index = ifindex };
	struct bridge_vlan_info vinfo = { .vid = vid };
	struct nl_msg *msg = nlmsg_alloc_simple(cmd, NLM_F_REQUEST | NLM_F_ACK);
	struct nlattr *spec;

	if (!msg)
		return NULL;
	if (untagged)
		vinfo.flags = BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED;
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 || !(spec = nla_nest_start(msg, IFLA_AF_SPEC)) ||
	    nla_put_u16(msg, IFLA_BRIDGE_FLAGS, BRIDGE_FLAGS_MASTER) < 0 ||
	    nla_put(msg, IFLA_BRIDGE_VLAN_INFO, sizeof(vinfo), &vinfo) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	nla_nest_end(msg, spec);
	return msg;
}
