/* lxc_top.c - lxc-top: CPU, block I/O and memory use of the running containers, refreshed live (or as CSV with -b); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "arguments.h"
#include "cgroup_stats.h"

/* Plain ANSI sequences: home + clear, reverse + bold, back to normal. */
#define CLEAR "\033[H\033[J"
#define HILITE "\033[7m\033[1m"
#define NORMAL "\033[0m"

struct options {
	double delay; /* seconds */
	bool delay_set;
	bool batch;
	bool reverse;
	char sort;    /* n c b m s k */
	bool quiet;   /* -q: no notice that nothing runs */
};

struct row {
	struct lxc_container *c;
	struct usage u;
};

static volatile sig_atomic_t stop_requested;
static struct termios saved_tios;
static bool tios_saved;
static long user_hz = 100;

static const char sort_keys[] = "ncbmsk";

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;
	char *end;

	switch (opt) {
	case 'd':
		errno = 0;
		o->delay = strtod(arg, &end);
		if (errno || end == arg || *end || !(o->delay > 0) || o->delay > 86400) {
			fprintf(stderr, "lxc-top: -d: invalid delay '%s': give the seconds between refreshes (e.g. 2 or 0.5)\n",
				arg);
			exit(EXIT_FAILURE);
		}
		o->delay_set = true;
		return 0;
	case 's':
		if (strlen(arg) != 1 || !strchr(sort_keys, arg[0])) {
			fprintf(stderr, "lxc-top: -s: unknown sort key '%s': use n (name), c (CPU), b (block I/O), m (memory), s (memory+swap) or k (kernel memory)\n",
				arg);
			exit(EXIT_FAILURE);
		}
		o->sort = arg[0];
		return 0;
	case 'r':
		o->reverse = true;
		return 0;
	case 'b':
		o->batch = true;
		return 0;
	}
	return -1;
}

/* lxc-top shows 0 for what a container's cgroups do not count (as LXC). */
static void zero_missing(struct usage *u)
{
	long long *f[] = { &u->cpu_ns, &u->cpu_user, &u->cpu_sys, &u->io_read, &u->io_write, &u->io_total,
			   &u->io_ops, &u->mem, &u->swap, &u->memsw, &u->kmem };

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (*f[i] < 0)
			*f[i] = 0;
}

/* ---- sorting ---- */

static struct options *sort_opts;

static long long sort_value(const struct row *r)
{
	switch (sort_opts->sort) {
	case 'c': return r->u.cpu_ns;
	case 'b': return r->u.io_total;
	case 'm': return r->u.mem;
	case 's': return r->u.memsw;
	case 'k': return r->u.kmem;
	}
	return 0;
}

/* Names ascending, figures largest first (as top); -r turns either around. */
static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int ret;

	if (sort_opts->sort == 'n') {
		ret = strcmp(x->c->name, y->c->name);
	} else {
		long long vx = sort_value(x), vy = sort_value(y);

		ret = vx > vy ? -1 : vx < vy ? 1 : strcmp(x->c->name, y->c->name);
	}
	return sort_opts->reverse ? -ret : ret;
}

/* ---- output ---- */

/* lxc-top's sizes are LXC's, except up to 1 KiB: a bare "N.00" and three spaces, as LXC's lxc-top prints them. */
static void top_size(long long v, char *buf, size_t len)
{
	if (v <= 1024)
		snprintf(buf, len, "%3u.00   ", (unsigned)(v < 0 ? 0 : v));
	else
		humanize((unsigned long long)v, buf, len);
}

static int name_width(const struct row *rows, size_t n)
{
	int w = 18;

	for (size_t i = 0; i < n; i++)
		if ((int)strlen(rows[i].c->name) > w)
			w = (int)strlen(rows[i].c->name);
	return w > 40 ? 40 : w;
}

static void print_header(int w, bool memsw, bool kmem)
{
	printf(HILITE "%-*s %12s %12s %12s %36s %10s", w, "Container", "CPU", "CPU", "CPU", "BlkIO", "Mem");
	if (memsw)
		printf(" %10s", "MemSw");
	if (kmem)
		printf(" %10s", "KMem");
	printf("\n%-*s %12s %12s %12s %36s %10s", w, "Name", "Used", "Sys", "User", "Total(Read/Write)", "Used");
	if (memsw)
		printf(" %10s", "Used");
	if (kmem)
		printf(" %10s", "Used");
	printf(NORMAL "\n");
}

