/* plan.c - turns the lxc.net.N.* items of a config into a validated network plan (no host access here); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <linux/if_link.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "log.h"
#include "network/plan.h"
#include "util/cleanup.h"
#include "util/strutil.h"

#ifndef IPVLAN_F_PRIVATE
#define IPVLAN_F_PRIVATE 0x01
#define IPVLAN_F_VEPA 0x02
#endif

static const char *const type_names[] = {
	[NET_VETH] = "veth", [NET_MACVLAN] = "macvlan", [NET_IPVLAN] = "ipvlan", [NET_VLAN] = "vlan",
	[NET_PHYS] = "phys", [NET_EMPTY] = "empty",     [NET_NONE] = "none",
};

const char *net_type_name(enum net_type t)
{
	return (unsigned)t < ARRAY_SIZE(type_names) ? type_names[t] : "?";
}

/* ---- value parsers ---- */

int net_parse_ifname(const char *value, char out[IFNAMSIZ])
{
	size_t len = strlen(value);

	if (len == 0 || len >= IFNAMSIZ)
		return -EINVAL;
	for (const char *p = value; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p))
			return -EINVAL;
	memcpy(out, value, len + 1);
	return 0;
}

/*
 * Without "/PREFIX", LXC 5.0 picks a classful prefix but tests the class on
 * the address in network byte order, so on this (little-endian) architecture
 * the LAST octet decides: 10.1.2.200 gets /24, 192.168.1.5 gets /8.
 * Containers written for LXC got those prefixes, so berth gives the same.
 */
static unsigned lxc_default_prefix(const struct in_addr *a)
{
	unsigned char last = ((const unsigned char *)&a->s_addr)[3];

	if (last < 128)
		return 8;
	if (last < 192)
		return 16;
	if (last < 224)
		return 24;
	return 0;
}

int net_parse_ipv4(const char *value, struct net_addr *out)
{
	char buf[128], *bcast = NULL, *slash;

	if (strlen(value) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, value);
	memset(out, 0, sizeof(*out));
	out->family = AF_INET;

	/* "ADDR/PREFIX BCAST": the broadcast address is optional, after a space. */
	for (char *p = buf; *p; p++) {
		if (isspace((unsigned char)*p)) {
			*p = '\0';
			bcast = str_trim(p + 1);
			break;
		}
	}
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (inet_pton(AF_INET, buf, &out->a.v4) != 1)
		return -EINVAL;
	if (slash) {
		if (str_to_uint(slash, &out->prefix) < 0 || out->prefix > 32)
			return -EINVAL;
	} else {
		out->prefix = lxc_default_prefix(&out->a.v4);
	}
	if (bcast && *bcast) {
		if (inet_pton(AF_INET, bcast, &out->bcast) != 1)
			return -EINVAL;
		out->has_bcast = true;
	} else if (out->prefix > 0 && out->prefix < 31) {
		/* The kernel only derives a broadcast address when asked to; LXC always
		 * sets one, so compute it from the prefix. */
		out->bcast.s_addr = out->a.v4.s_addr | htonl(0xffffffffu >> out->prefix);
		out->has_bcast = true;
	}
	return 0;
}

int net_parse_ipv6(const char *value, struct net_addr *out)
{
	char buf[128], *slash;

	if (strlen(value) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, value);
	memset(out, 0, sizeof(*out));
	out->family = AF_INET6;
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (inet_pton(AF_INET6, buf, &out->a.v6) != 1)
		return -EINVAL;
	out->prefix = 64;
	if (slash && (str_to_uint(slash, &out->prefix) < 0 || out->prefix > 128))
		return -EINVAL;
	return 0;
}

int net_parse_route(const char *value, int family, struct net_addr *out)
{
	char buf[128], *slash;

	if (strlen(value) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, value);
	memset(out, 0, sizeof(*out));
	out->family = family;
	slash = strchr(buf, '/');
	if (!slash)
		return -EINVAL;
	*slash++ = '\0';
	if (inet_pton(family, buf, &out->a) != 1)
		return -EINVAL;
	if (str_to_uint(slash, &out->prefix) < 0 || out->prefix > (family == AF_INET ? 32u : 128u))
		return -EINVAL;
	return 0;
}

