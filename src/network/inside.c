/* inside.c - configures the container's devices from inside its network namespace, before init runs: addresses, up, lo, gateways; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <string.h>

#include "log.h"
#include "network/nl.h"

static const char *strerr(int e)
{
	return strerror(e < 0 ? -e : e);
}

static int set_up(struct nl_sock *sk, int ifindex)
{
	struct nlm_link l = NLM_LINK_INIT;

	l.up = true;
	return nlx_talk(sk, nlm_link_change(ifindex, &l));
}

/* A default route via gw; when gw is outside the device's subnets (router
 * mode, or a gateway on another net) the kernel refuses it until a device
 * route to gw exists, so add that first and try again - LXC's behaviour. */
static int add_gateway(struct nl_sock *sk, const struct net_dev *d, int ifindex, int family)
{
	enum net_gw gw = family == AF_INET ? d->gw4 : d->gw6;
	const void *addr = family == AF_INET ? (const void *)&d->gw4_addr : (const void *)&d->gw6_addr;
	char buf[INET6_ADDRSTRLEN];
	int ret;

	if (gw == GW_NONE)
		return 0;
	if (gw == GW_DEV) {
		ret = nlx_talk(sk, nlm_route(RTM_NEWROUTE, family, ifindex, NULL, 0, NULL));
		if (ret)
			return log_error(ret, "%s: lxc.net.%d.ipv%c.gateway = dev: failed to add the default route on '%s': %s",
					 d->where, d->index, family == AF_INET ? '4' : '6', d->name, strerr(ret));
		return 0;
	}
	inet_ntop(family, addr, buf, sizeof(buf));
	ret = nlx_talk(sk, nlm_route(RTM_NEWROUTE, family, ifindex, NULL, 0, addr));
	if (ret == -ENETUNREACH || ret == -EINVAL) {
		ret = nlx_talk(sk, nlm_route(RTM_NEWROUTE, family, ifindex, addr, family == AF_INET ? 32 : 128, NULL));
		if (ret)
			return log_error(ret, "%s: lxc.net.%d: failed to add a route to gateway %s on '%s': %s", d->where,
					 d->index, buf, d->name, strerr(ret));
		ret = nlx_talk(sk, nlm_route(RTM_NEWROUTE, family, ifindex, NULL, 0, addr));
	}
	if (ret)
		return log_error(ret, "%s: lxc.net.%d.ipv%c.gateway: failed to add the default route via %s on '%s': %s",
				 d->where, d->index, family == AF_INET ? '4' : '6', buf, d->name, strerr(ret));
	return 0;
}

static int configure_dev(struct nl_sock *sk, const struct net_dev *d)
{
	char buf[INET6_ADDRSTRLEN];
	int ifindex = (int)if_nametoindex(d->name), ret;

	if (!ifindex)
		return log_error(-ENODEV, "%s: lxc.net.%d: device '%s' is not in the container's network namespace",
				 d->where, d->index, d->name);
	for (int v6 = 0; v6 <= 1; v6++) {
		const struct net_addr *a = v6 ? d->ipv6 : d->ipv4;
		size_t n = v6 ? d->n_ipv6 : d->n_ipv4;

		for (size_t i = 0; i < n; i++) {
			ret = nlx_talk(sk, nlm_addr_add(ifindex, &a[i]));
			if (ret)
				return log_error(ret, "%s: lxc.net.%d.ipv%c.address %s/%u: failed to add it to '%s': %s", d->where,
						 d->index, v6 ? '6' : '4', inet_ntop(a[i].family, &a[i].a, buf, sizeof(buf)),
						 a[i].prefix, d->name, strerr(ret));
		}
	}
	if (d->up) {
		ret = set_up(sk, ifindex);
		if (ret)
			return log_error(ret, "%s: lxc.net.%d: failed to bring '%s' up: %s", d->where, d->index, d->name,
					 strerr(ret));
	}
	ret = add_gateway(sk, d, ifindex, AF_INET);
	if (!ret)
		ret = add_gateway(sk, d, ifindex, AF_INET6);
	return ret;
}

int net_configure_inside(const struct net_plan *p)
{
	__do_nl_sock struct nl_sock *sk = NULL;
	bool lo_up = false;
	int ret;

	if (!net_plan_wants_netns(p) || !p->n)
		return 0;
	ret = nlx_open(&sk);
	if (ret)
		return log_error(ret, "Failed to open a netlink socket in the container's network namespace: %s", strerr(ret));
	for (size_t i = 0; i < p->n; i++) {
		const struct net_dev *d = &p->devs[i];

		/* As in LXC, lo comes up as soon as any interface (or "empty") is up. */
		lo_up |= d->up;
		if (d->type == NET_EMPTY || d->type == NET_NONE)
			continue;
		ret = configure_dev(sk, d);
		if (ret)
			return ret;
	}
	if (lo_up) {
		ret = set_up(sk, (int)if_nametoindex("lo"));
		if (ret)
			return log_error(ret, "Failed to bring lo up in container %s: %s", p->container, strerr(ret));
	}
	return 0;
}