static void print_row(int w, const char *name, const struct usage *u, bool memsw, bool kmem)
{
	char total[24], rd[24], wr[24], io[80], mem[24], sw[24], km[24];

	top_size(u->io_total, total, sizeof(total));
	top_size(u->io_read, rd, sizeof(rd));
	top_size(u->io_write, wr, sizeof(wr));
	snprintf(io, sizeof(io), "%s(%s/%s)", total, rd, wr);
	top_size(u->mem, mem, sizeof(mem));
	printf("%-*.*s %12.2f %12.2f %12.2f %36s %10s", w, w, name, (double)u->cpu_ns / 1e9,
	       (double)u->cpu_sys / (double)user_hz, (double)u->cpu_user / (double)user_hz, io, mem);
	if (memsw) {
		top_size(u->memsw, sw, sizeof(sw));
		printf(" %10s", sw);
	}
	if (kmem) {
		top_size(u->kmem, km, sizeof(km));
		printf(" %10s", km);
	}
	printf("\n");
}

static void print_csv(const char *name, const struct usage *u)
{
	struct timeval tv;
	uint64_t ms;

	gettimeofday(&tv, NULL);
	ms = (uint64_t)tv.tv_sec * 1000 + (uint64_t)tv.tv_usec / 1000;
	printf("%" PRIu64 ",%s,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld\n",
	       ms, name, u->cpu_ns, u->cpu_sys, u->cpu_user, u->io_total, u->io_ops, u->mem, u->memsw, u->kmem);
}

static int terminal_rows(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		return ws.ws_row;
	return 25;
}

/* One round: list, measure, sort, print. Returns how many were running, or -1
 * when the lxcpath cannot be listed (said on stderr: an error is not "none run"). */
static int one_round(const char *lxcpath, struct options *o, bool *said_none)
{
	struct lxc_container **cs = NULL;
	struct row *rows;
	struct usage total = { 0 };
	bool memsw = false, kmem = false;
	int n, shown = 0, w;

	n = list_active_containers(lxcpath, NULL, &cs);
	if (n < 0) {
		fprintf(stderr, "lxc-top: cannot list the containers of %s: %s\n", lxcpath, strerror(errno));
		return -1;
	}
	rows = calloc((size_t)n + 1, sizeof(*rows));
	if (!rows) {
		fprintf(stderr, "lxc-top: out of memory\n");
		exit(EXIT_FAILURE);
	}
	for (int i = 0; i < n; i++) {
		rows[i].c = cs[i];
		read_usage(cs[i], USAGE_ALL, &rows[i].u);
		zero_missing(&rows[i].u);
		total.cpu_ns += rows[i].u.cpu_ns;
		total.cpu_user += rows[i].u.cpu_user;
		total.cpu_sys += rows[i].u.cpu_sys;
		total.io_read += rows[i].u.io_read;
		total.io_write += rows[i].u.io_write;
		total.io_total += rows[i].u.io_total;
		total.io_ops += rows[i].u.io_ops;
		total.mem += rows[i].u.mem;
		total.memsw += rows[i].u.memsw;
		total.kmem += rows[i].u.kmem;
	}
	sort_opts = o;
	qsort(rows, (size_t)n, sizeof(*rows), cmp_rows);

	if (o->batch) {
		for (int i = 0; i < n; i++)
			print_csv(rows[i].c->name, &rows[i].u);
		/* Said once each time the list becomes empty, on stderr: the CSV stays clean. */
		if (n == 0 && !*said_none && !o->quiet)
			fprintf(stderr, "lxc-top: no container is running in %s\n", lxcpath);
	} else {
		int room = terminal_rows() - 4; /* two header lines, the total, the cursor's line */
		char label[64];

		memsw = total.memsw > 0;
		kmem = total.kmem > 0;
		w = name_width(rows, (size_t)n);
		printf(CLEAR);
		if (n == 0) {
			printf("lxc-top: no container is running in %s (q quits)\n", lxcpath);
		} else {
			print_header(w, memsw, kmem);
			for (int i = 0; i < n && i < (room > 1 ? room : 1); i++, shown++)
				print_row(w, rows[i].c->name, &rows[i].u, memsw, kmem);
			snprintf(label, sizeof(label), "TOTAL %d of %d", shown, n);
			print_row(w, label, &total, memsw, kmem);
		}
	}
	*said_none = n == 0;
	fflush(stdout);
	for (int i = 0; i < n; i++)
		lxc_container_put(cs[i]);
	free(cs);
	free(rows);
	return n;
}

/* ---- the terminal ---- */

