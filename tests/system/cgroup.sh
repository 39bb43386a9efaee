# cgroup.sh - cgroup keys of real busybox containers: lxc-cgroup read/write, bad keys and values, lxc.cgroup.* limits at start, lxc-info -S, OOM
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Written for hybrid hosts (cgroup v1 controllers plus a unified tree), as
# the runtime supports them; each test skips where the v1 controller it
# reads is not mounted.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_CGROUP=$(tool lxc-cgroup)
LXC_ATTACH=$(tool lxc-attach)

need_v1() {
	local c
	for c in "$@"; do
		[ -d "/sys/fs/cgroup/$c" ] && grep -qw "$c" /proc/self/cgroup ||
			t_skip "needs the cgroup v1 $c controller mounted at /sys/fs/cgroup/$c"
	done
}

cg() {
	"$LXC_CGROUP" -P "$T_LXCPATH" -n "$T_ID-$1" "${@:2}"
}

test_read_write() {
	need_runtime
	need_v1 memory pids
	mk_container c
	start_ok c
	assert_ok cg c memory.limit_in_bytes 96M
	assert_ok cg c memory.limit_in_bytes
	assert_eq "$OUT" 100663296 "memory limit read back"
	# the kernel's file agrees
	assert_eq "$(cat "/sys/fs/cgroup/memory/lxc.payload.$T_ID-c/memory.limit_in_bytes")" 100663296 "memory limit in the kernel"
	assert_ok cg c pids.max 33
	assert_ok cg c pids.max
	assert_eq "$OUT" 33 "pids.max read back"
	# as LXC: the file's text and a newline
	assert_eq "$(cg c pids.max | od -An -c | tr -d ' ')" '33\n\n' "output bytes"
	assert_ok cg c cgroup.procs
	assert_contains "$OUT" "$(init_pid c)" "init in the payload cgroup (unified)"
}

test_bad_key_and_value() {
	need_runtime
	need_v1 pids
	mk_container c
	start_ok c
	assert_status 1 cg c pids.max notanumber
	assert_contains "$ERR" "pids.max" "the key is named"
	assert_contains "$ERR" "/sys/fs/cgroup/pids/lxc.payload.$T_ID-c/pids.max" "the file is named"
	assert_contains "$ERR" "Invalid argument" "the kernel's reason"
	assert_status 1 cg c ../../pids.max 1
	assert_contains "$ERR" "not a cgroup key" "a key with .. is refused"
	assert_status 1 cg c pids.nosuchfile
	assert_contains "$ERR" "No such file" "a missing file"
	assert_status 1 cg c
	assert_contains "$ERR" "missing state object" "no key"
	mk_container s
	assert_status 1 cg s pids.max
	assert_contains "$ERR" "not running" "a stopped container"
}

test_config_limits_at_start() {
	need_runtime
	need_v1 memory pids cpuset cpu
	mk_container c "lxc.cgroup.memory.limit_in_bytes = 80M
lxc.cgroup.pids.max = 44
lxc.cgroup.cpuset.cpus = 0
lxc.cgroup.cpu.shares = 512"
	start_ok c
	assert_ok cg c memory.limit_in_bytes
	assert_eq "$OUT" 83886080 "memory.limit_in_bytes from the config"
	assert_ok cg c pids.max
	assert_eq "$OUT" 44 "pids.max from the config"
	assert_ok cg c cpuset.cpus
	assert_eq "$OUT" 0 "cpuset.cpus from the config"
	assert_ok cg c cpu.shares
	assert_eq "$OUT" 512 "cpu.shares from the config"
}

test_refused_value_stops_start() {
	need_runtime
	need_v1 pids
	mk_container c "lxc.cgroup.pids.max = bogus"
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$ERR" "lxc.cgroup.pids.max" "the key is named"
	assert_contains "$ERR" "pids.max: Invalid argument" "the file and the kernel's reason"
	assert_eq "$(state_of c)" STOPPED "not running"
	local d
	for d in /sys/fs/cgroup/*/lxc.payload."$T_ID-c" /sys/fs/cgroup/*/lxc.monitor."$T_ID-c"; do
		assert_no_file "$d"
	done
}

