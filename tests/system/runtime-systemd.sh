# runtime-systemd.sh - a Debian container boots systemd on this host (cgroup v1 hybrid included), reaches running/degraded, shuts down cleanly
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Needs a Debian rootfs with systemd: $BERTH_TEST_DEBIAN_ROOTFS (a directory,
# used in place: the boot writes its journal there), or the lxc-debian
# template's cached tarball under $LXC_CACHE_PATH (default /var/cache/lxc),
# unpacked into the test's lxcpath. Without either it makes one with the installed
# lxc-debian template (debootstrap, minutes) into $BERTH_SUITE_CACHE, which
# tests/run-all keeps for the whole run; it skips only when the mirror is unreachable.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

# Sets $rootfs (not through $(...): a skip must leave the test, not a subshell).
debian_rootfs() {
	local dest=$1 tarball
	if [ -n "${BERTH_TEST_DEBIAN_ROOTFS:-}" ]; then
		[ -x "$BERTH_TEST_DEBIAN_ROOTFS/lib/systemd/systemd" ] ||
			t_skip "BERTH_TEST_DEBIAN_ROOTFS=$BERTH_TEST_DEBIAN_ROOTFS has no systemd"
		rootfs=$BERTH_TEST_DEBIAN_ROOTFS
		return
	fi
	local cache=${LXC_CACHE_PATH:-${BERTH_SUITE_CACHE:-/var/cache/lxc}}
	tarball=$(ls "$cache"/debian/rootfs-*-amd64.tar.zst 2>/dev/null | head -1)
	if [ -z "$tarball" ]; then
		getent hosts deb.debian.org >/dev/null ||
			t_skip "no Debian rootfs and the Debian mirror is unreachable (set BERTH_TEST_DEBIAN_ROOTFS)"
		mkdir -p "$cache" "$(dirname "$dest")"
		touch "$(dirname "$dest")/config"
		LXC_CACHE_PATH=$cache "$BERTH_PREFIX/share/lxc/templates/lxc-debian" --path="$(dirname "$dest")" \
			--name=debcache --rootfs="$dest" >"$T_TMP/debootstrap.log" 2>&1 ||
			{ t_fail "lxc-debian failed: $(tail -3 "$T_TMP/debootstrap.log")"; return; }
		rootfs=$dest
		return
	fi
	mkdir -p "$dest"
	tar --zstd -xf "$tarball" -C "$dest" || t_skip "cannot unpack $tarball"
	rootfs=$dest
}

test_systemd_boots_and_stops() {
	need_runtime
	local name=$T_ID-deb dir=$T_LXCPATH/$T_ID-deb rootfs
	debian_rootfs "$dir/rootfs"
	mkdir -p "$dir"
	cat >"$dir/config" <<EOF
lxc.include = /usr/share/lxc/config/common.conf
lxc.rootfs.path = dir:$rootfs
lxc.uts.name = deb-$T_ID
lxc.net.0.type = empty
lxc.apparmor.profile = unconfined
EOF
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$name' -k"
	assert_ok "$LXC_START" -P "$T_LXCPATH" -n "$name"
	local pid state i
	pid=$("$LXC_INFO" -P "$T_LXCPATH" -n "$name" -pH)
	assert_match "$(readlink /proc/$pid/exe)" "/lib/systemd/systemd$" "systemd is the init"
	for i in $(seq 30); do
		state=$(nsenter -t "$pid" -m -u -i -n -p -C -r -w -- systemctl is-system-running 2>/dev/null)
		case "$state" in running | degraded) break ;; esac
		sleep 1
	done
	case "$state" in
	running | degraded) ;;
	*) t_fail "systemctl is-system-running says '$state' after 30s; failed units: $(nsenter -t "$pid" -a -- systemctl --failed --no-legend 2>&1 | head -5)" ;;
	esac
	# a clean shutdown (systemd gets SIGRTMIN+3, as with LXC)
	local t0=$SECONDS
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$name" -t 30
	[ $((SECONDS - t0)) -lt 30 ] || t_fail "systemd did not shut down by itself within 30s"
	assert_eq "$("$LXC_INFO" -P "$T_LXCPATH" -n "$name" -sH)" STOPPED "stopped"
}

run_tests "$@"
