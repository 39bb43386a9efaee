/* lxccontainer.h - the public liblxc API (compatible with liblxc 5.0); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef __LXC_CONTAINER_H
#define __LXC_CONTAINER_H

/*
 * Binary compatibility: struct lxc_container and every structure below have
 * the members of liblxc 5.0 in the same order with the same types, and the
 * constants have the same values, so python3-lxc, go-lxc and other programs
 * built against LXC's header run on berth's liblxc.so.1 unchanged.
 * tests/unit/test-container-abi.c compares the layouts with LXC's header.
 *
 * Conventions of the API (as liblxc's):
 *  - methods are called as c->method(c, ...);
 *  - bool methods return true on success; int methods return >= 0 on success;
 *  - on failure a method may set c->error_string (owned by the container) and
 *    c->error_num (an errno value); a successful call leaves them as they were;
 *  - strings a method returns are the caller's to free unless said otherwise.
 *
 * A method berth does not implement yet fails (false, -1 or NULL) with
 * error_num ENOSYS and an error_string that names the method.
 */

#include <malloc.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>

#include <lxc/attach_options.h>
#include <lxc/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* clone() flags */
#define LXC_CLONE_KEEPNAME (1 << 0)       /* leave the hostname in the copied rootfs alone */
#define LXC_CLONE_KEEPMACADDR (1 << 1)    /* keep the interfaces' MAC addresses */
#define LXC_CLONE_SNAPSHOT (1 << 2)       /* snapshot the storage instead of copying it */
#define LXC_CLONE_KEEPBDEVTYPE (1 << 3)   /* keep the storage backend type */
#define LXC_CLONE_MAYBE_SNAPSHOT (1 << 4) /* snapshot if the backend can, else copy */
#define LXC_CLONE_MAXFLAGS (1 << 5)       /* one above the last flag */
#define LXC_CLONE_ALLOW_RUNNING (1 << 6)  /* allow snapshotting a running container */

/* create() flags */
#define LXC_CREATE_QUIET (1 << 0)    /* template: stdin from /dev/zero, stdout and stderr to /dev/null */
#define LXC_CREATE_MAXFLAGS (1 << 1) /* one above the last flag */

/* struct lxc_mount.version for mount() and umount() */
#define LXC_MOUNT_API_V1 1

struct bdev_specs;
struct lxc_snapshot;
struct lxc_lock;
struct migrate_opts;
struct lxc_console_log;
struct lxc_conf;

/* Versioned options of mount() and umount(). */
struct lxc_mount {
	int version; /* LXC_MOUNT_API_V1 */
};

/*
 * A container: its name, where it is defined, its loaded config, and the
 * methods. Made by lxc_container_new(), reference counted with
 * lxc_container_get() and lxc_container_put(); never allocate one yourself.
 */
struct lxc_container {
	/* --- private to the library: callers must not change these --- */
	char *name;       /* the container's name */
	char *configfile; /* its config file: LXCPATH/NAME/config */
	char *pidfile;    /* where a daemonized start writes the init pid (NULL: none) */
	struct lxc_lock *slock;    /* the container lock, shared by every process (a lock file) */
	struct lxc_lock *privlock; /* guards this object between threads */
	int numthreads;   /* references held (under privlock) */
	struct lxc_conf *lxc_conf; /* liblxc's internal config; berth keeps its own elsewhere (always NULL) */

	/* --- public --- */
	char *error_string; /* what the last failing call said, or NULL */
	int error_num;      /* the errno of the last failing call */
	bool daemonize;     /* start() returns once the container runs (default true) */
	char *config_path;  /* the lxcpath this container lives in */

	/* True if the config file exists. */
	bool (*is_defined)(struct lxc_container *c);

	/* The state's name ("STOPPED", "RUNNING", ...); a static string, do not free. */
	const char *(*state)(struct lxc_container *c);

	/* True unless the container is STOPPED. */
	bool (*is_running)(struct lxc_container *c);

	/* Freeze or thaw every process of a running container. */
	bool (*freeze)(struct lxc_container *c);
	bool (*unfreeze)(struct lxc_container *c);

	/* The host pid of the container's init, -1 if it is not running. */
	pid_t (*init_pid)(struct lxc_container *c);

	/* Loads a config: alt_file, or the container's own file if NULL. */
	bool (*load_config)(struct lxc_container *c, const char *alt_file);

