/* attach_env.c - the environment of an attached process: the caller's (kept or cleared), container=lxc, lxc.environment, -v; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "util/cleanup.h"
#include "util/strutil.h"

/* Length of the name of "NAME=VALUE" (or of a bare "NAME"). */
static size_t name_len(const char *entry)
{
	return strcspn(entry, "=");
}

static ssize_t find(char **env, const char *name, size_t n)
{
	for (size_t i = 0; env && env[i]; i++)
		if (name_len(env[i]) == n && !strncmp(env[i], name, n))
			return (ssize_t)i;
	return -1;
}

/* The value the caller has for NAME (n bytes of name), or NULL. */
static const char *lookup(char *const *env, const char *name, size_t n)
{
	for (size_t i = 0; env && env[i]; i++)
		if (name_len(env[i]) == n && !strncmp(env[i], name, n) && env[i][n] == '=')
			return env[i] + n + 1;
	return NULL;
}

/* Sets (or replaces) "NAME=VALUE" in *env; a bare "NAME" removes NAME. */
static int env_put(char ***env, const char *entry)
{
	size_t n = name_len(entry);
	ssize_t at = find(*env, entry, n);

	if (entry[n] != '=') {
		if (at >= 0) {
			free((*env)[at]);
			memmove(&(*env)[at], &(*env)[at + 1], (strv_len(*env) - (size_t)at) * sizeof(char *));
		}
		return 0;
	}
	if (at >= 0) {
		char *copy = strdup(entry);
		if (!copy)
			return -ENOMEM;
		free((*env)[at]);
		(*env)[at] = copy;
		return 0;
	}
	return strv_append(env, entry);
}

static int env_set(char ***env, const char *name, size_t n, const char *value)
{
	__do_free char *entry = str_printf("%.*s=%s", (int)n, name, value);

	return entry ? env_put(env, entry) : -ENOMEM;
}

int attach_env_build(char *const *caller, lxc_attach_env_policy_t policy, char *const *keep, char *const *conf_env,
		     char *const *extra, char ***out, const char **bad)
{
	__do_free_strv char **env = calloc(1, sizeof(char *));
	int ret = 0;

	if (!env)
		return -ENOMEM;
	if (policy == LXC_ATTACH_CLEAR_ENV) {
		bool path_kept = false;

		for (size_t i = 0; keep && keep[i] && !ret; i++) {
			const char *v = lookup(caller, keep[i], strlen(keep[i]));

			if (!v)
				continue;
			path_kept |= !strcmp(keep[i], "PATH");
			ret = env_set(&env, keep[i], strlen(keep[i]), v);
		}
		if (!ret && !path_kept)
			ret = env_put(&env, "PATH=" ATTACH_DEFAULT_PATH);
	} else {
		for (size_t i = 0; caller && caller[i] && !ret; i++)
			if (name_len(caller[i]) > 0 && caller[i][name_len(caller[i])] == '=')
				ret = env_put(&env, caller[i]);
	}
	if (!ret)
		ret = env_put(&env, "container=lxc");

	for (size_t i = 0; conf_env && conf_env[i] && !ret; i++) {
		const char *e = conf_env[i];
		size_t n = name_len(e);

		if (n == 0) {
			*bad = e;
			return -EINVAL;
		}
		if (e[n] == '=') {
			ret = env_put(&env, e);
		} else {
			const char *v = lookup(caller, e, n);
			if (v)
				ret = env_set(&env, e, n, v);
		}
	}
	for (size_t i = 0; extra && extra[i] && !ret; i++) {
		if (name_len(extra[i]) == 0) {
			*bad = extra[i];
			return -EINVAL;
		}
		ret = env_put(&env, extra[i]);
	}
	if (ret)
		return ret;
	*out = move_ptr(env);
	return 0;
}
