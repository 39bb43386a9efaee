/* template.c - finding and running a container template with LXC's arguments and environment; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "template.h"
#include "template_signal.h"
#include "util/cleanup.h"
#include "util/strutil.h"

extern char **environ;

char *template_find(const char *t, const char *template_dir, char *err, size_t errlen)
{
	__do_free char *path = NULL;
	struct stat st;

	if (!t || !*t) {
		snprintf(err, errlen, "no template given");
		return NULL;
	}
	if (strchr(t, '/')) {
		path = realpath(t, NULL);
		if (!path) {
			snprintf(err, errlen, "template %s: %s", t, strerror(errno));
			return NULL;
		}
	} else {
		path = str_printf("%s/lxc-%s", template_dir, t);
		if (!path) {
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		if (stat(path, &st) < 0) {
			if (errno == ENOENT)
				snprintf(err, errlen, "template \"%s\" not found: there is no %s (give a template's name from %s, or its path)",
					 t, path, template_dir);
			else
				snprintf(err, errlen, "template \"%s\": %s: %s", t, path, strerror(errno));
			return NULL;
		}
	}
	if (stat(path, &st) < 0) {
		snprintf(err, errlen, "template %s: %s", path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "template %s is not a file", path);
		return NULL;
	}
	if (access(path, X_OK) < 0) {
		snprintf(err, errlen, "template %s is not executable (chmod +x it)", path);
		return NULL;
	}
	return move_ptr(path);
}

char **template_build_argv(const char *tpath, const char *container_dir, const char *name, const char *rootfs,
			   long mapped_uid, long mapped_gid, char *const user_argv[])
{
	__do_free_strv char **v = NULL;
	const char *base = strrchr(tpath, '/');
	const char *fixed_opt[] = { "path", "name", "rootfs" };
	const char *fixed_val[] = { container_dir, name, rootfs };

	if (strv_append(&v, base ? base + 1 : tpath) < 0)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(fixed_opt); i++) {
		__do_free char *a = str_printf("--%s=%s", fixed_opt[i], fixed_val[i]);

		if (!a || strv_append(&v, a) < 0)
			return NULL;
	}
	if (mapped_uid >= 0 && mapped_gid >= 0) {
		__do_free char *u = str_printf("--mapped-uid=%ld", mapped_uid);
		__do_free char *g = str_printf("--mapped-gid=%ld", mapped_gid);

		if (!u || !g || strv_append(&v, u) < 0 || strv_append(&v, g) < 0)
			return NULL;
	}
	for (size_t i = 0; user_argv && user_argv[i]; i++)
		if (strv_append(&v, user_argv[i]) < 0)
			return NULL;
	return move_ptr(v);
}

char **template_build_env(const char *name, const char *container_dir, const char *rootfs, const char *config_file)
{
	__do_free_strv char **v = NULL;
	const char *keys[] = { "LXC_NAME", "LXC_PATH", "LXC_ROOTFS_PATH", "LXC_CONFIG_FILE", "LXC_TEMPLATE_CONFIG" };
	const char *vals[] = { name, container_dir, rootfs, config_file, LXCTEMPLATECONFIG };

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
		__do_free char *kv = NULL;

		if (!vals[i])
			continue;
		kv = str_printf("%s=%s", keys[i], vals[i]);
		if (!kv || strv_append(&v, kv) < 0)
			return NULL;
	}
	return move_ptr(v);
}

/* The inherited environment with job->env replacing variables of the same name. Built
 * before fork: the child of a threaded caller may only do async-signal-safe things. */
static char **merged_env(char **add)
{
	size_t n = 0, m = strv_len(add), k = 0;
	char **out;

	for (char **e = environ; e && *e; e++)
		n++;
	out = calloc(n + m + 1, sizeof(*out));
	if (!out)
		return NULL;
	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		size_t klen = eq ? (size_t)(eq - *e) : strlen(*e);
		bool replaced = false;

		for (size_t i = 0; i < m && !replaced; i++)
			replaced = !strncmp(add[i], *e, klen) && add[i][klen] == '=';
		if (!replaced)
			out[k++] = *e;
	}
	for (size_t i = 0; i < m; i++)
		out[k++] = add[i];
	out[k] = NULL;
	return out; /* borrowed strings: free only the vector */
}

