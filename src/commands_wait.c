/* commands_wait.c - waiting for a container's states (lxc-wait, shutdown, reboot): subscribed to its monitor while it runs, to the lxcpath's broadcast while it does not; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "commands_wire.h"
#include "util/cleanup.h"
#include "util/time.h"

/* Connects and subscribes to every state change; *state gets the current one. */
static int subscribe(const char *name, const char *lxcpath, int64_t deadline, int *state)
{
	__do_close int s = cmd_connect(name, lxcpath);
	struct cmd_rsp rsp;
	int ret;

	if (s < 0)
		return s;
	if (deadline >= 0) {
		/* A monitor still busy starting answers late: keep the caller's timeout. */
		int ms = remaining_ms(deadline);
		struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 + (ms == 0 ? 1000 : 0) };
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	ret = cmd_send_req(s, CMD_SUBSCRIBE, -1, NULL);
	if (ret < 0)
		return -ESRCH;
	ret = cmd_recv_rsp(s, &rsp, NULL, NULL);
	if (ret == -EAGAIN || ret == -EWOULDBLOCK)
		return -ETIMEDOUT;
	if (ret < 0)
		return -ESRCH;
	*state = rsp.ret;
	{
		struct timeval none = { 0 };
		setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof(none));
	}
	return move_fd(s);
}

/*
 * The waiting loop shared by wait_state and reboot: follows the container's
 * own socket while it runs and the lxcpath's broadcast while it does not, so
 * a start, a stop or a killed monitor are all seen as they happen.
 * `want(state, ctx)` returns > 0 to finish with that state, < 0 to fail.
 */
typedef int (*want_fn)(int state, void *ctx);

static int wait_loop(const char *name, const char *lxcpath, int timeout, want_fn want, void *ctx)
{
	struct cmd_monitor *bus = NULL;
	int64_t deadline = timeout < 0 ? -1 : now_ms() + (int64_t)timeout * 1000;
	int conn = -1, state, ret;
	bool try_connect = true;

	(void)cmd_monitor_open(lxcpath, &bus);
	for (;;) {
		struct pollfd pfd[2];
		int n = 0, r;

		if (conn < 0 && try_connect) {
			try_connect = false;
			conn = subscribe(name, lxcpath, deadline, &state);
			if (conn == -ETIMEDOUT) {
				ret = -ETIMEDOUT;
				break;
			}
			if (conn < 0)
				state = STATE_STOPPED;
			r = want(state, ctx);
			if (r) {
				ret = r > 0 ? state : r;
				break;
			}
		}
		if (conn >= 0)
			pfd[n++] = (struct pollfd){ .fd = conn, .events = POLLIN };
		if (bus)
			pfd[n++] = (struct pollfd){ .fd = cmd_monitor_fd(bus), .events = POLLIN };
		if (n == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		r = poll(pfd, (nfds_t)n, remaining_ms(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			break;
		}
		if (r == 0) {
			ret = -ETIMEDOUT;
			break;
		}
		if (conn >= 0 && pfd[0].revents) {
			struct cmd_rsp rsp;
			if (cmd_recv_rsp(conn, &rsp, NULL, NULL) < 0) {
				/* The monitor is gone: the container is stopped. */
				close(conn);
				conn = -1;
				state = STATE_STOPPED;
			} else {
				state = rsp.ret;
			}
			r = want(state, ctx);
			if (r) {
				ret = r > 0 ? state : r;
				break;
			}
		}
		if (bus && pfd[n - 1].revents) {
			char ename[256];
			int type, value;
			while (cmd_monitor_next(bus, 0, ename, sizeof(ename), &type, &value) > 0) {
				if (strcmp(ename, name) || type != CMD_EVENT_STATE)
					continue;
				if (conn < 0)
					try_connect = true;
				r = want(value, ctx);
				if (r) {
					ret = r > 0 ? value : r;
					goto out;
				}
			}
		}
	}
out:
	if (conn >= 0)
		close(conn);
	cmd_monitor_close(bus);
	return ret;
}

static int want_mask(int state, void *ctx)
{
	unsigned mask = *(unsigned *)ctx;
	return state >= 0 && state < STATE_COUNT && (mask & (1u << state)) ? 1 : 0;
}

int cmd_wait_state(const char *name, const char *lxcpath, unsigned mask, int timeout)
{
	return wait_loop(name, lxcpath, timeout, want_mask, &mask);
}

int cmd_shutdown(const char *name, const char *lxcpath, int timeout)
{
	unsigned mask = 1u << STATE_STOPPED;
	int ret = cmd_signal(name, lxcpath, CMD_SIGNAL_HALT);

	if (ret < 0)
		return ret;
	if (timeout == 0)
		return 0;
	ret = cmd_wait_state(name, lxcpath, mask, timeout);
	return ret < 0 ? ret : 0;
}

struct reboot_wait {
	bool went_down;
};

static int want_back(int state, void *ctx)
{
	struct reboot_wait *w = ctx;

	if (state == STATE_STOPPING || state == STATE_STARTING)
		w->went_down = true;
	if (state == STATE_RUNNING && w->went_down)
		return 1;
	if (state == STATE_STOPPED)
		return -ECANCELED;
	return 0;
}

int cmd_reboot(const char *name, const char *lxcpath, int timeout)
{
	struct reboot_wait w = { false };
	pid_t before = cmd_get_init_pid(name, lxcpath);
	int ret;

	if (before < 0)
		return -ESRCH;
	ret = cmd_signal(name, lxcpath, CMD_SIGNAL_REBOOT);
	if (ret < 0 || timeout == 0)
		return ret;
	/* A fast reboot may be over before we subscribe: a new init pid tells. */
	ret = wait_loop(name, lxcpath, timeout, want_back, &w);
	if (ret == STATE_RUNNING)
		return 0;
	if (ret == -ETIMEDOUT || ret == -ECANCELED) {
		pid_t after = cmd_get_init_pid(name, lxcpath);
		if (after > 0 && after != before)
			return 0;
	}
	return ret < 0 ? ret : -ECANCELED;
}
