/* create_progress.c - berth_set_progress(): long calls tell the caller which step they are at; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include <lxc/berth.h>

#include "create.h"
#include "log.h"
#include "util/cleanup.h"

/* Per thread: two threads creating two containers each see their own steps. */
static __thread berth_progress_fn progress_fn;
static __thread void *progress_data;

BERTH_EXPORT void berth_set_progress(berth_progress_fn fn, void *data)
{
	progress_fn = fn;
	progress_data = data;
}

void create_progress(const struct lxc_container *c, int step, int steps, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	INFO("step %d/%d: %s", step, steps, what);
	if (progress_fn)
		progress_fn(c->name, step, steps, what, progress_data);
}
