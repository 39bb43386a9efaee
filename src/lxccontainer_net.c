/* lxccontainer_net.c - the container object's network methods: get_ips and get_interfaces read inside a running container's netns, attach_interface/detach_interface move a device in and out; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>

#include <lxc/lxccontainer.h>

#include "container.h"
#include "lxccontainer_net.h"
#include "network/network.h"

/*
 * The init pid names the netns; it is asked from the monitor (not read from a
 * file), so a stopped container is "not running" and not a stale pid. The
 * netns is opened by /proc/PID/ns/net at once: if init exited in between, the
 * open fails and the query reports that, it never reads another netns.
 */
static pid_t running_init(struct lxc_container *c)
{
	pid_t pid = c->init_pid ? c->init_pid(c) : -1;

	if (pid <= 0)
		container_error_quiet(c, ESRCH, "%s is not running", c->name);
	return pid;
}

static char **m_get_ips(struct lxc_container *c, const char *interface, const char *family, int scope)
{
	char **v = NULL;
	pid_t pid;
	int ret;

	if (!c)
		return NULL;
	pid = running_init(c);
	if (pid <= 0)
		return NULL;
	ret = net_list_ips(pid, interface, family, scope, &v);
	if (ret < 0) {
		container_error_quiet(c, -ret, "%s: reading its addresses%s%s: %s", c->name,
				      interface ? " on " : "", interface ? interface : "", strerror(-ret));
		return NULL;
	}
	return v;
}

static char **m_get_interfaces(struct lxc_container *c)
{
	char **v = NULL;
	pid_t pid;
	int ret;

	if (!c)
		return NULL;
	pid = running_init(c);
	if (pid <= 0)
		return NULL;
	ret = net_list_interfaces(pid, &v);
	if (ret < 0) {
		container_error_quiet(c, -ret, "%s: reading its interfaces: %s", c->name, strerror(-ret));
		return NULL;
	}
	return v;
}

/* Errors go to error_string unlogged: the caller (lxc-device) reports them.
 * attach (dev from the host into the container as dst_dev) or detach (dev in
 * the container back to the host as dst_dev); dst_dev NULL keeps the name. */
static bool move_interface(struct lxc_container *c, bool attach, const char *dev, const char *dst_dev)
{
	int nsfd, ret;
	pid_t pid;

	if (!c)
		return false;
	if (!dev || !*dev) {
		container_error_quiet(c, EINVAL, "%s: %s_interface: no device given", c->name, attach ? "attach" : "detach");
		return false;
	}
	pid = running_init(c);
	if (pid <= 0)
		return false;
	nsfd = net_open_netns(pid);
	if (nsfd < 0) {
		container_error_quiet(c, -nsfd, "%s: cannot open its network namespace: %s", c->name, strerror(-nsfd));
		return false;
	}
	ret = attach ? net_move_link(-1, dev, nsfd, dst_dev) : net_move_link(nsfd, dev, -1, dst_dev);
	close(nsfd);
	if (ret < 0) {
		const char *to = dst_dev && *dst_dev ? dst_dev : dev;

		if (ret == -ENODEV)
			container_error_quiet(c, ENODEV, "%s: no network device '%s' %s", c->name, dev,
					attach ? "on the host" : "in the container");
		else if (ret == -EEXIST)
			container_error_quiet(c, EEXIST, "%s: a network device named '%s' exists already %s: choose another name",
					c->name, to, attach ? "in the container" : "on the host");
		else
			container_error_quiet(c, -ret, "%s: moving network device '%s' %s as '%s': %s", c->name, dev,
					attach ? "into the container" : "back to the host", to, strerror(-ret));
		return false;
	}
	return true;
}

static bool m_attach_interface(struct lxc_container *c, const char *dev, const char *dst_dev)
{
	return move_interface(c, true, dev, dst_dev);
}

static bool m_detach_interface(struct lxc_container *c, const char *dev, const char *dst_dev)
{
	return move_interface(c, false, dev, dst_dev);
}

void container_install_net(struct lxc_container *c)
{
	c->attach_interface = m_attach_interface;
	c->detach_interface = m_detach_interface;
	c->get_ips = m_get_ips;
	c->get_interfaces = m_get_interfaces;
}
