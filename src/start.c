/* start.c - starting a container: plan, lock by the command socket, fork the monitor (daemonized or here) and report RUNNING or the reason it failed; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "log.h"
#include "monitor.h"
#include "start.h"
#include "start_plan.h"
#include "util/cleanup.h"
#include "util/strutil.h"

/* Inherited fds the caller did not mark close-on-exec are the ones LXC calls
 * "inherited": a daemon (or -C) closes them so it holds nothing of the caller. */
static void close_inherited(const int *keep, size_t nkeep)
{
	__do_closedir DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int fds[1024];
	size_t n = 0;

	if (!d)
		return;
	while ((de = readdir(d)) && n < ARRAY_SIZE(fds)) {
		int fd, flags;
		bool kept = false;

		if (str_to_int(de->d_name, &fd) < 0 || fd < 3 || fd == dirfd(d))
			continue;
		for (size_t i = 0; i < nkeep; i++)
			kept |= keep[i] == fd;
		flags = fcntl(fd, F_GETFD);
		if (kept || flags < 0 || (flags & FD_CLOEXEC))
			continue;
		fds[n++] = fd;
	}
	for (size_t i = 0; i < n; i++)
		close(fds[i]);
}

static void stdio_to_devnull(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		dup2(fd, i);
	if (fd > 2)
		close(fd);
}

static void write_pidfile(const char *path)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d\n", getpid());
	int fd;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		SYSWARN("cannot write the pid file %s", path);
		return;
	}
	if (write(fd, buf, (size_t)n) != n)
		SYSWARN("cannot write the pid file %s", path);
	close(fd);
}

/* In the monitor: run it, then leave. */
__attribute__((noreturn)) static void become_daemon_monitor(struct monitor_args *ma, const struct start_args *args)
{
	int status = 0, keep[2] = { ma->cmd_fd, ma->ready_fd };
	char err[4096] = "";
	int ret;

	close_inherited(keep, 2);
	stdio_to_devnull();
	if (chdir("/") < 0)
		(void)0;
	prctl(PR_SET_NAME, "lxc monitor", 0, 0, 0);
	write_pidfile(args->pidfile);
	ret = monitor_run(ma, &status, err, sizeof(err));
	if (ret < 0 && !ma->failure_reported)
		ERROR("%s", err);
	_exit(ret < 0 ? 1 : 0);
}

int berth_start_items(const struct plan_item *items, size_t n, const char *name, const char *lxcpath,
		      const char *config_file, const struct start_args *args, int *exit_status, char *err, size_t errlen)
{
	int64_t t0 = monitor_now_us();
	struct plan_overrides ov = { .argv = args->argv, .console_path = args->console_path,
				     .console_logfile = args->console_log };
	struct start_plan *plan = NULL;
	struct monitor_args ma = { .ready_fd = -1, .t0_us = t0, .args = args };
	int cmd_fd = -1, ready[2], ret, status = 0;
	pid_t pid;

	if (exit_status)
		*exit_status = 0;
	err[0] = '\0';
	for (int i = 0; i < PLAN_NS_MAX; i++)
		ov.share[i] = args->share[i];

	ret = start_plan_build(items, n, name, lxcpath, config_file, &ov, &plan, err, errlen);
	if (ret < 0) {
		ERROR("%s", err);
		return ret;
	}
	TRACE("start step: plan built, %zu ops (+%lldus)", plan->n_ops, (long long)(monitor_now_us() - t0));
	if (!log_file_is_open() && plan->log_file) {
		if (log_open_file(plan->log_file) == 0 && plan->log_level >= 0)
			log_set_level(plan->log_level);
	}
	if (plan->n_net_devices && (!args->net || !args->net->create)) {
		snprintf(err, errlen,
			 "lxc.net: this container has network interfaces other than empty/none, and this build has no network support yet (use lxc.net.0.type = empty)");
		ERROR("%s", err);
		start_plan_free(plan);
		return -ENOTSUP;
	}

	/* The abstract command socket is the lock: the kernel frees it with its
	 * last holder, so a killed monitor never blocks the next start. */
	ret = cmd_server_bind(name, lxcpath, &cmd_fd, err, errlen);
	if (ret < 0) {
		char tmp[4096];
		snprintf(tmp, sizeof(tmp), "%s", err);
		if (ret == -EEXIST)
			snprintf(err, errlen, "container %s %s", name, tmp);
		ERROR("%s", err);
		start_plan_free(plan);
		return ret;
	}
	ma.plan = plan;
	ma.cmd_fd = cmd_fd;

	if (!args->daemonize) {
		if (args->close_all_fds) {
			int keep[1] = { cmd_fd };
			close_inherited(keep, 1);
		}
		write_pidfile(args->pidfile);
		ret = monitor_run(&ma, &status, err, errlen);
		start_plan_free(plan);
		if (ret < 0) {
			ERROR("%s", err);
			return ret;
		}
		if (exit_status)
			*exit_status = status;
		return 0;
	}

	if (pipe2(ready, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		ERROR("%s", err);
		close(cmd_fd);
		start_plan_free(plan);
		return -errno;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot fork the monitor: %s", strerror(errno));
		ERROR("%s", err);
		close(ready[0]);
		close(ready[1]);
		close(cmd_fd);
		start_plan_free(plan);
		return -errno;
	}
	if (pid == 0) {
		/* Double fork: the monitor is nobody's child and has no terminal. */
		close(ready[0]);
		if (setsid() < 0)
			(void)0;
		pid = fork();
		if (pid != 0)
			_exit(pid < 0 ? 1 : 0);
		ma.ready_fd = ready[1];
		TRACE("start step: monitor forked (+%lldus)", (long long)(monitor_now_us() - t0));
		become_daemon_monitor(&ma, args);
	}
	close(ready[1]);
	close(cmd_fd);
	start_plan_free(plan);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;

	{
		struct monitor_ready msg;
		ssize_t got = 0, r;

		while ((size_t)got < sizeof(msg)) {
			r = read(ready[0], (char *)&msg + got, sizeof(msg) - (size_t)got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += r;
		}
		close(ready[0]);
		if ((size_t)got < sizeof(msg)) {
			snprintf(err, errlen, "the monitor of %s exited before the container was running (see the log file given with -o)", name);
			ERROR("%s", err);
			return -ECHILD;
		}
		if (msg.ret < 0) {
			msg.text[sizeof(msg.text) - 1] = '\0';
			snprintf(err, errlen, "%s", msg.text);
			ERROR("%s", err);
			return msg.ret;
		}
	}
	TRACE("start step: caller saw RUNNING (+%lldus)", (long long)(monitor_now_us() - t0));
	return 0;
}