	/* Starts the container. useinit: run argv through lxc's init (as lxc-execute);
	 * argv: the init command, NULL for lxc.init.cmd. startl takes the argv as a
	 * NULL-terminated argument list. */
	bool (*start)(struct lxc_container *c, int useinit, char *const argv[]);
	bool (*startl)(struct lxc_container *c, int useinit, ...);

	/* Kills the container (SIGKILL to init). */
	bool (*stop)(struct lxc_container *c);

	/* Whether start() detaches (daemonizes); whether it closes inherited fds. */
	bool (*want_daemonize)(struct lxc_container *c, bool state);
	bool (*want_close_all_fds)(struct lxc_container *c, bool state);

	/* The config file's path (malloc'd). */
	char *(*config_file_name)(struct lxc_container *c);

	/* Waits up to timeout seconds (-1: forever, 0: just check) for the state. */
	bool (*wait)(struct lxc_container *c, const char *state, int timeout);

	/* Sets a config item in memory, as a config line "key = value" would. */
	bool (*set_config_item)(struct lxc_container *c, const char *key, const char *value);

	/* Deletes the container (config and rootfs). */
	bool (*destroy)(struct lxc_container *c);

	/* Writes the loaded config to alt_file, or to the container's own file if NULL. */
	bool (*save_config)(struct lxc_container *c, const char *alt_file);

	/* Creates the container: storage (bdevtype, NULL for "dir", and specs), then
	 * the template t with argv. flags: LXC_CREATE_*. createl takes the template
	 * arguments as a NULL-terminated list. */
	bool (*create)(struct lxc_container *c, const char *t, const char *bdevtype,
		       struct bdev_specs *specs, int flags, char *const argv[]);
	bool (*createl)(struct lxc_container *c, const char *t, const char *bdevtype,
			struct bdev_specs *specs, int flags, ...);

	/* Renames a stopped container. */
	bool (*rename)(struct lxc_container *c, const char *newname);

	/* Asks the container to reboot (lxc.signal.reboot to init). */
	bool (*reboot)(struct lxc_container *c);

	/* Asks init to halt (lxc.signal.halt) and waits up to timeout seconds
	 * (-1: forever, 0: do not wait); true once it stopped. */
	bool (*shutdown)(struct lxc_container *c, int timeout);

	/* Drops the loaded config. */
	void (*clear_config)(struct lxc_container *c);

	/* Clears a key, a list, or a family ("lxc.net.0", "lxc.cgroup"). */
	bool (*clear_config_item)(struct lxc_container *c, const char *key);

	/* Writes the value of key into retv (lists one entry per line) and returns
	 * its length; retv NULL (or inlen too small) only measures. < 0 on error. */
	int (*get_config_item)(struct lxc_container *c, const char *key, char *retv, int inlen);

	/* The value of key in the running container (malloc'd), NULL on error. */
	char *(*get_running_config_item)(struct lxc_container *c, const char *key);

	/* The keys under key (NULL: every top-level key), one per line, as
	 * get_config_item returns values. */
	int (*get_keys)(struct lxc_container *c, const char *key, char *retv, int inlen);

	/* The running container's interface names (NULL-terminated, caller frees). */
	char **(*get_interfaces)(struct lxc_container *c);

	/* The running container's addresses on interface (NULL: all) of family
	 * ("inet", "inet6", NULL: both); scope is the IPv6 scope (0: global). */
	char **(*get_ips)(struct lxc_container *c, const char *interface, const char *family, int scope);

	/* Reads or writes a cgroup file of the running container ("memory.max"). */
	int (*get_cgroup_item)(struct lxc_container *c, const char *subsys, char *retv, int inlen);
	bool (*set_cgroup_item)(struct lxc_container *c, const char *subsys, const char *value);

	/* The lxcpath (do not free) and changing it (the config file moves along). */
	const char *(*get_config_path)(struct lxc_container *c);
	bool (*set_config_path)(struct lxc_container *c, const char *path);

	/* Copies a stopped container to newname in lxcpath (NULL: the same);
	 * flags LXC_CLONE_*; bdevtype/bdevdata choose the new storage, newsize its
	 * size; hookargs are passed to lxc.hook.clone. Returns the new container. */
	struct lxc_container *(*clone)(struct lxc_container *c, const char *newname, const char *lxcpath,
				       int flags, const char *bdevtype, const char *bdevdata, uint64_t newsize,
				       char **hookargs);

