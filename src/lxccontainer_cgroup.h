/* lxccontainer_cgroup.h - the container object's cgroup methods (get_cgroup_item, set_cgroup_item); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LXCCONTAINER_CGROUP_H
#define BERTH_LXCCONTAINER_CGROUP_H

#include <lxc/lxccontainer.h>

/* Sets c->get_cgroup_item and c->set_cgroup_item (call it after container_install_stubs). */
void container_install_cgroup(struct lxc_container *c);

#endif
