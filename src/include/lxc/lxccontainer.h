/* lxccontainer.h - the public liblxc API (compatible with liblxc 5.0); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef __LXC_CONTAINER_H
#define __LXC_CONTAINER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <lxc/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Log setup for programs using liblxc, as liblxc 5.0 defines it. */
struct lxc_log {
	const char *name;    /* container name shown in messages, may be NULL */
	const char *lxcpath; /* lxcpath of that container, may be NULL */
	const char *file;    /* log file, NULL or "none" for none */
	const char *level;   /* TRACE ... FATAL, NULL for the default (ERROR) */
	const char *prefix;  /* program name shown in messages */
	bool quiet;          /* nothing on stderr */
};

bool lxc_log_init(struct lxc_log *log);
void lxc_log_close(void);

/* "5.0.0": the liblxc release whose API this library provides. */
const char *lxc_get_version(void);

/* A value from the system config (lxc.conf) or its default. The string belongs
 * to the library (do not free it); NULL if the key is unknown or not set. */
const char *lxc_get_global_config_item(const char *key);

#ifdef __cplusplus
}
#endif

#endif
