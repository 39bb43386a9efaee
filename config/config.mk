# config/config.mk - build and install rules for config/
# SPDX-License-Identifier: LGPL-2.1-or-later
