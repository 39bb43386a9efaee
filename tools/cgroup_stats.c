/* cgroup_stats.c - a running container's CPU, block I/O and memory use from its cgroup files (v1 first, else v2), shared by lxc-info, lxc-ls and lxc-top; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "cgroup_stats.h"

/* The key's text, NULL when the container has no such file (the other cgroup
 * version, a controller not mounted). Most files fit the first read. */
static char *item(struct lxc_container *c, const char *key)
{
	char buf[4096], *v;
	int n = c->get_cgroup_item(c, key, buf, sizeof(buf));

	if (n <= 0)
		return NULL;
	if ((size_t)n < sizeof(buf))
		return strdup(buf);
	v = calloc((size_t)n + 1, 1);
	if (v && c->get_cgroup_item(c, key, v, n + 1) != n) {
		free(v);
		return NULL;
	}
	return v;
}

long long stat_number(const char *s)
{
	char *end;
	long long v;

	if (!s)
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || v < 0)
		return -1;
	return v;
}

static long long item_number(struct lxc_container *c, const char *key)
{
	char *v = item(c, key);
	long long n = stat_number(v);

	free(v);
	return n;
}

#define for_each_line(p, text) for (const char *p = (text); p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)

long long cgroup_stat_field(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for_each_line(p, text)
		if (!strncmp(p, key, klen) && p[klen] == ' ')
			return stat_number(p + klen + 1);
	return -1;
}

/* Sum of every " word=N" (cgroup2 io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N ..." per device). */
static long long sum_eq(const char *text, const char *word)
{
	size_t n = strlen(word);
	long long sum = 0;

	for (const char *p = text; (p = strstr(p, word)); p += n)
		if ((p == text || p[-1] == ' ') && p[n] == '=')
			sum += stat_number(p + n + 1) > 0 ? stat_number(p + n + 1) : 0;
	return sum;
}

/* v1 blkio.throttle.*: "MAJ:MIN Read N" per device and op, and a last line "Total N". */
static void blkio_v1(const char *text, long long *read, long long *write, long long *total)
{
	char op[16];
	unsigned long long v;

	*read = *write = 0;
	*total = -1;
	for_each_line(p, text) {
		if (sscanf(p, "Total %llu", &v) == 1) {
			*total = (long long)v;
		} else if (sscanf(p, "%*u:%*u %15s %llu", op, &v) == 2) {
			if (!strcmp(op, "Read"))
				*read += (long long)v;
			else if (!strcmp(op, "Write"))
				*write += (long long)v;
		}
	}
}

static long long or0(long long v)
{
	return v < 0 ? 0 : v;
}

static void read_cpu(struct lxc_container *c, struct usage *u)
{
	long hz = sysconf(_SC_CLK_TCK);
	char *v;

	if (hz <= 0)
		hz = 100;
	u->cpu_ns = item_number(c, "cpuacct.usage");
	if (u->cpu_ns >= 0) {
		v = item(c, "cpuacct.stat"); /* already in USER_HZ ticks */
		u->cpu_user = cgroup_stat_field(v, "user");
		u->cpu_sys = cgroup_stat_field(v, "system");
		free(v);
		return;
	}
	v = item(c, "cpu.stat"); /* cgroup v2: microseconds */
	if (v) {
		long long us = cgroup_stat_field(v, "usage_usec");
		long long user = cgroup_stat_field(v, "user_usec"), sys = cgroup_stat_field(v, "system_usec");

		u->cpu_ns = us < 0 ? -1 : us * 1000;
		u->cpu_user = user < 0 ? -1 : user * hz / 1000000;
		u->cpu_sys = sys < 0 ? -1 : sys * hz / 1000000;
		free(v);
	}
}

static void read_io(struct lxc_container *c, struct usage *u)
{
	char *v = item(c, "blkio.throttle.io_service_bytes");

	if (v) {
		long long r, w;

		blkio_v1(v, &u->io_read, &u->io_write, &u->io_total);
		free(v);
		v = item(c, "blkio.throttle.io_serviced");
		if (v)
			blkio_v1(v, &r, &w, &u->io_ops);
		free(v);
		return;
	}
	v = item(c, "io.stat");
	if (v) {
		u->io_read = sum_eq(v, "rbytes");
		u->io_write = sum_eq(v, "wbytes");
		u->io_total = u->io_read + u->io_write;
		u->io_ops = sum_eq(v, "rios") + sum_eq(v, "wios");
		free(v);
	}
}

static void read_mem(struct lxc_container *c, struct usage *u)
{
	char *stat = item(c, "memory.stat");

	u->mem = item_number(c, "memory.usage_in_bytes");
	if (u->mem >= 0) {
		u->memsw = item_number(c, "memory.memsw.usage_in_bytes");
		u->kmem = item_number(c, "memory.kmem.usage_in_bytes");
		u->kmem_v1 = u->kmem >= 0;
		u->swap = cgroup_stat_field(stat, "swap"); /* as LXC reads it */
	} else {
		u->mem = item_number(c, "memory.current");
		u->swap = item_number(c, "memory.swap.current");
		if (u->mem >= 0 && u->swap >= 0)
			u->memsw = u->mem + u->swap; /* as v1's memsw */
		u->kmem = cgroup_stat_field(stat, "kernel");
		if (u->kmem < 0 && stat)
			u->kmem = or0(cgroup_stat_field(stat, "kernel_stack")) + or0(cgroup_stat_field(stat, "slab")) +
				  or0(cgroup_stat_field(stat, "sock"));
	}
	free(stat);
}

void read_usage(struct lxc_container *c, unsigned what, struct usage *u)
{
	*u = (struct usage){ -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0 };
	if (what & USAGE_CPU)
		read_cpu(c, u);
	if (what & USAGE_IO)
		read_io(c, u);
	if (what & USAGE_MEM)
		read_mem(c, u);
}

void humanize(unsigned long long v, char *buf, size_t len)
{
	const unsigned long long kib = 1ULL << 10, mib = 1ULL << 20, gib = 1ULL << 30;

	if (v > gib) {
		snprintf(buf, len, "%u.%2.2u GiB", (unsigned)(v >> 30), (unsigned)((v & (gib - 1)) / 10737419));
	} else if (v > mib) {
		unsigned x = (unsigned)v + 5243;
		snprintf(buf, len, "%u.%2.2u MiB", x >> 20, (unsigned)(((unsigned long long)(x & (mib - 1)) * 100) >> 20));
	} else if (v > kib) {
		unsigned x = (unsigned)v + 5;
		snprintf(buf, len, "%u.%2.2u KiB", x >> 10, ((x & (unsigned)(kib - 1)) * 100) >> 10);
	} else {
		snprintf(buf, len, "%u bytes", (unsigned)v);
	}
}
