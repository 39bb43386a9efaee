/* attach_pty.c - the pty of an attached process: allocating one, and relaying it to the user's terminal until the process exits; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "attach_pty.h"
#include "console.h"
#include "util/cleanup.h"


int attach_pty_open(int *master, int *slave)
{
	__do_close int m = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	int unlock = 0, s;

	if (m < 0)
		return -errno;
	/* A container may have put anything at /dev/ptmx: only a multiplexer unlocks. */
	if (ioctl(m, TIOCSPTLCK, &unlock) < 0)
		return errno == EINVAL ? -ENOTTY : -errno;
	/* The peer of this very master, not whatever /dev/pts/N names (kernel >= 4.13). */
	s = console_open_peer(m);
	if (s < 0)
		return -errno;
	*master = move_fd(m);
	*slave = s;
	return 0;
}

/* Writes all of buf to a possibly non-blocking fd. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd p = { .fd = fd, .events = POLLOUT };
				(void)poll(&p, 1, -1);
				continue;
			}
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void copy_winsize(int from, int master)
{
	struct winsize ws;

	if (from >= 0 && ioctl(from, TIOCGWINSZ, &ws) == 0)
		(void)ioctl(master, TIOCSWINSZ, &ws);
}

/* Output of the pty: to the user, and to the log; one read, or all there is when draining.
 * false once the pty is gone (EIO: no slave left). */
static bool pump_output(int master, int out_fd, int log_fd, bool *out_ok, bool drain)
{
	char buf[65536];

	for (;;) {
		ssize_t n = read(master, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return true;
		if (n <= 0)
			return false;
		/* A user side that went away (closed pipe) must not stop the process's output. */
		if (*out_ok && write_all(out_fd, buf, (size_t)n) < 0)
			*out_ok = false;
		if (log_fd >= 0)
			(void)write_all(log_fd, buf, (size_t)n);
		if (!drain)
			return true;
	}
}

static void forward(int pidfd, int sig)
{
	(void)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

int attach_pty_relay(int master, int pidfd, int in_fd, int out_fd, int log_fd)
{
	static const int sigs[] = { SIGWINCH, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2 };
	int winsrc = isatty(in_fd) ? in_fd : isatty(out_fd) ? out_fd : -1;
	bool master_open = true, in_open = in_fd >= 0, out_ok = true, raw = false;
	char inbuf[4096];
	size_t inlen = 0, inoff = 0;
	struct termios saved;
	sigset_t set, old;
	__do_close int sfd = -EBADF;
	int ret = 0;

	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaddset(&set, sigs[i]);
	if (pthread_sigmask(SIG_BLOCK, &set, &old) != 0)
		return -EINVAL;
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0) {
		ret = -errno;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return ret;
	}
	if (isatty(in_fd) && tcgetattr(in_fd, &saved) == 0) {
		struct termios t = saved;

		cfmakeraw(&t);
		raw = tcsetattr(in_fd, TCSADRAIN, &t) == 0;
	}
	copy_winsize(winsrc, master);

	for (;;) {
		struct pollfd p[4] = {
			{ .fd = sfd, .events = POLLIN },
			{ .fd = pidfd, .events = POLLIN },
			{ .fd = master_open ? master : -1, .events = (short)(POLLIN | (inlen ? POLLOUT : 0)) },
			{ .fd = in_open && !inlen ? in_fd : -1, .events = POLLIN },
		};

		if (poll(p, ARRAY_SIZE(p), -1) < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;

			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				if ((int)si.ssi_signo == SIGWINCH)
					copy_winsize(winsrc, master);
				else
					forward(pidfd, (int)si.ssi_signo);
			}
		}
		if (p[2].revents & (POLLIN | POLLHUP | POLLERR))
			master_open = pump_output(master, out_fd, log_fd, &out_ok, false);
		if (master_open && inlen && (p[2].revents & POLLOUT)) {
			ssize_t n = write(master, inbuf + inoff, inlen);

			if (n > 0) {
				inoff += (size_t)n;
				inlen -= (size_t)n;
			} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
				inlen = 0; /* the pty is going away */
			}
		}
		if (p[3].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = read(in_fd, inbuf, sizeof(inbuf));

			if (n > 0) {
				inoff = 0;
				inlen = (size_t)n;
			} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
				struct termios t;

				in_open = false;
				/* A pty has no end of input of its own: a canonical reader gets it from VEOF (^D). */
				if (n == 0 && master_open && tcgetattr(master, &t) == 0 && (t.c_lflag & ICANON)) {
					inbuf[0] = (char)t.c_cc[VEOF];
					inoff = 0;
					inlen = 1;
				}
			}
		}
		if (p[1].revents & POLLIN) {
			/* What the process wrote before it exited is still in the pty. */
			if (master_open)
				pump_output(master, out_fd, log_fd, &out_ok, true);
			break;
		}
	}

	if (raw)
		tcsetattr(in_fd, TCSADRAIN, &saved);
	/* Signals that came meanwhile were meant for the process: none is left pending for us. */
	for (struct signalfd_siginfo si; read(sfd, &si, sizeof(si)) == sizeof(si);)
		if ((int)si.ssi_signo != SIGWINCH)
			forward(pidfd, (int)si.ssi_signo);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ret;
}
