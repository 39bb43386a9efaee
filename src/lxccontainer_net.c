/* lxccontainer_net.c - the container object's network queries: get_ips and get_interfaces read from inside a running container's netns; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
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

void container_install_net(struct lxc_container *c)
{
	c->get_ips = m_get_ips;
	c->get_interfaces = m_get_interfaces;
}
