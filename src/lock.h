/* lock.h - the container lock (a lock file shared by every process, as LXC's) and the in-process lock of an API object; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LOCK_H
#define BERTH_LOCK_H

/*
 * struct lxc_lock is opaque in the public header; berth defines it here.
 *
 * A process lock is a mutex: it guards one struct lxc_container between the
 * threads that share it (LXC's privlock).
 *
 * A container lock (LXC's slock) is a mutex plus an OFD write lock on the
 * file RUNDIR/lxc/lock/LXCPATH/.NAME, which LXC's tools lock too, so berth and
 * LXC exclude each other. OFD locks belong to the open file, so two
 * lxc_container objects for one container exclude each other even inside one
 * process; the mutex keeps the threads sharing one object out of each other's
 * way (they share the open file, and so the OFD lock). The lock is released
 * when the holder unlocks, closes, or dies.
 */
struct lxc_lock;

struct lxc_lock *lock_new_process(void);
/* The file is created (with its directories) at the first acquire. NULL on ENOMEM. */
struct lxc_lock *lock_new_container(const char *lxcpath, const char *name);
void lock_free(struct lxc_lock *l);

/* The lock file's path; NULL for a process lock. */
const char *lock_file(const struct lxc_lock *l);

/*
 * timeout < 0: wait as long as it takes; 0: try once; > 0: wait up to that
 * many seconds. Returns 0, -EWOULDBLOCK (held elsewhere, timeout 0),
 * -ETIMEDOUT, or another -errno (the lock file or its directory cannot be
 * made or opened). Nothing is logged: the caller knows what the lock was for.
 */
int lock_acquire(struct lxc_lock *l, int timeout);
int lock_release(struct lxc_lock *l);

#endif
