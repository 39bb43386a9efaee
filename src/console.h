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
/* A new fd of the slave of this very master (TIOCGPTPEER: no /dev/pts path lookup that a
 * container could redirect; kernels before 4.13 fall back to opening /dev/pts/N);
 * -1 with errno set. */
int console_open_peer(int master);
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

/* The escape key of lxc-console: <escape> q detaches, <escape> <escape> sends
 * one <escape>, <escape> and any other key sends that key (as LXC). */
enum console_key { CONSOLE_KEY_SEND, CONSOLE_KEY_HOLD, CONSOLE_KEY_QUIT };
struct console_escape {
	int key;   /* the escape byte (1: Ctrl-a), -1: none */
	bool seen; /* the last byte was the escape */
};
/* What to do with input byte c: send it, hold it (an escape), or detach. */
enum console_key console_escape_feed(struct console_escape *e, unsigned char c);

/* Writes banner (if any) to banner_fd once in is raw, so keys typed after it
 * are never held by a cooked terminal. Then relays in -> master and master -> out until the escape sequence (0), EOF on
 * in (0), or the monitor's connection sock hanging up (-ESRCH, the container
 * stopped). in is put in raw mode and restored; SIGWINCH copies its window
 * size to master and then calls on_winch (if any). */
int console_relay(int master, int sock, int in, int out, int escape, int banner_fd, const char *banner,
		  void (*on_winch)(int sock));

/* A ring buffer of the console's latest output (lxc.console.buffer.size). */
struct console_ring {
	char *buf;
	size_t size; /* capacity */
	size_t len;  /* bytes held, <= size */
	size_t head; /* where the next byte goes */
};
int console_ring_init(struct console_ring *r, size_t size);
void console_ring_free(struct console_ring *r);
void console_ring_write(struct console_ring *r, const char *data, size_t n);
/* Copies up to max of the oldest held bytes into out; returns how many. */
size_t console_ring_read(const struct console_ring *r, char *out, size_t max);
/* Copies the newest min(len, max) held bytes into out, oldest of them first. */
size_t console_ring_read_latest(const struct console_ring *r, char *out, size_t max);
void console_ring_clear(struct console_ring *r);

#endif
