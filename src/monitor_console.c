/* monitor_console.c - the monitor's side of the console and ttys: their host ends, the console log and ring buffer, lxc-console clients and the -F terminal; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "log.h"
#include "monitor_private.h"
#include "state.h"

/* tty N (0: the console) -> its pty, or NULL. */
static struct pty_pair *tty_pty(struct monitor *m, int n)
{
	int idx = m->plan->console_none ? n - 1 : n;

	if (n < 0 || n > m->plan->tty_max || idx < 0 || idx >= m->n_ptys || !m->tty_owner)
		return NULL;
	return &m->ptys[idx];
}

int monitor_cb_console(void *data, int client_fd, int *ttynum)
{
	struct monitor *m = data;
	int n = *ttynum;
	struct pty_pair *p;

	if (m->state != STATE_RUNNING || !m->tty_owner)
		return -ESRCH;
	if (n < 0) {
		/* As LXC: the first free tty; the console only when asked for. */
		for (n = 1; n <= m->plan->tty_max && m->tty_owner[n] >= 0; n++)
			;
		if (n > m->plan->tty_max)
			return m->plan->tty_max > 0 ? -EBUSY : -ENOENT;
	}
	p = tty_pty(m, n);
	if (!p || p->master < 0)
		return -ENOENT;
	if (m->tty_owner[n] >= 0)
		return -EBUSY;
	if (n == 0) {
		/* The monitor keeps reading the console (log, ring buffer) and relays
		 * it to the client through a pty of its own, as LXC's proxy does. */
		char err[256];
		struct termios tio;
		int ret = console_alloc(&m->proxy, 1, err, sizeof(err));

		if (ret < 0) {
			WARN("%s", err);
			return ret;
		}
		if (tcgetattr(m->proxy.slave, &tio) == 0) {
			cfmakeraw(&tio);
			tcsetattr(m->proxy.slave, TCSANOW, &tio);
		}
		console_copy_winsize(p->master, m->proxy.master);
		monitor_watch(m, m->proxy.slave, TAG_PROXY);
		p = &m->proxy;
	}
	m->tty_owner[n] = client_fd;
	*ttynum = n;
	return p->master;
}

int monitor_cb_console_log(void *data, char *buf, size_t len, bool clear)
{
	struct monitor *m = data;
	size_t n = 0;

	if (!m->ring.size)
		return -ENODATA;
	if (buf)
		n = console_ring_read_latest(&m->ring, buf, len);
	if (clear)
		console_ring_clear(&m->ring);
	return (int)n;
}

void monitor_cb_console_winch(void *data, int client_fd)
{
	struct monitor *m = data;

	if (m->tty_owner && m->tty_owner[0] == client_fd && m->proxy.master >= 0 && m->n_ptys > 0)
		console_copy_winsize(m->proxy.slave, m->ptys[0].master);
}

void monitor_cb_client_gone(void *data, int client_fd)
{
	struct monitor *m = data;

	if (!m->tty_owner)
		return;
	for (int n = 0; n <= m->plan->tty_max; n++) {
		if (m->tty_owner[n] != client_fd)
			continue;
		m->tty_owner[n] = -1;
		if (n == 0 && m->proxy.master >= 0) {
			monitor_unwatch(m, m->proxy.slave);
			console_free(&m->proxy, 1);
		}
	}
}

