/* test-network.c - unit tests of the network plan (parsing, validation, names) and of the rtnetlink messages the module builds; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "conf/conf.h"
#include "network/nl.h"
#include "network/plan.h"
#include "network/script.h"
#include "unit.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

/* ---- helpers: a config as "key = value" lines ---- */

struct items {
	struct net_conf_item v[64];
	char buf[64][256];
	size_t n;
};

static void items_from(struct items *it, const char *text)
{
	const char *p = text;

	it->n = 0;
	while (*p && it->n < 64) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = it->buf[it->n], *eq;

		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl ? 1 : 0);
		eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		for (char *e = eq - 1; e >= line && *e == ' '; e--)
			*e = '\0';
		eq++;
		while (*eq == ' ')
			eq++;
		it->v[it->n] = (struct net_conf_item){ .key = line, .value = eq, .file = "test.conf", .line = (unsigned)it->n + 1 };
		it->n++;
	}
}

static struct net_plan *plan_of(const char *text, struct conf_error *err)
{
	static struct items it;
	struct net_plan *p = NULL;

	items_from(&it, text);
	if (net_plan_build_items(it.v, it.n, "c1", &p, err) < 0)
		return NULL;
	return p;
}

static const char *ntop(const struct net_addr *a)
{
	static char buf[INET6_ADDRSTRLEN];

	return inet_ntop(a->family, &a->a, buf, sizeof(buf));
}

/* ---- parsers ---- */

static void ipv4_addresses_parse_as_lxc(void)
{
	struct net_addr a;
	char buf[32];

	CHECK_INT(net_parse_ipv4("10.0.3.5/24", &a), 0);
	CHECK_STR(ntop(&a), "10.0.3.5");
	CHECK_INT(a.prefix, 24);
	CHECK(a.has_bcast);
	CHECK_STR(inet_ntop(AF_INET, &a.bcast, buf, sizeof(buf)), "10.0.3.255");

	CHECK_INT(net_parse_ipv4("172.16.1.3/24 172.16.1.77", &a), 0);
	CHECK_STR(inet_ntop(AF_INET, &a.bcast, buf, sizeof(buf)), "172.16.1.77");

	/* No prefix: LXC's class test on the last octet. */
	CHECK_INT(net_parse_ipv4("192.168.1.5", &a), 0);
	CHECK_INT(a.prefix, 8);
	CHECK_INT(net_parse_ipv4("10.1.2.200", &a), 0);
	CHECK_INT(a.prefix, 24);
	CHECK_INT(net_parse_ipv4("10.1.2.130", &a), 0);
	CHECK_INT(a.prefix, 16);

	CHECK_INT(net_parse_ipv4("10.0.3.5/32", &a), 0);
	CHECK(!a.has_bcast);
	CHECK_INT(net_parse_ipv4("10.0.3.5/33", &a), -EINVAL);
	CHECK_INT(net_parse_ipv4("10.0.3/24", &a), -EINVAL);
	CHECK_INT(net_parse_ipv4("10.0.3.5/24 nonsense", &a), -EINVAL);
	CHECK_INT(net_parse_ipv4("fd00::1/64", &a), -EINVAL);
}

static void ipv6_routes_and_names_parse(void)
{
	struct net_addr a;
	char name[IFNAMSIZ];
	unsigned char mac[6];

	CHECK_INT(net_parse_ipv6("fd00::5", &a), 0);
	CHECK_INT(a.prefix, 64);
	CHECK_INT(net_parse_ipv6("fd00::5/112", &a), 0);
	CHECK_INT(a.prefix, 112);
	CHECK_INT(net_parse_ipv6("fd00::5/129", &a), -EINVAL);
	CHECK_INT(net_parse_ipv6("10.0.0.1", &a), -EINVAL);

	CHECK_INT(net_parse_route("192.168.1.0/24", AF_INET, &a), 0);
	CHECK_INT(a.prefix, 24);
	CHECK_INT(net_parse_route("192.168.1.0", AF_INET, &a), -EINVAL);
	CHECK_INT(net_parse_route("fd00:1::/64", AF_INET6, &a), 0);

	CHECK_INT(net_parse_ifname("eth0", name), 0);
	CHECK_INT(net_parse_ifname("abcdefghijklmnop", name), -EINVAL);
	CHECK_INT(net_parse_ifname("a/b", name), -EINVAL);
	CHECK_INT(net_parse_ifname("", name), -EINVAL);

	CHECK_INT(net_parse_hwaddr("4a:49:43:49:79:bf", mac), 0);
	CHECK_INT(mac[0], 0x4a);
	CHECK_INT(mac[5], 0xbf);
	CHECK_INT(net_parse_hwaddr("00:16:3e:xx:xx:xx", mac), 0);
	CHECK_INT(mac[0], 0x00);
	CHECK_INT(mac[2], 0x3e);
	/* A random first byte never has the multicast bit. */
	for (int i = 0; i < 50; i++) {
		CHECK_INT(net_parse_hwaddr("xx:xx:xx:xx:xx:xx", mac), 0);
		CHECK_INT(mac[0] & 1, 0);
	}
	CHECK_INT(net_parse_hwaddr("00:16:3e:00:00", mac), -EINVAL);
	CHECK_INT(net_parse_hwaddr("00:16:3e:00:00:zz", mac), -EINVAL);
}

