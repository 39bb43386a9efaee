/* lxccontainer_run.h - the container object's running methods (start, stop, wait, ...) over the runtime; lxccontainer.c installs them; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LXCCONTAINER_RUN_H
#define BERTH_LXCCONTAINER_RUN_H

#include <stdbool.h>
#include <sys/types.h>

#include <lxc/lxccontainer.h>

bool container_start(struct lxc_container *c, int useinit, char *const argv[]);
bool container_startl(struct lxc_container *c, int useinit, ...);
bool container_stop(struct lxc_container *c);
bool container_shutdown(struct lxc_container *c, int timeout);
bool container_reboot(struct lxc_container *c);
bool container_reboot2(struct lxc_container *c, int timeout);
bool container_wait(struct lxc_container *c, const char *state, int timeout);
pid_t container_init_pid(struct lxc_container *c);
int container_init_pidfd(struct lxc_container *c);
char *container_get_running_config_item(struct lxc_container *c, const char *key);

/* Points c's start, startl, stop, shutdown, reboot, reboot2, wait, init_pid,
 * init_pidfd and get_running_config_item at the functions above (call it
 * after container_install_stubs). */
void container_install_runtime(struct lxc_container *c);

#endif
