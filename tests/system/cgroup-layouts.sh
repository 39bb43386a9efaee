# cgroup-layouts.sh - containers on the cgroup layouts this hybrid host lacks, made real in a private mount namespace: pure cgroup2 (the v1 hierarchies unmounted) and pure v1 (the cgroup2 mount unmounted); the other layout's limits skipped with a warning, the device policy kept
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# berth reads the host's layout from /proc/self/mountinfo, so a monitor
# started where only some hierarchies are mounted runs its container as on a
# host that has only those: the cgroups it makes, the limits it writes, the
# device policy it sets (v1 list or BPF program) are those of that layout,
# on this host's real cgroup trees. The container's processes stay in the v1
# cgroups of the caller where v1 is unmounted (the root's: everything allowed),
# so what refuses a device there is the BPF program alone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_ATTACH=$(tool lxc-attach)
COMMON=$BERTH_PREFIX/share/lxc/config/common.conf

# need_layouts (runtime.lib) and berth's common.conf.
need_layouts_common() {
	need_layouts
	[ -r "$COMMON" ] || t_skip "berth's common.conf is not installed at $COMMON"
}

# att_in KIND SUFFIX CMD...: lxc-attach from the same layout.
att_in() {
	local kind=$1 c=$2
	shift 2
	in_layout "$kind" "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-$c" -- "$@"
}

test_layout_helper_hides_hierarchies() {
	need_layouts_common
	assert_eq "$(in_layout v2 grep -c ' - cgroup ' /proc/self/mountinfo)" 0 "v2: no v1 hierarchy left"
	[ "$(in_layout v2 grep -c ' - cgroup2 ' /proc/self/mountinfo)" -ge 1 ] || t_fail "v2: the cgroup2 hierarchy is gone"
	assert_eq "$(in_layout v1 grep -c ' - cgroup2 ' /proc/self/mountinfo)" 0 "v1: no cgroup2 hierarchy left"
	[ "$(in_layout v1 grep -c ' - cgroup ' /proc/self/mountinfo)" -ge 1 ] || t_fail "v1: the v1 hierarchies are gone"
	[ "$(grep -c ' - cgroup2 ' /proc/self/mountinfo)" -ge 1 ] || t_fail "the host's own mounts changed"
}

