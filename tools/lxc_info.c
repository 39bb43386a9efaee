/* lxc_info.c - lxc-info: a container's state, init pid, addresses, usage and config items, as text or JSON; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"
#include "cgroup_stats.h"

enum { OPT_FORMAT = OPT_TOOL };

struct options {
	bool state, pid, ips, stats;
	bool humanize;
	bool json;
	const char **keys;
	int nkeys;
	int filter_count; /* as LXC: -s, -p, -i count 1, -S counts 5 */
};

/* What -S reports, gathered once for both output formats; -1: not available. */
struct link_stats {
	char *name;
	long long tx, rx; /* from the container's side: the host side's rx is its tx */
};

struct stats {
	long long cpu_ns, blkio, mem, kmem;
	struct link_stats *links;
	size_t nlinks;
};

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;
	const char **keys;

	switch (opt) {
	case 'c':
		keys = realloc(o->keys, (size_t)(o->nkeys + 1) * sizeof(*keys));
		if (!keys)
			return -1;
		o->keys = keys;
		o->keys[o->nkeys++] = arg;
		return 0;
	case 'i': o->ips = true; o->filter_count += 1; return 0;
	case 's': o->state = true; o->filter_count += 1; return 0;
	case 'p': o->pid = true; o->filter_count += 1; return 0;
	case 'S': o->stats = true; o->filter_count += 5; return 0;
	case 'H': o->humanize = false; return 0;
	case OPT_FORMAT:
		if (!strcmp(arg, "json")) {
			o->json = true;
			return 0;
		}
		if (!strcmp(arg, "text"))
			return 0;
		fprintf(stderr, "lxc-info: unknown output format \"%s\": use text or json\n", arg);
		return -1;
	}
	return -1;
}

/* ---- reading values ---- */

static long long sys_number(const char *ifname, const char *file)
{
	char path[512], buf[64];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s", ifname, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = '\0';
	return stat_number(buf);
}

static bool has_statistics(const char *ifname)
{
	char path[512];

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics", ifname);
	return access(path, R_OK) == 0;
}

static void gather_stats(struct lxc_container *c, struct stats *s)
{
	struct usage u;

	*s = (struct stats){ .cpu_ns = -1, .blkio = -1, .mem = -1, .kmem = -1 };
	if (!c->is_running(c))
		return;
	read_usage(c, USAGE_ALL, &u);
	s->cpu_ns = u.cpu_ns;
	s->blkio = u.io_total;
	s->mem = u.mem;
	s->kmem = u.kmem_v1 ? u.kmem : -1; /* as LXC: a KMem line only from v1's memory.kmem file */

	for (int n = 0;; n++) {
		char key[64], *type, *ifname;
		struct link_stats *grown;

		snprintf(key, sizeof(key), "lxc.net.%d.type", n);
		type = c->get_running_config_item(c, key);
		if (!type)
			break;
		/* the host side of a veth; the device itself for the others */
		snprintf(key, sizeof(key), !strcmp(type, "veth") ? "lxc.net.%d.veth.pair" : "lxc.net.%d.link", n);
		free(type);
		ifname = c->get_running_config_item(c, key);
		if (!ifname)
			break;
		/* as LXC: a Link line only for a device the host can see (none for
		 * lxc.net.N.type = empty, or a link moved into the container) */
		if (!*ifname || strchr(ifname, '/') || !has_statistics(ifname)) {
			free(ifname);
			continue;
		}
		grown = realloc(s->links, (s->nlinks + 1) * sizeof(*grown));
		if (!grown) {
			free(ifname);
			break;
		}
		s->links = grown;
		s->links[s->nlinks++] = (struct link_stats){
			.name = ifname,
			.tx = sys_number(ifname, "rx_bytes"),
			.rx = sys_number(ifname, "tx_bytes"),
		};
	}
}

static void free_stats(struct stats *s)
{
	for (size_t i = 0; i < s->nlinks; i++)
		free(s->links[i].name);
	free(s->links);
}

/* ---- text output, LXC's format ---- */

static void print_str(const struct options *o, const char *label, const char *value)
{
	if (!o->humanize && o->filter_count == 1)
		printf("%s\n", value);
	else
		printf("%-15s %s\n", label, value);
}

