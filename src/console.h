/* console.h - the container's console and ttys: ptys allocated by the monitor, slaves bound into the container, the console as init's stdio; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONSOLE_H
#define BERTH_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

struct pty_pair {
	int master; /* kept by the monitor */
	int slave;  /* bound into the container by the child, closed by the monitor after */
	char name[64];
};

/* Opens n ptys on the host's /dev/ptmx. 0 or -errno with err. */
int console_alloc(struct pty_pair *ptys, int n, char *err, size_t errlen);
void console_close_slaves(struct pty_pair *ptys, int n);
void console_free(struct pty_pair *ptys, int n);

/* In the child: the console slave becomes stdin/out/err and the controlling tty of a new session. */
int console_make_stdio(int slave, char *err, size_t errlen);

/* The caller's terminal in raw mode while it shows the console (-F); restored by console_term_restore. */
struct console_term {
	int fd;
	bool saved;
	unsigned char state[64]; /* struct termios */
};
int console_term_raw(struct console_term *t, int fd);
void console_term_restore(struct console_term *t);
/* Copies the window size of `from` to the pty `to`. */
void console_copy_winsize(int from, int to);

#endif