# A container with the shipped common.conf (v1 and cgroup2 device rules) and a
# v1 limit, on a pure cgroup2 host: it starts, the v1 limit is skipped with a
# warning, common.conf's cgroup2 rules refuse a block device.
test_pure_v2_common_conf() {
	need_layouts_common
	local maj min pid d
	read -r maj min <<<"$(host_block_dev)"
	[ -n "$maj" ] || t_skip "no block device the host itself may open (root disk, loop devices)"
	mk_container c "lxc.include = $COMMON
lxc.cgroup.pids.max = 9"
	mknod "$T_LXCPATH/$T_ID-c/rootfs/root/disk" b "$maj" "$min"
	assert_ok in_layout v2 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" -o "$T_TMP/start.log" -l WARN
	assert_contains "$(cat "$T_TMP/start.log")" "lxc.cgroup.pids.max = 9 ignored" "the v1 limit is skipped with a warning"
	assert_eq "$(state_of c)" RUNNING "started"
	pid=$(init_pid c)
	assert_eq "$(grep '^0::' "/proc/$pid/cgroup")" "0::/lxc.payload.$T_ID-c" "the init is in its cgroup2 cgroup"
	for d in /sys/fs/cgroup/*/; do
		[ "${d%/}" = "$CG2" ] && continue
		assert_no_file "$d/lxc.payload.$T_ID-c"
	done
	assert_ok att_in v2 c /bin/sh -c 'head -c 4 /dev/zero | wc -c; cat /proc/self/cgroup'
	assert_eq "$(printf '%s\n' "$OUT" | head -1 | tr -d ' ')" 4 "attached: a pipe works (4 bytes through wc -c)"
	printf '%s\n' "$OUT" | grep -qx '0::/' || t_fail "attached: the container's view of its cgroup is not exactly 0::/: $OUT"
	# lxc-cgroup reads and writes the cgroup2 files (the core ones every cgroup has)
	assert_ok in_layout v2 "$(tool lxc-cgroup)" -P "$T_LXCPATH" -n "$T_ID-c" cgroup.procs
	assert_contains "$OUT" "$pid" "lxc-cgroup: the init in cgroup.procs"
	assert_ok in_layout v2 "$(tool lxc-cgroup)" -P "$T_LXCPATH" -n "$T_ID-c" cgroup.max.depth 5
	assert_eq "$(cat "$CG2/lxc.payload.$T_ID-c/cgroup.max.depth")" 5 "lxc-cgroup wrote cgroup.max.depth"
	assert_status 1 att_in v2 c /bin/sh -c ': < /root/disk'
	assert_contains "$ERR" "Operation not permitted" "common.conf's cgroup2 rules refuse the disk"
	stop_k c
	assert_no_file "$CG2/lxc.payload.$T_ID-c"
}

# A config written for v1 hosts (lxc.cgroup.devices only) keeps its device
# policy on a pure cgroup2 host: the same rules make the BPF program.
test_pure_v2_v1_rules_make_the_program() {
	need_layouts_common
	mk_container c "lxc.cgroup.devices.deny = a
lxc.cgroup.devices.allow = c 1:3 rwm
lxc.cgroup.devices.allow = c 1:5 rwm
lxc.cgroup.devices.allow = c 5:* rwm
lxc.cgroup.devices.allow = c 136:* rwm"
	mknod "$T_LXCPATH/$T_ID-c/rootfs/root/full" c 1 7
	assert_ok in_layout v2 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_ok att_in v2 c /bin/sh -c 'head -c 4 /dev/zero | wc -c'
	assert_eq "$(echo $OUT)" 4 "/dev/zero (allowed) reads"
	assert_status 1 att_in v2 c /bin/sh -c ': < /root/full'
	assert_contains "$ERR" "Operation not permitted" "/dev/full (c 1:7, not allowed) is refused"
	stop_k c
	# a v1 rule the kernel would refuse stops the start there, named
	mk_container bad "lxc.cgroup.devices.deny = a
lxc.cgroup.devices.allow = c 1:3 rwx"
	assert_status 1 in_layout v2 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-bad"
	assert_contains "$ERR" "lxc.cgroup.devices.allow" "the key is named"
	assert_eq "$(state_of bad)" STOPPED "not running"
}

# The same common.conf on a pure v1 host: the cgroup2 keys are skipped, the v1
# device list governs, no cgroup2 cgroup is made.
test_pure_v1_common_conf() {
	need_layouts_common
	local maj min
	read -r maj min <<<"$(host_block_dev)"
	[ -n "$maj" ] || t_skip "no block device the host itself may open (root disk, loop devices)"
	[ -d /sys/fs/cgroup/devices ] || t_skip "this host has no v1 devices controller"
	mk_container c "lxc.include = $COMMON
lxc.cgroup2.pids.max = 9"
	mknod "$T_LXCPATH/$T_ID-c/rootfs/root/disk" b "$maj" "$min"
	assert_ok in_layout v1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" -o "$T_TMP/start.log" -l WARN
	assert_contains "$(cat "$T_TMP/start.log")" "lxc.cgroup2.pids.max = 9 ignored" "the cgroup2 limit is skipped with a warning"
	assert_eq "$(state_of c)" RUNNING "started"
	assert_no_file "$CG2/lxc.payload.$T_ID-c"
	assert_contains "$(cat "/sys/fs/cgroup/devices/lxc.payload.$T_ID-c/devices.list")" "c 1:3 rwm" "the v1 list"
	assert_status 1 att_in v1 c /bin/sh -c ': < /root/disk'
	assert_contains "$ERR" "Operation not permitted" "the v1 list refuses the disk"
	assert_ok att_in v1 c /bin/sh -c 'head -c 4 /dev/zero | wc -c'
	assert_eq "$(echo $OUT)" 4 "/dev/zero reads"
	stop_k c
	assert_no_file "/sys/fs/cgroup/devices/lxc.payload.$T_ID-c"
}

# The mirror case: a config with only lxc.cgroup2.devices rules keeps its
# device policy on a pure v1 host, in the v1 devices controller.
test_pure_v1_cgroup2_rules_go_to_the_v1_list() {
	need_layouts_common
	[ -d /sys/fs/cgroup/devices ] || t_skip "this host has no v1 devices controller"
	mk_container c "lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c 1:3 rwm
lxc.cgroup2.devices.allow = c 1:5 rwm
lxc.cgroup2.devices.allow = c 5:* rwm
lxc.cgroup2.devices.allow = c 136:* rwm"
	mknod "$T_LXCPATH/$T_ID-c/rootfs/root/full" c 1 7
	assert_ok in_layout v1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$(cat "/sys/fs/cgroup/devices/lxc.payload.$T_ID-c/devices.list")" "c 1:5 rwm" "the rules are the v1 list"
	assert_ok att_in v1 c /bin/sh -c 'head -c 4 /dev/zero | wc -c'
	assert_eq "$(echo $OUT)" 4 "/dev/zero (allowed) reads"
	assert_status 1 att_in v1 c /bin/sh -c ': < /root/full'
	assert_contains "$ERR" "Operation not permitted" "/dev/full (c 1:7, not allowed) is refused"
}

# Without any cgroup hierarchy a container starts (with a warning in the log),
# but not one whose config asks for a device policy nothing could enforce.
test_no_cgroups_refuses_device_rules() {
	need_layouts_common
	mk_container free
	assert_ok in_layout none "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-free" -o "$T_TMP/free.log" -l WARN
	assert_contains "$(cat "$T_TMP/free.log")" "runs without cgroups" "the log says so"
	stop_k free
	mk_container c "lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c 1:3 rwm"
	assert_status 1 in_layout none "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$ERR" "lxc.cgroup2.devices.deny" "the key is named"
	assert_contains "$ERR" "cannot be enforced" "the reason"
	assert_eq "$(state_of c)" STOPPED "not running"
}

# systemd boots on both layouts with berth's debian.common.conf: in unified
# mode on pure cgroup2, in legacy mode on pure v1; and shuts down by itself.
systemd_on() {
	local kind=$1 deb pid state t0
	boot_debian_systemd "lxc.include = $BERTH_PREFIX/share/lxc/config/debian.common.conf" in_layout "$kind" || return
	if [ "$kind" = v2 ]; then
		assert_eq "$(nsenter -t "$pid" -m stat -f -c %T /sys/fs/cgroup)" cgroup2fs "inside: cgroup2 at /sys/fs/cgroup"
	else
		assert_eq "$(nsenter -t "$pid" -m stat -f -c %T /sys/fs/cgroup)" tmpfs "inside: the v1 layout's tmpfs"
		assert_eq "$(nsenter -t "$pid" -m stat -f -c %T /sys/fs/cgroup/memory)" cgroupfs "inside: the v1 hierarchies"
	fi
	t0=$SECONDS
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$deb" -t 30
	[ $((SECONDS - t0)) -lt 30 ] || t_fail "systemd did not shut down by itself within 30 s"
	assert_eq "$("$LXC_INFO" -P "$T_LXCPATH" -n "$deb" -sH)" STOPPED "stopped"
}

test_pure_v2_systemd() {
	need_layouts_common
	systemd_on v2
}

test_pure_v1_systemd() {
	need_layouts_common
	systemd_on v1
}

run_tests "$@"
