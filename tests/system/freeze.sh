# freeze.sh - lxc-freeze / lxc-unfreeze and the freeze/unfreeze methods on real busybox containers: states, a counter that stops and resumes, lxc-wait and lxc-monitor, stopping a frozen container, python3-lxc, pure cgroup2 and pure v1 layouts
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_FREEZE=$(tool lxc-freeze)
LXC_UNFREEZE=$(tool lxc-unfreeze)
LXC_CGROUP=$(tool lxc-cgroup)
LXC_ATTACH=$(tool lxc-attach)
PY=/usr/bin/python3

# mk_counter SUFFIX [CONFIG]: a container whose init keeps a process appending
# a line to /tmp/ticks every 20 ms (seen from the host through the dir rootfs).
mk_counter() {
	mk_container "$1" "${2:-}"
	echo '::respawn:/bin/sh -c "while :; do echo . >>/tmp/ticks; sleep 0.02; done"' \
		>>"$T_LXCPATH/$T_ID-$1/rootfs/etc/inittab"
}

ticks() {
	local f="$T_LXCPATH/$T_ID-$1/rootfs/tmp/ticks"
	[ -e "$f" ] && wc -l <"$f" || echo 0
}

# Waits (at most 5 s) until the counter has moved past its current value.
ticks_grow() {
	local a b i
	a=$(ticks "$1")
	for i in $(seq 50); do
		b=$(ticks "$1")
		[ "$b" -gt "$a" ] && return 0
		sleep 0.1
	done
	return 1
}

# The counter stands still for half a second.
ticks_stand() {
	local a b
	a=$(ticks "$1")
	sleep 0.5
	b=$(ticks "$1")
	[ "$a" = "$b" ]
}

freeze() { "$LXC_FREEZE" -P "$T_LXCPATH" -n "$T_ID-$1"; }
unfreeze() { "$LXC_UNFREEZE" -P "$T_LXCPATH" -n "$T_ID-$1"; }

# Freeze and thaw on this host (cgroup2's cgroup.freeze where the payload has a
# cgroup2 cgroup): states, the kernel's view, the counter.
test_freeze_stops_and_unfreeze_resumes() {
	need_runtime
	mk_counter c
	start_ok c
	ticks_grow c || t_fail "the counter runs before the freeze"
	assert_ok freeze c
	assert_eq "$OUT$ERR" "" "lxc-freeze says nothing on success"
	assert_eq "$(state_of c)" FROZEN "lxc-info -s after lxc-freeze"
	local cg2
	cg2=$(cg2_mount)
	if [ -n "$cg2" ] && [ -e "$cg2/lxc.payload.$T_ID-c/cgroup.freeze" ]; then
		assert_ok "$LXC_CGROUP" -P "$T_LXCPATH" -n "$T_ID-c" cgroup.events
		assert_contains "$OUT" "frozen 1" "the cgroup2 cgroup is frozen"
	else
		assert_ok "$LXC_CGROUP" -P "$T_LXCPATH" -n "$T_ID-c" freezer.state
		assert_contains "$OUT" "FROZEN" "the v1 freezer cgroup is frozen"
	fi
	ticks_stand c || t_fail "the counter went on while frozen"
	# as LXC: freezing a frozen container succeeds
	assert_ok freeze c
	assert_eq "$(state_of c)" FROZEN "still frozen"
	assert_ok unfreeze c
	assert_eq "$OUT$ERR" "" "lxc-unfreeze says nothing on success"
	assert_eq "$(state_of c)" RUNNING "lxc-info -s after lxc-unfreeze"
	ticks_grow c || t_fail "the counter resumes after lxc-unfreeze"
	# as LXC: thawing a running container succeeds
	assert_ok unfreeze c
	assert_eq "$(state_of c)" RUNNING "still running"
	stop_k c
}

