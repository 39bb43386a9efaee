/* lxccontainer_freeze.h - the container object's freeze and unfreeze methods; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LXCCONTAINER_FREEZE_H
#define BERTH_LXCCONTAINER_FREEZE_H

#include <lxc/lxccontainer.h>

/* Sets c->freeze and c->unfreeze (call it after container_install_stubs). */
void container_install_freeze(struct lxc_container *c);

#endif
