/* host.c - the host side of a container's network: veth (peer born in the child's netns), macvlan/ipvlan/vlan made straight into it, phys moved in and back, router mode, l2proxy, undo; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>

#include "log.h"
#include "network/nl.h"
#include "network/script.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

/* How long a start waits for a fixed veth.pair name still held by the previous
 * run's namespace, which the kernel tears down asynchronously. */
#define VETH_PAIR_REUSE_WAIT_MS 5000

static const char *strerr(int e)
{
	return strerror(e < 0 ? -e : e);
}

/* ---- small host helpers ---- */

static void random_bytes(void *buf, size_t len)
{
	if (getrandom(buf, len, 0) != (ssize_t)len)
		for (size_t i = 0; i < len; i++)
			((unsigned char *)buf)[i] = (unsigned char)rand();
}

/* prefix + random letters/digits up to 10 characters, not in use here. */
static void random_ifname(const char *prefix, char out[IFNAMSIZ])
{
	static const char chars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

	for (int tries = 0; tries < 100; tries++) {
		unsigned char r[IFNAMSIZ];
		size_t n = strlen(prefix);

		random_bytes(r, sizeof(r));
		memcpy(out, prefix, n);
		for (; n < 10; n++)
			out[n] = chars[r[n] % (sizeof(chars) - 1)];
		out[n] = '\0';
		if (!if_nametoindex(out))
			return;
	}
}

static int sysctl_path(char *buf, size_t len, int family, const char *ifname, const char *what)
{
	int n = snprintf(buf, len, "/proc/sys/net/%s/conf/%s/%s", family == AF_INET ? "ipv4" : "ipv6", ifname, what);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static bool sysctl_is_one(int family, const char *ifname, const char *what)
{
	__do_free char *val = NULL;
	char path[256];

	if (sysctl_path(path, sizeof(path), family, ifname, what) < 0 || file_read_all(path, &val, NULL) < 0)
		return false;
	return val[0] == '1';
}

static int sysctl_set_one(int family, const char *ifname, const char *what)
{
	__do_close int fd = -EBADF;
	char path[256];

	if (sysctl_path(path, sizeof(path), family, ifname, what) < 0)
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, "1", 1) != 1)
		return log_syserror(-errno, "Failed to write 1 to %s", path);
	return 0;
}

static const void *gw_ptr(const struct net_dev *d, int family)
{
	if (family == AF_INET)
		return d->gw4 == GW_ADDR || d->gw4 == GW_AUTO ? (const void *)&d->gw4_addr : NULL;
	return d->gw6 == GW_ADDR || d->gw6 == GW_AUTO ? (const void *)&d->gw6_addr : NULL;
}

/* ---- gateway = auto ---- */

/* The first (primary) address of ifindex in family; IPv6 prefers a global one. */
static int first_address(struct nl_cache *addrs, int ifindex, int family, void *out)
{
	bool found = false;

	for (struct nl_object *o = nl_cache_get_first(addrs); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *a = (struct rtnl_addr *)o;
		struct nl_addr *local = rtnl_addr_get_local(a);

		if (rtnl_addr_get_ifindex(a) != ifindex || rtnl_addr_get_family(a) != family || !local)
			continue;
		if (rtnl_addr_get_flags(a) & IFA_F_SECONDARY)
			continue;
		memcpy(out, nl_addr_get_binary_addr(local), family == AF_INET ? 4 : 16);
		found = true;
		if (family == AF_INET || rtnl_addr_get_scope(a) == RT_SCOPE_UNIVERSE)
			return 0;
	}
	return found ? 0 : -EADDRNOTAVAIL;
}

