# console.sh - lxc-console against a running busybox container: the console's shell, a getty login on tty1, detach and reattach, window size, busy and missing ttys, a stopped container
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# CI has no terminal: lxc-console runs on a pty made by pty.lib's python3
# driver, which plays a script of steps (see there).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pty.lib"

LXC_CONSOLE=$(tool lxc-console)
LXC_START=$(tool lxc-start)
LXC_STOP=$(tool lxc-stop)
TEMPLATE=$BERTH_PREFIX/share/lxc/templates/lxc-busybox
PY=/usr/bin/python3

need_root_busybox() {
	[ "$(id -u)" = 0 ] || t_skip "needs root (namespaces, mounts, cgroups)"
	command -v busybox >/dev/null || t_skip "needs busybox (busybox-static) for the template"
	[ -x "$TEMPLATE" ] || t_skip "the busybox template is not installed at $TEMPLATE"
	[ -x "$PY" ] || t_skip "needs $PY to give lxc-console a terminal"
	write_driver
}

# drive STEPS LXC-CONSOLE-ARGS...: lxc-console on a pty, playing STEPS (one per line).
drive() {
	local steps=$1
	shift
	"$PY" "$T_TMP/drive.py" "$steps" "$LXC_CONSOLE" -P "$T_LXCPATH" "$@"
}

# mk_started SUFFIX [CONFIG LINES]: a busybox container (console shell, gettys on tty1 and tty2), running.
mk_started() {
	local name="$T_ID-$1" dir="$T_LXCPATH/$T_ID-$1" err
	mkdir -p "$dir"
	printf 'lxc.rootfs.path = dir:%s/rootfs\nlxc.net.0.type = empty\nlxc.tty.max = 2\n%s\n' "$dir" "${2:-}" >"$dir/config"
	if ! "$TEMPLATE" --path="$dir" --name="$name" --rootfs="$dir/rootfs" >"$T_TMP/template.log" 2>&1; then
		t_fail "busybox template failed: $(tail -3 "$T_TMP/template.log")"
		return 1
	fi
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$name' -k"
	err=$("$LXC_START" -P "$T_LXCPATH" -n "$name" 2>&1 </dev/null) || {
		t_fail "cannot start $name: $err"
		return 1
	}
}

test_console_shell_detach_reattach() {
	need_root_busybox
	mk_started c || return
	local n=$$
	# The console (tty 0) runs the template's shell.
	assert_ok drive "expect:Connected to tty 0
expect:Type <Ctrl\\+a q> to exit the console
sleep:0.5
send:echo hi-\$(( $n + 1 ))\\r
expect:hi-$((n + 1))
send:\\x01q
exit:0" -n "$T_ID-c" -t 0
	# Detached: attach again, the shell is still there and answers.
	assert_ok drive "expect:Connected to tty 0
sleep:0.3
send:echo again-\$(( $n + 2 ))\\r
expect:again-$((n + 2))
send:\\x01q
exit:0" -n "$T_ID-c" -t 0
}

test_escape_key() {
	need_root_busybox
	mk_started e || return
	# -e b: Ctrl-b q detaches, Ctrl-a q does not (Ctrl-a goes to the shell).
	assert_ok drive "expect:Type <Ctrl\\+b q>
sleep:0.3
send:\\x01q
sleep:0.5
send:\\r echo still-\$(( 40 + 2 ))\\r
expect:still-42
send:\\x02\\x02
send:\\x02q
exit:0" -n "$T_ID-e" -t 0 -e b
}

test_login_on_tty1() {
	need_root_busybox
	mk_started l || return
	local pw
	pw=$(sed -n 's/^root password: //p' "$T_TMP/template.log")
	[ -n "$pw" ] || { t_fail "the template printed no root password: $(tail -3 "$T_TMP/template.log")"; return; }
	# getty shows its prompt again on a new line.
	assert_ok drive "expect:Connected to tty 1
sleep:0.5
send:\\r
expect:login:
send:root\\r
expect:Password:
send:$pw\\r
sleep:1
send:echo in-as-\$(id -u)\\r
expect:in-as-0
send:exit\\r
send:\\x01q
exit:0" -n "$T_ID-l" -t 1
}

# A resize reaches the console also while nothing is typed (the sleep).
test_window_size() {
	need_root_busybox
	mk_started w || return
	assert_ok drive "expect:Connected to tty 0
sleep:0.5
winsize:37 111
sleep:0.5
send:stty size\\r
expect:37 111
winsize:24 80
sleep:0.5
send:stty size\\r
expect:24 80
send:sleep 1.5; stty size\\r
sleep:0.5
winsize:41 99
expect:41 99
send:\\x01q
exit:0" -n "$T_ID-w" -t 0
}

