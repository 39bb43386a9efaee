/* lxccontainer_cgroup.c - get_cgroup_item / set_cgroup_item of a running container: the monitor names the payload cgroup, the file is read or written here; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "cgroups/cgroup.h"
#include "commands.h"
#include "container.h"
#include "lxccontainer_cgroup.h"
#include "util/cleanup.h"

/*
 * Opens the key's file in the container's cgroup: the controller's hierarchy
 * first, then the unified one (cgroup_key_route). Returns the fd or -errno;
 * *file is the path tried first (for messages), malloc'd.
 */
static int open_key(struct lxc_container *c, const char *key, int flags, char **file)
{
	char route[2][64];
	size_t n = cgroup_key_route(key, route, 2);
	int first = -ENOENT;

	*file = NULL;
	for (size_t i = 0; i < n; i++) {
		__do_free char *dir = NULL;
		char *path;
		int ret, fd;

		ret = cmd_get_cgroup_path(c->name, c->config_path, route[i], &dir);
		if (ret == -ESRCH || ret == -ECONNREFUSED)
			return -ESRCH;
		/* ENOENT: no hierarchy of that controller; anything else is the
		 * monitor refusing (EACCES) or failing, reported as such. */
		if (ret < 0 && ret != -ENOENT && !*file)
			return ret;
		if (ret < 0 || !dir || !*dir)
			continue;
		if (asprintf(&path, "%s/%s", dir, key) < 0)
			return -ENOMEM;
		fd = open(path, flags | O_CLOEXEC | O_NOCTTY);
		if (fd >= 0) {
			free(*file);
			*file = path;
			return fd;
		}
		if (!*file) {
			*file = path;
			first = -errno;
		} else {
			free(path);
		}
	}
	return first;
}

static bool running(struct lxc_container *c, const char *key)
{
	if (c->is_running(c))
		return true;
	container_error_quiet(c, ESRCH, "%s is not running: cannot access its cgroup key %s", c->name, key);
	return false;
}

static void open_failed(struct lxc_container *c, const char *key, const char *file, int ret)
{
	if (ret == -ESRCH)
		container_error_quiet(c, ESRCH, "%s is not running: cannot access its cgroup key %s", c->name, key);
	else if (!file && ret != -ENOENT)
		container_error_quiet(c, -ret, "%s: cgroup key %s: its monitor did not name the cgroup: %s%s", c->name,
				      key, strerror(-ret),
				      ret == -EACCES ? " (run as root or as the container's owner)" : "");
	else if (file)
		container_error_quiet(c, -ret, "%s: cgroup key %s: cannot open %s: %s", c->name, key, file, strerror(-ret));
	else
		container_error_quiet(c, -ret, "%s: cgroup key %s: no cgroup of the container holds it: %s", c->name,
				      key, strerror(-ret));
}

static int container_get_cgroup_item(struct lxc_container *c, const char *key, char *retv, int inlen)
{
	__do_free char *file = NULL;
	__do_close int fd = -EBADF;
	char err[256], buf[4096];
	ssize_t len;
	int total = 0;

	if (!c)
		return -1;
	if (cgroup_key_check(key, err, sizeof(err)) < 0) {
		container_error_quiet(c, EINVAL, "%s: %s", c->name, err);
		return -1;
	}
	if (!running(c, key))
		return -1;
	fd = open_key(c, key, O_RDONLY, &file);
	if (fd < 0) {
		open_failed(c, key, file, fd);
		return -1;
	}
	/* As LXC: with no buffer, the length the value needs; else up to
	 * inlen - 1 bytes, NUL-terminated, and the count copied. */
	if (retv && inlen > 0)
		retv[0] = '\0';
	for (;;) {
		len = read(fd, buf, sizeof(buf));
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0) {
			container_error_quiet(c, errno, "%s: cgroup key %s: cannot read %s: %s", c->name, key, file,
					      strerror(errno));
			return -1;
		}
		if (len == 0)
			break;
		if (retv && inlen > 0 && total < inlen - 1) {
			size_t room = (size_t)(inlen - 1 - total);
			size_t take = (size_t)len < room ? (size_t)len : room;

			memcpy(retv + total, buf, take);
			retv[total + take] = '\0';
			total += (int)take;
		} else if (!retv || inlen <= 0) {
			total += (int)len;
		}
	}
	return total;
}

static bool container_set_cgroup_item(struct lxc_container *c, const char *key, const char *value)
{
	__do_free char *file = NULL;
	__do_close int fd = -EBADF;
	char err[256];
	size_t len;
	ssize_t ret;

	if (!c)
		return false;
	if (cgroup_key_check(key, err, sizeof(err)) < 0) {
		container_error_quiet(c, EINVAL, "%s: %s", c->name, err);
		return false;
	}
	if (!value) {
		container_error_quiet(c, EINVAL, "%s: cgroup key %s: no value to write", c->name, key);
		return false;
	}
	if (!running(c, key))
		return false;
	fd = open_key(c, key, O_WRONLY, &file);
	if (fd < 0) {
		open_failed(c, key, file, fd);
		return false;
	}
	/* One write: the kernel takes or refuses the value as a whole. */
	len = strlen(value);
	do
		ret = write(fd, value, len);
	while (ret < 0 && errno == EINTR);
	if (ret < 0) {
		container_error_quiet(c, errno, "%s: cgroup key %s: the kernel refused '%s' in %s: %s", c->name, key,
				      value, file, strerror(errno));
		return false;
	}
	if ((size_t)ret != len) {
		container_error_quiet(c, EIO, "%s: cgroup key %s: short write of '%s' to %s", c->name, key, value,
				      file);
		return false;
	}
	return true;
}

void container_install_cgroup(struct lxc_container *c)
{
	c->get_cgroup_item = container_get_cgroup_item;
	c->set_cgroup_item = container_set_cgroup_item;
}
