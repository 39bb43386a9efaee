/* cgroup.h - the container's cgroups behind one interface: the host's layout read once, a v1 and a v2 driver used together on hybrid hosts; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CGROUPS_CGROUP_H
#define BERTH_CGROUPS_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct cg_driver;

/* One mounted hierarchy of the host. */
struct cg_hierarchy {
	const struct cg_driver *driver; /* v1 or v2 */
	char *mountpoint;               /* /sys/fs/cgroup/memory */
	char **controllers;             /* v1: "memory", "name=systemd"; v2: those in cgroup.controllers */
	char *own;                      /* this process's cgroup in it, "/" or "/a/b" */
};

struct cgroup_layout {
	struct cg_hierarchy *h;
	size_t n;
	bool pure_v2;                   /* one cgroup2 hierarchy and nothing else: CLONE_INTO_CGROUP works */
};

/* Reads /proc/self/mountinfo and /proc/self/cgroup. 0 or -errno. */
int cgroup_layout_detect(struct cgroup_layout **out, char *err, size_t errlen);
/* The same from other files (the unit tests' fake layouts): the cgroup and cgroup2
 * mounts of a mountinfo, those of them self_cgroup names (the others cannot be used),
 * a hierarchy mounted twice once, and the controllers of a cgroup2 mount from its
 * cgroup.controllers. */
int cgroup_layout_read(const char *mountinfo, const char *self_cgroup, struct cgroup_layout **out, char *err,
		       size_t errlen);
void cgroup_layout_free(struct cgroup_layout *l);

/* A cgroup of ours (lxc.payload.NAME, lxc.monitor.NAME) in every hierarchy. */
struct cgroup_set;

/* Where a cgroup of ours goes, the same in every hierarchy. */
struct cgroup_place {
	const char *path;  /* below the base: "lxc.payload.c1", "X/lxc.payload.c1" (lxc.cgroup.dir), "a/b" */
	const char *inner; /* NULL, or a child of path that processes enter and the cgroup
			    * namespace is rooted at (lxc.cgroup.dir.container.inner); limits
			    * still go to path */
	bool relative;     /* base: our own cgroup (lxc.cgroup.relative, or not root), else the root */
};

/*
 * Creates the place in every hierarchy, under the hierarchy's root (as LXC does
 * for root) or under our own cgroup when relative. Missing parents of path are
 * made (and later removed by cgroup_destroy, if empty); existing ones are used
 * as they are. A stale empty leaf from a killed monitor is removed first.
 */
int cgroup_create(const struct cgroup_layout *l, const struct cgroup_place *pl, struct cgroup_set **out,
		  char *err, size_t errlen);
/*
 * The cgroups a running process is in, in every hierarchy of l (from
 * /proc/PID/cgroup), for joining them with cgroup_enter_self (lxc-attach).
 * A path that has a component named `leaf` (lxc.payload.NAME) is cut after
 * it: the init may have moved itself below its container's cgroup. The set
 * is borrowed: cgroup_close frees it and removes nothing.
 */
int cgroup_open_pid(const struct cgroup_layout *l, pid_t pid, const char *leaf, struct cgroup_set **out, char *err,
		    size_t errlen);
void cgroup_close(struct cgroup_set *s);
/* Which hierarchies cgroup_create_some makes the place in. */
enum { CG_HIER_V1 = 1, CG_HIER_V2 = 2 };
int cgroup_create_some(const struct cgroup_layout *l, const struct cgroup_place *pl, unsigned which,
		       struct cgroup_set **out, char *err, size_t errlen);
/* Makes the place in the hierarchies cgroup_create_some left out. */
int cgroup_create_rest(struct cgroup_set *s, char *err, size_t errlen);
/* With an inner directory (cgroup_place.inner), makes it in the hierarchies in
 * which (CG_HIER_*) that have their place: after their limits are written, before
 * any process enters. From then on the set's fds are the inner directories, and
 * limits still go to the outer ones. A no-op without an inner directory. */
int cgroup_make_inner(struct cgroup_set *s, unsigned which, char *err, size_t errlen);
/* The directory fds of the hierarchies in which (CG_HIER_*), in layout order:
 * a child cloned before cgroup_create_rest gets them from its parent and
 * installs them with cgroup_adopt_fds (same order) to enter them. Returns the count. */
size_t cgroup_fds(const struct cgroup_set *s, unsigned which, int *fds, size_t max);
void cgroup_adopt_fds(struct cgroup_set *s, unsigned which, const int *fds, size_t n);
/* Whether the layout has v1 (CG_HIER_V1) or cgroup2 (CG_HIER_V2) hierarchies. */
bool cgroup_layout_has(const struct cgroup_layout *l, unsigned which);
/* Whether a v1 hierarchy of l carries controller ("devices"). */
bool cgroup_layout_has_v1(const struct cgroup_layout *l, const char *controller);
/* Moves pid into the set in every hierarchy (cgroup.procs: each burst of
 * moves waits for an RCU grace period, milliseconds; prefer the calls below). */
int cgroup_attach(struct cgroup_set *s, pid_t pid, char *err, size_t errlen);
/*
 * Moves the calling process into the set. On v1 hierarchies a single-threaded
 * caller writes "0" to tasks, which the kernel does without its global
 * threadgroup lock (tens of microseconds instead of a grace period). cgroup2
 * has no such path: skip_v2 leaves it to CLONE_INTO_CGROUP or to a later
 * cgroup_enter_self_v2 off the critical path.
 */
