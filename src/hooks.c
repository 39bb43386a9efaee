/* hooks.c - running lxc.hook.* programs with LXC's arguments and LXC_* environment, their output kept for the error message; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hooks.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/strutil.h"

static void set(const char *k, const char *v)
{
	if (v)
		setenv(k, v, 1);
}

/* In the forked hook process only: environment, stdio, exec. Never returns. */
static void hook_exec(const char *type, const char *cmd, const struct hook_env *env, int out)
{
	char *argv[64];
	int argc = 0;
	__do_free char *script = NULL;
	int devnull;
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);

	set("LXC_NAME", env->name);
	set("LXC_CONFIG_FILE", env->config_file);
	set("LXC_ROOTFS_MOUNT", env->rootfs_mount);
	set("LXC_ROOTFS_PATH", env->rootfs_path);
	set("LXC_CONSOLE", env->console);
	set("LXC_CONSOLE_LOGPATH", env->console_log);
	set("LXC_LOG_LEVEL", env->log_level);
	set("LXC_CGNS_AWARE", "1");
	set("LXC_TARGET", env->target);
	set("LXC_HOOK_VERSION", env->version ? "1" : "0");
	if (env->pid > 0) {
		char pid[16];
		snprintf(pid, sizeof(pid), "%d", env->pid);
		set("LXC_PID", pid);
	}
	for (char *const *e = env->extra_env; e && *e; e++)
		putenv(*e);

	script = str_printf(env->version ? "%s" : "%s \"$@\"", cmd);
	if (!script)
		_exit(127);
	argv[argc++] = "sh";
	argv[argc++] = "-c";
	argv[argc++] = script;
	argv[argc++] = "sh";
	if (env->version) {
		set("LXC_HOOK_TYPE", type);
		set("LXC_HOOK_SECTION", "lxc");
		for (char *const *ns = env->ns_args; ns && *ns; ns++) {
			/* "mnt:/proc/..." -> LXC_MNT_NS=/proc/... */
			char key[32];
			const char *colon = strchr(*ns, ':');
			if (!colon)
				continue;
			snprintf(key, sizeof(key), "LXC_%.*s_NS", (int)(colon - *ns), *ns);
			for (char *k = key; *k; k++)
				if (*k >= 'a' && *k <= 'z')
					*k = (char)(*k - 'a' + 'A');
			set(key, colon + 1);
		}
	} else {
		argv[argc++] = (char *)env->name;
		argv[argc++] = "lxc";
		argv[argc++] = (char *)type;
		for (char *const *ns = env->ns_args; ns && *ns && argc < 62; ns++)
			argv[argc++] = *ns;
	}
	argv[argc] = NULL;

	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull >= 0)
		dup2(devnull, 0);
	else
		close(0);
	dup2(out, 1);
	dup2(out, 2);
	execv("/bin/sh", argv);
	dprintf(out, "cannot run /bin/sh: %s\n", strerror(errno));
	_exit(127);
}

int hook_run(const char *type, const char *cmd, const struct hook_env *env, char *err, size_t errlen)
{
	int pipefd[2];
	char buf[4096], last[512] = "", line[512];
	size_t linelen = 0;
	pid_t pid;
	int status;
	ssize_t n;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot run '%s': pipe: %s", cmd, strerror(errno));
		return -errno;
	}
	pid = fork();
	if (pid < 0) {
		int e = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		snprintf(err, errlen, "cannot run '%s': fork: %s", cmd, strerror(e));
		return -e;
	}
	if (pid == 0) {
		close(pipefd[0]);
		hook_exec(type, cmd, env, pipefd[1]);
	}
	close(pipefd[1]);

	/* Keep the last line the hook printed: it is usually why it failed. */
	while ((n = read(pipefd[0], buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || linelen == sizeof(line) - 1) {
				line[linelen] = '\0';
				if (linelen) {
					DEBUG("lxc.hook.%s: %s", type, line);
					memcpy(last, line, linelen + 1);
				}
				linelen = 0;
				if (buf[i] == '\n')
					continue;
			}
			line[linelen++] = buf[i];
		}
	}
	if (linelen) {
		line[linelen] = '\0';
		DEBUG("lxc.hook.%s: %s", type, line);
		memcpy(last, line, linelen + 1);
	}
	close(pipefd[0]);

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(err, errlen, "'%s': waitpid: %s", cmd, strerror(errno));
			return -errno;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		snprintf(err, errlen, "'%s' exited with status %d%s%s", cmd, WEXITSTATUS(status), *last ? ": " : "", last);
	else
		snprintf(err, errlen, "'%s' was killed by signal %d%s%s", cmd, WTERMSIG(status), *last ? ": " : "", last);
	return -ECANCELED;
}
