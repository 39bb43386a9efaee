/* lxc_ls.c - lxc-ls: list the containers of one or more lxcpaths, as names, a table, or JSON; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"
#include "cgroup_stats.h"

enum {
	OPT_ACTIVE = OPT_TOOL,
	OPT_RUNNING,
	OPT_FROZEN,
	OPT_STOPPED,
	OPT_DEFINED,
	OPT_NESTING,
	OPT_FILTER,
	OPT_FORMAT,
};

struct options {
	bool line, fancy, json;
	const char *fancy_format;
	bool active, running, frozen, stopped, defined, nesting;
	const char *groups;
	const char *filter;
};

/* One listed container; what is unknown stays NULL / -1. */
struct entry {
	char *name;
	const char *lxcpath;
	char *state;
	char **groups;     /* lxc.group values */
	char **interfaces; /* running only */
	char **ipv4;
	char **ipv6;
	pid_t pid;
	long long ram;  /* bytes, -1 if unknown */
	long long swap; /* bytes, -1 if unknown */
	bool autostart;
	bool running;
	bool unprivileged;
	char *error; /* the container could not be loaded: why */
};

struct listing {
	struct entry *v;
	size_t n, cap;
};

/* The columns of -F, in LXC's spelling. */
static const char *const columns[] = {
	"NAME", "STATE", "PID", "RAM", "SWAP", "AUTOSTART", "GROUPS", "INTERFACE", "IPV4", "IPV6", "UNPRIVILEGED",
};
/* -f without -F */
static const char *const default_columns = "NAME,STATE,AUTOSTART,GROUPS,IPV4,IPV6,UNPRIVILEGED";

static void die_oom(void)
{
	fprintf(stderr, "lxc-ls: out of memory\n");
	exit(EXIT_FAILURE);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		die_oom();
	return p;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die_oom();
	return p;
}

static void strv_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

static size_t strv_count(char *const *v)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

/* "a\nb\n" -> {"a", "b", NULL} */
static char **split_lines(const char *s)
{
	size_t n = 0, i = 0;
	char **v;

	for (const char *p = s; p && *p; p++)
		if (*p == '\n')
			n++;
	v = xcalloc(n + 2, sizeof(*v));
	while (s && *s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);

		if (len) {
			v[i] = xcalloc(len + 1, 1);
			memcpy(v[i++], s, len);
		}
		s += len + (end ? 1 : 0);
	}
	return v;
}

/* "a, b" split on sep, each piece trimmed; empty pieces dropped. */
static char **split_trim(const char *s, char sep)
{
	size_t n = 1, i = 0;
	char **v;

	for (const char *p = s; *p; p++)
		if (*p == sep)
			n++;
	v = xcalloc(n + 1, sizeof(*v));
	while (*s) {
		const char *end = strchr(s, sep);
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *b = s, *e = s + len;

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > b) {
			v[i] = xcalloc((size_t)(e - b) + 1, 1);
			memcpy(v[i++], b, (size_t)(e - b));
		}
		s += len + (end ? 1 : 0);
	}
	return v;
}

static char *join(char *const *v, const char *sep)
{
	size_t len = 1;
	char *out;

	for (size_t i = 0; v && v[i]; i++)
		len += strlen(v[i]) + strlen(sep);
	out = xcalloc(len, 1);
	for (size_t i = 0; v && v[i]; i++) {
		if (i)
			strcat(out, sep);
		strcat(out, v[i]);
	}
	return out;
}

/* A config item as a string: the running container's, or the loaded config's. */
static char *config_item(struct lxc_container *c, const char *key, bool running)
{
	char *v;
	int len;

	if (running)
		return c->get_running_config_item(c, key);
	len = c->get_config_item(c, key, NULL, 0);
	if (len <= 0)
		return NULL;
	v = xcalloc((size_t)len + 1, 1);
	if (c->get_config_item(c, key, v, len + 1) != len) {
		free(v);
		return NULL;
	}
	return v;
}

static bool has_all_groups(char *const *has, char *const *must)
{
	for (size_t i = 0; must && must[i]; i++) {
		bool found = false;
		for (size_t j = 0; has && has[j]; j++)
			if (!strcmp(must[i], has[j]))
				found = true;
		if (!found)
			return false;
	}
	return true;
}