static void print_size(const struct options *o, const char *label, long long v)
{
	char buf[64];

	if (v < 0)
		return;
	if (o->humanize)
		humanize((unsigned long long)v, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%lld", v);
	printf("%-15s %s\n", label, buf);
}

static void print_stats_text(const struct options *o, const struct stats *s)
{
	if (s->cpu_ns >= 0) {
		if (o->humanize)
			printf("%-15s %.2f seconds\n", "CPU use:", (double)s->cpu_ns / 1000000000.0);
		else
			printf("%-15s %lld\n", "CPU use:", s->cpu_ns);
	}
	print_size(o, "BlkIO use:", s->blkio);
	print_size(o, "Memory use:", s->mem);
	print_size(o, "KMem use:", s->kmem);
	for (size_t i = 0; i < s->nlinks; i++) {
		const struct link_stats *l = &s->links[i];

		printf("%-15s %s\n", "Link:", l->name);
		print_size(o, " TX bytes:", l->tx);
		print_size(o, " RX bytes:", l->rx);
		if (l->tx >= 0 || l->rx >= 0)
			print_size(o, " Total bytes:", (l->tx > 0 ? l->tx : 0) + (l->rx > 0 ? l->rx : 0));
	}
}

/* ---- JSON output ---- */

static void json_number(struct berth_json *j, const char *key, long long v)
{
	berth_json_key(j, key);
	if (v >= 0)
		berth_json_int(j, v);
	else
		berth_json_null(j);
}

static void json_stats(struct berth_json *j, bool running, const struct stats *s)
{
	berth_json_key(j, "stats");
	if (!running) {
		berth_json_null(j);
		return;
	}
	berth_json_object_begin(j);
	json_number(j, "cpu_use_ns", s->cpu_ns);
	json_number(j, "blkio_bytes", s->blkio);
	json_number(j, "memory_bytes", s->mem);
	json_number(j, "kmem_bytes", s->kmem);
	berth_json_key(j, "links");
	berth_json_array_begin(j);
	for (size_t i = 0; i < s->nlinks; i++) {
		berth_json_object_begin(j);
		berth_json_key(j, "name");
		berth_json_string(j, s->links[i].name);
		json_number(j, "tx_bytes", s->links[i].tx);
		json_number(j, "rx_bytes", s->links[i].rx);
		berth_json_object_end(j);
	}
	berth_json_array_end(j);
	berth_json_object_end(j);
}

/* ---- main ---- */

/* A config item as get_config_item gives it; NULL with *len < 0 if the key has no value here. */
static char *config_item(struct lxc_container *c, const char *key, int *len)
{
	char *v;

	*len = c->get_config_item(c, key, NULL, 0);
	if (*len < 0)
		return NULL;
	v = calloc((size_t)*len + 1, 1);
	if (!v || c->get_config_item(c, key, v, *len + 1) != *len) {
		free(v);
		*len = -ENOMEM;
		return NULL;
	}
	return v;
}

static void key_error(const struct tool_args *args, const char *key, int len)
{
	if (len == -ENOMEM)
		tool_error(args, "unable to read %s from the configuration", key);
	else if (!lxc_config_item_is_supported(key))
		tool_error(args, "%s invalid: not a config key (lxc.container.conf(5) lists them)", key);
	else
		tool_error(args, "%s invalid: the key has no value on its own here", key);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "ips", no_argument, NULL, 'i' },
		{ "state", no_argument, NULL, 's' },
		{ "pid", no_argument, NULL, 'p' },
		{ "stats", no_argument, NULL, 'S' },
		{ "no-humanize", no_argument, NULL, 'H' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ 0 },
	};
	struct options o = { .humanize = true };
	struct tool_args args = {
		.progname = "lxc-info",
		.synopsis = "--name=NAME [-s] [-p] [-i] [-S] [-H] [-c KEY]... [--format=json]",
		.description = "Show the state, init pid, addresses, resource use or config items of container NAME.",
		.options_help = "  -c, --config=KEY              the value of config item KEY (may be repeated)\n"
				"  -i, --ips                     the IP addresses\n"
				"  -p, --pid                     the host pid of the container's init\n"
				"  -S, --stats                   CPU, block I/O, memory and network use\n"
				"  -H, --no-humanize             raw numbers; a single item without its label\n"
				"  -s, --state                   the state\n"
				"      --format=FORMAT           text (default) or json (berth; fields in lxc-info(1))\n",
		.flags = ARG_COMMON | ARG_PERMUTE,
		.options = options,
		.shortopts = "c:ipsSH",
		.handle = handle,
		.data = &o,
	};
	struct lxc_container *c;
	struct berth_json *j = NULL;
	struct stats stats = { 0 };
	const char *state;
	bool running;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);
	/* as LXC: the name may also come as the first argument */
	if (!args.name && args.nrest > 0)
		args.name = args.rest[0];
	if (!args.name || !*args.name) {
		fprintf(stderr, "lxc-info: no container name given: use -n NAME\n");
		return EXIT_FAILURE;
	}

	/* NULL: the name is invalid or the config does not load; the library said why in one line. */
	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	/* One state() answers both "running?" and the State line (is_running is state != STOPPED);
	 * tool_open_container has asked the monitor once already, for may_control. */
	state = c->state(c);
	running = state && strcmp(state, "STOPPED") != 0;
	if (!running && !c->is_defined(c)) {
		tool_error(&args, "container doesn't exist (no config file %s)", c->configfile);
		goto out;
	}

	if (!o.state && !o.pid && !o.ips && !o.stats && o.nkeys == 0) {
		o.state = o.pid = o.ips = o.stats = true;
		if (!o.json)
			print_str(&o, "Name:", c->name);
	}
	if (o.stats)
		gather_stats(c, &stats);

	if (o.json) {
		j = berth_json_new(stdout, true);
		if (!j)
			goto out;
		berth_json_object_begin(j);
		berth_json_key(j, "name");
		berth_json_string(j, c->name);
		berth_json_key(j, "lxcpath");
		berth_json_string(j, c->config_path);
		if (o.state) {
			berth_json_key(j, "state");
			berth_json_string(j, state);
		}
		if (o.pid) {
			pid_t pid = running ? c->init_pid(c) : -1;
			json_number(j, "pid", pid);
		}
		if (o.ips) {
			char **ips = running ? c->get_ips(c, NULL, NULL, 0) : NULL;

			berth_json_key(j, "ips");
			berth_json_array_begin(j);
			for (size_t i = 0; ips && ips[i]; i++) {
				berth_json_string(j, ips[i]);
				free(ips[i]);
			}
			free(ips);
			berth_json_array_end(j);
		}
		if (o.stats)
			json_stats(j, running, &stats);
		if (o.nkeys) {
			berth_json_key(j, "config");
			berth_json_object_begin(j);
			for (int i = 0; i < o.nkeys; i++) {
				int len;
				char *v = config_item(c, o.keys[i], &len);

				berth_json_key(j, o.keys[i]);
				berth_json_string(j, v);
				if (len < 0)
					key_error(&args, o.keys[i], len);
				free(v);
			}
			berth_json_object_end(j);
		}
		berth_json_object_end(j);
		if (berth_json_end(j) < 0) {
			tool_error(&args, "cannot write the JSON output");
			goto out;
		}
		ret = EXIT_SUCCESS;
		goto out;
	}

	if (o.state)
		print_str(&o, "State:", state ? state : "UNKNOWN");
	if (running) {
		if (o.pid) {
			pid_t pid = c->init_pid(c);
			if (pid >= 0) {
				char buf[32];
				snprintf(buf, sizeof(buf), "%d", (int)pid);
				print_str(&o, "PID:", buf);
			}
		}
		if (o.ips) {
			char **ips = c->get_ips(c, NULL, NULL, 0);
			for (size_t i = 0; ips && ips[i]; i++) {
				print_str(&o, "IP:", ips[i]);
				free(ips[i]);
			}
			free(ips);
		}
	}
	if (o.stats)
		print_stats_text(&o, &stats);
	for (int i = 0; i < o.nkeys; i++) {
		int len;
		char *v = config_item(c, o.keys[i], &len);

		if (len < 0)
			key_error(&args, o.keys[i], len);
		else if (!o.humanize && o.nkeys == 1)
			printf("%s\n", v);
		else if (len == 0)
			printf("%s =\n", o.keys[i]);
		else
			printf("%s = %s\n", o.keys[i], v);
		free(v);
	}
	fflush(stdout);
	ret = EXIT_SUCCESS;
out:
	free_stats(&stats);
	free(o.keys);
	lxc_container_put(c);
	return ret;
}