int net_plan_prepare(struct net_plan *p)
{
	__do_nl_sock struct nl_sock *sk = NULL;
	struct nl_cache *addrs = NULL;
	int ret = 0;

	for (size_t i = 0; i < p->n && !ret; i++) {
		struct net_dev *d = &p->devs[i];
		int ifindex;

		if (d->prepared || (d->gw4 != GW_AUTO && d->gw6 != GW_AUTO)) {
			d->prepared = true;
			continue;
		}
		if (!sk && (ret = nlx_open(&sk)) < 0)
			return log_error(ret, "Failed to open a netlink socket: %s", strerr(ret));
		if (!addrs && (ret = rtnl_addr_alloc_cache(sk, &addrs)) < 0)
			return log_error(nlx_errno(ret), "Failed to read the host's addresses: %s", nl_geterror(ret));
		ifindex = (int)if_nametoindex(d->link);
		if (!ifindex) {
			ret = log_error(-ENODEV, "%s: lxc.net.%d.link: '%s' does not exist; gateway = auto takes its address (container %s)",
					d->where, d->index, d->link, p->container);
			break;
		}
		for (int fam = AF_INET; fam == AF_INET || fam == AF_INET6; fam = fam == AF_INET ? AF_INET6 : 0) {
			enum net_gw gw = fam == AF_INET ? d->gw4 : d->gw6;

			if (gw != GW_AUTO)
				continue;
			ret = first_address(addrs, ifindex, fam, fam == AF_INET ? (void *)&d->gw4_addr : (void *)&d->gw6_addr);
			if (ret) {
				ret = log_error(ret, "%s: lxc.net.%d.ipv%c.gateway = auto: '%s' has no IPv%c address to use (container %s)",
						d->where, d->index, fam == AF_INET ? '4' : '6', d->link,
						fam == AF_INET ? '4' : '6', p->container);
				break;
			}
		}
		d->prepared = !ret;
	}
	if (addrs)
		nl_cache_free(addrs);
	return ret;
}

/* ---- l2proxy: neighbour proxy entries on the link for the container's addresses ---- */

static int l2proxy(struct nl_sock *sk, const struct net_plan *p, struct net_dev *d, bool add)
{
	int link = (int)if_nametoindex(d->link), lo = (int)if_nametoindex("lo"), ret, first_err = 0;

	if (!link)
		return add ? log_error(-ENODEV, "%s: lxc.net.%d.l2proxy: link '%s' does not exist (container %s)", d->where,
				       d->index, d->link, p->container)
			   : 0;
	if (add && d->n_ipv4 && !sysctl_is_one(AF_INET, d->link, "forwarding"))
		return log_error(-EINVAL, "%s: lxc.net.%d.l2proxy needs sysctl net.ipv4.conf.%s.forwarding=1 (container %s)",
				 d->where, d->index, d->link, p->container);
	if (add && d->n_ipv6 && (!sysctl_is_one(AF_INET6, d->link, "proxy_ndp") || !sysctl_is_one(AF_INET6, d->link, "forwarding")))
		return log_error(-EINVAL, "%s: lxc.net.%d.l2proxy needs sysctls net.ipv6.conf.%s.proxy_ndp=1 and .forwarding=1 (container %s)",
				 d->where, d->index, d->link, p->container);
	for (int v6 = 0; v6 <= 1; v6++) {
		const struct net_addr *a = v6 ? d->ipv6 : d->ipv4;
		size_t n = v6 ? d->n_ipv6 : d->n_ipv4;
		int fam = v6 ? AF_INET6 : AF_INET;

		for (size_t i = 0; i < n; i++) {
			ret = nlx_talk(sk, nlm_neigh_proxy(add ? RTM_NEWNEIGH : RTM_DELNEIGH, fam, link, &a[i].a));
			/* ipvlan answers for the address only with a local route to lo. */
			if (!ret && d->type == NET_IPVLAN && lo)
				ret = nlx_talk(sk, nlm_route(add ? RTM_NEWROUTE : RTM_DELROUTE, fam, lo, &a[i].a,
							      v6 ? 128 : 32, NULL));
			if (ret && add)
				return log_error(ret, "%s: lxc.net.%d.l2proxy: failed to add a proxy entry on '%s': %s", d->where,
						 d->index, d->link, strerr(ret));
			if (ret && !first_err)
				first_err = ret;
		}
	}
	return first_err;
}

/* ---- veth ---- */

