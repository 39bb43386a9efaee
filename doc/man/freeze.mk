# doc/man/freeze.mk - the man pages of lxc-freeze and lxc-unfreeze
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-freeze.1
dist_man_MANS += doc/man/lxc-unfreeze.1
