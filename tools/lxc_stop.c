/* lxc_stop.c - lxc-stop: shut a container down cleanly (lxc.signal.halt, then a kill after the timeout), kill it, or reboot it; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

enum { OPT_NOLOCK = OPT_TOOL, OPT_NOKILL };

struct options {
	bool reboot, nowait, kill, nolock, nokill;
	int timeout; /* -2: not given */
};

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;

	switch (opt) {
	case 'r': o->reboot = true; return 0;
	case 'W': o->nowait = true; return 0;
	case 'k': o->kill = true; return 0;
	case OPT_NOLOCK: o->nolock = true; return 0;
	case OPT_NOKILL: o->nokill = true; return 0;
	case 't':
		return tool_parse_timeout(args, arg, &o->timeout);
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "reboot", no_argument, NULL, 'r' },
		{ "nowait", no_argument, NULL, 'W' },
		{ "timeout", required_argument, NULL, 't' },
		{ "kill", no_argument, NULL, 'k' },
		{ "nolock", no_argument, NULL, OPT_NOLOCK },
		{ "nokill", no_argument, NULL, OPT_NOKILL },
		{ 0 },
	};
	struct options o = { .timeout = -2 };
	struct tool_args args = {
		.progname = "lxc-stop",
		.synopsis = "--name=NAME",
		.description = "lxc-stop stops a container with the identifier NAME",
		.options_help = "  -n, --name=NAME   NAME of the container\n"
				"  -r, --reboot      reboot the container\n"
				"  -W, --nowait      don't wait for shutdown or reboot to complete\n"
				"  -t, --timeout=T   wait T seconds before hard-stopping\n"
				"  -k, --kill        kill container rather than request clean shutdown\n"
				"      --nolock      Avoid using API locks\n"
				"      --nokill      Only request clean shutdown, don't force kill after timeout\n"
				"  --rcfile=FILE     Load configuration file FILE\n",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "rWt:k",
		.handle = handle,
		.data = &o,
	};
	struct lxc_container *c;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);

	/* LXC's defaults and combinations. */
	if (o.timeout == -2)
		o.timeout = o.kill ? 0 : 60;
	if (o.nowait)
		o.timeout = 0;
	if (o.kill && o.nokill) {
		fprintf(stderr, "-k can't be used with --nokill\n");
		return EXIT_FAILURE;
	}
	if (o.kill && o.reboot) {
		fprintf(stderr, "-k can't be used with -r\n");
		return EXIT_FAILURE;
	}
	if (o.kill && o.timeout) {
		fprintf(stderr, "-k doesn't allow timeouts\n");
		return EXIT_FAILURE;
	}
	if (o.nolock && !o.kill) {
		fprintf(stderr, "--nolock may only be used with -k\n");
		return EXIT_FAILURE;
	}

	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		tool_error(&args, "%s is not running", c->name);
		/* LXC's manual: 2 when the container exists but was not running. */
		ret = 2;
		goto out;
	}

	if (o.kill) {
		ret = c->stop(c) ? EXIT_SUCCESS : EXIT_FAILURE;
		goto out;
	}
	if (o.reboot) {
		bool ok = o.timeout == 0 ? c->reboot(c) : c->reboot2(c, o.timeout);
		if (!ok && o.timeout != 0 && c->error_num == ETIMEDOUT)
			printf("Reboot did not complete before timeout\n");
		ret = ok ? EXIT_SUCCESS : EXIT_FAILURE;
		goto out;
	}
	if (c->shutdown(c, o.timeout))
		ret = EXIT_SUCCESS;
	else if (o.timeout == 0)
		ret = EXIT_SUCCESS;
	else if (o.nokill)
		ret = EXIT_FAILURE;
	else
		ret = c->stop(c) ? EXIT_SUCCESS : EXIT_FAILURE;
out:
	lxc_container_put(c);
	return ret;
}