static int veth_bridge_vlans(struct nl_sock *sk, struct net_dev *d, int host_ifindex)
{
	__do_free char *filtering = NULL, *pvid_s = NULL;
	char path[256];
	unsigned pvid = 1;
	int ret;

	if (!d->veth_vlan_set && !d->n_veth_vlan_tagged)
		return 0;
	snprintf(path, sizeof(path), "/sys/class/net/%s/bridge/vlan_filtering", d->link);
	if (file_read_all(path, &filtering, NULL) < 0 || filtering[0] != '1')
		return log_error(-EPERM, "%s: lxc.net.%d.veth.vlan.id needs VLAN filtering on bridge '%s' (ip link set %s type bridge vlan_filtering 1)",
				 d->where, d->index, d->link, d->link);
	if (d->veth_vlan_set) {
		snprintf(path, sizeof(path), "/sys/class/net/%s/bridge/default_pvid", d->link);
		if (file_read_all(path, &pvid_s, NULL) == 0)
			pvid = (unsigned)strtoul(pvid_s, NULL, 10);
		/* The port starts in the bridge's default VLAN; replace it. */
		if (pvid && pvid != d->veth_vlan_id) {
			ret = nlx_talk(sk, nlm_bridge_vlan(RTM_DELLINK, host_ifindex, (unsigned short)pvid, false));
			if (ret)
				return log_error(ret, "%s: lxc.net.%d: failed to remove default VLAN %u from '%s': %s", d->where,
						 d->index, pvid, d->host_name, strerr(ret));
		}
		if (d->veth_vlan_id) {
			ret = nlx_talk(sk, nlm_bridge_vlan(RTM_SETLINK, host_ifindex, d->veth_vlan_id, true));
			if (ret)
				return log_error(ret, "%s: lxc.net.%d.veth.vlan.id: failed to add VLAN %u to '%s': %s", d->where,
						 d->index, d->veth_vlan_id, d->host_name, strerr(ret));
		}
	}
	for (size_t i = 0; i < d->n_veth_vlan_tagged; i++) {
		ret = nlx_talk(sk, nlm_bridge_vlan(RTM_SETLINK, host_ifindex, d->veth_vlan_tagged[i], false));
		if (ret)
			return log_error(ret, "%s: lxc.net.%d.veth.vlan.tagged.id: failed to add VLAN %u to '%s': %s", d->where,
					 d->index, d->veth_vlan_tagged[i], d->host_name, strerr(ret));
	}
	return 0;
}

/* Router mode: the host end answers for the gateway (proxy ARP/NDP) and routes
 * the container's addresses to it. */
static int veth_router(struct nl_sock *sk, const struct net_plan *p, struct net_dev *d, int host_ifindex)
{
	int ret;

	for (int fam = AF_INET; fam; fam = fam == AF_INET ? AF_INET6 : 0) {
		const void *gw = gw_ptr(d, fam);

		if (!gw)
			continue;
		if (fam == AF_INET6 && !sysctl_is_one(AF_INET6, "all", "forwarding"))
			return log_error(-EINVAL, "%s: lxc.net.%d.veth.mode = router with an IPv6 gateway needs sysctl net.ipv6.conf.all.forwarding=1 (container %s)",
					 d->where, d->index, p->container);
		ret = sysctl_set_one(fam, d->host_name, "forwarding");
		if (!ret && fam == AF_INET6)
			ret = sysctl_set_one(fam, d->host_name, "proxy_ndp");
		if (!ret)
			ret = nlx_talk(sk, nlm_neigh_proxy(RTM_NEWNEIGH, fam, host_ifindex, gw));
		if (ret)
			return log_error(ret, "%s: lxc.net.%d.veth.mode = router: failed to proxy the gateway on '%s': %s",
					 d->where, d->index, d->host_name, strerr(ret));
	}
	for (int v6 = 0; v6 <= 1; v6++) {
		const struct net_addr *a = v6 ? d->ipv6 : d->ipv4;
		size_t n = v6 ? d->n_ipv6 : d->n_ipv4;

		for (size_t i = 0; i < n; i++) {
			ret = nlx_talk(sk, nlm_route(RTM_NEWROUTE, a[i].family, host_ifindex, &a[i].a, v6 ? 128 : 32, NULL));
			if (ret)
				return log_error(ret, "%s: lxc.net.%d.veth.mode = router: failed to route the container's address to '%s': %s",
						 d->where, d->index, d->host_name, strerr(ret));
		}
	}
	return 0;
}

