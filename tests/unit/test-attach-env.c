/* test-attach-env.c - unit tests for the environment an attached process gets (keep/clear, keep-var, lxc.environment, -v); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "attach.h"
#include "unit.h"
#include "util/strutil.h"

/* The value of NAME in env, or NULL; also checks that NAME is there at most once. */
static const char *get(char **env, const char *name)
{
	const char *found = NULL;
	size_t n = strlen(name);

	for (size_t i = 0; env && env[i]; i++)
		if (!strncmp(env[i], name, n) && env[i][n] == '=') {
			CHECK(found == NULL);
			found = env[i] + n + 1;
		}
	return found;
}

static char *caller[] = { "HOME=/root", "PATH=/host/bin", "TERM=xterm", "FOO=foo", "EMPTY=", NULL };

static void keep_env_keeps_everything_and_adds_container(void)
{
	char **env = NULL;
	const char *bad = NULL;

	CHECK_INT(attach_env_build(caller, LXC_ATTACH_KEEP_ENV, NULL, NULL, NULL, &env, &bad), 0);
	CHECK_STR(get(env, "HOME"), "/root");
	CHECK_STR(get(env, "PATH"), "/host/bin");
	CHECK_STR(get(env, "EMPTY"), "");
	CHECK_STR(get(env, "container"), "lxc");
	CHECK_INT(strv_len(env), 6);
	strv_free(env);
}

static void clear_env_keeps_only_named_and_a_default_path(void)
{
	char *keep[] = { "FOO", "MISSING", NULL };
	char **env = NULL;
	const char *bad = NULL;

	CHECK_INT(attach_env_build(caller, LXC_ATTACH_CLEAR_ENV, keep, NULL, NULL, &env, &bad), 0);
	CHECK_STR(get(env, "FOO"), "foo");
	CHECK(get(env, "MISSING") == NULL);
	CHECK(get(env, "HOME") == NULL);
	CHECK(get(env, "TERM") == NULL);
	CHECK_STR(get(env, "PATH"), ATTACH_DEFAULT_PATH);
	CHECK_STR(get(env, "container"), "lxc");
	CHECK_INT(strv_len(env), 3);
	strv_free(env);
}

static void clear_env_keeps_the_callers_path_when_asked(void)
{
	char *keep[] = { "PATH", NULL };
	char **env = NULL;
	const char *bad = NULL;

	CHECK_INT(attach_env_build(caller, LXC_ATTACH_CLEAR_ENV, keep, NULL, NULL, &env, &bad), 0);
	CHECK_STR(get(env, "PATH"), "/host/bin");
	CHECK_INT(strv_len(env), 2);
	strv_free(env);
	/* keep-var has no effect when the environment is kept */
	CHECK_INT(attach_env_build(caller, LXC_ATTACH_KEEP_ENV, keep, NULL, NULL, &env, &bad), 0);
	CHECK_INT(strv_len(env), 6);
	strv_free(env);
}

static void config_and_extra_entries_come_last_and_win(void)
{
	char *conf[] = { "FOO=from-config", "HOME", "NOT_IN_CALLER", "container=other", NULL };
	char *extra[] = { "FOO=from-v", "BAR=a=b", "TERM", NULL };
	char **env = NULL;
	const char *bad = NULL;

	CHECK_INT(attach_env_build(caller, LXC_ATTACH_CLEAR_ENV, NULL, conf, extra, &env, &bad), 0);
	CHECK_STR(get(env, "FOO"), "from-v");       /* -v after lxc.environment */
	CHECK_STR(get(env, "HOME"), "/root");       /* a bare name passes the caller's value */
	CHECK(get(env, "NOT_IN_CALLER") == NULL);   /* ... or nothing */
	CHECK_STR(get(env, "container"), "other");  /* the config may override container=lxc */
	CHECK_STR(get(env, "BAR"), "a=b");          /* the value keeps its '=' */
	CHECK(get(env, "TERM") == NULL);            /* a bare -v NAME removes it, as putenv */
	strv_free(env);

	/* the order of the caller's variables is kept, replaced values stay in place */
	CHECK_INT(attach_env_build(caller, LXC_ATTACH_KEEP_ENV, NULL, NULL, extra, &env, &bad), 0);
	CHECK_STR(env[0], "HOME=/root");
	CHECK_STR(env[2], "FOO=from-v");
	CHECK(get(env, "TERM") == NULL);
	strv_free(env);
}

static void entries_without_a_name_are_refused(void)
{
	char *extra[] = { "=x", NULL };
	char *conf[] = { "OK=1", "=y", NULL };
	char **env = NULL;
	const char *bad = NULL;

	CHECK_INT(attach_env_build(caller, LXC_ATTACH_KEEP_ENV, NULL, NULL, extra, &env, &bad), -EINVAL);
	CHECK_STR(bad, "=x");
	CHECK(env == NULL);
	CHECK_INT(attach_env_build(caller, LXC_ATTACH_KEEP_ENV, NULL, conf, NULL, &env, &bad), -EINVAL);
	CHECK_STR(bad, "=y");
	/* a caller's environment may hold oddities (no '='): they are left out, not fatal */
	{
		char *odd[] = { "NOEQUALS", "A=1", NULL };
		CHECK_INT(attach_env_build(odd, LXC_ATTACH_KEEP_ENV, NULL, NULL, NULL, &env, &bad), 0);
		CHECK_INT(strv_len(env), 2);
		strv_free(env);
	}
}

static void nothing_at_all_still_gives_container_and_path(void)
{
	char **env = NULL;
	const char *bad = NULL;

	CHECK_INT(attach_env_build(NULL, LXC_ATTACH_CLEAR_ENV, NULL, NULL, NULL, &env, &bad), 0);
	CHECK_INT(strv_len(env), 2);
	CHECK_STR(get(env, "container"), "lxc");
	strv_free(env);
	CHECK_INT(attach_env_build(NULL, LXC_ATTACH_KEEP_ENV, NULL, NULL, NULL, &env, &bad), 0);
	CHECK_INT(strv_len(env), 1);
	strv_free(env);
}

UNIT_MAIN_BEGIN
	RUN(keep_env_keeps_everything_and_adds_container);
	RUN(clear_env_keeps_only_named_and_a_default_path);
	RUN(clear_env_keeps_the_callers_path_when_asked);
	RUN(config_and_extra_entries_come_last_and_win);
	RUN(entries_without_a_name_are_refused);
	RUN(nothing_at_all_still_gives_container_and_path);
UNIT_MAIN_END
