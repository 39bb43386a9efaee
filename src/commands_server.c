/* commands_server.c - the monitor's side of the command socket: clients, requests, subscribers and the answers the monitor's callbacks give; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "commands.h"
#include "commands_wire.h"
#include "util/cleanup.h"
#include "util/fdpass.h"

/* ---- server ---- */

enum client_kind { CLIENT_PLAIN, CLIENT_SUBSCRIBER, CLIENT_STOP_WAITER };

struct client {
	int fd;
	enum client_kind kind;
};

struct cmd_server {
	int listen_fd;
	int epfd;
	char *name;
	char *lxcpath;
	struct cmd_server_ops ops;
	struct client *clients;
	size_t n_clients;
};

struct cmd_server *cmd_server_new(int listen_fd, int epfd, const char *name, const char *lxcpath,
				  const struct cmd_server_ops *ops)
{
	struct cmd_server *s = calloc(1, sizeof(*s));
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = CMD_EPOLL_TAG | (uint64_t)listen_fd };

	if (!s)
		return NULL;
	s->listen_fd = listen_fd;
	s->epfd = epfd;
	s->name = strdup(name);
	s->lxcpath = strdup(lxcpath);
	s->ops = *ops;
	if (!s->name || !s->lxcpath || epoll_ctl(epfd, EPOLL_CTL_ADD, listen_fd, &ev) < 0) {
		free(s->name);
		free(s->lxcpath);
		free(s);
		return NULL;
	}
	return s;
}

static struct client *find_client(struct cmd_server *s, int fd)
{
	for (size_t i = 0; i < s->n_clients; i++)
		if (s->clients[i].fd == fd)
			return &s->clients[i];
	return NULL;
}

static void drop_client(struct cmd_server *s, int fd)
{
	for (size_t i = 0; i < s->n_clients; i++) {
		if (s->clients[i].fd != fd)
			continue;
		if (s->ops.client_gone)
			s->ops.client_gone(s->ops.data, fd);
		epoll_ctl(s->epfd, EPOLL_CTL_DEL, fd, NULL);
		close(fd);
		s->clients[i] = s->clients[--s->n_clients];
		return;
	}
}

static int send_rsp(int fd, int32_t ret, const char *data, size_t dlen, int passfd)
{
	struct cmd_rsp rsp = { .magic = CMD_MAGIC, .ret = ret, .datalen = (uint32_t)dlen };
	struct iovec iov[2] = { { &rsp, sizeof(rsp) }, { (void *)data, dlen } };
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = dlen ? 2 : 1 };
	struct fdpass_buf b;

	if (passfd >= 0)
		fdpass_attach(&msg, &b, &passfd, 1);
	return sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT) < 0 ? -errno : 0;
}

static void accept_clients(struct cmd_server *s)
{
	for (;;) {
		int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		struct ucred cred;
		socklen_t clen = sizeof(cred);
		struct epoll_event ev = { .events = EPOLLIN };
		struct client *grown;

		if (fd < 0)
			return;
		/* Root or the user who started the container; nobody else. */
		if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) < 0 || (cred.uid != 0 && cred.uid != geteuid())) {
			send_rsp(fd, -EACCES, NULL, 0, -1);
			close(fd);
			continue;
		}
		grown = realloc(s->clients, (s->n_clients + 1) * sizeof(*grown));
		if (!grown) {
			close(fd);
			continue;
		}
		s->clients = grown;
		ev.data.u64 = CMD_EPOLL_TAG | (uint64_t)fd;
		if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
			close(fd);
			continue;
		}
		s->clients[s->n_clients++] = (struct client){ .fd = fd, .kind = CLIENT_PLAIN };
	}
}

