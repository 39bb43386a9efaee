/* time.h - monotonic milliseconds and deadlines for bounded waits (poll timeouts); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_TIME_H
#define BERTH_UTIL_TIME_H

#include <stdint.h>

/* CLOCK_MONOTONIC in milliseconds: immune to the wall clock being set. */
int64_t now_ms(void);

/* Milliseconds left until deadline (a now_ms() value) as a poll() timeout:
 * -1 (wait forever) for a negative deadline, 0 once it has passed, at most
 * INT32_MAX. */
int remaining_ms(int64_t deadline);

#endif
