/* monitor.c - the monitor: makes the cgroups, spawns the init, serves the command socket, reaps the init, tears down and reboots; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup_policy.h"
#include "cgroups/bpf_devices.h"
#include "cgroups/cgroup.h"
#include "cgroups/freeze.h"
#include "commands.h"
#include "console.h"
#include "hooks.h"
#include "log.h"
#include "monitor.h"
#include "monitor_private.h"
#include "namespace.h"
#include "shmount.h"
#include "start_spawn.h"
#include "util/cleanup.h"
#include "util/strutil.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

int64_t monitor_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void trace_step(struct monitor *m, const char *what)
{
	TRACE("start step: %s (+%lldus)", what, (long long)(monitor_now_us() - m->a->t0_us));
}

static void set_state(struct monitor *m, int state)
{
	m->state = state;
	if (m->srv)
		cmd_server_state(m->srv, state);
	else
		cmd_broadcast_state(m->plan->name, m->plan->lxcpath, state);
	TRACE("state %s", state_name(state));
}

/* ---- command callbacks ---- */

static int cb_state(void *data)
{
	return ((struct monitor *)data)->state;
}

static pid_t cb_init_pid(void *data)
{
	struct monitor *m = data;
	return m->pid > 0 ? m->pid : -ESRCH;
}

static int cb_init_pidfd(void *data)
{
	struct monitor *m = data;
	int fd;

	if (m->pidfd < 0)
		return -ESRCH;
	fd = fcntl(m->pidfd, F_DUPFD_CLOEXEC, 3);
	return fd < 0 ? -errno : fd;
}

/* Whether the init blocks sig (from SigBlk in /proc/PID/status). */
static bool init_blocks(pid_t pid, int sig)
{
	char path[64], line[256];
	__do_fclose FILE *f = NULL;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long mask;
		if (sscanf(line, "SigBlk: %llx", &mask) == 1)
			return (mask >> (sig - 1)) & 1;
	}
	return false;
}

static int cb_signal(void *data, enum cmd_signal_kind kind)
{
	struct monitor *m = data;
	int sig = kind == CMD_SIGNAL_HALT ? m->plan->halt_signal :
		  kind == CMD_SIGNAL_REBOOT ? m->plan->reboot_signal : m->plan->stop_signal;

	/* As LXC: systemd halts on SIGRTMIN+3 (SIGPWR only starts sigpwr.target);
	 * an init that blocks it (to read it from a signalfd) gets that instead. */
	if (kind == CMD_SIGNAL_HALT && !m->plan->halt_signal_set && m->pid > 0 && init_blocks(m->pid, SIGRTMIN + 3))
		sig = SIGRTMIN + 3;

	if (m->pidfd < 0)
		return -ESRCH;
	if (syscall(SYS_pidfd_send_signal, m->pidfd, sig, NULL, 0) < 0)
		return -errno;
	/* As LXC, a frozen container is thawed once signalled: frozen, it can act
	 * on no signal, and on the v1 freezer not even die of SIGKILL. */
	if (m->state == STATE_FROZEN) {
		char why[512];
		if (cgroup_freeze(m->payload, false, why, sizeof(why)) < 0)
			WARN("%s: cannot thaw the frozen container to stop it: %s", m->plan->name, why);
		set_state(m, STATE_RUNNING);
	}
	if (kind == CMD_SIGNAL_STOP && m->state == STATE_RUNNING)
		set_state(m, STATE_STOPPING);
	return 0;
}

static int cb_config_item(void *data, const char *key, char *buf, size_t len)
{
	struct monitor *m = data;

	if (!m->args->config_item)
		return -ENOSYS;
	return m->args->config_item(m->args->config_ctx, key, buf, len);
}

static const char *cb_cgroup_path(void *data, const char *controller)
{
	struct monitor *m = data;
	return cgroup_path(m->payload, controller);
}

/* A device rule for the running container (add_device_node): v1 cgroups are
 * written by the caller; the cgroup2 program only the monitor can replace. */
