/* lxccontainer_net.h - the container object's network queries (get_ips, get_interfaces, attach_interface, detach_interface); lxccontainer.c installs them; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LXCCONTAINER_NET_H
#define BERTH_LXCCONTAINER_NET_H

#include <lxc/lxccontainer.h>

/* Points c's get_ips, get_interfaces, attach_interface and detach_interface at the real ones (call it after
 * container_install_stubs). */
void container_install_net(struct lxc_container *c);

#endif
