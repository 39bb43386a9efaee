/* test-time.c - remaining_ms: forever for no deadline, 0 once passed, the time left otherwise; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include "unit.h"
#include "util/time.h"

static void remaining(void)
{
	int64_t now = now_ms();
	int left;

	CHECK(now > 0);
	CHECK_INT(remaining_ms(-1), -1);
	CHECK_INT(remaining_ms(now - 5), 0);
	CHECK_INT(remaining_ms(0), 0);
	left = remaining_ms(now + 60000);
	CHECK(left > 50000 && left <= 60000);
	CHECK_INT(remaining_ms(now + (int64_t)INT32_MAX * 4), INT32_MAX);
	CHECK(now_ms() >= now);
}

UNIT_MAIN_BEGIN
RUN(remaining);
UNIT_MAIN_END
