/* cgroup_stats.h - a running container's CPU, block I/O and memory use, read through get_cgroup_item (cgroup v1 or v2), for lxc-info, lxc-ls and lxc-top; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_TOOLS_CGROUP_STATS_H
#define BERTH_TOOLS_CGROUP_STATS_H

#include <stddef.h>

struct lxc_container;

/* What read_usage reads: each group costs the monitor a few questions. */
enum {
	USAGE_CPU = 1 << 0,
	USAGE_IO = 1 << 1,
	USAGE_MEM = 1 << 2,
	USAGE_ALL = USAGE_CPU | USAGE_IO | USAGE_MEM,
};

/* Counters as the kernel reports them; -1: not available (no such file, or not asked for). */
struct usage {
	long long cpu_ns;                      /* CPU time, nanoseconds */
	long long cpu_user, cpu_sys;           /* USER_HZ ticks */
	long long io_read, io_write, io_total; /* bytes */
	long long io_ops;                      /* requests */
	long long mem;                         /* bytes: memory.usage_in_bytes, or memory.current */
	long long swap;                        /* bytes: "swap" of v1's memory.stat, or memory.swap.current */
	long long memsw;                       /* bytes, memory plus swap: v1's memsw file, or mem + swap on v2 */
	long long kmem;                        /* bytes: v1's memory.kmem file, or v2's "kernel" of memory.stat */
	int kmem_v1;                           /* kmem came from memory.kmem.usage_in_bytes (LXC shows only that) */
};

/* Reads the groups in `what` of a running container into *u (the rest stay -1). */
void read_usage(struct lxc_container *c, unsigned what, struct usage *u);

/* The number after "key " at the start of a line of a cgroup stat file; -1 if none. */
long long cgroup_stat_field(const char *text, const char *key);
/* A whole non-negative decimal number (a cgroup or /sys counter file's text); -1 if s is not one. */
long long stat_number(const char *s);

/* A size as LXC prints it: "N bytes" up to 1 KiB, else two decimals of KiB, MiB or GiB with LXC's rounding. */
void humanize(unsigned long long v, char *buf, size_t len);

#endif
