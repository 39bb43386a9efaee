#!/bin/bash
# top.sh - lxc-top: batch (CSV) rounds over real running containers, sorting, the live display on a pty, errors
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_TOP=$(tool lxc-top)

# The CSV columns of LXC's batch output.
CSV_HEADER="time_ms,container,cpu_nanos,cpu_sys_userhz,cpu_user_userhz,blkio_bytes,blkio_iops,mem_used_bytes,memsw_used_bytes,kernel_mem_used_bytes"

# top_batch ARGS...: two rounds (-d 1) of batch output in $OUT, stderr in $ERR.
top_batch() {
	local o e
	o=$(mktemp) e=$(mktemp)
	timeout -s INT 1.6 "$LXC_TOP" -P "$T_LXCPATH" -b -d 1 "$@" >"$o" 2>"$e"
	OUT=$(cat "$o") ERR=$(cat "$e")
	rm -f "$o" "$e"
}

# Names of the first round's rows, in order.
first_round_names() {
	printf '%s\n' "$OUT" | awk -F, 'NR == 1 { next } { if (t == "") t = $1; if ($1 - t > 500) exit; print $2 }'
}

start_two() {
	need_runtime
	mk_container a
	mk_container b
	start_ok a
	start_ok b
	# b uses more memory than a: 24 MB in a tmpfs of its own, written from inside
	# its cgroup (lxc-attach joins it; nsenter would not), so charged to it.
	"$(tool lxc-attach)" -P "$T_LXCPATH" -n "$T_ID-b" -- \
		sh -c 'mkdir -p /tmp/m && mount -t tmpfs none /tmp/m && head -c 24000000 /dev/zero >/tmp/m/fill' ||
		t_fail "could not make container b use memory"
}

test_batch_lists_both() {
	start_two
	top_batch
	assert_eq "$(printf '%s\n' "$OUT" | head -1)" "$CSV_HEADER" "CSV header"
	local a b
	a=$(printf '%s\n' "$OUT" | awk -F, -v n="$T_ID-a" '$2 == n' | head -1)
	b=$(printf '%s\n' "$OUT" | awk -F, -v n="$T_ID-b" '$2 == n' | head -1)
	[ -n "$a" ] || t_fail "no row for $T_ID-a in: $OUT"
	[ -n "$b" ] || t_fail "no row for $T_ID-b in: $OUT"
	# ten columns; memory > 0; CPU time > 0 (the init ran); the time is now
	assert_eq "$(printf '%s' "$a" | awk -F, '{print NF}')" 10 "columns"
	assert_match "$(printf '%s' "$a" | cut -d, -f8)" '^[1-9][0-9]*$' "memory of a"
	assert_match "$(printf '%s' "$b" | cut -d, -f8)" '^[1-9][0-9]{7,}$' "memory of b (>= 10 MB)"
	assert_match "$(printf '%s' "$a" | cut -d, -f3)" '^[1-9][0-9]*$' "CPU ns of a"
	local now t
	now=$(date +%s%3N)
	t=$(printf '%s' "$a" | cut -d, -f1)
	[ $((now - t)) -ge 0 ] && [ $((now - t)) -lt 10000 ] || t_fail "time_ms $t is not now ($now)"
	# two rounds in 1.6 s with -d 1
	assert_eq "$(printf '%s\n' "$OUT" | grep -c ",$T_ID-a,")" 2 "rounds"
	assert_eq "$ERR" "" "stderr"
}

test_sort_orders() {
	start_two
	top_batch
	assert_eq "$(first_round_names | tr '\n' ' ')" "$T_ID-a $T_ID-b " "default: by name"
	top_batch -r
	assert_eq "$(first_round_names | tr '\n' ' ')" "$T_ID-b $T_ID-a " "-r: name descending"
	top_batch -s m
	assert_eq "$(first_round_names | tr '\n' ' ')" "$T_ID-b $T_ID-a " "-s m: most memory first"
	top_batch -s m -r
	assert_eq "$(first_round_names | tr '\n' ' ')" "$T_ID-a $T_ID-b " "-s m -r: least memory first"
	top_batch --sort=n --reverse
	assert_eq "$(first_round_names | tr '\n' ' ')" "$T_ID-b $T_ID-a " "long options"
}

test_no_container_running() {
	top_batch
	assert_eq "$OUT" "$CSV_HEADER" "only the header"
	assert_contains "$ERR" "no container is running in $T_LXCPATH"
	# said once, not every round
	assert_eq "$(printf '%s\n' "$ERR" | grep -c 'no container')" 1 "said once"
	top_batch -q
	assert_eq "$ERR" "" "-q: no notice"
}