test_cgroup2_keys_on_hybrid_are_skipped() {
	need_runtime
	need_v1 pids
	[ -d /sys/fs/cgroup/unified ] || t_skip "needs a hybrid host (cgroup v1 plus /sys/fs/cgroup/unified)"
	# as LXC: cgroup2 limits are ignored with a warning on a hybrid host
	mk_container c "lxc.cgroup2.pids.max = 7
lxc.cgroup.pids.max = 21"
	start_ok c
	assert_eq "$(state_of c)" RUNNING "started"
	assert_ok cg c pids.max
	assert_eq "$OUT" 21 "the v1 limit applies"
}

# hugetlb is the controller this hybrid host's cgroup2 tree carries: its
# lxc.cgroup2 limit is applied there (other cgroup2 keys are skipped above).
test_cgroup2_hugetlb_limit() {
	need_runtime
	local base
	base=$(cg2_mount)
	[ -n "$base" ] || t_skip "the host has no cgroup2 hierarchy"
	grep -qw hugetlb "$base/cgroup.controllers" || t_skip "the host's cgroup2 tree has no hugetlb controller"
	[ -d /sys/kernel/mm/hugepages/hugepages-2048kB ] || t_skip "this kernel has no 2 MB huge pages"
	mk_container c "lxc.cgroup2.hugetlb.2MB.max = 4194304"
	start_ok c
	assert_ok cg c hugetlb.2MB.max
	assert_eq "$OUT" 4194304 "hugetlb.2MB.max from lxc.cgroup2, in the cgroup2 tree"
	assert_eq "$(cat "$base/lxc.payload.$T_ID-c/hugetlb.2MB.max" 2>&1)" 4194304 "the host's view"
}

test_info_stats() {
	need_runtime
	need_v1 memory cpuacct
	mk_container c
	start_ok c
	assert_ok "$LXC_INFO" -P "$T_LXCPATH" -n "$T_ID-c" -S
	assert_not_contains "$OUT$ERR" "not implemented" "no stub left"
	assert_match "$OUT" '^CPU use:        [0-9]+\.[0-9]{2} seconds' "CPU use"
	assert_match "$OUT" 'BlkIO use:      [0-9.]+ (bytes|KiB|MiB|GiB)' "BlkIO use"
	assert_match "$OUT" 'Memory use:     [0-9.]+ (bytes|KiB|MiB|GiB)' "Memory use"
	assert_match "$OUT" 'KMem use:       [0-9.]+ (bytes|KiB|MiB|GiB)' "KMem use"
	assert_not_contains "$OUT" "Link:" "no Link line for lxc.net.0.type = empty"
	assert_ok "$LXC_INFO" -P "$T_LXCPATH" -n "$T_ID-c" -S --format=json
	assert_match "$OUT" '"memory_bytes": [1-9][0-9]*' "json memory"
	assert_match "$OUT" '"cpu_use_ns": [0-9]+' "json cpu"
}

test_oom_kills_only_the_hog() {
	need_runtime
	need_v1 memory
	mk_container c "lxc.cgroup.memory.limit_in_bytes = 64M"
	start_ok c
	local init mon
	init=$(init_pid c)
	mon=$(monitor_pid c)
	# a shell variable of 200 MB: the cgroup's OOM killer ends that shell
	assert_status 137 "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -- sh -c 'x=$(head -c 200000000 /dev/zero | tr "\0" a); echo ${#x}'
	assert_eq "$(state_of c)" RUNNING "still running"
	assert_eq "$(init_pid c)" "$init" "init survived"
	kill -0 "$mon" 2>/dev/null || t_fail "monitor $mon died"
	# the cgroup's own OOM killer did it
	assert_ok cg c memory.oom_control
	assert_match "$OUT" 'oom_kill [1-9]' "an OOM kill in the container's memory cgroup"
}

run_tests "$@"
