/* test-fdpass.c - fds carried over a socketpair (SCM_RIGHTS): all arrive, extras beyond the receiver's room are closed, not leaked; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "util/fdpass.h"

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static bool same_file(int a, int b)
{
	struct stat x, y;

	return fstat(a, &x) == 0 && fstat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static void fds_arrive_and_extras_are_closed(void)
{
	int sv[2], sent[3], got[2] = { -1, -1 }, before;
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr out = { .msg_iov = &iov, .msg_iovlen = 1 }, in = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct fdpass_buf b1, b2;
	size_t n;

	CHECK_INT(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
	sent[0] = open("/dev/null", O_RDONLY | O_CLOEXEC);
	sent[1] = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	sent[2] = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	before = open_fds();
	fdpass_attach(&out, &b1, sent, 3);
	CHECK_INT((int)sendmsg(sv[0], &out, 0), 1);
	fdpass_prepare(&in, &b2);
	CHECK_INT((int)recvmsg(sv[1], &in, MSG_CMSG_CLOEXEC), 1);
	/* room for two: the first two in order, the third closed at once */
	n = fdpass_collect(&in, got, 2);
	CHECK_INT((int)n, 2);
	CHECK(same_file(got[0], sent[0]));
	CHECK(same_file(got[1], sent[1]));
	CHECK(fcntl(got[0], F_GETFD) & FD_CLOEXEC);
	CHECK_INT(open_fds(), before + 2);
	close(got[0]);
	close(got[1]);

	/* a receiver that wants none closes them all; a message without fds gives none */
	fdpass_attach(&out, &b1, sent, 1);
	CHECK_INT((int)sendmsg(sv[0], &out, 0), 1);
	fdpass_prepare(&in, &b2);
	CHECK_INT((int)recvmsg(sv[1], &in, MSG_CMSG_CLOEXEC), 1);
	CHECK_INT((int)fdpass_collect(&in, NULL, 0), 0);
	CHECK_INT(open_fds(), before);
	CHECK_INT((int)send(sv[0], "y", 1, 0), 1);
	fdpass_prepare(&in, &b2);
	CHECK_INT((int)recvmsg(sv[1], &in, 0), 1);
	CHECK_INT((int)fdpass_collect(&in, got, 2), 0);

	for (int i = 0; i < 3; i++)
		close(sent[i]);
	close(sv[0]);
	close(sv[1]);
}

UNIT_MAIN_BEGIN
RUN(fds_arrive_and_extras_are_closed);
UNIT_MAIN_END
