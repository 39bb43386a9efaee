/* commands.c - the command socket of a running container: the monitor's side and the client calls (state, init pid, stop, config, waiting for states); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

#define CMD_MAGIC 0x62727468u /* "brth" */
#define CMD_MAX_MSG 65536

enum cmd_id {
	CMD_GET_STATE = 1,
	CMD_GET_INIT_PID,
	CMD_GET_INIT_PIDFD,
	CMD_GET_MONITOR_PID,
	CMD_STOP,
	CMD_SIGNAL,
	CMD_GET_CONFIG_ITEM,
	CMD_GET_CGROUP,
	CMD_SUBSCRIBE,
	CMD_CONSOLE,
	CMD_CONSOLE_LOG,
	CMD_CONSOLE_WINCH,
	CMD_DEVICE_RULE,
	CMD_FREEZE,
};

struct cmd_req {
	uint32_t magic;
	uint32_t cmd;
	int32_t arg;
	uint32_t datalen;
};

struct cmd_rsp {
	uint32_t magic;
	int32_t ret;
	uint32_t datalen;
};

/* ---- addressing ---- */

static uint64_t fnv64(const char *s)
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
		snprintf(path, sizeof(path), "lxc/%016llx/%s", (unsigned long long)fnv64(lxcpath), name);
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

static int cmd_connect(const char *name, const char *lxcpath)
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