# lxc-wait sees FROZEN and THAWED; lxc-monitor sees every transition in LXC's order.
test_wait_and_monitor_see_the_transitions() {
	need_runtime
	mk_container c
	start_ok c
	"$LXC_MONITOR" -P "$T_LXCPATH" -n "$T_ID-c" >"$T_TMP/mon" 2>&1 &
	local mon=$! w1 w2
	on_cleanup "kill $mon 2>/dev/null"
	"$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s FROZEN -t 20 &
	w1=$!
	on_cleanup "kill $w1 2>/dev/null"
	"$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s THAWED -t 20 &
	w2=$!
	on_cleanup "kill $w2 2>/dev/null"
	sleep 0.3
	assert_ok freeze c
	wait $w1 || t_fail "lxc-wait -s FROZEN returned $?"
	assert_ok "$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s FROZEN -t 0
	assert_ok unfreeze c
	wait $w2 || t_fail "lxc-wait -s THAWED returned $?"
	assert_ok "$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s RUNNING -t 5
	sleep 0.3
	kill $mon 2>/dev/null
	wait $mon 2>/dev/null
	local seen
	seen=$(grep -o '\[[A-Z]*\]' "$T_TMP/mon" | tr -d '[]' | tr '\n' ' ')
	assert_eq "$seen" "FREEZING FROZEN THAWED RUNNING " "lxc-monitor's states"
	stop_k c
}

# A frozen container stops: lxc-stop -k and the plain lxc-stop (halt signal) thaw it first.
test_stop_frozen_container() {
	need_runtime
	mk_container c
	start_ok c
	assert_ok freeze c
	assert_ok timeout 20 "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -k
	assert_eq "$(state_of c)" STOPPED "lxc-stop -k of a frozen container"
	start_ok c
	assert_ok freeze c
	assert_ok timeout 20 "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -t 15
	assert_eq "$(state_of c)" STOPPED "lxc-stop of a frozen container"
}

# Not running, no such container, bad usage: exit 1 with LXC's line.
test_freeze_errors() {
	need_runtime
	mk_container c
	assert_status 1 freeze c
	assert_contains "$ERR" "Failed to freeze $T_LXCPATH:$T_ID-c" "freeze of a stopped container"
	assert_contains "$ERR" "not running" "says why"
	# as LXC: nothing is frozen in a stopped container, so thawing it succeeds
	assert_ok unfreeze c
	assert_eq "$OUT$ERR" "" "unfreeze of a stopped container"
	assert_status 1 "$LXC_UNFREEZE" -P "$T_LXCPATH" -n nosuch
	assert_contains "$ERR" "Failed to unfreeze $T_LXCPATH:nosuch" "unfreeze of a container that does not exist"
	assert_status 1 "$LXC_FREEZE" -P "$T_LXCPATH" -n nosuch
	assert_contains "$ERR" "Failed to freeze $T_LXCPATH:nosuch" "a container that does not exist"
	assert_status 1 "$LXC_FREEZE" -P "$T_LXCPATH"
	assert_contains "$ERR" "name" "no name given"
	assert_status 1 "$LXC_UNFREEZE" -P "$T_LXCPATH" -n "$T_ID-c" extra
	assert_ok "$LXC_FREEZE" --help
	assert_contains "$OUT" "--rcfile=FILE" "--help lists LXC's options"
	assert_contains "$OUT" "--lxcpath=PATH" "--help lists LXC's options"
}

# python3-lxc over berth's liblxc: freeze(), state, unfreeze().
test_api_from_python() {
	need_runtime
	[ -x "$PY" ] && "$PY" -c 'import lxc' 2>/dev/null || t_skip "no python3-lxc (apt-get install python3-lxc)"
	mk_counter c
	start_ok c
	ticks_grow c || t_fail "the counter runs"
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" - "$T_LXCPATH" "$T_ID-c" "$T_LXCPATH/$T_ID-c/rootfs/tmp/ticks" <<'EOF' >"$T_TMP/py.out" 2>&1
import sys, time, lxc
c = lxc.Container(sys.argv[2], sys.argv[1])
print("freeze", c.freeze())
print("state", c.state)
a = len(open(sys.argv[3]).read()); time.sleep(0.5); b = len(open(sys.argv[3]).read())
print("still", a == b)
print("freeze again", c.freeze())
print("unfreeze", c.unfreeze())
print("state", c.state)
print("stopped", lxc.Container("nosuch", sys.argv[1]).freeze(), lxc.Container("nosuch", sys.argv[1]).unfreeze())
print(open("/proc/self/maps").read())
EOF
	local out
	out=$(cat "$T_TMP/py.out")
	assert_contains "$out" "freeze True" "c.freeze()"
	assert_contains "$out" "state FROZEN" "c.state of a frozen container"
	assert_contains "$out" "still True" "nothing runs while frozen"
	assert_contains "$out" "freeze again True" "freeze of a frozen container"
	assert_contains "$out" "unfreeze True" "c.unfreeze()"
	assert_contains "$out" "state RUNNING" "c.state after unfreeze"
	assert_contains "$out" "stopped False False" "a container that does not exist"
	assert_contains "$out" "$BERTH_PREFIX/lib/liblxc.so" "berth's liblxc was used"
	ticks_grow c || t_fail "the counter resumes"
	stop_k c
}

