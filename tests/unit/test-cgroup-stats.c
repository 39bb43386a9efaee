/* test-cgroup-stats.c - tools/cgroup_stats.c: the parsing of cgroup usage files (v1 cpuacct/blkio/memory, v2 cpu.stat/io.stat/memory.*) shared by lxc-info, lxc-ls and lxc-top, and LXC's sizes; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "cgroup_stats.h"
#include "unit.h"

/* A fake running container whose cgroup files come from a table. */
static const char *const *files;

static int fake_get(struct lxc_container *c, const char *key, char *retv, int inlen)
{
	(void)c;
	for (size_t i = 0; files[i]; i += 2)
		if (!strcmp(files[i], key)) {
			int n = snprintf(retv, (size_t)inlen, "%s", files[i + 1]);
			return n < inlen ? n : inlen - 1;
		}
	return -1;
}

static void v1_files_are_read(void)
{
	static const char *const v1[] = {
		"cpuacct.usage", "2500000000\n",
		"blkio.throttle.io_service_bytes", "8:0 Read 4096\n8:0 Write 8192\n8:0 Total 12288\nTotal 12288\n",
		"memory.usage_in_bytes", "1048576\n",
		"memory.kmem.usage_in_bytes", "204800\n",
		NULL,
	};
	struct lxc_container c = { .get_cgroup_item = fake_get };
	struct usage u;

	files = v1;
	read_usage(&c, USAGE_ALL, &u);
	CHECK_INT(u.cpu_ns, 2500000000LL);
	CHECK_INT(u.io_total, 12288);
	CHECK_INT(u.io_read, 4096);
	CHECK_INT(u.io_write, 8192);
	CHECK_INT(u.mem, 1048576);
	CHECK_INT(u.kmem, 204800);
	CHECK(u.kmem_v1);
	CHECK_INT(u.swap, -1);
}

static void v2_files_are_the_fallback(void)
{
	static const char *const v2[] = {
		"cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n",
		"io.stat", "8:0 rbytes=100 wbytes=20 rios=1 wios=1 dbytes=7 dios=0\n8:16 rbytes=1 wbytes=2\n",
		"memory.current", "4096\n",
		NULL,
	};
	struct lxc_container c = { .get_cgroup_item = fake_get };
	struct usage u;

	files = v2;
	read_usage(&c, USAGE_ALL, &u);
	CHECK_INT(u.cpu_ns, 1500000LL);
	CHECK_INT(u.io_total, 123);
	CHECK_INT(u.io_ops, 2);
	CHECK_INT(u.mem, 4096);
	CHECK_INT(u.kmem, -1);
	CHECK(!u.kmem_v1);
}

/* v2's swap and kernel memory; v1's swap line of memory.stat (what lxc-ls shows). */
static void swap_and_kernel_memory(void)
{
	static const char *const v2[] = {
		"memory.current", "8192\n",
		"memory.swap.current", "100\n",
		"memory.stat", "anon 1\nkernel_stack 10\nslab 20\nsock 3\nswapcached 5\n",
		NULL,
	};
	static const char *const v1[] = {
		"memory.usage_in_bytes", "8192\n",
		"memory.stat", "cache 1\nswap 300\ntotal_swap 300\n",
		NULL,
	};
	struct lxc_container c = { .get_cgroup_item = fake_get };
	struct usage u;

	files = v2;
	read_usage(&c, USAGE_MEM, &u);
	CHECK_INT(u.swap, 100);
	CHECK_INT(u.memsw, 8292);
	CHECK_INT(u.kmem, 33);
	CHECK_INT(u.cpu_ns, -1); /* not asked for */
	files = v1;
	read_usage(&c, USAGE_MEM, &u);
	CHECK_INT(u.swap, 300);
	CHECK_INT(u.memsw, -1);
}

static void missing_files_give_nothing(void)
{
	static const char *const none[] = { NULL };
	struct lxc_container c = { .get_cgroup_item = fake_get };
	struct usage u;

	files = none;
	read_usage(&c, USAGE_ALL, &u);
	CHECK_INT(u.cpu_ns, -1);
	CHECK_INT(u.io_total, -1);
	CHECK_INT(u.mem, -1);
}

static void stat_fields(void)
{
	CHECK_INT(cgroup_stat_field("usage_usec 5\nuser_usec 3\n", "user_usec"), 3);
	CHECK_INT(cgroup_stat_field("usage_usec 5\n", "usage"), -1);
	CHECK_INT(cgroup_stat_field("", "usage_usec"), -1);
}

static void sizes_as_lxc(void)
{
	char b[64];

	humanize(0, b, sizeof(b));
	CHECK_STR(b, "0 bytes");
	humanize(1024, b, sizeof(b));
	CHECK_STR(b, "1024 bytes");
	humanize(774144, b, sizeof(b));
	CHECK_STR(b, "756.00 KiB");
	humanize(3ULL << 20 | 1, b, sizeof(b));
	CHECK_STR(b, "3.00 MiB");
}

UNIT_MAIN_BEGIN
RUN(v1_files_are_read);
RUN(v2_files_are_the_fallback);
RUN(swap_and_kernel_memory);
RUN(missing_files_give_nothing);
RUN(stat_fields);
RUN(sizes_as_lxc);
UNIT_MAIN_END
