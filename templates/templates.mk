# templates/templates.mk - build and install rules for templates/
# SPDX-License-Identifier: LGPL-2.1-or-later
