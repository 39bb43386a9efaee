/* commands.h - the command socket of a running container: the client calls (commands.c), waiting for states (commands_wait.c), lxc-monitor's broadcast (commands_broadcast.c) and the monitor's side (commands_server.c); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_COMMANDS_H
#define BERTH_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "state.h"


/* ---- client side: every call works for root or the container's owner ---- */

/* The container's state; STATE_STOPPED when no monitor answers, -EACCES when
 * one does but refuses the caller (neither root nor the container's owner). */
int cmd_get_state(const char *name, const char *lxcpath);
/* The init's pid (in our pid namespace), or -1 when not running. */
pid_t cmd_get_init_pid(const char *name, const char *lxcpath);
/* A pidfd of the init, or -ESRCH when not running. */
int cmd_get_init_pidfd(const char *name, const char *lxcpath);
/* The monitor's pid, or -1. */
pid_t cmd_get_monitor_pid(const char *name, const char *lxcpath);
/* Kills the container (lxc.signal.stop, default SIGKILL) and returns once it
 * is STOPPED and torn down. 0, or -ESRCH when it was not running (or its
 * monitor died before answering). */
int cmd_stop(const char *name, const char *lxcpath);

enum cmd_signal_kind { CMD_SIGNAL_HALT, CMD_SIGNAL_REBOOT, CMD_SIGNAL_STOP };
/* Sends lxc.signal.halt / reboot / stop to the init. 0 or -ESRCH. */
int cmd_signal(const char *name, const char *lxcpath, enum cmd_signal_kind kind);
/* Halt signal, then wait up to timeout seconds (-1: forever, 0: do not wait)
 * for STOPPED. 0, -ETIMEDOUT, or -ESRCH when not running. */
int cmd_shutdown(const char *name, const char *lxcpath, int timeout);
/* Reboot signal; with timeout != 0 waits until a new init runs. 0, -ETIMEDOUT, -ESRCH. */
int cmd_reboot(const char *name, const char *lxcpath, int timeout);
/* A key of the running config (lists one per line). 0 with *value malloc'd,
 * -ENOENT for an unknown key, -ESRCH when not running. */
int cmd_get_config_item(const char *name, const char *lxcpath, const char *key, char **value);
/* The container's cgroup in the hierarchy of controller (NULL: the first). */
int cmd_get_cgroup_path(const char *name, const char *lxcpath, const char *controller, char **path);
/* Adds a device rule ("allow c 10:200 rwm", "deny b 7:0 rwm"; LXC's syntax after
 * allow/deny) to the running container's cgroup2 device program: the monitor
 * keeps the rules and replaces the attached program. 0; -ESRCH when not
 * running; else -errno with the monitor's one-line reason in *why (malloc'd). */
int cmd_device_rule(const char *name, const char *lxcpath, const char *rule, char **why);
/* Freezes (freeze true) or thaws the running container; the monitor answers
 * once its cgroup is frozen or thawed (FREEZING -> FROZEN, THAWED -> RUNNING).
 * 0; -ESRCH when not running; else -errno with the monitor's one-line reason
 * in *why (malloc'd). */
int cmd_freeze(const char *name, const char *lxcpath, bool freeze, char **why);
/* Waits until the state is one of mask (bits 1 << STATE_*, as state_mask_parse
 * makes them): returns that state,
 * or -ETIMEDOUT after timeout seconds (-1: no limit). Event-driven. */
int cmd_wait_state(const char *name, const char *lxcpath, unsigned mask, int timeout);
/* A tty of the container: *ttynum -1 asks for the first free tty, 0 for the
 * console, N for tty N. Returns the connection's socket (the tty stays this
 * caller's until it is closed) with *masterfd the pty's master and *ttynum the
 * tty given; -EBUSY, -ENOENT (no such tty), -ESRCH (not running). */
