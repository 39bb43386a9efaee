# config-tools.sh - system tests of lxc-config and lxc-update-config against the installed tools
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"

FIXTURE="${BERTH_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/fixtures/config/legacy.conf"

# The lxcpath berth was configured with, as its pkg-config file says (independent of lxc-config).
configured_lxcpath() {
	PKG_CONFIG_PATH="$BERTH_PREFIX/lib/pkgconfig:$BERTH_PREFIX/lib64/pkgconfig:$BERTH_PREFIX/lib/x86_64-linux-gnu/pkgconfig" \
		pkg-config --variable=lxcpath lxc 2>/dev/null
}

test_config_lists_the_system_items() {
	export LXC_GLOBAL_CONF_FILE="$T_TMP/none.conf"
	assert_ok "$(tool lxc-config)" -l
	assert_eq "$OUT" "lxc.default_config
lxc.lxcpath
lxc.bdev.lvm.vg
lxc.bdev.lvm.thin_pool
lxc.bdev.zfs.root
lxc.cgroup.use
lxc.cgroup.pattern" "lxc-config -l"
	assert_ok "$(tool lxc-config)" --list
	assert_contains "$OUT" "lxc.lxcpath"
}

test_config_lxcpath_is_the_configured_one() {
	local want
	[ "$(id -u)" = 0 ] || t_skip "an unprivileged user's lxcpath is ~/.local/share/lxc, not the configured one"
	command -v pkg-config >/dev/null || t_skip "pkg-config is not installed (needed to read the configured lxcpath)"
	want=$(configured_lxcpath)
	[ -n "$want" ] || t_skip "no lxc.pc under $BERTH_PREFIX to read the configured lxcpath from"
	export LXC_GLOBAL_CONF_FILE="$T_TMP/none.conf"
	assert_ok "$(tool lxc-config)" lxc.lxcpath
	assert_eq "$OUT" "$want" "lxc-config lxc.lxcpath"
	assert_ok "$(tool lxc-config)" lxc.bdev.lvm.vg
	assert_eq "$OUT" "lxc" "default volume group"
	assert_ok "$(tool lxc-config)" lxc.cgroup.pattern
	assert_eq "$OUT" "lxc.cgroup.pattern is not set." "an item without a value"
}

test_config_reads_the_system_config_file() {
	printf '# test\nlxc.lxcpath = %s\nlxc.bdev.lvm.vg = vg0\n' "$T_LXCPATH" >"$T_TMP/lxc.conf"
	export LXC_GLOBAL_CONF_FILE="$T_TMP/lxc.conf"
	assert_ok "$(tool lxc-config)" lxc.lxcpath
	assert_eq "$OUT" "$T_LXCPATH"
	assert_ok "$(tool lxc-config)" lxc.bdev.lvm.vg
	assert_eq "$OUT" "vg0"
}

test_config_unknown_item_fails() {
	assert_status 1 "$(tool lxc-config)" lxc.no.such.item
	assert_contains "$ERR" "lxc.no.such.item"
	assert_eq "$OUT" "" "nothing on stdout"
	assert_status 1 "$(tool lxc-config)" lxc.lxcpath lxc.bdev.lvm.vg
	assert_status 1 "$(tool lxc-config)" --no-such-option
	assert_ok "$(tool lxc-config)" --help
	assert_contains "$OUT" "lxc-config"
}

