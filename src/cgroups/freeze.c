/* freeze.c - freezing and thawing a container's cgroup: cgroup2's cgroup.freeze watched through cgroup.events, else the v1 freezer; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cgroups/driver.h"
#include "cgroups/freeze.h"
#include "util/cleanup.h"
#include "util/time.h"

int cgroup_events_frozen(const char *text)
{
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len >= 8 && !strncmp(p, "frozen ", 7) && (p[7] == '0' || p[7] == '1') &&
		    (len == 8 || p[8] == ' ' || p[8] == '\t'))
			return p[7] - '0';
		p = nl ? nl + 1 : NULL;
	}
	return -EINVAL;
}

int cgroup_freezer_state_parse(const char *text)
{
	size_t len = strcspn(text, " \t\n");

	if (len == 6 && !strncmp(text, "FROZEN", 6))
		return 1;
	if (len == 6 && !strncmp(text, "THAWED", 6))
		return 0;
	if (len == 8 && !strncmp(text, "FREEZING", 8))
		return 2;
	return -EINVAL;
}

/* The freezer of a set: its cgroup2 directory when that has cgroup.freeze
 * (kernel 5.2+), else the v1 freezer hierarchy's directory. */
struct freezer {
	int dirfd;
	bool v2;
	const char *path;
};

static int find_freezer(const struct cgroup_set *s, struct freezer *f)
{
	const char *path = cgroup_path(s, CGROUP_UNIFIED);

	f->dirfd = -EBADF;
	if (path) {
		int fd = open(path, O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0 && faccessat(fd, "cgroup.freeze", W_OK, 0) == 0) {
			*f = (struct freezer){ .dirfd = fd, .v2 = true, .path = path };
			return 0;
		}
		if (fd >= 0)
			close(fd);
	}
	path = cgroup_path(s, "freezer");
	if (!path)
		return -ENOTSUP;
	f->dirfd = open(path, O_DIRECTORY | O_CLOEXEC);
	if (f->dirfd < 0)
		return -errno;
	f->v2 = false;
	f->path = path;
	return 0;
}

/* cgroup.events changes are signalled to poll() as POLLPRI; each read re-arms
 * it, so a change between our read and our poll still wakes us. */
static int v2_wait(int dirfd, int want, int64_t deadline)
{
	__do_close int fd = openat(dirfd, "cgroup.events", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (;;) {
		char buf[512];
		ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
		struct pollfd pfd = { .fd = fd, .events = POLLPRI };
		int64_t left;
		int r;

		if (n < 0)
			return -errno;
		buf[n] = '\0';
		if (cgroup_events_frozen(buf) == want)
			return 0;
		left = deadline - now_ms();
		if (left <= 0)
			return -ETIMEDOUT;
		r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno != EINTR)
			return -errno;
	}
}

/*
 * The v1 freezer has no event file to wait on: its state only advances from
 * FREEZING to FROZEN when freezer.state is read, so reading it again is the
 * way to wait. Short, growing pauses (1 ms up to 50 ms) bounded by the deadline.
 */
static int v1_wait_frozen(int dirfd, int64_t deadline)
{
	long pause_us = 1000;

	for (;;) {
		char buf[64];
		int ret = cg_read_at(dirfd, "freezer.state", buf, sizeof(buf));

		if (ret < 0)
			return ret;
		if (cgroup_freezer_state_parse(buf) == 1)
			return 0;
		if (now_ms() >= deadline)
			return -ETIMEDOUT;
		usleep((useconds_t)pause_us);
		if (pause_us < 50000)
			pause_us *= 2;
	}
}

int cgroup_freeze(const struct cgroup_set *s, bool freeze, char *err, size_t errlen)
{
	int64_t deadline = now_ms() + CGROUP_FREEZE_TIMEOUT_MS;
	struct freezer f = { .dirfd = -EBADF };
	int ret = s ? find_freezer(s, &f) : -ENOTSUP;

	if (ret == -ENOTSUP) {
		snprintf(err, errlen,
			 "the container's cgroups have no freezer (neither cgroup2 with cgroup.freeze nor a v1 freezer hierarchy is mounted)");
		return ret;
	}
	if (ret < 0) {
		snprintf(err, errlen, "cannot open the container's freezer cgroup: %s", strerror(-ret));
		return ret;
	}
	if (f.v2)
		ret = cg_write_at(f.dirfd, "cgroup.freeze", freeze ? "1" : "0");
	else
		ret = cg_write_at(f.dirfd, "freezer.state", freeze ? "FROZEN" : "THAWED");
	if (ret < 0) {
		snprintf(err, errlen, "cannot write %s/%s: %s", f.path, f.v2 ? "cgroup.freeze" : "freezer.state",
			 strerror(-ret));
		close(f.dirfd);
		return ret;
	}
	if (f.v2)
		ret = v2_wait(f.dirfd, freeze ? 1 : 0, deadline);
	else
		ret = freeze ? v1_wait_frozen(f.dirfd, deadline) : 0; /* v1 thaws at once */
	if (ret == -ETIMEDOUT && freeze) {
		/* Half-frozen helps nobody: let the ones already stopped run again. */
		cg_write_at(f.dirfd, f.v2 ? "cgroup.freeze" : "freezer.state", f.v2 ? "0" : "THAWED");
		snprintf(err, errlen,
			 "%s did not freeze within %d ms (a task in uninterruptible sleep?); the container was thawed again",
			 f.path, CGROUP_FREEZE_TIMEOUT_MS);
	} else if (ret < 0) {
		snprintf(err, errlen, "waiting for %s to %s: %s", f.path, freeze ? "freeze" : "thaw", strerror(-ret));
	}
	close(f.dirfd);
	return ret;
}