test_bad_options() {
	assert_status 1 "$LXC_TOP" -P "$T_LXCPATH" -b -s x
	assert_contains "$ERR" "unknown sort key 'x'"
	assert_eq "$OUT" "" "nothing on stdout"
	assert_status 1 "$LXC_TOP" -P "$T_LXCPATH" -b -d abc
	assert_contains "$ERR" "invalid delay 'abc'"
	assert_status 1 "$LXC_TOP" -P "$T_LXCPATH" -b -Z
	assert_contains "$ERR" "Usage: lxc-top"
	assert_status 1 "$LXC_TOP" -P "$T_LXCPATH" -b extra
	assert_contains "$ERR" "unexpected argument 'extra'"
	# the live display without a terminal says what to do instead
	assert_status 1 "$LXC_TOP" -P "$T_LXCPATH" </dev/null
	assert_contains "$ERR" "use -b"
	assert_ok "$LXC_TOP" --help
	assert_contains "$OUT" "-s, --sort"
}

# The live display on a pseudo-terminal: the table with its TOTAL line, a sort
# key, q to quit, and the terminal's settings restored afterwards.
test_interactive_pty() {
	command -v python3 >/dev/null || t_skip "needs python3 to drive the pseudo-terminal"
	start_two
	python3 - "$LXC_TOP" "$T_LXCPATH" "$T_ID" >"$T_TMP/pty.out" 2>&1 <<'EOF'
import os, pty, sys, time, select, termios
top, path, tid = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    os.execv(top, [top, "-P", path, "-d", "0.3"])
def drain(t):
    out = b""
    end = time.time() + t
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out
before = termios.tcgetattr(fd)
first = drain(1.0)
os.write(fd, b"m")
second = drain(1.0)
during = termios.tcgetattr(fd)
os.write(fd, b"q")
rest = drain(1.0)
_, status = os.waitpid(pid, 0)
print("EXIT", os.WEXITSTATUS(status))
print("RAW", int(not (during[3] & termios.ICANON)))
text = second.decode(errors="replace")
last = text.split("\x1b[H\x1b[J")[-1]
for line in last.splitlines():
    print("LINE", line)
print("CLEAR", int(b"\x1b[H\x1b[J" in first))
EOF
	local out
	out=$(cat "$T_TMP/pty.out")
	assert_contains "$out" "EXIT 0" "q quits with status 0"
	assert_contains "$out" "RAW 1" "keys arrive without Enter (non-canonical mode)"
	assert_contains "$out" "CLEAR 1" "the screen is cleared each round"
	assert_contains "$out" "Container"
	assert_contains "$out" "TOTAL 2 of 2"
	# after 'm' the container using more memory comes first
	local order
	order=$(printf '%s\n' "$out" | awk -v a="$T_ID-a" -v b="$T_ID-b" '/^LINE/ { if (index($0, b)) print "b"; else if (index($0, a)) print "a" }' | tr -d '\n')
	assert_eq "$order" "ba" "order after pressing m"
}

# SIGTERM in the live display restores the terminal before exiting.
test_interactive_signal_restores() {
	command -v python3 >/dev/null || t_skip "needs python3 to drive the pseudo-terminal"
	python3 - "$LXC_TOP" "$T_LXCPATH" >"$T_TMP/pty.out" 2>&1 <<'EOF'
import os, pty, sys, time, signal, termios
top, path = sys.argv[1:3]
pid, fd = pty.fork()
if pid == 0:
    os.execv(top, [top, "-P", path, "-d", "5"])
time.sleep(0.5)
during = termios.tcgetattr(fd)
os.kill(pid, signal.SIGTERM)
_, status = os.waitpid(pid, 0)
after = termios.tcgetattr(fd)
out = b""
try:
    while True:
        b = os.read(fd, 65536)
        if not b:
            break
        out += b
except OSError:
    pass
print("RAW", int(not (during[3] & termios.ICANON)))
print("RESTORED", int(bool(after[3] & termios.ICANON) and bool(after[3] & termios.ECHO)))
print("EXITED", int(os.WIFEXITED(status)))
print("NONE", int(b"no container is running" in out))
EOF
	local out
	out=$(cat "$T_TMP/pty.out")
	assert_contains "$out" "RAW 1"
	assert_contains "$out" "RESTORED 1" "terminal settings restored after SIGTERM"
	assert_contains "$out" "EXITED 1" "exits normally on SIGTERM"
	assert_contains "$out" "NONE 1" "says that no container is running"
}

run_tests "$@"
