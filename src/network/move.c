/* move.c - moving a host network device into a running container's netns and back (attach_interface/detach_interface); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <unistd.h>

#include <netlink/route/link.h>

#include "log.h"
#include "network/network.h"
#include "network/nl.h"
#include "util/cleanup.h"

/*
 * One RTM_NEWLINK with IFLA_NET_NS_FD and IFLA_IFNAME moves and renames in a
 * single step, so the device never shows up under a name it should not have.
 * A device moved back to the host is set down first, as LXC does, so nothing
 * on the host sees a configured interface appear.
 */
int net_move_link(int from_netns_fd, const char *ifname, int to_netns_fd, const char *newname)
{
	__do_nl_sock struct nl_sock *sk = NULL;
	__do_close int own = -1;
	struct nlm_link l = NLM_LINK_INIT;
	struct rtnl_link *link = NULL;
	int ifindex, ret;

	if (!ifname || !*ifname || strlen(ifname) >= IFNAMSIZ || (newname && strlen(newname) >= IFNAMSIZ))
		return -EINVAL;
	ret = from_netns_fd >= 0 ? nlx_open_in_netns(from_netns_fd, &sk) : nlx_open(&sk);
	if (ret)
		return ret;
	ret = nlx_link_get(sk, 0, ifname, &link);
	if (ret)
		return ret;
	ifindex = rtnl_link_get_ifindex(link);
	rtnl_link_put(link);
	if (to_netns_fd < 0) {
		own = nlx_own_netns();
		if (own < 0)
			return own;
		to_netns_fd = own;
		/* down before it leaves the container: clears its flags for the host */
		{
			struct rtnl_link *chg = rtnl_link_alloc(), *orig = NULL;

			if (!chg)
				return -ENOMEM;
			if (nlx_link_get(sk, ifindex, NULL, &orig) == 0) {
				rtnl_link_unset_flags(chg, IFF_UP);
				ret = rtnl_link_change(sk, orig, chg, 0);
				rtnl_link_put(orig);
			}
			rtnl_link_put(chg);
			if (ret < 0)
				return nlx_errno(ret);
		}
	}
	l.netns_fd = to_netns_fd;
	l.name = newname && *newname ? newname : ifname;
	return nlx_talk(sk, nlm_link_change(ifindex, &l));
}
