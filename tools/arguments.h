/* arguments.h - the option parser shared by every lxc-* tool: common options plus each tool's own; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_TOOLS_ARGUMENTS_H
#define BERTH_TOOLS_ARGUMENTS_H

#include <getopt.h>
#include <stdbool.h>

/* Which of the common options a tool accepts (LXC's tools differ here). */
enum {
	ARG_NAME = 1 << 0,    /* -n, --name=NAME */
	ARG_LXCPATH = 1 << 1, /* -P, --lxcpath=PATH */
	ARG_LOG = 1 << 2,     /* -o, --logfile=FILE; -l, --logpriority=LEVEL */
	ARG_QUIET = 1 << 3,   /* -q, --quiet */
	ARG_RCFILE = 1 << 4,  /* --rcfile=FILE */
	ARG_COMMON = ARG_NAME | ARG_LXCPATH | ARG_LOG | ARG_QUIET | ARG_RCFILE,
	ARG_NAME_REQUIRED = 1 << 8,
	/* Options may also follow other arguments (GNU getopt's permutation), as LXC's
	 * tools allow ("lxc-ls web -f"); tools that take a command after -- leave it out. */
	ARG_PERMUTE = 1 << 9,
};

/* Values of options that have no short form; tools number their own from OPT_TOOL. */
enum { OPT_RCFILE = 0x1000, OPT_USAGE, OPT_VERSION, OPT_TOOL = 0x1100 };

struct tool_args;
/* Called for each tool-specific option; return 0, or -1 to fail with usage. */
typedef int (*tool_option_fn)(struct tool_args *args, int opt, const char *arg);

struct tool_args {
	/* Set by the tool before parsing. */
	const char *progname;
	const char *synopsis;   /* "--name=NAME [-- COMMAND]" */
	const char *description; /* paragraph shown by --help */
	const char *options_help; /* the tool's own options, as --help lists them */
	unsigned flags;
	const struct option *options; /* the tool's own long options, terminated by {0} */
	const char *shortopts;        /* the tool's own short options, getopt syntax */
	tool_option_fn handle;
	void *data;                   /* the tool's own state, for handle() */

	/* Filled in by parsing. */
	const char *name;
	const char *lxcpath;
	const char **lxcpaths; /* every -P given, NULL-terminated (lxc-ls takes several) */
	int nlxcpaths;
	const char *rcfile;
	const char *log_file;
	const char *log_priority;
	bool quiet;
	char **rest; /* arguments after the options (and after --) */
	int nrest;
};

/*
 * Parses argv. --help and --usage print and exit 0, --version prints
 * "LXC-VERSION (berth VERSION)" and exits 0; a bad option prints the error and
 * the usage line to stderr and exits 1, as LXC's tools do. It also sets up
 * logging from -l/-o/-q. Returns 0.
 */
int tool_args_parse(struct tool_args *args, int argc, char **argv);

/* The usage text of --help, to stdout or stderr. */
void tool_print_help(const struct tool_args *args, bool to_stderr);

/* lxcpath to use: -P if given, else the system's lxc.lxcpath. */
const char *tool_lxcpath(const struct tool_args *args);

struct lxc_container;
/*
 * The container a tool works on: -n NAME in tool_lxcpath(), described by
 * args->rcfile (--rcfile, or -f of lxc-start and lxc-attach) instead of its own
 * config when set (its configfile becomes that file), and one the caller may control
 * (root, or the owner of its running monitor). NULL when one of these fails,
 * with the one-line reason printed; else lxc_container_put it when done.
 */
struct lxc_container *tool_open_container(const struct tool_args *args);

/* Parses a -t TIMEOUT in seconds (-1: forever) into *out; says what is wrong and returns -1 if bad. */
int tool_parse_timeout(const struct tool_args *args, const char *arg, int *out);

/* Prints "PROG: NAME: message" (NAME if any) to stderr, unless -q. */
__attribute__((format(printf, 2, 3))) void tool_error(const struct tool_args *args, const char *fmt, ...);

#endif
