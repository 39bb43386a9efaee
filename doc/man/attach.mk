# doc/man/attach.mk - man page of lxc-attach
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-attach.1
