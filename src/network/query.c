/* query.c - reading a running container's network from outside: its addresses and interfaces by netlink in its netns, link counters, waiting for a link to be gone; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

#include "log.h"
#include "network/nl.h"
#include "util/cleanup.h"
#include "util/strutil.h"
#include "util/time.h"

int net_open_netns(pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static int open_pid_netns(pid_t pid, struct nl_sock **sk)
{
	__do_close int fd = net_open_netns(pid);

	if (fd < 0)
		return fd;
	return nlx_open_in_netns(fd, sk);
}

static int ignore_msg(struct nl_msg *msg, void *arg)
{
	(void)msg, (void)arg;
	return NL_OK;
}

int net_wait_gone(const char *ifname, int timeout_ms)
{
	struct nl_sock *sk = nl_socket_alloc();
	int64_t deadline = now_ms() + timeout_ms;
	int ret;

	if (!sk)
		return -ENOMEM;
	nl_socket_disable_seq_check(sk);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, ignore_msg, NULL);
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (!ret)
		ret = nl_socket_add_membership(sk, RTNLGRP_LINK);
	if (!ret)
		ret = nl_socket_set_nonblocking(sk);
	if (ret) {
		nl_socket_free(sk);
		return nlx_errno(ret);
	}
	/* Subscribed before looking, so a removal in between still wakes us. */
	for (;;) {
		struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };
		int64_t left;

		if (!if_nametoindex(ifname)) {
			ret = 0;
			break;
		}
		left = deadline - now_ms();
		if (left <= 0) {
			ret = -ETIMEDOUT;
			break;
		}
		ret = poll(&pfd, 1, (int)left);
		if (ret < 0 && errno != EINTR) {
			ret = -errno;
			break;
		}
		if (ret > 0)
			/* Drain; an overrun (lost events) is fine: we look again anyway. */
			while (nl_recvmsgs_default(sk) >= 0 && (poll(&pfd, 1, 0) > 0))
				;
	}
	nl_socket_free(sk);
	return ret;
}

/* Both caches of the netns of pid: links (for names) and addresses. */
static int read_caches(pid_t pid, struct nl_cache **links, struct nl_cache **addrs)
{
	__do_nl_sock struct nl_sock *sk = NULL;
	int ret = open_pid_netns(pid, &sk);

	*links = *addrs = NULL;
	if (ret)
		return ret;
	ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, links);
	if (ret < 0)
		return nlx_errno(ret);
	if (addrs && (ret = rtnl_addr_alloc_cache(sk, addrs)) < 0) {
		nl_cache_free(*links);
		*links = NULL;
		return nlx_errno(ret);
	}
	return 0;
}

int net_list_ips(pid_t pid, const char *interface, const char *family, int scope, char ***out)
{
	struct nl_cache *links = NULL, *addrs = NULL;
	char **v = NULL;
	int fam = AF_UNSPEC, count = 0, ret;

	*out = NULL;
	if (family && !strcmp(family, "inet"))
		fam = AF_INET;
	else if (family && !strcmp(family, "inet6"))
		fam = AF_INET6;
	else if (family && *family)
		return -EINVAL;
	ret = read_caches(pid, &links, &addrs);
	if (ret)
		return ret;
	for (struct nl_object *o = nl_cache_get_first(addrs); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *a = (struct rtnl_addr *)o;
		struct nl_addr *local = rtnl_addr_get_local(a);
		int af = rtnl_addr_get_family(a), ifindex = rtnl_addr_get_ifindex(a), scope_id = 0;
		char name[IFNAMSIZ] = "", buf[INET6_ADDRSTRLEN];

		if (!local || (af != AF_INET && af != AF_INET6) || (fam != AF_UNSPEC && af != fam))
			continue;
		rtnl_link_i2name(links, ifindex, name, sizeof(name));
		/* get_ips without an interface leaves out the loopback. */
		if (interface ? strcmp(interface, name) : !strcmp(name, "lo"))
			continue;
		/* getifaddrs' sin6_scope_id, which liblxc compares: the ifindex for
		 * link-local addresses, 0 for the rest. */
		if (af == AF_INET6 && IN6_IS_ADDR_LINKLOCAL((const struct in6_addr *)nl_addr_get_binary_addr(local)))
			scope_id = ifindex;
		if (af == AF_INET6 && scope_id != scope)
			continue;
		if (!inet_ntop(af, nl_addr_get_binary_addr(local), buf, sizeof(buf)) || strv_append(&v, buf) < 0) {
			ret = -ENOMEM;
			break;
		}
		count++;
	}
	nl_cache_free(addrs);
	nl_cache_free(links);
	if (ret) {
		strv_free(v);
		return ret;
	}
	if (!v && !(v = calloc(1, sizeof(*v)))) /* an empty vector, not NULL */
		return -ENOMEM;
	*out = v;
	return count;
}

int net_list_interfaces(pid_t pid, char ***out)
{
	__do_nl_sock struct nl_sock *sk = NULL;
	struct nl_cache *links = NULL;
	char **v = NULL;
	int count = 0, ret;

	*out = NULL;
	ret = open_pid_netns(pid, &sk);
	if (ret)
		return ret;
	ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, &links);
	if (ret < 0)
		return nlx_errno(ret);
	for (struct nl_object *o = nl_cache_get_first(links); o; o = nl_cache_get_next(o)) {
		const char *name = rtnl_link_get_name((struct rtnl_link *)o);

		if (name && strv_append(&v, name) < 0) {
			nl_cache_free(links);
			strv_free(v);
			return -ENOMEM;
		}
		count++;
	}
	nl_cache_free(links);
	*out = v;
	return count;
}

int net_link_stats(int netns_fd, const char *ifname, struct net_link_stats *out)
{
	__do_nl_sock struct nl_sock *sk = NULL;
	struct rtnl_link *l = NULL;
	int ret;

	ret = netns_fd >= 0 ? nlx_open_in_netns(netns_fd, &sk) : nlx_open(&sk);
	if (ret)
		return ret;
	ret = nlx_link_get(sk, 0, ifname, &l);
	if (ret)
		return ret;
	out->rx_bytes = rtnl_link_get_stat(l, RTNL_LINK_RX_BYTES);
	out->tx_bytes = rtnl_link_get_stat(l, RTNL_LINK_TX_BYTES);
	out->rx_packets = rtnl_link_get_stat(l, RTNL_LINK_RX_PACKETS);
	out->tx_packets = rtnl_link_get_stat(l, RTNL_LINK_TX_PACKETS);
	rtnl_link_put(l);
	return 0;
}