int cgroup_enter_self(struct cgroup_set *s, bool skip_v2, char *err, size_t errlen);
int cgroup_enter_self_v2(struct cgroup_set *s, char *err, size_t errlen);
/* Moves the calling process back where it started (before removing its own cgroup). */
int cgroup_return_self(const struct cgroup_layout *l, bool v2);
/* Moves the calling process into `path` below the base (lxc.cgroup.dir.monitor.pivot),
 * made if missing and left in place; cgroup2 only when v2. */
int cgroup_pivot_self(const struct cgroup_layout *l, const char *path, bool relative, bool v2);
/* lxc.cgroup.KEY (v2 false) or lxc.cgroup2.KEY (v2 true) = value, at start.
 * A key for the other kind of host (v1 on pure cgroup2, cgroup2 without a
 * cgroup2 hierarchy or, on a hybrid host, whose controller its cgroup2 tree
 * lacks) is skipped with a warning and returns 0, as LXC does. */
int cgroup_set_value(struct cgroup_set *s, const char *key, const char *value, bool v2, char *err, size_t errlen);
/* An fd of the cgroup2 directory (for CLONE_INTO_CGROUP), -1 if none. */
int cgroup_v2_fd(const struct cgroup_set *s);
/* The path of the set in the hierarchy holding `controller` ("memory"; NULL: the first;
 * CGROUP_UNIFIED: the cgroup2 one). */
#define CGROUP_UNIFIED "unified"
const char *cgroup_path(const struct cgroup_set *s, const char *controller);
/* Hands the parents `from` made to `to`, which removes them when it is destroyed
 * (the payload's lxc.cgroup.dir parents also hold the monitor's cgroup, which
 * goes last). Both sets must be over the same layout. */
void cgroup_pass_parents(struct cgroup_set *from, struct cgroup_set *to);
/* Removes the set's directories (and any the container made below them), frees it. */
int cgroup_destroy(struct cgroup_set *s);

/* A device rule ("c 10:200 rwm") added to (allow) or taken from the v1 devices
 * controller's list of the set: the outer directory and the inner one. 0 also
 * when the host has no v1 devices controller; -errno with the reason in err. */
int cgroup_v1_device_rule(struct cgroup_set *s, bool allow, const char *rule, char *err, size_t errlen);

/* cgroup_dirs.c: the lxc.cgroup.dir* keys of a container (NULL: unset), each checked alone at parse time. */
struct cgroup_dirs {
	const char *dir;       /* lxc.cgroup.dir: parent of lxc.payload.NAME and lxc.monitor.NAME */
	const char *container; /* lxc.cgroup.dir.container: the payload cgroup itself */
	const char *monitor;   /* lxc.cgroup.dir.monitor: the monitor's cgroup itself */
	const char *pivot;     /* lxc.cgroup.dir.monitor.pivot: where the monitor goes at the end */
	const char *inner;     /* lxc.cgroup.dir.container.inner (with dir.container only) */
};
/* Checks the keys together (as LXC 5.0): dir.container and dir.monitor both or
 * neither, different and not one inside the other, not with lxc.cgroup.dir; the
 * pivot outside both. 0 or -EINVAL with the reason in err. */
int cgroup_dirs_check(const struct cgroup_dirs *d, char *err, size_t errlen);
/* The payload's (monitor false) or the monitor's path below the base: "lxc.payload.NAME"
 * ("-N" added for attempt N > 0), "DIR/lxc.payload.NAME", or dir.container as it is.
 * Malloc'd, NULL when out of memory. */
char *cgroup_dirs_path(const struct cgroup_dirs *d, bool monitor, const char *name, int attempt);
/* Whether that path is fixed by the config (no other name to try when it is busy). */
bool cgroup_dirs_fixed(const struct cgroup_dirs *d, bool monitor);
/* The inner directory to use (dir.container.inner when dir.container is set), else NULL. */
const char *cgroup_dirs_inner(const struct cgroup_dirs *d);

/* cgroup_key.c: a key of get/set_cgroup_item ("memory.limit_in_bytes") is
 * CONTROLLER.FILE naming a file of the container's own cgroup (no '/', no
 * '..'). 0 or -EINVAL with the reason in err. */
int cgroup_key_check(const char *key, char *err, size_t errlen);
/* The controllers to ask cgroup_path for, in order, to find the key's file:
 * its controller, then CGROUP_UNIFIED (cgroup.* keys: only that). Returns the count. */
size_t cgroup_key_route(const char *key, char out[][64], size_t max);

/* What to mount for lxc.mount.auto cgroup inside a cgroup namespace. */
struct cgroup_mount_spec {
	char name[64];     /* directory under /sys/fs/cgroup ("memory", "systemd", "unified"); "" on pure v2 */
	char fstype[16];   /* cgroup / cgroup2 */
	char options[256]; /* "memory", "none,name=systemd", "" */
};
/* Fills up to max specs; returns the count. */
size_t cgroup_mount_specs(const struct cgroup_layout *l, struct cgroup_mount_spec *specs, size_t max);

#endif
