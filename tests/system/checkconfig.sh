#!/usr/bin/env bash
# tests/system/checkconfig.sh - lxc-checkconfig: probe verdicts against the test's own probes, fake configs, gzip, help/version, no leftovers
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"

# verdict_of OUTPUT LABEL: the word after "LABEL: " (enabled, missing, required, unknown)
verdict_of() {
	printf '%s\n' "$1" | awk -v l="$2: " 'index($0, l) == 1 {
		s = substr($0, length(l) + 1); sub(/[^a-z].*/, "", s); print s; exit }'
}
# line_of OUTPUT LABEL: the whole text after "LABEL: "
line_of() {
	printf '%s\n' "$1" | awk -v l="$2: " 'index($0, l) == 1 { print substr($0, length(l) + 1); exit }'
}
expect_verdict() { # OUTPUT LABEL EXPECTED
	assert_eq "$(verdict_of "$1" "$2")" "$3" "'$2'"
}

# The test's own answer whether a link type can be created, in its own
# throw-away network namespace (macvlan, vlan and ipvlan on a veth parent, or a
# bridge where veth is missing).
link_truth() {
	unshare --net bash -c '
		ip link add par0 type veth peer name par1 2>/dev/null || ip link add par0 type bridge 2>/dev/null
		case $1 in
		veth) ip link add x0 type veth peer name x1 ;;
		bridge) ip link add x0 type bridge ;;
		dummy) ip link add x0 type dummy ;;
		macvlan) ip link add x0 link par0 type macvlan ;;
		vlan) ip link add x0 link par0 type vlan id 7 ;;
		ipvlan) ip link add x0 link par0 type ipvlan ;;
		*) exit 2 ;;
		esac' _ "$1" >/dev/null 2>&1 && echo enabled || echo missing
}

need_netns() {
	command -v ip >/dev/null || t_skip "ip (iproute2) is not installed"
	unshare --net true 2>/dev/null || t_skip "cannot create a network namespace (unshare --net)"
}

# ---- (1) probe mode on this machine, each verdict checked against the truth ----

test_probe_says_its_source() {
	assert_ok env CONFIG="/nonexistent-$T_ID" "$(tool lxc-checkconfig)" --probe
	assert_contains "$OUT" "probed the running kernel $(uname -r)"
	assert_not_contains "$OUT" "Kernel configuration found"
}

