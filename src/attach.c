/* attach.c - entering a running container: the intermediate process that joins the init's cgroup and namespaces, the attached process it forks as the caller's child, and their handshake with the caller; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "attach.h"
#include "attach_ctx.h"
#include "attach_pty.h"
#include "caps.h"
#include "cgroups/cgroup.h"
#include "cgroups/driver.h" /* cg_read_at */
#include "log.h"
#include "namespace.h"
#include "util/cleanup.h"
#include "util/fdpass.h"
#include "util/strutil.h"

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

extern char **environ;

/*
 * Three processes take part. The caller reads what it needs about the
 * container's init, then forks the intermediate; the intermediate joins the
 * init's cgroup (from the host's view, before it can no longer see it) and
 * namespaces, and forks the attached process with CLONE_PARENT, so that it is
 * in the container's pid namespace yet the caller's child; then it exits. The
 * attached process waits for the caller's go, sets up its credentials, stdio
 * and environment, reports ready and runs the function. Every failure before
 * that is reported to the caller as one line over a socketpair. Nothing of
 * berth is ever executed inside the container: the process that runs there
 * is a fork, made non-dumpable (no ptrace, no /proc/PID/exe or fd access for
 * the container) until the function execs the container's own program.
 */

enum { MSG_PID = 1, MSG_GO, MSG_READY, MSG_ERROR };

struct attach_msg {
	int kind;
	int err;                 /* MSG_ERROR: a negative errno */
	pid_t pid;               /* MSG_PID: the attached process (our pid namespace) */
	bool has_winsize;        /* MSG_GO: the user's terminal size for the pty */
	struct winsize ws;
	bool container_pty;      /* MSG_READY: the master that comes with it is of the container's devpts */
	char text[1024];         /* MSG_ERROR */
};

/* ---- messages ---- */

static int send_msg(int sock, const struct attach_msg *m, int fd)
{
	struct iovec iov = { .iov_base = (void *)m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct fdpass_buf b;

	if (fd >= 0)
		fdpass_attach(&mh, &b, &fd, 1);
	for (;;) {
		ssize_t n = sendmsg(sock, &mh, MSG_NOSIGNAL);
		if (n == (ssize_t)sizeof(*m))
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 ? -errno : -EIO;
	}
}

/* 0 with a message (and *fd, -1 if none came), -EPIPE when the other side is gone. */
static int recv_msg_flags(int sock, struct attach_msg *m, int *fd, int flags)
{
	struct iovec iov = { .iov_base = m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct fdpass_buf b;
	ssize_t n;

	*fd = -1;
	fdpass_prepare(&mh, &b);
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC | flags);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	fdpass_collect(&mh, fd, 1);
	if (n != (ssize_t)sizeof(*m)) {
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		return -EPIPE;
	}
	m->text[sizeof(m->text) - 1] = '\0';
	return 0;
}

static int recv_msg(int sock, struct attach_msg *m, int *fd)
{
	return recv_msg_flags(sock, m, fd, 0);
}

/* In a child: report one line to the caller and exit. */
__attribute__((noreturn, format(printf, 3, 4))) static void child_fail(int sock, int err, const char *fmt, ...)
{
	struct attach_msg m = { .kind = MSG_ERROR, .err = err < 0 ? err : -EIO };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m.text, sizeof(m.text), fmt, ap);
	va_end(ap);
	(void)send_msg(sock, &m, -1);
	_exit(EXIT_FAILURE);
}

/* ---- the intermediate: cgroup, namespaces, fork ---- */

