/* commands_broadcast.c - the per-lxcpath broadcast of state changes that lxc-monitor reads, and its senders; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "commands.h"
#include "commands_wire.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

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
	if ((size_t)snprintf(buf, len, "%s/berth-monitor/%016llx", base, (unsigned long long)cmd_fnv64(lxcpath)) >= len)
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

void cmd_broadcast(const char *name, const char *lxcpath, int type, int value)
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
	cmd_broadcast(name, lxcpath, CMD_EVENT_STATE, state);
}