# With lxc.cgroup.dir.container.inner the outer cgroup (the container's, as
# get_cgroup_item sees it) is frozen, and with it the inner one the init is in.
test_inner_cgroup_is_frozen_too() {
	need_runtime
	local cg
	cg=$(cg2_mount)
	[ -n "$cg" ] || t_skip "this host has no cgroup2 hierarchy"
	# the container's and monitor's cgroups, should a failed start or stop leave them
	on_cleanup "rm_cg '$T_ID-pay'; rm_cg '$T_ID-mon'"
	mk_counter c "lxc.cgroup.dir.container = $T_ID-pay
lxc.cgroup.dir.monitor = $T_ID-mon
lxc.cgroup.dir.container.inner = inner"
	start_ok c
	ticks_grow c || t_fail "the counter runs"
	assert_ok freeze c
	assert_contains "$(cat "$cg/$T_ID-pay/cgroup.events")" "frozen 1" "the outer cgroup is frozen"
	assert_contains "$(cat "$cg/$T_ID-pay/inner/cgroup.events")" "frozen 1" "the inner cgroup is frozen"
	ticks_stand c || t_fail "the counter went on while frozen"
	assert_ok unfreeze c
	assert_contains "$(cat "$cg/$T_ID-pay/cgroup.events")" "frozen 0" "thawed"
	ticks_grow c || t_fail "the counter resumes"
	stop_k c
}

# Attaching to a frozen container: as LXC, the attached process is frozen too
# until the container is thawed; it then runs to its end.
test_attach_to_frozen_waits_for_thaw() {
	need_runtime
	mk_container c
	start_ok c
	assert_ok freeze c
	"$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -- /bin/sh -c 'echo attached' >"$T_TMP/att" 2>&1 &
	local att=$!
	on_cleanup "kill $att 2>/dev/null"
	sleep 0.5
	kill -0 $att 2>/dev/null || t_fail "the attached command ran in a frozen container: $(cat "$T_TMP/att")"
	assert_ok unfreeze c
	timeout 10 tail --pid=$att -f /dev/null || t_fail "lxc-attach did not end after the thaw"
	assert_contains "$(cat "$T_TMP/att")" "attached" "the command ran after the thaw"
	stop_k c
}

# ---- the layouts this hybrid host lacks (in_layout: runtime.lib) ----

# layout_cycle KIND FILE FROZEN THAWED: starts in the layout, freezes, checks
# FILE of the payload's cgroup and the counter, thaws, freezes again and stops.
layout_cycle() {
	local kind=$1 file=$2 frozen=$3 thawed=$4
	mk_counter c
	assert_ok in_layout "$kind" "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_eq "$(state_of c)" RUNNING "started on the $kind layout"
	ticks_grow c || t_fail "the counter runs"
	assert_ok in_layout "$kind" "$LXC_FREEZE" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_eq "$(state_of c)" FROZEN "frozen on the $kind layout"
	assert_contains "$(cat "$file")" "$frozen" "$file"
	ticks_stand c || t_fail "the counter went on while frozen"
	assert_ok in_layout "$kind" "$LXC_UNFREEZE" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_eq "$(state_of c)" RUNNING "thawed on the $kind layout"
	assert_contains "$(cat "$file")" "$thawed" "$file"
	ticks_grow c || t_fail "the counter resumes"
	# on v1 frozen tasks must be thawed to die of SIGKILL: no hang
	assert_ok in_layout "$kind" "$LXC_FREEZE" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_ok timeout 20 "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -k
	assert_eq "$(state_of c)" STOPPED "a frozen container stopped on the $kind layout"
	assert_no_file "$(dirname "$file")"
}

test_pure_v2_layout() {
	need_layouts
	layout_cycle v2 "$CG2/lxc.payload.$T_ID-c/cgroup.events" "frozen 1" "frozen 0"
}

test_pure_v1_layout() {
	need_layouts
	[ -d /sys/fs/cgroup/freezer ] || t_skip "this host has no v1 freezer hierarchy at /sys/fs/cgroup/freezer"
	layout_cycle v1 "/sys/fs/cgroup/freezer/lxc.payload.$T_ID-c/freezer.state" FROZEN THAWED
}

run_tests "$@"
