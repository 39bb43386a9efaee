# config/config.mk - build and install rules for config/: lxc-net (script, systemd unit, settings example), default.conf and the shared container configs
# SPDX-License-Identifier: LGPL-2.1-or-later

# Paths are put in at build time, so the files follow --prefix and friends.
config_subst = sed -e 's|@SYSCONFDIR[@]|$(sysconfdir)|g' \
	-e 's|@RUNTIME_PATH[@]|$(RUNTIME_PATH)|g' \
	-e 's|@LXCLIBEXECDIR[@]|$(LXCLIBEXECDIR)|g' \
	-e 's|@LXCTEMPLATECONFIG[@]|$(LXCTEMPLATECONFIG)|g'

lxclibexec_SCRIPTS += config/lxc-net
systemdsystemunitdir = $(prefix)/lib/systemd/system
systemdsystemunit_DATA = config/lxc-net.service
EXTRA_DIST += config/lxc-net.in config/lxc-net.service.in config/lxc-net.default config/default.conf.in
CLEANFILES += config/lxc-net config/lxc-net.service config/default.conf

config/lxc-net: $(srcdir)/config/lxc-net.in Makefile
	$(AM_V_GEN)$(MKDIR_P) config && $(config_subst) $(srcdir)/config/lxc-net.in >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@
config/lxc-net.service: $(srcdir)/config/lxc-net.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) config && $(config_subst) $(srcdir)/config/lxc-net.service.in >$@.tmp && mv $@.tmp $@
config/default.conf: $(srcdir)/config/default.conf.in Makefile
	$(AM_V_GEN)$(MKDIR_P) config && $(config_subst) $(srcdir)/config/default.conf.in >$@.tmp && mv $@.tmp $@

# The shared configs containers include (lxc.include = .../common.conf and
# friends), in LXC's place for them: $(datadir)/lxc/config. They name each
# other by their installed paths, put in at build time.
shared_configs = config/common.conf config/debian.common.conf config/ubuntu.common.conf \
	config/userns.conf config/debian.userns.conf config/nesting.conf
lxctemplateconfigdir = $(LXCTEMPLATECONFIG)
lxctemplateconfig_DATA = $(shared_configs)
dist_lxctemplateconfig_DATA = config/common.seccomp
# common.conf includes this directory; its README keeps it installed.
lxccommonconfddir = $(LXCTEMPLATECONFIG)/common.conf.d
dist_lxccommonconfd_DATA = config/common.conf.d/README
EXTRA_DIST += $(shared_configs:=.in)
CLEANFILES += $(shared_configs)
$(shared_configs): %: $(srcdir)/%.in Makefile
	$(AM_V_GEN)$(MKDIR_P) config && $(config_subst) $(srcdir)/$@.in >$@.tmp && mv $@.tmp $@

# The settings files are the admin's once installed: put them in place only
# when absent, and remove them on uninstall only when still unchanged.
# (Prerequisite-only lines, so other fragments can hook these targets too.)
install-data-local: install-config-settings
uninstall-local: uninstall-config-settings
install-config-settings: config/default.conf
	$(MKDIR_P) $(DESTDIR)$(sysconfdir)/default $(DESTDIR)$(dir $(LXC_DEFAULT_CONFIG))
	test -e $(DESTDIR)$(sysconfdir)/default/lxc-net || \
		$(INSTALL_DATA) $(srcdir)/config/lxc-net.default $(DESTDIR)$(sysconfdir)/default/lxc-net
	test -e $(DESTDIR)$(LXC_DEFAULT_CONFIG) || $(INSTALL_DATA) config/default.conf $(DESTDIR)$(LXC_DEFAULT_CONFIG)
uninstall-config-settings:
	! cmp -s $(srcdir)/config/lxc-net.default $(DESTDIR)$(sysconfdir)/default/lxc-net || \
		rm -f $(DESTDIR)$(sysconfdir)/default/lxc-net
	! cmp -s config/default.conf $(DESTDIR)$(LXC_DEFAULT_CONFIG) || rm -f $(DESTDIR)$(LXC_DEFAULT_CONFIG)
.PHONY: install-config-settings uninstall-config-settings
