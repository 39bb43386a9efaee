/* attach_api.c - the container object's attach, attach_run_wait and attach_run_waitl methods over attach_start; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "attach.h"
#include "attach_api.h"
#include "commands.h"
#include "conf/conf.h"
#include "container.h"
#include "log.h"
#include "start_plan.h"
#include "util/cleanup.h"
#include "util/strutil.h"

extern char **environ;

/* A list key of the loaded config, one entry per line (none if no config is loaded). */
static int conf_list(struct lxc_container *c, const char *key, char ***out)
{
	__do_free char *text = NULL;
	char *save = NULL;
	int len;

	*out = NULL;
	if (container_mem_lock(c) < 0)
		return -ENOLCK;
	len = container_priv(c)->conf ? conf_get_item(container_priv(c)->conf, key, NULL, 0) : 0;
	if (len > 0 && (text = malloc((size_t)len + 1)))
		conf_get_item(container_priv(c)->conf, key, text, (size_t)len + 1);
	container_mem_unlock(c);
	if (len > 0 && !text)
		return -ENOMEM;
	for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save))
		if (strv_append(out, line) < 0)
			return -ENOMEM;
	return 0;
}

/* The resources lxc.prlimit.* sets (at most RLIM_NLIMITS of them). */
static size_t conf_rlimits(struct lxc_container *c, int *out)
{
	__do_free_strv char **lines = NULL;
	size_t n = 0;

	if (conf_list(c, "lxc.prlimit", &lines) < 0)
		return 0;
	/* "lxc.prlimit.nofile = 512:1024" */
	for (char **l = lines; l && *l && n < RLIM_NLIMITS; l++) {
		char name[32];
		int r;

		if (!str_has_prefix(*l, "lxc.prlimit."))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(*l + 12, " ="), *l + 12);
		r = start_plan_rlimit(name);
		if (r >= 0)
			out[n++] = r;
	}
	return n;
}

static int m_attach(struct lxc_container *c, lxc_attach_exec_t exec_function, void *exec_payload,
		    lxc_attach_options_t *options, pid_t *attached_process)
{
	lxc_attach_options_t defaults = LXC_ATTACH_OPTIONS_DEFAULT;
	__do_free_strv char **conf_env = NULL;
	__do_free_strv char **env = NULL;
	__do_close int pidfd = -EBADF;
	struct attach_request r;
	int rlimits[RLIM_NLIMITS];
	const char *bad = NULL;
	char err[2048];
	pid_t pid;
	int ret;

	if (!c)
		return -1;
	if (!exec_function || !attached_process)
		return container_fail(c, EINVAL, "attach needs a function to run and a place for the pid of its process");

	pidfd = cmd_get_init_pidfd(c->name, c->config_path);
	if (pidfd < 0) {
		struct stat st;

		if (pidfd == -EACCES)
			return container_fail(c, EACCES, "not allowed to control this container (neither root nor its owner)");
		if (pidfd != -ESRCH)
			return container_fail(c, -pidfd, "cannot reach the container's monitor: %s", strerror(-pidfd));
		if (stat(c->configfile, &st) < 0)
			return container_fail(c, ESRCH, "no such container in %s (and none of that name is running)", c->config_path);
		return container_fail(c, ESRCH, "the container is not running (start it with lxc-start -n %s)", c->name);
	}

	ret = conf_list(c, "lxc.environment", &conf_env);
	if (ret == 0)
		ret = attach_env_build(environ, options ? options->env_policy : defaults.env_policy,
				       options ? options->extra_keep_env : NULL, conf_env,
				       options ? options->extra_env_vars : NULL, &env, &bad);
	if (ret == -EINVAL)
		return container_fail(c, EINVAL, "environment entry '%s' has no variable name", bad);
	if (ret < 0)
		return container_fail(c, -ret, "cannot build the environment: %s", strerror(-ret));

	r = (struct attach_request){ .name = c->name,
				     .init_pidfd = pidfd,
				     .opts = options ? options : &defaults,
				     .env = env,
				     .fn = exec_function,
				     .payload = exec_payload,
				     .rlimits = rlimits,
				     .n_rlimits = conf_rlimits(c, rlimits) };
	ret = attach_start(&r, &pid, err, sizeof(err));
	if (ret < 0)
		return container_fail(c, -ret, "%s", err);
	*attached_process = pid;
	return 0;
}

static int wait_status(struct lxc_container *c, pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return container_fail(c, errno, "cannot wait for the attached process %d: %s", pid, strerror(errno));
	}
	return status;
}

static int m_attach_run_wait(struct lxc_container *c, lxc_attach_options_t *options, const char *program,
			     const char *const argv[])
{
	lxc_attach_command_t cmd = { .program = (char *)program, .argv = (char **)argv };
	pid_t pid;

	if (!c)
		return -1;
	if (!program || !argv || !argv[0])
		return container_fail(c, EINVAL, "attach_run_wait needs a program and its argv (argv[0] included)");
	if (m_attach(c, lxc_attach_run_command, &cmd, options, &pid) < 0)
		return -1;
	return wait_status(c, pid);
}

static int m_attach_run_waitl(struct lxc_container *c, lxc_attach_options_t *options, const char *program,
			      const char *arg, ...)
{
	__do_free const char **argv = NULL;
	size_t n = 0;
	va_list ap;

	if (!c)
		return -1;
	/* arg is argv[0]; the list ends with NULL. */
	va_start(ap, arg);
	for (const char *a = arg; a; a = va_arg(ap, const char *)) {
		const char **grown = realloc(argv, (n + 2) * sizeof(*argv));
		if (!grown) {
			va_end(ap);
			return container_fail(c, ENOMEM, "out of memory");
		}
		argv = grown;
		argv[n++] = a;
		argv[n] = NULL;
	}
	va_end(ap);
	return m_attach_run_wait(c, options, program, argv);
}

void container_install_attach(struct lxc_container *c)
{
	c->attach = m_attach;
	c->attach_run_wait = m_attach_run_wait;
	c->attach_run_waitl = m_attach_run_waitl;
}
