/* container_stubs.c - the methods berth does not implement yet: each fails honestly (ENOSYS, named in error_string); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <lxc/lxccontainer.h>

#include "container.h"

/*
 * Each stub has the exact signature of its method (callers through the
 * function pointer must not see a difference) and returns the failure value
 * of its type. An issue that implements a method removes its stub here and
 * sets the real one in lxccontainer.c. The stubs ignore their arguments.
 */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define STUB(type, fail, method, ...)                                        \
	static type stub_##method(struct lxc_container *c, ##__VA_ARGS__)    \
	{                                                                    \
		container_not_implemented(c, #method);                       \
		return fail;                                                 \
	}

STUB(pid_t, -1, init_pid)
STUB(bool, false, start, int useinit, char *const argv[])
STUB(bool, false, startl, int useinit, ...)
STUB(bool, false, stop)
STUB(bool, false, wait, const char *state, int timeout)
STUB(bool, false, rename, const char *newname)
STUB(bool, false, reboot)
STUB(bool, false, shutdown, int timeout)
STUB(char *, NULL, get_running_config_item, const char *key)
STUB(struct lxc_container *, NULL, clone, const char *newname, const char *lxcpath, int flags,
     const char *bdevtype, const char *bdevdata, uint64_t newsize, char **hookargs)
STUB(int, -1, snapshot, const char *commentfile)
STUB(int, -1, snapshot_list, struct lxc_snapshot **snapshots)
STUB(bool, false, snapshot_restore, const char *snapname, const char *newname)
STUB(bool, false, snapshot_destroy, const char *snapname)
STUB(bool, false, checkpoint, char *directory, bool stop, bool verbose)
STUB(bool, false, restore, char *directory, bool verbose)
STUB(bool, false, snapshot_destroy_all)
STUB(int, -1, migrate, unsigned int cmd, struct migrate_opts *opts, unsigned int size)
STUB(bool, false, reboot2, int timeout)
STUB(int, -1, mount, const char *source, const char *target, const char *filesystemtype,
     unsigned long mountflags, const void *data, struct lxc_mount *mnt)
STUB(int, -1, umount, const char *target, unsigned long mountflags, struct lxc_mount *mnt)
STUB(int, -1, seccomp_notify_fd)
STUB(int, -1, seccomp_notify_fd_active)
STUB(int, -1, init_pidfd)
STUB(int, -1, devpts_fd)

void container_install_stubs(struct lxc_container *c)
{
	c->init_pid = stub_init_pid;
	c->start = stub_start;
	c->startl = stub_startl;
	c->stop = stub_stop;
	c->wait = stub_wait;
	c->rename = stub_rename;
	c->reboot = stub_reboot;
	c->shutdown = stub_shutdown;
	c->get_running_config_item = stub_get_running_config_item;
	c->clone = stub_clone;
	c->snapshot = stub_snapshot;
	c->snapshot_list = stub_snapshot_list;
	c->snapshot_restore = stub_snapshot_restore;
	c->snapshot_destroy = stub_snapshot_destroy;
	c->checkpoint = stub_checkpoint;
	c->restore = stub_restore;
	c->snapshot_destroy_all = stub_snapshot_destroy_all;
	c->migrate = stub_migrate;
	c->reboot2 = stub_reboot2;
	c->mount = stub_mount;
	c->umount = stub_umount;
	c->seccomp_notify_fd = stub_seccomp_notify_fd;
	c->seccomp_notify_fd_active = stub_seccomp_notify_fd_active;
	c->init_pidfd = stub_init_pidfd;
	c->devpts_fd = stub_devpts_fd;
}
