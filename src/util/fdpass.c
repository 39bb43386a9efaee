/* fdpass.c - file descriptors carried by unix socket messages (SCM_RIGHTS); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "util/fdpass.h"

void fdpass_attach(struct msghdr *mh, struct fdpass_buf *b, const int *fds, size_t n)
{
	struct cmsghdr *c;

	memset(b, 0, sizeof(*b));
	mh->msg_control = b->u.bytes;
	mh->msg_controllen = CMSG_SPACE(n * sizeof(int));
	c = CMSG_FIRSTHDR(mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
}

void fdpass_prepare(struct msghdr *mh, struct fdpass_buf *b)
{
	memset(b, 0, sizeof(*b));
	mh->msg_control = b->u.bytes;
	mh->msg_controllen = sizeof(b->u.bytes);
}

size_t fdpass_collect(struct msghdr *mh, int *fds, size_t max)
{
	size_t stored = 0;

	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		size_t n;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < n; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (stored < max)
				fds[stored++] = fd;
			else
				close(fd);
		}
	}
	return stored;
}
