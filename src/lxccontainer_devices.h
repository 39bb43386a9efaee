/* lxccontainer_devices.h - the container object's device-node methods (add_device_node, remove_device_node); lxccontainer.c installs them; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LXCCONTAINER_DEVICES_H
#define BERTH_LXCCONTAINER_DEVICES_H

#include <lxc/lxccontainer.h>

/* Points c's add_device_node and remove_device_node at the real ones (call it after container_install_stubs). */
void container_install_devices(struct lxc_container *c);

#endif
