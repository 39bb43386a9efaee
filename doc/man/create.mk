# doc/man/create.mk - man pages of lxc-create and lxc-destroy
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-create.1 doc/man/lxc-destroy.1
