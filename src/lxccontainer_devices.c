/* lxccontainer_devices.c - add_device_node / remove_device_node of a running container: the host node's type and numbers allowed (or denied) in its device cgroups, the node made (or removed) inside its /dev; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "commands.h"
#include "container.h"
#include "log.h"
#include "lxccontainer_devices.h"
#include "mount.h"
#include "util/cleanup.h"

/* "c 10:200 rwm" for the host node st. */
static void node_rule(const struct stat *st, char *buf, size_t len)
{
	snprintf(buf, len, "%c %u:%u rwm", S_ISBLK(st->st_mode) ? 'b' : 'c', major(st->st_rdev), minor(st->st_rdev));
}

/*
 * The rule in every device cgroup of the container: the monitor holds them
 * (the v1 devices list, outer and inner, and the cgroup2 program, which only
 * it can replace) and changes them all or none. 0 or -1 with the error recorded.
 */
static int cgroup_rule(struct lxc_container *c, bool allow, const char *rule)
{
	__do_free char *why = NULL, *cmd = NULL;
	int ret;

	if (asprintf(&cmd, "%s %s", allow ? "allow" : "deny", rule) < 0) {
		container_error(c, ENOMEM, "out of memory");
		return -1;
	}
	ret = cmd_device_rule(c->name, c->config_path, cmd, &why);
	if (ret == -ESRCH || ret == -ECONNREFUSED) {
		container_error(c, ESRCH, "the container is not running (start it first: lxc-start -n %s)", c->name);
		return -1;
	}
	if (ret < 0) {
		container_error(c, -ret, "cannot %s %s in the container's device cgroups: %s", allow ? "allow" : "deny",
				rule, why ? why : strerror(-ret));
		return -1;
	}
	return 0;
}

/* The init's root directory (its view: pivoted, with its own /dev mounted),
 * or -1 with the error recorded. A pidfd pins the init while we open it. */
static int open_container_root(struct lxc_container *c)
{
	__do_close int pidfd = -EBADF;
	char path[64];
	pid_t pid;
	int fd;

	pidfd = cmd_get_init_pidfd(c->name, c->config_path);
	pid = c->init_pid(c);
	if (pidfd < 0 || pid <= 0) {
		container_error(c, ESRCH, "the container is not running (start it first: lxc-start -n %s)", c->name);
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/%d/root", pid);
	fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		container_error(c, errno, "cannot open the root of its init (%s): %s", path, strerror(errno));
		return -1;
	}
	/* Still the same init: the root is the container's, not a reused pid's. */
	if (syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) < 0) {
		close(fd);
		container_error(c, ESRCH, "the container stopped while its device node was being set up");
		return -1;
	}
	return fd;
}

/* Splits dest ("/dev/net/tun") into its directory and last name inside the container. */
static int split_dest(struct lxc_container *c, const char *dest, char *dir, size_t dirlen, const char **base)
{
	const char *slash = strrchr(dest, '/');

	if (!slash || dest[0] != '/' || !slash[1] || !strcmp(slash + 1, ".") || !strcmp(slash + 1, "..") ||
	    strstr(dest, "/../") || (size_t)(slash - dest) >= dirlen) {
		container_error(c, EINVAL, "'%s' is not an absolute path of a node inside the container (e.g. /dev/net/tun)",
				dest);
		return -1;
	}
	snprintf(dir, dirlen, "%.*s", (int)(slash - dest), dest);
	*base = slash + 1;
	return 0;
}

static bool host_node(struct lxc_container *c, const char *src, struct stat *st)
{
	if (!src || !*src) {
		container_error(c, EINVAL, "no device node given (e.g. /dev/net/tun)");
		return false;
	}
	if (stat(src, st) < 0) {
		container_error(c, errno, "cannot use the device node %s: %s", src, strerror(errno));
		return false;
	}
	if (!S_ISCHR(st->st_mode) && !S_ISBLK(st->st_mode)) {
		container_error(c, ENODEV, "%s is not a device node (a character or block device)", src);
		return false;
	}
	return true;
}

static bool may_change_devices(struct lxc_container *c)
{
	if (geteuid() != 0) {
		container_error(c, EPERM, "adding or removing device nodes needs root");
		return false;
	}
	if (!c->is_running(c)) {
		container_error(c, ESRCH, "the container is not running (start it first: lxc-start -n %s)", c->name);
		return false;
	}
	return true;
}

/* The node just made gets the host node's mode and owner: through an O_PATH
 * fd of it (checked to be that device), so a swapped-in link changes nothing.
 * A failure leaves a root-owned 0600 node and a warning. */