/* ---- plans ---- */

static void veth_plan_has_everything(void)
{
	struct conf_error err;
	struct net_plan *p = plan_of("lxc.uts.name = x\n"
				     "lxc.net.0.type = veth\n"
				     "lxc.net.0.link = br0\n"
				     "lxc.net.0.flags = up\n"
				     "lxc.net.0.hwaddr = 00:16:3e:12:34:56\n"
				     "lxc.net.0.mtu = 1400\n"
				     "lxc.net.0.ipv4.address = 10.0.3.5/24\n"
				     "lxc.net.0.ipv4.address = 10.0.4.5/24\n"
				     "lxc.net.0.ipv4.gateway = 10.0.3.1\n"
				     "lxc.net.0.ipv6.address = fd00::5/64\n"
				     "lxc.net.0.ipv6.gateway = auto\n"
				     "lxc.net.0.veth.pair = vhost0\n"
				     "lxc.net.0.veth.ipv4.route = 192.168.9.0/24\n"
				     "lxc.net.0.script.up = /bin/true\n",
				     &err);
	struct net_device_info info;
	const struct net_dev *d;

	CHECK(p != NULL);
	if (!p) {
		printf("  %s\n", err.text);
		return;
	}
	CHECK_INT(p->n, 1);
	d = &p->devs[0];
	CHECK_INT(d->type, NET_VETH);
	CHECK_STR(d->link, "br0");
	CHECK_STR(d->name, "eth0");
	CHECK(d->up);
	CHECK(d->has_hwaddr);
	CHECK_INT(d->hwaddr[5], 0x56);
	CHECK_INT(d->mtu, 1400);
	CHECK_INT(d->n_ipv4, 2);
	CHECK_INT(d->n_ipv6, 1);
	CHECK_INT(d->gw4, GW_ADDR);
	CHECK_INT(d->gw6, GW_AUTO);
	CHECK_STR(d->veth_pair, "vhost0");
	CHECK_INT(d->n_veth_routes, 1);
	CHECK_STR(d->script_up, "/bin/true");
	CHECK(net_plan_wants_netns(p));
	CHECK_INT(net_plan_device_count(p), 1);
	CHECK_INT(net_plan_device_info(p, 0, &info), 0);
	CHECK_STR(info.type, "veth");
	CHECK_STR(info.host_name, "vhost0");
	CHECK_STR(info.name, "eth0");
	CHECK_INT(net_plan_device_info(p, 1, &info), -ENOENT);
	net_plan_free(p);
}

static void names_are_resolved_like_the_kernel(void)
{
	struct conf_error err;
	struct net_plan *p = plan_of("lxc.net.0.type = veth\n"
				     "lxc.net.1.type = veth\n"
				     "lxc.net.1.name = eth0\n"
				     "lxc.net.2.type = macvlan\n"
				     "lxc.net.2.link = eth9\n"
				     "lxc.net.2.name = eth%d\n"
				     "lxc.net.3.type = phys\n"
				     "lxc.net.3.link = dummy7\n"
				     "lxc.net.5.type = veth\n"
				     "lxc.net.5.name = net%d\n"
				     "lxc.net.4.type = empty\n",
				     &err);

	CHECK(p != NULL);
	if (!p) {
		printf("  %s\n", err.text);
		return;
	}
	CHECK_INT(p->n, 6);
	/* Sorted by index; explicit names win, templates take the next free one. */
	CHECK_STR(p->devs[0].name, "eth1");
	CHECK_STR(p->devs[1].name, "eth0");
	CHECK_STR(p->devs[2].name, "eth2");
	CHECK_STR(p->devs[3].name, "dummy7");
	CHECK_INT(p->devs[4].type, NET_EMPTY);
	CHECK_STR(p->devs[4].name, "");
	CHECK_STR(p->devs[5].name, "net0");
	CHECK_INT(p->devs[2].macvlan_mode, MACVLAN_MODE_PRIVATE);
	net_plan_free(p);
}

