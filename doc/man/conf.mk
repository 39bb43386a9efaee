# doc/man/conf.mk - man pages of the config model: lxc.container.conf(5), lxc.system.conf(5), lxc-config(1), lxc-update-config(1)
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc.container.conf.5
dist_man_MANS += doc/man/lxc.system.conf.5
dist_man_MANS += doc/man/lxc-config.1 doc/man/lxc-update-config.1
