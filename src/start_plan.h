/* start_plan.h - a start decided in the parent: the config parsed and validated into settings and a ready list of setup operations for the child; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_START_PLAN_H
#define BERTH_START_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

/* One effective config item, as the plan builder reads it (conf_item's shape). */
struct plan_item {
	const char *key;
	const char *value;
	const char *file;
	unsigned line;
};

/*
 * What the child executes, in order. Everything here was parsed and checked
 * in the parent; the child only performs it and reports the first failure
 * (naming op->origin) back over the sync socket.
 */
enum plan_op_kind {
	OP_CGROUP_ENTER, /* move into the container's cgroups (v1: ourselves, no global lock) */
	OP_STEP,        /* tell the parent we reached step `value`; wait for it to answer */
	OP_SETNS,       /* join a shared namespace: fd slot `value`, CLONE_NEW* in `flags` */
	OP_UNSHARE,     /* unshare(flags) (cgroup ns after the parent placed us in our cgroups) */
	OP_HOSTNAME,    /* sethostname(source) */
	OP_LOOPBACK,    /* bring lo up in a new network namespace */
	OP_NET_INSIDE,  /* the network module configures its devices from inside */
	OP_PROPAGATION, /* mount("", "/", flags|MS_REC) before anything is mounted */
	OP_HOOK,        /* run hook `source` of type `target` in the child */
	OP_ROOTFS,      /* bind source (host path) at target (mount point) with flags/data; open it as the root */
	OP_MOUNT,       /* mount source on target (inside the rootfs) */
	OP_MKDIR,       /* mkdir target (inside the rootfs), mode */
	OP_SYMLINK,     /* symlink source -> target (inside the rootfs) */
	OP_MKNOD,       /* mknod target, mode, dev (bind the host's source if mknod is not allowed) */
	OP_BIND_PTY,    /* bind pty slot `value` (the console is slot 0) onto target */
	OP_WRITE,       /* write data into the host-visible file target (sysctl, /proc/self/...) */
	OP_PIVOT,       /* pivot_root into the rootfs and detach the old root */
	OP_RLIMIT,      /* setrlimit(value, rlim) */
	OP_TIMENS,      /* unshare a time namespace and write data into timens_offsets */
	OP_CGROUP,      /* lxc.mount.auto cgroup (bits in `value`): what the host's layout needs, mounted at target */
	OP_EXEC,        /* console as stdio, env, cwd, ids, caps, no_new_privs, exec init */
};

/* OP_MOUNT / OP_ROOTFS option bits beyond MS_* flags. */
enum {
	MNT_OPT_OPTIONAL = 1 << 0,   /* a failure is logged and skipped */
	MNT_OPT_CREATE_DIR = 1 << 1, /* create the target directory (and parents) */
	MNT_OPT_CREATE_FILE = 1 << 2,
	MNT_OPT_RELATIVE = 1 << 3,   /* the source is a path inside the rootfs */
	MNT_OPT_REMOUNT = 1 << 4,    /* a bind that needs a second call to apply ro/nosuid/... */
	MNT_OPT_INROOT_SRC = 1 << 5, /* source is resolved inside the rootfs too (auto mounts' binds) */
	MNT_OPT_NO_TARGET_CHECK = 1 << 6,
};

struct plan_op {
	enum plan_op_kind kind;
	char *origin;          /* what to name in an error: "lxc.mount.entry (FILE:LINE)" */
	char *source;
	char *target;          /* relative to the rootfs ("proc", "dev/pts") or a host path */
	char *fstype;
	char *data;
	unsigned long flags;   /* MS_* */
	unsigned long propagation;
	unsigned opt;          /* MNT_OPT_* */
	unsigned mode;
	dev_t dev;
	int value;
	struct rlimit rlim;
};

enum plan_hook_type {
	HOOK_PRE_START,
	HOOK_PRE_MOUNT,
	HOOK_MOUNT,
	HOOK_AUTODEV,
	HOOK_START,
	HOOK_START_HOST,
	HOOK_STOP,
	HOOK_POST_STOP,
	HOOK_MAX,
};

struct plan_hook {
	char *cmd;
	char *origin;
};

/* The named steps where the child waits for the parent. */
enum plan_step {
	STEP_CLONED = 1,  /* parent: uid/gid maps (later), network devices */
	STEP_SETUP_DONE,  /* parent: start-host hooks; then the child execs */
	STEP_CGROUPS,     /* parent: the cgroups it made while the child set up are ready to enter */
};

/* Namespaces a plan can share (lxc.namespace.share.*); index into share_*. */
enum plan_ns {
	PLAN_NS_NET,
	PLAN_NS_IPC,
	PLAN_NS_UTS,
	PLAN_NS_PID,
	PLAN_NS_MAX,
};

struct plan_kv {
	char *key;
	char *value;
	char *origin;
};

struct start_plan {
	char *name;
	char *lxcpath;
	char *config_file;      /* LXC_CONFIG_FILE for hooks, may be NULL */

	int clone_flags;        /* CLONE_NEW* for the one clone */
	char *share_spec[PLAN_NS_MAX]; /* lxc.namespace.share.X values */
	int share_fd[PLAN_NS_MAX];     /* opened by start (not by the builder), -1 if none */

	char *rootfs_spec;      /* lxc.rootfs.path as written */
	char *rootfs_path;      /* host directory, NULL: the host's root is kept */
	char *rootfs_mount;     /* where it is bound before pivot_root */

