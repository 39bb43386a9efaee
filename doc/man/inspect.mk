# doc/man/inspect.mk - man pages of lxc-ls, lxc-info
# SPDX-License-Identifier: LGPL-2.1-or-later