static int send_req(int s, uint32_t cmd, int32_t arg, const char *data)
{
	char buf[sizeof(struct cmd_req) + 4096];
	struct cmd_req *req = (struct cmd_req *)buf;
	size_t dlen = data ? strlen(data) + 1 : 0;

	if (dlen > 4096)
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
static int recv_rsp(int s, struct cmd_rsp *rsp, char **data, int *fd)
{
	__do_free char *buf = malloc(CMD_MAX_MSG);
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = buf, .iov_len = CMD_MAX_MSG };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	if (fd)
		*fd = -1;
	do
		n = recvmsg(s, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			int got;
			memcpy(&got, CMSG_DATA(c), sizeof(int));
			if (fd)
				*fd = got;
			else
				close(got);
		}
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
	ret = send_req(s, cmd, arg, data);
	if (ret < 0)
		return ret == -EPIPE || ret == -ECONNRESET ? -ESRCH : ret;
	ret = recv_rsp(s, &rsp, out, fd);
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
	/* The monitor answers once the container is STOPPED (or closes if it dies). */
	int ret = cmd_call(name, lxcpath, CMD_STOP, 0, NULL, NULL, NULL);
	return ret == -ECONNRESET ? 0 : ret;
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
	ret = send_req(s, CMD_CONSOLE, *ttynum, NULL);
	if (ret < 0)
		return ret == -EPIPE || ret == -ECONNRESET ? -ESRCH : ret;
	ret = recv_rsp(s, &rsp, NULL, &fd);
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
	return send_req(sock, CMD_CONSOLE_WINCH, 0, NULL);
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
	ret = send_req(s, CMD_CONSOLE_LOG, (read ? 1 : 0) | (clear ? 2 : 0), max);
	if (ret < 0)
		return ret == -EPIPE || ret == -ECONNRESET ? -ESRCH : ret;
	ret = recv_rsp(s, &rsp, &buf, NULL);
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

int cmd_device_rule(const char *name, const char *lxcpath, const char *rule, char **why)
{
	char *out = NULL;
	int ret = cmd_call(name, lxcpath, CMD_DEVICE_RULE, 0, rule, &out, NULL);

	*why = NULL;
	if (ret < 0 && out && *out)
		*why = out;
	else
		free(out);
	return ret;
}

int cmd_freeze(const char *name, const char *lxcpath, bool freeze, char **why)
{
	char *out = NULL;
	int ret = cmd_call(name, lxcpath, CMD_FREEZE, freeze ? 1 : 0, NULL, &out, NULL);

	*why = NULL;
	if (ret < 0 && out && *out)
		*why = out;
	else
		free(out);
	return ret;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int remaining_ms(int64_t deadline)
{
	int64_t left;

	if (deadline < 0)
		return -1;
	left = deadline - now_ms();
	return left > 0 ? (int)(left > INT32_MAX ? INT32_MAX : left) : 0;
}

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
	ret = send_req(s, CMD_SUBSCRIBE, -1, NULL);
	if (ret < 0)
		return -ESRCH;
	ret = recv_rsp(s, &rsp, NULL, NULL);
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
			if (recv_rsp(conn, &rsp, NULL, NULL) < 0) {
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

/* ---- lxc-monitor: the per-lxcpath broadcast ---- */

struct mon_msg {
	uint32_t magic;
	int32_t type;
	int32_t value;
	char name[256];
};

struct cmd_monitor {
	int fd;
	char path[108];
};

static int monitor_dir(const char *lxcpath, char *buf, size_t len)
{
	const char *base;
	char userbase[256];

	if (geteuid() == 0) {
		base = RUNTIME_PATH "/lxc";
	} else {
		const char *xdg = getenv("XDG_RUNTIME_DIR");
		if (xdg && *xdg)
			snprintf(userbase, sizeof(userbase), "%s/lxc", xdg);
		else
			snprintf(userbase, sizeof(userbase), "/run/user/%u/lxc", (unsigned)geteuid());
		base = userbase;
	}
	if ((size_t)snprintf(buf, len, "%s/berth-monitor/%016llx", base, (unsigned long long)fnv64(lxcpath)) >= len)
		return -ENAMETOOLONG;
	return 0;
}

int cmd_monitor_open(const char *lxcpath, struct cmd_monitor **out)
{
	static unsigned counter;
	struct cmd_monitor *m;
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char dir[256];
	int ret;

	*out = NULL;
	ret = monitor_dir(lxcpath, dir, sizeof(dir));
	if (ret < 0)
		return ret;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	if ((size_t)snprintf(m->path, sizeof(m->path), "%s/%d.%u", dir, getpid(), counter++) >= sizeof(m->path)) {
		free(m);
		return -ENOMEM;
	}
	m->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (m->fd < 0) {
		free(m);
		return -errno;
	}
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", m->path);
	/* A broadcaster removes the directory when it finds nobody listening:
	 * make it again if that happened between our mkdir and bind. */
	for (int tries = 0; tries < 3; tries++) {
		ret = mkdir_p(dir, 0755);
		if (ret < 0)
			break;
		unlink(m->path);
		ret = bind(m->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ? -errno : 0;
		if (ret != -ENOENT)
			break;
	}
	if (ret < 0) {
		close(m->fd);
		free(m);
		return ret;
	}
	*out = m;
	return 0;
}

int cmd_monitor_fd(const struct cmd_monitor *m)
{
	return m ? m->fd : -1;
}

int cmd_monitor_next(struct cmd_monitor *m, int timeout_ms, char *name, size_t namelen, int *type, int *value)
{
	struct pollfd pfd = { .fd = m->fd, .events = POLLIN };
	struct mon_msg msg;
	ssize_t n;
	int r;

	for (;;) {
		r = poll(&pfd, 1, timeout_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : 0;
		n = recv(m->fd, &msg, sizeof(msg), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -errno;
		}
		if ((size_t)n != sizeof(msg) || msg.magic != CMD_MAGIC)
			continue;
		msg.name[sizeof(msg.name) - 1] = '\0';
		snprintf(name, namelen, "%s", msg.name);
		*type = msg.type;
		*value = msg.value;
		return 1;
	}
}

void cmd_monitor_close(struct cmd_monitor *m)
{
	char *slash;

	if (!m)
		return;
	unlink(m->path);
	close(m->fd);
	/* The last listener of an lxcpath takes its directory along. */
	slash = strrchr(m->path, '/');
	if (slash) {
		*slash = '\0';
		rmdir(m->path);
	}
	free(m);
}

static void broadcast(const char *name, const char *lxcpath, int type, int value)
{
	struct mon_msg msg = { .magic = CMD_MAGIC, .type = type, .value = value };
	__do_closedir DIR *d = NULL;
	__do_close int s = -EBADF;
	struct dirent *de;
	char dir[256];
	int live = 0;

	if (monitor_dir(lxcpath, dir, sizeof(dir)) < 0)
		return;
	d = opendir(dir);
	if (!d)
		return; /* nobody listens: the common, cheap case */
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (s < 0)
		return;
	snprintf(msg.name, sizeof(msg.name), "%s", name);
	while ((de = readdir(d))) {
		struct sockaddr_un addr = { .sun_family = AF_UNIX };

		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/%s", dir, de->d_name) >= sizeof(addr.sun_path))
			continue;
		if (sendto(s, &msg, sizeof(msg), MSG_NOSIGNAL, (struct sockaddr *)&addr, sizeof(addr)) < 0 &&
		    (errno == ECONNREFUSED || errno == ENOTSOCK || errno == ENOENT)) {
			unlinkat(dirfd(d), de->d_name, 0); /* its listener died without cleaning up */
			continue;
		}
		live++;
	}
	/* Nobody listens any more: leave no empty directory behind. */
	if (!live)
		rmdir(dir);
}

void cmd_broadcast_state(const char *name, const char *lxcpath, int state)
{
	broadcast(name, lxcpath, CMD_EVENT_STATE, state);
}

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
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = dlen ? 2 : 1 };

	if (passfd >= 0) {
		struct cmsghdr *c;
		memset(cbuf, 0, sizeof(cbuf));
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &passfd, sizeof(int));
	}
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
	char buf[sizeof(struct cmd_req) + 4096 + 1];
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
	broadcast(s->name, s->lxcpath, CMD_EVENT_STATE, state);
}

void cmd_server_exit_code(struct cmd_server *s, int status)
{
	broadcast(s->name, s->lxcpath, CMD_EVENT_EXIT, status);
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
