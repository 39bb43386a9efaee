/* lxc_start.c - lxc-start: start a container (daemonized, or in the foreground on this terminal), optionally with another command as init; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

enum { OPT_SHARE_NET = OPT_TOOL, OPT_SHARE_IPC, OPT_SHARE_UTS, OPT_SHARE_PID };

struct options {
	bool daemonize;
	bool close_all_fds;
	const char *pidfile;
	const char *console;
	const char *console_log;
	const char **defines;
	int ndefines;
	const char *share[4];
};

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;
	const char **grown;

	switch (opt) {
	case 'd': o->daemonize = true; return 0;
	case 'F': o->daemonize = false; return 0;
	case 'p': o->pidfile = arg; return 0;
	case 'f': args->rcfile = arg; return 0; /* -f is lxc-start's/-attach's name for --rcfile */
	case 'c': o->console = arg; return 0;
	case 'L': o->console_log = arg; return 0;
	case 'C': o->close_all_fds = true; return 0;
	case 's':
		grown = realloc(o->defines, (size_t)(o->ndefines + 1) * sizeof(*grown));
		if (!grown)
			return -1;
		o->defines = grown;
		o->defines[o->ndefines++] = arg;
		return 0;
	case OPT_SHARE_NET: o->share[0] = arg; return 0;
	case OPT_SHARE_IPC: o->share[1] = arg; return 0;
	case OPT_SHARE_UTS: o->share[2] = arg; return 0;
	case OPT_SHARE_PID: o->share[3] = arg; return 0;
	}
	return -1;
}

/* "KEY=VALUE" -> set_config_item, both sides trimmed as LXC does. */
static bool define(struct tool_args *args, struct lxc_container *c, const char *def)
{
	char *copy = strdup(def), *eq, *key, *value, *end;
	bool ok = false;

	if (!copy)
		return false;
	eq = strchr(copy, '=');
	if (!eq) {
		tool_error(args, "-s %s: expected KEY=VALUE", def);
		free(copy);
		return false;
	}
	*eq = '\0';
	key = copy;
	value = eq + 1;
	while (*key == ' ' || *key == '\t')
		key++;
	end = key + strlen(key);
	while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	while (*value == ' ' || *value == '\t')
		value++;
	ok = c->set_config_item(c, key, value);
	free(copy);
	return ok; /* the library said why it refused */
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "daemon", no_argument, NULL, 'd' },
		{ "foreground", no_argument, NULL, 'F' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "rcfile", required_argument, NULL, 'f' },
		{ "console", required_argument, NULL, 'c' },
		{ "console-log", required_argument, NULL, 'L' },
		{ "close-all-fds", no_argument, NULL, 'C' },
		{ "define", required_argument, NULL, 's' },
		{ "share-net", required_argument, NULL, OPT_SHARE_NET },
		{ "share-ipc", required_argument, NULL, OPT_SHARE_IPC },
		{ "share-uts", required_argument, NULL, OPT_SHARE_UTS },
		{ "share-pid", required_argument, NULL, OPT_SHARE_PID },
		{ 0 },
	};
	static const char *const share_keys[4] = { "lxc.namespace.share.net", "lxc.namespace.share.ipc",
						   "lxc.namespace.share.uts", "lxc.namespace.share.pid" };
	struct options o = { .daemonize = true };
	struct tool_args args = {
		.progname = "lxc-start",
		.synopsis = "--name=NAME -- COMMAND",
		.description = "lxc-start start COMMAND in specified container NAME",
		.options_help =
			"  -n, --name=NAME        NAME of the container\n"
			"  -d, --daemon           Daemonize the container (default)\n"
			"  -F, --foreground       Start with the current tty attached to /dev/console\n"
			"  -p, --pidfile=FILE     Create a file with the process id\n"
			"  -f, --rcfile=FILE      Load configuration file FILE\n"
			"  -c, --console=FILE     Use specified FILE for the container console\n"
			"  -L, --console-log=FILE Log container console output to FILE\n"
			"  -C, --close-all-fds    If any fds are inherited, close them\n"
			"                         Note: --daemon implies --close-all-fds\n"
			"  -s, --define KEY=VAL   Assign VAL to configuration variable KEY\n"
			"      --share-[net|ipc|uts|pid]=NAME Share a namespace with another container or pid\n",
		.flags = ARG_NAME | ARG_LXCPATH | ARG_LOG | ARG_QUIET | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "dFp:f:c:L:Cs:",
		.handle = handle,
		.data = &o,
	};
	struct lxc_container *c;
	const char *lxcpath;
	char *const *cmd = NULL;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);
	if (args.nrest > 0)
		cmd = args.rest;
	lxcpath = tool_lxcpath(&args);
	if (access(lxcpath, R_OK) < 0) {
		tool_error(&args, "You lack access to %s", lxcpath);
		return EXIT_FAILURE;
	}

	c = tool_open_container(&args);
	if (!c)
		return EXIT_FAILURE;
	if (c->is_running(c)) {
		/* LXC's answer and exit code: nothing to do is not a failure. */
		tool_error(&args, "Container is already running.");
		ret = EXIT_SUCCESS;
		goto out;
	}
	if (!args.rcfile && !c->is_defined(c)) {
		tool_error(&args, "No container config specified (%s does not exist: create the container, or use -f FILE)",
			   c->configfile);
		goto out;
	}
	for (int i = 0; i < o.ndefines; i++)
		if (!define(&args, c, o.defines[i]))
			goto out;
	if (o.console && !c->set_config_item(c, "lxc.console.path", o.console))
		goto out;
	if (o.console_log && !c->set_config_item(c, "lxc.console.logfile", o.console_log))
		goto out;
	for (int i = 0; i < 4; i++)
		if (o.share[i] && !c->set_config_item(c, share_keys[i], o.share[i]))
			goto out;
	if (o.pidfile) {
		char *abs = o.pidfile[0] == '/' ? strdup(o.pidfile) : NULL;
		if (!abs) {
			/* The daemon leaves the current directory: keep the path the user meant. */
			char cwd[4096];
			if (getcwd(cwd, sizeof(cwd)) && (abs = malloc(strlen(cwd) + strlen(o.pidfile) + 2)))
				sprintf(abs, "%s/%s", cwd, o.pidfile);
		}
		free(c->pidfile);
		c->pidfile = abs;
	}
	if (!o.daemonize)
		c->want_daemonize(c, false);
	if (o.close_all_fds)
		c->want_close_all_fds(c, true);

	/* The reason of a failure was printed by the library, in one line. */
	ret = c->start(c, 0, cmd) ? EXIT_SUCCESS : EXIT_FAILURE;

out:
	lxc_container_put(c);
	free(o.defines);
	return ret;
}
