# doc/man/net.mk - man pages of networking: lxc-net(8), lxc-device(1)
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-net.8 doc/man/lxc-device.1
