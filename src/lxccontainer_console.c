/* lxccontainer_console.c - the container object's console methods: a tty of a running container lent by its monitor, and the relay lxc-console runs on it; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "commands.h"
#include "console.h"
#include "container.h"
#include "log.h"
#include "lxccontainer_console.h"
#include "util/cleanup.h"

/* Returns the socket that keeps the tty this caller's (close it to free the
 * tty), as LXC's console_getfd does, or -1. */
static int m_console_getfd(struct lxc_container *c, int *ttynum, int *ptxfd)
{
	int want = ttynum ? *ttynum : -1;
	int got = want, master = -1, sock;

	if (!c || !ptxfd)
		return -1;
	sock = cmd_console(c->name, c->config_path, &got, &master);
	if (sock == -ESRCH)
		return container_fail(c, ESRCH, "is not running (start it with lxc-start -n %s)", c->name);
	if (sock == -EBUSY && want < 0)
		return container_fail(c, EBUSY, "every tty is in use (lxc.tty.max sets how many; -t 0 is the console)");
	if (sock == -EBUSY)
		return container_fail(c, EBUSY, "tty %d is in use by another console client (choose another with -t)", want);
	if (sock == -ENOENT && want < 0)
		return container_fail(c, ENOENT, "has no tty to attach to (lxc.tty.max is 0; -t 0 is the console)");
	if (sock == -ENOENT)
		return container_fail(c, ENOENT, "has no tty %d (lxc.tty.max sets how many; -t 0 is the console, unless lxc.console.path = none)", want);
	if (sock == -EACCES)
		return container_fail(c, EACCES, "permission denied by its monitor (only root or the user who started it)");
	if (sock < 0)
		return container_fail(c, -sock, "cannot get a tty: %s", strerror(-sock));
	if (ttynum)
		*ttynum = got;
	*ptxfd = master;
	return sock;
}

static void winch(int sock)
{
	cmd_console_winch(sock);
}

static int m_console(struct lxc_container *c, int ttynum, int stdinfd, int stdoutfd, int stderrfd, int escape)
{
	__do_close int master = -1;
	__do_close int sock = -1;
	char banner[256];
	int ret;

	if (!c)
		return -1;
	sock = m_console_getfd(c, &ttynum, &master);
	if (sock < 0)
		return -1;
	/* Shown once the terminal is raw: \r\n. */
	if (escape > 0) {
		char key = (char)('a' + escape - 1);
		snprintf(banner, sizeof(banner),
			 "\r\nConnected to tty %d\r\nType <Ctrl+%c q> to exit the console, <Ctrl+%c Ctrl+%c> to enter Ctrl+%c itself\r\n",
			 ttynum, key, key, key, key);
	} else {
		snprintf(banner, sizeof(banner), "\r\nConnected to tty %d\r\n", ttynum);
	}
	ret = console_relay(master, sock, stdinfd, stdoutfd, escape, stderrfd, banner, winch);
	if (ret == -ESRCH)
		return container_fail(c, ESRCH, "the container stopped while its console was attached");
	if (ret < 0)
		return container_fail(c, -ret, "console relay failed: %s", strerror(-ret));
	return 0;
}

/* 0 or -errno, as LXC's console_log. read_max 0 asks for all that one answer carries. */
static int m_console_log(struct lxc_container *c, struct lxc_console_log *log)
{
	char *data = NULL;
	size_t len;
	int ret;

	if (!c || !log || (log->read && !log->read_max))
		return -EINVAL;
	len = log->read ? (size_t)*log->read_max : 0;
	ret = cmd_console_log(c->name, c->config_path, log->read, log->clear, &data, &len);
	if (ret == -ESRCH) {
		container_fail(c, ESRCH, "is not running (start it with lxc-start -n %s)", c->name);
		return ret;
	}
	if (ret == -ENODATA) {
		container_fail(c, ENODATA, "keeps no console ring buffer (set lxc.console.buffer.size, e.g. to auto, and restart it)");
		return ret;
	}
	if (ret < 0) {
		container_fail(c, -ret, "cannot read the console ring buffer: %s", strerror(-ret));
		return ret;
	}
	if (log->read) {
		log->data = data;
		*log->read_max = len;
	}
	return 0;
}

void container_install_console(struct lxc_container *c)
{
	c->console_log = m_console_log;
	c->console_getfd = m_console_getfd;
	c->console = m_console;
}
