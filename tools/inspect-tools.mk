# tools/inspect-tools.mk - lxc-ls and lxc-info
# SPDX-License-Identifier: LGPL-2.1-or-later
