/* container.h - the inside of struct lxc_container, shared by the files that implement its methods; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONTAINER_H
#define BERTH_CONTAINER_H

#include <stdbool.h>

#include <lxc/lxccontainer.h>

struct lxc_config;

/*
 * The library allocates every lxc_container, so it embeds the public struct
 * at the start of its own: berth's state lives here, never in new public
 * members (which would break the binary layout).
 */
struct berth_container {
	struct lxc_container pub;
	struct lxc_config *conf; /* the loaded config; NULL until loaded or first set */
	bool close_all_fds;      /* want_close_all_fds() */
};

static inline struct berth_container *container_priv(struct lxc_container *c)
{
	return (struct berth_container *)c;
}

/*
 * Records a failure: c->error_num = err (a positive errno), c->error_string =
 * the message, the thread's berth_last_error() = the message; logs it as an
 * ERROR. c may be NULL (then only the last error and the log).
 */
__attribute__((format(printf, 3, 4))) void container_error(struct lxc_container *c, int err, const char *fmt, ...);
/* Same, without logging (the caller's caller reports it). */
__attribute__((format(printf, 3, 4))) void container_error_quiet(struct lxc_container *c, int err, const char *fmt,
								   ...);
/* Same for a method's own failure: error_string "NAME: message" (the
 * container named for the caller), the log line without the name (the tools'
 * prefix has it). c must not be NULL. Returns -1. */
__attribute__((format(printf, 3, 4))) int container_fail(struct lxc_container *c, int err, const char *fmt, ...);
/* Sets only the thread's last error (for calls without a container). */
__attribute__((format(printf, 1, 2))) void last_error_set(const char *fmt, ...);
void last_error_clear(void);

/* A method berth does not have yet: error ENOSYS naming it. */
void container_not_implemented(struct lxc_container *c, const char *method);
/* container_stubs.c: points every method at a stub that fails with container_not_implemented. */
void container_install_stubs(struct lxc_container *c);

/* privlock: guards the object between threads. The disk lock is the container
 * lock (slock) taken after privlock: it excludes other processes too. 0 or -errno. */
int container_mem_lock(struct lxc_container *c);
void container_mem_unlock(struct lxc_container *c);
int container_disk_lock(struct lxc_container *c);
void container_disk_unlock(struct lxc_container *c);

#endif
