/* start_child.h - the container's init before exec: runs the plan's ops in order and reports each named step and the first failure to the monitor; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_START_CHILD_H
#define BERTH_START_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cgroups/cgroup.h"
#include "console.h"
#include "hooks.h"
#include "start.h"
#include "start_plan.h"

/* Messages on the sync socket (SOCK_SEQPACKET: one message per send). */
enum sync_kind {
	SYNC_STEP = 1, /* child -> parent: reached step `value` */
	SYNC_GO,       /* parent -> child: go on */
	SYNC_ERROR,    /* child -> parent: failed; text says why */
};

struct sync_msg {
	int32_t kind;
	int32_t value;
	int32_t err;
	char text[4096];
};

struct child_ctx {
	const struct start_plan *plan;
	int sync_fd;
	const struct pty_pair *ptys;
	int n_ptys;
	const struct cgroup_mount_spec *cg_specs;
	size_t n_cg_specs;
	bool cg_mount;          /* lxc.mount.auto cgroup is to be done by us (not left to init) */
	bool cg_pure_v2;
	bool cgroupns_at_clone; /* CLONE_NEWCGROUP was part of the clone */
	struct cgroup_set *payload; /* the init's cgroups: v1 ones entered by the child itself */
	bool v2_at_clone;       /* the cgroup2 part came with CLONE_INTO_CGROUP */
	bool cgroups_ready;     /* all cgroups existed at clone: STEP_CGROUPS needs no wait */
	int devnull;            /* host /dev/null, for init's stdio when daemonized without a console */
	bool keep_stdio;        /* foreground without console: init keeps the caller's stdio */
	const struct start_net_ops *net;
	struct hook_env hook_env;
	int64_t t0_us;          /* the start's beginning, for the trace */
};

/* Never returns: execs the init or exits after reporting the failure. */
__attribute__((noreturn)) void start_child_main(struct child_ctx *ctx);

#endif