static int cb_device_rule(void *data, const char *text, char *why, size_t len)
{
	struct monitor *m = data;
	struct dev_rule rule;
	bool allow = str_has_prefix(text, "allow "), program;
	int ret;

	if (m->state != STATE_RUNNING || !m->payload)
		return -ESRCH;
	if (!allow && !str_has_prefix(text, "deny ")) {
		snprintf(why, len, "'%s' is not 'allow RULE' or 'deny RULE'", text);
		return -EINVAL;
	}
	if (dev_rule_parse(text + (allow ? 6 : 5), allow, &rule, why, len) < 0)
		return -EINVAL;
	/* Where the start put the device policy: the program (when one is
	 * attached, or the host has no v1 devices controller) and the v1 list. A
	 * program that cannot take the rule changes nothing; a v1 list that
	 * cannot takes the rule back out of the program, so a failure grants
	 * nothing. */
	program = m->devs.prog_fd >= 0 ||
		  (cgroup_layout_has(m->layout, CG_HIER_V2) && !cgroup_layout_has_v1(m->layout, "devices"));
	if (program && (ret = dev_state_apply(&m->devs, &rule, 1, why, len)) < 0)
		return ret;
	ret = cgroup_v1_device_rule(m->payload, allow, text + (allow ? 6 : 5), why, len);
	if (ret < 0 && program) {
		char ignored[256];

		rule.allow = !rule.allow;
		(void)dev_state_apply(&m->devs, &rule, 1, ignored, sizeof(ignored));
	}
	return ret;
}

/* lxc-freeze / lxc-unfreeze, announced as LXC does: FREEZING then FROZEN,
 * THAWED then RUNNING. The kernel takes milliseconds; the wait (event-driven
 * on cgroup2) is bounded by CGROUP_FREEZE_TIMEOUT_MS. */
static int cb_freeze(void *data, bool freeze, char *why, size_t len)
{
	struct monitor *m = data;
	int prev = m->state, ret;

	if (m->pid <= 0)
		return -ESRCH;
	if (prev != STATE_RUNNING && prev != STATE_FROZEN) {
		snprintf(why, len, "it is %s: only a RUNNING container can be frozen or thawed (wait for RUNNING)",
			 state_name(prev));
		return -EBUSY;
	}
	/* As liblxc: freezing a frozen container succeeds and changes nothing. */
	if (freeze && prev == STATE_FROZEN)
		return 0;
	set_state(m, freeze ? STATE_FREEZING : STATE_THAWED);
	ret = cgroup_freeze(m->payload, freeze, why, len);
	if (ret < 0) {
		ERROR("%s: cannot %s: %s", m->plan->name, freeze ? "freeze" : "thaw", why);
		set_state(m, prev);
		return ret;
	}
	set_state(m, freeze ? STATE_FROZEN : STATE_RUNNING);
	return 0;
}

/* ---- pieces of the start and the teardown ---- */

static int run_hooks(struct monitor *m, enum plan_hook_type t, char *err, size_t errlen)
{
	for (size_t i = 0; i < m->plan->n_hooks[t]; i++) {
		char why[3072];
		int ret = hook_run(plan_hook_name(t), m->plan->hooks[t][i].cmd, &m->henv, why, sizeof(why));
		if (ret < 0) {
			snprintf(err, errlen, "%s: %s", m->plan->hooks[t][i].origin, why);
			return ret;
		}
	}
	return 0;
}

/* lxc.cgroup.dir* as the cgroup module takes them. */
static struct cgroup_dirs plan_cgroup_dirs(const struct start_plan *p)
{
	return (struct cgroup_dirs){ .dir = p->cgroup_dir, .container = p->cgroup_dir_container,
				     .monitor = p->cgroup_dir_monitor, .pivot = p->cgroup_dir_pivot,
				     .inner = p->cgroup_dir_inner };
}

/* The rest of the payload cgroup, made while the child sets up (start_spawn). */
static int finish_payload(void *ctx, char *err, size_t errlen)
{
	struct monitor *m = ctx;
	int ret = cgroup_create_rest(m->payload, err, errlen);

	if (ret == 0)
		ret = cgroup_policy_apply_limits(&m->route, m->plan, m->payload, false, err, errlen);
	return ret < 0 ? ret : cgroup_make_inner(m->payload, CG_HIER_V1, err, errlen);
}