static int create_veth(struct nl_sock *sk, const struct net_plan *p, struct net_dev *d, int nsfd)
{
	struct rtnl_link *l = NULL;
	struct nlm_link host = NLM_LINK_INIT, peer = NLM_LINK_INIT;
	unsigned char host_mac[6];
	unsigned mtu = d->mtu;
	int link_ifindex = 0, host_ifindex, ret;

	if (d->link[0]) {
		ret = nlx_link_get(sk, 0, d->link, &l);
		if (ret == -ENODEV && d->veth_mode == VETH_MODE_BRIDGE)
			return log_error(ret, "%s: lxc.net.%d.link: bridge '%s' does not exist: start it with %s start%s, create it, or change the link (container %s)",
					 d->where, d->index, d->link, LXCLIBEXECDIR "/lxc-net",
					 strcmp(d->link, "lxcbr0") ? " (its LXC_BRIDGE)" : "", p->container);
		if (ret && ret != -ENODEV)
			return log_error(ret, "%s: lxc.net.%d.link: failed to look up '%s': %s", d->where, d->index, d->link,
					 strerr(ret));
		if (l) {
			const char *kind = rtnl_link_get_type(l);

			link_ifindex = rtnl_link_get_ifindex(l);
			/* Without lxc.net.N.mtu the pair gets the link's MTU, as in LXC. */
			if (!mtu)
				mtu = rtnl_link_get_mtu(l);
			if (d->veth_mode == VETH_MODE_BRIDGE && (!kind || strcmp(kind, "bridge"))) {
				rtnl_link_put(l);
				return log_error(-EINVAL, "%s: lxc.net.%d.link: '%s' is not a bridge (veth.mode = bridge attaches the host end to it; container %s)",
						 d->where, d->index, d->link, p->container);
			}
			rtnl_link_put(l);
		}
	}
	if (d->veth_pair[0])
		memcpy(d->host_name, d->veth_pair, IFNAMSIZ);
	else
		random_ifname("veth", d->host_name);
	/* fe:..: the bridge takes the lowest port MAC as its own unless set, so a
	 * high first byte keeps the bridge's address stable as ports come and go. */
	random_bytes(host_mac, sizeof(host_mac));
	host_mac[0] = 0xfe;

	host.name = d->host_name;
	host.mac = host_mac;
	host.mtu = mtu;
	host.master = d->veth_mode == VETH_MODE_BRIDGE ? link_ifindex : 0;
	host.up = true;
	peer.name = d->name;
	peer.mac = d->has_hwaddr ? d->hwaddr : NULL;
	peer.mtu = mtu;
	peer.netns_fd = nsfd;

	ret = nlx_talk(sk, nlm_veth_create(&host, &peer));
	if (ret == -EEXIST && d->veth_pair[0] && if_nametoindex(d->host_name)) {
		/* A reboot reuses the fixed name while the kernel may still be
		 * removing the old pair with the old namespace: wait for it. */
		INFO("lxc.net.%d.veth.pair '%s' still exists, waiting for it to go", d->index, d->host_name);
		if (net_wait_gone(d->host_name, VETH_PAIR_REUSE_WAIT_MS) == 0)
			ret = nlx_talk(sk, nlm_veth_create(&host, &peer));
	}
	if (ret == -EEXIST && d->veth_pair[0])
		return log_error(ret, "%s: lxc.net.%d.veth.pair: a device named '%s' already exists on the host (container %s)",
				 d->where, d->index, d->host_name, p->container);
	if (ret)
		return log_error(ret, "%s: lxc.net.%d: failed to create veth '%s' (host) / '%s' (container %s): %s", d->where,
				 d->index, d->host_name, d->name, p->container, strerr(ret));
	d->created = true;

	if (!d->veth_vlan_set && !d->n_veth_vlan_tagged && !d->n_veth_routes && d->veth_mode != VETH_MODE_ROUTER)
		return 0;
	host_ifindex = (int)if_nametoindex(d->host_name);
	if (!host_ifindex)
		return log_error(-ENODEV, "%s: lxc.net.%d: veth '%s' vanished right after its creation", d->where, d->index,
				 d->host_name);
	if (d->veth_mode == VETH_MODE_BRIDGE && link_ifindex && (ret = veth_bridge_vlans(sk, d, host_ifindex)))
		return ret;
	for (size_t i = 0; i < d->n_veth_routes; i++) {
		const struct net_addr *r = &d->veth_routes[i];
		char buf[INET6_ADDRSTRLEN];

		ret = nlx_talk(sk, nlm_route(RTM_NEWROUTE, r->family, host_ifindex, &r->a, r->prefix, NULL));
		if (ret)
			return log_error(ret, "%s: lxc.net.%d.veth.ipv%c.route %s/%u: failed to add the route via '%s': %s",
					 d->where, d->index, r->family == AF_INET ? '4' : '6',
					 inet_ntop(r->family, &r->a, buf, sizeof(buf)), r->prefix, d->host_name, strerr(ret));
	}
	if (d->veth_mode == VETH_MODE_ROUTER)
		return veth_router(sk, p, d, host_ifindex);
	return 0;
}

