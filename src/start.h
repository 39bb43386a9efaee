/* start.h - starting a container: plan, lock by the command socket, fork the monitor (daemonized or here) and report RUNNING or the reason it failed; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_START_H
#define BERTH_START_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "start_plan.h"

struct lxc_config;

/*
 * What the network module does at its named steps of a start. Every member
 * may be NULL. ctx is the module's own (built from the config by its caller).
 */
struct start_net_ops {
	/* Monitor, at STEP_CLONED, while the child waits: create the devices with
	 * their container end inside the child's network namespace (netns_fd). */
	int (*create)(void *ctx, pid_t init_pid, int netns_fd, char *err, size_t errlen);
	/* Child, in its namespaces before the rootfs is set up: names, addresses, up. */
	int (*configure_inside)(void *ctx, char *err, size_t errlen);
	/* Monitor: the start failed after create. */
	void (*undo)(void *ctx, int netns_fd);
	/* Monitor, after init exited, while netns_fd still holds the namespace. */
	void (*stop)(void *ctx, int netns_fd);
	void *ctx;
};

struct start_args {
	bool daemonize;            /* lxc-start -d (its default): return once RUNNING */
	bool close_all_fds;        /* -C; implied by daemonize */
	bool foreground_console;   /* -F: the caller's terminal is the console */
	char *const *argv;         /* lxc-start -- COMMAND: replaces lxc.init.cmd */
	const char *pidfile;       /* -p: the monitor's pid, removed when it exits */
	const char *console_path;  /* -c */
	const char *console_log;   /* -L */
	const char *share[PLAN_NS_MAX]; /* --share-net/ipc/uts/pid NAME|PID */
	/* The running config, for get_running_config_item (conf_get_item's shape). */
	int (*config_item)(void *ctx, const char *key, char *buf, size_t len);
	void *config_ctx;
	const struct start_net_ops *net;
};

/*
 * Starts the container described by items (the effective config, in order).
 * daemonize: returns 0 once it is RUNNING, the monitor living on in the
 * background. Otherwise this process is the monitor: returns 0 when the
 * container has stopped, *exit_status being its init's wait status.
 * On failure returns -errno, logs ONE line saying what failed, where (key,
 * FILE:LINE) and what to do, and copies it into err.
 */
int berth_start_items(const struct plan_item *items, size_t n, const char *name, const char *lxcpath,
		      const char *config_file, const struct start_args *args, int *exit_status, char *err, size_t errlen);

/* The same for a loaded config (src/conf): its effective items, its own file. */
int berth_start(struct lxc_config *conf, const char *name, const char *lxcpath, const struct start_args *args,
		int *exit_status, char *err, size_t errlen);

#endif
