/* console.c - the container's console and ttys: ptys allocated by the monitor, slaves bound into the container, the console as init's stdio; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "util/cleanup.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

_Static_assert(sizeof(struct termios) <= sizeof(((struct console_term *)0)->state), "termios fits");

int console_open_peer(int master)
{
	char name[64];
	int fd, num;

	fd = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	/* Kernels before 4.13 lack TIOCGPTPEER: fall back to the slave's path. */
	if (fd >= 0 || (errno != EINVAL && errno != ENOTTY))
		return fd;
	if (ioctl(master, TIOCGPTN, &num) < 0)
		return -1;
	snprintf(name, sizeof(name), "/dev/pts/%d", num);
	return open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
}

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
		p->slave = console_open_peer(p->master);
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

enum console_key console_escape_feed(struct console_escape *e, unsigned char c)
{
	if (e->key < 0)
		return CONSOLE_KEY_SEND;
	if (!e->seen && c == (unsigned char)e->key) {
		e->seen = true;
		return CONSOLE_KEY_HOLD;
	}
	if (e->seen && c == 'q')
		return CONSOLE_KEY_QUIT;
	e->seen = false;
	return CONSOLE_KEY_SEND;
}

static int write_all(int fd, const char *buf, size_t n)
{
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, buf + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };
			poll(&p, 1, 100);
			continue;
		}
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		off += (size_t)w;
	}
	return 0;
}

int console_relay(int master, int sock, int in, int out, int escape, int banner_fd, const char *banner,
		  void (*on_winch)(int sock))
{
	struct console_escape esc = { .key = escape > 0 ? escape : -1 };
	struct console_term term;
	sigset_t winch, old;
	__do_close int sfd = -1;
	int ret = 0;
	bool master_ok = true;

	sigemptyset(&winch);
	sigaddset(&winch, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &winch, &old);
	sfd = signalfd(-1, &winch, SFD_CLOEXEC | SFD_NONBLOCK);
	if (isatty(in))
		console_copy_winsize(in, master);
	console_term_raw(&term, in);
	if (banner)
		write_all(banner_fd, banner, strlen(banner));

	for (;;) {
		struct pollfd p[4] = {
			{ .fd = in, .events = POLLIN },
			{ .fd = master_ok ? master : -1, .events = POLLIN },
			{ .fd = sock, .events = POLLIN },
			{ .fd = sfd, .events = POLLIN },
		};
		char buf[4096], sendbuf[4096];
		int n = poll(p, 4, master_ok ? -1 : 200);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (n == 0) {
			master_ok = true; /* nobody held the tty for a moment (a getty restarting) */
			continue;
		}
		if (p[3].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof(si)) == sizeof(si))
				;
			if (isatty(in)) {
				console_copy_winsize(in, master);
				if (on_winch)
					on_winch(sock);
			}
		}
		if (p[1].revents) {
			ssize_t r = read(master, buf, sizeof(buf));
			if (r > 0) {
				if (write_all(out, buf, (size_t)r) < 0) {
					ret = 0;
					break;
				}
			} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
				master_ok = false;
			}
		}
		if (p[0].revents) {
			ssize_t r = read(in, buf, sizeof(buf));
			size_t m = 0;
			bool quit = false;

			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
				break; /* the input ended */
			for (ssize_t i = 0; i < r && !quit; i++) {
				enum console_key k = console_escape_feed(&esc, (unsigned char)buf[i]);
				if (k == CONSOLE_KEY_QUIT)
					quit = true;
				else if (k == CONSOLE_KEY_SEND)
					sendbuf[m++] = buf[i];
			}
			if (m)
				write_all(master, sendbuf, m);
			if (quit)
				break;
		}
		if (p[2].revents) {
			/* The monitor only writes to this socket when it goes away. */
			ret = -ESRCH;
			break;
		}
	}
	console_term_restore(&term);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ret;
}

int console_ring_init(struct console_ring *r, size_t size)
{
	memset(r, 0, sizeof(*r));
	if (!size)
		return 0;
	r->buf = malloc(size);
	if (!r->buf)
		return -ENOMEM;
	r->size = size;
	return 0;
}

void console_ring_free(struct console_ring *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

void console_ring_write(struct console_ring *r, const char *data, size_t n)
{
	if (!r->size)
		return;
	if (n >= r->size) {
		/* Only the last size bytes survive. */
		memcpy(r->buf, data + n - r->size, r->size);
		r->head = 0;
		r->len = r->size;
		return;
	}
	for (size_t done = 0; done < n;) {
		size_t chunk = r->size - r->head;
		if (chunk > n - done)
			chunk = n - done;
		memcpy(r->buf + r->head, data + done, chunk);
		r->head = (r->head + chunk) % r->size;
		done += chunk;
	}
	r->len = r->len + n > r->size ? r->size : r->len + n;
}

size_t console_ring_read(const struct console_ring *r, char *out, size_t max)
{
	size_t n = r->len < max ? r->len : max;
	size_t start = (r->head + r->size - r->len) % (r->size ? r->size : 1);

	for (size_t i = 0; i < n; i++)
		out[i] = r->buf[(start + i) % r->size];
	return n;
}

size_t console_ring_read_latest(const struct console_ring *r, char *out, size_t max)
{
	size_t n = r->len < max ? r->len : max;
	size_t start = (r->head + r->size - n) % (r->size ? r->size : 1);

	for (size_t i = 0; i < n; i++)
		out[i] = r->buf[(start + i) % r->size];
	return n;
}

void console_ring_clear(struct console_ring *r)
{
	r->len = 0;
	r->head = 0;
}