/* ---- macvlan, ipvlan, vlan: made on the link, born in the child's netns ---- */

static int create_on_link(struct nl_sock *sk, const struct net_plan *p, struct net_dev *d, int nsfd)
{
	struct nlm_link l = NLM_LINK_INIT;
	struct nl_msg *msg;
	int link = (int)if_nametoindex(d->link), ret;

	if (!link)
		return log_error(-ENODEV, "%s: lxc.net.%d.link: '%s' does not exist on the host (container %s)", d->where,
				 d->index, d->link, p->container);
	l.name = d->name;
	l.mac = d->has_hwaddr ? d->hwaddr : NULL;
	l.mtu = d->mtu;
	l.link = link;
	l.netns_fd = nsfd;
	if (d->type == NET_MACVLAN)
		msg = nlm_macvlan_create(&l, d->macvlan_mode);
	else if (d->type == NET_IPVLAN)
		msg = nlm_ipvlan_create(&l, d->ipvlan_mode, d->ipvlan_flags);
	else
		msg = nlm_vlan_create(&l, d->vlan_id);
	ret = nlx_talk(sk, msg);
	if (ret == -EOPNOTSUPP)
		return log_error(ret, "%s: lxc.net.%d.type = %s: this kernel has no %s support (container %s)", d->where,
				 d->index, net_type_name(d->type), net_type_name(d->type), p->container);
	if (ret)
		return log_error(ret, "%s: lxc.net.%d: failed to create %s '%s' on '%s' (container %s): %s", d->where, d->index,
				 net_type_name(d->type), d->name, d->link, p->container, strerr(ret));
	d->created = true;
	return 0;
}

/* ---- phys ---- */

static int move_phys_in(struct nl_sock *sk, struct nl_sock **inside, const struct net_plan *p, struct net_dev *d,
			int nsfd)
{
	struct nlm_link l = NLM_LINK_INIT;
	struct rtnl_link *link = NULL;
	struct nl_addr *mac;
	int ifindex, ret;

	ret = nlx_link_get(sk, 0, d->link, &link);
	if (ret)
		return log_error(ret, "%s: lxc.net.%d.link: host device '%s' %s (container %s)", d->where, d->index, d->link,
				 ret == -ENODEV ? "does not exist" : strerr(ret), p->container);
	ifindex = rtnl_link_get_ifindex(link);
	d->phys_orig_mtu = (int)rtnl_link_get_mtu(link);
	mac = rtnl_link_get_addr(link);
	if (mac && nl_addr_get_len(mac) == 6)
		memcpy(d->phys_orig_mac, nl_addr_get_binary_addr(mac), 6);
	rtnl_link_put(link);
	d->phys_mac_changed = d->has_hwaddr && memcmp(d->hwaddr, d->phys_orig_mac, 6);

	/* One request moves it, names it and sets MTU and MAC. */
	l.name = d->name;
	l.netns_fd = nsfd;
	l.mtu = d->mtu && (int)d->mtu != d->phys_orig_mtu ? d->mtu : 0;
	l.mac = d->phys_mac_changed ? d->hwaddr : NULL;
	ret = nlx_talk(sk, nlm_link_change(ifindex, &l));
	if (ret)
		return log_error(ret, "%s: lxc.net.%d: failed to move '%s' into the container %s as '%s': %s", d->where,
				 d->index, d->link, p->container, d->name, strerr(ret));
	d->moved = true;

	/* Remember its index inside: the way back must find it even if renamed. */
	if (!*inside && (ret = nlx_open_in_netns(nsfd, inside)) < 0)
		return ret;
	ret = nlx_link_get(*inside, 0, d->name, &link);
	if (ret)
		return log_error(ret, "%s: lxc.net.%d: '%s' is not in the container after the move: %s", d->where, d->index,
				 d->name, strerr(ret));
	d->inside_ifindex = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	return 0;
}

