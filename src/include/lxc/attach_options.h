/* attach_options.h - options for running code inside a container (liblxc 5.0's layout and constants); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef __LXC_ATTACH_OPTIONS_H
#define __LXC_ATTACH_OPTIONS_H

#include <errno.h> /* LXC_ATTACH_OPTIONS_DEFAULT uses EBADF */
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Everything here is part of liblxc's binary interface: the enum values, the
 * member order and the member types are those of liblxc 5.0, so programs and
 * bindings built against LXC's header work with berth's library unchanged.
 */

/* What happens to the caller's environment in the attached process. */
typedef enum lxc_attach_env_policy_t {
	LXC_ATTACH_KEEP_ENV = 0, /* inherit it */
#define LXC_ATTACH_KEEP_ENV LXC_ATTACH_KEEP_ENV

	LXC_ATTACH_CLEAR_ENV = 1, /* start from an empty one (plus container, TERM, PATH ...) */
#define LXC_ATTACH_CLEAR_ENV LXC_ATTACH_CLEAR_ENV
} lxc_attach_env_policy_t;

/* Flags for lxc_attach_options_t.attach_flags. The low 16 bits are steps done by
 * default (LXC_ATTACH_DEFAULT), the high 16 bits are opt-in. */
enum {
	LXC_ATTACH_MOVE_TO_CGROUP = 0x00000001, /* join the container's cgroup */
#define LXC_ATTACH_MOVE_TO_CGROUP LXC_ATTACH_MOVE_TO_CGROUP

	LXC_ATTACH_DROP_CAPABILITIES = 0x00000002, /* drop what lxc.cap.drop/keep says */
#define LXC_ATTACH_DROP_CAPABILITIES LXC_ATTACH_DROP_CAPABILITIES

	LXC_ATTACH_SET_PERSONALITY = 0x00000004, /* take the container's personality (lxc.arch) */
#define LXC_ATTACH_SET_PERSONALITY LXC_ATTACH_SET_PERSONALITY

	LXC_ATTACH_LSM_EXEC = 0x00000008, /* apply the LSM label at exec time */
#define LXC_ATTACH_LSM_EXEC LXC_ATTACH_LSM_EXEC

	LXC_ATTACH_REMOUNT_PROC_SYS = 0x00010000, /* remount /proc and /sys for the new pid namespace */
#define LXC_ATTACH_REMOUNT_PROC_SYS LXC_ATTACH_REMOUNT_PROC_SYS

	LXC_ATTACH_LSM_NOW = 0x00020000, /* apply the LSM label at once (reserved, unused by LXC too) */
#define LXC_ATTACH_LSM_NOW LXC_ATTACH_LSM_NOW

	LXC_ATTACH_NO_NEW_PRIVS = 0x00040000, /* set PR_SET_NO_NEW_PRIVS */
#define LXC_ATTACH_NO_NEW_PRIVS LXC_ATTACH_NO_NEW_PRIVS

	LXC_ATTACH_TERMINAL = 0x00080000, /* give the process a new pty */
#define LXC_ATTACH_TERMINAL LXC_ATTACH_TERMINAL

	LXC_ATTACH_LSM_LABEL = 0x00100000, /* use lsm_label instead of the container's label */
#define LXC_ATTACH_LSM_LABEL LXC_ATTACH_LSM_LABEL

	LXC_ATTACH_SETGROUPS = 0x00200000, /* set the supplementary groups from `groups` */
#define LXC_ATTACH_SETGROUPS LXC_ATTACH_SETGROUPS

	LXC_ATTACH_DEFAULT = 0x0000FFFF /* every default-on step */
#define LXC_ATTACH_DEFAULT LXC_ATTACH_DEFAULT
};

/* Every flag that concerns the security module. */
#define LXC_ATTACH_LSM (LXC_ATTACH_LSM_EXEC | LXC_ATTACH_LSM_NOW | LXC_ATTACH_LSM_LABEL)

/* The function run inside the container; its return value becomes the exit status. */
typedef int (*lxc_attach_exec_t)(void *payload);

/* Supplementary group ids (with LXC_ATTACH_SETGROUPS). */
typedef struct lxc_groups_t {
	size_t size;
	gid_t *list;
} lxc_groups_t;

/* personality value meaning "use the container's". */
#define LXC_ATTACH_DETECT_PERSONALITY ~0L

typedef struct lxc_attach_options_t {
	int attach_flags;   /* LXC_ATTACH_* */
	int namespaces;     /* CLONE_NEW* flags to enter; -1 for all the container has */
	long personality;   /* LXC_ATTACH_DETECT_PERSONALITY: the container's */
	char *initial_cwd;  /* NULL: the caller's cwd (or / if it does not exist inside) */
	uid_t uid;          /* (uid_t)-1: the container's root (or init's uid in a user namespace) */
	gid_t gid;          /* (gid_t)-1: likewise */
	lxc_attach_env_policy_t env_policy;
	char **extra_env_vars; /* "NAME=value" entries to add, NULL-terminated */
	char **extra_keep_env; /* variable names kept with LXC_ATTACH_CLEAR_ENV, NULL-terminated */
	int stdin_fd;       /* duplicated onto 0, 1, 2 in the attached process */
	int stdout_fd;
	int stderr_fd;
	int log_fd;         /* where the attach code logs; -EBADF for none */
	char *lsm_label;    /* with LXC_ATTACH_LSM_LABEL */
	lxc_groups_t groups; /* with LXC_ATTACH_SETGROUPS; empty drops every supplementary group */
} lxc_attach_options_t;

/* The options most callers want: all namespaces, cgroup, capabilities, personality. */
#define LXC_ATTACH_OPTIONS_DEFAULT                                     \
	{                                                              \
		.attach_flags = LXC_ATTACH_DEFAULT,                    \
		.namespaces = -1,                                      \
		.personality = LXC_ATTACH_DETECT_PERSONALITY,          \
		.initial_cwd = NULL,                                   \
		.uid = (uid_t)-1,                                      \
		.gid = (gid_t)-1,                                      \
		.env_policy = LXC_ATTACH_KEEP_ENV,                     \
		.extra_env_vars = NULL,                                \
		.extra_keep_env = NULL,                                \
		.stdin_fd = 0,                                         \
		.stdout_fd = 1,                                        \
		.stderr_fd = 2,                                        \
		.log_fd = -EBADF,                                      \
		.lsm_label = NULL,                                     \
		.groups = {},                                          \
	}

/* A program and its argv (argv[0] included), the payload of lxc_attach_run_command. */
typedef struct lxc_attach_command_t {
	char *program; /* looked up in PATH, as execvp does */
	char **argv;
} lxc_attach_command_t;

/* Ready-made lxc_attach_exec_t functions. lxc_attach_run_command execs the
 * lxc_attach_command_t it is given (returns -1 only if the exec fails);
 * lxc_attach_run_shell execs the user's login shell (payload unused). */
extern int lxc_attach_run_command(void *payload);
extern int lxc_attach_run_shell(void *payload);

#ifdef __cplusplus
}
#endif

#endif
