/* monitor.h - the monitor: makes the cgroups, spawns the init, serves the command socket, reaps the init, tears down and reboots; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_MONITOR_H
#define BERTH_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "start.h"
#include "start_plan.h"

struct monitor_args {
	struct start_plan *plan;
	const struct start_args *args;
	int cmd_fd;        /* the bound command socket (taken over) */
	int ready_fd;      /* daemonized: where RUNNING or the failure is reported; -1 otherwise */
	int64_t t0_us;     /* when the start began, for the trace's breakdown */
	bool failure_reported; /* set when the failure went to ready_fd (the caller logs it) */
};

/* What the monitor writes to ready_fd, once. */
struct monitor_ready {
	int32_t ret;       /* 0: RUNNING; -errno: failed */
	char text[4096];   /* the one-line reason */
};

/*
 * Runs the container until it stops for good (reboots are handled inside).
 * Returns 0 with *status = the init's last wait status, or -errno with err
 * when the container never reached RUNNING (everything undone).
 */
int monitor_run(struct monitor_args *a, int *status, char *err, size_t errlen);

/* Microseconds on the monotonic clock, for the start's trace. */
int64_t monitor_now_us(void);

#endif
