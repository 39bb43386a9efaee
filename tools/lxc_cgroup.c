/* lxc_cgroup.c - lxc-cgroup: read or write a cgroup key (memory.limit_in_bytes, pids.max, ...) of a running container; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "arguments.h"

/* The library's message without its leading "NAME: " (tool_error adds it). */
static const char *reason(struct lxc_container *c, const char *fallback)
{
	const char *e = c->error_string;
	size_t n = strlen(c->name);

	if (!e || !*e)
		return fallback;
	if (!strncmp(e, c->name, n) && e[n] == ':' && e[n + 1] == ' ')
		return e + n + 2;
	return e;
}

int main(int argc, char **argv)
{
	struct tool_args args = {
		.progname = "lxc-cgroup",
		.synopsis = "--name=NAME state-object [value]",
		.description = "Get or set the value of a state object (for example, 'cpuset.cpus')\n"
			       "in the container's cgroup for the corresponding subsystem.",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
	};
	struct lxc_container *c;
	const char *key, *value = NULL;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);
	if (args.nrest < 1) {
		tool_error(&args, "missing state object: give a cgroup key such as memory.limit_in_bytes");
		return EXIT_FAILURE;
	}
	if (args.nrest > 2) {
		tool_error(&args, "too many arguments: give a state object and at most one value");
		return EXIT_FAILURE;
	}
	key = args.rest[0];
	if (args.nrest == 2)
		value = args.rest[1];

	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		tool_error(&args, "'%s:%s' is not running", c->config_path, c->name);
		goto out;
	}

	if (value) {
		if (!c->set_cgroup_item(c, key, value)) {
			tool_error(&args, "%s", reason(c, "cannot set the cgroup key"));
			goto out;
		}
	} else {
		char buf[4096];
		int len = c->get_cgroup_item(c, key, buf, sizeof(buf));

		if (len < 0) {
			tool_error(&args, "%s", reason(c, "cannot read the cgroup key"));
			goto out;
		}
		/* As LXC: the file's text as it is (with its own newline), then a newline. */
		fwrite(buf, 1, (size_t)len, stdout);
		putchar('\n');
	}
	ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}
