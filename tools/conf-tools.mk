# tools/conf-tools.mk - lxc-update-config (owned with the config model)
# SPDX-License-Identifier: LGPL-2.1-or-later
