/* arguments.c - the option parser shared by every lxc-* tool: common options plus each tool's own; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

static const struct option common_options[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "lxcpath", required_argument, NULL, 'P' },
	{ "logfile", required_argument, NULL, 'o' },
	{ "logpriority", required_argument, NULL, 'l' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rcfile", required_argument, NULL, OPT_RCFILE },
	{ "help", no_argument, NULL, 'h' },
	{ "usage", no_argument, NULL, OPT_USAGE },
	{ "version", no_argument, NULL, OPT_VERSION },
};

static bool common_allowed(const struct tool_args *args, int opt)
{
	switch (opt) {
	case 'n': return args->flags & ARG_NAME;
	case 'P': return args->flags & ARG_LXCPATH;
	case 'o':
	case 'l': return args->flags & ARG_LOG;
	case 'q': return args->flags & ARG_QUIET;
	case OPT_RCFILE: return args->flags & ARG_RCFILE;
	default: return true;
	}
}

void tool_print_help(const struct tool_args *args, bool to_stderr)
{
	FILE *out = to_stderr ? stderr : stdout;

	fprintf(out, "Usage: %s %s\n\n", args->progname, args->synopsis ? args->synopsis : "");
	if (args->description)
		fprintf(out, "%s\n\n", args->description);
	fprintf(out, "Options:\n");
	if (args->flags & ARG_NAME)
		fprintf(out, "  -n, --name=NAME               NAME of the container\n");
	if (args->options_help)
		fputs(args->options_help, out);
	fprintf(out, "\nCommon options:\n");
	if (args->flags & ARG_LOG) {
		fprintf(out, "  -o, --logfile=FILE            Output log to FILE instead of stderr\n");
		fprintf(out, "  -l, --logpriority=LEVEL       Set log priority to LEVEL\n");
	}
	if (args->flags & ARG_QUIET)
		fprintf(out, "  -q, --quiet                   Don't produce any output\n");
	if (args->flags & ARG_LXCPATH)
		fprintf(out, "  -P, --lxcpath=PATH            Use specified container path\n");
	if (args->flags & ARG_RCFILE)
		fprintf(out, "      --rcfile=FILE             Load configuration file FILE\n");
	fprintf(out, "  -?, --help                    Give this help list\n");
	fprintf(out, "      --usage                   Give a short usage message\n");
	fprintf(out, "      --version                 Print the version number\n");
	if (args->flags & ARG_NAME)
		fprintf(out, "\nMandatory or optional arguments to long options are also mandatory or optional\n"
			     "for any corresponding short options.\n");
}

static void print_usage_line(const struct tool_args *args, FILE *out)
{
	fprintf(out, "Usage: %s %s\n", args->progname, args->synopsis ? args->synopsis : "");
	fprintf(out, "Try `%s --help' for more information.\n", args->progname);
}

static void usage_error(const struct tool_args *args, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", args->progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_usage_line(args, stderr);
	exit(EXIT_FAILURE);
}

/* Merges the common long options a tool accepts with its own. */
static struct option *build_long_options(const struct tool_args *args)
{
	size_t ntool = 0, n = 0;
	struct option *all;

	while (args->options && args->options[ntool].name)
		ntool++;
	all = calloc(ntool + sizeof(common_options) / sizeof(common_options[0]) + 1, sizeof(*all));
	if (!all)
		return NULL;
	for (size_t i = 0; i < ntool; i++)
		all[n++] = args->options[i];
	for (size_t i = 0; i < sizeof(common_options) / sizeof(common_options[0]); i++) {
		bool shadowed = false;
		if (!common_allowed(args, common_options[i].val))
			continue;
		/* A tool's own option of the same name wins (lxc-config's -l is not a log level). */
		for (size_t j = 0; j < ntool; j++)
			if (!strcmp(args->options[j].name, common_options[i].name))
				shadowed = true;
		if (!shadowed)
			all[n++] = common_options[i];
	}
	return all;
}

static char *build_short_options(const struct tool_args *args)
{
	char *s = calloc(1, strlen(args->shortopts ? args->shortopts : "") + 32);
	const char *own = args->shortopts ? args->shortopts : "";

	if (!s)
		return NULL;
	/* '+': stop at the first non-option, so `lxc-attach -n c -- ls -l` and
	 * `lxc-execute -n c ls -l` keep the command's own options. */
	strcpy(s, (args->flags & ARG_PERMUTE) ? "" : "+");
	/* ':' next: a missing argument is reported as such, not as an unknown option. */
	strcat(s, ":");
	strcat(s, own);
	if ((args->flags & ARG_NAME) && !strchr(own, 'n'))
		strcat(s, "n:");
	if ((args->flags & ARG_LXCPATH) && !strchr(own, 'P'))
		strcat(s, "P:");
	if ((args->flags & ARG_LOG) && !strchr(own, 'o'))
		strcat(s, "o:");
	if ((args->flags & ARG_LOG) && !strchr(own, 'l'))
		strcat(s, "l:");
	if ((args->flags & ARG_QUIET) && !strchr(own, 'q'))
		strcat(s, "q");
	if (!strchr(own, 'h'))
		strcat(s, "h?");
	return s;
}

/* The -P list lives as long as the tool; freed at exit so sanitizer runs see no leak. */
static const char **lxcpath_list;
static void free_lxcpath_list(void)
{
	free(lxcpath_list);
	lxcpath_list = NULL;
}