test_update_config_converts_a_legacy_file() {
	local f="$T_TMP/config" before left
	cp "$FIXTURE" "$f" || { t_fail "cannot copy the fixture $FIXTURE"; return; }
	before=$(cat "$f")
	assert_ok "$(tool lxc-update-config)" -c "$f"
	# it says what it changed
	assert_contains "$OUT" "$f:10: lxc.utsname = old"
	assert_contains "$OUT" "-> lxc.uts.name = old"
	assert_contains "$OUT" "42 legacy keys converted"
	assert_not_contains "$ERR" "warning"
	# the backup is the original
	assert_file "$f.backup"
	assert_eq "$(cat "$f.backup")" "$before" "the backup"
	# no legacy key is left; comments, blank lines and order are kept
	left=$(grep -E '^[[:space:]]*lxc\.(network|utsname|rootfs[[:space:]]*=|tty[[:space:]]*=|pts|id_map|limit|aa_|se_context|loglevel|logfile|init_|haltsignal|stopsignal|rebootsignal|devttydir|console[[:space:]]*=|mount[[:space:]]*=|seccomp[[:space:]]*=|pivotdir|kmsg|rootfs\.backend)' "$f")
	assert_eq "$left" "" "legacy keys left"
	assert_eq "$(grep -c '' "$f")" "$(grep -c '' "$f.backup")" "number of lines"
	assert_eq "$(grep '^#' "$f.backup")" "$(grep '^#' "$f" | grep -v 'obsolete key')" "comments"
	assert_contains "$(cat "$f")" "	# a second interface, indented
	lxc.net.1.type = macvlan"
	assert_contains "$(cat "$f")" "lxc.net.2.ipv4.address = 192.168.7.2/24"
	# converted once, nothing is left to do
	assert_ok "$(tool lxc-update-config)" -c "$f"
	assert_contains "$OUT" "no legacy keys"
	assert_eq "$ERR" "" "stderr of the second run"
}

test_update_config_result_loads_in_lxc() {
	local f="$T_TMP/config"
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import lxc' 2>/dev/null ||
		t_skip "python3-lxc (LXC's own liblxc, to check LXC 5 reads the result) is not installed"
	cp "$FIXTURE" "$f"
	assert_ok "$(tool lxc-update-config)" -c "$f"
	# LXC 5.0 refuses every legacy key: that it loads the result shows none is left
	assert_ok /usr/bin/python3 -c '
import lxc, sys
c = lxc.Container("probe", sys.argv[2])
if not c.load_config(sys.argv[1]): sys.exit("LXC refuses " + sys.argv[1])
print(c.get_config_item("lxc.uts.name"), c.get_config_item("lxc.net.1.link"))' "$f" "$T_LXCPATH"
	assert_eq "$OUT" "old eth1" "lxc.uts.name and lxc.net.1.link as LXC reads them"
}

test_update_config_leaves_current_files_alone() {
	local f="$T_TMP/config"
	printf '# current\nlxc.uts.name = new\nlxc.net.0.type = veth\n' >"$f"
	assert_ok "$(tool lxc-update-config)" -c "$f"
	assert_contains "$OUT" "no legacy keys"
	assert_no_file "$f.backup"
	assert_eq "$(cat "$f")" "# current
lxc.uts.name = new
lxc.net.0.type = veth"
}

test_update_config_misuse() {
	local f="$T_TMP/config"
	# no arguments: the help, as LXC's script does
	assert_ok "$(tool lxc-update-config)"
	assert_contains "$OUT" "-c"
	assert_ok "$(tool lxc-update-config)" -h
	assert_contains "$OUT" "--config"
	assert_ok "$(tool lxc-update-config)" --version
	assert_contains "$OUT" "berth"
	assert_status 1 "$(tool lxc-update-config)" -c "$T_TMP/missing"
	assert_contains "$ERR" "$T_TMP/missing"
	assert_no_file "$T_TMP/missing.backup"
	assert_status 1 "$(tool lxc-update-config)" --bogus
	assert_status 1 "$(tool lxc-update-config)" -c
	# a file it cannot read as a config is not touched
	printf 'lxc.utsname = x\nlxc.uts.nme = y\n' >"$f"
	assert_status 1 "$(tool lxc-update-config)" -c "$f"
	assert_contains "$ERR" "$f:2: lxc.uts.nme: unknown key (did you mean lxc.uts.name?)"
	assert_eq "$(cat "$f")" "lxc.utsname = x
lxc.uts.nme = y" "the file"
	assert_no_file "$f.backup"
}

run_tests "$@"