static void lists_clear_and_singles_replace(void)
{
	struct conf_error err;
	struct net_plan *p = plan_of("lxc.net.0.type = veth\n"
				     "lxc.net.0.ipv4.address = 10.0.0.1/24\n"
				     "lxc.net.0.ipv4.address =\n"
				     "lxc.net.0.ipv4.address = 10.0.0.2/24\n"
				     "lxc.net.0.mtu = 1000\n"
				     "lxc.net.0.mtu = 1300\n"
				     "lxc.net.1.type = veth\n"
				     "lxc.net =\n"
				     "lxc.net.2.type = empty\n"
				     "lxc.net.2.flags = up\n",
				     &err);

	CHECK(p != NULL);
	if (!p) {
		printf("  %s\n", err.text);
		return;
	}
	/* "lxc.net =" dropped lxc.net.0 and lxc.net.1. */
	CHECK_INT(p->n, 1);
	CHECK_INT(p->devs[0].type, NET_EMPTY);
	CHECK(p->devs[0].up);
	net_plan_free(p);

	p = plan_of("lxc.net.0.type = veth\n"
		    "lxc.net.0.ipv4.address = 10.0.0.1/24\n"
		    "lxc.net.0.ipv4.address =\n"
		    "lxc.net.0.ipv4.address = 10.0.0.2/24\n"
		    "lxc.net.0.mtu = 1000\n"
		    "lxc.net.0.mtu = 1300\n",
		    &err);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_INT(p->devs[0].n_ipv4, 1);
	CHECK_STR(ntop(&p->devs[0].ipv4[0]), "10.0.0.2");
	CHECK_INT(p->devs[0].mtu, 1300);
	net_plan_free(p);
}

static void every_type_and_mode_parses(void)
{
	struct conf_error err;
	struct net_plan *p = plan_of("lxc.hook.version = 1\n"
				     "lxc.net.0.type = macvlan\n"
				     "lxc.net.0.link = eth0\n"
				     "lxc.net.0.macvlan.mode = bridge\n"
				     "lxc.net.1.type = ipvlan\n"
				     "lxc.net.1.link = eth0\n"
				     "lxc.net.1.ipvlan.mode = l3s\n"
				     "lxc.net.1.ipvlan.isolation = private\n"
				     "lxc.net.2.type = vlan\n"
				     "lxc.net.2.link = eth0\n"
				     "lxc.net.2.vlan.id = 42\n"
				     "lxc.net.3.type = veth\n"
				     "lxc.net.3.veth.mode = router\n"
				     "lxc.net.3.flags = up\n"
				     "lxc.net.3.ipv4.address = 192.0.2.10/32\n"
				     "lxc.net.3.ipv4.gateway = 169.254.0.1\n"
				     "lxc.net.4.type = veth\n"
				     "lxc.net.4.link = br0\n"
				     "lxc.net.4.veth.vlan.id = none\n"
				     "lxc.net.4.veth.vlan.tagged.id = 10\n"
				     "lxc.net.4.veth.vlan.tagged.id = 20\n"
				     "lxc.net.5.type = veth\n"
				     "lxc.net.5.flags = up\n"
				     "lxc.net.5.ipv4.address = 10.1.1.2/24\n"
				     "lxc.net.5.ipv4.gateway = dev\n",
				     &err);

	CHECK(p != NULL);
	if (!p) {
		printf("  %s\n", err.text);
		return;
	}
	CHECK_INT(p->hook_version, 1);
	CHECK_INT(p->devs[0].macvlan_mode, MACVLAN_MODE_BRIDGE);
	CHECK_INT(p->devs[1].ipvlan_mode, IPVLAN_MODE_L3S);
	CHECK_INT(p->devs[1].ipvlan_flags, 1);
	CHECK_INT(p->devs[2].vlan_id, 42);
	CHECK_INT(p->devs[3].veth_mode, VETH_MODE_ROUTER);
	CHECK(p->devs[4].veth_vlan_set);
	CHECK_INT(p->devs[4].veth_vlan_id, 0);
	CHECK_INT(p->devs[4].n_veth_vlan_tagged, 2);
	CHECK_INT(p->devs[5].gw4, GW_DEV);
	net_plan_free(p);
}

