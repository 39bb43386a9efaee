# doc/man/run.mk - man pages of the tools that run containers
# SPDX-License-Identifier: LGPL-2.1-or-later
dist_man_MANS += doc/man/lxc-start.1 doc/man/lxc-stop.1 doc/man/lxc-wait.1 doc/man/lxc-monitor.1
