/* create.h - the create and destroy methods of the container object, and the progress they report; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CREATE_H
#define BERTH_CREATE_H

#include <lxc/lxccontainer.h>

/* Sets c->create, createl (create.c) and destroy, destroy_with_snapshots (destroy.c). */
void container_install_create(struct lxc_container *c);
void container_install_destroy(struct lxc_container *c);

/* Reports step `step` of `steps` to the thread's berth_set_progress() callback, if any. */
__attribute__((format(printf, 4, 5))) void create_progress(const struct lxc_container *c, int step, int steps,
							   const char *fmt, ...);

#endif