static void none_means_the_host_network(void)
{
	struct conf_error err;
	struct net_plan *p = plan_of("lxc.net.0.type = none\n", &err);

	CHECK(p != NULL);
	if (p)
		CHECK(!net_plan_wants_netns(p));
	net_plan_free(p);
	p = plan_of("lxc.uts.name = a\n", &err);
	CHECK(p != NULL);
	if (p) {
		CHECK(net_plan_wants_netns(p));
		CHECK_INT(p->n, 0);
	}
	net_plan_free(p);
}

/* Each bad config fails with one message naming file:line and the key. */
static void errors_name_the_key(void)
{
	static const struct {
		const char *conf, *want;
	} cases[] = {
		{ "lxc.net.0.type = tunnel\n", "test.conf:1: lxc.net.0.type: 'tunnel' is not a network type" },
		{ "lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.0.300/24\n", "test.conf:2: lxc.net.0.ipv4.address: '10.0.0.300/24'" },
		{ "lxc.net.0.type = veth\nlxc.net.0.ipv6.address = zz::1\n", "lxc.net.0.ipv6.address: 'zz::1' is not an IPv6 address" },
		{ "lxc.net.0.type = veth\nlxc.net.0.hwaddr = 00:11\n", "lxc.net.0.hwaddr: '00:11' is not a MAC address" },
		{ "lxc.net.0.type = veth\nlxc.net.0.mtu = big\n", "lxc.net.0.mtu: 'big' is not an MTU" },
		{ "lxc.net.0.type = veth\nlxc.net.0.name = much-too-long-name\n", "lxc.net.0.name: 'much-too-long-name' is not an interface name" },
		{ "lxc.net.0.type = veth\nlxc.net.0.veth.mode = tunnel\n", "lxc.net.0.veth.mode: 'tunnel' is not a veth mode" },
		{ "lxc.net.0.type = macvlan\nlxc.net.0.link = eth0\nlxc.net.0.macvlan.mode = loud\n", "lxc.net.0.macvlan.mode: 'loud'" },
		{ "lxc.net.0.type = ipvlan\nlxc.net.0.link = eth0\nlxc.net.0.ipvlan.mode = l4\n", "lxc.net.0.ipvlan.mode: 'l4'" },
		{ "lxc.net.0.type = vlan\nlxc.net.0.link = eth0\nlxc.net.0.vlan.id = 5000\n", "lxc.net.0.vlan.id: '5000' is not a VLAN id" },
		{ "lxc.net.0.type = macvlan\nlxc.net.0.veth.pair = x\n", "test.conf:2: lxc.net.0.veth.pair: applies to lxc.net.0.type = veth only, this interface is macvlan" },
		{ "lxc.net.0.type = macvlan\n", "test.conf:1: lxc.net.0.type: a macvlan interface needs lxc.net.0.link" },
		{ "lxc.net.0.type = phys\n", "a phys interface needs lxc.net.0.link" },
		{ "lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.0.2/24\nlxc.net.0.ipv4.gateway = 10.0.0.1\n",
		  "test.conf:3: lxc.net.0.ipv4.gateway: a gateway needs the interface up" },
		{ "lxc.net.0.type = veth\nlxc.net.0.flags = up\nlxc.net.0.ipv4.gateway = 10.0.0.1\n",
		  "lxc.net.0.ipv4.gateway: a gateway needs an address on the interface" },
		{ "lxc.net.0.type = phys\nlxc.net.0.link = eth1\nlxc.net.0.flags = up\nlxc.net.0.ipv4.address = 10.0.0.2/24\nlxc.net.0.ipv4.gateway = auto\n",
		  "lxc.net.0.ipv4.gateway: 'auto' works for veth, macvlan and ipvlan interfaces only" },
		{ "lxc.net.0.type = veth\nlxc.net.0.flags = up\nlxc.net.0.ipv4.address = 10.0.0.2/24\nlxc.net.0.ipv4.gateway = auto\n",
		  "'auto' takes the address of lxc.net.0.link, which is not set" },
		{ "lxc.net.0.type = veth\nlxc.net.0.veth.vlan.id = 5\n", "lxc.net.0.veth.vlan.id: VLANs need veth.mode = bridge" },
		{ "lxc.net.0.type = none\nlxc.net.1.type = veth\n", "type 'none' shares the host's network" },
		{ "lxc.net.0.type = veth\nlxc.net.0.name = eth0\nlxc.net.1.type = veth\nlxc.net.1.name = eth0\n",
		  "lxc.net.0.name and lxc.net.1.name are both 'eth0'" },
		{ "lxc.net.0.type = veth\nlxc.net.0.name = lo\n", "'lo' is the container's loopback" },
		{ "lxc.net.0.flags = up\n", "test.conf:1: lxc.net.0.flags: lxc.net.0 has no type" },
		{ "lxc.net.0.type = veth\nlxc.net.0.colour = blue\n", "test.conf:2: lxc.net.0.colour: unknown network key" },
		{ "lxc.hook.version = 3\n", "lxc.hook.version: '3' is not a hook version" },
		{ "lxc.net.0.type = veth\nlxc.net.0.l2proxy = yes\n", "lxc.net.0.l2proxy: 'yes' is not 0 or 1" },
		{ "lxc.net.0.type = ipvlan\nlxc.net.0.link = e\nlxc.net.0.l2proxy = 1\n", "needs ipvlan.mode = l3s" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct conf_error err;
		struct net_plan *p = plan_of(cases[i].conf, &err);

		CHECK(p == NULL);
		CHECK_CONTAINS(err.text, cases[i].want);
		net_plan_free(p);
	}
}

/* The same through the config model: legacy keys arrive as lxc.net.N.*,
 * and the file:line of the error is the config's. */
static void plans_from_the_config_model(void)
{
	struct lxc_config *c = conf_new();
	struct net_plan *p = NULL;
	struct conf_error err;

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(conf_load_string(c,
				   "lxc.network.type = veth\n"
				   "lxc.network.link = br0\n"
				   "lxc.network.flags = up\n"
				   "lxc.network.ipv4 = 10.0.3.9/24\n"
				   "lxc.net.1.type = empty\n",
				   "cfg", &err),
		  0);
	CHECK_INT(net_plan_build(c, "c9", &p, &err), 0);
	if (p) {
		CHECK_INT(p->n, 2);
		CHECK_INT(p->devs[0].type, NET_VETH);
		CHECK_STR(p->devs[0].link, "br0");
		CHECK(p->devs[0].up);
		CHECK_INT(p->devs[0].n_ipv4, 1);
		CHECK_STR(p->devs[0].name, "eth0");
		CHECK_INT(p->devs[1].type, NET_EMPTY);
		CHECK_STR(p->container, "c9");
	}
	net_plan_free(p);
	conf_free(c);

	c = conf_new();
	if (!c)
		return;
	p = NULL;
	CHECK_INT(conf_load_string(c, "lxc.net.0.type = macvlan\nlxc.net.0.flags = up\n", "cfg", &err), 0);
	CHECK_INT(net_plan_build(c, "c9", &p, &err), -EINVAL);
	CHECK(p == NULL);
	CHECK_CONTAINS(err.text, "lxc.net.0.type: a macvlan interface needs lxc.net.0.link");
	conf_free(c);
}

/* ---- messages ---- */

static struct nlattr *nested(struct nlattr *a, int type)
{
	struct nlattr *tb[64] = { 0 };

	if (!a || nla_parse_nested(tb, 63, a, NULL) < 0)
		return NULL;
	return tb[type];
}

static void veth_request_creates_peer_inside(void)
{
	unsigned char hmac[6] = { 0xfe, 1, 2, 3, 4, 5 }, pmac[6] = { 0, 0x16, 0x3e, 9, 8, 7 };
	struct nlm_link host = NLM_LINK_INIT, peer = NLM_LINK_INIT;
	struct nlattr *tb[IFLA_MAX + 1], *ptb[IFLA_MAX + 1], *info, *peer_attr;
	struct nl_msg *msg;
	struct nlmsghdr *hdr;
	struct ifinfomsg *ifi, *pifi;

	host.name = "vethABC";
	host.mac = hmac;
	host.mtu = 1450;
	host.master = 7;
	host.up = true;
	peer.name = "eth0";
	peer.mac = pmac;
	peer.mtu = 1450;
	peer.netns_fd = 42;
	msg = nlm_veth_create(&host, &peer);
	CHECK(msg != NULL);
	if (!msg)
		return;
	hdr = nlmsg_hdr(msg);
	CHECK_INT(hdr->nlmsg_type, RTM_NEWLINK);
	CHECK(hdr->nlmsg_flags & NLM_F_CREATE);
	CHECK(hdr->nlmsg_flags & NLM_F_EXCL);
	ifi = nlmsg_data(hdr);
	CHECK(ifi->ifi_flags & IFF_UP);
	CHECK(ifi->ifi_change & IFF_UP);
	CHECK_INT(nlmsg_parse(hdr, sizeof(*ifi), tb, IFLA_MAX, NULL), 0);
	CHECK_STR(nla_get_string(tb[IFLA_IFNAME]), "vethABC");
	CHECK_INT(nla_get_u32(tb[IFLA_MASTER]), 7);
	CHECK_INT(nla_get_u32(tb[IFLA_MTU]), 1450);
	CHECK(!memcmp(nla_data(tb[IFLA_ADDRESS]), hmac, 6));
	CHECK(tb[IFLA_NET_NS_FD] == NULL);
	info = tb[IFLA_LINKINFO];
	CHECK_STR(nla_get_string(nested(info, IFLA_INFO_KIND)), "veth");
	peer_attr = nested(nested(info, IFLA_INFO_DATA), VETH_INFO_PEER);
	CHECK(peer_attr != NULL);
	if (!peer_attr) {
		nlmsg_free(msg);
		return;
	}
	/* The peer: an ifinfomsg, then its own attributes. */
	pifi = nla_data(peer_attr);
	CHECK(!(pifi->ifi_flags & IFF_UP));
	CHECK_INT(nla_parse(ptb, IFLA_MAX, (struct nlattr *)((char *)nla_data(peer_attr) + NLMSG_ALIGN(sizeof(*pifi))),
			    nla_len(peer_attr) - (int)NLMSG_ALIGN(sizeof(*pifi)), NULL),
		  0);
	CHECK_STR(nla_get_string(ptb[IFLA_IFNAME]), "eth0");
	CHECK_INT(nla_get_u32(ptb[IFLA_NET_NS_FD]), 42);
	CHECK_INT(nla_get_u32(ptb[IFLA_MTU]), 1450);
	CHECK(!memcmp(nla_data(ptb[IFLA_ADDRESS]), pmac, 6));
	CHECK(ptb[IFLA_MASTER] == NULL);
	nlmsg_free(msg);
}

static void lower_device_requests(void)
{
	struct nlm_link l = NLM_LINK_INIT;
	struct nlattr *tb[IFLA_MAX + 1], *data;
	struct nl_msg *msg;

	l.name = "eth1";
	l.link = 3;
	l.netns_fd = 9;
	l.mtu = 1400;

	msg = nlm_macvlan_create(&l, MACVLAN_MODE_BRIDGE);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), 0);
	CHECK_STR(nla_get_string(tb[IFLA_IFNAME]), "eth1");
	CHECK_INT(nla_get_u32(tb[IFLA_LINK]), 3);
	CHECK_INT(nla_get_u32(tb[IFLA_NET_NS_FD]), 9);
	CHECK_STR(nla_get_string(nested(tb[IFLA_LINKINFO], IFLA_INFO_KIND)), "macvlan");
	data = nested(tb[IFLA_LINKINFO], IFLA_INFO_DATA);
	CHECK_INT(nla_get_u32(nested(data, IFLA_MACVLAN_MODE)), MACVLAN_MODE_BRIDGE);
	nlmsg_free(msg);

	msg = nlm_ipvlan_create(&l, IPVLAN_MODE_L3S, 0);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), 0);
	CHECK_STR(nla_get_string(nested(tb[IFLA_LINKINFO], IFLA_INFO_KIND)), "ipvlan");
	data = nested(tb[IFLA_LINKINFO], IFLA_INFO_DATA);
	CHECK_INT(nla_get_u16(nested(data, IFLA_IPVLAN_MODE)), IPVLAN_MODE_L3S);
	CHECK(nested(data, IFLA_IPVLAN_FLAGS) == NULL);
	nlmsg_free(msg);

	msg = nlm_ipvlan_create(&l, IPVLAN_MODE_L2, 2);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), 0);
	data = nested(tb[IFLA_LINKINFO], IFLA_INFO_DATA);
	CHECK_INT(nla_get_u16(nested(data, IFLA_IPVLAN_MODE)), IPVLAN_MODE_L2);
	CHECK_INT(nla_get_u16(nested(data, IFLA_IPVLAN_FLAGS)), 2);
	nlmsg_free(msg);

	msg = nlm_vlan_create(&l, 42);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), 0);
	CHECK_STR(nla_get_string(nested(tb[IFLA_LINKINFO], IFLA_INFO_KIND)), "vlan");
	CHECK_INT(nla_get_u16(nested(nested(tb[IFLA_LINKINFO], IFLA_INFO_DATA), IFLA_VLAN_ID)), 42);
	CHECK_INT(nla_get_u32(tb[IFLA_LINK]), 3);
	nlmsg_free(msg);
}