test_busy_and_missing_tty() {
	need_root_busybox
	mk_started b || return
	# Hold tty 1 in the background; a second client of tty 1 is refused.
	"$PY" "$T_TMP/drive.py" "expect:Connected to tty 1
sleep:4
send:\\x01q
exit:0" "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-b" -t 1 >"$T_TMP/holder.out" 2>&1 &
	local holder=$!
	on_cleanup "kill $holder 2>/dev/null"
	sleep 1
	assert_status 1 "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-b" -t 1
	assert_contains "$ERR" "tty 1 is in use" "the message names the busy tty"
	# Without -t: the first free one (tty 2).
	assert_ok drive "expect:Connected to tty 2
send:\\x01q
exit:0" -n "$T_ID-b"
	wait "$holder" || t_fail "the holder of tty 1 failed: $(cat "$T_TMP/holder.out")"
	# Freed: tty 1 can be had again.
	assert_ok drive "expect:Connected to tty 1
send:\\x01q
exit:0" -n "$T_ID-b" -t 1
	assert_status 1 "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-b" -t 7
	assert_contains "$ERR" "has no tty 7" "a tty beyond lxc.tty.max"
}

test_stopped_container() {
	need_root_busybox
	mk_started s || return
	# Stopped while attached: lxc-console ends and says so.
	( sleep 1.5; "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-s" -k ) &
	local out
	out=$(drive "expect:Connected to tty 1
exit:1" -n "$T_ID-s" -t 1 2>&1) || t_fail "lxc-console on a container that stops: $out"
	assert_contains "$out" "stopped" "says the container stopped"
	wait
	assert_status 1 "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-s"
	assert_contains "$ERR" "not running" "a stopped container"
}

test_console_log() {
	need_root_busybox
	mk_started r "lxc.console.buffer.size = auto
lxc.console.logfile = $T_TMP/console.log
lxc.console.size = 2kB
lxc.console.rotate = 1" || return
	local n=$$
	# Written on the console: kept in the ring buffer and the log file.
	assert_ok drive "expect:Connected to tty 0
sleep:0.3
send:echo ring-\$(( $n + 7 ))\r
expect:ring-$((n + 7))
send:for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do echo fill-line-\$i-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done; echo done-\$(( 1 + 1 ))\r
expect:done-2
send:\x01q
exit:0" -n "$T_ID-r" -t 0
	# The console was lent: now the monitor reads it again.
	assert_ok drive "expect:Connected to tty 0
sleep:0.3
send:echo back-\$(( $n + 8 ))\r
sleep:1
send:\x01q
exit:0" -n "$T_ID-r" -t 0
	assert_ok "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-r" --log
	assert_contains "$OUT" "back-$((n + 8))" "--log shows the console's latest output"
	assert_ok "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-r" --log --clear
	assert_contains "$OUT" "back-$((n + 8))" "--log --clear prints before clearing"
	assert_ok "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-r" --log
	assert_not_contains "$OUT" "back-$((n + 8))" "cleared"
	# lxc.console.size 2kB with rotate: the log was full once, the old one is LOGFILE.1.
	assert_file "$T_TMP/console.log.1"
	local size
	size=$(stat -c %s "$T_TMP/console.log")
	[ "$size" -le 2048 ] || t_fail "console.log has $size bytes, more than lxc.console.size"
	grep -q "back-$((n + 8))" "$T_TMP/console.log" || t_fail "the console log lacks the latest output"
	# Without a ring buffer: a clear error.
	mk_started nr || return
	assert_status 1 "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$T_ID-nr" --log
	assert_contains "$ERR" "lxc.console.buffer.size" "names the key to set"
}

# python3-lxc's console_getfd over berth's liblxc: a tty's master, busy while this process holds it.
test_api_from_python() {
	need_root_busybox
	"$PY" -c 'import lxc' 2>/dev/null || t_skip "no python3-lxc (apt-get install python3-lxc)"
	mk_started p || return
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" - "$T_LXCPATH" "$T_ID-p" <<'PYEOF' >"$T_TMP/py.out" 2>&1
import os, select, sys, time, lxc
c = lxc.Container(sys.argv[2], sys.argv[1])
fd = c.console_getfd(0)
os.write(fd, b"echo api-$((3*5))\r")
buf, end = b"", time.time() + 10
while b"api-15" not in buf and time.time() < end:
    if select.select([fd], [], [], 0.2)[0]:
        buf += os.read(fd, 4096)
print("read", "api-15" in buf.decode(errors="replace"))
try:
    c.console_getfd(0)
    print("second ok")
except ValueError:
    print("second refused")
print(open("/proc/self/maps").read())
PYEOF
	local out
	out=$(cat "$T_TMP/py.out")
	assert_contains "$out" "read True" "the console's master, through the API"
	assert_contains "$out" "second refused" "the console is busy while this process holds it"
	assert_contains "$out" "$BERTH_PREFIX/lib/liblxc.so" "berth's liblxc was used"
}

run_tests "$@"
