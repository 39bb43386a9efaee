/* namespace.h - namespace names and clone flags, lxc.namespace.clone/keep lists, clone3 and joining shared namespaces; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_NAMESPACE_H
#define BERTH_NAMESPACE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* "mount"/"mnt", "pid", "uts", "ipc", "net", "user", "cgroup", "time" -> CLONE_NEW*; -EINVAL if unknown. */
int ns_flag_from_name(const char *name);
/* CLONE_NEWNS -> "mnt" (the /proc/PID/ns name); NULL if not one flag. */
const char *ns_proc_name(int flag);
/* Space-separated names -> OR of flags. -EINVAL with err naming the bad word. */
int ns_parse_list(const char *value, int *flags, char *err, size_t errlen);
/* The namespaces this kernel has (from /proc/self/ns), as CLONE_NEW* flags. */
int ns_supported(void);

/*
 * clone3 without a new stack: returns like fork(). CLONE_PIDFD is always
 * requested (*pidfd gets it); cgroup_fd >= 0 adds CLONE_INTO_CGROUP. The
 * child's exit signal is SIGCHLD, or none with CLONE_PARENT (it then inherits
 * the caller's own, as clone3 demands).
 */
pid_t ns_clone3(uint64_t flags, int *pidfd, int cgroup_fd);

/* Opens /proc/PID/ns/<flag's name>; returns the fd or -errno. */
int ns_open(pid_t pid, int flag);

#endif
