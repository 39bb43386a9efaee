/* test-cgroup-stats.c - lxc-info's parsing of cgroup usage files (v1 cpuacct/blkio/memory, v2 cpu.stat/io.stat/memory.current) and its sizes; SPDX-License-Identifier: LGPL-2.1-or-later */
#define main lxc_info_tool_main
#include "lxc_info.c"
#undef main

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

	files = v1;
	CHECK_INT(cpu_ns(&c), 2500000000LL);
	CHECK_INT(blkio_bytes(&c), 12288);
	CHECK_INT(cgroup_number(&c, "memory.usage_in_bytes", "memory.current"), 1048576);
	CHECK_INT(cgroup_number(&c, "memory.kmem.usage_in_bytes", NULL), 204800);
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

	files = v2;
	CHECK_INT(cpu_ns(&c), 1500000LL);
	CHECK_INT(blkio_bytes(&c), 123);
	CHECK_INT(cgroup_number(&c, "memory.usage_in_bytes", "memory.current"), 4096);
	CHECK_INT(cgroup_number(&c, "memory.kmem.usage_in_bytes", NULL), -1);
}

static void missing_files_give_nothing(void)
{
	static const char *const none[] = { NULL };
	struct lxc_container c = { .get_cgroup_item = fake_get };

	files = none;
	CHECK_INT(cpu_ns(&c), -1);
	CHECK_INT(blkio_bytes(&c), -1);
	CHECK_INT(cgroup_number(&c, "memory.usage_in_bytes", "memory.current"), -1);
}

static void stat_fields(void)
{
	CHECK_INT(stat_field("usage_usec 5\nuser_usec 3\n", "user_usec"), 3);
	CHECK_INT(stat_field("usage_usec 5\n", "usage"), -1);
	CHECK_INT(stat_field("", "usage_usec"), -1);
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
RUN(missing_files_give_nothing);
RUN(stat_fields);
RUN(sizes_as_lxc);
UNIT_MAIN_END