/*
 * The init's cgroup. On a hybrid host only its cgroup2 part is made before
 * the clone (the child is born in it); the v1 hierarchies are made while the
 * child sets up its rootfs (finish_payload), and it enters them itself.
 */
static int make_payload(struct monitor *m, char *err, size_t errlen)
{
	bool split = cgroup_layout_has(m->layout, CG_HIER_V1) && cgroup_layout_has(m->layout, CG_HIER_V2);
	const struct cgroup_dirs dirs = plan_cgroup_dirs(m->plan);
	int ret;

	/* A container of the same name in another lxcpath may hold lxc.payload.NAME:
	 * then take the next free suffix, as LXC does (not for a path the config
	 * fixes with lxc.cgroup.dir.container). An empty one left by a killed
	 * monitor is removed and reused. */
	ret = -EBUSY;
	for (int i = 0; i < 100 && ret == -EBUSY && (i == 0 || !cgroup_dirs_fixed(&dirs, false)); i++) {
		__do_free char *path = cgroup_dirs_path(&dirs, false, m->plan->name, i);
		const struct cgroup_place pl = { .path = path, .inner = cgroup_dirs_inner(&dirs),
						 .relative = m->plan->cgroup_relative || geteuid() != 0 };

		if (!path)
			return -ENOMEM;
		err[0] = '\0';
		ret = cgroup_create_some(m->layout, &pl, split ? CG_HIER_V2 : CG_HIER_V1 | CG_HIER_V2, &m->payload, err,
					 errlen);
	}
	if (ret < 0)
		return ret;
	m->payload_split = split;
	/* Limits go in before any process does, and before the inner directory
	 * exists (lxc.cgroup.dir.container.inner); the device program goes on the
	 * outer directory, out of the container's reach, before the init is cloned
	 * into the cgroup. The monitor keeps its rules so that a running
	 * container's list can grow (cb_device_rule). */
	device_route_of(m->layout, m->plan, &m->route);
	dev_state_init(&m->devs, cgroup_v2_fd(m->payload));
	ret = cgroup_policy_apply_limits(&m->route, m->plan, m->payload, true, err, errlen);
	if (ret == 0)
		ret = cgroup_policy_apply_devices(&m->route, m->plan, &m->devs, err, errlen);
	if (ret == 0 && !split)
		ret = cgroup_policy_apply_limits(&m->route, m->plan, m->payload, false, err, errlen);
	return ret < 0 ? ret : cgroup_make_inner(m->payload, split ? CG_HIER_V2 : CG_HIER_V1 | CG_HIER_V2, err, errlen);
}

/* Shared namespaces: NAME (a container of this lxcpath), /path/to/container, or a PID. */
static int open_shares(struct monitor *m, char *err, size_t errlen)
{
	static const int flag[PLAN_NS_MAX] = { CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWPID };

	for (int i = 0; i < PLAN_NS_MAX; i++) {
		const char *spec = m->plan->share_spec[i];
		pid_t pid = -1;
		int v, fd;

		if (!spec || m->plan->share_fd[i] >= 0)
			continue;
		if (str_to_int(spec, &v) == 0 && v > 0) {
			pid = v;
		} else if (strchr(spec, '/')) {
			__do_free char *copy = strdup(spec);
			char *slash = copy ? strrchr(copy, '/') : NULL;
			if (!slash)
				return -ENOMEM;
			*slash = '\0';
			pid = cmd_get_init_pid(slash + 1, *copy ? copy : "/");
		} else {
			pid = cmd_get_init_pid(spec, m->plan->lxcpath);
		}
		if (pid <= 0) {
			snprintf(err, errlen, "lxc.namespace.share.%s: container '%s' is not running (start it first or give a pid)",
				 plan_ns_name(i), spec);
			return -ESRCH;
		}
		fd = ns_open(pid, flag[i]);
		if (fd < 0) {
			snprintf(err, errlen, "lxc.namespace.share.%s: cannot open the %s namespace of pid %d: %s", plan_ns_name(i),
				 plan_ns_name(i), pid, strerror(-fd));
			return fd;
		}
		m->plan->share_fd[i] = fd;
	}
	return 0;
}