	/* A tty of the container: allocates tty *ttynum (-1: the first free one),
	 * returns its fd and the pty's other side in *ptxfd. */
	int (*console_getfd)(struct lxc_container *c, int *ttynum, int *ptxfd);

	/* Connects the given fds to tty ttynum (0: the console) until the escape
	 * character (1 = 'a', as Ctrl-a) followed by q. */
	int (*console)(struct lxc_container *c, int ttynum, int stdinfd, int stdoutfd, int stderrfd, int escape);

	/* Runs exec_function(exec_payload) inside the container, in a new process
	 * whose pid is stored in *attached_process; does not wait for it. */
	int (*attach)(struct lxc_container *c, lxc_attach_exec_t exec_function, void *exec_payload,
		      lxc_attach_options_t *options, pid_t *attached_process);

	/* Runs program with argv inside the container and waits: its exit status
	 * (as waitpid reports it), or -1. The l variant takes the argv as a list. */
	int (*attach_run_wait)(struct lxc_container *c, lxc_attach_options_t *options, const char *program,
			       const char *const argv[]);
	int (*attach_run_waitl)(struct lxc_container *c, lxc_attach_options_t *options, const char *program,
				const char *arg, ...);

	/* Snapshots: make one (with a comment file; returns its number), list them
	 * (caller frees each with s->free and the array), restore one to newname,
	 * delete one. */
	int (*snapshot)(struct lxc_container *c, const char *commentfile);
	int (*snapshot_list)(struct lxc_container *c, struct lxc_snapshot **snapshots);
	bool (*snapshot_restore)(struct lxc_container *c, const char *snapname, const char *newname);
	bool (*snapshot_destroy)(struct lxc_container *c, const char *snapname);

	/* Whether the caller may control the container (for an unprivileged caller:
	 * owns it); root always may. */
	bool (*may_control)(struct lxc_container *c);

	/* Makes a host device node available in the running container, or removes it
	 * (dest_path NULL: the same path as on the host). */
	bool (*add_device_node)(struct lxc_container *c, const char *src_path, const char *dest_path);
	bool (*remove_device_node)(struct lxc_container *c, const char *src_path, const char *dest_path);

	/* --- added after LXC 1.0 --- */

	/* Moves a host interface into the running container (as dst_dev), or back. */
	bool (*attach_interface)(struct lxc_container *c, const char *dev, const char *dst_dev);
	bool (*detach_interface)(struct lxc_container *c, const char *dev, const char *dst_dev);

	/* CRIU checkpoint and restore (directory holds the images). */
	bool (*checkpoint)(struct lxc_container *c, char *directory, bool stop, bool verbose);
	bool (*restore)(struct lxc_container *c, char *directory, bool verbose);

	/* destroy() including every snapshot; deleting all snapshots. */
	bool (*destroy_with_snapshots)(struct lxc_container *c);
	bool (*snapshot_destroy_all)(struct lxc_container *c);

	/* --- added after LXC 1.1 --- */

	/* CRIU migration steps (cmd MIGRATE_*); size is sizeof(struct migrate_opts). */
	int (*migrate)(struct lxc_container *c, unsigned int cmd, struct migrate_opts *opts, unsigned int size);

	/* Reads or clears the console ring buffer. */
	int (*console_log)(struct lxc_container *c, struct lxc_console_log *log);

	/* reboot() that waits up to timeout seconds for the new init to run. */
	bool (*reboot2)(struct lxc_container *c, int timeout);

	/* Mounts into / unmounts from the running container's mount namespace. */
	int (*mount)(struct lxc_container *c, const char *source, const char *target, const char *filesystemtype,
		     unsigned long mountflags, const void *data, struct lxc_mount *mnt);
	int (*umount)(struct lxc_container *c, const char *target, unsigned long mountflags, struct lxc_mount *mnt);

	/* The seccomp notify fd (of the monitor; of the running container). */
	int (*seccomp_notify_fd)(struct lxc_container *c);
	int (*seccomp_notify_fd_active)(struct lxc_container *c);

	/* A pidfd of init; an fd of the container's devpts instance. */
	int (*init_pidfd)(struct lxc_container *c);
	int (*devpts_fd)(struct lxc_container *c);
};

/* One snapshot, as snapshot_list() returns it. */
struct lxc_snapshot {
	char *name;             /* "snap0" */
	char *comment_pathname; /* its comment file, or NULL */
	char *timestamp;        /* when it was taken, "YYYY:MM:DD HH:MM:SS" */
	char *lxcpath;          /* where the snapshot container lives */
	void (*free)(struct lxc_snapshot *s); /* frees the members (not s itself) */
};

