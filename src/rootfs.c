/* rootfs.c - the container's root: propagation, binding the rootfs at its mount point, pivot_root with the old root detached, cgroup auto-mounts; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mount.h"
#include "rootfs.h"
#include "start_plan.h"
#include "util/cleanup.h"

int rootfs_propagation(unsigned long flags, char *err, size_t errlen)
{
	if (mount("", "/", NULL, flags, NULL) < 0) {
		snprintf(err, errlen, "cannot make the container's mounts private to it: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

int rootfs_prepare(const char *path, const char *mountpoint, unsigned long flags, unsigned long propagation,
		   const char *data, char *err, size_t errlen)
{
	const unsigned long perm = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME |
				   MS_STRICTATIME;
	int fd;

	if (!path) {
		fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			snprintf(err, errlen, "cannot open /: %s", strerror(errno));
			return -errno;
		}
		return fd;
	}
	if (mount(path, mountpoint, NULL, MS_BIND | MS_REC, NULL) < 0) {
		int e = errno;
		if (e == ENOENT && strcmp(path, mountpoint))
			snprintf(err, errlen, "cannot bind %s at %s: %s (create the directory lxc.rootfs.mount names)", path,
				 mountpoint, strerror(e));
		else
			snprintf(err, errlen, "cannot bind the rootfs %s at %s: %s", path, mountpoint, strerror(e));
		return -e;
	}
	if ((flags & perm) && mount(NULL, mountpoint, NULL, MS_BIND | MS_REMOUNT | (flags & perm), data) < 0) {
		int e = errno;
		char shown[128];
		mount_flags_format(flags & perm, shown, sizeof(shown));
		snprintf(err, errlen, "cannot apply '%s' to the rootfs at %s: %s", shown, mountpoint, strerror(e));
		return -e;
	}
	if (propagation && mount(NULL, mountpoint, NULL, propagation, NULL) < 0) {
		snprintf(err, errlen, "cannot set the propagation of the rootfs: %s", strerror(errno));
		return -errno;
	}
	fd = open(mountpoint, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the rootfs at %s: %s", mountpoint, strerror(errno));
		return -errno;
	}
	return fd;
}

int rootfs_pivot(int root, char *err, size_t errlen)
{
	if (fchdir(root) < 0) {
		snprintf(err, errlen, "cannot enter the rootfs: %s", strerror(errno));
		return -errno;
	}
	/* pivot_root(".", ".") stacks the old root on the new one; detach it from there. */
	if (syscall(SYS_pivot_root, ".", ".") < 0) {
		snprintf(err, errlen, "pivot_root into the rootfs: %s", strerror(errno));
		return -errno;
	}
	if (mount("", ".", NULL, MS_SLAVE | MS_REC, NULL) < 0) {
		snprintf(err, errlen, "cannot make the old root a slave: %s", strerror(errno));
		return -errno;
	}
	if (umount2(".", MNT_DETACH) < 0) {
		snprintf(err, errlen, "cannot detach the old root: %s", strerror(errno));
		return -errno;
	}
	if (chdir("/") < 0) {
		snprintf(err, errlen, "chdir /: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int remount_ro(int root, const char *rel, unsigned long flags, char *err, size_t errlen)
{
	__do_close int fd = mount_open_in_root(root, rel, O_PATH);
	char path[64];

	if (fd < 0) {
		snprintf(err, errlen, "/%s: %s", rel, strerror(-fd));
		return fd;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | flags, NULL) < 0) {
		snprintf(err, errlen, "cannot make /%s read-only: %s", rel, strerror(errno));
		return -errno;
	}
	return 0;
}

int rootfs_mount_cgroups(int root, const char *target, unsigned bits, const struct cgroup_mount_spec *specs, size_t n,
			 bool pure_v2, char *err, size_t errlen)
{
	const unsigned long nsd = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	bool ro = bits & AUTO_CGROUP_RO;
	bool rw = bits & AUTO_CGROUP_RW;
	struct mount_req req = { .source_fd = -1, .opt = MNT_OPT_CREATE_DIR };
	char why[1024];
	int ret;

	if (pure_v2) {
		req.source = "cgroup2";
		req.fstype = "cgroup2";
		req.flags = nsd | (ro ? MS_RDONLY : 0);
		ret = mount_in_root(root, target, &req, why, sizeof(why));
		if (ret < 0)
			snprintf(err, errlen, "%s", why);
		return ret;
	}

	req.source = "cgroup";
	req.fstype = "tmpfs";
	req.flags = nsd;
	req.data = "size=10240k,mode=755";
	ret = mount_in_root(root, target, &req, why, sizeof(why));
	if (ret < 0) {
		snprintf(err, errlen, "%s", why);
		return ret;
	}
	for (size_t i = 0; i < n; i++) {
		char rel[512];

		snprintf(rel, sizeof(rel), "%s/%s", target, specs[i].name);
		req.source = specs[i].fstype;
		req.fstype = specs[i].fstype;
		req.flags = nsd | (ro ? MS_RDONLY : 0);
		req.data = specs[i].options[0] ? specs[i].options : NULL;
		ret = mount_in_root(root, rel, &req, why, sizeof(why));
		if (ret < 0) {
			snprintf(err, errlen, "%s", why);
			return ret;
		}
		/* Co-mounted controllers ("cpu,cpuacct") also get a link per name, as systemd expects. */
		if (strchr(specs[i].name, ',')) {
			char names[64], *save = NULL;
			__do_close int dir = mount_open_in_root(root, target, O_PATH | O_DIRECTORY);
			snprintf(names, sizeof(names), "%s", specs[i].name);
			for (char *c = strtok_r(names, ",", &save); c && dir >= 0; c = strtok_r(NULL, ",", &save))
				(void)symlinkat(specs[i].name, dir, c);
		}
	}
	if (!rw)
		return remount_ro(root, target, nsd, err, errlen);
	return 0;
}