static void change_move_and_delete_requests(void)
{
	struct nlm_link l = NLM_LINK_INIT;
	struct nlattr *tb[IFLA_MAX + 1];
	struct nl_msg *msg;
	struct ifinfomsg *ifi;

	l.name = "eth5";
	l.netns_fd = 11;
	msg = nlm_link_change(17, &l);
	ifi = nlmsg_data(nlmsg_hdr(msg));
	CHECK_INT(nlmsg_hdr(msg)->nlmsg_type, RTM_NEWLINK);
	CHECK(!(nlmsg_hdr(msg)->nlmsg_flags & NLM_F_CREATE));
	CHECK_INT(ifi->ifi_index, 17);
	CHECK_INT(ifi->ifi_change, 0);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifi), tb, IFLA_MAX, NULL), 0);
	CHECK_STR(nla_get_string(tb[IFLA_IFNAME]), "eth5");
	CHECK_INT(nla_get_u32(tb[IFLA_NET_NS_FD]), 11);
	CHECK(tb[IFLA_MTU] == NULL);
	nlmsg_free(msg);

	msg = nlm_link_del(17);
	CHECK_INT(nlmsg_hdr(msg)->nlmsg_type, RTM_DELLINK);
	CHECK_INT(((struct ifinfomsg *)nlmsg_data(nlmsg_hdr(msg)))->ifi_index, 17);
	nlmsg_free(msg);
}

