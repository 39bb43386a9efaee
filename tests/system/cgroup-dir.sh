#!/bin/bash
# cgroup-dir.sh - lxc.cgroup.dir, .dir.container/.dir.monitor/.dir.container.inner, .dir.monitor.pivot and lxc.cgroup.relative with real containers, in every hierarchy of this host
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_CGROUP=$(tool lxc-cgroup)
LXC_ATTACH=$(tool lxc-attach)

need_cgroups() {
	need_runtime
	[ -n "$(hierarchies)" ] || t_skip "no cgroup hierarchy mounted"
}

# mk_cg REL: makes REL in every hierarchy, usable at once (a v1 cpuset cgroup
# starts with no CPUs and memory nodes: take the parent's).
mk_cg() {
	local h f
	for h in $(hierarchies); do
		mkdir "$h/$1" || t_fail "cannot make $h/$1"
		for f in cpuset.cpus cpuset.mems; do
			[ -f "$h/$1/$f" ] && [ -z "$(cat "$h/$1/$f")" ] && cat "$(dirname "$h/$1")/$f" >"$h/$1/$f"
		done
	done
	return 0
}

# each_hierarchy_has REL: REL is a directory in every hierarchy.
each_hierarchy_has() {
	local h
	for h in $(hierarchies); do
		[ -d "$h/$1" ] || t_fail "missing cgroup $h/$1"
	done
}

each_hierarchy_lacks() {
	local h
	for h in $(hierarchies); do
		[ ! -d "$h/$1" ] || t_fail "cgroup $h/$1 is still there"
	done
}

# Every line of /proc/PID/cgroup names PATH.
cgroups_of_pid_are() {
	local pid=$1 want=$2 line
	[ -n "$pid" ] && [ -e "/proc/$pid/cgroup" ] || { t_fail "no process '$pid'"; return; }
	while IFS= read -r line; do
		[ "${line#*:*:}" = "$want" ] || t_fail "process $pid: '$line' is not in $want"
	done <"/proc/$pid/cgroup"
}

# The monitor's: on a hybrid host it stays out of its cgroup2 cgroup (a cgroup2
# move costs an RCU grace period and that tree has no controllers for it).
monitor_cgroups_are() {
	local pid=$1 want=$2 line
	[ -n "$pid" ] && [ -e "/proc/$pid/cgroup" ] || { t_fail "no monitor process '$pid'"; return; }
	while IFS= read -r line; do
		case "$line" in
		0::*) [ "$(wc -l <"/proc/$pid/cgroup")" -gt 1 ] && continue ;;
		esac
		[ "${line#*:*:}" = "$want" ] || t_fail "monitor $pid: '$line' is not in $want"
	done <"/proc/$pid/cgroup"
}

# The pid is listed in REL/cgroup.procs of every hierarchy.
in_procs_everywhere() {
	local pid=$1 rel=$2 h
	for h in $(hierarchies); do
		grep -qx "$pid" "$h/$rel/cgroup.procs" 2>/dev/null || t_fail "pid $pid is not in $h/$rel/cgroup.procs"
	done
}

# Inside the container (lxc-attach joins its cgroup), every hierarchy shows "/".
sees_root_inside() {
	local out
	out=$("$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-$1" -- cat /proc/self/cgroup 2>&1)
	[ -n "$out" ] || t_fail "lxc-attach printed nothing"
	printf '%s\n' "$out" | while IFS= read -r line; do
		[ "${line#*:*:}" = "/" ] || echo "inside: '$line' is not the namespace root"
	done | grep . && t_fail "the container does not see its cgroup as /"
	return 0
}

memory_mount() {
	v1_mount memory
}

test_dir_under_existing_parent() {
	need_cgroups
	local pre="$T_ID-pre" name="$T_ID-a"
	local h
	mk_cg "$pre"
	on_cleanup "rm_cg '$pre'"
	mk_container a "lxc.cgroup.dir = $pre/sub"
	start_ok a
	local pid
	pid=$(init_pid a)
	each_hierarchy_has "$pre/sub/lxc.payload.$name"
	each_hierarchy_has "$pre/sub/lxc.monitor.$name"
	in_procs_everywhere "$pid" "$pre/sub/lxc.payload.$name"
	cgroups_of_pid_are "$pid" "/$pre/sub/lxc.payload.$name"
	monitor_cgroups_are "$(monitor_pid a)" "/$pre/sub/lxc.monitor.$name"
	sees_root_inside a
	# the API finds it there: lxc-cgroup reads and writes the file at that place
	local mem
	mem=$(memory_mount)
	if [ -n "$mem" ]; then
		assert_ok "$LXC_CGROUP" -P "$T_LXCPATH" -n "$name" memory.limit_in_bytes 123731968
		assert_eq "$(cat "$mem/$pre/sub/lxc.payload.$name/memory.limit_in_bytes")" 123731968 "limit written at the configured place"
		assert_ok "$LXC_CGROUP" -P "$T_LXCPATH" -n "$name" memory.limit_in_bytes
		assert_eq "$OUT" 123731968 "lxc-cgroup reads it back"
		assert_ok "$LXC_INFO" -P "$T_LXCPATH" -n "$name" -S -H
		assert_match "$(printf '%s\n' "$OUT" | awk '/^Memory use:/ {print $3}')" '^[1-9][0-9]*$' "lxc-info memory use"
	fi
	stop_k a
	each_hierarchy_lacks "$pre/sub"
	each_hierarchy_has "$pre"
}

test_dir_parents_made_and_removed() {
	need_cgroups
	local top="$T_ID-made"
	on_cleanup "rm_cg '$top'"
	mk_container a "lxc.cgroup.dir = $top/x/y"
	start_ok a
	each_hierarchy_has "$top/x/y/lxc.payload.$T_ID-a"
	stop_k a
	# nothing was there before: all of it goes
	each_hierarchy_lacks "$top"
}

