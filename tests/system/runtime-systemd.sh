# runtime-systemd.sh - a Debian container boots systemd on this host (cgroup v1 hybrid included), reaches running/degraded, shuts down cleanly
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Needs a Debian rootfs with systemd: see debian_rootfs in runtime.lib. The
# config includes berth's own common.conf (never LXC's).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

test_systemd_boots_and_stops() {
	need_runtime
	local deb pid state
	boot_debian_systemd "lxc.include = $BERTH_PREFIX/share/lxc/config/common.conf
lxc.apparmor.profile = unconfined" || return
	assert_match "$(readlink /proc/$pid/exe)" "/lib/systemd/systemd$" "systemd is the init"
	# a clean shutdown (systemd gets SIGRTMIN+3, as with LXC)
	local t0=$SECONDS
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$deb" -t 30
	[ $((SECONDS - t0)) -lt 30 ] || t_fail "systemd did not shut down by itself within 30s"
	assert_eq "$("$LXC_INFO" -P "$T_LXCPATH" -n "$deb" -sH)" STOPPED "stopped"
}

run_tests "$@"
