/* test-lock.c - unit tests of the container lock: across processes, across objects, timeouts, release on exit; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"
#include "paths.h"
#include "unit.h"

static char lxcpath[] = "/tmp/berth-unit-lock.XXXXXX";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * A child that takes the lock of lxcpath/name with its own object, tells the
 * parent over a pipe, and holds it until the parent writes to the second pipe
 * (or dies). Returns the child's pid; *release is the fd to let it go.
 */
static pid_t child_holding(const char *name, int *release)
{
	int ready[2], go[2];
	pid_t pid;
	char c;

	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		struct lxc_lock *l = lock_new_container(lxcpath, name);

		close(ready[0]);
		close(go[1]);
		if (!l || lock_acquire(l, -1) < 0)
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		/* hold it until told, or until the parent closes the pipe */
		(void)read(go[0], &c, 1);
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		close(go[1]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(ready[0]);
	*release = go[1];
	return pid;
}

static void other_process_holds_the_lock(void)
{
	struct lxc_lock *l = lock_new_container(lxcpath, "held");
	int release, status;
	double t0;
	pid_t pid;

	CHECK(l != NULL);
	pid = child_holding("held", &release);
	CHECK(pid > 0);
	if (!l || pid <= 0)
		return;

	/* try once: busy */
	CHECK_INT(lock_acquire(l, 0), -EWOULDBLOCK);
	/* a bounded wait gives up after about that long */
	t0 = now();
	CHECK_INT(lock_acquire(l, 1), -ETIMEDOUT);
	CHECK(now() - t0 >= 0.9);
	CHECK(now() - t0 < 5);

	/* the child exits: the kernel drops its lock, and ours succeeds */
	close(release);
	CHECK_INT(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(lock_acquire(l, 0), 0);
	CHECK_INT(lock_release(l), 0);
	lock_free(l);
}

static void *release_later(void *p)
{
	struct timespec ts = { .tv_nsec = 200000000 };

	nanosleep(&ts, NULL);
	close(*(int *)p);
	return NULL;
}

static void waiting_lock_gets_it_when_released(void)
{
	struct lxc_lock *l = lock_new_container(lxcpath, "handover");
	int release;
	pid_t pid = child_holding("handover", &release);
	pthread_t t;
	double t0;

	CHECK(l != NULL && pid > 0);
	if (!l || pid <= 0)
		return;
	CHECK_INT(lock_acquire(l, 0), -EWOULDBLOCK);
	/* the holder lets go in 200 ms; a blocking acquire waits for it, then succeeds */
	t0 = now();
	pthread_create(&t, NULL, release_later, &release);
	CHECK_INT(lock_acquire(l, -1), 0);
	CHECK(now() - t0 >= 0.15);
	pthread_join(t, NULL);
	waitpid(pid, NULL, 0);
	lock_release(l);
	lock_free(l);
}

static void killed_holder_releases(void)
{
	struct lxc_lock *l = lock_new_container(lxcpath, "killed");
	int release;
	pid_t pid = child_holding("killed", &release);

	CHECK(l != NULL && pid > 0);
	if (!l || pid <= 0)
		return;
	CHECK_INT(lock_acquire(l, 0), -EWOULDBLOCK);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	CHECK_INT(lock_acquire(l, 0), 0);
	lock_release(l);
	close(release);
	lock_free(l);
}

static void two_objects_in_one_process_exclude_each_other(void)
{
	struct lxc_lock *a = lock_new_container(lxcpath, "twice");
	struct lxc_lock *b = lock_new_container(lxcpath, "twice");
	struct lxc_lock *other = lock_new_container(lxcpath, "another");

	CHECK(a && b && other);
	if (!a || !b || !other)
		return;
	CHECK_INT(lock_acquire(a, 0), 0);
	/* OFD locks belong to the open file: b's own open is refused */
	CHECK_INT(lock_acquire(b, 0), -EWOULDBLOCK);
	/* another container's lock is independent */
	CHECK_INT(lock_acquire(other, 0), 0);
	CHECK_INT(lock_release(a), 0);
	CHECK_INT(lock_acquire(b, 0), 0);
	lock_release(b);
	lock_release(other);
	lock_free(a);
	lock_free(b);
	lock_free(other);
}

struct thread_arg {
	struct lxc_lock *l;
	int result;
};

static void *try_in_thread(void *p)
{
	struct thread_arg *a = p;

	a->result = lock_acquire(a->l, 0);
	if (a->result == 0)
		lock_release(a->l);
	return NULL;
}

static void threads_sharing_an_object_exclude_each_other(void)
{
	struct lxc_lock *l = lock_new_container(lxcpath, "threads");
	struct thread_arg arg = { .result = 1 };
	pthread_t t;

	CHECK(l != NULL);
	if (!l)
		return;
	arg.l = l;
	CHECK_INT(lock_acquire(l, 0), 0);
	/* the same open file, so the OFD lock alone would let the thread in: the mutex does not */
	pthread_create(&t, NULL, try_in_thread, &arg);
	pthread_join(t, NULL);
	CHECK_INT(arg.result, -EWOULDBLOCK);
	lock_release(l);
	pthread_create(&t, NULL, try_in_thread, &arg);
	pthread_join(t, NULL);
	CHECK_INT(arg.result, 0);
	lock_free(l);
}

static void process_lock_is_a_mutex(void)
{
	struct lxc_lock *l = lock_new_process();
	struct thread_arg arg = { .result = 1 };
	pthread_t t;

	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(lock_file(l) == NULL);
	arg.l = l;
	CHECK_INT(lock_acquire(l, -1), 0);
	pthread_create(&t, NULL, try_in_thread, &arg);
	pthread_join(t, NULL);
	CHECK_INT(arg.result, -EWOULDBLOCK);
	CHECK_INT(lock_release(l), 0);
	lock_free(l);
}

static void lock_file_lives_under_the_runtime_dir(void)
{
	struct lxc_lock *l = lock_new_container(lxcpath, "where");
	char *want = container_lock_file(lxcpath, "where");
	struct stat st;

	CHECK(l != NULL);
	if (!l)
		return;
	CHECK_STR(lock_file(l), want);
	CHECK_CONTAINS(lock_file(l), "/lxc/lock/tmp/berth-unit-lock.");
	CHECK_CONTAINS(lock_file(l), "/.where");
	CHECK_INT(lock_acquire(l, 0), 0);
	CHECK_INT(stat(want, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	lock_release(l);
	lock_free(l);
	free(want);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

UNIT_MAIN_BEGIN
	char *lockdir;

	if (!mkdtemp(lxcpath)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(other_process_holds_the_lock);
	RUN(waiting_lock_gets_it_when_released);
	RUN(killed_holder_releases);
	RUN(two_objects_in_one_process_exclude_each_other);
	RUN(threads_sharing_an_object_exclude_each_other);
	RUN(process_lock_is_a_mutex);
	RUN(lock_file_lives_under_the_runtime_dir);

	/* RUNDIR/lxc/lock/tmp/berth-unit-lock.X/.NAME -> its directory: ours alone */
	lockdir = container_lock_file(lxcpath, "x");
	if (lockdir && strstr(lockdir, "berth-unit-lock."))
		nftw(dirname(lockdir), rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(lockdir);
	rmdir(lxcpath);
UNIT_MAIN_END
