/* lxc_config.c - lxc-config: list the system config keys or print one's value; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

static int handle(struct tool_args *args, int opt, const char *arg)
{
	bool *list = args->data;

	if (opt != 'l')
		return -1;
	*list = true;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "list", no_argument, NULL, 'l' },
		{ 0 },
	};
	bool list = false;
	struct tool_args args = {
		.progname = "lxc-config",
		.synopsis = "-l | ITEM",
		.description = "Print the system configuration: -l lists the items, ITEM prints one's value.",
		.options_help = "  -l, --list                    List all available configuration items\n",
		.options = options,
		.shortopts = "l",
		.handle = handle,
		.data = &list,
	};
	const char *const *keys = berth_global_config_keys();
	const char *key, *value;

	tool_args_parse(&args, argc, argv);

	if (list) {
		for (int i = 0; keys[i]; i++)
			printf("%s\n", keys[i]);
		return EXIT_SUCCESS;
	}
	if (args.nrest != 1) {
		tool_print_help(&args, args.nrest > 1);
		return args.nrest > 1 ? EXIT_FAILURE : EXIT_SUCCESS;
	}

	key = args.rest[0];
	for (int i = 0; keys[i]; i++) {
		if (strcmp(keys[i], key))
			continue;
		value = lxc_get_global_config_item(key);
		if (value)
			printf("%s\n", value);
		else
			printf("%s is not set.\n", key);
		return EXIT_SUCCESS;
	}
	fprintf(stderr, "lxc-config: unknown configuration item: %s (lxc-config -l lists them)\n", key);
	return EXIT_FAILURE;
}