static void add_lxcpath(struct tool_args *args, const char *path)
{
	const char **grown = realloc(args->lxcpaths, (args->nlxcpaths + 2) * sizeof(*grown));

	if (!grown) {
		fprintf(stderr, "%s: out of memory\n", args->progname);
		exit(EXIT_FAILURE);
	}
	if (!lxcpath_list)
		atexit(free_lxcpath_list);
	lxcpath_list = grown;
	grown[args->nlxcpaths++] = path;
	grown[args->nlxcpaths] = NULL;
	args->lxcpaths = grown;
	args->lxcpath = grown[0];
}

static bool tool_owns(const struct tool_args *args, int opt)
{
	const char *own = args->shortopts ? args->shortopts : "";

	if (opt > 0 && opt < 256 && strchr(own, opt))
		return true;
	for (size_t i = 0; args->options && args->options[i].name; i++)
		if (args->options[i].val == opt && opt >= OPT_TOOL)
			return true;
	return false;
}

int tool_args_parse(struct tool_args *args, int argc, char **argv)
{
	struct option *longopts = build_long_options(args);
	char *shortopts = build_short_options(args);
	int opt;

	if (!longopts || !shortopts) {
		fprintf(stderr, "%s: out of memory\n", args->progname);
		exit(EXIT_FAILURE);
	}

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (tool_owns(args, opt)) {
			if (!args->handle || args->handle(args, opt, optarg) < 0)
				usage_error(args, "invalid argument for option -%c", opt < 256 ? opt : '-');
			continue;
		}
		switch (opt) {
		case 'n': args->name = optarg; break;
		case 'P': add_lxcpath(args, optarg); break;
		case 'o': args->log_file = optarg; break;
		case 'l': args->log_priority = optarg; break;
		case 'q': args->quiet = true; break;
		case OPT_RCFILE: args->rcfile = optarg; break;
		case 'h':
			tool_print_help(args, false);
			exit(EXIT_SUCCESS);
		case OPT_USAGE:
			print_usage_line(args, stdout);
			exit(EXIT_SUCCESS);
		case OPT_VERSION:
			printf("%s (berth %s)\n", lxc_get_version(), berth_get_version());
			exit(EXIT_SUCCESS);
		case '?':
			if (optopt == '?') {
				tool_print_help(args, false);
				exit(EXIT_SUCCESS);
			}
			if (optopt)
				usage_error(args, "unrecognized option '-%c'", optopt);
			usage_error(args, "unrecognized option '%s'", argv[optind - 1]);
			break;
		case ':':
			if (optopt > 0 && optopt < 256)
				usage_error(args, "option '-%c' requires an argument", optopt);
			usage_error(args, "option '%s' requires an argument", argv[optind - 1]);
			break;
		default:
			usage_error(args, "option '%s' is not handled", argv[optind - 1]);
		}
	}
	free(longopts);
	free(shortopts);

	args->rest = argv + optind;
	args->nrest = argc - optind;

	if ((args->flags & ARG_NAME_REQUIRED) && (!args->name || !*args->name))
		usage_error(args, "missing container name, use --name option");

	{
		struct lxc_log log = {
			.name = args->name,
			.lxcpath = args->lxcpath,
			.file = args->log_file,
			.level = args->log_priority,
			.prefix = args->progname,
			.quiet = args->quiet,
		};
		if (lxc_log_init(&log) < 0)
			exit(EXIT_FAILURE);
	}
	return 0;
}

const char *tool_lxcpath(const struct tool_args *args)
{
	const char *p = args->lxcpath;

	if (!p)
		p = lxc_get_global_config_item("lxc.lxcpath");
	return p;
}

void tool_error(const struct tool_args *args, const char *fmt, ...)
{
	va_list ap;

	if (args->quiet)
		return;
	if (args->name)
		fprintf(stderr, "%s: %s: ", args->progname, args->name);
	else
		fprintf(stderr, "%s: ", args->progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --rcfile: the container is described by FILE instead of its own config, as with
 * LXC (its configfile becomes FILE). False if FILE does not load; the library has
 * then printed the one-line reason (FILE:LINE: KEY: ...). */
static bool use_rcfile(struct lxc_container *c, const char *rcfile)
{
	char *file = strdup(rcfile);

	c->clear_config(c);
	if (!file || !c->load_config(c, rcfile)) {
		free(file);
		return false;
	}
	free(c->configfile);
	c->configfile = file;
	return true;
}

struct lxc_container *tool_open_container(const struct tool_args *args)
{
	struct lxc_container *c = lxc_container_new(args->name, tool_lxcpath(args));

	if (!c)
		return NULL; /* the library said why, in one line */
	if (args->rcfile && !use_rcfile(c, args->rcfile)) {
		lxc_container_put(c);
		return NULL;
	}
	if (!c->may_control(c)) {
		tool_error(args, "insufficient privileges to control %s:%s (run as root or as the owner of the container)",
			   c->config_path, c->name);
		lxc_container_put(c);
		return NULL;
	}
	return c;
}

int tool_parse_timeout(const struct tool_args *args, const char *arg, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < -1 || v > 0x7fffffff) {
		fprintf(stderr, "%s: invalid timeout '%s' (seconds, or -1 to wait forever)\n", args->progname, arg);
		return -1;
	}
	*out = (int)v;
	return 0;
}
