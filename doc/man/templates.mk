# doc/man/templates.mk - man pages of the templates
# SPDX-License-Identifier: LGPL-2.1-or-later
# Named after the installed templates (LXCTEMPLATEDIR/lxc-NAME), as their --help is.
dist_man_MANS += doc/man/lxc-busybox.1 doc/man/lxc-debian.1 doc/man/lxc-local.1
