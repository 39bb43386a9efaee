# doc/man/cgroup.mk - the man page of lxc-cgroup
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-cgroup.1