/* lxc.mount.auto cgroup: as LXC, left to the init when it gets a cgroup
 * namespace and keeps CAP_SYS_ADMIN, unless forced or on a pure cgroup2 host. */
static void decide_cgroup_mounts(struct monitor *m)
{
	const struct start_plan *p = m->plan;
	bool force = p->cgroup_auto & AUTO_CGROUP_FORCE;

	m->n_cg_specs = cgroup_mount_specs(m->layout, m->cg_specs, ARRAY_SIZE(m->cg_specs));
	if (!p->cgroup_auto)
		return;
	if (!force && (p->cap_drop & (1ULL << CAP_SYS_ADMIN)))
		force = true;
	if (!force && m->layout->pure_v2)
		force = true;
	m->cg_mount = force || !(p->clone_flags & CLONE_NEWCGROUP);
}

void monitor_watch(struct monitor *m, int fd, uint64_t tag)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = (tag << 32) | (uint32_t)fd };
	epoll_ctl(m->epfd, EPOLL_CTL_ADD, fd, &ev);
}

void monitor_unwatch(struct monitor *m, int fd)
{
	epoll_ctl(m->epfd, EPOLL_CTL_DEL, fd, NULL);
}

/* Keeps the init's namespaces for the stop hooks ("mnt:/proc/MONITOR/fd/N"). */
static void keep_namespaces(struct monitor *m)
{
	static const int flags[] = { CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWCGROUP };
	int n = 0;

	if (!m->plan->n_hooks[HOOK_STOP])
		return;
	for (size_t i = 0; i < ARRAY_SIZE(flags) && n < 7; i++) {
		int fd = ns_open(m->pid, flags[i]);
		if (fd < 0)
			continue;
		m->ns_fds[n] = fd;
		m->ns_args[n] = str_printf("%s:/proc/%d/fd/%d", ns_proc_name(flags[i]), getpid(), fd);
		if (!m->ns_args[n]) {
			close(fd);
			continue;
		}
		n++;
	}
	m->ns_args[n] = NULL;
}

static void drop_namespaces(struct monitor *m)
{
	for (int i = 0; m->ns_args[i]; i++) {
		free(m->ns_args[i]);
		m->ns_args[i] = NULL;
		close(m->ns_fds[i]);
	}
}

static int spawn_init(struct monitor *m, char *err, size_t errlen)
{
	struct spawn s = {
		.plan = m->plan,
		.payload = m->payload,
		.pure_v2 = m->layout->pure_v2,
		.ptys = m->ptys,
		.n_ptys = m->n_ptys,
		.cg_specs = m->cg_specs,
		.n_cg_specs = m->n_cg_specs,
		.cg_mount = m->cg_mount,
		.net = m->args->net,
		.hook_env = &m->henv,
		.devnull = m->devnull,
		.keep_stdio = m->args->foreground_console && m->plan->console_none,
		.t0_us = m->a->t0_us,
		.finish_cgroups = m->payload_split ? finish_payload : NULL,
		.finish_ctx = m,
	};
	int ret = start_spawn(&s, err, errlen);

	if (ret < 0)
		return ret;
	m->pid = s.pid;
	m->pidfd = s.pidfd;
	m->netns_fd = s.netns_fd;
	monitor_watch(m, m->pidfd, TAG_INIT);
	if (m->n_ptys > 0 && !m->plan->console_none && !m->console_reading) {
		monitor_watch(m, m->ptys[0].master, TAG_CONSOLE);
		m->console_reading = true;
	}
	keep_namespaces(m);
	return 0;
}

/* The monitor's own cgroup (lxc.monitor.NAME): nothing the container waits
 * for, so it is made once the caller has its answer. */