test_probe_link_types() {
	need_netns
	local out t want got
	out=$("$(tool lxc-checkconfig)" --probe) || t_fail "lxc-checkconfig --probe failed"
	for t in veth:"Veth pair device" bridge:Bridges dummy:Dummy macvlan:Macvlan vlan:Vlan ipvlan:Ipvlan; do
		want=$(link_truth "${t%%:*}")
		got=$(verdict_of "$out" "${t#*:}")
		if [ "$want" = missing ] && [ "$got" = enabled ]; then
			# Only acceptable where a module exists that could not be loaded.
			assert_contains "$(line_of "$out" "${t#*:}")" "not loaded" "${t%%:*}: enabled although it cannot be created"
		else
			assert_eq "$got" "$want" "${t%%:*} (own probe says $want)"
		fi
	done
	assert_not_contains "$out" "cannot probe link types"
}

test_probe_apparmor() {
	local want=missing got
	if [ -d /sys/kernel/security/apparmor ] ||
		[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ]; then
		want=enabled
	fi
	got=$(verdict_of "$("$(tool lxc-checkconfig)" --probe)" AppArmor)
	assert_eq "$got" "$want" "AppArmor (/sys says $want)"
}

test_probe_namespaces() {
	local out want n
	out=$("$(tool lxc-checkconfig)" --probe)
	want=missing
	[ -e /proc/self/ns/user ] && want=enabled
	expect_verdict "$out" "User namespace" "$want"
	if unshare --user true 2>/dev/null; then
		expect_verdict "$out" "User namespace" enabled
	fi
	if [ "$want" = enabled ]; then
		n=$(cat /proc/sys/user/max_user_namespaces)
		assert_eq "$(line_of "$out" "Max user namespaces")" "$n" "max_user_namespaces"
	fi
	want=missing
	unshare --time true 2>/dev/null && want=enabled
	expect_verdict "$out" "Time namespace" "$want"
	want=required
	[ -e /proc/self/ns/pid ] && want=enabled
	expect_verdict "$out" "Pid namespace" "$want"
}

test_probe_storage_and_seccomp() {
	local out want
	out=$("$(tool lxc-checkconfig)" --probe)
	# overlay: can it really be mounted (in a private mount namespace)?
	mkdir -p "$T_TMP"/{lower,upper,work,merged}
	want=missing
	if unshare --mount sh -c "mount -t overlay overlay -o lowerdir=$T_TMP/lower,upperdir=$T_TMP/upper,workdir=$T_TMP/work $T_TMP/merged" 2>/dev/null; then
		want=enabled
	fi
	expect_verdict "$out" Overlayfs "$want"
	want=missing
	grep -qw btrfs /proc/filesystems && want=enabled
	expect_verdict "$out" Btrfs "$want"
	want=missing
	grep -q '^Seccomp:' /proc/self/status && want=enabled
	expect_verdict "$out" Seccomp "$want"
	if command -v python3 >/dev/null && python3 -c 'import os; os.pidfd_open' 2>/dev/null; then
		want=missing
		python3 -c 'import os; os.pidfd_open(os.getpid())' 2>/dev/null && want=enabled
		expect_verdict "$out" "pidfd (pidfd_open)" "$want"
	fi
	want=missing
	[ -e /proc/modules ] && want=enabled
	expect_verdict "$out" "Loadable modules" "$want"
}

test_probe_cgroup_layout() {
	local out v1 v2 real want c
	out=$("$(tool lxc-checkconfig)" --probe)
	v2=$(findmnt -rn -t cgroup2 -o TARGET | head -n 1)
	v1=$(findmnt -rn -t cgroup -o TARGET)
	real=$(findmnt -rn -t cgroup -o VFS-OPTIONS,FS-OPTIONS | tr ', ' '\n\n' |
		grep -Fxf <(awk 'NR > 1 { print $1 }' /proc/cgroups) | sort -u)
	if [ -n "$v2" ] && [ -n "$real" ]; then want=hybrid
	elif [ -n "$v2" ]; then want="pure v2"
	elif [ -n "$v1" ]; then want="pure v1"
	else want=none; fi
	assert_match "$(line_of "$out" "Cgroup layout")" "^$want" "cgroup layout"
	for c in $real; do
		assert_match " $(line_of "$out" "Cgroup v1 controllers") " " $c " "v1 controller $c"
	done
	if [ -n "$v2" ]; then
		for c in $(cat "$v2/cgroup.controllers"); do
			assert_match " $(line_of "$out" "Cgroup v2 controllers") " " $c " "v2 controller $c"
		done
		assert_match "$(verdict_of "$out" "Cgroup v2 freezer (cgroup.freeze)")" '^(enabled|missing)$' "cgroup.freeze"
	fi
}

# Where the running kernel's own config exists, probing must agree with it.
test_probe_agrees_with_proc_config() {
	[ -r /proc/config.gz ] || t_skip "no /proc/config.gz (kernel without IKCONFIG_PROC)"
	need_netns
	local probe conf l
	probe=$("$(tool lxc-checkconfig)" --probe)
	conf=$(CONFIG=/proc/config.gz "$(tool lxc-checkconfig)")
	assert_contains "$conf" "Kernel configuration found at /proc/config.gz"
	for l in "User namespace" "Network namespace" "Time namespace" "Veth pair device" Macvlan Vlan Ipvlan Dummy \
		Bridges AppArmor Seccomp "Seccomp filter" Overlayfs Btrfs "Loadable modules" "Cgroup memory controller" \
		"pidfd (pidfd_open)" clone3 "Idmapped mounts (mount_setattr)" "FUSE (for use with lxcfs)"; do
		assert_eq "$(verdict_of "$probe" "$l")" "$(verdict_of "$conf" "$l")" "'$l' probed vs /proc/config.gz"
	done
}

# ---- (2)/(3) config-file mode with fake configs, plain and gzipped ----

write_fake_config() { # FILE VERSION-HEADER-OR-EMPTY
	{
		[ -n "$2" ] && printf '#\n# Linux/x86 %s Kernel Configuration\n#\n' "$2"
		cat <<'EOF'
CONFIG_NAMESPACES=y
CONFIG_UTS_NS=y
# CONFIG_IPC_NS is not set
CONFIG_PID_NS=y
CONFIG_USER_NS=y
CONFIG_NET_NS=y
CONFIG_CGROUPS=y
CONFIG_MEMCG=m
CONFIG_VETH=m
CONFIG_MACVLAN=y
# CONFIG_VLAN_8021Q is not set
CONFIG_IPVLAN_L3S=y
CONFIG_IPVLANX=y
CONFIG_NET_TIME_NS=y
#CONFIG_DUMMY=y
CONFIG_BRIDGE=m
CONFIG_SECURITY_APPARMOR=y
CONFIG_SECCOMP=y
CONFIG_SECCOMP_FILTER=y
CONFIG_OVERLAY_FS=m
CONFIG_BTRFS_FS=n
CONFIG_MODULES=y
EOF
	} >"$1"
}

# what an =m line must say after "enabled": the module's state where modules exist
mod_state() {
	[ -r /proc/modules ] || return 0
	if grep -q "^$1 " /proc/modules; then printf ', loaded'; else printf ', not loaded'; fi
}

check_fake_verdicts() { # OUTPUT
	local out=$1
	expect_verdict "$out" Namespaces enabled
	expect_verdict "$out" "Utsname namespace" enabled
	expect_verdict "$out" "Ipc namespace" required
	expect_verdict "$out" "Pid namespace" enabled
	expect_verdict "$out" "Time namespace" missing   # only a look-alike name is set
	expect_verdict "$out" "Macvlan" enabled
	assert_eq "$(line_of "$out" "Veth pair device")" "enabled$(mod_state veth)" "=m veth"
	assert_eq "$(line_of "$out" "Bridges")" "enabled$(mod_state bridge)" "=m bridge"
	assert_eq "$(line_of "$out" "Overlayfs")" "enabled$(mod_state overlay)" "=m overlay"
	expect_verdict "$out" Vlan missing       # "is not set"
	expect_verdict "$out" Ipvlan missing     # only look-alike names are set
	expect_verdict "$out" Dummy missing      # commented out
	expect_verdict "$out" Btrfs missing      # =n
	expect_verdict "$out" "Cgroup memory controller" enabled
	expect_verdict "$out" AppArmor enabled
	expect_verdict "$out" Seccomp enabled
	expect_verdict "$out" "Seccomp filter" enabled
	expect_verdict "$out" "Loadable modules" enabled
	expect_verdict "$out" "CONFIG_FHANDLE" missing
	assert_not_contains "$out" "probed the running kernel"
}

test_config_file() {
	local cfg=$T_TMP/config-5.10
	write_fake_config "$cfg" 5.10.0-28-amd64
	assert_ok env CONFIG="$cfg" "$(tool lxc-checkconfig)"
	assert_contains "$OUT" "Kernel configuration found at $cfg"
	check_fake_verdicts "$OUT"
	# version-gated lines follow the header's 5.10
	expect_verdict "$OUT" "Idmapped mounts (mount_setattr)" missing
	expect_verdict "$OUT" "pidfd (pidfd_open)" enabled
	expect_verdict "$OUT" clone3 enabled
	expect_verdict "$OUT" "Seccomp notify" enabled
	assert_not_contains "$OUT" "WARNING: Unable to detect version"
}

test_config_file_old_kernel_and_no_header() {
	local cfg=$T_TMP/config-4.19
	write_fake_config "$cfg" 4.19.0
	assert_ok env CONFIG="$cfg" "$(tool lxc-checkconfig)"
	expect_verdict "$OUT" "pidfd (pidfd_open)" missing
	expect_verdict "$OUT" clone3 missing
	expect_verdict "$OUT" "Seccomp notify" missing
	write_fake_config "$cfg" ""
	assert_ok env CONFIG="$cfg" "$(tool lxc-checkconfig)"
	assert_contains "$OUT" "WARNING: Unable to detect version from configuration, assuming latest"
	expect_verdict "$OUT" "Idmapped mounts (mount_setattr)" enabled
}

test_config_file_gzipped() {
	local cfg=$T_TMP/config.gz plain
	write_fake_config "$T_TMP/config" 6.1.0
	gzip -c "$T_TMP/config" >"$cfg"
	assert_ok env CONFIG="$T_TMP/config" "$(tool lxc-checkconfig)"
	plain=$OUT
	assert_ok env CONFIG="$cfg" "$(tool lxc-checkconfig)"
	assert_contains "$OUT" "Kernel configuration found at $cfg"
	check_fake_verdicts "$OUT"
	assert_eq "$(printf '%s\n' "$OUT" | grep -v "^Kernel configuration")" \
		"$(printf '%s\n' "$plain" | grep -v "^Kernel configuration")" "gzipped and plain reports"
}

# Config mode must not create namespaces or links: a fake unshare/ip on PATH would notice.
test_config_file_does_not_probe() {
	local cfg=$T_TMP/config bin=$T_TMP/bin
	write_fake_config "$cfg" 6.1.0
	mkdir -p "$bin"
	for c in unshare ip; do
		printf '#!/bin/sh\necho "$0 $*" >>%s/called\nexit 1\n' "$T_TMP" >"$bin/$c"
		chmod +x "$bin/$c"
	done
	assert_ok env PATH="$bin:$PATH" CONFIG="$cfg" "$(tool lxc-checkconfig)"
	assert_no_file "$T_TMP/called"
	# ... and --probe does use them (so the check above can fail)
	assert_ok env PATH="$bin:$PATH" CONFIG="$cfg" "$(tool lxc-checkconfig)" --probe
	assert_file "$T_TMP/called"
	expect_verdict "$OUT" "Veth pair device" unknown
	assert_contains "$OUT" "cannot probe link types"
}

# A missing $CONFIG: LXC's search (/boot, the build tree), then probing.
test_config_missing_searches_then_probes() {
	local k
	k=$(uname -r)
	assert_ok env CONFIG="/nonexistent-$T_ID" "$(tool lxc-checkconfig)"
	assert_contains "$OUT" "Kernel configuration not found at /nonexistent-$T_ID; searching..."
	if [ -f "/boot/config-$k" ]; then
		assert_contains "$OUT" "Kernel configuration found at /boot/config-$k"
	elif [ -f "/lib/modules/$k/build/.config" ]; then
		assert_contains "$OUT" "Kernel configuration found at /lib/modules/$k/build/.config"
	else
		assert_contains "$OUT" "No kernel configuration found; probed the running kernel $k"
	fi
}

# ---- (4) options, exit codes, colour ----

test_help_version() {
	local v
	assert_ok "$(tool lxc-checkconfig)" --help
	assert_contains "$OUT" "Usage: lxc-checkconfig"
	assert_contains "$OUT" "CONFIG="
	assert_contains "$OUT" "--probe"
	assert_ok "$(tool lxc-checkconfig)" --version
	assert_match "$OUT" '^[0-9]+\.[0-9]+\.[0-9]+ \(berth [0-9][0-9.a-z~-]*\)$' "--version format"
	# the same numbers as every other tool (all come from configure)
	v=$("$(tool lxc-config)" --version)
	assert_eq "$OUT" "$v" "--version vs lxc-config --version"
	if [ -n "${BERTH_SRCDIR:-}" ] && [ -f "$BERTH_SRCDIR/configure.ac" ]; then
		assert_contains "$OUT" "(berth $(sed -n 's/^AC_INIT(\[berth\], \[\([^]]*\)\].*/\1/p' "$BERTH_SRCDIR/configure.ac"))"
	fi
	assert_eq "$("$(tool lxc-checkconfig)" | head -n 1)" "LXC version $OUT" "first line of the report"
	assert_status 1 "$(tool lxc-checkconfig)" --no-such-option
	assert_contains "$ERR" "unknown option"
	assert_eq "$OUT" "" "stdout of a bad option"
}

test_exit_status_zero_even_when_required_missing() {
	printf '# CONFIG_NAMESPACES is not set\n' >"$T_TMP/config"
	assert_ok env CONFIG="$T_TMP/config" "$(tool lxc-checkconfig)"
	expect_verdict "$OUT" Namespaces required
}

test_colour_only_on_a_terminal() {
	command -v script >/dev/null || t_skip "script (util-linux) is not installed"
	local esc tty
	esc=$(printf '\033')
	assert_ok "$(tool lxc-checkconfig)"
	assert_not_contains "$OUT" "$esc" "colour in a pipe"
	tty=$(script -qec "$(tool lxc-checkconfig)" /dev/null </dev/null)
	assert_contains "$tty" "${esc}[1;32menabled" "colour on a terminal"
	tty=$(NO_COLOR=1 script -qec "$(tool lxc-checkconfig)" /dev/null </dev/null)
	assert_not_contains "$tty" "$esc" "colour with NO_COLOR"
}

# ---- (5) nothing left behind: no process, network namespace or link ----

test_probe_leaves_nothing_behind() {
	need_netns
	local netns_before netns_after mon leftover pid
	netns_before=$(ip netns list 2>/dev/null)
	# Watch the host's links while the tool runs: none of its test links may show up here.
	ip monitor link >"$T_TMP/monitor" 2>&1 &
	mon=$!
	on_cleanup "kill $mon"
	sleep 0.2
	# The marker is inherited by everything the tool starts, so leftovers can be found.
	env BERTH_CHECKCONFIG_MARK="$T_ID" "$(tool lxc-checkconfig)" --probe >"$T_TMP/out" 2>&1 ||
		t_fail "lxc-checkconfig --probe failed: $(cat "$T_TMP/out")"
	sleep 0.2
	kill "$mon" 2>/dev/null
	wait "$mon" 2>/dev/null
	leftover=''
	for pid in /proc/[0-9]*; do
		if tr '\0' '\n' 2>/dev/null <"$pid/environ" | grep -qx "BERTH_CHECKCONFIG_MARK=$T_ID"; then
			leftover="$leftover ${pid#/proc/}($(cat "$pid/comm" 2>/dev/null))"
		fi
	done
	assert_eq "$leftover" "" "processes left running"
	netns_after=$(ip netns list 2>/dev/null)
	assert_eq "$netns_after" "$netns_before" "named network namespaces"
	assert_eq "$(grep -Ec 'cc(veth|br|dummy|macvlan|vlan|ipvlan)[0-9]' "$T_TMP/monitor")" 0 \
		"link events in the host's namespace: $(cat "$T_TMP/monitor")"
	assert_contains "$(cat "$T_TMP/out")" "Veth pair device: "
}

run_tests "$@"