static int enter_namespaces(const struct attach_ctx *ctx, int ns_flags, char *err, size_t errlen)
{
	int fds[ATTACH_NS_COUNT];
	int ret = 0;

	/* One call for all of them, atomically (kernel >= 5.8). */
	if (setns(ctx->r->init_pidfd, ns_flags) == 0)
		return 0;
	if (errno != EINVAL) {
		snprintf(err, errlen, "cannot enter the namespaces of the container's init (pid %d): %s", ctx->init_pid,
			 strerror(errno));
		return -errno;
	}
	/* Older kernels: one namespace file at a time, all opened before the first is entered. */
	for (size_t i = 0; i < ATTACH_NS_COUNT; i++)
		fds[i] = (ns_flags & attach_ns_order[i]) ? ns_open(ctx->init_pid, attach_ns_order[i]) : -1;
	for (size_t i = 0; i < ATTACH_NS_COUNT; i++) {
		if (!(ns_flags & attach_ns_order[i]))
			continue;
		if (fds[i] < 0 || setns(fds[i], attach_ns_order[i]) < 0) {
			ret = fds[i] < 0 ? fds[i] : -errno;
			snprintf(err, errlen, "cannot enter the %s namespace of the container's init (pid %d): %s",
				 ns_proc_name(attach_ns_order[i]), ctx->init_pid, strerror(-ret));
			break;
		}
	}
	for (size_t i = 0; i < ATTACH_NS_COUNT; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return ret;
}

/* Whether a cgroup2 directory hands controllers to its children: then the
 * kernel lets no process into it (the no-internal-process rule). */
static bool v2_delegates(int dirfd)
{
	char buf[256];

	return cg_read_at(dirfd, "cgroup.subtree_control", buf, sizeof(buf)) > 0 && buf[0] != '\n';
}

/*
 * Joins the container's v1 cgroups (cheap) and returns the cgroup2 directory
 * the attached process is to be born in (-1: none), with *exact holding it when
 * it is the init's own cgroup rather than the container's: a container running
 * systemd delegates controllers from its root cgroup, which no process may
 * join. Moving a task into a cgroup2 cgroup waits for an RCU grace period
 * (10-20 ms on an idle host) where CLONE_INTO_CGROUP costs nothing.
 */
static int join_cgroup(const struct attach_ctx *ctx, struct cgroup_set **exact, int *v2fd, char *err, size_t errlen)
{
	int ret = cgroup_enter_self(ctx->cg, true, err, errlen);

	*v2fd = -1;
	if (ret < 0)
		return ret;
	*v2fd = cgroup_v2_fd(ctx->cg);
	if (*v2fd >= 0 && v2_delegates(*v2fd)) {
		ret = cgroup_open_pid(ctx->layout, ctx->init_pid, NULL, exact, err, errlen);
		*v2fd = ret < 0 ? -1 : cgroup_v2_fd(*exact);
	}
	return ret;
}

__attribute__((noreturn)) static void attached_main(struct attach_ctx *ctx);

__attribute__((noreturn)) static void intermediate_main(struct attach_ctx *ctx)
{
	int sock = ctx->sock[1];
	struct attach_msg m = { .kind = MSG_PID };
	char err[1024];
	int pidfd = -1, v2fd = -1, ns_flags = ctx->ns_flags;
	struct cgroup_set *exact = NULL;
	pid_t pid;

	close(ctx->sock[0]);
	/* No container process may ptrace us or open our /proc files (our fds and memory are the host's). */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (ctx->cg && join_cgroup(ctx, &exact, &v2fd, err, sizeof(err)) < 0)
		child_fail(sock, -EPERM, "cannot join the container's cgroup: %s", err);
	if (v2fd >= 0 && (ns_flags & CLONE_NEWCGROUP)) {
		/* The attached process enters the cgroup namespace once it is born
		 * in the cgroup: from inside that namespace the cgroup is out of
		 * view where cgroup2 is mounted with nsdelegate. */
		ctx->cgns_fd = ns_open(ctx->init_pid, CLONE_NEWCGROUP);
		if (ctx->cgns_fd < 0)
			child_fail(sock, ctx->cgns_fd, "cannot open the cgroup namespace of the container's init (pid %d): %s",
				   ctx->init_pid, strerror(-ctx->cgns_fd));
		ns_flags &= ~CLONE_NEWCGROUP;
	}
	if (ns_flags) {
		int ret = enter_namespaces(ctx, ns_flags, err, sizeof(err));
		if (ret < 0)
			child_fail(sock, ret, "%s", err);
	}
	/* The caller's child, in the container's pid namespace (CLONE_PARENT),
	 * born in the cgroup2 directory v2fd unless it is -1. */
	pid = ns_clone3(CLONE_PARENT, &pidfd, v2fd);
	if (pid < 0 && v2fd >= 0 && (errno == EINVAL || errno == E2BIG || errno == ENOSYS)) {
		/* A kernel before 5.7 (no CLONE_INTO_CGROUP): move ourselves; the
		 * directory fd still names the cgroup from inside the namespaces. */
		if (cgroup_enter_self_v2(exact ? exact : ctx->cg, err, sizeof(err)) < 0)
			child_fail(sock, -EPERM, "cannot join the container's cgroup: %s", err);
		pid = ns_clone3(CLONE_PARENT, &pidfd, -1);
	}
	if (pid < 0)
		child_fail(sock, -errno, "cannot create the process inside the container: %s", strerror(errno));
	if (pid == 0)
		attached_main(ctx);
	m.pid = pid;
	_exit(send_msg(sock, &m, pidfd) < 0 ? EXIT_FAILURE : EXIT_SUCCESS);
}

/* ---- the attached process ---- */

static int remount_proc_sys(void)
{
	/* A mount namespace of its own, slave to ours: nothing it does reaches back. */
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return -errno;
	if (umount2("/proc", MNT_DETACH) < 0 || mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	if (umount2("/sys", MNT_DETACH) == 0 && mount("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	return 0;
}

static int set_ids(const struct attach_ctx *ctx)
{
	const lxc_attach_options_t *o = ctx->o;

	if (o->attach_flags & LXC_ATTACH_SETGROUPS) {
		if (setgroups(o->groups.size, o->groups.list) < 0)
			return -errno;
	} else if (setgroups(0, NULL) < 0 && errno != EPERM) {
		/* EPERM: a user namespace whose setgroups is denied keeps what it has. */
		return -errno;
	}
	if (setresgid(ctx->gid, ctx->gid, ctx->gid) < 0 || setresuid(ctx->uid, ctx->uid, ctx->uid) < 0)
		return -errno;
	return 0;
}

/* Every fd from 3 up is closed at exec: the function may still use the caller's. */
static void cloexec_from_3(void)
{
	long max;

	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	max = sysconf(_SC_OPEN_MAX);
	for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* fds 0, 1, 2: the pty where asked, the caller's fds otherwise (negative: left as they are). */
static int set_stdio(const struct attach_ctx *ctx, int slave)
{
	const lxc_attach_options_t *o = ctx->o;
	int src[3] = { o->stdin_fd, o->stdout_fd, o->stderr_fd };
	int tmp[3] = { -1, -1, -1 };
	int ret = 0;

	/* Copies above 2 first, so that no source is overwritten before it is used. */
	for (int k = 0; k < 3; k++) {
		int fd = (ctx->pty_mask & (1U << k)) ? slave : src[k];
		if (fd >= 0 && (tmp[k] = fcntl(fd, F_DUPFD_CLOEXEC, 3)) < 0)
			ret = -errno;
	}
	for (int k = 0; k < 3 && !ret; k++)
		if (tmp[k] >= 0 && dup2(tmp[k], k) < 0)
			ret = -errno;
	for (int k = 0; k < 3; k++)
		if (tmp[k] >= 0)
			close(tmp[k]);
	return ret;
}

static int apply_lsm(const struct attach_ctx *ctx, int fd)
{
	__do_free char *cmd = ctx->apparmor ? str_printf("changeprofile %s", ctx->lsm_label) : strdup(ctx->lsm_label);

	if (!cmd)
		return -ENOMEM;
	if (write(fd, cmd, strlen(cmd)) < 0)
		return -errno;
	return 0;
}

__attribute__((noreturn)) static void attached_main(struct attach_ctx *ctx)
{
	const lxc_attach_options_t *o = ctx->o;
	int sock = ctx->sock[1], lsm_fd = -1, master = -1, slave = -1, ret;
	struct attach_msg m, ready = { .kind = MSG_READY };
	sigset_t none;

	if (recv_msg(sock, &m, &lsm_fd) < 0 || m.kind != MSG_GO)
		_exit(EXIT_FAILURE); /* the caller gave up */
	if (ctx->cgns_fd >= 0) {
		if (setns(ctx->cgns_fd, CLONE_NEWCGROUP) < 0)
			child_fail(sock, -errno, "cannot enter the cgroup namespace of the container's init (pid %d): %s",
				   ctx->init_pid, strerror(errno));
		close(ctx->cgns_fd);
	}
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	if ((o->attach_flags & LXC_ATTACH_REMOUNT_PROC_SYS) && !(ctx->ns_flags & CLONE_NEWNS) &&
	    (ret = remount_proc_sys()) < 0)
		child_fail(sock, ret, "cannot remount /proc and /sys (-R): %s", strerror(-ret));
	if (ctx->personality >= 0 && personality((unsigned long)ctx->personality) < 0)
		child_fail(sock, -errno, "cannot set the personality 0x%lx: %s", ctx->personality, strerror(errno));
	if ((ctx->nnp || (o->attach_flags & LXC_ATTACH_NO_NEW_PRIVS)) && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		child_fail(sock, -errno, "cannot set no_new_privs: %s", strerror(errno));

	for (int res = 0; res < RLIM_NLIMITS; res++)
		if (ctx->set_limit[res] && setrlimit((enum __rlimit_resource)res, &ctx->limits[res]) < 0)
			child_fail(sock, -errno, "cannot set resource limit %d (lxc.prlimit): %s", res, strerror(errno));

	/* The bounding set while we may still change it (CAP_SETPCAP); the process's own sets after the ids. */
	for (int cap = 0; cap <= caps_last_cap(); cap++)
		if ((ctx->cap_drop & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			child_fail(sock, -errno, "cannot drop capability %d from the bounding set: %s", cap, strerror(errno));
	if (ctx->host_slave >= 0)
		(void)fchown(ctx->host_slave, ctx->uid, (gid_t)-1);
	if ((ret = set_ids(ctx)) < 0)
		child_fail(sock, ret, "cannot switch to uid %u gid %u: %s", (unsigned)ctx->uid, (unsigned)ctx->gid,
			   strerror(-ret));
	if (ctx->cap_drop) {
		char why[256];
		if ((ret = caps_drop_process(ctx->cap_drop, why, sizeof(why))) < 0)
			child_fail(sock, ret, "%s", why);
	}

	if (!ctx->cwd || chdir(ctx->cwd) < 0)
		(void)chdir("/"); /* the caller's directory need not exist in the container */

	(void)setsid(); /* no controlling terminal of the host's: no TIOCSTI into the user's shell */
	if (ctx->pty_mask) {
		/* The container's own devpts (its /dev/pts/N, as `tty` shows), opened as the user it is for. */
		ret = attach_pty_open(&master, &slave);
		if (ret == 0)
			ready.container_pty = true;
		else if ((slave = ctx->host_slave) < 0)
			child_fail(sock, ret, "cannot allocate a pty in the container (/dev/ptmx: %s)", strerror(-ret));
		if (ioctl(slave, TIOCSCTTY, 0) < 0)
			child_fail(sock, -errno, "cannot make the pty the controlling terminal: %s", strerror(errno));
		if (m.has_winsize)
			(void)ioctl(slave, TIOCSWINSZ, &m.ws);
	}
	if ((ret = set_stdio(ctx, slave)) < 0)
		child_fail(sock, ret, "cannot set up stdin, stdout and stderr: %s", strerror(-ret));
	if (ctx->lsm_label && lsm_fd >= 0 && (ret = apply_lsm(ctx, lsm_fd)) < 0)
		child_fail(sock, ret, "cannot apply the security profile '%s': %s", ctx->lsm_label, strerror(-ret));
	if (lsm_fd >= 0)
		close(lsm_fd);
	environ = ctx->r->env;
	cloexec_from_3();
	if (send_msg(sock, &ready, ready.container_pty ? master : -1) < 0)
		_exit(EXIT_FAILURE);
	close(sock);
	if (master >= 0)
		close(master);
	if (slave >= 0 && slave > 2)
		close(slave);
	if (ctx->host_slave >= 0 && ctx->host_slave != slave)
		close(ctx->host_slave);
	if (ctx->host_master >= 0)
		close(ctx->host_master);
	_exit(ctx->r->fn(ctx->r->payload));
}

/* ---- the caller ---- */

static void ctx_free(struct attach_ctx *ctx)
{
	free(ctx->lsm_label);
	free(ctx->cwd);
	cgroup_close(ctx->cg);
	cgroup_layout_free(ctx->layout);
	for (int i = 0; i < 2; i++)
		if (ctx->sock[i] >= 0)
			close(ctx->sock[i]);
	if (ctx->host_master >= 0)
		close(ctx->host_master);
	if (ctx->host_slave >= 0)
		close(ctx->host_slave);
}

static void reap(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* The attached process's LSM attribute file, for it to write its label into. */
static int open_lsm_attr(const struct attach_ctx *ctx, pid_t pid)
{
	char path[64];
	int fd;

	/* AppArmor changes the profile at once (as LXC does); SELinux at exec. */
	snprintf(path, sizeof(path), "/proc/%d/attr/%s", pid, ctx->apparmor ? "apparmor/current" : "exec");
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 && ctx->apparmor) {
		snprintf(path, sizeof(path), "/proc/%d/attr/current", pid);
		fd = open(path, O_WRONLY | O_CLOEXEC);
	}
	return fd < 0 ? -errno : fd;
}

static int prepare(struct attach_ctx *ctx, char *err, size_t errlen)
{
	const lxc_attach_options_t *o = ctx->o;
	char leaf[300];
	int ret;

	ret = attach_read_init(ctx, err, errlen);
	if (ret < 0)
		return ret;

	if (o->attach_flags & LXC_ATTACH_MOVE_TO_CGROUP) {
		ret = cgroup_layout_detect(&ctx->layout, err, errlen);
		if (ret == 0) {
			snprintf(leaf, sizeof(leaf), "lxc.payload.%s", ctx->r->name);
			ret = cgroup_open_pid(ctx->layout, ctx->init_pid, leaf, &ctx->cg, err, errlen);
		}
		if (ret < 0)
			return ret;
	}

	if (o->initial_cwd) {
		ctx->cwd = strdup(o->initial_cwd);
	} else {
		char buf[PATH_MAX];
		if (getcwd(buf, sizeof(buf)))
			ctx->cwd = strdup(buf);
	}

	if (o->attach_flags & LXC_ATTACH_TERMINAL) {
		int fds[3] = { o->stdin_fd, o->stdout_fd, o->stderr_fd };

		for (int k = 0; k < 3; k++)
			if (fds[k] >= 0 && isatty(fds[k]))
				ctx->pty_mask |= 1U << k;
		if (!ctx->pty_mask)
			ctx->pty_mask = 7;
		/* For a container without a devpts of its own (no lxc.pty.max): one of ours. */
		if (attach_pty_open(&ctx->host_master, &ctx->host_slave) < 0)
			ctx->host_master = ctx->host_slave = -1;
	}

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ctx->sock) < 0) {
		snprintf(err, errlen, "cannot create a socketpair: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

/* Go, then ready: the attached process is set up (or says why not). Returns the pty master in *master. */
static int handshake(struct attach_ctx *ctx, pid_t pid, int *master, char *err, size_t errlen)
{
	struct attach_msg go = { .kind = MSG_GO }, m;
	__do_close int lsm_fd = -EBADF;
	int ret, fd;

	if (ctx->lsm_label) {
		lsm_fd = open_lsm_attr(ctx, pid);
		if (lsm_fd < 0) {
			snprintf(err, errlen, "cannot open the LSM attributes of process %d: %s", pid, strerror(-lsm_fd));
			return lsm_fd;
		}
	}
	if (ctx->pty_mask) {
		int src = (ctx->pty_mask & 1) ? ctx->o->stdin_fd : (ctx->pty_mask & 2) ? ctx->o->stdout_fd : ctx->o->stderr_fd;
		go.has_winsize = src >= 0 && ioctl(src, TIOCGWINSZ, &go.ws) == 0;
	}
	ret = send_msg(ctx->sock[0], &go, lsm_fd);
	if (ret == 0)
		ret = recv_msg(ctx->sock[0], &m, &fd);
	if (ret < 0) {
		snprintf(err, errlen, "the process inside the container died while it was set up");
		return -ECHILD;
	}
	if (m.kind == MSG_ERROR) {
		snprintf(err, errlen, "%s", m.text);
		return m.err;
	}
	if (m.kind != MSG_READY) {
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "unexpected message %d from the process inside the container", m.kind);
		return -EPROTO;
	}
	if (fd >= 0) {
		*master = fd;
	} else if (ctx->pty_mask) {
		*master = ctx->host_master;
		ctx->host_master = -1;
	}
	return 0;
}

int attach_start(const struct attach_request *r, pid_t *pidp, char *err, size_t errlen)
{
	struct attach_ctx ctx = {
		.r = r, .o = r->opts, .host_master = -1, .host_slave = -1, .cgns_fd = -1, .sock = { -1, -1 }
	};
	struct attach_msg m;
	__do_close int pidfd = -EBADF, master = -EBADF;
	pid_t inter, pid;
	int ret, fd;

	ret = prepare(&ctx, err, errlen);
	if (ret < 0) {
		ctx_free(&ctx);
		return ret;
	}

	inter = fork();
	if (inter < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot fork: %s", strerror(errno));
		ctx_free(&ctx);
		return ret;
	}
	if (inter == 0)
		intermediate_main(&ctx);
	close(ctx.sock[1]);
	ctx.sock[1] = -1;
	/* The attached process has its copy of our spare pty's slave (or needs none). */
	if (ctx.host_slave >= 0) {
		close(ctx.host_slave);
		ctx.host_slave = -1;
	}

	/* Its report is queued before it exits. Reading only then means that an
	 * intermediate that died without one cannot leave us waiting on an attached
	 * process that holds the other end (it ends when we close ours). */
	reap(inter);
	ret = recv_msg_flags(ctx.sock[0], &m, &fd, MSG_DONTWAIT);
	if (ret < 0 || (m.kind == MSG_PID && fd < 0)) {
		if (fd >= 0)
			close(fd);
		snprintf(err, errlen, "the process that enters the container died before it reported");
		ctx_free(&ctx);
		return -ECHILD;
	}
	if (m.kind != MSG_PID) {
		snprintf(err, errlen, "%s", m.kind == MSG_ERROR ? m.text : "unexpected message from the attach process");
		ctx_free(&ctx);
		return m.kind == MSG_ERROR ? m.err : -EPROTO;
	}
	pid = m.pid;
	pidfd = fd;

	ret = handshake(&ctx, pid, &master, err, errlen);
	if (ret < 0) {
		(void)syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
		reap(pid);
		ctx_free(&ctx);
		return ret;
	}
	ctx_free(&ctx);

	if (master >= 0) {
		const lxc_attach_options_t *o = r->opts;
		int in = (ctx.pty_mask & 1) ? o->stdin_fd : -1;
		/* The pty's output goes to the user's terminal: where stdout or stderr
		 * is one, else the terminal stdin reads from (the echo of the input). */
		int out = (ctx.pty_mask & 2) ? o->stdout_fd : (ctx.pty_mask & 4) ? o->stderr_fd : o->stdin_fd;

		ret = attach_pty_relay(master, pidfd, in, out, o->log_fd);
		if (ret < 0) /* the process runs on; the caller still reaps it */
			WARN("relaying the pty of process %d failed: %s", pid, strerror(-ret));
	}
	*pidp = pid;
	return 0;
}