static unsigned char random_byte(void)
{
	unsigned char b;

	if (getrandom(&b, 1, 0) != 1)
		b = (unsigned char)rand();
	return b;
}

int net_parse_hwaddr(const char *value, unsigned char mac[6])
{
	static const char hex[] = "0123456789abcdef";
	char buf[18];
	unsigned v[6];
	char end;

	if (strlen(value) != 17)
		return -EINVAL;
	strcpy(buf, value);
	/* Templates like 00:16:3e:xx:xx:xx: every x becomes a random hex digit; the
	 * second digit keeps the multicast bit clear, as LXC does. */
	for (int i = 0; buf[i]; i++)
		if (buf[i] == 'x' || buf[i] == 'X')
			buf[i] = hex[random_byte() & (i == 1 ? 0x0e : 0x0f)];
	if (sscanf(buf, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) != 6)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)buf[i * 3]) || !isxdigit((unsigned char)buf[i * 3 + 1]))
			return -EINVAL;
		mac[i] = (unsigned char)v[i];
	}
	return 0;
}

/* ---- collecting the items of each lxc.net.N ---- */

enum subkey_kind { SK_SINGLE, SK_LIST };

struct subkey {
	const char *name;
	enum subkey_kind kind;
	int only_type; /* -1: any type */
};

static const struct subkey subkeys[] = {
	{ "type", SK_SINGLE, -1 },
	{ "flags", SK_SINGLE, -1 },
	{ "link", SK_SINGLE, -1 },
	{ "name", SK_SINGLE, -1 },
	{ "hwaddr", SK_SINGLE, -1 },
	{ "mtu", SK_SINGLE, -1 },
	{ "ipv4.address", SK_LIST, -1 },
	{ "ipv4.gateway", SK_SINGLE, -1 },
	{ "ipv6.address", SK_LIST, -1 },
	{ "ipv6.gateway", SK_SINGLE, -1 },
	{ "l2proxy", SK_SINGLE, -1 },
	{ "script.up", SK_SINGLE, -1 },
	{ "script.down", SK_SINGLE, -1 },
	{ "veth.pair", SK_SINGLE, NET_VETH },
	{ "veth.mode", SK_SINGLE, NET_VETH },
	{ "veth.ipv4.route", SK_LIST, NET_VETH },
	{ "veth.ipv6.route", SK_LIST, NET_VETH },
	{ "veth.vlan.id", SK_SINGLE, NET_VETH },
	{ "veth.vlan.tagged.id", SK_LIST, NET_VETH },
	{ "macvlan.mode", SK_SINGLE, NET_MACVLAN },
	{ "ipvlan.mode", SK_SINGLE, NET_IPVLAN },
	{ "ipvlan.isolation", SK_SINGLE, NET_IPVLAN },
	{ "vlan.id", SK_SINGLE, NET_VLAN },
};

/* The items of one lxc.net.N, in config order. */
struct raw_dev {
	int index;
	const struct net_conf_item **items;
	size_t n;
};

struct builder {
	struct raw_dev *raw;
	size_t n_raw;
	const struct net_conf_item *hook_version;
	struct conf_error *err;
};

__attribute__((format(printf, 3, 4))) static int fail(struct conf_error *err, const struct net_conf_item *it,
						      const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!err)
		return -EINVAL;
	memset(err, 0, sizeof(*err));
	if (it && it->file) {
		snprintf(err->text, sizeof(err->text), "%s:%u: %s: %s", it->file, it->line, it->key, msg);
		snprintf(err->file, sizeof(err->file), "%s", it->file);
		err->line = it->line;
	} else if (it) {
		snprintf(err->text, sizeof(err->text), "%s: %s", it->key, msg);
	} else {
		snprintf(err->text, sizeof(err->text), "%s", msg);
	}
	return -EINVAL;
}

