# tools/checkconfig.mk - lxc-checkconfig: a shell script, versioned by the build
# SPDX-License-Identifier: LGPL-2.1-or-later

# The script carries the LXC release and berth's own version from configure,
# so --version never drifts from the rest of the tools.
bin_SCRIPTS += tools/lxc-checkconfig
EXTRA_DIST += tools/lxc-checkconfig.in
CLEANFILES += tools/lxc-checkconfig

tools/lxc-checkconfig: $(srcdir)/tools/lxc-checkconfig.in Makefile
	$(AM_V_GEN)$(MKDIR_P) tools && \
	sed -e 's|@LXC_VERSION[@]|$(LXC_ABI)|g' \
	    -e 's|@BERTH_VERSION[@]|$(PACKAGE_VERSION)|g' \
	    $(srcdir)/tools/lxc-checkconfig.in >$@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@
