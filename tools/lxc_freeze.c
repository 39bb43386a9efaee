/* lxc_freeze.c - lxc-freeze and lxc-unfreeze (one source, built twice: BERTH_UNFREEZE picks the second): stop or resume every process of a running container; its monitor freezes the container's cgroup; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "arguments.h"

#ifdef BERTH_UNFREEZE
#define VERB "unfreeze"
#define FREEZE false
#else
#define VERB "freeze"
#define FREEZE true
#endif

int main(int argc, char **argv)
{
	struct tool_args args = {
		.progname = "lxc-" VERB,
		.synopsis = "--name=NAME",
		.description = "lxc-" VERB " " VERB "s a container with the identifier NAME",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
	};
	struct lxc_container *c;
	int ret = EXIT_FAILURE;
	bool ok;

	tool_args_parse(&args, argc, argv);
	if (args.nrest > 0) {
		tool_error(&args, "unexpected argument '%s': lxc-" VERB " takes only options", args.rest[0]);
		return EXIT_FAILURE;
	}
	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	ok = FREEZE ? c->freeze(c) : c->unfreeze(c);
	/* As LXC: one line naming LXCPATH:NAME, exit 1 (here with the reason). */
	if (!ok) {
		const char *why = c->error_string && *c->error_string ? c->error_string : strerror(c->error_num);
		tool_error(&args, "Failed to " VERB " %s:%s: %s", c->config_path, c->name, why);
		goto out;
	}
	ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}
