# templates/templates.mk - build and install rules for templates/
# SPDX-License-Identifier: LGPL-2.1-or-later

# Templates are shell scripts generated from templates/*.in: the build fills in
# the install paths (the archive helper, the cache, the common configs) and
# inserts templates/common.sh, so each installed template stands alone, as
# LXC's do, and lxc-create can run any of them by path.
templatesdir = $(LXCTEMPLATEDIR)
templates_SCRIPTS = templates/lxc-busybox templates/lxc-debian templates/lxc-local
EXTRA_DIST += templates/common.sh templates/lxc-busybox.in templates/lxc-debian.in templates/lxc-local.in
CLEANFILES += $(templates_SCRIPTS)

templates_subst = sed \
	-e '/^@TEMPLATE_COMMON@$$/{' -e 'r $(srcdir)/templates/common.sh' -e 'd' -e '}' \
	-e 's|@LXCLIBEXECDIR[@]|$(LXCLIBEXECDIR)|g' \
	-e 's|@LXC_CACHE_PATH[@]|$(LXC_CACHE_PATH)|g' \
	-e 's|@LXCTEMPLATECONFIG[@]|$(LXCTEMPLATECONFIG)|g' \
	-e 's|@LXCHOOKDIR[@]|$(LXCHOOKDIR)|g' \
	-e 's|@LXC_VERSION[@]|$(LXC_ABI)|g' \
	-e 's|@BERTH_VERSION[@]|$(PACKAGE_VERSION)|g'

# common.sh carries placeholders too: substitute after inserting it (sed -e
# processes "r" output after the cycle, so a second pass does it).
$(templates_SCRIPTS): %: $(srcdir)/%.in $(srcdir)/templates/common.sh Makefile
	$(AM_V_GEN)$(MKDIR_P) templates && \
	$(templates_subst) $(srcdir)/$@.in | $(templates_subst) >$@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@
