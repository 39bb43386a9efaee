# src/container.mk - the container object (lxccontainer.c), the lock, listing
# SPDX-License-Identifier: LGPL-2.1-or-later