int cmd_console(const char *name, const char *lxcpath, int *ttynum, int *masterfd);
/* On a connection cmd_console returned: the client's window size changed
 * (the console, lent through a proxy pty, follows it). No answer. */
int cmd_console_winch(int sock);
/* The console ring buffer (lxc.console.buffer.size): with read, its latest
 * bytes (at most *len, and what one message carries) into *data (malloc'd,
 * *len set); with clear, empties it after. -ENODATA when it has none. */
int cmd_console_log(const char *name, const char *lxcpath, bool read, bool clear, char **data, size_t *len);

/* ---- lxc-monitor: state changes of every container of an lxcpath ---- */

struct cmd_monitor;
/* Starts listening; events that happen from now on are received. */
int cmd_monitor_open(const char *lxcpath, struct cmd_monitor **out);
int cmd_monitor_fd(const struct cmd_monitor *m);
enum cmd_event_type { CMD_EVENT_STATE, CMD_EVENT_EXIT };
/* Waits up to timeout ms (-1: forever) for one event. 1 with an event, 0 on timeout, -errno. */
int cmd_monitor_next(struct cmd_monitor *m, int timeout_ms, char *name, size_t namelen, int *type, int *value);
void cmd_monitor_close(struct cmd_monitor *m);

/* ---- monitor side ---- */

struct cmd_server_ops {
	int (*state)(void *data);
	pid_t (*init_pid)(void *data);
	int (*init_pidfd)(void *data); /* a new fd the server sends and closes */
	int (*signal)(void *data, enum cmd_signal_kind kind);
	int (*config_item)(void *data, const char *key, char *buf, size_t len);
	const char *(*cgroup_path)(void *data, const char *controller);
	/* Lends tty *ttynum (-1: the first free) to client_fd: a master fd the
	 * server sends but does not close, or -errno. */
	int (*console)(void *data, int client_fd, int *ttynum);
	/* client_fd's connection is closing: what it borrowed is free again. */
	void (*client_gone)(void *data, int client_fd);
	void (*console_winch)(void *data, int client_fd);
	/* Copies the ring buffer's latest bytes (at most len) into buf when buf,
	 * then empties it when clear: the count copied, or -errno. */
	int (*console_log)(void *data, char *buf, size_t len, bool clear);
	/* Applies "allow|deny RULE" to the container's device program: 0 or
	 * -errno with the reason in why. */
	int (*device_rule)(void *data, const char *rule, char *why, size_t len);
	/* Freezes or thaws the container's cgroup and waits for it: 0 or -errno
	 * with the reason in why. */
	int (*freeze)(void *data, bool freeze, char *why, size_t len);
	void *data;
};

/* Binds the container's abstract socket. -EEXIST when a monitor already has it. */
int cmd_server_bind(const char *name, const char *lxcpath, int *fd, char *err, size_t errlen);

struct cmd_server;
/* Serves on listen_fd through epfd; the fds it adds carry CMD_EPOLL_TAG in data.u64. */
#define CMD_EPOLL_TAG (1ULL << 40)
struct cmd_server *cmd_server_new(int listen_fd, int epfd, const char *name, const char *lxcpath,
				  const struct cmd_server_ops *ops);
void cmd_server_event(struct cmd_server *s, uint64_t tag);
/* Stops accepting new clients (the abstract name is free again at once, so a
 * new start can bind it); the connected ones stay until cmd_server_free. */
void cmd_server_close_listener(struct cmd_server *s);
/* Tells subscribers and lxc-monitor listeners; when STOPPED, answers pending stop calls. */
void cmd_server_state(struct cmd_server *s, int state);
/* The init exited with status (lxc-monitor prints it). */
void cmd_server_exit_code(struct cmd_server *s, int status);
void cmd_server_free(struct cmd_server *s);

/* State changes of a container that is not served yet (before bind) or any more. */
void cmd_broadcast_state(const char *name, const char *lxcpath, int state);

#endif
