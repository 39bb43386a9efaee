/* nl.c - libnl-3 route sockets (also inside another netns), request/ack keeping the kernel's errno, link lookup; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include <netlink/errno.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

#include "log.h"
#include "network/nl.h"
#include "util/cleanup.h"

int nlx_errno(int nlerr)
{
	static const struct { int nle, err; } map[] = {
		{ NLE_NOMEM, ENOMEM },		 { NLE_EXIST, EEXIST },	       { NLE_OBJ_NOTFOUND, ENODEV },
		{ NLE_NODEV, ENODEV },		 { NLE_PERM, EPERM },	       { NLE_INVAL, EINVAL },
		{ NLE_BUSY, EBUSY },		 { NLE_AGAIN, EAGAIN },	       { NLE_OPNOTSUPP, EOPNOTSUPP },
		{ NLE_NOACCESS, EACCES },	 { NLE_RANGE, ERANGE },	       { NLE_BAD_SOCK, EBADF },
		{ NLE_NOADDR, EADDRNOTAVAIL },	 { NLE_AF_NOSUPPORT, EAFNOSUPPORT }, { NLE_INTR, EINTR },
		{ NLE_MSGSIZE, EMSGSIZE },	 { NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
	};
	int e = nlerr < 0 ? -nlerr : nlerr;

	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (map[i].nle == e)
			return -map[i].err;
	return -EIO;
}

int nlx_open(struct nl_sock **out)
{
	struct nl_sock *sk = nl_socket_alloc();
	int ret;

	*out = NULL;
	if (!sk)
		return -ENOMEM;
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (ret < 0) {
		nl_socket_free(sk);
		return nlx_errno(ret);
	}
	*out = sk;
	return 0;
}

void nlx_close(struct nl_sock *sk)
{
	nl_socket_free(sk); /* closes the fd too */
}

int nlx_own_netns(void)
{
	int fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int nlx_open_in_netns(int nsfd, struct nl_sock **out)
{
	__do_close int self = -EBADF;
	int ret;

	*out = NULL;
	self = nlx_own_netns();
	if (self < 0)
		return log_syserror(self, "Failed to open the own network namespace");
	if (setns(nsfd, CLONE_NEWNET) < 0)
		return log_syserror(-errno, "Failed to enter the container's network namespace (fd %d)", nsfd);
	/* A netlink socket stays bound to the namespace it was created in. */
	ret = nlx_open(out);
	if (setns(self, CLONE_NEWNET) < 0) {
		/* Going on in the wrong namespace would configure the wrong host. */
		SYSERROR("Failed to return to the own network namespace");
		abort();
	}
	return ret;
}

struct talk_state {
	int err;
	bool done;
};

static int talk_err(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct talk_state *st = arg;

	(void)who;
	st->err = e->error;
	st->done = true;
	return NL_STOP;
}

static int talk_ack(struct nl_msg *msg, void *arg)
{
	struct talk_state *st = arg;

	(void)msg;
	st->done = true;
	return NL_STOP;
}

int nlx_talk(struct nl_sock *sk, struct nl_msg *msg)
{
	struct talk_state st = { 0 };
	struct nl_cb *cb;
	int ret;

	if (!msg)
		return -ENOMEM;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	/* libnl turns the kernel's errno into its own codes; keep the original. */
	nl_cb_err(cb, NL_CB_CUSTOM, talk_err, &st);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, talk_ack, &st);
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		return nlx_errno(ret);
	}
	while (!st.done) {
		ret = nl_recvmsgs(sk, cb);
		if (ret < 0 && !st.done) {
			nl_cb_put(cb);
			return nlx_errno(ret);
		}
	}
	nl_cb_put(cb);
	return st.err;
}

int nlx_link_get(struct nl_sock *sk, int ifindex, const char *name, struct rtnl_link **out)
{
	int ret = rtnl_link_get_kernel(sk, ifindex, name, out);

	if (ret < 0) {
		*out = NULL;
		return nlx_errno(ret);
	}
	return 0;
}
