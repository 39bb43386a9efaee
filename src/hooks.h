/* hooks.h - running lxc.hook.* programs with LXC's arguments and LXC_* environment, their output kept for the error message; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_HOOKS_H
#define BERTH_HOOKS_H

#include <stddef.h>
#include <sys/types.h>

struct hook_env {
	const char *name;
	const char *config_file;
	const char *rootfs_mount;
	const char *rootfs_path;
	const char *console;
	const char *console_log;
	const char *log_level;
	const char *target;       /* LXC_TARGET of stop hooks: "stop" or "reboot" */
	pid_t pid;                /* LXC_PID when > 0 */
	int version;              /* lxc.hook.version: 0 arguments, 1 environment */
	char *const *ns_args;     /* stop hooks: "mnt:/proc/PID/fd/N", ... (NULL-terminated) */
	char *const *extra_env;   /* more KEY=VALUE (lxc.environment for the start hook) */
};

/*
 * Runs `cmd` through /bin/sh as LXC does, waits for it. 0 if it exited 0;
 * otherwise -ECANCELED (or -errno) with err = "'CMD' exited with status N: LAST OUTPUT LINE".
 */
int hook_run(const char *type, const char *cmd, const struct hook_env *env, char *err, size_t errlen);

#endif
