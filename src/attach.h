/* attach.h - entering a running container: a new process in its namespaces, cgroup and credentials, with the environment and pty the caller asked for; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_ATTACH_H
#define BERTH_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

#include <lxc/attach_options.h>

/* The PATH a cleared environment gets unless --keep-var PATH kept the caller's (LXC's). */
#define ATTACH_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/*
 * attach_env.c: the environment of the attached process, built in order (a
 * later NAME replaces an earlier one):
 *   1. LXC_ATTACH_KEEP_ENV: all of `caller`; LXC_ATTACH_CLEAR_ENV: only the
 *      caller's variables named in `keep`, and PATH=ATTACH_DEFAULT_PATH
 *      unless PATH was among them;
 *   2. container=lxc;
 *   3. the container's lxc.environment entries: "NAME=VALUE", or "NAME" for
 *      the caller's value (left out if the caller has none);
 *   4. `extra` ("NAME=VALUE"; a bare "NAME" removes it, as putenv does).
 * Every list is NULL-terminated and may be NULL. *out is a malloc'd vector
 * (free with strv_free). 0, -EINVAL (an entry with an empty name, named in
 * *bad), or -ENOMEM.
 */
int attach_env_build(char *const *caller, lxc_attach_env_policy_t policy, char *const *keep, char *const *conf_env,
		     char *const *extra, char ***out, const char **bad);

/* What attach_start needs to know; everything is read before any fork. */
struct attach_request {
	const char *name;                 /* the container: messages, and its cgroup lxc.payload.NAME */
	int init_pidfd;                   /* a pidfd of the container's init */
	const lxc_attach_options_t *opts;
	char **env;                       /* the process's environment (attach_env_build) */
	lxc_attach_exec_t fn;             /* run in the attached process; its return is the exit status */
	void *payload;
	const int *rlimits;               /* RLIMIT_* the container sets (lxc.prlimit.*): the init's values apply */
	size_t n_rlimits;
};

/*
 * Starts r->fn(r->payload) in a new process inside the container and stores
 * its pid in *pid. The process is the caller's child (the caller reaps it)
 * and it is set up when this returns: in the init's namespaces (or those of
 * opts->namespaces), cgroup, capability bounding set, no_new_privs and LSM
 * profile, unless the flags elevate them; with the init's r->rlimits; with r->env; with the caller's
 * opts->std*_fd as 0, 1, 2; and with no other fd left open across an exec.
 * With LXC_ATTACH_TERMINAL it gets a pty of the container's devpts instead
 * for each of those fds that is a terminal (all three if none is), and this
 * call relays the pty until the process exits (opts->log_fd, if >= 0, gets a
 * copy of the output). Returns 0, or -errno with one line in err.
 */
int attach_start(const struct attach_request *r, pid_t *pid, char *err, size_t errlen);

#endif