static void address_route_neigh_vlan_requests(void)
{
	struct nlattr *tb[64];
	struct net_addr a;
	struct in_addr gw, dst;
	struct nl_msg *msg;
	struct ifaddrmsg *ifa;
	struct rtmsg *rt;
	struct ndmsg *nd;
	char buf[INET6_ADDRSTRLEN];

	net_parse_ipv4("10.0.3.5/24", &a);
	msg = nlm_addr_add(4, &a);
	ifa = nlmsg_data(nlmsg_hdr(msg));
	CHECK_INT(nlmsg_hdr(msg)->nlmsg_type, RTM_NEWADDR);
	CHECK_INT(ifa->ifa_prefixlen, 24);
	CHECK_INT(ifa->ifa_index, 4);
	CHECK_INT(ifa->ifa_family, AF_INET);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifa), tb, IFA_MAX, NULL), 0);
	CHECK_STR(inet_ntop(AF_INET, nla_data(tb[IFA_LOCAL]), buf, sizeof(buf)), "10.0.3.5");
	CHECK_STR(inet_ntop(AF_INET, nla_data(tb[IFA_BROADCAST]), buf, sizeof(buf)), "10.0.3.255");
	nlmsg_free(msg);

	net_parse_ipv6("fd00::5/64", &a);
	msg = nlm_addr_add(4, &a);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifa), tb, IFA_MAX, NULL), 0);
	CHECK_STR(inet_ntop(AF_INET6, nla_data(tb[IFA_ADDRESS]), buf, sizeof(buf)), "fd00::5");
	CHECK(tb[IFA_BROADCAST] == NULL);
	nlmsg_free(msg);

	inet_pton(AF_INET, "10.0.3.1", &gw);
	msg = nlm_route(RTM_NEWROUTE, AF_INET, 4, NULL, 0, &gw);
	rt = nlmsg_data(nlmsg_hdr(msg));
	CHECK_INT(rt->rtm_dst_len, 0);
	CHECK_INT(rt->rtm_scope, RT_SCOPE_UNIVERSE);
	CHECK_INT(rt->rtm_table, RT_TABLE_MAIN);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(*rt), tb, RTA_MAX, NULL), 0);
	CHECK_STR(inet_ntop(AF_INET, nla_data(tb[RTA_GATEWAY]), buf, sizeof(buf)), "10.0.3.1");
	CHECK_INT(nla_get_u32(tb[RTA_OIF]), 4);
	CHECK(tb[RTA_DST] == NULL);
	nlmsg_free(msg);

	inet_pton(AF_INET, "192.0.2.10", &dst);
	msg = nlm_route(RTM_NEWROUTE, AF_INET, 9, &dst, 32, NULL);
	rt = nlmsg_data(nlmsg_hdr(msg));
	CHECK_INT(rt->rtm_dst_len, 32);
	CHECK_INT(rt->rtm_scope, RT_SCOPE_LINK);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(*rt), tb, RTA_MAX, NULL), 0);
	CHECK_STR(inet_ntop(AF_INET, nla_data(tb[RTA_DST]), buf, sizeof(buf)), "192.0.2.10");
	CHECK(tb[RTA_GATEWAY] == NULL);
	nlmsg_free(msg);

	msg = nlm_neigh_proxy(RTM_NEWNEIGH, AF_INET, 9, &gw);
	nd = nlmsg_data(nlmsg_hdr(msg));
	CHECK_INT(nd->ndm_flags, NTF_PROXY);
	CHECK_INT(nd->ndm_ifindex, 9);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(*nd), tb, NDA_MAX, NULL), 0);
	CHECK_STR(inet_ntop(AF_INET, nla_data(tb[NDA_DST]), buf, sizeof(buf)), "10.0.3.1");
	nlmsg_free(msg);

	msg = nlm_bridge_vlan(RTM_SETLINK, 9, 100, true);
	CHECK_INT(((struct ifinfomsg *)nlmsg_data(nlmsg_hdr(msg)))->ifi_family, AF_BRIDGE);
	CHECK_INT(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL), 0);
	{
		struct nlattr *vi = nested(tb[IFLA_AF_SPEC], IFLA_BRIDGE_VLAN_INFO);
		struct bridge_vlan_info *v = vi ? nla_data(vi) : NULL;

		CHECK(v != NULL);
		if (v) {
			CHECK_INT(v->vid, 100);
			CHECK_INT(v->flags, BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED);
		}
		CHECK_INT(nla_get_u16(nested(tb[IFLA_AF_SPEC], IFLA_BRIDGE_FLAGS)), BRIDGE_FLAGS_MASTER);
	}
	nlmsg_free(msg);
}