/* "lxc.net.12.ipv4.address" -> 12, "ipv4.address". -1 if not an lxc.net.N.* key. */
static int split_net_key(const char *key, const char **sub)
{
	const char *p;
	long idx = 0;

	if (!str_has_prefix(key, "lxc.net."))
		return -1;
	p = key + strlen("lxc.net.");
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		idx = idx * 10 + (*p - '0');
		if (idx > 100000)
			return -1;
	}
	if (*p != '.')
		return -1;
	*sub = p + 1;
	return (int)idx;
}

static struct raw_dev *raw_get(struct builder *b, int index)
{
	struct raw_dev *r;

	for (size_t i = 0; i < b->n_raw; i++)
		if (b->raw[i].index == index)
			return &b->raw[i];
	r = realloc(b->raw, (b->n_raw + 1) * sizeof(*r));
	if (!r)
		return NULL;
	b->raw = r;
	r = &b->raw[b->n_raw++];
	*r = (struct raw_dev){ .index = index };
	return r;
}

static int raw_add(struct raw_dev *r, const struct net_conf_item *it)
{
	const struct net_conf_item **v = realloc(r->items, (r->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	r->items = v;
	r->items[r->n++] = it;
	return 0;
}

static void builder_free(struct builder *b)
{
	for (size_t i = 0; i < b->n_raw; i++)
		free(b->raw[i].items);
	free(b->raw);
}

static int cmp_raw(const void *a, const void *b)
{
	return ((const struct raw_dev *)a)->index - ((const struct raw_dev *)b)->index;
}

/* ---- one device ---- */

static void dev_free_contents(struct net_dev *d)
{
	free(d->ipv4);
	free(d->ipv6);
	free(d->veth_routes);
	free(d->veth_vlan_tagged);
	free(d->script_up);
	free(d->script_down);
}

static int append_addr(struct net_addr **v, size_t *n, const struct net_addr *a)
{
	struct net_addr *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	nv[(*n)++] = *a;
	return 0;
}

static const struct subkey *find_subkey(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(subkeys); i++)
		if (!strcmp(subkeys[i].name, name))
			return &subkeys[i];
	return NULL;
}

static int parse_type(const char *v, enum net_type *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(type_names); i++) {
		if (!strcmp(v, type_names[i])) {
			*t = (enum net_type)i;
			return 0;
		}
	}
	return -EINVAL;
}

static int parse_vlan(const char *v, unsigned short *out)
{
	unsigned u;

	if (str_to_uint(v, &u) < 0 || u > 4094)
		return -EINVAL;
	*out = (unsigned short)u;
	return 0;
}

static int clear_list(struct net_dev *d, const char *sub)
{
	if (!strcmp(sub, "ipv4.address")) {
		free(d->ipv4), d->ipv4 = NULL, d->n_ipv4 = 0;
	} else if (!strcmp(sub, "ipv6.address")) {
		free(d->ipv6), d->ipv6 = NULL, d->n_ipv6 = 0;
	} else if (!strcmp(sub, "veth.ipv4.route") || !strcmp(sub, "veth.ipv6.route")) {
		int fam = sub[8] == '4' ? AF_INET : AF_INET6;
		size_t k = 0;

		for (size_t i = 0; i < d->n_veth_routes; i++)
			if (d->veth_routes[i].family != fam)
				d->veth_routes[k++] = d->veth_routes[i];
		d->n_veth_routes = k;
	} else if (!strcmp(sub, "veth.vlan.tagged.id")) {
		free(d->veth_vlan_tagged), d->veth_vlan_tagged = NULL, d->n_veth_vlan_tagged = 0;
	}
	return 0;
}