/* Storage parameters for create(). */
struct bdev_specs {
	char *fstype;    /* filesystem for block backends */
	uint64_t fssize; /* size in bytes for block backends */
	struct {
		char *zfsroot;
	} zfs;
	struct {
		char *vg;       /* volume group */
		char *lv;       /* logical volume */
		char *thinpool; /* thin pool, or NULL */
	} lvm;
	char *dir; /* rootfs directory for the dir backend */
	struct {
		char *rbdname;
		char *rbdpool;
	} rbd;
};

/* migrate() commands */
enum {
	MIGRATE_PRE_DUMP,
	MIGRATE_DUMP,
	MIGRATE_RESTORE,
	MIGRATE_FEATURE_CHECK,
};

/* migrate_opts.features_to_check bits for MIGRATE_FEATURE_CHECK */
#define FEATURE_MEM_TRACK (1ULL << 0)
#define FEATURE_LAZY_PAGES (1ULL << 1)

/* Options of migrate(); members are only ever appended. */
struct migrate_opts {
	char *directory;          /* the images */
	bool verbose;
	bool stop;                /* stop the container after the dump */
	char *predump_dir;        /* a pre-dump's images, relative to directory */
	char *pageserver_address; /* send memory pages there */
	char *pageserver_port;
	bool preserves_inodes;    /* the rootfs keeps its inode numbers at the target */
	char *action_script;      /* a CRIU action script */
	bool disable_skip_in_flight; /* do not skip in-flight TCP connections */
	uint64_t ghost_limit;     /* largest deleted-but-open file CRIU may dump */
	uint64_t features_to_check; /* FEATURE_* */
};

/* Request and result of console_log(). */
struct lxc_console_log {
	bool clear;         /* empty the ring buffer */
	bool read;          /* read it */
	uint64_t *read_max; /* in: most bytes to read; out: bytes read */
	char *data;         /* out: what was read (malloc'd) */
};

/*
 * A new container object for name in configpath (NULL: the system's
 * lxc.lxcpath), holding one reference. An existing config is loaded; NULL if
 * the name is invalid or the config fails to load (the error is logged, and
 * berth_last_error() in <lxc/berth.h> returns it).
 */
struct lxc_container *lxc_container_new(const char *name, const char *configpath);

/* Takes a reference: 1, or 0 if c is being freed. */
int lxc_container_get(struct lxc_container *c);

/* Drops a reference: 1 if that freed c, 0 if others remain, -1 on error. */
int lxc_container_put(struct lxc_container *c);

/* The names of the states wait() accepts: with states NULL, only their count;
 * else fills states (static strings) and returns the count. */
int lxc_get_wait_states(const char **states);

/* A value from the system config (lxc.conf) or its default. The string belongs
 * to the library (do not free it); NULL if the key is unknown or not set. */
const char *lxc_get_global_config_item(const char *key);

/* "5.0.0": the liblxc release whose API this library provides. */
const char *lxc_get_version(void);

/*
 * The containers of lxcpath, sorted by name: defined ones (a config file),
 * active ones (running), or both. names and cret may be NULL; what is returned
 * in them is the caller's to free (each name, each lxc_container_put, the
 * arrays). Returns the count, or -1 on error.
 */
int list_defined_containers(const char *lxcpath, char ***names, struct lxc_container ***cret);
int list_active_containers(const char *lxcpath, char ***names, struct lxc_container ***cret);
int list_all_containers(const char *lxcpath, char ***names, struct lxc_container ***cret);

/* Log setup for programs using liblxc. */
struct lxc_log {
	const char *name;    /* container name shown in messages, may be NULL */
	const char *lxcpath; /* lxcpath of that container, may be NULL */
	const char *file;    /* log file, NULL or "none" for none */
	const char *level;   /* TRACE ... FATAL, NULL for the default (ERROR) */
	const char *prefix;  /* program name shown in messages */
	bool quiet;          /* nothing on stderr */
};

/* 0 on success, -1 on error (as liblxc). */
int lxc_log_init(struct lxc_log *log);
void lxc_log_close(void);

/* Whether key is a config key this library knows. */
bool lxc_config_item_is_supported(const char *key);

/* Whether this library provides the named API extension ("lxc_log", ...). */
bool lxc_has_api_extension(const char *extension);

#ifdef __cplusplus
}
#endif

#endif