static int move_phys_out(struct nl_sock *inside, const struct net_plan *p, struct net_dev *d)
{
	__do_close int own = -EBADF;
	struct nlm_link l = NLM_LINK_INIT;
	struct rtnl_link *link = NULL;
	char alt[IFNAMSIZ];
	int ifindex = 0, ret;

	if (nlx_link_get(inside, d->inside_ifindex, NULL, &link) == 0 ||
	    nlx_link_get(inside, 0, d->name, &link) == 0) {
		ifindex = rtnl_link_get_ifindex(link);
		rtnl_link_put(link);
	}
	if (!ifindex)
		return log_error(-ENODEV, "%s: lxc.net.%d: phys device '%s' (host name '%s') is no longer in the container %s",
				 d->where, d->index, d->name, d->link, p->container);
	own = nlx_own_netns();
	if (own < 0)
		return log_syserror(own, "Failed to open the own network namespace");
	l.name = d->link;
	l.netns_fd = own;
	l.mtu = d->mtu && (int)d->mtu != d->phys_orig_mtu ? (unsigned)d->phys_orig_mtu : 0;
	l.mac = d->phys_mac_changed ? d->phys_orig_mac : NULL;
	ret = nlx_talk(inside, nlm_link_change(ifindex, &l));
	if (ret == -EEXIST) {
		random_ifname("phys", alt);
		l.name = alt;
		ret = nlx_talk(inside, nlm_link_change(ifindex, &l));
		if (!ret)
			WARN("lxc.net.%d: the host has a device named '%s' again; phys device returned as '%s' (container %s)",
			     d->index, d->link, alt, p->container);
	}
	if (ret)
		return log_error(ret, "%s: lxc.net.%d: failed to move phys device '%s' back to the host as '%s': %s", d->where,
				 d->index, d->name, d->link, strerr(ret));
	d->moved = false;
	return 0;
}

int net_restore_phys(struct net_plan *p, int nsfd)
{
	__do_nl_sock struct nl_sock *inside = NULL;
	int ret, first = 0;

	for (size_t i = 0; i < p->n; i++) {
		struct net_dev *d = &p->devs[i];

		if (d->type != NET_PHYS || !d->moved)
			continue;
		if (nsfd < 0) {
			WARN("lxc.net.%d: the container's network namespace is gone; '%s' went back to the host on its own",
			     d->index, d->link);
			d->moved = false;
			continue;
		}
		if (!inside && (ret = nlx_open_in_netns(nsfd, &inside)) < 0)
			return ret;
		ret = move_phys_out(inside, p, d);
		if (ret && !first)
			first = ret;
	}
	return first;
}

/* ---- the whole host side ---- */

