/* autodev.c - /dev inside the container: device nodes (mknod, or a bind of the host's where that is not allowed), links and directories; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "autodev.h"
#include "mount.h"
#include "start_plan.h"
#include "util/cleanup.h"

/* Opens the parent of rel inside root; *name points at the last component of the copy. */
static int open_parent(int root, const char *rel, char **copy, char **name)
{
	char *slash;
	int fd;

	*copy = strdup(rel);
	if (!*copy)
		return -ENOMEM;
	slash = strrchr(*copy, '/');
	if (!slash) {
		*name = *copy;
		fd = fcntl(root, F_DUPFD_CLOEXEC, 3);
		return fd < 0 ? -errno : fd;
	}
	*slash = '\0';
	*name = slash + 1;
	return mount_open_in_root(root, *copy, O_PATH | O_DIRECTORY);
}

int autodev_mknod(int root, const char *rel, mode_t mode, dev_t dev, const char *host_path, char *err, size_t errlen)
{
	__do_free char *copy = NULL;
	char *name;
	__do_close int parent = open_parent(root, rel, &copy, &name);
	struct mount_req req = { .source = host_path, .source_fd = -1, .flags = MS_BIND, .opt = MNT_OPT_CREATE_FILE };

	if (parent < 0) {
		snprintf(err, errlen, "cannot create /%s: %s", rel, strerror(-parent));
		return parent;
	}
	if (mknodat(parent, name, mode, dev) == 0 || errno == EEXIST)
		return 0;
	if (errno != EPERM && errno != EACCES) {
		snprintf(err, errlen, "cannot create device /%s: %s", rel, strerror(errno));
		return -errno;
	}
	/* Not allowed to make nodes here (a user namespace): bind the host's instead. */
	return mount_in_root(root, rel, &req, err, errlen);
}

int autodev_symlink(int root, const char *target, const char *rel, bool replace, char *err, size_t errlen)
{
	__do_free char *copy = NULL;
	char *name;
	__do_close int parent = open_parent(root, rel, &copy, &name);

	if (parent < 0) {
		snprintf(err, errlen, "cannot create /%s: %s", rel, strerror(-parent));
		return parent;
	}
	if (symlinkat(target, parent, name) == 0)
		return 0;
	if (errno == EEXIST && replace) {
		if (unlinkat(parent, name, 0) == 0 && symlinkat(target, parent, name) == 0)
			return 0;
	} else if (errno == EEXIST) {
		return 0;
	}
	snprintf(err, errlen, "cannot link /%s -> %s: %s", rel, target, strerror(errno));
	return -errno;
}

int autodev_mkdir(int root, const char *rel, mode_t mode, char *err, size_t errlen)
{
	int ret = mount_mkdir_in_root(root, rel, mode);

	if (ret < 0)
		snprintf(err, errlen, "cannot create directory /%s: %s", rel, strerror(-ret));
	return ret;
}
