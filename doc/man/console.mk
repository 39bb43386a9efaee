# doc/man/console.mk - the console's man pages
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-console.1