static int create_one(struct nl_sock *sk, struct nl_sock **inside, struct net_plan *p, struct net_dev *d, int nsfd)
{
	int ret = 0;

	if (d->type == NET_NONE)
		return 0;
	if (d->l2proxy && d->link[0]) {
		ret = l2proxy(sk, p, d, true);
		d->l2proxy_added = true; /* partial entries are removed by undo too */
		if (ret)
			return ret;
	}
	switch (d->type) {
	case NET_VETH:
		ret = create_veth(sk, p, d, nsfd);
		break;
	case NET_MACVLAN:
	case NET_IPVLAN:
	case NET_VLAN:
		ret = create_on_link(sk, p, d, nsfd);
		break;
	case NET_PHYS:
		/* LXC runs a phys device's up script while it is still on the host. */
		if (d->script_up) {
			ret = net_run_script(p, d, "up");
			d->up_script_ran = !ret;
			if (ret)
				return ret;
		}
		return move_phys_in(sk, inside, p, d, nsfd);
	default:
		break;
	}
	if (ret)
		return ret;
	if (d->script_up) {
		ret = net_run_script(p, d, "up");
		d->up_script_ran = !ret;
	}
	return ret;
}

int net_create_host_side(struct net_plan *p, int nsfd)
{
	__do_nl_sock struct nl_sock *sk = NULL, *inside = NULL;
	int ret;

	if (nsfd < 0 && net_plan_wants_netns(p))
		return log_error(-EBADF, "No network namespace given for container %s", p->container);
	ret = net_plan_prepare(p);
	if (ret)
		return ret;
	ret = nlx_open(&sk);
	if (ret)
		return log_error(ret, "Failed to open a netlink socket: %s", strerr(ret));
	for (size_t i = 0; i < p->n; i++) {
		ret = create_one(sk, &inside, p, &p->devs[i], nsfd);
		if (ret) {
			nlx_close(inside), inside = NULL;
			net_plan_undo(p, nsfd);
			return ret;
		}
		p->devs[i].active = true;
	}
	return 0;
}

void net_plan_undo(struct net_plan *p, int nsfd)
{
	__do_nl_sock struct nl_sock *sk = NULL, *inside = NULL;
	int ret;

	if (nlx_open(&sk) < 0)
		sk = NULL;
	for (size_t i = p->n; i-- > 0;) {
		struct net_dev *d = &p->devs[i];

		if (d->up_script_ran && d->script_down)
			net_run_script(p, d, "down");
		d->up_script_ran = false;
		if (d->moved) {
			if (nsfd >= 0 && (inside || nlx_open_in_netns(nsfd, &inside) == 0))
				move_phys_out(inside, p, d);
			d->moved = false;
		}
		if (d->created && d->type == NET_VETH && sk) {
			/* Deleting the host end takes the peer with it. */
			int idx = (int)if_nametoindex(d->host_name);

			if (idx && (ret = nlx_talk(sk, nlm_link_del(idx))) && ret != -ENODEV)
				WARN("lxc.net.%d: failed to delete veth '%s': %s", d->index, d->host_name, strerr(ret));
		} else if (d->created && nsfd >= 0 && (inside || nlx_open_in_netns(nsfd, &inside) == 0)) {
			struct rtnl_link *l = NULL;

			if (nlx_link_get(inside, 0, d->name, &l) == 0) {
				ret = nlx_talk(inside, nlm_link_del(rtnl_link_get_ifindex(l)));
				if (ret && ret != -ENODEV)
					WARN("lxc.net.%d: failed to delete %s '%s': %s", d->index, net_type_name(d->type),
					     d->name, strerr(ret));
				rtnl_link_put(l);
			}
		}
		d->created = false;
		if (d->l2proxy_added && sk)
			l2proxy(sk, p, d, false);
		d->l2proxy_added = false;
		d->active = false;
	}
}

void net_stop_host_side(struct net_plan *p, int nsfd)
{
	__do_nl_sock struct nl_sock *sk = NULL;

	/* First the devices that must outlive the namespace. */
	net_restore_phys(p, nsfd);
	for (size_t i = 0; i < p->n; i++) {
		struct net_dev *d = &p->devs[i];

		if (d->active && d->script_down)
			net_run_script(p, d, "down");
		if (d->l2proxy_added && (sk || nlx_open(&sk) == 0))
			l2proxy(sk, p, d, false);
		d->l2proxy_added = false;
		d->up_script_ran = false;
		/* The veth and the devices made inside go with the namespace. */
		d->created = false;
		d->active = false;
	}
}
