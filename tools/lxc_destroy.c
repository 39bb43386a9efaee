/* lxc_destroy.c - lxc-destroy: remove a stopped container (its rootfs and its directory), stopping it first with -f; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

struct options {
	bool force;
	bool snapshots;
};

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;

	(void)arg;
	switch (opt) {
	case 'f': o->force = true; return 0;
	case 's': o->snapshots = true; return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "snapshots", no_argument, NULL, 's' },
		{ 0 },
	};
	struct options o = { 0 };
	struct tool_args args = {
		.progname = "lxc-destroy",
		.synopsis = "--name=NAME [-f] [-s] [-P LXCPATH]",
		.description = "Destroy container NAME: run its lxc.hook.destroy hooks, then remove its rootfs and its\n"
			       "directory. Symlinks in them are removed, never followed, and nothing mounted in them\n"
			       "is touched (lxc-destroy refuses while something is).",
		.options_help = "  -f, --force                   stop the container first if it runs\n"
				"  -s, --snapshots               destroy its snapshots too\n",
		.flags = ARG_COMMON | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "fs",
		.handle = handle,
		.data = &o,
	};
	struct lxc_container *c;
	bool ok;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);
	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (!c->is_defined(c)) {
		tool_error(&args, "no such container in %s (no config file %s)", c->config_path, c->configfile);
		goto out;
	}
	if (c->is_running(c)) {
		if (!o.force) {
			tool_error(&args, "the container is running: stop it first (lxc-stop -n %s) or use lxc-destroy -f",
				   c->name);
			goto out;
		}
		/* the library says why it could not */
		if (!c->stop(c))
			goto out;
	}

	/* the library reports a failure in one line; with -l INFO it logs "Destroyed container NAME", as LXC */
	ok = o.snapshots ? c->destroy_with_snapshots(c) : c->destroy(c);
	if (ok)
		ret = EXIT_SUCCESS;
out:
	lxc_container_put(c);
	return ret;
}
