/* fileutil.c - whole-file reads, atomic writes (temp file + rename), mkdir -p; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/cleanup.h"
#include "util/fileutil.h"

int file_read_all(const char *path, char **out, size_t *len)
{
	__do_close int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	__do_free char *buf = NULL;
	size_t cap = 0, used = 0;

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n;
		if (cap - used < 4096) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *grown = realloc(buf, ncap + 1);
			if (!grown)
				return -ENOMEM;
			buf = grown;
			cap = ncap;
		}
		n = read(fd, buf + used, cap - used);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (!buf && !(buf = malloc(1)))
		return -ENOMEM;
	buf[used] = '\0';
	if (len)
		*len = used;
	*out = move_ptr(buf);
	return 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, mode_t mode)
{
	__do_free char *tmp = NULL, *dircopy = NULL;
	__do_close int fd = -EBADF, dfd = -EBADF;
	int ret;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, mode) < 0)
		goto fail;
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		data += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0)
		goto fail;
	if (rename(tmp, path) < 0)
		goto fail;
	/* Make the rename itself durable. */
	dircopy = strdup(path);
	if (dircopy) {
		dfd = open(dirname(dircopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0)
			(void)fsync(dfd);
	}
	return 0;

fail:
	ret = -errno;
	unlink(tmp);
	return ret;
}

int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, mode) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}
