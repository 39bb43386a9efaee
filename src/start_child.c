/* start_child.c - the container's init before exec: runs the plan's ops in order and reports each named step and the first failure to the monitor; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/keyctl.h>
#include <linux/sched.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "autodev.h"
#include "caps.h"
#include "console.h"
#include "hooks.h"
#include "log.h"
#include "monitor.h"
#include "mount.h"
#include "rootfs.h"
#include "start_child.h"
#include "util/cleanup.h"
#include "util/fdpass.h"
#include "util/strutil.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

struct child_run {
	struct child_ctx *ctx;
	int root;          /* the rootfs (or the host's /) */
	mode_t umask_was;
	char why[3072];
};

__attribute__((noreturn)) static void die(struct child_run *r, const struct plan_op *op, int err)
{
	struct sync_msg msg = { .kind = SYNC_ERROR, .err = err };

	if (op && op->origin && *op->origin)
		snprintf(msg.text, sizeof(msg.text), "%s: %s", op->origin, r->why);
	else
		snprintf(msg.text, sizeof(msg.text), "%s", r->why);
	(void)send(r->ctx->sync_fd, &msg, sizeof(msg) - sizeof(msg.text) + strlen(msg.text) + 1, MSG_NOSIGNAL);
	_exit(1);
}

__attribute__((format(printf, 2, 3))) static void why(struct child_run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

/* Tells the monitor we reached a step and waits for its go; its death ends us.
 * The go of STEP_CGROUPS carries the fds of the cgroups made after the clone. */
static void step(struct child_run *r, const struct plan_op *op)
{
	struct sync_msg msg = { .kind = SYNC_STEP, .value = op->value };
	int fds[FDPASS_MAX];
	struct iovec iov = { &msg, sizeof(msg) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct fdpass_buf b;
	size_t nfds;
	ssize_t n;

	if (send(r->ctx->sync_fd, &msg, sizeof(msg) - sizeof(msg.text), MSG_NOSIGNAL) < 0)
		_exit(1);
	fdpass_prepare(&mh, &b);
	do
		n = recvmsg(r->ctx->sync_fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n <= 0 || msg.kind != SYNC_GO)
		_exit(1);
	nfds = fdpass_collect(&mh, fds, ARRAY_SIZE(fds));
	if (op->value == STEP_CGROUPS && r->ctx->payload && nfds)
		cgroup_adopt_fds(r->ctx->payload, CG_HIER_V1, fds, nfds);
}

static int loopback_up(struct child_run *r)
{
	__do_close int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr = { 0 };

	if (s < 0) {
		why(r, "cannot bring up lo: %s", strerror(errno));
		return -errno;
	}
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0 || (ifr.ifr_flags |= IFF_UP, ioctl(s, SIOCSIFFLAGS, &ifr) < 0)) {
		why(r, "cannot bring up lo: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int write_file(struct child_run *r, const char *path, const char *value)
{
	__do_close int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t len = strlen(value);

	if (fd < 0) {
		int e = errno;
		why(r, "cannot open %s: %s%s", path, strerror(e),
		    e == ENOENT ? (str_has_prefix(path, "/proc/sys/") ? " (this kernel has no such sysctl, or it is not in the container's namespaces)" : " (no such file in /proc/PID/)") : "");
		return -e;
	}
	if (write(fd, value, len) != (ssize_t)len) {
		why(r, "cannot write '%s' to %s: %s", value, path, strerror(errno));
		return -errno;
	}
	return 0;
}

static int do_rlimit(struct child_run *r, const struct plan_op *op)
{
	struct rlimit cur;

	if (setrlimit(op->value, &op->rlim) == 0)
		return 0;
	if (errno == EPERM && getrlimit(op->value, &cur) == 0 && op->rlim.rlim_max > cur.rlim_max &&
	    prctl(PR_CAPBSET_READ, CAP_SYS_RESOURCE, 0, 0, 0) == 0) {
		char hard[32];
		if (cur.rlim_max == RLIM_INFINITY)
			snprintf(hard, sizeof(hard), "unlimited");
		else
			snprintf(hard, sizeof(hard), "%llu", (unsigned long long)cur.rlim_max);
		why(r, "cannot raise the hard limit of %s above %s: this host's capability bounding set lacks CAP_SYS_RESOURCE, "
		       "which raising it needs (lower the value to at most %s)", op->source, hard, hard);
		return -EPERM;
	}
	why(r, "cannot set the %s limit to %s: %s", op->source, op->data, strerror(errno));
	return -errno;
}

static int do_timens(struct child_run *r, const struct plan_op *op)
{
	if (unshare(CLONE_NEWTIME) < 0) {
		why(r, "cannot create a time namespace: %s", strerror(errno));
		return -errno;
	}
	if (op->data && *op->data) {
		/* The offsets must be written before any process enters; init does at exec. */
		__do_close int fd = open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC);
		size_t len = strlen(op->data);
		if (fd < 0 || write(fd, op->data, len) != (ssize_t)len) {
			why(r, "cannot set the clock offsets: %s", strerror(errno));
			return -errno;
		}
	}
	return 0;
}

/* The init's path: absolute, or looked up in the container's PATH. */
static const char *find_init(const char *cmd, char *const env[], char *buf, size_t len)
{
	const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	__do_free char *copy = NULL;
	char *save = NULL;

	if (strchr(cmd, '/'))
		return cmd;
	for (char *const *e = env; e && *e; e++)
		if (!strncmp(*e, "PATH=", 5))
			path = *e + 5;
	copy = strdup(path);
	if (!copy)
		return cmd;
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		snprintf(buf, len, "%s/%s", d, cmd);
		if (access(buf, X_OK) == 0)
			return buf;
	}
	return cmd;
}

__attribute__((noreturn)) static void do_exec(struct child_run *r, const struct plan_op *op)
{
	struct child_ctx *ctx = r->ctx;
	const struct start_plan *p = ctx->plan;
	char found[4096];
	const char *path;
	sigset_t none;
	int e;

	/* stdio: the console pty, /dev/null when nobody watches, or the caller's (-F, no console). */
	if (!p->console_none && ctx->n_ptys > 0) {
		if (console_make_stdio(ctx->ptys[0].slave, r->why, sizeof(r->why)) < 0)
			die(r, op, errno);
	} else if (!ctx->keep_stdio && ctx->devnull >= 0) {
		for (int fd = 0; fd < 3; fd++)
			dup2(ctx->devnull, fd);
	}
	/* Nothing of ours (or inherited) reaches init but 0, 1 and 2. */
	if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		for (int fd = 3; fd < 1024; fd++)
			if (fd != ctx->sync_fd)
				fcntl(fd, F_SETFD, FD_CLOEXEC);
	}

	if (chdir(p->init_cwd ? p->init_cwd : "/") < 0) {
		why(r, "cannot change to the working directory %s in the container: %s", p->init_cwd ? p->init_cwd : "/",
		    strerror(errno));
		die(r, op, errno);
	}

	/* Bounding set first: dropping from it needs CAP_SETPCAP, which setuid may take away. */
	if (caps_drop_bounding(p->cap_drop, r->why, sizeof(r->why)) < 0)
		die(r, op, errno);
	if (setgroups(p->init_groups_set ? p->n_init_groups : 0, p->init_groups) < 0 && errno != EPERM) {
		why(r, "cannot set the init's groups: %s", strerror(errno));
		die(r, op, errno);
	}
	if ((p->init_gid && setresgid(p->init_gid, p->init_gid, p->init_gid) < 0) ||
	    (p->init_uid && setresuid(p->init_uid, p->init_uid, p->init_uid) < 0)) {
		why(r, "cannot switch to uid %u gid %u (lxc.init.uid/gid): %s", p->init_uid, p->init_gid, strerror(errno));
		die(r, op, errno);
	}
	if (caps_drop_process(p->cap_drop, r->why, sizeof(r->why)) < 0)
		die(r, op, errno);
	if (p->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		why(r, "cannot set no_new_privs: %s", strerror(errno));
		die(r, op, errno);
	}
	/* A uid change clears the parent-death signal: set it again, last. */
	if (p->pdeath_signal)
		prctl(PR_SET_PDEATHSIG, p->pdeath_signal, 0, 0, 0);

	if (p->keyring_session && syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0 && errno != ENOSYS &&
	    errno != EACCES && errno != EPERM) {
		why(r, "cannot give init a new session keyring: %s (set lxc.keyring.session = 0)", strerror(errno));
		die(r, op, errno);
	}
	if (p->personality >= 0 && personality((unsigned long)p->personality) < 0) {
		why(r, "cannot set the personality for lxc.arch: %s", strerror(errno));
		die(r, op, errno);
	}
	umask(r->umask_was);
	for (int s = 1; s < NSIG; s++)
		signal(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	path = find_init(p->init_argv[0], p->init_env, found, sizeof(found));
	execve(path, p->init_argv, p->init_env);
	e = errno;

	switch (e) {
	case ENOENT:
		why(r, "%s: no such file in the container%s%s%s", path, p->rootfs_path ? " (rootfs " : "",
		    p->rootfs_path ? p->rootfs_path : "", p->rootfs_path ? ")" : "");
		break;
	case EACCES:
		why(r, "%s: not executable in the container (%s)", path, strerror(e));
		break;
	case ENOEXEC:
		why(r, "%s: not a program this kernel can run (%s)", path, strerror(e));
		break;
	default:
		why(r, "cannot run %s: %s", path, strerror(e));
	}
	if (e == ENOENT || e == EACCES || e == ENOEXEC) {
		size_t n = strlen(r->why);
		snprintf(r->why + n, sizeof(r->why) - n, " (install it in the container, set lxc.init.cmd, or pass a command after --)");
	}
	die(r, op, e);
}

static int do_op(struct child_run *r, const struct plan_op *op)
{
	struct child_ctx *ctx = r->ctx;
	const struct start_plan *p = ctx->plan;
	struct mount_req req = { .source_fd = -1 };
	int ret = 0;

	switch (op->kind) {
	case OP_CGROUP_ENTER:
		if (!ctx->payload)
			return 0;
		return cgroup_enter_self(ctx->payload, ctx->v2_at_clone, r->why, sizeof(r->why));
	case OP_STEP:
		if (op->value == STEP_CGROUPS && ctx->cgroups_ready)
			return 0;
		step(r, op);
		return 0;
	case OP_UNSHARE:
		if ((op->flags & CLONE_NEWCGROUP) && ctx->cgroupns_at_clone)
			return 0;
		if (unshare((int)op->flags) < 0) {
			why(r, "cannot unshare namespaces: %s", strerror(errno));
			return -errno;
		}
		return 0;
	case OP_SETNS:
		if (setns(p->share_fd[op->value], (int)op->flags) < 0) {
			why(r, "cannot join the %s namespace of %s: %s", plan_ns_name(op->value), p->share_spec[op->value],
			    strerror(errno));
			return -errno;
		}
		return 0;
	case OP_HOSTNAME:
		if (sethostname(op->source, strlen(op->source)) < 0) {
			why(r, "cannot set the hostname to '%s': %s", op->source, strerror(errno));
			return -errno;
		}
		return 0;
	case OP_LOOPBACK:
		return loopback_up(r);
	case OP_NET_INSIDE:
		if (!ctx->net || !ctx->net->configure_inside)
			return 0;
		ret = ctx->net->configure_inside(ctx->net->ctx, r->why, sizeof(r->why));
		return ret;
	case OP_TIMENS:
		return do_timens(r, op);
	case OP_PROPAGATION:
		return rootfs_propagation(op->flags, r->why, sizeof(r->why));
	case OP_HOOK:
		ret = hook_run(op->target, op->source, &ctx->hook_env, r->why, sizeof(r->why));
		return ret;
	case OP_ROOTFS:
		ret = rootfs_prepare(op->source, op->target, op->flags, op->propagation, op->data, r->why, sizeof(r->why));
		if (ret < 0)
			return ret;
		r->root = ret;
		return 0;
	case OP_MOUNT:
		req.source = op->source;
		req.fstype = op->fstype;
		req.flags = op->flags;
		req.propagation = op->propagation;
		req.data = op->data;
		req.opt = op->opt;
		ret = mount_in_root(r->root, op->target, &req, r->why, sizeof(r->why));
		if (ret < 0 && (op->opt & MNT_OPT_OPTIONAL)) {
			INFO("%s: skipped (optional): %s", op->origin, r->why);
			return 0;
		}
		return ret;
	case OP_CGROUP:
		if (!ctx->cg_mount)
			return 0;
		return rootfs_mount_cgroups(r->root, op->target, (unsigned)op->value, ctx->cg_specs, ctx->n_cg_specs,
					    ctx->cg_pure_v2, r->why, sizeof(r->why));
	case OP_MKDIR:
		return autodev_mkdir(r->root, op->target, op->mode, r->why, sizeof(r->why));
	case OP_SYMLINK:
		ret = autodev_symlink(r->root, op->source, op->target, op->value != 0, r->why, sizeof(r->why));
		/* The /dev links of a read-only or missing /dev are not worth failing for. */
		if (ret < 0 && !op->value)
			return 0;
		return ret;
	case OP_MKNOD:
		return autodev_mknod(r->root, op->target, op->mode, op->dev, op->source, r->why, sizeof(r->why));
	case OP_BIND_PTY: {
		struct stat a, b;

		if (op->value >= ctx->n_ptys)
			return 0;
		/* By name: an fd from before the clone names a mount of the host's
		 * namespace, which the kernel refuses as a bind source. Same device? */
		if (stat(ctx->ptys[op->value].name, &a) < 0 || fstat(ctx->ptys[op->value].slave, &b) < 0 ||
		    a.st_rdev != b.st_rdev) {
			why(r, "the pty %s is not the one allocated for the container", ctx->ptys[op->value].name);
			return -EIO;
		}
		req.source = ctx->ptys[op->value].name;
		req.flags = MS_BIND;
		req.opt = MNT_OPT_CREATE_FILE;
		return mount_in_root(r->root, op->target, &req, r->why, sizeof(r->why));
	}
	case OP_WRITE:
		return write_file(r, op->target, op->data);
	case OP_PIVOT:
		ret = rootfs_pivot(r->root, r->why, sizeof(r->why));
		return ret;
	case OP_RLIMIT:
		return do_rlimit(r, op);
	case OP_EXEC:
		do_exec(r, op);
	}
	return 0;
}

void start_child_main(struct child_ctx *ctx)
{
	struct child_run r = { .ctx = ctx, .root = -1 };
	const struct start_plan *p = ctx->plan;

	/* Before anything else: if the monitor dies from here on, so do we (the
	 * first step's answer catches a death before this point). */
	if (p->pdeath_signal)
		prctl(PR_SET_PDEATHSIG, p->pdeath_signal, 0, 0, 0);
	r.umask_was = umask(0);

	bool tracing = log_file_is_open() && log_get_level() == LOG_LEVEL_TRACE;
	for (size_t i = 0; i < p->n_ops; i++) {
		int ret;

		if (tracing) {
			/* The start's breakdown (tests/bench/start reads it): each op's start time. */
			char what[512];
			plan_op_format(&p->ops[i], what, sizeof(what));
			TRACE("child op at %lldus: %s", (long long)(monitor_now_us() - ctx->t0_us), what);
		}
		ret = do_op(&r, &p->ops[i]);
		if (ret < 0)
			die(&r, &p->ops[i], -ret);
	}
	why(&r, "the start plan has no exec step");
	die(&r, NULL, EINVAL);
}
