# doc/doc.mk - build and install rules for doc/
# SPDX-License-Identifier: LGPL-2.1-or-later
