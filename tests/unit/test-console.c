/* test-console.c - unit tests of the console's escape key and ring buffer; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "console.h"
#include "unit.h"

static void test_escape(void)
{
	struct console_escape e = { .key = 1 };

	CHECK_INT(console_escape_feed(&e, 'x'), CONSOLE_KEY_SEND);
	CHECK_INT(console_escape_feed(&e, 1), CONSOLE_KEY_HOLD);
	CHECK_INT(console_escape_feed(&e, 'q'), CONSOLE_KEY_QUIT);
	e.seen = false;
	/* Twice: the escape itself goes through, and the state starts over. */
	CHECK_INT(console_escape_feed(&e, 1), CONSOLE_KEY_HOLD);
	CHECK_INT(console_escape_feed(&e, 1), CONSOLE_KEY_SEND);
	CHECK_INT(console_escape_feed(&e, 'q'), CONSOLE_KEY_SEND);
	/* Escape then another key: that key goes through, the escape is dropped. */
	CHECK_INT(console_escape_feed(&e, 1), CONSOLE_KEY_HOLD);
	CHECK_INT(console_escape_feed(&e, 'x'), CONSOLE_KEY_SEND);
	CHECK_INT(console_escape_feed(&e, 'q'), CONSOLE_KEY_SEND);
	/* No escape key: everything goes through. */
	e = (struct console_escape){ .key = -1 };
	CHECK_INT(console_escape_feed(&e, 1), CONSOLE_KEY_SEND);
	CHECK_INT(console_escape_feed(&e, 'q'), CONSOLE_KEY_SEND);
}

static void test_ring(void)
{
	struct console_ring r;
	char out[32];
	size_t n;

	CHECK_INT(console_ring_init(&r, 8), 0);
	n = console_ring_read(&r, out, sizeof(out));
	CHECK_INT((int)n, 0);
	console_ring_write(&r, "abc", 3);
	n = console_ring_read(&r, out, sizeof(out));
	CHECK_INT((int)n, 3);
	CHECK(!memcmp(out, "abc", 3));
	/* Wraps: only the last 8 bytes stay, oldest first. */
	console_ring_write(&r, "defghij", 7);
	n = console_ring_read(&r, out, sizeof(out));
	CHECK_INT((int)n, 8);
	CHECK(!memcmp(out, "cdefghij", 8));
	/* A read may be shorter than what is held: the oldest bytes. */
	n = console_ring_read(&r, out, 2);
	CHECK_INT((int)n, 2);
	CHECK(!memcmp(out, "cd", 2));
	/* Or the newest ones. */
	n = console_ring_read_latest(&r, out, 3);
	CHECK_INT((int)n, 3);
	CHECK(!memcmp(out, "hij", 3));
	/* A write larger than the buffer keeps its tail. */
	console_ring_write(&r, "0123456789AB", 12);
	n = console_ring_read(&r, out, sizeof(out));
	CHECK_INT((int)n, 8);
	CHECK(!memcmp(out, "456789AB", 8));
	console_ring_clear(&r);
	CHECK_INT((int)console_ring_read(&r, out, sizeof(out)), 0);
	console_ring_write(&r, "z", 1);
	CHECK_INT((int)console_ring_read(&r, out, sizeof(out)), 1);
	CHECK(out[0] == 'z');
	console_ring_free(&r);
	/* Size 0: nothing kept. */
	CHECK_INT(console_ring_init(&r, 0), 0);
	console_ring_write(&r, "abc", 3);
	CHECK_INT((int)console_ring_read(&r, out, sizeof(out)), 0);
	console_ring_free(&r);
}

UNIT_MAIN_BEGIN
RUN(test_escape);
RUN(test_ring);
UNIT_MAIN_END
