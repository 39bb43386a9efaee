/* rmtree.c - removing a directory tree safely: no symlink is followed, no mount is entered; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/cleanup.h"
#include "util/rmtree.h"
#include "util/strutil.h"

struct walk {
	const struct rmtree_opts *opts;
	char path[8192]; /* for messages only: every operation goes through fds */
	size_t len;
	int first_err;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 3, 4))) static void failed(struct walk *w, int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->first_err)
		return;
	w->first_err = err;
	if (!w->err || !w->errlen)
		return;
	n = snprintf(w->err, w->errlen, "%s: ", w->path);
	if (n < 0 || (size_t)n >= w->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(w->err + n, w->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

/* Appends "/name" to the message path; returns the old length to restore. */
static size_t push(struct walk *w, const char *name)
{
	size_t old = w->len;
	int n = snprintf(w->path + w->len, sizeof(w->path) - w->len, "/%s", name);

	if (n > 0)
		w->len = (size_t)n >= sizeof(w->path) - w->len ? sizeof(w->path) - 1 : w->len + (size_t)n;
	return old;
}

static void pop(struct walk *w, size_t old)
{
	w->len = old;
	w->path[old] = '\0';
}

static bool have_openat2 = true;

/* The mount a file is on: its mount id where statx has one, else its device
 * (which misses a bind mount from the same file system: only kernels without
 * openat2 take this path). */
static bool same_mount(int a, int b)
{
#ifdef STATX_MNT_ID
	struct statx sa, sb;

	if (statx(a, "", AT_EMPTY_PATH, STATX_MNT_ID, &sa) == 0 && statx(b, "", AT_EMPTY_PATH, STATX_MNT_ID, &sb) == 0 &&
	    (sa.stx_mask & STATX_MNT_ID) && (sb.stx_mask & STATX_MNT_ID))
		return sa.stx_mnt_id == sb.stx_mnt_id;
#endif
	struct stat s1, s2;

	if (fstat(a, &s1) < 0 || fstat(b, &s2) < 0)
		return false;
	return s1.st_dev == s2.st_dev;
}

/*
 * Opens directory `name` of dfd for reading: never through a symlink, never
 * onto another mount. -ENOTDIR or -ELOOP if it is not a directory (any more),
 * -EXDEV if it is a mount point, else -errno.
 */
static int open_subdir(int dfd, const char *name)
{
	struct open_how how = {
		.flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC,
		.resolve = RESOLVE_NO_XDEV | RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH,
	};
	int fd;

	if (have_openat2) {
		fd = (int)syscall(SYS_openat2, dfd, name, &how, sizeof(how));
		if (fd >= 0)
			return fd;
		if (errno != ENOSYS)
			return -errno;
		have_openat2 = false;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (!same_mount(dfd, fd)) {
		close(fd);
		return -EXDEV;
	}
	return fd;
}

static bool is_kept(const struct walk *w, int fd)
{
	struct stat st;

	if (!w->opts || !w->opts->has_keep || fstat(fd, &st) < 0)
		return false;
	return st.st_dev == w->opts->keep_dev && st.st_ino == w->opts->keep_ino;
}

static void remove_contents(struct walk *w, int fd, bool *kept);

/* Removes entry `name` of directory dfd; *kept is set if something below it stays by request. */
static void remove_entry(struct walk *w, int dfd, const char *name, unsigned char type, bool *kept)
{
	size_t old = push(w, name);
	bool below_kept = false;
	int fd;

	if (type == DT_UNKNOWN) {
		struct stat st;

		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno != ENOENT)
				failed(w, -errno, "cannot stat it: %s", strerror(errno));
			goto out;
		}
		type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
	}
	if (type != DT_DIR) {
		if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
			failed(w, -errno, "cannot remove it: %s%s", strerror(errno),
			       errno == EBUSY ? " (a file is mounted on it: unmount it first)" : "");
		goto out;
	}

	fd = open_subdir(dfd, name);
	if (fd == -ENOTDIR || fd == -ELOOP) {
		/* it became something else since readdir: remove that, never follow it */
		if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
			failed(w, -errno, "cannot remove it: %s", strerror(errno));
		goto out;
	}
	if (fd == -ENOENT)
		goto out;
	if (fd == -EXDEV) {
		failed(w, -EBUSY, "a file system is mounted there: left in place (unmount it first)");
		*kept = true;
		goto out;
	}
	if (fd < 0) {
		failed(w, fd, "cannot open it: %s", strerror(-fd));
		goto out;
	}
	if (is_kept(w, fd)) {
		close(fd);
		*kept = true;
		goto out;
	}
	remove_contents(w, fd, &below_kept); /* closes fd */
	if (below_kept) {
		*kept = true;
		goto out;
	}
	if (unlinkat(dfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		failed(w, -errno, "cannot remove the directory: %s", strerror(errno));
out:
	pop(w, old);
}

/* Empties the directory open as fd (and closes it). */
static void remove_contents(struct walk *w, int fd, bool *kept)
{
	__do_closedir DIR *d = fdopendir(fd);
	struct dirent *de;

	if (!d) {
		failed(w, -errno, "cannot read the directory: %s", strerror(errno));
		close(fd);
		return;
	}
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				failed(w, -errno, "cannot read the directory: %s", strerror(errno));
			break;
		}
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		remove_entry(w, dirfd(d), de->d_name, de->d_type, kept);
	}
}

int rmtree(const char *path, const struct rmtree_opts *opts, char *err, size_t errlen)
{
	__do_free char *copy = NULL;
	__do_close int parent = -EBADF;
	struct walk w = { .opts = opts, .err = err, .errlen = errlen };
	const char *base, *dir;
	bool kept = false;
	struct stat st;
	char *slash;
	int fd;

	if (err && errlen)
		err[0] = '\0';
	copy = strdup(path ? path : "");
	if (!copy)
		return -ENOMEM;
	for (size_t n = strlen(copy); n > 1 && copy[n - 1] == '/'; n--)
		copy[n - 1] = '\0';
	snprintf(w.path, sizeof(w.path), "%s", copy);
	w.len = strlen(w.path);

	slash = strrchr(copy, '/');
	if (!slash) {
		dir = ".";
		base = copy;
	} else {
		*slash = '\0';
		dir = slash == copy ? "/" : copy;
		base = slash + 1;
	}
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		failed(&w, -EINVAL, "refusing to remove it (not a plain path to a directory entry)");
		return w.first_err;
	}

	parent = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (parent < 0)
		return errno == ENOENT ? 0 : (failed(&w, -errno, "cannot open its parent: %s", strerror(errno)), w.first_err);
	if (fstatat(parent, base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : (failed(&w, -errno, "cannot stat it: %s", strerror(errno)), w.first_err);
	if (!S_ISDIR(st.st_mode)) {
		if (opts && opts->keep_top)
			return 0;
		if (unlinkat(parent, base, 0) < 0 && errno != ENOENT)
			failed(&w, -errno, "cannot remove it: %s", strerror(errno));
		return w.first_err;
	}

	fd = open_subdir(parent, base);
	if (fd == -EXDEV) {
		failed(&w, -EBUSY, "a file system is mounted there (unmount it first)");
		return w.first_err;
	}
	if (fd < 0) {
		failed(&w, fd, "cannot open it: %s", strerror(-fd));
		return w.first_err;
	}
	if (is_kept(&w, fd)) {
		close(fd);
		return 0;
	}
	remove_contents(&w, fd, &kept);
	if (!kept && !(opts && opts->keep_top) && unlinkat(parent, base, AT_REMOVEDIR) < 0 && errno != ENOENT)
		failed(&w, -errno, "cannot remove the directory: %s", strerror(errno));
	return w.first_err;
}

int mount_point_below(const char *path, char *mp, size_t mplen)
{
	__do_fclose FILE *f = fopen("/proc/self/mountinfo", "re");
	__do_free char *line = NULL;
	size_t cap = 0, plen = strlen(path);

	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		char *save = NULL, *field = strtok_r(line, " ", &save);

		/* the fifth field is the mount point */
		for (int i = 1; field && i < 5; i++)
			field = strtok_r(NULL, " ", &save);
		if (!field)
			continue;
		str_unescape_octal(field);
		if ((plen == 1 && path[0] == '/') ||
		    (!strncmp(field, path, plen) && (field[plen] == '\0' || field[plen] == '/'))) {
			if (mp && mplen)
				snprintf(mp, mplen, "%s", field);
			return 1;
		}
	}
	return 0;
}
