/* start_spawn.c - one clone of the container's init and the monitor's half of the setup steps; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "console.h"
#include "log.h"
#include "monitor.h"
#include "namespace.h"
#include "start_child.h"
#include "start_spawn.h"
#include "util/cleanup.h"
#include "util/fdpass.h"
#include "cgroups/cgroup.h"


static void kill_and_reap(struct spawn *s)
{
	siginfo_t info;

	if (s->netns_fd >= 0) {
		if (s->net && s->net->undo)
			s->net->undo(s->net->ctx, s->netns_fd);
		close(s->netns_fd);
		s->netns_fd = -1;
	}

	if (s->pid <= 0)
		return;
	if (s->pidfd >= 0)
		syscall(SYS_pidfd_send_signal, s->pidfd, SIGKILL, NULL, 0);
	else
		kill(s->pid, SIGKILL);
	while (waitid(P_PID, (id_t)s->pid, &info, WEXITED) < 0 && errno == EINTR)
		;
	if (s->pidfd >= 0)
		close(s->pidfd);
	s->pid = -1;
	s->pidfd = -1;
}

/* Why a child died without telling us. */
static void describe_death(struct spawn *s, char *err, size_t errlen)
{
	siginfo_t info = { 0 };

	if (s->netns_fd >= 0) {
		if (s->net && s->net->undo)
			s->net->undo(s->net->ctx, s->netns_fd);
		close(s->netns_fd);
		s->netns_fd = -1;
	}

	while (waitid(P_PID, (id_t)s->pid, &info, WEXITED) < 0 && errno == EINTR)
		;
	if (info.si_code == CLD_EXITED)
		snprintf(err, errlen, "the container's init exited with status %d during setup", info.si_status);
	else
		snprintf(err, errlen, "the container's init was killed by signal %d during setup", info.si_status);
	if (s->pidfd >= 0)
		close(s->pidfd);
	s->pid = -1;
	s->pidfd = -1;
}

static int parent_step(struct spawn *s, int step, char *err, size_t errlen)
{
	const struct start_plan *p = s->plan;
	int ret;

	switch (step) {
	case STEP_CLONED:
		/* Here the uid/gid maps will be written once user namespaces come. */
		if (p->n_net_devices && s->net && s->net->create) {
			int netns = ns_open(s->pid, CLONE_NEWNET);
			if (netns < 0) {
				snprintf(err, errlen, "cannot open the container's network namespace: %s", strerror(-netns));
				return netns;
			}
			ret = s->net->create(s->net->ctx, s->pid, netns, err, errlen);
			if (ret < 0) {
				close(netns);
				return ret;
			}
			s->netns_fd = netns;
		}
		return 0;
	case STEP_SETUP_DONE:
		for (size_t i = 0; i < p->n_hooks[HOOK_START_HOST]; i++) {
			char why[2048];
			s->hook_env->pid = s->pid;
			ret = hook_run("start-host", p->hooks[HOOK_START_HOST][i].cmd, s->hook_env, why, sizeof(why));
			s->hook_env->pid = 0;
			if (ret < 0) {
				snprintf(err, errlen, "%s: %s", p->hooks[HOOK_START_HOST][i].origin, why);
				return ret;
			}
		}
		return 0;
	}
	return 0;
}

