/* namespace.c - namespace names and clone flags, lxc.namespace.clone/keep lists, clone3 and joining shared namespaces; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "namespace.h"
#include "util/cleanup.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const struct {
	const char *name;
	const char *proc;
	int flag;
} ns_table[] = {
	{ "mount", "mnt", CLONE_NEWNS },   { "mnt", "mnt", CLONE_NEWNS },	{ "pid", "pid", CLONE_NEWPID },
	{ "uts", "uts", CLONE_NEWUTS },	   { "ipc", "ipc", CLONE_NEWIPC },	{ "net", "net", CLONE_NEWNET },
	{ "user", "user", CLONE_NEWUSER }, { "cgroup", "cgroup", CLONE_NEWCGROUP }, { "time", "time", CLONE_NEWTIME },
};

int ns_flag_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(ns_table); i++)
		if (!strcmp(name, ns_table[i].name))
			return ns_table[i].flag;
	return -EINVAL;
}

const char *ns_proc_name(int flag)
{
	for (size_t i = 0; i < ARRAY_SIZE(ns_table); i++)
		if (ns_table[i].flag == flag)
			return ns_table[i].proc;
	return NULL;
}

int ns_parse_list(const char *value, int *flags, char *err, size_t errlen)
{
	__do_free char *copy = strdup(value ? value : "");
	char *save = NULL;

	if (!copy)
		return -ENOMEM;
	for (char *w = strtok_r(copy, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		int f = ns_flag_from_name(w);
		if (f < 0) {
			snprintf(err, errlen, "unknown namespace '%s' (use mount, pid, uts, ipc, net, user, cgroup or time)", w);
			return -EINVAL;
		}
		*flags |= f;
	}
	return 0;
}

int ns_supported(void)
{
	int flags = 0;
	char path[64];

	for (size_t i = 0; i < ARRAY_SIZE(ns_table); i++) {
		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_table[i].proc);
		if (access(path, F_OK) == 0)
			flags |= ns_table[i].flag;
	}
	return flags;
}

pid_t ns_clone3(uint64_t flags, int *pidfd, int cgroup_fd)
{
	struct clone_args args = {
		.flags = flags | CLONE_PIDFD,
		.pidfd = (uint64_t)(uintptr_t)pidfd,
		/* clone3 refuses an exit signal with CLONE_PARENT or CLONE_THREAD
		 * (EINVAL): such a child signals the parent's parent as it would. */
		.exit_signal = (flags & (CLONE_PARENT | CLONE_THREAD)) ? 0 : SIGCHLD,
	};

	if (cgroup_fd >= 0) {
		args.flags |= CLONE_INTO_CGROUP;
		args.cgroup = (uint64_t)cgroup_fd;
	}
	return (pid_t)syscall(SYS_clone3, &args, sizeof(args));
}

int ns_open(pid_t pid, int flag)
{
	char path[64];
	const char *name = ns_proc_name(flag);
	int fd;

	if (!name)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}
