/* start_signal.c - signal names as lxc.signal.* and lxc-stop take them (SIGPWR, PWR, 30, SIGRTMIN+14); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "start_signal.h"
#include "util/cleanup.h"
#include "util/strutil.h"

static const struct {
	const char *name;
	int sig;
} signames[] = {
	{ "HUP", SIGHUP },	 { "INT", SIGINT },	  { "QUIT", SIGQUIT },	   { "ILL", SIGILL },
	{ "TRAP", SIGTRAP },	 { "ABRT", SIGABRT },	  { "IOT", SIGIOT },	   { "BUS", SIGBUS },
	{ "FPE", SIGFPE },	 { "KILL", SIGKILL },	  { "USR1", SIGUSR1 },	   { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 },	 { "PIPE", SIGPIPE },	  { "ALRM", SIGALRM },	   { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },	  { "CLD", SIGCHLD },	   { "CONT", SIGCONT },
	{ "STOP", SIGSTOP },	 { "TSTP", SIGTSTP },	  { "TTIN", SIGTTIN },	   { "TTOU", SIGTTOU },
	{ "URG", SIGURG },	 { "XCPU", SIGXCPU },	  { "XFSZ", SIGXFSZ },	   { "VTALRM", SIGVTALRM },
	{ "PROF", SIGPROF },	 { "WINCH", SIGWINCH },	  { "IO", SIGIO },	   { "POLL", SIGPOLL },
	{ "PWR", SIGPWR },	 { "SYS", SIGSYS },
};

static int rt_offset(const char *s, int base, int dir)
{
	int off = 0;

	if (!*s)
		return base;
	if ((dir > 0 && *s != '+') || (dir < 0 && *s != '-'))
		return -EINVAL;
	if (str_to_int(s + 1, &off) < 0 || off < 0)
		return -EINVAL;
	base += dir * off;
	return base >= SIGRTMIN && base <= SIGRTMAX ? base : -EINVAL;
}

int signal_from_name(const char *s)
{
	int n;

	if (!s || !*s)
		return -EINVAL;
	if (str_to_int(s, &n) == 0)
		return n > 0 && n <= SIGRTMAX ? n : -EINVAL;
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	if (!strncasecmp(s, "RTMIN", 5))
		return rt_offset(s + 5, SIGRTMIN, +1);
	if (!strncasecmp(s, "RTMAX", 5))
		return rt_offset(s + 5, SIGRTMAX, -1);
	for (size_t i = 0; i < ARRAY_SIZE(signames); i++)
		if (!strcasecmp(s, signames[i].name))
			return signames[i].sig;
	return -EINVAL;
}

const char *signal_to_name(int sig, char *buf, unsigned len)
{
	for (size_t i = 0; i < ARRAY_SIZE(signames); i++)
		if (signames[i].sig == sig) {
			snprintf(buf, len, "SIG%s", signames[i].name);
			return buf;
		}
	if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
		if (sig - SIGRTMIN <= SIGRTMAX - sig)
			snprintf(buf, len, sig == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+%d", sig - SIGRTMIN);
		else
			snprintf(buf, len, sig == SIGRTMAX ? "SIGRTMAX" : "SIGRTMAX-%d", SIGRTMAX - sig);
		return buf;
	}
	snprintf(buf, len, "%d", sig);
	return buf;
}
