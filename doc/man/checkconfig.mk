# doc/man/checkconfig.mk - man page of lxc-checkconfig
# SPDX-License-Identifier: LGPL-2.1-or-later
