# doc/man/templates.mk - man pages of the templates
# SPDX-License-Identifier: LGPL-2.1-or-later