static void restore_terminal(void)
{
	if (tios_saved) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tios);
		tios_saved = false;
		fputs("\n", stdout);
		fflush(stdout);
	}
}

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Keys arrive one at a time, unechoed; everything else about the terminal stays. */
static int raw_terminal(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &saved_tios) < 0)
		return -errno;
	t = saved_tios;
	t.c_lflag &= (tcflag_t) ~(ECHO | ICANON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) < 0)
		return -errno;
	tios_saved = true;
	atexit(restore_terminal);
	return 0;
}

/* Waits up to the delay for a key; false when it is time to quit. */
static bool wait_key(struct options *o)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	int ms = (int)(o->delay * 1000);
	char ch;
	int ret;

	ret = poll(&p, 1, ms > 0 ? ms : 1);
	if (stop_requested)
		return false;
	if (ret <= 0)
		return true; /* timeout or EINTR from a harmless signal (SIGWINCH) */
	if (p.revents & (POLLHUP | POLLERR))
		return false;
	if (read(STDIN_FILENO, &ch, 1) != 1)
		return false;
	if (ch == 'q' || ch == 'Q')
		return false;
	if (ch == 'r') {
		o->reverse = !o->reverse;
	} else if (strchr(sort_keys, ch) && ch) {
		/* The current key again turns the order around; a new one starts in its usual order. */
		o->reverse = o->sort == ch ? !o->reverse : false;
		o->sort = ch;
	}
	return true;
}

static void sleep_delay(double delay)
{
	struct timespec ts = { .tv_sec = (time_t)delay, .tv_nsec = (long)((delay - (double)(time_t)delay) * 1e9) };

	while (!stop_requested && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "delay", required_argument, NULL, 'd' },
		{ "batch", no_argument, NULL, 'b' },
		{ "sort", required_argument, NULL, 's' },
		{ "reverse", no_argument, NULL, 'r' },
		{ 0 },
	};
	struct options o = { .delay = 3, .sort = 'n' };
	struct tool_args args = {
		.progname = "lxc-top",
		.synopsis = "[-d DELAY] [-s SORT] [-r] [-b] [-P PATH]",
		.description = "lxc-top monitors the state of the active containers",
		.options_help = "  -d, --delay=DELAY             delay in seconds between refreshes (default: 3.0)\n"
				"  -b, --batch                   output designed to capture to a file (CSV, one line\n"
				"                                per container and round; default delay 300)\n"
				"  -s, --sort=SORT               sort by [n,c,b,m,s,k] (default: n) where\n"
				"                                n = Name\n"
				"                                c = CPU use\n"
				"                                b = Block I/O use\n"
				"                                m = Memory use\n"
				"                                s = Memory + Swap use\n"
				"                                k = Kernel memory use\n"
				"  -r, --reverse                 sort in reverse order\n",
		.flags = ARG_LXCPATH | ARG_LOG | ARG_QUIET,
		.options = options,
		.shortopts = "d:bs:r",
		.handle = handle,
		.data = &o,
	};
	struct sigaction sa = { .sa_handler = on_signal };
	const char *lxcpath;
	bool said_none = false;
	long hz;

	tool_args_parse(&args, argc, argv);
	if (args.nrest > 0) {
		fprintf(stderr, "lxc-top: unexpected argument '%s': lxc-top shows every running container of the lxcpath (-P)\n",
			args.rest[0]);
		return EXIT_FAILURE;
	}
	lxcpath = tool_lxcpath(&args);
	o.quiet = args.quiet;
	hz = sysconf(_SC_CLK_TCK);
	if (hz > 0)
		user_hz = hz;
	if (o.batch && !o.delay_set)
		o.delay = 300; /* as LXC: a capture to a file samples every five minutes */

	/* No SA_RESTART: a signal ends the wait at once; the loop then restores the terminal. */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (o.batch) {
		printf("time_ms,container,cpu_nanos,cpu_sys_userhz,cpu_user_userhz,blkio_bytes,blkio_iops,mem_used_bytes,memsw_used_bytes,kernel_mem_used_bytes\n");
		while (!stop_requested) {
			if (one_round(lxcpath, &o, &said_none) < 0)
				return EXIT_FAILURE;
			sleep_delay(o.delay);
		}
		return EXIT_SUCCESS;
	}

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "lxc-top: the live display needs a terminal on stdin and stdout: use -b for output to a file or pipe\n");
		return EXIT_FAILURE;
	}
	if (raw_terminal() < 0) {
		fprintf(stderr, "lxc-top: cannot set up the terminal: %s\n", strerror(errno));
		return EXIT_FAILURE;
	}
	do {
		if (one_round(lxcpath, &o, &said_none) < 0) {
			restore_terminal();
			return EXIT_FAILURE;
		}
	} while (wait_key(&o));
	restore_terminal();
	return EXIT_SUCCESS;
}
