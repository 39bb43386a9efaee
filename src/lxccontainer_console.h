/* lxccontainer_console.h - the container object's console methods (console_getfd, console, console_log); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LXCCONTAINER_CONSOLE_H
#define BERTH_LXCCONTAINER_CONSOLE_H

struct lxc_container;

/* Sets the console methods (call it after container_install_stubs). */
void container_install_console(struct lxc_container *c);

#endif
