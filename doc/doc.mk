# doc/doc.mk - build and install rules for doc/
# SPDX-License-Identifier: LGPL-2.1-or-later
EXTRA_DIST += doc/design.md

include $(srcdir)/doc/man/conf.mk
include $(srcdir)/doc/man/inspect.mk
include $(srcdir)/doc/man/checkconfig.mk
include $(srcdir)/doc/man/templates.mk
include $(srcdir)/doc/man/net.mk
include $(srcdir)/doc/man/run.mk
include $(srcdir)/doc/man/create.mk
include $(srcdir)/doc/man/attach.mk
include $(srcdir)/doc/man/console.mk
include $(srcdir)/doc/man/cgroup.mk
include $(srcdir)/doc/man/freeze.mk