/* ---- scripts ---- */

static void scripts_get_lxc_arguments_and_environment(void)
{
	char dir[] = "/tmp/berth-net-unit.XXXXXX", script[64], out[64], text[1024];
	char *got = NULL;
	struct conf_error err;
	struct net_plan *p;

	if (!mkdtemp(dir))
		SKIP("cannot create a temporary directory");
	snprintf(script, sizeof(script), "%s/up.sh", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(text, sizeof(text), "#!/bin/sh\necho \"args: $*\" >> %s\necho \"env: $LXC_HOOK_TYPE $LXC_HOOK_SECTION $LXC_NET_TYPE $LXC_NET_PARENT $LXC_NET_PEER\" >> %s\n", out, out);
	file_write_atomic(script, text, strlen(text), 0755);

	snprintf(text, sizeof(text), "lxc.net.0.type = veth\nlxc.net.0.link = br7\nlxc.net.0.script.up = %s\n", script);
	p = plan_of(text, &err);
	CHECK(p != NULL);
	if (p) {
		strcpy(p->devs[0].host_name, "vethXYZ");
		CHECK_INT(net_run_script(p, &p->devs[0], "up"), 0);
		p->hook_version = 1;
		CHECK_INT(net_run_script(p, &p->devs[0], "up"), 0);
		net_plan_free(p);
	}
	/* No link: the empty argument disappears, as in LXC's shell line. */
	snprintf(text, sizeof(text), "lxc.net.0.type = veth\nlxc.net.0.script.down = %s\n", script);
	p = plan_of(text, &err);
	if (p) {
		strcpy(p->devs[0].host_name, "vethQ");
		CHECK_INT(net_run_script(p, &p->devs[0], "down"), 0);
		net_plan_free(p);
	}
	CHECK_INT(file_read_all(out, &got, NULL), 0);
	CHECK_CONTAINS(got, "args: c1 net up veth br7 vethXYZ\n");
	CHECK_CONTAINS(got, "args: veth br7 vethXYZ\nenv: up net veth br7 vethXYZ\n");
	CHECK_CONTAINS(got, "args: c1 net down veth vethQ\n");
	free(got);

	/* A failing script is an error. */
	snprintf(text, sizeof(text), "lxc.net.0.type = empty\nlxc.net.0.script.up = /bin/false\n");
	p = plan_of(text, &err);
	if (p) {
		CHECK_INT(net_run_script(p, &p->devs[0], "up"), -ECANCELED);
		net_plan_free(p);
	}
	unlink(out);
	unlink(script);
	rmdir(dir);
}

UNIT_MAIN_BEGIN
	RUN(ipv4_addresses_parse_as_lxc);
	RUN(ipv6_routes_and_names_parse);
	RUN(veth_plan_has_everything);
	RUN(names_are_resolved_like_the_kernel);
	RUN(lists_clear_and_singles_replace);
	RUN(every_type_and_mode_parses);
	RUN(none_means_the_host_network);
	RUN(errors_name_the_key);
	RUN(plans_from_the_config_model);
	RUN(veth_request_creates_peer_inside);
	RUN(lower_device_requests);
	RUN(change_move_and_delete_requests);
	RUN(address_route_neigh_vlan_requests);
	RUN(scripts_get_lxc_arguments_and_environment);
UNIT_MAIN_END
