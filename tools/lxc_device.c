/* lxc_device.c - lxc-device: move a network device into a running container or back (add|del DEV [NAME]), or a device node; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "arguments.h"

/* A path names a device node (/dev/...), anything else a network device, as LXC tells them apart. */
static bool is_node(const char *dev)
{
	return strchr(dev, '/') != NULL;
}

int main(int argc, char **argv)
{
	static const struct option options[] = { { 0 } };
	struct tool_args args = {
		.progname = "lxc-device",
		.synopsis = "--name=NAME -- add|del DEV [NAME-INSIDE]",
		.description = "lxc-device moves the network device DEV into the running container NAME\n"
			       "(add, as NAME-INSIDE if given) or out of it back to the host (del),\n"
			       "or adds/removes the device node DEV (a path such as /dev/net/tun).",
		.options_help = "  -n, --name=NAME      NAME of the container\n"
				"  --rcfile=FILE        Load configuration file FILE\n",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "",
	};
	struct lxc_container *c;
	const char *op, *dev, *dst;
	bool add, ok;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);
	if (args.nrest < 2 || args.nrest > 3 || (strcmp(args.rest[0], "add") && strcmp(args.rest[0], "del"))) {
		fprintf(stderr, "lxc-device: expected add|del DEV [NAME-INSIDE] (see lxc-device --help)\n");
		return EXIT_FAILURE;
	}
	op = args.rest[0];
	dev = args.rest[1];
	dst = args.nrest == 3 ? args.rest[2] : NULL;
	add = !strcmp(op, "add");
	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_running(c)) {
		fprintf(stderr, "lxc-device: %s is not running (start it first: lxc-start -n %s)\n", c->name, c->name);
		goto out;
	}
	if (is_node(dev))
		ok = add ? c->add_device_node(c, dev, dst) : c->remove_device_node(c, dev, dst);
	else
		ok = add ? c->attach_interface(c, dev, dst) : c->detach_interface(c, dev, dst);
	if (!ok) {
		/* attach/detach_interface leave the report to the caller; the device-node
		 * methods log their own one-line error. */
		if (!args.quiet && !is_node(dev))
			fprintf(stderr, "lxc-device: %s\n",
				c->error_string ? c->error_string : "failed");
		goto out;
	}
	ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}