static void handle_request(struct cmd_server *s, struct client *c)
{
	char buf[sizeof(struct cmd_req) + CMD_MAX_REQ_DATA + 1];
	struct cmd_req req;
	const char *data = "";
	ssize_t n;
	int fd = c->fd;

	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0 || (size_t)n < sizeof(req)) {
		drop_client(s, fd);
		return;
	}
	memcpy(&req, buf, sizeof(req));
	if (req.magic != CMD_MAGIC || req.datalen > (size_t)n - sizeof(req)) {
		drop_client(s, fd);
		return;
	}
	buf[n] = '\0';
	if (req.datalen)
		data = buf + sizeof(req);

	switch (req.cmd) {
	case CMD_GET_STATE:
		send_rsp(fd, s->ops.state(s->ops.data), NULL, 0, -1);
		break;
	case CMD_GET_INIT_PID:
		send_rsp(fd, s->ops.init_pid(s->ops.data), NULL, 0, -1);
		break;
	case CMD_GET_MONITOR_PID:
		send_rsp(fd, getpid(), NULL, 0, -1);
		break;
	case CMD_GET_INIT_PIDFD: {
		int pfd = s->ops.init_pidfd(s->ops.data);
		send_rsp(fd, pfd < 0 ? pfd : 0, NULL, 0, pfd);
		if (pfd >= 0)
			close(pfd);
		break;
	}
	case CMD_SIGNAL:
		send_rsp(fd, s->ops.signal(s->ops.data, (enum cmd_signal_kind)req.arg), NULL, 0, -1);
		break;
	case CMD_STOP: {
		int ret = s->ops.signal(s->ops.data, CMD_SIGNAL_STOP);
		if (ret < 0)
			send_rsp(fd, ret, NULL, 0, -1);
		else
			c->kind = CLIENT_STOP_WAITER; /* answered at STOPPED */
		return;
	}
	case CMD_GET_CONFIG_ITEM: {
		__do_free char *val = malloc(CMD_MAX_MSG - sizeof(struct cmd_rsp));
		int ret;
		if (!val) {
			send_rsp(fd, -ENOMEM, NULL, 0, -1);
			break;
		}
		ret = s->ops.config_item ? s->ops.config_item(s->ops.data, data, val, CMD_MAX_MSG - sizeof(struct cmd_rsp) - 1)
					 : -ENOSYS;
		if (ret < 0)
			send_rsp(fd, ret, NULL, 0, -1);
		else {
			size_t len = strnlen(val, CMD_MAX_MSG - sizeof(struct cmd_rsp) - 1);
			send_rsp(fd, 0, val, len, -1);
		}
		break;
	}
	case CMD_GET_CGROUP: {
		const char *path = s->ops.cgroup_path ? s->ops.cgroup_path(s->ops.data, *data ? data : NULL) : NULL;
		if (path)
			send_rsp(fd, 0, path, strlen(path), -1);
		else
			send_rsp(fd, -ENOENT, NULL, 0, -1);
		break;
	}
	case CMD_CONSOLE: {
		int tty = req.arg;
		int mfd = s->ops.console ? s->ops.console(s->ops.data, fd, &tty) : -ENOSYS;
		/* The client keeps the connection open while it uses the tty. */
		send_rsp(fd, mfd < 0 ? mfd : tty, NULL, 0, mfd);
		return;
	}
	case CMD_CONSOLE_WINCH:
		if (s->ops.console_winch)
			s->ops.console_winch(s->ops.data, fd);
		return; /* no answer: the client reads this socket only for its hangup */
	case CMD_CONSOLE_LOG: {
		size_t cap = CMD_MAX_MSG - sizeof(struct cmd_rsp) - 1, want = strtoull(data, NULL, 10);
		__do_free char *out = (req.arg & 1) ? malloc(cap) : NULL;
		int ret;

		if (want && want < cap)
			cap = want;
		if ((req.arg & 1) && !out)
			ret = -ENOMEM;
		else
			ret = s->ops.console_log ? s->ops.console_log(s->ops.data, out, out ? cap : 0, req.arg & 2) : -ENOSYS;
		send_rsp(fd, ret < 0 ? ret : 0, out, ret > 0 ? (size_t)ret : 0, -1);
		break;
	}
	case CMD_DEVICE_RULE: {
		char why[1024] = "";
		int ret = s->ops.device_rule ? s->ops.device_rule(s->ops.data, data, why, sizeof(why)) : -ENOSYS;
		send_rsp(fd, ret, ret < 0 ? why : NULL, ret < 0 ? strlen(why) : 0, -1);
		break;
	}
	case CMD_FREEZE: {
		char why[1024] = "";
		int ret = s->ops.freeze ? s->ops.freeze(s->ops.data, req.arg != 0, why, sizeof(why)) : -ENOSYS;
		send_rsp(fd, ret, ret < 0 ? why : NULL, ret < 0 ? strlen(why) : 0, -1);
		break;
	}
	case CMD_SUBSCRIBE:
		c->kind = CLIENT_SUBSCRIBER;
		send_rsp(fd, s->ops.state(s->ops.data), NULL, 0, -1);
		return;
	default:
		send_rsp(fd, -ENOSYS, NULL, 0, -1);
		break;
	}
	/* Plain requests are one-shot; the client closes, we drop it on EOF. */
}

void cmd_server_event(struct cmd_server *s, uint64_t tag)
{
	int fd = (int)(tag & 0xffffffffu);
	struct client *c;

	if (s->listen_fd >= 0 && fd == s->listen_fd) {
		accept_clients(s);
		return;
	}
	c = find_client(s, fd);
	if (!c) {
		epoll_ctl(s->epfd, EPOLL_CTL_DEL, fd, NULL);
		return;
	}
	handle_request(s, c);
}

void cmd_server_state(struct cmd_server *s, int state)
{
	for (size_t i = 0; i < s->n_clients;) {
		struct client *c = &s->clients[i];

		if (c->kind == CLIENT_SUBSCRIBER && send_rsp(c->fd, state, NULL, 0, -1) < 0) {
			drop_client(s, c->fd);
			continue;
		}
		if (c->kind == CLIENT_STOP_WAITER && state == STATE_STOPPED) {
			send_rsp(c->fd, 0, NULL, 0, -1);
			drop_client(s, c->fd);
			continue;
		}
		i++;
	}
	cmd_broadcast(s->name, s->lxcpath, CMD_EVENT_STATE, state);
}

void cmd_server_exit_code(struct cmd_server *s, int status)
{
	cmd_broadcast(s->name, s->lxcpath, CMD_EVENT_EXIT, status);
}

void cmd_server_close_listener(struct cmd_server *s)
{
	if (!s || s->listen_fd < 0)
		return;
	epoll_ctl(s->epfd, EPOLL_CTL_DEL, s->listen_fd, NULL);
	close(s->listen_fd);
	s->listen_fd = -1;
}

void cmd_server_free(struct cmd_server *s)
{
	if (!s)
		return;
	while (s->n_clients)
		drop_client(s, s->clients[0].fd);
	cmd_server_close_listener(s);
	free(s->clients);
	free(s->name);
	free(s->lxcpath);
	free(s);
}
