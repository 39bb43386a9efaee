/* console.c - the container's console and ttys: ptys allocated by the monitor, slaves bound into the container, the console as init's stdio; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "util/cleanup.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

_Static_assert(sizeof(struct termios) <= sizeof(((struct console_term *)0)->state), "termios fits");

int console_alloc(struct pty_pair *ptys, int n, char *err, size_t errlen)
{
	for (int i = 0; i < n; i++) {
		ptys[i].master = -1;
		ptys[i].slave = -1;
	}
	for (int i = 0; i < n; i++) {
		int unlock = 0, num = -1;
		struct pty_pair *p = &ptys[i];

		p->master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
		if (p->master < 0) {
			int e = errno;
			snprintf(err, errlen, "cannot allocate a pty for the container's console and ttys (/dev/ptmx): %s", strerror(e));
			console_free(ptys, n);
			return -e;
		}
		if (ioctl(p->master, TIOCSPTLCK, &unlock) < 0 || ioctl(p->master, TIOCGPTN, &num) < 0) {
			int e = errno;
			snprintf(err, errlen, "cannot unlock pty: %s", strerror(e));
			console_free(ptys, n);
			return -e;
		}
		snprintf(p->name, sizeof(p->name), "/dev/pts/%d", num);
		/* TIOCGPTPEER opens the peer of this very master, no path lookup involved. */
		p->slave = ioctl(p->master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (p->slave < 0)
			p->slave = open(p->name, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (p->slave < 0) {
			int e = errno;
			snprintf(err, errlen, "cannot open %s: %s", p->name, strerror(e));
			console_free(ptys, n);
			return -e;
		}
	}
	return 0;
}

void console_close_slaves(struct pty_pair *ptys, int n)
{
	for (int i = 0; i < n; i++)
		if (ptys[i].slave >= 0) {
			close(ptys[i].slave);
			ptys[i].slave = -1;
		}
}

void console_free(struct pty_pair *ptys, int n)
{
	console_close_slaves(ptys, n);
	for (int i = 0; i < n; i++)
		if (ptys[i].master >= 0) {
			close(ptys[i].master);
			ptys[i].master = -1;
		}
}

int console_make_stdio(int slave, char *err, size_t errlen)
{
	if (setsid() < 0 && errno != EPERM) {
		snprintf(err, errlen, "setsid: %s", strerror(errno));
		return -errno;
	}
	if (ioctl(slave, TIOCSCTTY, 0) < 0) {
		snprintf(err, errlen, "cannot make the console the controlling terminal: %s", strerror(errno));
		return -errno;
	}
	for (int fd = 0; fd < 3; fd++)
		if (slave != fd && dup2(slave, fd) < 0) {
			snprintf(err, errlen, "cannot make the console init's stdio: %s", strerror(errno));
			return -errno;
		}
	return 0;
}

int console_term_raw(struct console_term *t, int fd)
{
	struct termios tio, raw;

	t->fd = fd;
	t->saved = false;
	if (!isatty(fd) || tcgetattr(fd, &tio) < 0)
		return 0;
	memcpy(t->state, &tio, sizeof(tio));
	t->saved = true;
	raw = tio;
	cfmakeraw(&raw);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSAFLUSH, &raw) < 0)
		return -errno;
	return 0;
}

void console_term_restore(struct console_term *t)
{
	struct termios tio;

	if (!t->saved)
		return;
	memcpy(&tio, t->state, sizeof(tio));
	tcsetattr(t->fd, TCSAFLUSH, &tio);
	t->saved = false;
}

void console_copy_winsize(int from, int to)
{
	struct winsize ws;

	if (ioctl(from, TIOCGWINSZ, &ws) == 0)
		ioctl(to, TIOCSWINSZ, &ws);
}
