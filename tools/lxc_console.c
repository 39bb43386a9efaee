/* lxc_console.c - lxc-console: attach the terminal to a tty (or the console) of a running container until <Ctrl+a q>; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

enum { OPT_LOG = OPT_TOOL, OPT_CLEAR };

struct options {
	int ttynum; /* -1: the first free tty */
	int escape; /* 1: Ctrl-a */
	bool log, clear;
};

/* "a", "^a" -> 1 (Ctrl-a), as LXC reads -e. */
static int escape_key(const char *s)
{
	if (s[0] == '^' && s[1])
		s++;
	if (!s[0] || s[1])
		return -1;
	if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '@' && s[0] <= '_'))
		return s[0] & 0x1f;
	return -1;
}

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;
	char *end;
	long v;

	switch (opt) {
	case OPT_LOG: o->log = true; return 0;
	case OPT_CLEAR: o->clear = true; return 0;
	case 't':
		errno = 0;
		v = strtol(arg, &end, 10);
		if (errno || end == arg || *end || v < 0 || v > 0xffff) {
			fprintf(stderr, "lxc-console: invalid tty number '%s' (0 is the console, 1..lxc.tty.max the ttys)\n", arg);
			return -1;
		}
		o->ttynum = (int)v;
		return 0;
	case 'e':
		o->escape = escape_key(arg);
		if (o->escape < 0) {
			fprintf(stderr, "lxc-console: invalid escape '%s' (one letter: -e b makes <Ctrl+b q> detach)\n", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "tty", required_argument, NULL, 't' },
		{ "escape", required_argument, NULL, 'e' },
		{ "log", no_argument, NULL, OPT_LOG },
		{ "clear", no_argument, NULL, OPT_CLEAR },
		{ 0 },
	};
	struct options o = { .ttynum = -1, .escape = 1 };
	struct tool_args args = {
		.progname = "lxc-console",
		.synopsis = "--name=NAME [--tty NUMBER]",
		.description = "lxc-console logs on the container with the identifier NAME",
		.options_help = "  -t, --tty=NUMBER              console tty number\n"
				"  -e, --escape=PREFIX           prefix for escape command\n"
				"      --log                     print the console ring buffer (lxc.console.buffer.size)\n"
				"      --clear                   empty the ring buffer (after printing it with --log)\n",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "t:e:",
		.handle = handle,
		.data = &o,
	};
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);

	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		tool_error(&args, "the container is not running (start it with lxc-start -n %s)", c->name);
		goto out;
	}
	if (o.log || o.clear) {
		uint64_t max = 1 << 20;
		struct lxc_console_log log = { .clear = o.clear, .read = o.log, .read_max = &max };

		if (c->console_log(c, &log) < 0)
			goto out; /* the library said why */
		if (log.data && max && fwrite(log.data, 1, (size_t)max, stdout) != (size_t)max) {
			free(log.data);
			goto out;
		}
		free(log.data);
		ret = EXIT_SUCCESS;
		goto out;
	}
	if (c->console(c, o.ttynum, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO, o.escape) == 0)
		ret = EXIT_SUCCESS; /* otherwise the library said why */
out:
	lxc_container_put(c);
	return ret;
}