static void enter_monitor_cgroup(struct monitor *m)
{
	const struct cgroup_dirs dirs = plan_cgroup_dirs(m->plan);
	char why[2048] = "";
	int ret = -EBUSY;

	/* A monitor of the same name that is just exiting may still be in its
	 * cgroup: take the next free suffix then, as LXC does (unless
	 * lxc.cgroup.dir.monitor fixes the path). */
	for (int i = 0; i < 10 && ret == -EBUSY && (i == 0 || !cgroup_dirs_fixed(&dirs, true)); i++) {
		__do_free char *path = cgroup_dirs_path(&dirs, true, m->plan->name, i);
		const struct cgroup_place pl = { .path = path, .relative = m->plan->cgroup_relative || geteuid() != 0 };

		if (!path)
			return;
		ret = cgroup_create(m->layout, &pl, &m->mon_cg, why, sizeof(why));
	}
	if (ret < 0) {
		WARN("the monitor stays in its parent's cgroup: %s", why);
		return;
	}
	/* v1 moves are cheap. A cgroup2 move waits for an RCU grace period both
	 * ways, so only where cgroup2 is all there is (a hybrid host's unified
	 * tree has no controllers worth it for the monitor). */
	if (cgroup_enter_self(m->mon_cg, true, why, sizeof(why)) < 0)
		WARN("%s", why);
	if (m->layout->pure_v2) {
		if (cgroup_enter_self_v2(m->mon_cg, why, sizeof(why)) < 0)
			WARN("%s", why);
		m->mon_v2_entered = true;
	}
	trace_step(m, "monitor in its own cgroup");
}

/* Everything one run of the init needs, up to RUNNING. */
static int bring_up(struct monitor *m, char *err, size_t errlen)
{
	int ret;

	ret = make_payload(m, err, errlen);
	if (ret < 0)
		return ret;
	trace_step(m, "payload cgroup created");
	ret = run_hooks(m, HOOK_PRE_START, err, errlen);
	m->prestart_done = true;
	if (ret < 0)
		return ret;
	ret = spawn_init(m, err, errlen);
	if (ret < 0)
		return ret;
	trace_step(m, "init exec'd");
	return 0;
}

/* What one run leaves to undo: the init's cgroup, the stop hooks. */
static void take_down(struct monitor *m, bool ran, bool reboot)
{
	char why[4096];

	if (ran) {
		m->henv.target = reboot ? "reboot" : "stop";
		m->henv.ns_args = m->ns_args;
		if (run_hooks(m, HOOK_STOP, why, sizeof(why)) < 0)
			ERROR("%s", why);
		m->henv.ns_args = NULL;
		m->henv.target = NULL;
	}
	drop_namespaces(m);
	if (m->netns_fd >= 0) {
		/* Stop-time work while we still hold the namespace; the kernel removes the veths with it. */
		const struct start_net_ops *net = m->args->net;
		if (net && (ran ? net->stop : net->undo))
			(ran ? net->stop : net->undo)(net->ctx, m->netns_fd);
		close(m->netns_fd);
		m->netns_fd = -1;
	}
	if (m->pidfd >= 0) {
		monitor_unwatch(m, m->pidfd);
		close(m->pidfd);
	}
	m->pidfd = -1;
	m->pid = -1;
	/* The program is detached with the cgroup; our fd was its last other reference. */
	dev_state_free(&m->devs);
	/* The parents lxc.cgroup.dir made may hold the monitor's cgroup too: they go with it. */
	cgroup_pass_parents(m->payload, m->mon_cg);
	if (m->payload && cgroup_destroy(m->payload) < 0)
		WARN("could not remove all of the container's cgroups (lxc.payload.%s)", m->plan->name);
	m->payload = NULL;
}

static void post_stop(struct monitor *m, bool reboot)
{
	char why[4096];

	if (!m->prestart_done)
		return;
	m->henv.target = reboot ? "reboot" : "stop";
	if (run_hooks(m, HOOK_POST_STOP, why, sizeof(why)) < 0)
		ERROR("%s", why);
	m->henv.target = NULL;
	m->prestart_done = false;
}

/* ---- the event loop ---- */

