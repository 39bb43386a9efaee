/* fdpass.h - file descriptors carried by unix socket messages (SCM_RIGHTS), for the start handshake, the command socket and attach; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_FDPASS_H
#define BERTH_UTIL_FDPASS_H

#include <stddef.h>
#include <sys/socket.h>

/* The most fds one message carries (a v1 cgroup per hierarchy is the most berth sends). */
#define FDPASS_MAX 32

/* Room for the control data of FDPASS_MAX fds, aligned for cmsghdr. */
struct fdpass_buf {
	union {
		char bytes[CMSG_SPACE(FDPASS_MAX * sizeof(int))];
		struct cmsghdr align;
	} u;
};

/* Makes mh carry n fds (0 < n <= FDPASS_MAX), their control data in b. */
void fdpass_attach(struct msghdr *mh, struct fdpass_buf *b, const int *fds, size_t n);

/* Makes mh ready to receive fds into b (recvmsg with MSG_CMSG_CLOEXEC). */
void fdpass_prepare(struct msghdr *mh, struct fdpass_buf *b);

/* The fds a received mh brought: up to max into fds (fds may be NULL with max 0), the
 * rest closed so that none leaks. Returns how many were stored. */
size_t fdpass_collect(struct msghdr *mh, int *fds, size_t max);

#endif