	char *uts_name;
	bool autodev;
	int pty_max;
	int tty_max;
	char *console_path;     /* NULL: a pty; "none": no console */
	char *console_logfile;
	uint64_t console_log_size;    /* lxc.console.size: 0 = unlimited */
	bool console_rotate;          /* lxc.console.rotate: keep LOGFILE.1 when the log is full */
	uint64_t console_buffer_size; /* lxc.console.buffer.size: the monitor's ring buffer, 0 = none */
	bool console_none;
	char *tty_dir;          /* lxc.tty.dir: console and ttys live in /dev/DIR, linked from /dev */
	bool monitor_unshare;   /* lxc.monitor.unshare: the monitor gets its own mount namespace */
	int personality;        /* lxc.arch as a personality(2) value, -1: unchanged */
	bool keyring_session;   /* lxc.keyring.session: a new session keyring for init (default) */

	char **init_argv;       /* NULL-terminated */
	char **init_env;        /* the init's whole environment, NULL-terminated */
	char *init_cwd;
	uid_t init_uid;
	gid_t init_gid;
	gid_t *init_groups;
	size_t n_init_groups;
	bool init_groups_set;
	uint64_t cap_drop;      /* bits of the capabilities to drop from every set */
	bool no_new_privs;

	int halt_signal;
	bool halt_signal_set;   /* lxc.signal.halt given (else systemd gets SIGRTMIN+3, as LXC does) */
	int reboot_signal;
	int stop_signal;
	int pdeath_signal;

	struct plan_hook *hooks[HOOK_MAX];
	size_t n_hooks[HOOK_MAX];
	int hook_version;

	/* Network: counted here; the network module does the rest at its steps. */
	int n_net_devices;      /* lxc.net.N with a type other than empty/none */
	bool net_none;          /* lxc.net.N.type = none: the host's network namespace */

	struct plan_kv *cgroup_settings; /* lxc.cgroup.* (key "memory.limit_in_bytes") and lxc.cgroup2.* (key prefixed "2:") */
	size_t n_cgroup_settings;
	bool cgroup_relative;
	/* lxc.cgroup.dir, .dir.container, .dir.monitor, .dir.monitor.pivot, .dir.container.inner (NULL: unset) */
	char *cgroup_dir, *cgroup_dir_container, *cgroup_dir_monitor, *cgroup_dir_pivot, *cgroup_dir_inner;
	unsigned cgroup_auto;   /* lxc.mount.auto cgroup bits (AUTO_CGROUP_*), mounts are compiled at spawn */
	char *shmount_host;     /* lxc.mount.auto shmounts: the host's shared tmpfs (the monitor mounts it), NULL if none */
	char *shmount_cont;     /* ... and where the container sees it (an absolute path inside) */

	char *log_file;
	int log_level;          /* -1: not set */

	struct plan_op *ops;
	size_t n_ops;
	size_t cap_ops;
};

/* lxc.mount.auto bits. */
enum {
	AUTO_PROC_RW = 1 << 0,
	AUTO_PROC_MIXED = 1 << 1,
	AUTO_SYS_RW = 1 << 2,
	AUTO_SYS_RO = 1 << 3,
	AUTO_SYS_MIXED = 1 << 4,
	AUTO_CGROUP_RW = 1 << 5,
	AUTO_CGROUP_RO = 1 << 6,
	AUTO_CGROUP_MIXED = 1 << 7,
	AUTO_CGROUP_FULL = 1 << 8,  /* the -full variants: the whole hierarchy */
	AUTO_CGROUP_FORCE = 1 << 9,
	AUTO_CGROUP_NOSPEC = 1 << 10, /* "cgroup" alone: mixed with a cgroup ns, else none */
};

/* What the caller adds to the config (lxc-start's -- COMMAND, --share-*). */
struct plan_overrides {
	char *const *argv;       /* replaces lxc.init.cmd when non-NULL and non-empty */
	const char *share[PLAN_NS_MAX];
	const char *console_path;    /* -c */
	const char *console_logfile; /* -L */
};

/*
 * Builds the plan from items. On failure returns -errno and writes ONE line
 * into err: "FILE:LINE: KEY: what is wrong (what to do)".
 */
int start_plan_build(const struct plan_item *items, size_t n, const char *name, const char *lxcpath,
		     const char *config_file, const struct plan_overrides *ov, struct start_plan **out,
		     char *err, size_t errlen);
void start_plan_free(struct start_plan *p);

/* lxc.prlimit.NAME: the RLIMIT_* of NAME ("nofile"), or -EINVAL. */
int start_plan_rlimit(const char *name);
/* lxc.prlimit.NAME = SOFT[:HARD] into *resource and *lim; 0 or -EINVAL with the reason in err. */
int start_plan_parse_prlimit(const char *name, const char *value, int *resource, struct rlimit *lim, char *err,
			     size_t errlen);
/* lxc.init.cmd into words ('' and "" quote, \ escapes); -EINVAL on an unbalanced quote. */
int start_plan_split_cmd(const char *cmd, char ***out);

/* Appends an op (copying the strings); returns it, or NULL on allocation failure. */
struct plan_op *plan_add_op(struct start_plan *p, enum plan_op_kind kind, const char *origin);

/* A one-line text form of an op, for the trace log and the unit tests. */
int plan_op_format(const struct plan_op *op, char *buf, size_t len);

const char *plan_hook_name(enum plan_hook_type t);
const char *plan_ns_name(enum plan_ns ns);

#endif