static bool on_signal(struct monitor *m)
{
	struct signalfd_siginfo si;

	while (read(m->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			continue;
		if (si.ssi_signo == SIGWINCH) {
			if (m->console_in >= 0 && m->n_ptys > 0 && !m->plan->console_none)
				console_copy_winsize(m->console_in, m->ptys[0].master);
			continue;
		}
		/* As LXC's monitor: other signals are the init's. */
		if (m->pidfd >= 0)
			syscall(SYS_pidfd_send_signal, m->pidfd, (int)si.ssi_signo, NULL, 0);
	}
	return false;
}

static int wait_for_init(struct monitor *m)
{
	struct epoll_event evs[16];

	for (;;) {
		int n = epoll_wait(m->epfd, evs, ARRAY_SIZE(evs), -1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (int i = 0; i < n; i++) {
			uint64_t tag = evs[i].data.u64;

			if (tag & CMD_EPOLL_TAG) {
				cmd_server_event(m->srv, tag);
				continue;
			}
			switch (tag >> 32) {
			case TAG_SIGNAL:
				on_signal(m);
				break;
			case TAG_INIT: {
				siginfo_t info = { 0 };
				if (waitid(P_PIDFD, (id_t)m->pidfd, &info, WEXITED | WNOHANG) == 0 && info.si_pid) {
					/* Drain what the console still has before reporting. */
					if (m->console_reading)
						monitor_on_console(m);
					if (info.si_code == CLD_EXITED)
						return info.si_status << 8;
					return (info.si_status & 0x7f) | (info.si_code == CLD_DUMPED ? 0x80 : 0);
				}
				break;
			}
			case TAG_CONSOLE:
				monitor_on_console(m);
				break;
			case TAG_INPUT:
				monitor_on_input(m);
				break;
			case TAG_PROXY:
				monitor_on_proxy(m);
				break;
			}
		}
	}
}

static int setup_signals(struct monitor *m)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGUSR2);
	sigaddset(&mask, SIGPWR);
	sigaddset(&mask, SIGWINCH);
	if (sigprocmask(SIG_BLOCK, &mask, &m->oldmask) < 0)
		return -errno;
	m->sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (m->sigfd < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	monitor_watch(m, m->sigfd, TAG_SIGNAL);
	return 0;
}

/* Out of our own cgroup and remove it; the pid file goes too: after STOPPED
 * is announced nothing of this run may remain. */
static void leave_own_cgroup(struct monitor *m)
{
	if (m->mon_cg) {
		/* Out of the cgroup before removing it: where lxc.cgroup.dir.monitor.pivot
		 * says, else back where the monitor started. */
		/* a copy: the set is freed by cgroup_destroy, also when it fails */
		__do_free char *path = cgroup_path(m->mon_cg, NULL) ? strdup(cgroup_path(m->mon_cg, NULL)) : NULL;
		int ret = -1;

		if (m->plan->cgroup_dir_pivot) {
			ret = cgroup_pivot_self(m->layout, m->plan->cgroup_dir_pivot,
						m->plan->cgroup_relative || geteuid() != 0, m->mon_v2_entered);
			if (ret < 0)
				WARN("lxc.cgroup.dir.monitor.pivot = %s: cannot move the monitor there (%s); it goes back where it started",
				     m->plan->cgroup_dir_pivot, strerror(-ret));
		}
		if (ret < 0 && (ret = cgroup_return_self(m->layout, m->mon_v2_entered)) < 0)
			WARN("%s: cannot move the monitor out of its cgroup: %s", m->plan->name, strerror(-ret));
		if ((ret = cgroup_destroy(m->mon_cg)) < 0)
			WARN("%s: cannot remove the monitor's cgroup %s: %s (remove it by hand once empty)", m->plan->name,
			     path ? path : "", strerror(-ret));
		m->mon_cg = NULL;
	}
	if (m->args->pidfile)
		unlink(m->args->pidfile);
}

static void monitor_free(struct monitor *m)
{
	console_term_restore(&m->term);
	if (m->ptys)
		console_free(m->ptys, m->n_ptys);
	free(m->ptys);
	free(m->tty_owner);
	m->tty_owner = NULL;
	if (m->proxy.master >= 0)
		console_free(&m->proxy, 1);
	console_ring_free(&m->ring);
	if (m->console_log >= 0)
		close(m->console_log);
	if (m->console_out >= 0 && m->console_out > 2)
		close(m->console_out);
	else if (m->console_in >= 0 && m->console_in > 2)
		close(m->console_in);
	leave_own_cgroup(m);
	cgroup_layout_free(m->layout);
	if (m->sigfd >= 0)
		close(m->sigfd);
	if (m->epfd >= 0)
		close(m->epfd);
	if (m->devnull >= 0)
		close(m->devnull);
	sigprocmask(SIG_SETMASK, &m->oldmask, NULL);
}

static void report_ready(struct monitor *m, int ret, const char *text)
{
	struct monitor_ready msg = { .ret = ret };

	if (m->a->ready_fd < 0)
		return;
	m->a->failure_reported = ret < 0;
	snprintf(msg.text, sizeof(msg.text), "%s", text ? text : "");
	if (write(m->a->ready_fd, &msg, sizeof(msg)) < 0)
		(void)0;
	close(m->a->ready_fd);
	m->a->ready_fd = -1;
}

/* The end of a run, whether it stopped or never came up: what the monitor made
 * on the host goes, then the state is STOPPED. Whoever learns that may start
 * the container again at once, so the command socket's name is freed first. */
static void end_run(struct monitor *m, bool shm_made)
{
	if (shm_made)
		shmount_host_release(m->plan->shmount_host, true);
	leave_own_cgroup(m);
	cmd_server_close_listener(m->srv);
	set_state(m, STATE_STOPPED);
	cmd_server_free(m->srv);
	m->srv = NULL;
}

int monitor_run(struct monitor_args *a, int *status, char *err, size_t errlen)
{
	struct monitor mon = { .a = a, .plan = a->plan, .args = a->args, .pid = -1, .pidfd = -1, .netns_fd = -1, .sigfd = -1,
			       .console_in = -1, .console_out = -1, .console_log = -1, .devnull = -1,
			       .proxy = { .master = -1, .slave = -1 }, .devs = { .prog_fd = -1, .cgroup_fd = -1 } };
	struct monitor *m = &mon;
	struct cmd_server_ops ops = { .state = cb_state, .init_pid = cb_init_pid, .init_pidfd = cb_init_pidfd,
				      .signal = cb_signal, .config_item = cb_config_item, .cgroup_path = cb_cgroup_path,
				      .console = monitor_cb_console, .client_gone = monitor_cb_client_gone, .console_winch = monitor_cb_console_winch,
				      .console_log = monitor_cb_console_log, .device_rule = cb_device_rule, .freeze = cb_freeze,
				      .data = m };
	char level[16];
	int ret, wstatus = 0;
	bool shm_made = false;

	m->state = STATE_STARTING;
	m->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (m->epfd < 0) {
		snprintf(err, errlen, "epoll: %s", strerror(errno));
		close(a->cmd_fd);
		return -errno;
	}
	m->srv = cmd_server_new(a->cmd_fd, m->epfd, m->plan->name, m->plan->lxcpath, &ops);
	if (!m->srv) {
		snprintf(err, errlen, "cannot serve the command socket: %s", strerror(errno));
		close(a->cmd_fd);
		close(m->epfd);
		return -ENOMEM;
	}
	set_state(m, STATE_STARTING);
	ret = setup_signals(m);
	if (ret < 0) {
		snprintf(err, errlen, "cannot set up signal handling: %s", strerror(-ret));
		goto fail;
	}
	m->devnull = open("/dev/null", O_RDWR | O_CLOEXEC);

	snprintf(level, sizeof(level), "%s", log_level_to_string(log_get_level()));
	m->henv = (struct hook_env){
		.name = m->plan->name,
		.config_file = m->plan->config_file,
		.rootfs_mount = m->plan->rootfs_mount,
		.rootfs_path = m->plan->rootfs_spec,
		.console = m->plan->console_path,
		.console_log = m->plan->console_logfile,
		.log_level = level,
		.version = m->plan->hook_version,
	};

	if (m->plan->shmount_host) {
		/* In the host's mount namespace, before the container's is cloned from it. */
		ret = shmount_host_prepare(m->plan->shmount_host, &shm_made, err, errlen);
		if (ret < 0)
			goto fail;
	}
	if (m->plan->monitor_unshare) {
		/* Before the pre-start hooks, so what they mount stays the monitor's. */
		if (unshare(CLONE_NEWNS) < 0 || mount("", "/", NULL, MS_SLAVE | MS_REC, NULL) < 0) {
			ret = -errno;
			snprintf(err, errlen, "lxc.monitor.unshare: cannot give the monitor its own mount namespace: %s",
				 strerror(errno));
			goto fail;
		}
	}
	ret = cgroup_layout_detect(&m->layout, err, errlen);
	if (ret < 0)
		goto fail;
	if (!m->layout->n)
		WARN("no cgroup hierarchy is mounted under /sys/fs/cgroup: the container runs without cgroups (no limits, no device policy, no usage figures)");
	decide_cgroup_mounts(m);

	ret = open_shares(m, err, errlen);
	if (ret < 0)
		goto fail;
	ret = monitor_console_open(m, err, errlen);
	if (ret < 0)
		goto fail;
	m->n_ptys = (m->plan->console_none ? 0 : 1) + m->plan->tty_max;
	if (m->n_ptys) {
		m->ptys = calloc((size_t)m->n_ptys, sizeof(*m->ptys));
		if (!m->ptys) {
			ret = -ENOMEM;
			goto fail;
		}
		ret = console_alloc(m->ptys, m->n_ptys, err, errlen);
		if (ret < 0) {
			free(m->ptys);
			m->ptys = NULL;
			m->n_ptys = 0;
			goto fail;
		}
		m->tty_owner = malloc(((size_t)m->plan->tty_max + 1) * sizeof(*m->tty_owner));
		if (!m->tty_owner) {
			ret = -ENOMEM;
			goto fail;
		}
		for (int i = 0; i <= m->plan->tty_max; i++)
			m->tty_owner[i] = -1;
		ret = console_ring_init(&m->ring, m->plan->console_buffer_size);
		if (ret < 0) {
			snprintf(err, errlen, "lxc.console.buffer.size: cannot allocate %llu bytes",
				 (unsigned long long)m->plan->console_buffer_size);
			goto fail;
		}
		if (m->console_in >= 0 && !m->plan->console_none) {
			console_term_raw(&m->term, m->console_in);
			if (isatty(m->console_in))
				console_copy_winsize(m->console_in, m->ptys[0].master);
			monitor_watch(m, m->console_in, TAG_INPUT);
		}
	}
	trace_step(m, "console ready");

	for (;;) {
		bool reboot;

		ret = bring_up(m, err, errlen);
		if (ret < 0)
			goto fail;
		/* The caller first (it waits on this), then subscribers and listeners. */
		m->state = STATE_RUNNING;
		report_ready(m, 0, NULL);
		set_state(m, STATE_RUNNING);
		trace_step(m, "RUNNING");
		if (!m->mon_cg)
			enter_monitor_cgroup(m);

		wstatus = wait_for_init(m);
		if (wstatus < 0) {
			snprintf(err, errlen, "monitor event loop: %s", strerror(-wstatus));
			ERROR("%s", err);
			wstatus = 0;
		}
		cmd_server_exit_code(m->srv, wstatus);
		/* A pid namespace's init that called reboot(2) dies of SIGHUP (poweroff: SIGINT). */
		reboot = WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGHUP;
		if (m->state != STATE_STOPPING)
			set_state(m, STATE_STOPPING);
		take_down(m, true, reboot);
		if (!reboot)
			break;
		post_stop(m, true);
		INFO("container %s is rebooting", m->plan->name);
		set_state(m, STATE_STARTING);
	}

	end_run(m, shm_made);
	post_stop(m, false);
	monitor_free(m);
	*status = wstatus;
	return 0;

fail:
	if (!*err)
		snprintf(err, errlen, "%s", strerror(-ret));
	set_state(m, STATE_ABORTING);
	if (m->pid > 0) {
		syscall(SYS_pidfd_send_signal, m->pidfd, SIGKILL, NULL, 0);
		waitpid(m->pid, NULL, 0);
	}
	take_down(m, false, false);
	post_stop(m, false);
	end_run(m, shm_made);
	report_ready(m, ret, err);
	monitor_free(m);
	return ret;
}
