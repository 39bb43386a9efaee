/* attach_api.h - the container object's attach methods; lxccontainer.c installs them; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_ATTACH_API_H
#define BERTH_ATTACH_API_H

#include <lxc/lxccontainer.h>

/* Points c's attach, attach_run_wait and attach_run_waitl at the real ones
 * (call it after container_install_stubs). */
void container_install_attach(struct lxc_container *c);

#endif