static struct entry *listing_add(struct listing *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct entry *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			die_oom();
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = (struct entry){ .pid = -1, .ram = -1, .swap = -1 };
	return &l->v[l->n++];
}

static void listing_free(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct entry *e = &l->v[i];
		free(e->name);
		free(e->state);
		strv_free(e->groups);
		strv_free(e->interfaces);
		strv_free(e->ipv4);
		strv_free(e->ipv6);
		free(e->error);
	}
	free(l->v);
}

/* Fills in the details a table or JSON shows. */
static void gather_details(struct lxc_container *c, struct entry *e)
{
	char *v = config_item(c, "lxc.start.auto", e->running);

	if (v) {
		e->autostart = strtoul(v, NULL, 10) == 1;
		free(v);
	}
	if (e->running) {
		struct usage u;

		e->pid = c->init_pid(c);
		e->interfaces = c->get_interfaces(c);
		e->ipv4 = c->get_ips(c, NULL, "inet", 0);
		e->ipv6 = c->get_ips(c, NULL, "inet6", 0);
		read_usage(c, USAGE_MEM, &u);
		e->ram = u.mem;
		e->swap = u.swap;
		v = c->get_running_config_item(c, "lxc.idmap");
		e->unprivileged = v && *v; /* an unset key answers "" */
		free(v);
	} else {
		e->unprivileged = c->get_config_item(c, "lxc.idmap", NULL, 0) != 0;
	}
}

/* Lists one lxcpath into l. Returns 0, or -1 after printing why. */
static int list_path(const struct options *o, const char *lxcpath, const regex_t *re, char *const *must,
		     struct listing *l)
{
	struct stat st;
	char **names = NULL;
	bool details = o->fancy || o->json;
	int n;