test_container_monitor_inner_pivot() {
	need_cgroups
	local c="$T_ID-c" m="$T_ID-m" pv="$T_ID-pivot" name="$T_ID-a"
	on_cleanup "rm_cg '$c'; rm_cg '$m'; rm_cg '$pv'"
	mk_container a "lxc.cgroup.dir.container = $c/payload
lxc.cgroup.dir.monitor = $m/mon
lxc.cgroup.dir.container.inner = inner
lxc.cgroup.dir.monitor.pivot = $pv
lxc.cgroup.memory.limit_in_bytes = 268435456"
	start_ok a
	local pid mon
	pid=$(init_pid a)
	mon=$(monitor_pid a)
	each_hierarchy_has "$c/payload/inner"
	each_hierarchy_has "$m/mon"
	in_procs_everywhere "$pid" "$c/payload/inner"
	cgroups_of_pid_are "$pid" "/$c/payload/inner"
	monitor_cgroups_are "$mon" "/$m/mon"
	sees_root_inside a
	local mem
	mem=$(memory_mount)
	if [ -n "$mem" ]; then
		# the limit sits on the outer cgroup, out of the container's reach
		assert_eq "$(cat "$mem/$c/payload/memory.limit_in_bytes")" 268435456 "limit on the outer cgroup"
		assert_ne "$(cat "$mem/$c/payload/inner/memory.limit_in_bytes")" 268435456 "inner cgroup unlimited itself"
		assert_ok "$LXC_CGROUP" -P "$T_LXCPATH" -n "$name" memory.limit_in_bytes
		assert_eq "$OUT" 268435456 "lxc-cgroup reads the outer cgroup"
	fi
	stop_k a
	each_hierarchy_lacks "$c"
	each_hierarchy_lacks "$m"
	# the monitor moved to the pivot cgroup before removing its own
	each_hierarchy_has "$pv"
}

test_relative_to_callers_cgroup() {
	need_cgroups
	local own="$T_ID-rel" name="$T_ID-a" h
	mk_cg "$own"
	on_cleanup "rm_cg '$own'"
	mk_container a "lxc.cgroup.relative = 1
lxc.cgroup.dir = d"
	# lxc-start runs from a shell placed in $own in every hierarchy
	assert_ok bash -c 'for h in $5; do echo $$ >"$h/$1/cgroup.procs" || exit 1; done
		exec "$2" -P "$3" -n "$4"' _ "$own" "$LXC_START" "$T_LXCPATH" "$name" "$(hierarchies)"
	local pid
	pid=$(init_pid a)
	each_hierarchy_has "$own/d/lxc.payload.$name"
	cgroups_of_pid_are "$pid" "/$own/d/lxc.payload.$name"
	monitor_cgroups_are "$(monitor_pid a)" "/$own/d/lxc.monitor.$name"
	sees_root_inside a
	stop_k a
	each_hierarchy_lacks "$own/d"
	each_hierarchy_has "$own"
	# the monitor went back to $own and exits: then $own can go
	local i
	for i in $(seq 50); do
		rm_cg "$own"
		[ -d "$(hierarchies | head -1)/$own" ] || break
		sleep 0.1
	done
	each_hierarchy_lacks "$own"
}

# start_fails CONFIG... EXPECTED: the start fails saying EXPECTED, and leaves no cgroup.
start_fails() {
	local suffix=$1 want=$2
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-$suffix"
	assert_contains "$ERR" "$want"
	assert_eq "$(find /sys/fs/cgroup -maxdepth 3 -name "*$T_ID*" 2>/dev/null)" "" "no cgroup left"
}

test_bad_combinations() {
	need_cgroups
	# (the starts must fail before making any of these; if one does not, the cleanup removes it)
	on_cleanup "for x in c1 s n d c2 m2 c3 m3; do rm_cg '$T_ID'-\$x; done"
	mk_container one "lxc.cgroup.dir.container = $T_ID-c1"
	start_fails one "lxc.cgroup.dir.monitor is missing"
	mk_container same "lxc.cgroup.dir.container = $T_ID-s
lxc.cgroup.dir.monitor = $T_ID-s"
	start_fails same "must be different cgroups"
	mk_container nested "lxc.cgroup.dir.container = $T_ID-n/p
lxc.cgroup.dir.monitor = $T_ID-n"
	start_fails nested "neither inside the other"
	mk_container both "lxc.cgroup.dir = $T_ID-d
lxc.cgroup.dir.container = $T_ID-c2
lxc.cgroup.dir.monitor = $T_ID-m2"
	start_fails both "cannot be combined"
	mk_container pivot "lxc.cgroup.dir.container = $T_ID-c3
lxc.cgroup.dir.monitor = $T_ID-m3
lxc.cgroup.dir.monitor.pivot = $T_ID-m3/p"
	start_fails pivot "lxc.cgroup.dir.monitor.pivot"
}

test_bad_values() {
	need_cgroups
	on_cleanup "for x in abs m c; do rm_cg '$T_ID'-\$x; done"
	mk_container up "lxc.cgroup.dir = a/../../$T_ID"
	start_fails up "must not contain '..'"
	mk_container abs "lxc.cgroup.dir.container = /$T_ID-abs
lxc.cgroup.dir.monitor = $T_ID-m"
	start_fails abs "must be relative to the cgroup root"
	mk_container inner "lxc.cgroup.dir.container = $T_ID-c
lxc.cgroup.dir.monitor = $T_ID-m
lxc.cgroup.dir.container.inner = a/b"
	start_fails inner "single cgroup name"
}

run_tests "$@"