/* In the child: never returns. Only async-signal-safe calls. */
static void child(const struct template_job *job, char **envp, int errpipe, int errfd, bool stdin_null)
{
	sigset_t none;
	int null, e;

	setpgid(0, 0);
	/* exec resets caught signals to their default and keeps ignored ones ignored; the mask it keeps */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	if (job->private_mounts && unshare(CLONE_NEWNS) == 0)
		/* the template's mounts (debootstrap's /proc, ...) must not reach the host */
		mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL);

	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		if (stdin_null || job->quiet)
			dup2(null, STDIN_FILENO);
		if (job->quiet)
			dup2(null, STDOUT_FILENO);
	}
	if (errfd >= 0)
		dup2(errfd, STDERR_FILENO);
	execve(job->path, job->argv, envp);
	e = errno;
	if (write(errpipe, &e, sizeof(e)) < 0) {
		/* nothing more to say */
	}
	_exit(127);
}

/* Waits until no process of the group is left (they were sent SIGKILL); gives up after a few seconds. */
static void wait_group_gone(pid_t pgid)
{
	for (int i = 0; i < 500; i++) {
		if (kill(-pgid, 0) < 0 && errno == ESRCH)
			return;
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	}
	WARN("processes of the template's group %d are still there after SIGKILL", pgid);
}

/* Reads the template's stderr to its end; keeps the last non-empty line. */
static void read_last_line(int fd, char *last, size_t lastlen)
{
	char buf[4096], line[512];
	size_t len = 0;
	ssize_t n;

	last[0] = '\0';
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || len == sizeof(line) - 1) {
				line[len] = '\0';
				if (len)
					snprintf(last, lastlen, "%s", line);
				len = 0;
				if (buf[i] == '\n')
					continue;
			}
			line[len++] = buf[i];
		}
	}
	if (len) {
		line[len] = '\0';
		snprintf(last, lastlen, "%s", line);
	}
}

int template_run(const struct template_job *job, char *err, size_t errlen)
{
	__do_free char **envp = merged_env(job->env);
	__do_close int errpipe_r = -EBADF, errpipe_w = -EBADF, out_r = -EBADF, out_w = -EBADF;
	int pipefd[2], status, exec_errno = 0;
	bool stdin_null = isatty(STDIN_FILENO);
	char last[512] = "";
	pid_t pid;
	ssize_t n;

	if (!envp) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -errno;
	errpipe_r = pipefd[0];
	errpipe_w = pipefd[1];
	if (job->quiet) {
		if (pipe2(pipefd, O_CLOEXEC) < 0)
			return -errno;
		out_r = pipefd[0];
		out_w = pipefd[1];
	}

	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot run %s: fork: %s", job->path, strerror(errno));
		return -errno;
	}
	if (pid == 0)
		child(job, envp, errpipe_w, out_w, stdin_null);
	/* both sides set the group, so neither a signal nor our kill can come before it exists */
	setpgid(pid, pid);
	template_signals_watch(pid);
	close(move_fd(errpipe_w));
	close(move_fd(out_w));

	if (out_r >= 0)
		read_last_line(out_r, last, sizeof(last));
	while ((n = read(errpipe_r, &exec_errno, sizeof(exec_errno))) < 0 && errno == EINTR)
		;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			int e = errno;

			template_signals_unwatch(pid);
			snprintf(err, errlen, "waiting for %s: %s", job->path, strerror(e));
			return -e;
		}
	}
	template_signals_unwatch(pid);

	if (n == (ssize_t)sizeof(exec_errno)) {
		snprintf(err, errlen, "cannot run %s: %s", job->path, strerror(exec_errno));
		return -exec_errno;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !template_signal_pending())
		return 0;

	/* whatever the template started must stop writing into the rootfs before it is removed */
	if (kill(-pid, SIGKILL) == 0)
		wait_group_gone(pid);
	if (template_signal_pending()) {
		snprintf(err, errlen, "interrupted by signal %d (%s)", template_signal_pending(),
			 strsignal(template_signal_pending()));
		return -EINTR;
	}
	if (WIFEXITED(status))
		snprintf(err, errlen, "exited with status %d%s%s", WEXITSTATUS(status), last[0] ? ": " : "", last);
	else
		snprintf(err, errlen, "was killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	return -ECANCELED;
}