	/* A missing lxcpath has no containers (as LXC); it is not an error. */
	if (stat(lxcpath, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	if (o->active || o->frozen)
		n = list_active_containers(lxcpath, &names, NULL);
	else
		n = list_all_containers(lxcpath, &names, NULL);
	if (n < 0) {
		/* the library has logged why */
		return -1;
	}

	for (int i = 0; i < n; i++) {
		struct lxc_container *c;
		struct entry *e;
		const char *state;
		char *groups;
		char **has;

		if (re && regexec(re, names[i], 0, NULL, 0) != 0)
			continue;

		c = lxc_container_new(names[i], lxcpath);
		if (!c) {
			/* Its config does not load (the library printed the error with file:line).
			 * List it anyway: hiding a container the user has is worse. Its state and
			 * groups are unknown, so state and group filters leave it out. */
			if (o->running || o->frozen || o->stopped || o->active || must)
				continue;
			e = listing_add(l);
			e->name = xstrdup(names[i]);
			e->lxcpath = lxcpath;
			e->error = xstrdup(berth_last_error());
			continue;
		}
		if (o->defined && !c->is_defined(c))
			goto next;
		state = c->state(c);
		if (!state)
			state = "UNKNOWN";
		if (o->running && !c->is_running(c))
			goto next;
		if (o->frozen && !o->active && strcmp(state, "FROZEN"))
			goto next;
		if (o->stopped && strcmp(state, "STOPPED"))
			goto next;

		{
			bool running = c->is_running(c);

			groups = config_item(c, "lxc.group", running);
			has = split_lines(groups);
			free(groups);
			if (must && !has_all_groups(has, must)) {
				strv_free(has);
				goto next;
			}
			e = listing_add(l);
			e->name = xstrdup(names[i]);
			e->lxcpath = lxcpath;
			e->running = running;
			e->groups = has;
		}
		/* As LXC: a container the caller may not control shows its name only. */
		if (details && c->may_control(c)) {
			e->state = xstrdup(state);
			gather_details(c, e);
		}
next:
		lxc_container_put(c);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}

/* ---- output ---- */

static unsigned term_width(void)
{
	struct winsize ws;

	if ((ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 || ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 ||
	     ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

static size_t name_width(const struct listing *l)
{
	size_t w = 4; /* "NAME" */

	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i].name) > w)
			w = strlen(l->v[i].name);
	return w;
}

/* Names in columns as wide as the longest, as many per line as the terminal
 * takes (one per line when stdout is not a terminal), as LXC prints them. */
static void print_names(const struct listing *l, bool one_per_line)
{
	size_t w = name_width(l), len = 0, width = one_per_line ? 0 : term_width();

	for (size_t i = 0; i < l->n; i++) {
		if (one_per_line) {
			printf("%s\n", l->v[i].name);
			continue;
		}
		printf("%-*s", (int)w, l->v[i].name);
		len += w;
		if (len + w >= width) {
			printf("\n");
			len = 0;
		} else {
			printf(" ");
			len++;
		}
	}
	if (len > 0)
		printf("\n");
}

/* RAM or SWAP of a running container in MiB; -1 if not shown. */
static double mib(const struct entry *e, const char *col)
{
	long long v = !strcasecmp(col, "RAM") ? e->ram : e->swap;

	if (!e->running || v < 0)
		return -1;
	return (double)v / 1024 / 1024;
}

static bool is_number_column(const char *col)
{
	return !strcasecmp(col, "RAM") || !strcasecmp(col, "SWAP");
}

/* A text cell, or NULL for LXC's "-". buf holds formatted numbers; *owned what to free. */
static const char *cell(const struct entry *e, const char *col, char *buf, size_t len, char **owned)
{
	*owned = NULL;
	if (!strcasecmp(col, "NAME"))
		return e->name;
	if (!strcasecmp(col, "STATE"))
		return e->state;
	if (!strcasecmp(col, "PID")) {
		if (e->pid <= 0)
			return NULL;
		snprintf(buf, len, "%d", (int)e->pid);
		return buf;
	}
	if (!strcasecmp(col, "AUTOSTART")) {
		snprintf(buf, len, "%d", e->autostart ? 1 : 0);
		return buf;
	}
	if (!strcasecmp(col, "UNPRIVILEGED"))
		return e->unprivileged ? "true" : "false";
	{
		char *const *v = !strcasecmp(col, "GROUPS")      ? e->groups
				 : !strcasecmp(col, "INTERFACE") ? e->interfaces
				 : !strcasecmp(col, "IPV4")      ? e->ipv4
								 : e->ipv6;
		if (!strv_count(v))
			return NULL;
		return *owned = join(v, ", ");
	}
}

/* A column's width: its header, its widest cell ("-" is narrower than any header).
 * RAM and SWAP count the number without "MB", and at least "0.00", as LXC does. */
static size_t column_width(const struct listing *l, const char *col)
{
	size_t w = strlen(col);
	char buf[64];

	for (size_t i = 0; i < l->n; i++) {
		size_t len;

		if (is_number_column(col)) {
			double v = mib(&l->v[i], col);
			len = (size_t)snprintf(buf, sizeof(buf), "%.2f", v < 0 ? 0 : v);
		} else {
			char *owned;
			const char *s = cell(&l->v[i], col, buf, sizeof(buf), &owned);
			len = s ? strlen(s) : 1;
			free(owned);
		}
		if (len > w)
			w = len;
	}
	return w;
}

/* The table of -f / -F in LXC's layout: left-aligned columns as wide as their
 * widest cell, each followed by one space; RAM and SWAP as "%.2fMB". */
static void print_table(const struct listing *l, char **cols)
{
	size_t ncols = strv_count(cols);
	size_t *w = xcalloc(ncols, sizeof(*w));
	char buf[64];

	for (size_t j = 0; j < ncols; j++) {
		char upper[16];
		size_t k;

		for (k = 0; cols[j][k] && k < sizeof(upper) - 1; k++)
			upper[k] = (char)(cols[j][k] >= 'a' && cols[j][k] <= 'z' ? cols[j][k] - 32 : cols[j][k]);
		upper[k] = '\0';
		w[j] = column_width(l, upper);
		printf("%-*s ", (int)(w[j] + (is_number_column(upper) ? 2 : 0)), upper);
	}
	printf("\n");
	for (size_t i = 0; i < l->n; i++) {
		for (size_t j = 0; j < ncols; j++) {
			char *owned;
			const char *s;

			if (is_number_column(cols[j])) {
				double v = mib(&l->v[i], cols[j]);
				if (v >= 0)
					printf("%*.2fMB ", (int)w[j], v);
				else
					printf("%-*s   ", (int)w[j], "-");
				continue;
			}
			s = cell(&l->v[i], cols[j], buf, sizeof(buf), &owned);
			printf("%-*s ", (int)w[j], s ? s : "-");
			free(owned);
		}
		printf("\n");
	}
	free(w);
}

static void json_strv(struct berth_json *j, const char *key, char *const *v)
{
	berth_json_key(j, key);
	berth_json_array_begin(j);
	for (size_t i = 0; v && v[i]; i++)
		berth_json_string(j, v[i]);
	berth_json_array_end(j);
}

static void json_bytes(struct berth_json *j, const char *key, long long v, bool known)
{
	berth_json_key(j, key);
	if (known && v >= 0)
		berth_json_int(j, v);
	else
		berth_json_null(j);
}

/* --format=json: an array of objects with the fields documented in lxc-ls(1). */
static int print_json(const struct listing *l)
{
	struct berth_json *j = berth_json_new(stdout, true);

	if (!j)
		die_oom();
	berth_json_array_begin(j);
	for (size_t i = 0; i < l->n; i++) {
		const struct entry *e = &l->v[i];

		berth_json_object_begin(j);
		berth_json_key(j, "name");
		berth_json_string(j, e->name);
		berth_json_key(j, "lxcpath");
		berth_json_string(j, e->lxcpath);
		berth_json_key(j, "state");
		berth_json_string(j, e->state);
		berth_json_key(j, "running");
		berth_json_bool(j, e->running);
		berth_json_key(j, "pid");
		if (e->pid > 0)
			berth_json_int(j, e->pid);
		else
			berth_json_null(j);
		berth_json_key(j, "autostart");
		berth_json_bool(j, e->autostart);
		json_strv(j, "groups", e->groups);
		json_strv(j, "interfaces", e->interfaces);
		json_strv(j, "ipv4", e->ipv4);
		json_strv(j, "ipv6", e->ipv6);
		json_bytes(j, "memory_bytes", e->ram, e->running);
		json_bytes(j, "swap_bytes", e->swap, e->running);
		berth_json_key(j, "unprivileged");
		berth_json_bool(j, e->unprivileged);
		berth_json_key(j, "error");
		berth_json_string(j, e->error);
		berth_json_object_end(j);
	}
	berth_json_array_end(j);
	if (berth_json_end(j) < 0) {
		fprintf(stderr, "lxc-ls: cannot write the JSON output\n");
		return -1;
	}
	return 0;
}

/* ---- options ---- */

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;

	switch (opt) {
	case '1': o->line = true; return 0;
	case 'f': o->fancy = true; return 0;
	case 'F': o->fancy_format = arg; return 0;
	case 'g': o->groups = arg; return 0;
	case OPT_ACTIVE: o->active = true; return 0;
	case OPT_RUNNING: o->running = true; return 0;
	case OPT_FROZEN: o->frozen = true; return 0;
	case OPT_STOPPED: o->stopped = true; return 0;
	case OPT_DEFINED: o->defined = true; return 0;
	case OPT_NESTING: o->nesting = true; return 0;
	case OPT_FILTER: o->filter = arg; return 0;
	case OPT_FORMAT:
		if (!strcmp(arg, "json")) {
			o->json = true;
			return 0;
		}
		if (!strcmp(arg, "text"))
			return 0;
		fprintf(stderr, "lxc-ls: unknown output format \"%s\": use text or json\n", arg);
		return -1;
	}
	return -1;
}

/* Each -F column must be one of LXC's; returns the list, or NULL after saying which is not. */
static char **parse_columns(const char *spec)
{
	char **cols = split_trim(spec, ',');

	if (!cols[0]) {
		fprintf(stderr, "lxc-ls: --fancy-format needs at least one column: NAME, STATE, PID, RAM, SWAP, "
				"AUTOSTART, GROUPS, INTERFACE, IPV4, IPV6 or UNPRIVILEGED\n");
		strv_free(cols);
		return NULL;
	}
	for (size_t i = 0; cols[i]; i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof(columns) / sizeof(columns[0]); k++)
			if (!strcasecmp(cols[i], columns[k]))
				known = true;
		if (!known) {
			fprintf(stderr, "lxc-ls: unknown column \"%s\" in --fancy-format: use NAME, STATE, PID, RAM, "
					"SWAP, AUTOSTART, GROUPS, INTERFACE, IPV4, IPV6 or UNPRIVILEGED\n",
				cols[i]);
			strv_free(cols);
			return NULL;
		}
	}
	return cols;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "line", no_argument, NULL, '1' },
		{ "fancy", no_argument, NULL, 'f' },
		{ "fancy-format", required_argument, NULL, 'F' },
		{ "active", no_argument, NULL, OPT_ACTIVE },
		{ "running", no_argument, NULL, OPT_RUNNING },
		{ "frozen", no_argument, NULL, OPT_FROZEN },
		{ "stopped", no_argument, NULL, OPT_STOPPED },
		{ "defined", no_argument, NULL, OPT_DEFINED },
		{ "nesting", optional_argument, NULL, OPT_NESTING },
		{ "groups", required_argument, NULL, 'g' },
		{ "filter", required_argument, NULL, OPT_FILTER },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ 0 },
	};
	struct options o = { 0 };
	struct tool_args args = {
		.progname = "lxc-ls",
		.synopsis = "[-1 | -f [-F COLUMNS] | --format=json] [-P lxcpath]... [--active] [--running] [--frozen] "
			    "[--stopped] [--defined] [-g groups] [--filter=REGEX | REGEX]",
		.description = "List the containers of the lxcpath (-P may be given several times).",
		.options_help =
			"  -1, --line                    one name per line\n"
			"  -f, --fancy                   a table of name, state, autostart, groups, addresses\n"
			"  -F, --fancy-format=COLUMNS    the table's columns, comma separated, from NAME, STATE,\n"
			"                                PID, RAM, SWAP, AUTOSTART, GROUPS, INTERFACE, IPV4, IPV6,\n"
			"                                UNPRIVILEGED\n"
			"      --active                  only containers that run or are frozen\n"
			"      --running                 only running containers\n"
			"      --frozen                  only frozen containers\n"
			"      --stopped                 only stopped containers\n"
			"      --defined                 only containers with a config file\n"
			"      --nesting=NUM             containers nested in others (not implemented in berth yet)\n"
			"      --filter=REGEX            only names matching the extended regular expression\n"
			"  -g, --groups=GROUPS           only containers in all these groups (comma separated)\n"
			"      --format=FORMAT           text (default) or json (berth; fields in lxc-ls(1))\n",
		.flags = ARG_LXCPATH | ARG_LOG | ARG_QUIET | ARG_PERMUTE,
		.options = options,
		.shortopts = "1fF:g:",
		.handle = handle,
		.data = &o,
	};
	struct listing l = { 0 };
	regex_t re;
	bool have_re = false;
	char **must = NULL, **cols = NULL;
	const char *regex;
	int ret = EXIT_FAILURE;

	tool_args_parse(&args, argc, argv);

	if (o.nesting) {
		tool_error(&args, "--nesting is not implemented in berth yet");
		return EXIT_FAILURE;
	}
	/* as LXC: --filter, else a single positional argument is the regular expression */
	regex = o.filter ? o.filter : args.nrest == 1 ? args.rest[0] : NULL;
	if (regex) {
		int rc = regcomp(&re, regex, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			char why[256];
			regerror(rc, &re, why, sizeof(why));
			tool_error(&args, "invalid regular expression \"%s\": %s", regex, why);
			return EXIT_FAILURE;
		}
		have_re = true;
	}
	if (o.groups)
		must = split_trim(o.groups, ',');
	if (o.fancy && !o.json) {
		cols = parse_columns(o.fancy_format ? o.fancy_format : default_columns);
		if (!cols)
			goto out;
	}

	if (args.nlxcpaths > 0) {
		for (int i = 0; i < args.nlxcpaths; i++)
			if (list_path(&o, args.lxcpaths[i], have_re ? &re : NULL, must, &l) < 0)
				goto out;
	} else {
		const char *lxcpath = tool_lxcpath(&args);
		if (!lxcpath) {
			tool_error(&args, "lxc.lxcpath is not set: give one with -P");
			goto out;
		}
		if (list_path(&o, lxcpath, have_re ? &re : NULL, must, &l) < 0)
			goto out;
	}

	if (o.json) {
		if (print_json(&l) < 0)
			goto out;
	} else if (o.fancy) {
		if (l.n)
			print_table(&l, cols);
	} else {
		print_names(&l, o.line);
	}
	ret = EXIT_SUCCESS;
out:
	if (have_re)
		regfree(&re);
	strv_free(must);
	strv_free(cols);
	listing_free(&l);
	return ret;
}
