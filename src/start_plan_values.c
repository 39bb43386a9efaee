/* start_plan_values.c - the values the start plan parses by itself: resource limits, time offsets and the init command's words; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "start_plan.h"
#include "start_plan_builder.h"
#include "util/cleanup.h"
#include "util/strutil.h"

/* ---- prlimit ---- */

static const struct {
	const char *name;
	int resource;
} rlimit_names[] = {
	{ "as", RLIMIT_AS },	       { "core", RLIMIT_CORE },		{ "cpu", RLIMIT_CPU },
	{ "data", RLIMIT_DATA },       { "fsize", RLIMIT_FSIZE },	{ "locks", RLIMIT_LOCKS },
	{ "memlock", RLIMIT_MEMLOCK }, { "msgqueue", RLIMIT_MSGQUEUE }, { "nice", RLIMIT_NICE },
	{ "nofile", RLIMIT_NOFILE },   { "nproc", RLIMIT_NPROC },	{ "rss", RLIMIT_RSS },
	{ "rtprio", RLIMIT_RTPRIO },   { "rttime", RLIMIT_RTTIME },	{ "sigpending", RLIMIT_SIGPENDING },
	{ "stack", RLIMIT_STACK },
};

static int parse_rlim_value(const char *s, rlim_t *out)
{
	uint64_t v;

	if (!strcmp(s, "unlimited")) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (str_to_u64(s, &v) < 0)
		return -EINVAL;
	*out = (rlim_t)v;
	return 0;
}

int start_plan_rlimit(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(rlimit_names); i++)
		if (!strcmp(name, rlimit_names[i].name))
			return rlimit_names[i].resource;
	return -EINVAL;
}

int start_plan_parse_prlimit(const char *name, const char *value, int *resource, struct rlimit *lim, char *err, size_t errlen)
{
	__do_free char *copy = strdup(value);
	char *colon;
	int r;

	if (!copy)
		return -ENOMEM;
	r = start_plan_rlimit(name);
	if (r < 0) {
		snprintf(err, errlen,
			 "unknown resource '%s' (use as, core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending or stack)",
			 name);
		return -EINVAL;
	}
	*resource = r;
	colon = strchr(copy, ':');
	if (colon)
		*colon++ = '\0';
	if (parse_rlim_value(copy, &lim->rlim_cur) < 0 || parse_rlim_value(colon ? colon : copy, &lim->rlim_max) < 0) {
		snprintf(err, errlen, "'%s' is not SOFT[:HARD] with numbers or 'unlimited'", value);
		return -EINVAL;
	}
	if (lim->rlim_cur != RLIM_INFINITY && (lim->rlim_max == RLIM_INFINITY ? false : lim->rlim_cur > lim->rlim_max)) {
		snprintf(err, errlen, "the soft limit %s is above the hard limit", copy);
		return -EINVAL;
	}
	return 0;
}

/* ---- time offsets: "10s", "-2h", "100ms" -> seconds and nanoseconds ---- */

int plan_parse_time_offset(const char *v, int64_t *sec, int64_t *nsec)
{
	static const struct {
		const char *unit;
		int64_t ns;
	} units[] = { { "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000LL },
		      { "m", 60LL * 1000000000LL }, { "h", 3600LL * 1000000000LL } };
	char num[64];
	size_t n = strspn(v, "-+0123456789");
	int64_t value;

	if (n == 0 || n >= sizeof(num))
		return -EINVAL;
	memcpy(num, v, n);
	num[n] = '\0';
	if (str_to_i64(num, &value) < 0)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		if (strcmp(v + n, units[i].unit))
			continue;
		if (units[i].ns >= 1000000000LL) {
			*sec = value * (units[i].ns / 1000000000LL);
			*nsec = 0;
		} else {
			*sec = value / (1000000000LL / units[i].ns);
			*nsec = (value % (1000000000LL / units[i].ns)) * units[i].ns;
			if (*nsec < 0) {
				*nsec += 1000000000LL;
				*sec -= 1;
			}
		}
		return 0;
	}
	return -EINVAL;
}

/* ---- lxc.init.cmd splitting: words, with '' and "" quoting ---- */

int start_plan_split_cmd(const char *cmd, char ***out)
{
	char **v = NULL;
	__do_free char *word = malloc(strlen(cmd) + 1);
	const char *p = cmd;

	if (!word)
		return -ENOMEM;
	for (;;) {
		size_t n = 0;
		char quote = 0;
		bool any = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && (quote || (*p != ' ' && *p != '\t'))) {
			any = true;
			if (quote) {
				if (*p == quote)
					quote = 0;
				else
					word[n++] = *p;
			} else if (*p == '\'' || *p == '"') {
				quote = *p;
			} else if (*p == '\\' && p[1]) {
				word[n++] = *++p;
			} else {
				word[n++] = *p;
			}
			p++;
		}
		if (quote) {
			strv_free(v);
			return -EINVAL;
		}
		word[n] = '\0';
		if (any && strv_append(&v, word) < 0) {
			strv_free(v);
			return -ENOMEM;
		}
	}
	*out = v;
	return 0;
}

