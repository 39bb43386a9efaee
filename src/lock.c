/* lock.c - the container lock (a lock file shared by every process, as LXC's) and the in-process lock of an API object; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"
#include "paths.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

struct lxc_lock {
	pthread_mutex_t mutex;
	char *path; /* NULL: a process lock */
	int fd;     /* the lock file, opened at the first acquire and kept */
};

static struct lxc_lock *lock_alloc(void)
{
	struct lxc_lock *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	pthread_mutex_init(&l->mutex, NULL);
	l->fd = -EBADF;
	return l;
}

struct lxc_lock *lock_new_process(void)
{
	return lock_alloc();
}

struct lxc_lock *lock_new_container(const char *lxcpath, const char *name)
{
	struct lxc_lock *l = lock_alloc();

	if (!l)
		return NULL;
	l->path = container_lock_file(lxcpath, name);
	if (!l->path) {
		lock_free(l);
		return NULL;
	}
	return l;
}

void lock_free(struct lxc_lock *l)
{
	if (!l)
		return;
	if (l->fd >= 0)
		close(l->fd);
	pthread_mutex_destroy(&l->mutex);
	free(l->path);
	free(l);
}

const char *lock_file(const struct lxc_lock *l)
{
	return l ? l->path : NULL;
}

static int open_lock_file(struct lxc_lock *l)
{
	__do_free char *dir = NULL;
	int fd, ret;

	if (l->fd >= 0)
		return 0;
	dir = strdup(l->path);
	if (!dir)
		return -ENOMEM;
	ret = mkdir_p(dirname(dir), 0755);
	if (ret < 0)
		return ret;
	fd = open(l->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	l->fd = fd;
	return 0;
}

static struct timespec deadline_after(int seconds)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += seconds;
	return ts;
}

static bool passed(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return now.tv_sec > deadline->tv_sec ||
	       (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static int mutex_acquire(struct lxc_lock *l, int timeout, const struct timespec *deadline)
{
	int ret;

	if (timeout < 0)
		ret = pthread_mutex_lock(&l->mutex);
	else if (timeout == 0)
		ret = pthread_mutex_trylock(&l->mutex);
	else
		ret = pthread_mutex_timedlock(&l->mutex, deadline);
	if (ret == EBUSY)
		return -EWOULDBLOCK;
	return -ret;
}

/*
 * The file lock with a timeout: fcntl has no timed wait, and a SIGALRM would
 * disturb the program using the library, so a bounded wait polls with a
 * growing pause (1 ms up to 50 ms). Only explicit timeouts take this path.
 */
static int file_acquire(struct lxc_lock *l, int timeout, const struct timespec *deadline)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	long pause_ns = 1000000;

	if (timeout < 0) {
		while (fcntl(l->fd, F_OFD_SETLKW, &fl) < 0) {
			if (errno != EINTR)
				return -errno;
		}
		return 0;
	}
	for (;;) {
		if (fcntl(l->fd, F_OFD_SETLK, &fl) == 0)
			return 0;
		if (errno != EAGAIN && errno != EACCES && errno != EINTR)
			return -errno;
		if (timeout == 0)
			return -EWOULDBLOCK;
		if (passed(deadline))
			return -ETIMEDOUT;
		nanosleep(&(struct timespec){ .tv_nsec = pause_ns }, NULL);
		if (pause_ns < 50000000)
			pause_ns *= 2;
	}
}

int lock_acquire(struct lxc_lock *l, int timeout)
{
	struct timespec deadline = deadline_after(timeout > 0 ? timeout : 0);
	int ret;

	if (!l)
		return -EINVAL;
	ret = mutex_acquire(l, timeout, &deadline);
	if (ret < 0)
		return ret;
	if (!l->path)
		return 0;
	ret = open_lock_file(l);
	if (ret == 0)
		ret = file_acquire(l, timeout, &deadline);
	if (ret < 0)
		pthread_mutex_unlock(&l->mutex);
	return ret;
}

int lock_release(struct lxc_lock *l)
{
	int ret = 0;

	if (!l)
		return -EINVAL;
	if (l->path && l->fd >= 0) {
		struct flock fl = { .l_type = F_UNLCK, .l_whence = SEEK_SET };

		if (fcntl(l->fd, F_OFD_SETLK, &fl) < 0)
			ret = -errno;
	}
	pthread_mutex_unlock(&l->mutex);
	return ret;
}
