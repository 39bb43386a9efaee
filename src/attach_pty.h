/* attach_pty.h - the pty of an attached process: allocating one, and relaying it to the user's terminal until the process exits; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_ATTACH_PTY_H
#define BERTH_ATTACH_PTY_H

/*
 * Allocates a pty from the devpts that /dev/ptmx leads to in the caller's
 * mount namespace (inside a container: the container's own instance, so the
 * process finds its tty under /dev/pts). Both fds are O_CLOEXEC and
 * O_NOCTTY; the master is non-blocking. 0, or -errno (-ENOTTY: /dev/ptmx is
 * not a pty multiplexer).
 */
int attach_pty_open(int *master, int *slave);

/*
 * Relays until the process behind pidfd exits (it is not reaped): in_fd to
 * the master, the master to out_fd and (if >= 0) log_fd. A terminal in_fd is
 * put into raw mode meanwhile; the pty follows its window size (SIGWINCH).
 * SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 sent to the caller go
 * to the process instead (the calling thread blocks them meanwhile; the
 * previous mask is restored). 0 or -errno.
 */
int attach_pty_relay(int master, int pidfd, int in_fd, int out_fd, int log_fd);

#endif
