/* monitor_private.h - the monitor's state, shared by monitor.c (start, event loop, teardown) and monitor_console.c (the console and ttys); private to them; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_MONITOR_PRIVATE_H
#define BERTH_MONITOR_PRIVATE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cgroup_policy.h"
#include "cgroups/bpf_devices.h"
#include "cgroups/cgroup.h"
#include "commands.h"
#include "console.h"
#include "hooks.h"
#include "monitor.h"
#include "start_plan.h"

/* What an epoll event of the monitor is about. */
enum {
	TAG_SIGNAL = 1,
	TAG_INIT,
	TAG_CONSOLE,  /* the console pty's master */
	TAG_INPUT,    /* what feeds the console: the caller's terminal (-F) or lxc.console.path */
	TAG_PROXY,    /* the slave of the pty lent to a console client */
};

struct monitor {
	struct monitor_args *a;
	struct start_plan *plan;
	const struct start_args *args;
	struct cgroup_layout *layout;
	struct cgroup_set *mon_cg;
	struct cgroup_set *payload;
	struct pty_pair *ptys;
	int n_ptys;
	struct cgroup_mount_spec cg_specs[32];
	size_t n_cg_specs;
	bool cg_mount;
	struct cmd_server *srv;
	int epfd;
	int sigfd;
	sigset_t oldmask;
	pid_t pid;
	int pidfd;
	int netns_fd;
	int state;
	struct hook_env henv;
	char *ns_args[8];
	int ns_fds[8];
	int console_in;      /* -1: none */
	int console_out;     /* -1: none */
	int console_log;     /* -1: none */
	bool console_reading;
	struct pty_pair proxy; /* the console lent to a client (lxc-console -t 0); master -1: none */
	int *tty_owner;      /* [0]: the console, [N]: ttyN; the client's socket fd or -1 */
	struct console_ring ring; /* lxc.console.buffer.size */
	uint64_t log_written;     /* bytes in lxc.console.logfile, for lxc.console.size */
	struct console_term term;
	int devnull;
	bool prestart_done;
	bool mon_v2_entered;
	bool payload_split;  /* the v1 part of the payload is made during the spawn */
	struct dev_state devs;   /* lxc.cgroup2.devices.*: the payload's BPF device program */
	struct device_route route; /* where the config's device rules go on this host */
};

/* monitor.c: adds fd to (removes it from) the event loop under tag. */
void monitor_watch(struct monitor *m, int fd, uint64_t tag);
void monitor_unwatch(struct monitor *m, int fd);

/* monitor_console.c: the console's ends (lxc.console.path / logfile, or the caller's
 * terminal with -F) before the start; then, in the event loop, what the console pty,
 * the caller's input and a console client's proxy pty bring. */
int monitor_console_open(struct monitor *m, char *err, size_t errlen);
void monitor_on_console(struct monitor *m);
void monitor_on_proxy(struct monitor *m);
void monitor_on_input(struct monitor *m);
/* monitor_console.c: the command socket's console requests (lxc-console, console_log). */
int monitor_cb_console(void *data, int client_fd, int *ttynum);
int monitor_cb_console_log(void *data, char *buf, size_t len, bool clear);
void monitor_cb_console_winch(void *data, int client_fd);
void monitor_cb_client_gone(void *data, int client_fd);

#endif