static void fix_node(int dirfd, const char *base, const char *dest, const struct stat *host)
{
	__do_close int fd = openat(dirfd, base, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	char proc[64];
	struct stat in;

	if (fd < 0 || fstat(fd, &in) < 0 || (in.st_mode & S_IFMT) != (host->st_mode & S_IFMT) ||
	    in.st_rdev != host->st_rdev) {
		WARN("%s inside the container: cannot set its mode and owner", dest);
		return;
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (fchownat(fd, "", host->st_uid, host->st_gid, AT_EMPTY_PATH) < 0 || chmod(proc, host->st_mode & 07777) < 0)
		WARN("%s inside the container: cannot set its mode and owner: %s", dest, strerror(errno));
}

/* What both methods check first: the caller, the host node (into *st), the
 * destination (split into dir and *base); then the container's root, as an fd
 * (negative when anything failed, with the reason set on c). */
static int open_for_node(struct lxc_container *c, const char *src_path, const char *dest, struct stat *st, char *dir,
			 size_t dirlen, const char **base)
{
	if (!may_change_devices(c) || !host_node(c, src_path, st) || split_dest(c, dest, dir, dirlen, base) < 0)
		return -EINVAL;
	return open_container_root(c);
}

static bool m_add_device_node(struct lxc_container *c, const char *src_path, const char *dest_path)
{
	__do_close int root = -EBADF, dirfd = -EBADF;
	const char *dest = dest_path && *dest_path ? dest_path : src_path;
	char dir[PATH_MAX], rule[64];
	const char *base;
	struct stat st;
	int ret;

	if (!c)
		return false;
	root = open_for_node(c, src_path, dest, &st, dir, sizeof(dir), &base);
	if (root < 0)
		return false;
	/* Before anything changes: the place must be free. */
	dirfd = mount_open_in_root(root, dir, O_PATH | O_DIRECTORY);
	if (dirfd == -ENOENT) {
		ret = mount_mkdir_in_root(root, dir, 0755);
		dirfd = ret < 0 ? ret : mount_open_in_root(root, dir, O_PATH | O_DIRECTORY);
	}
	if (dirfd < 0) {
		container_error(c, -dirfd, "cannot open or create %s inside the container: %s", *dir ? dir : "/",
				strerror(-dirfd));
		return false;
	}
	if (fstatat(dirfd, base, &(struct stat){ 0 }, AT_SYMLINK_NOFOLLOW) == 0) {
		container_error(c, EEXIST, "%s already exists inside the container (remove it first or name another DEST)",
				dest);
		return false;
	}
	/* The host node's type and numbers; mknodat never follows a link. The
	 * mode is set after (no umask(): it is the whole process's). The node
	 * comes first: it opens nothing until the rule allows it, and a rule
	 * that cannot be added takes the node away again, so a failure leaves
	 * neither behind. */
	ret = mknodat(dirfd, base, (st.st_mode & S_IFMT) | 0600, st.st_rdev);
	if (ret < 0) {
		container_error(c, errno, "cannot create %s inside the container: %s", dest, strerror(errno));
		return false;
	}
	fix_node(dirfd, base, dest, &st);
	node_rule(&st, rule, sizeof(rule));
	if (cgroup_rule(c, true, rule) < 0) {
		unlinkat(dirfd, base, 0);
		return false;
	}
	return true;
}

static bool m_remove_device_node(struct lxc_container *c, const char *src_path, const char *dest_path)
{
	__do_close int root = -EBADF, dirfd = -EBADF;
	const char *dest = dest_path && *dest_path ? dest_path : src_path;
	char dir[PATH_MAX], rule[64];
	const char *base;
	struct stat st, in;

	if (!c)
		return false;
	root = open_for_node(c, src_path, dest, &st, dir, sizeof(dir), &base);
	if (root < 0)
		return false;
	dirfd = mount_open_in_root(root, dir, O_PATH | O_DIRECTORY);
	if (dirfd < 0 || fstatat(dirfd, base, &in, AT_SYMLINK_NOFOLLOW) < 0) {
		int e = dirfd < 0 ? -dirfd : errno;
		container_error(c, e, "%s inside the container: %s", dest, strerror(e));
		return false;
	}
	if ((in.st_mode & S_IFMT) != (st.st_mode & S_IFMT) || in.st_rdev != st.st_rdev) {
		container_error(c, EINVAL, "%s inside the container is not the device %s (%u:%u); left alone",
				dest, src_path, major(st.st_rdev), minor(st.st_rdev));
		return false;
	}
	if (unlinkat(dirfd, base, 0) < 0) {
		container_error(c, errno, "cannot remove %s inside the container: %s", dest, strerror(errno));
		return false;
	}
	node_rule(&st, rule, sizeof(rule));
	return cgroup_rule(c, false, rule) == 0;
}

void container_install_devices(struct lxc_container *c)
{
	c->add_device_node = m_add_device_node;
	c->remove_device_node = m_remove_device_node;
}
