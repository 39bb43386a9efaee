# doc/man/checkconfig.mk - man page of lxc-checkconfig
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-checkconfig.1
