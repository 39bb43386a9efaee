#!/bin/bash
# cgroup-inner-devices.sh - the v1 and cgroup2 device policy of a container with an inner cgroup (lxc.cgroup.dir.container.inner), at start and with lxc-device at run time
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_ATTACH=$(tool lxc-attach)
LXC_DEVICE=$(tool lxc-device)

# The v1 device list is written before the inner cgroup exists (the kernel
# refuses "a" rules in a cgroup with children, and a child keeps the list it
# was made with); a device allowed at run time reaches the inner cgroup,
# where the init is, and a device program sits on the outer one.
test_inner_cgroup_device_policy() {
	need_runtime
	local c="$T_ID-dc" m="$T_ID-dm" name="$T_ID-dev"
	mk_container dev "lxc.cgroup.dir.container = $c/payload
lxc.cgroup.dir.monitor = $m/mon
lxc.cgroup.dir.container.inner = inner
lxc.cgroup.devices.deny = a
lxc.cgroup.devices.allow = c 1:3 rwm
lxc.cgroup.devices.allow = c 1:5 rwm
lxc.cgroup.devices.allow = c 5:* rwm
lxc.cgroup.devices.allow = c 136:* rwm
lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c 1:3 rwm
lxc.cgroup2.devices.allow = c 1:5 rwm
lxc.cgroup2.devices.allow = c 5:* rwm
lxc.cgroup2.devices.allow = c 136:* rwm"
	start_ok dev
	assert_ok "$LXC_ATTACH" -P "$T_LXCPATH" -n "$name" -- /bin/sh -c 'head -c 3 /dev/zero | wc -c'
	assert_eq "$(echo $OUT)" 3 "/dev/zero (allowed) reads"
	assert_status 1 "$LXC_ATTACH" -P "$T_LXCPATH" -n "$name" -- /bin/sh -c ': < /dev/full'
	assert_contains "$ERR" "Operation not permitted" "/dev/full (c 1:7) is refused in the inner cgroup"
	assert_ok "$LXC_DEVICE" -P "$T_LXCPATH" -n "$name" add /dev/full /root/full2
	assert_ok "$LXC_ATTACH" -P "$T_LXCPATH" -n "$name" -- /bin/sh -c 'head -c 2 /root/full2 | wc -c'
	assert_eq "$(echo $OUT)" 2 "the device added at run time opens in the inner cgroup"
	stop_k dev
}

run_tests "$@"
