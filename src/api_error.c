/* api_error.c - how API calls report failure: error_string/error_num, the thread's last error, the log; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>

#include "container.h"
#include "log.h"
#include "util/cleanup.h"

/* Large enough for a config error (conf_error.text) plus context. */
static __thread char last_error[8448];

BERTH_EXPORT const char *berth_last_error(void)
{
	return last_error;
}

void last_error_clear(void)
{
	last_error[0] = '\0';
}

static void vrecord(struct lxc_container *c, int err, bool log, const char *fmt, va_list ap)
{
	char msg[sizeof(last_error)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	memcpy(last_error, msg, sizeof(msg));
	if (c) {
		char *copy = strdup(msg);

		/* keep the previous text rather than none if memory is short */
		if (copy) {
			free(c->error_string);
			c->error_string = copy;
		}
		c->error_num = err;
	}
	if (log)
		ERROR("%s", msg);
}

void container_error(struct lxc_container *c, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(c, err, true, fmt, ap);
	va_end(ap);
}

int container_fail(struct lxc_container *c, int err, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	container_error_quiet(c, err, "%s: %s", c->name, msg);
	ERROR("%s", msg);
	return -1;
}

void container_error_quiet(struct lxc_container *c, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrecord(c, err, false, fmt, ap);
	va_end(ap);
}

void last_error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
}

void container_not_implemented(struct lxc_container *c, const char *method)
{
	/* The log line leaves the name out: the tools' log prefix already names the container. */
	if (c)
		container_error_quiet(c, ENOSYS, "%s: %s is not implemented in berth yet", c->name, method);
	ERROR("%s is not implemented in berth yet", method);
}