int start_spawn(struct spawn *s, char *err, size_t errlen)
{
	const struct start_plan *p = s->plan;
	int sv[2], ret;
	uint64_t flags = (uint64_t)p->clone_flags;
	int cgfd = -1, saved_pidns = -1;
	bool exec_started = false;
	struct child_ctx ctx;

	s->pid = -1;
	s->pidfd = -1;
	s->netns_fd = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return -errno;
	}
	for (int i = 0; i < s->n_ptys; i++) {
		/* Fresh slaves for every spawn: a reboot reuses the masters. */
		if (s->ptys[i].slave < 0)
			s->ptys[i].slave = console_open_peer(s->ptys[i].master);
	}

	/* The cgroup2 part comes with the clone (no grace period to wait for, as
	 * moving a task would); the child enters the v1 hierarchies itself, and
	 * unshares its cgroup namespace after that unless the clone could do it. */
	if (s->payload)
		cgfd = cgroup_v2_fd(s->payload);
	if (!s->payload || !s->pure_v2)
		flags &= ~(uint64_t)CLONE_NEWCGROUP;
	if (p->share_fd[PLAN_NS_PID] >= 0) {
		saved_pidns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
		if (saved_pidns < 0 || setns(p->share_fd[PLAN_NS_PID], CLONE_NEWPID) < 0) {
			snprintf(err, errlen, "lxc.namespace.share.pid: cannot join the pid namespace of %s: %s",
				 p->share_spec[PLAN_NS_PID], strerror(errno));
			ret = -errno;
			if (saved_pidns >= 0)
				close(saved_pidns);
			close(sv[0]);
			close(sv[1]);
			return ret;
		}
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.plan = p;
	ctx.sync_fd = sv[1];
	ctx.ptys = s->ptys;
	ctx.n_ptys = s->n_ptys;
	ctx.cg_specs = s->cg_specs;
	ctx.n_cg_specs = s->n_cg_specs;
	ctx.cg_mount = s->cg_mount;
	ctx.cg_pure_v2 = s->pure_v2;
	ctx.cgroupns_at_clone = (flags & CLONE_NEWCGROUP) != 0;
	ctx.payload = s->payload;
	ctx.v2_at_clone = cgfd >= 0;
	ctx.cgroups_ready = !s->finish_cgroups;
	ctx.devnull = s->devnull;
	ctx.keep_stdio = s->keep_stdio;
	ctx.net = s->net;
	ctx.hook_env = *s->hook_env;
	ctx.t0_us = s->t0_us;

	s->pid = ns_clone3(flags, &s->pidfd, cgfd);
	if (s->pid == 0) {
		close(sv[0]);
		start_child_main(&ctx);
	}
	ret = s->pid < 0 ? -errno : 0;
	if (saved_pidns >= 0) {
		setns(saved_pidns, CLONE_NEWPID);
		close(saved_pidns);
	}
	close(sv[1]);
	console_close_slaves(s->ptys, s->n_ptys);
	if (ret < 0) {
		s->pid = -1;
		s->pidfd = -1;
		close(sv[0]);
		if (ret == -EINVAL && cgfd >= 0)
			snprintf(err, errlen, "cannot clone the container's init into its cgroup: %s", strerror(-ret));
		else
			snprintf(err, errlen, "cannot create the container's namespaces (clone3): %s%s", strerror(-ret),
				 ret == -EPERM ? " (creating namespaces needs root or a user namespace)" : "");
		return ret;
	}
	TRACE("start step: init %d cloned (+%lldus)", s->pid, (long long)(monitor_now_us() - s->t0_us));

	/* Answer each step until the child execs (EOF on the close-on-exec socket) or fails. */
	for (;;) {
		struct sync_msg msg;
		ssize_t n;

		do
			n = recv(sv[0], &msg, sizeof(msg), 0);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			if (exec_started)
				break;
			describe_death(s, err, errlen);
			close(sv[0]);
			return -ECHILD;
		}
		if (msg.kind == SYNC_ERROR) {
			msg.text[sizeof(msg.text) - 1] = '\0';
			snprintf(err, errlen, "%s", msg.text);
			kill_and_reap(s);
			close(sv[0]);
			return msg.err > 0 ? -msg.err : -EINVAL;
		}
		if (msg.kind != SYNC_STEP)
			continue;
		TRACE("start step: init reached step %d (+%lldus)", msg.value, (long long)(monitor_now_us() - s->t0_us));
		ret = parent_step(s, msg.value, err, errlen);
		if (ret < 0) {
			kill_and_reap(s);
			close(sv[0]);
			return ret;
		}
		if (msg.value == STEP_SETUP_DONE)
			exec_started = true;
		msg.kind = SYNC_GO;
		if (msg.value == STEP_CGROUPS && s->finish_cgroups) {
			/* The cgroups made after the clone: the child has no fd of them yet. */
			int fds[FDPASS_MAX];
			size_t nfds = cgroup_fds(s->payload, CG_HIER_V1, fds, ARRAY_SIZE(fds));
			struct iovec iov = { &msg, sizeof(msg) - sizeof(msg.text) };
			struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
			struct fdpass_buf b;

			if (nfds)
				fdpass_attach(&mh, &b, fds, nfds);
			if (sendmsg(sv[0], &mh, MSG_NOSIGNAL) < 0) {
				describe_death(s, err, errlen);
				close(sv[0]);
				return -ECHILD;
			}
			continue;
		}
		if (send(sv[0], &msg, sizeof(msg) - sizeof(msg.text), MSG_NOSIGNAL) < 0) {
			describe_death(s, err, errlen);
			close(sv[0]);
			return -ECHILD;
		}
		if (msg.value == STEP_CLONED && s->finish_cgroups) {
			/* The child sets up its rootfs meanwhile, and waits at STEP_CGROUPS. */
			ret = s->finish_cgroups(s->finish_ctx, err, errlen);
			TRACE("start step: cgroups finished (+%lldus)", (long long)(monitor_now_us() - s->t0_us));
			if (ret < 0) {
				kill_and_reap(s);
				close(sv[0]);
				return ret;
			}
		}
	}
	close(sv[0]);
	return 0;
}