/* Applies one item to d (whose type is already known). */
static int apply_item(struct net_dev *d, const struct net_conf_item *it, const char *sub, struct conf_error *err)
{
	const char *v = it->value ? it->value : "";
	struct net_addr a;
	int ret;

	if (!strcmp(sub, "type"))
		return 0;
	if (*v == '\0') {
		/* An empty value clears a list, or unsets a single value. */
		if (!strcmp(sub, "flags"))
			d->up = false;
		else if (!strcmp(sub, "link"))
			d->link[0] = '\0';
		else if (!strcmp(sub, "name"))
			d->name[0] = '\0';
		else if (!strcmp(sub, "hwaddr"))
			d->has_hwaddr = false;
		else if (!strcmp(sub, "mtu"))
			d->mtu = 0;
		else if (!strcmp(sub, "ipv4.gateway"))
			d->gw4 = GW_NONE;
		else if (!strcmp(sub, "ipv6.gateway"))
			d->gw6 = GW_NONE;
		else if (!strcmp(sub, "veth.pair"))
			d->veth_pair[0] = '\0';
		else if (!strcmp(sub, "veth.vlan.id"))
			d->veth_vlan_set = false;
		else if (!strcmp(sub, "vlan.id"))
			d->vlan_id_set = false;
		else if (!strcmp(sub, "script.up"))
			free(d->script_up), d->script_up = NULL;
		else if (!strcmp(sub, "script.down"))
			free(d->script_down), d->script_down = NULL;
		else
			clear_list(d, sub);
		return 0;
	}

	if (!strcmp(sub, "flags")) {
		/* LXC knows one flag and treats any value as "up". */
		d->up = true;
	} else if (!strcmp(sub, "link")) {
		if (net_parse_ifname(v, d->link) < 0)
			return fail(err, it, "'%s' is not an interface name (1-15 characters, no '/', ':' or spaces)", v);
	} else if (!strcmp(sub, "name")) {
		if (net_parse_ifname(v, d->name) < 0)
			return fail(err, it, "'%s' is not an interface name (1-15 characters, no '/', ':' or spaces)", v);
	} else if (!strcmp(sub, "hwaddr")) {
		if (net_parse_hwaddr(v, d->hwaddr) < 0)
			return fail(err, it, "'%s' is not a MAC address (like 00:16:3e:xx:xx:xx)", v);
		d->has_hwaddr = true;
	} else if (!strcmp(sub, "mtu")) {
		if (str_to_uint(v, &d->mtu) < 0 || d->mtu < 68 || d->mtu > 65535)
			return fail(err, it, "'%s' is not an MTU (a number from 68 to 65535)", v);
	} else if (!strcmp(sub, "ipv4.address")) {
		if (net_parse_ipv4(v, &a) < 0)
			return fail(err, it, "'%s' is not an IPv4 address (like 10.0.3.5/24, optionally followed by a broadcast address)", v);
		return append_addr(&d->ipv4, &d->n_ipv4, &a);
	} else if (!strcmp(sub, "ipv6.address")) {
		if (net_parse_ipv6(v, &a) < 0)
			return fail(err, it, "'%s' is not an IPv6 address (like fd00::5/64)", v);
		return append_addr(&d->ipv6, &d->n_ipv6, &a);
	} else if (!strcmp(sub, "ipv4.gateway") || !strcmp(sub, "ipv6.gateway")) {
		bool v4 = sub[3] == '4';
		enum net_gw *gw = v4 ? &d->gw4 : &d->gw6;

		if (!strcmp(v, "auto")) {
			*gw = GW_AUTO;
		} else if (!strcmp(v, "dev")) {
			*gw = GW_DEV;
		} else {
			if (inet_pton(v4 ? AF_INET : AF_INET6, v, v4 ? (void *)&d->gw4_addr : (void *)&d->gw6_addr) != 1)
				return fail(err, it, "'%s' is not an IPv%c address, 'auto' or 'dev'", v, v4 ? '4' : '6');
			*gw = GW_ADDR;
		}
	} else if (!strcmp(sub, "l2proxy")) {
		if (strcmp(v, "0") && strcmp(v, "1"))
			return fail(err, it, "'%s' is not 0 or 1", v);
		d->l2proxy = v[0] == '1';
	} else if (!strcmp(sub, "script.up") || !strcmp(sub, "script.down")) {
		char **s = sub[7] == 'u' ? &d->script_up : &d->script_down;

		free(*s);
		*s = strdup(v);
		if (!*s)
			return -ENOMEM;
	} else if (!strcmp(sub, "veth.pair")) {
		if (net_parse_ifname(v, d->veth_pair) < 0)
			return fail(err, it, "'%s' is not an interface name (1-15 characters, no '/', ':' or spaces)", v);
	} else if (!strcmp(sub, "veth.mode")) {
		if (!strcmp(v, "bridge"))
			d->veth_mode = VETH_MODE_BRIDGE;
		else if (!strcmp(v, "router"))
			d->veth_mode = VETH_MODE_ROUTER;
		else
			return fail(err, it, "'%s' is not a veth mode (bridge or router)", v);
	} else if (!strcmp(sub, "veth.ipv4.route") || !strcmp(sub, "veth.ipv6.route")) {
		bool v4 = sub[8] == '4';

		if (net_parse_route(v, v4 ? AF_INET : AF_INET6, &a) < 0)
			return fail(err, it, "'%s' is not a route (like %s)", v, v4 ? "192.168.1.0/24" : "fd00:1::/64");
		return append_addr(&d->veth_routes, &d->n_veth_routes, &a);
	} else if (!strcmp(sub, "veth.vlan.id")) {
		if (!strcmp(v, "none"))
			d->veth_vlan_id = 0;
		else if (parse_vlan(v, &d->veth_vlan_id) < 0 || d->veth_vlan_id == 0)
			return fail(err, it, "'%s' is not a VLAN id (1-4094) or 'none'", v);
		d->veth_vlan_set = true;
	} else if (!strcmp(sub, "veth.vlan.tagged.id")) {
		unsigned short id, *nv;

		if (parse_vlan(v, &id) < 0 || id == 0)
			return fail(err, it, "'%s' is not a VLAN id (1-4094)", v);
		nv = realloc(d->veth_vlan_tagged, (d->n_veth_vlan_tagged + 1) * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		d->veth_vlan_tagged = nv;
		nv[d->n_veth_vlan_tagged++] = id;
	} else if (!strcmp(sub, "macvlan.mode")) {
		static const struct { const char *n; unsigned m; } modes[] = {
			{ "private", MACVLAN_MODE_PRIVATE }, { "vepa", MACVLAN_MODE_VEPA },
			{ "bridge", MACVLAN_MODE_BRIDGE },   { "passthru", MACVLAN_MODE_PASSTHRU },
		};
		ret = -EINVAL;
		for (size_t i = 0; i < ARRAY_SIZE(modes); i++)
			if (!strcmp(v, modes[i].n))
				d->macvlan_mode = modes[i].m, ret = 0;
		if (ret)
			return fail(err, it, "'%s' is not a macvlan mode (private, vepa, bridge or passthru)", v);
	} else if (!strcmp(sub, "ipvlan.mode")) {
		if (!strcmp(v, "l2"))
			d->ipvlan_mode = IPVLAN_MODE_L2;
		else if (!strcmp(v, "l3"))
			d->ipvlan_mode = IPVLAN_MODE_L3;
		else if (!strcmp(v, "l3s"))
			d->ipvlan_mode = IPVLAN_MODE_L3S;
		else
			return fail(err, it, "'%s' is not an ipvlan mode (l3, l3s or l2)", v);
	} else if (!strcmp(sub, "ipvlan.isolation")) {
		if (!strcmp(v, "bridge"))
			d->ipvlan_flags = 0;
		else if (!strcmp(v, "private"))
			d->ipvlan_flags = IPVLAN_F_PRIVATE;
		else if (!strcmp(v, "vepa"))
			d->ipvlan_flags = IPVLAN_F_VEPA;
		else
			return fail(err, it, "'%s' is not an ipvlan isolation (bridge, private or vepa)", v);
	} else if (!strcmp(sub, "vlan.id")) {
		if (parse_vlan(v, &d->vlan_id) < 0)
			return fail(err, it, "'%s' is not a VLAN id (0-4094)", v);
		d->vlan_id_set = true;
	}
	return 0;
}

static const struct net_conf_item *last_item(const struct raw_dev *r, const char *sub)
{
	const struct net_conf_item *found = NULL;
	const char *s;

	for (size_t i = 0; i < r->n; i++)
		if (split_net_key(r->items[i]->key, &s) >= 0 && !strcmp(s, sub))
			found = r->items[i];
	return found;
}

/* Checks that need the whole device (LXC reports most of them only at start). */
static int check_dev(const struct net_dev *d, const struct raw_dev *r, struct conf_error *err)
{
	const struct net_conf_item *type_it = last_item(r, "type");
	const struct net_conf_item *it;
	bool needs_link = d->type == NET_MACVLAN || d->type == NET_IPVLAN || d->type == NET_VLAN || d->type == NET_PHYS;

	if (needs_link && !d->link[0])
		return fail(err, type_it, "a %s interface needs lxc.net.%d.link (the host device it is %s)",
			    net_type_name(d->type), d->index, d->type == NET_PHYS ? "moving in" : "made on");
	if (d->type == NET_VETH) {
		if ((d->veth_vlan_set || d->n_veth_vlan_tagged) && (d->veth_mode != VETH_MODE_BRIDGE || !d->link[0])) {
			it = last_item(r, d->veth_vlan_set ? "veth.vlan.id" : "veth.vlan.tagged.id");
			return fail(err, it, "VLANs need veth.mode = bridge and lxc.net.%d.link set to the bridge", d->index);
		}
		for (size_t i = 0; d->veth_vlan_set && d->veth_vlan_id && i < d->n_veth_vlan_tagged; i++)
			if (d->veth_vlan_tagged[i] == d->veth_vlan_id)
				return fail(err, last_item(r, "veth.vlan.tagged.id"),
					    "VLAN %u is already the untagged veth.vlan.id", d->veth_vlan_id);
	}
	for (int fam = 4; fam <= 6; fam += 2) {
		enum net_gw gw = fam == 4 ? d->gw4 : d->gw6;
		char key[32];

		if (gw == GW_NONE)
			continue;
		snprintf(key, sizeof(key), "ipv%d.gateway", fam);
		it = last_item(r, key);
		if (d->type == NET_EMPTY || d->type == NET_NONE)
			continue;
		if (gw == GW_AUTO && d->type != NET_VETH && d->type != NET_MACVLAN && d->type != NET_IPVLAN)
			return fail(err, it, "'auto' works for veth, macvlan and ipvlan interfaces only");
		if (gw == GW_AUTO && !d->link[0])
			return fail(err, it, "'auto' takes the address of lxc.net.%d.link, which is not set", d->index);
		if (!d->up)
			return fail(err, it, "a gateway needs the interface up (lxc.net.%d.flags = up)", d->index);
		if (fam == 4 && !d->n_ipv4)
			return fail(err, it, "a gateway needs an address on the interface (lxc.net.%d.ipv4.address)", d->index);
		if (fam == 6 && !d->n_ipv6 && !(gw == GW_ADDR && IN6_IS_ADDR_LINKLOCAL(&d->gw6_addr)))
			return fail(err, it, "a gateway needs an address on the interface (lxc.net.%d.ipv6.address)", d->index);
	}
	if (d->type == NET_IPVLAN && d->l2proxy && d->link[0] && d->ipvlan_mode != IPVLAN_MODE_L3S)
		return fail(err, last_item(r, "l2proxy"), "l2proxy on an ipvlan interface needs ipvlan.mode = l3s");
	return 0;
}

static int build_dev(struct net_dev *d, const struct raw_dev *r, struct conf_error *err)
{
	const struct net_conf_item *type_it = last_item(r, "type");
	int ret;

	*d = (struct net_dev){ .index = r->index };
	if (!type_it || !type_it->value || !*type_it->value) {
		struct net_conf_item it = { .key = r->items[0]->key, .file = r->items[0]->file, .line = r->items[0]->line };
		return fail(err, &it, "lxc.net.%d has no type (set lxc.net.%d.type to veth, macvlan, ipvlan, vlan, phys, empty or none)",
			    r->index, r->index);
	}
	if (parse_type(type_it->value, &d->type) < 0)
		return fail(err, type_it, "'%s' is not a network type (veth, macvlan, ipvlan, vlan, phys, empty or none)",
			    type_it->value);
	if (type_it->file)
		snprintf(d->where, sizeof(d->where), "%s:%u", type_it->file, type_it->line);
	else
		snprintf(d->where, sizeof(d->where), "lxc.net.%d", r->index);
	d->macvlan_mode = MACVLAN_MODE_PRIVATE;
	d->ipvlan_mode = IPVLAN_MODE_L3;

	for (size_t i = 0; i < r->n; i++) {
		const struct net_conf_item *it = r->items[i];
		const struct subkey *sk;
		const char *sub;

		split_net_key(it->key, &sub);
		sk = find_subkey(sub);
		if (!sk)
			return fail(err, it, "unknown network key (see lxc.container.conf(5), NETWORK)");
		if (sk->only_type >= 0 && (enum net_type)sk->only_type != d->type && it->value && *it->value)
			return fail(err, it, "applies to lxc.net.%d.type = %s only, this interface is %s", r->index,
				    net_type_name((enum net_type)sk->only_type), net_type_name(d->type));
		ret = apply_item(d, it, sub, err);
		if (ret)
			return ret;
	}
	return check_dev(d, r, err);
}

/* eth%d (or no name) becomes the first free ethN, as the kernel would number
 * them in the new namespace; phys devices keep their host name by default. */
static int resolve_names(struct net_plan *p, struct conf_error *err)
{
	for (size_t i = 0; i < p->n; i++) {
		struct net_dev *d = &p->devs[i];

		if (d->type == NET_EMPTY || d->type == NET_NONE) {
			d->name[0] = '\0';
			continue;
		}
		if (!d->name[0]) {
			if (d->type == NET_PHYS)
				memcpy(d->name, d->link, sizeof(d->name));
			else
				strcpy(d->name, "eth%d");
		}
	}
	for (size_t i = 0; i < p->n; i++) {
		struct net_dev *d = &p->devs[i];
		char tmpl[IFNAMSIZ], *pct;

		if (!d->name[0] || !(pct = strstr(d->name, "%d")))
			continue;
		memcpy(tmpl, d->name, sizeof(tmpl));
		pct = tmpl + (pct - d->name);
		*pct = '\0';
		for (int n = 0; n < 10000; n++) {
			char cand[64];
			bool taken = false;

			snprintf(cand, sizeof(cand), "%s%d%s", tmpl, n, pct + 2);
			if (strlen(cand) >= IFNAMSIZ)
				break;
			for (size_t j = 0; j < p->n && !taken; j++)
				taken = j != i && !strcmp(p->devs[j].name, cand);
			if (!taken) {
				strcpy(d->name, cand);
				break;
			}
		}
		if (strstr(d->name, "%d"))
			return fail(err, NULL, "lxc.net.%d.name: no free name for the template '%s'", d->index, d->name);
	}
	for (size_t i = 0; i < p->n; i++) {
		for (size_t j = i + 1; j < p->n; j++) {
			const struct net_dev *a = &p->devs[i], *b = &p->devs[j];

			if (a->name[0] && !strcmp(a->name, b->name))
				return fail(err, NULL, "lxc.net.%d.name and lxc.net.%d.name are both '%s': names inside the container must differ",
					    a->index, b->index, a->name);
			if (a->veth_pair[0] && !strcmp(a->veth_pair, b->veth_pair))
				return fail(err, NULL, "lxc.net.%d.veth.pair and lxc.net.%d.veth.pair are both '%s'",
					    a->index, b->index, a->veth_pair);
			if (a->type == NET_PHYS && b->type == NET_PHYS && !strcmp(a->link, b->link))
				return fail(err, NULL, "lxc.net.%d and lxc.net.%d both move the host device '%s' in",
					    a->index, b->index, a->link);
		}
		if (!strcmp(p->devs[i].name, "lo"))
			return fail(err, NULL, "lxc.net.%d.name: 'lo' is the container's loopback device", p->devs[i].index);
	}
	return 0;
}

void net_plan_free(struct net_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->n; i++)
		dev_free_contents(&plan->devs[i]);
	free(plan->devs);
	free(plan);
}

