# hooks/hooks.mk - build and install rules for hooks/
# SPDX-License-Identifier: LGPL-2.1-or-later
