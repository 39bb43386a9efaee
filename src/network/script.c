/* script.c - runs lxc.net.N.script.up / script.down on the host with LXC's arguments (hook version 0) or environment (version 1); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "network/script.h"
#include "util/cleanup.h"
#include "util/strutil.h"

extern char **environ;

/* Environment for the script: ours, with the hook's variables replaced. */
static char **script_env(char *const *add)
{
	char **env = NULL;

	for (char **e = environ; e && *e; e++) {
		bool replaced = false;

		for (char *const *a = add; *a && !replaced; a++) {
			size_t klen = strchr(*a, '=') - *a + 1;
			replaced = !strncmp(*e, *a, klen);
		}
		if (!replaced && strv_append(&env, *e) < 0)
			goto fail;
	}
	for (char *const *a = add; *a; a++)
		if (strv_append(&env, *a) < 0)
			goto fail;
	return env;
fail:
	strv_free(env);
	return NULL;
}

int net_run_script(const struct net_plan *p, const struct net_dev *d, const char *hook)
{
	const char *script = !strcmp(hook, "up") ? d->script_up : d->script_down;
	const char *type = net_type_name(d->type);
	const char *peer = d->type == NET_VETH ? d->host_name : NULL;
	__do_free_strv char **argv = NULL, **env = NULL, **add = NULL;
	__do_free char *cmd = NULL;
	posix_spawn_file_actions_t fa;
	int pipefd[2], status, ret;
	char buf[4096];
	pid_t pid;

	if (!script)
		return 0;
	/* LXC passes: type, link, and for veth the host end. It builds one shell
	 * line, so an empty value (no link) simply disappears; do the same. */
	const char *args[] = { type, d->type == NET_EMPTY ? "" : d->link, peer ? peer : "" };

	cmd = str_printf("exec %s \"$@\"", script);
	if (!cmd || strv_append(&argv, "/bin/sh") < 0 || strv_append(&argv, "-c") < 0 || strv_append(&argv, cmd) < 0 ||
	    strv_append(&argv, script) < 0)
		return -ENOMEM;
	if (p->hook_version == 0) {
		if (strv_append(&argv, p->container) < 0 || strv_append(&argv, "net") < 0 ||
		    strv_append(&argv, hook) < 0)
			return -ENOMEM;
	}
	for (size_t i = 0; i < ARRAY_SIZE(args); i++)
		if (*args[i] && strv_append(&argv, args[i]) < 0)
			return -ENOMEM;

	if (p->hook_version == 1) {
		/* Version 1 scripts learn the details from the environment. */
		char *v[] = {
			str_printf("LXC_HOOK_TYPE=%s", hook),
			str_printf("LXC_HOOK_SECTION=net"),
			str_printf("LXC_NET_TYPE=%s", type),
			(d->type == NET_VETH || d->type == NET_MACVLAN || d->type == NET_PHYS)
				? str_printf("LXC_NET_PARENT=%s", d->link)
				: NULL,
			d->type == NET_VETH ? str_printf("LXC_NET_PEER=%s", peer) : NULL,
		};
		ret = 0;
		for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
			if (v[i] && strv_append(&add, v[i]) < 0)
				ret = -ENOMEM;
			free(v[i]);
		}
		if (ret || !(env = script_env(add)))
			return -ENOMEM;
	}

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return log_syserror(-errno, "lxc.net.%d.script.%s: failed to create a pipe", d->index, hook);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	ret = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, env ? env : environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (ret) {
		close(pipefd[0]);
		errno = ret;
		return log_syserror(-ret, "lxc.net.%d.script.%s: failed to run '%s'", d->index, hook, script);
	}
	/* The script's output goes to the log at debug level, as LXC does. */
	for (;;) {
		ssize_t n = read(pipefd[0], buf, sizeof(buf) - 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf[n] = '\0';
		DEBUG("lxc.net.%d.script.%s '%s': %s", d->index, hook, script, buf);
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return log_syserror(-errno, "lxc.net.%d.script.%s: failed to wait for '%s'", d->index, hook, script);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		return log_error(-ECANCELED, "%s: lxc.net.%d.script.%s '%s' was killed by signal %d", d->where, d->index,
				 hook, script, WTERMSIG(status));
	return log_error(-ECANCELED, "%s: lxc.net.%d.script.%s '%s' exited with status %d (container %s)", d->where,
			 d->index, hook, script, WEXITSTATUS(status), p->container);
}