int monitor_console_open(struct monitor *m, char *err, size_t errlen)
{
	const struct start_plan *p = m->plan;

	m->console_in = m->console_out = m->console_log = -1;
	if (p->console_none)
		return 0;
	if (p->console_logfile) {
		m->console_log = open(p->console_logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
		if (m->console_log < 0) {
			snprintf(err, errlen, "lxc.console.logfile: cannot open %s: %s", p->console_logfile, strerror(errno));
			return -errno;
		}
		struct stat st;
		if (fstat(m->console_log, &st) == 0)
			m->log_written = (uint64_t)st.st_size; /* appended to: lxc.console.size counts what is there */
	}
	if (p->console_path) {
		int fd = open(p->console_path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_CREAT, 0600);
		if (fd < 0) {
			snprintf(err, errlen, "lxc.console.path: cannot open %s: %s", p->console_path, strerror(errno));
			return -errno;
		}
		m->console_in = fd;
		m->console_out = fd;
		if (!isatty(fd)) {
			/* A plain file only receives output. */
			m->console_in = -1;
		}
	} else if (m->args->foreground_console) {
		m->console_out = STDOUT_FILENO;
		m->console_in = STDIN_FILENO;
	}
	return 0;
}

/* lxc.console.size reached: keep the old log as LOGFILE.1 (lxc.console.rotate) or drop it, start anew. */
static void console_log_full(struct monitor *m)
{
	const char *path = m->plan->console_logfile;
	char old[4200];
	int fd;

	if (m->plan->console_rotate) {
		snprintf(old, sizeof(old), "%s.1", path);
		if (rename(path, old) < 0)
			WARN("lxc.console.rotate: cannot rename %s to %s: %s", path, old, strerror(errno));
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		WARN("lxc.console.logfile: cannot reopen %s: %s", path, strerror(errno));
		return;
	}
	dup3(fd, m->console_log, O_CLOEXEC);
	close(fd);
	m->log_written = 0;
}

static void copy_out(struct monitor *m, const char *buf, size_t n)
{
	if (m->console_out >= 0) {
		for (size_t off = 0; off < n;) {
			ssize_t w = write(m->console_out, buf + off, n - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			off += (size_t)w;
		}
	}
	console_ring_write(&m->ring, buf, n);
	if (m->console_log >= 0) {
		if (m->plan->console_log_size && m->log_written + n > m->plan->console_log_size)
			console_log_full(m);
		if (m->console_log >= 0 && write(m->console_log, buf, n) > 0)
			m->log_written += n;
	}
}

void monitor_on_console(struct monitor *m)
{
	char buf[16384];
	ssize_t n = read(m->ptys[0].master, buf, sizeof(buf));

	if (n > 0) {
		copy_out(m, buf, (size_t)n);
		/* A client that does not read loses output rather than stalling the console. */
		if (m->proxy.slave >= 0 && write(m->proxy.slave, buf, (size_t)n) < 0)
			(void)0;
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	/* EIO: nobody in the container holds the console right now. systemd closes
	 * it after booting and its console getty opens it again later: hold a slave
	 * ourselves (the spawn of a reboot reuses it), so the master stops reporting
	 * a hangup and what the container writes next is still read. */
	if (n < 0 && errno == EIO && m->ptys[0].slave < 0) {
		m->ptys[0].slave = console_open_peer(m->ptys[0].master);
		if (m->ptys[0].slave >= 0)
			return;
	}
	monitor_unwatch(m, m->ptys[0].master);
	m->console_reading = false;
}

/* What the console client typed, for the console; its window size with it. */
void monitor_on_proxy(struct monitor *m)
{
	char buf[4096];
	ssize_t n = read(m->proxy.slave, buf, sizeof(buf));

	if (n > 0 && m->n_ptys > 0 && !m->plan->console_none) {
		console_copy_winsize(m->proxy.slave, m->ptys[0].master);
		if (write(m->ptys[0].master, buf, (size_t)n) < 0)
			(void)0;
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	/* The client closed its end: stop polling until it leaves. */
	monitor_unwatch(m, m->proxy.slave);
}

void monitor_on_input(struct monitor *m)
{
	char buf[4096];
	ssize_t n = read(m->console_in, buf, sizeof(buf));

	if (n > 0 && m->n_ptys > 0 && !m->plan->console_none) {
		if (write(m->ptys[0].master, buf, (size_t)n) < 0)
			(void)0;
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	monitor_unwatch(m, m->console_in);
	m->console_in = -1;
}
