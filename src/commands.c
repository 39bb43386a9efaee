/* commands.c - the client side of a running container's command socket: its address, and the calls (state, init pid, stop, signals, console, config items, cgroup paths, device rules, freezing); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "commands.h"
#include "commands_wire.h"
#include "util/cleanup.h"
#include "util/fdpass.h"

/* ---- addressing ---- */

uint64_t cmd_fnv64(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* "@LXCPATH/NAME/command" as LXC names it; hashed when too long for sun_path. */
static socklen_t cmd_addr(const char *name, const char *lxcpath, struct sockaddr_un *addr)
{
	char path[4200];
	size_t len;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	snprintf(path, sizeof(path), "%s/%s/command", lxcpath, name);
	len = strlen(path);
	if (len + 1 > sizeof(addr->sun_path)) {
		snprintf(path, sizeof(path), "lxc/%016llx/%s", (unsigned long long)cmd_fnv64(lxcpath), name);
		len = strlen(path);
		if (len + 1 > sizeof(addr->sun_path))
			len = sizeof(addr->sun_path) - 1;
	}
	memcpy(addr->sun_path + 1, path, len);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

int cmd_server_bind(const char *name, const char *lxcpath, int *fd, char *err, size_t errlen)
{
	struct sockaddr_un addr;
	socklen_t alen = cmd_addr(name, lxcpath, &addr);
	__do_close int s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (s < 0) {
		snprintf(err, errlen, "cannot create the command socket: %s", strerror(errno));
		return -errno;
	}
	if (bind(s, (struct sockaddr *)&addr, alen) < 0) {
		if (errno == EADDRINUSE) {
			snprintf(err, errlen, "is already running (its command socket @%s is in use)", addr.sun_path + 1);
			return -EEXIST;
		}
		snprintf(err, errlen, "cannot bind the command socket @%s: %s", addr.sun_path + 1, strerror(errno));
		return -errno;
	}
	if (listen(s, 64) < 0) {
		snprintf(err, errlen, "listen on the command socket: %s", strerror(errno));
		return -errno;
	}
	*fd = move_fd(s);
	return 0;
}

/* ---- client ---- */

int cmd_connect(const char *name, const char *lxcpath)
{
	struct sockaddr_un addr;
	socklen_t alen = cmd_addr(name, lxcpath, &addr);
	int s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (s < 0)
		return -errno;
	if (connect(s, (struct sockaddr *)&addr, alen) < 0) {
		int e = errno;
		close(s);
		/* Nobody bound it, or a non-berth monitor (other socket type) has it. */
		return e == ECONNREFUSED || e == ENOENT || e == EPROTOTYPE ? -ESRCH : -e;
	}
	return s;
}

int cmd_send_req(int s, uint32_t cmd, int32_t arg, const char *data)
{
	char buf[sizeof(struct cmd_req) + CMD_MAX_REQ_DATA];
	struct cmd_req *req = (struct cmd_req *)buf;
	size_t dlen = data ? strlen(data) + 1 : 0;

	if (dlen > CMD_MAX_REQ_DATA)
		return -E2BIG;
	req->magic = CMD_MAGIC;
	req->cmd = cmd;
	req->arg = arg;
	req->datalen = (uint32_t)dlen;
	if (dlen)
		memcpy(buf + sizeof(*req), data, dlen);
	if (send(s, buf, sizeof(*req) + dlen, MSG_NOSIGNAL) < 0)
		return -errno;
	return 0;
}

/* Receives one answer; data (if any) is copied NUL-terminated into *data (malloc'd). */
int cmd_recv_rsp(int s, struct cmd_rsp *rsp, char **data, int *fd)
{
	__do_free char *buf = malloc(CMD_MAX_MSG);
	struct iovec iov = { .iov_base = buf, .iov_len = CMD_MAX_MSG };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct fdpass_buf b;
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	if (fd)
		*fd = -1;
	fdpass_prepare(&msg, &b);
	do
		n = recvmsg(s, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;
	fdpass_collect(&msg, fd, fd ? 1 : 0);
	if ((size_t)n < sizeof(*rsp))
		return -EPROTO;
	memcpy(rsp, buf, sizeof(*rsp));
	if (rsp->magic != CMD_MAGIC || rsp->datalen > (size_t)n - sizeof(*rsp))
		return -EPROTO;
	if (data) {
		*data = malloc(rsp->datalen + 1);
		if (!*data)
			return -ENOMEM;
		memcpy(*data, buf + sizeof(*rsp), rsp->datalen);
		(*data)[rsp->datalen] = '\0';
	}
	return 0;
}

/* One request, one answer. Returns rsp.ret, or -ESRCH when nothing serves the container. */
static int cmd_call(const char *name, const char *lxcpath, uint32_t cmd, int32_t arg, const char *data, char **out,
		    int *fd)
{
	__do_close int s = cmd_connect(name, lxcpath);
	struct cmd_rsp rsp;
	int ret;

	if (s < 0)
		return s;
	ret = cmd_send_req(s, cmd, arg, data);
	if (ret < 0)
		return ret == -EPIPE || ret == -ECONNRESET ? -ESRCH : ret;
	ret = cmd_recv_rsp(s, &rsp, out, fd);
	if (ret < 0)
		return ret == -ECONNRESET ? -ESRCH : ret;
	return rsp.ret;
}

int cmd_get_state(const char *name, const char *lxcpath)
{
	int ret = cmd_call(name, lxcpath, CMD_GET_STATE, 0, NULL, NULL, NULL);

	if (ret == -EACCES)
		return ret;
	return ret < 0 ? STATE_STOPPED : ret;
}

pid_t cmd_get_init_pid(const char *name, const char *lxcpath)
{
	int ret = cmd_call(name, lxcpath, CMD_GET_INIT_PID, 0, NULL, NULL, NULL);
	return ret > 0 ? ret : -1;
}

int cmd_get_init_pidfd(const char *name, const char *lxcpath)
{
	int fd = -1;
	int ret = cmd_call(name, lxcpath, CMD_GET_INIT_PIDFD, 0, NULL, NULL, &fd);

	if (ret < 0) {
		if (fd >= 0)
			close(fd);
		return ret;
	}
	return fd >= 0 ? fd : -EBADF;
}

pid_t cmd_get_monitor_pid(const char *name, const char *lxcpath)
{
	int ret = cmd_call(name, lxcpath, CMD_GET_MONITOR_PID, 0, NULL, NULL, NULL);
	return ret > 0 ? ret : -1;
}

int cmd_stop(const char *name, const char *lxcpath)
{
	/* The monitor answers once the container is STOPPED; one that dies first
	 * closes the socket, which cmd_call reports as -ESRCH like "not running". */
	return cmd_call(name, lxcpath, CMD_STOP, 0, NULL, NULL, NULL);
}

int cmd_signal(const char *name, const char *lxcpath, enum cmd_signal_kind kind)
{
	return cmd_call(name, lxcpath, CMD_SIGNAL, (int32_t)kind, NULL, NULL, NULL);
}

int cmd_console(const char *name, const char *lxcpath, int *ttynum, int *masterfd)
{
	__do_close int s = cmd_connect(name, lxcpath);
	struct cmd_rsp rsp;
	int ret, fd = -1;

	if (s < 0)
		return s;
	ret = cmd_send_req(s, CMD_CONSOLE, *ttynum, NULL);
	if (ret < 0)
		return ret == -EPIPE || ret == -ECONNRESET ? -ESRCH : ret;
	ret = cmd_recv_rsp(s, &rsp, NULL, &fd);
	if (ret < 0)
		return ret == -ECONNRESET ? -ESRCH : ret;
	if (rsp.ret < 0 || fd < 0) {
		if (fd >= 0)
			close(fd);
		return rsp.ret < 0 ? rsp.ret : -EPROTO;
	}
	*ttynum = rsp.ret;
	*masterfd = fd;
	return move_fd(s);
}

int cmd_console_winch(int sock)
{
	return cmd_send_req(sock, CMD_CONSOLE_WINCH, 0, NULL);
}

int cmd_console_log(const char *name, const char *lxcpath, bool read, bool clear, char **data, size_t *len)
{
	__do_close int s = cmd_connect(name, lxcpath);
	__do_free char *buf = NULL;
	struct cmd_rsp rsp;
	char max[32];
	int ret;

	if (s < 0)
		return s;
	snprintf(max, sizeof(max), "%zu", read && len ? *len : 0);
	ret = cmd_send_req(s, CMD_CONSOLE_LOG, (read ? 1 : 0) | (clear ? 2 : 0), max);
	if (ret < 0)
		return ret == -EPIPE || ret == -ECONNRESET ? -ESRCH : ret;
	ret = cmd_recv_rsp(s, &rsp, &buf, NULL);
	if (ret < 0)
		return ret == -ECONNRESET ? -ESRCH : ret;
	if (rsp.ret < 0)
		return rsp.ret;
	if (read && data) {
		*data = move_ptr(buf);
		*len = rsp.datalen;
	}
	return 0;
}

int cmd_get_config_item(const char *name, const char *lxcpath, const char *key, char **value)
{
	char *out = NULL;
	int ret = cmd_call(name, lxcpath, CMD_GET_CONFIG_ITEM, 0, key, &out, NULL);

	if (ret < 0) {
		free(out);
		return ret;
	}
	*value = out;
	return 0;
}

int cmd_get_cgroup_path(const char *name, const char *lxcpath, const char *controller, char **path)
{
	char *out = NULL;
	int ret = cmd_call(name, lxcpath, CMD_GET_CGROUP, 0, controller ? controller : "", &out, NULL);

	if (ret < 0) {
		free(out);
		return ret;
	}
	*path = out;
	return 0;
}

/* A command whose failure comes with the monitor's reason: *why gets it (malloc'd) or NULL. */
static int cmd_call_why(const char *name, const char *lxcpath, uint32_t cmd, int32_t arg, const char *data,
			char **why)
{
	char *out = NULL;
	int ret = cmd_call(name, lxcpath, cmd, arg, data, &out, NULL);

	*why = NULL;
	if (ret < 0 && out && *out)
		*why = out;
	else
		free(out);
	return ret;
}

int cmd_device_rule(const char *name, const char *lxcpath, const char *rule, char **why)
{
	return cmd_call_why(name, lxcpath, CMD_DEVICE_RULE, 0, rule, why);
}

int cmd_freeze(const char *name, const char *lxcpath, bool freeze, char **why)
{
	return cmd_call_why(name, lxcpath, CMD_FREEZE, freeze ? 1 : 0, NULL, why);
}
