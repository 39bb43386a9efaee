/* lxc_monitor.c - lxc-monitor: print the state changes of the containers whose names match, as they happen; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int handle(struct tool_args *args, int opt, const char *arg)
{
	bool *quit = args->data;

	(void)arg;
	if (opt != 'Q')
		return -1;
	*quit = true;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "quit", no_argument, NULL, 'Q' },
		{ 0 },
	};
	bool quit = false;
	struct tool_args args = {
		.progname = "lxc-monitor",
		.synopsis = "[--name=NAME]",
		.description = "lxc-monitor monitors the state of the NAME container",
		.options_help = "  -n, --name=NAME   NAME of the container\n"
				"                    NAME may be a regular expression\n"
				"  -Q, --quit        tell lxc-monitord to quit\n",
		.flags = ARG_NAME | ARG_LXCPATH | ARG_LOG | ARG_QUIET,
		.options = options,
		.shortopts = "Q",
		.handle = handle,
		.data = &quit,
	};
	struct berth_monitor **mons;
	struct pollfd *pfds;
	const char *default_paths[2] = { NULL, NULL };
	const char **paths;
	char *pattern;
	regex_t re;
	int n;

	tool_args_parse(&args, argc, argv);
	/* berth needs no lxc-monitord: every monitor tells listeners itself. */
	if (quit)
		return EXIT_SUCCESS;
	if (args.nlxcpaths) {
		paths = args.lxcpaths;
		n = args.nlxcpaths;
	} else {
		default_paths[0] = tool_lxcpath(&args);
		paths = default_paths;
		n = 1;
	}

	/* As LXC: the name is a regular expression matched against the whole name. */
	pattern = malloc(strlen(args.name ? args.name : ".*") + 3);
	if (!pattern)
		return EXIT_FAILURE;
	sprintf(pattern, "^%s$", args.name ? args.name : ".*");
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB)) {
		tool_error(&args, "failed to compile the regex '%s'", args.name);
		free(pattern);
		return EXIT_FAILURE;
	}
	free(pattern);

	mons = calloc((size_t)n, sizeof(*mons));
	pfds = calloc((size_t)n, sizeof(*pfds));
	if (!mons || !pfds)
		return EXIT_FAILURE;
	for (int i = 0; i < n; i++) {
		mons[i] = berth_monitor_open(paths[i]);
		if (!mons[i]) {
			tool_error(&args, "%s", berth_last_error());
			return EXIT_FAILURE;
		}
		pfds[i] = (struct pollfd){ .fd = berth_monitor_fd(mons[i]), .events = POLLIN };
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	{
		/* Interrupted or terminated: remove our listening sockets on the way out. */
		struct sigaction sa = { .sa_handler = on_stop_signal };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
	}

	while (!stop_requested) {
		if (poll(pfds, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			tool_error(&args, "poll: %s", strerror(errno));
			return EXIT_FAILURE;
		}
		for (int i = 0; i < n; i++) {
			struct berth_monitor_event ev;

			if (!pfds[i].revents)
				continue;
			while (berth_monitor_next(mons[i], 0, &ev) > 0) {
				if (regexec(&re, ev.name, 0, NULL, 0))
					continue;
				if (ev.is_exit)
					printf("'%s' exited with status [%d]\n", ev.name,
					       WIFEXITED(ev.exit_status) ? WEXITSTATUS(ev.exit_status) : 128 + WTERMSIG(ev.exit_status));
				else
					printf("'%s' changed state to [%s]\n", ev.name, ev.state);
			}
		}
	}
	for (int i = 0; i < n; i++)
		berth_monitor_close(mons[i]);
	regfree(&re);
	free(mons);
	free(pfds);
	return EXIT_SUCCESS;
}
