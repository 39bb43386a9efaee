/* lxc_wait.c - lxc-wait: wait until a container reaches one of the given states, as it happens (no polling); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

struct options {
	const char *states;
	int timeout;
};

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;

	switch (opt) {
	case 's':
		o->states = arg;
		return 0;
	case 't':
		return tool_parse_timeout(args, arg, &o->timeout);
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "state", required_argument, NULL, 's' },
		{ "timeout", required_argument, NULL, 't' },
		{ 0 },
	};
	struct options o = { .timeout = -1 };
	struct tool_args args = {
		.progname = "lxc-wait",
		.synopsis = "--name=NAME --state=STATE",
		.description = "lxc-wait waits for NAME container state to reach STATE",
		.options_help = "  -n, --name=NAME   NAME of the container\n"
				"  -s, --state=STATE ORed states to wait for\n"
				"                    STOPPED, STARTING, RUNNING, STOPPING,\n"
				"                    ABORTING, FREEZING, FROZEN, THAWED\n"
				"  -t, --timeout=TMO Seconds to wait for state changes\n"
				"  --rcfile=FILE     Load configuration file FILE\n",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "s:t:",
		.handle = handle,
		.data = &o,
	};
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);
	if (!o.states) {
		fprintf(stderr, "lxc-wait: missing state option to wait for (-s STATE)\n");
		return EXIT_FAILURE;
	}
	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (c->wait(c, o.states, o.timeout))
		ret = EXIT_SUCCESS;
	else if (c->error_num == EINVAL)
		tool_error(&args, "%s", c->error_string ? c->error_string : "invalid state");
	lxc_container_put(c);
	return ret;
}
