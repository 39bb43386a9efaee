# doc/man/cgroup.mk - the man pages of lxc-cgroup and lxc-top
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-cgroup.1
dist_man_MANS += doc/man/lxc-top.1
