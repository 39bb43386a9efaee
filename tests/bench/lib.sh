# tests/bench/lib.sh - what the benchmarks share: a minimal busybox container, fork-free timing, medians
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Sourced by tests/bench/start and tests/bench/compare. Benchmarks print
# numbers and never fail on them: speed is a ratio to report, not an assertion.

bench_require() {
	[ "$(id -u)" = 0 ] || { echo "needs root" >&2; exit 1; }
	BUSYBOX=$(command -v busybox) || { echo "needs busybox (busybox-static)" >&2; exit 1; }
	[ -n "${EPOCHREALTIME:-}" ] || { echo "needs bash 5 (EPOCHREALTIME)" >&2; exit 1; }
}

# bench_container LXCPATH NAME NETTYPE [BRIDGE]: a busybox container whose
# init only sleeps, so what is timed is the manager's work and not the guest's
# boot. The config sticks to keys both berth and LXC 5.0 read the same way.
# NETTYPE veth needs BRIDGE (see bench_bridge).
bench_container() {
	local lxcpath=$1 name=$2 net=$3 bridge=${4:-} rootfs=$1/$2/rootfs
	mkdir -p "$rootfs"
	(
		cd "$rootfs" || exit 1
		mkdir -p bin sbin etc proc sys dev tmp root
		cp "$BUSYBOX" bin/busybox
		for a in sh init sleep true cat; do ln -s busybox "bin/$a"; done
		ln -s ../bin/busybox sbin/init
		printf '::sysinit:/bin/true\nconsole::respawn:/bin/sleep 100000\n' >etc/inittab
	) || return 1
	cat >"$lxcpath/$name/config" <<EOF
lxc.rootfs.path = dir:$rootfs
lxc.uts.name = $name
lxc.autodev = 1
lxc.pty.max = 1
lxc.tty.max = 1
lxc.mount.auto = proc:mixed sys:mixed cgroup:mixed
lxc.net.0.type = $net
lxc.cap.drop = sys_module mac_admin mac_override sys_time
EOF
	if [ "$net" = veth ]; then
		printf 'lxc.net.0.link = %s\nlxc.net.0.flags = up\n' "$bridge" >>"$lxcpath/$name/config"
	fi
}

# bench_bridge NAME: a bridge of the benchmark's own for veth runs (no
# address, no traffic); the caller deletes it.
bench_bridge() {
	ip link add "$1" type bridge && ip link set "$1" up
}

# microseconds from an $EPOCHREALTIME value (seconds.micros), without a fork
us() { local t=${1/./}; echo $((10#$t)); }
median() { sort -n | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print "-"}'; }

# The monitor of a running container: the parent of its init. Its RSS in kB.
monitor_rss_kb() {
	local info=$1 lxcpath=$2 name=$3 pid mon
	pid=$("$info" -P "$lxcpath" -n "$name" -pH) || return 1
	mon=$(awk '/^PPid/ {print $2}' "/proc/$pid/status")
	awk '/^VmRSS/ {print $2}' "/proc/$mon/status"
}