int net_plan_build_items(const struct net_conf_item *items, size_t n, const char *container_name,
			 struct net_plan **out, struct conf_error *err)
{
	struct builder b = { .err = err };
	struct net_plan *p;
	int ret = 0;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	for (size_t i = 0; i < n && !ret; i++) {
		const struct net_conf_item *it = &items[i];
		const char *sub;
		int idx;

		if (!it->key)
			continue;
		if (!strcmp(it->key, "lxc.hook.version")) {
			b.hook_version = it;
			continue;
		}
		if (!strcmp(it->key, "lxc.net")) {
			/* "lxc.net =" clears every interface configured so far. */
			if (it->value && *it->value)
				ret = fail(err, it, "takes no value (an empty lxc.net clears all interfaces)");
			builder_free(&b);
			b.raw = NULL, b.n_raw = 0;
			continue;
		}
		idx = split_net_key(it->key, &sub);
		if (idx < 0)
			continue;
		struct raw_dev *r = raw_get(&b, idx);
		ret = r ? raw_add(r, it) : -ENOMEM;
	}
	if (ret) {
		builder_free(&b);
		return ret;
	}

	p = calloc(1, sizeof(*p));
	if (!p) {
		builder_free(&b);
		return -ENOMEM;
	}
	snprintf(p->container, sizeof(p->container), "%s", container_name ? container_name : "");
	if (b.hook_version && b.hook_version->value && *b.hook_version->value) {
		if (str_to_uint(b.hook_version->value, &p->hook_version) < 0 || p->hook_version > 1)
			ret = fail(err, b.hook_version, "'%s' is not a hook version (0 or 1)", b.hook_version->value);
	}
	if (!ret && b.n_raw) {
		qsort(b.raw, b.n_raw, sizeof(*b.raw), cmp_raw);
		p->devs = calloc(b.n_raw, sizeof(*p->devs));
		if (!p->devs)
			ret = -ENOMEM;
		for (size_t i = 0; !ret && i < b.n_raw; i++) {
			ret = build_dev(&p->devs[i], &b.raw[i], err);
			p->n = i + 1;
		}
	}
	if (!ret) {
		bool none = false, other = false;

		for (size_t i = 0; i < p->n; i++)
			p->devs[i].type == NET_NONE ? (none = true) : (other = true);
		if (none && other)
			ret = fail(err, NULL, "lxc.net: type 'none' shares the host's network and cannot be combined with other interfaces");
	}
	if (!ret)
		ret = resolve_names(p, err);
	builder_free(&b);
	if (ret) {
		net_plan_free(p);
		return ret;
	}
	*out = p;
	return 0;
}

bool net_plan_wants_netns(const struct net_plan *plan)
{
	return !(plan && plan->n && plan->devs[0].type == NET_NONE);
}

size_t net_plan_device_count(const struct net_plan *plan)
{
	return plan ? plan->n : 0;
}

int net_plan_device_info(const struct net_plan *plan, size_t i, struct net_device_info *out)
{
	const struct net_dev *d;

	if (!plan || i >= plan->n)
		return -ENOENT;
	d = &plan->devs[i];
	*out = (struct net_device_info){
		.index = d->index,
		.type = net_type_name(d->type),
		.link = d->link,
		.name = d->name,
		.host_name = d->type == NET_VETH ? (d->host_name[0] ? d->host_name : d->veth_pair) : "",
	};
	return 0;
}
