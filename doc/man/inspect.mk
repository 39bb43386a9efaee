# doc/man/inspect.mk - man pages of lxc-ls, lxc-info
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-ls.1 doc/man/lxc-info.1
