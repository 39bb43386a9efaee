/* start_spawn.h - one clone of the container's init and the monitor's half of the setup steps; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_START_SPAWN_H
#define BERTH_START_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cgroups/cgroup.h"
#include "console.h"
#include "hooks.h"
#include "start.h"
#include "start_plan.h"

struct spawn {
	const struct start_plan *plan;
	struct cgroup_set *payload;        /* the init's cgroups */
	bool pure_v2;                      /* clone straight into them (CLONE_INTO_CGROUP) */
	struct pty_pair *ptys;
	int n_ptys;
	const struct cgroup_mount_spec *cg_specs;
	size_t n_cg_specs;
	bool cg_mount;
	const struct start_net_ops *net;
	struct hook_env *hook_env;
	int devnull;
	bool keep_stdio;
	int64_t t0_us;
	/* Made by the monitor while the child sets up (NULL: all exist before the
	 * clone): the rest of the cgroups and their limits. The child enters them
	 * at STEP_CGROUPS. */
	int (*finish_cgroups)(void *ctx, char *err, size_t errlen);
	void *finish_ctx;
	/* out */
	pid_t pid;
	int pidfd;
	int netns_fd;      /* the init's netns, held for the network module's stop (-1: none) */
};

/*
 * Clones the init with all its namespaces, answers its steps (cgroup entry,
 * network devices, start-host hooks) and returns once it exec'd. On failure
 * the child is killed and reaped, and err holds the reason (the child's own
 * text when it failed).
 */
int start_spawn(struct spawn *s, char *err, size_t errlen);

#endif
