/* attach_ctx.h - what the three processes of an attach share: the facts about the container's init, read by the caller before any fork (attach_init.c); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_ATTACH_CTX_H
#define BERTH_ATTACH_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "attach.h"

struct cgroup_layout;
struct cgroup_set;

/* The namespaces in the order they are entered: the user namespace first, as it grants the rest. */
#define ATTACH_NS_COUNT 8
extern const int attach_ns_order[ATTACH_NS_COUNT];

struct attach_ctx {
	const struct attach_request *r;
	const lxc_attach_options_t *o;
	pid_t init_pid;
	int ns_flags;           /* CLONE_NEW* to enter: those of the init that differ from ours */
	uint64_t cap_drop;      /* not in the init's bounding set */
	bool nnp;               /* the init has no_new_privs */
	long personality;       /* -1: leave ours */
	uid_t uid;
	gid_t gid;
	char *lsm_label;        /* NULL: none to apply */
	bool apparmor;          /* else SELinux */
	struct cgroup_layout *layout;
	struct cgroup_set *cg;  /* NULL: stay in our cgroup */
	char *cwd;              /* where the process starts; NULL: the root */
	struct rlimit limits[RLIM_NLIMITS];
	bool set_limit[RLIM_NLIMITS];
	unsigned pty_mask;      /* bit k: fd k of the process is the pty */
	int host_master;        /* a pty of the caller's devpts, for a container without one */
	int host_slave;
	int cgns_fd;            /* set in the intermediate: the cgroup namespace the attached process enters itself, or -1 */
	int sock[2];            /* [0] the caller's end, [1] the children's */
};

/*
 * attach_init.c: fills the init's part of ctx (init_pid, ns_flags, cap_drop,
 * nnp, uid, gid, limits, personality, lsm_label) from ctx->r and ctx->o, and
 * refuses what cannot be reproduced (a seccomp filter of the container's own).
 * 0, or -errno with one line in err.
 */
int attach_read_init(struct attach_ctx *ctx, char *err, size_t errlen);

#endif
