# attach.sh - lxc-attach against real busybox containers: exit codes, environment, ids, namespaces, cgroup, capabilities, pipes, signals, ptys, host fds, concurrency, the API from python3-lxc
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each test makes its own container from the installed busybox template under
# $T_LXCPATH, starts it and stops it in its cleanups (also on failure). Host
# views come from /proc of the attached process and of the container's init.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_ATTACH=$(tool lxc-attach)
LXC_START=$(tool lxc-start)
LXC_STOP=$(tool lxc-stop)
LXC_INFO=$(tool lxc-info)
RUN_DRIVER=${BERTH_BUILDDIR:+$BERTH_BUILDDIR/tests/system/run-driver}
TEMPLATE=$BERTH_PREFIX/share/lxc/templates/lxc-busybox
PY=/usr/bin/python3

need_root_busybox() {
	[ "$(id -u)" = 0 ] || t_skip "needs root (namespaces, mounts, cgroups)"
	command -v busybox >/dev/null || t_skip "needs busybox (busybox-static) for the template"
	[ -x "$TEMPLATE" ] || t_skip "the busybox template is not installed at $TEMPLATE"
}

# mk SUFFIX [CONFIG LINES]: container $T_ID-SUFFIX from the busybox template.
mk() {
	local name="$T_ID-$1" dir="$T_LXCPATH/$T_ID-$1"
	mkdir -p "$dir"
	printf 'lxc.rootfs.path = dir:%s/rootfs\nlxc.net.0.type = empty\n%s\n' "$dir" "${2:-}" >"$dir/config"
	if ! "$TEMPLATE" --path="$dir" --name="$name" --rootfs="$dir/rootfs" >"$T_TMP/template.log" 2>&1; then
		t_fail "busybox template failed: $(tail -3 "$T_TMP/template.log")"
		return 1
	fi
}

# start SUFFIX: with lxc-start; with the runtime's driver where the API is not wired to it yet.
start() {
	local name="$T_ID-$1" err
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$name' -k"
	err=$("$LXC_START" -P "$T_LXCPATH" -n "$name" 2>&1 </dev/null) && return 0
	case "$err" in
	*"not implemented"*)
		[ -x "$RUN_DRIVER" ] || t_skip "lxc-start is not wired to the runtime yet and no run-driver is built (BERTH_BUILDDIR)"
		on_cleanup "'$RUN_DRIVER' kill '$name' '$T_LXCPATH'"
		err=$("$RUN_DRIVER" start "$name" "$T_LXCPATH" 2>&1 </dev/null) && return 0
		;;
	esac
	t_fail "cannot start $name: $err"
	return 1
}

init_pid() {
	local p
	p=$("$LXC_INFO" -P "$T_LXCPATH" -n "$T_ID-$1" -pH 2>/dev/null)
	[ -z "$p" ] && [ -x "$RUN_DRIVER" ] && p=$("$RUN_DRIVER" pid "$T_ID-$1" "$T_LXCPATH")
	echo "$p"
}

# att SUFFIX [lxc-attach options] [-- CMD...]: stdin from /dev/null unless redirected by the caller.
att() {
	local c=$1
	shift
	"$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-$c" "$@"
}

# att_bg SUFFIX ARGS...: lxc-attach in the background, $! being lxc-attach itself
# (not a subshell), with SIGINT not ignored (lib.sh's DEFAULT_SIGNALS).
att_bg() {
	local c=$1
	shift
	exec $DEFAULT_SIGNALS "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-$c" "$@"
}

# A container running, for tests that need just one.
up() {
	need_root_busybox
	mk c "${1:-}" && start c || exit 0
}

# The pid of lxc-attach's child (the attached process), waiting for it to appear.
child_of() {
	local p i
	for i in $(seq 100); do
		p=$(ps -o pid= --ppid "$1" 2>/dev/null | head -1 | tr -d ' ')
		[ -n "$p" ] && [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = /bin/busybox ] && { echo "$p"; return 0; }
		sleep 0.05
	done
	return 1
}

# ptyrun [--size R C] [--send TEXT] [--wait TEXT] [--resize R C] ... -- CMD: CMD on a pty of its own
# (as on a user's terminal), the actions in order; prints all output, exits with CMD's code.
ptyrun() {
	"$PY" - "$@" <<'EOF'
import os, pty, sys, time, select, struct, fcntl, termios, signal
args = sys.argv[1:]
acts = []
while args and args[0] != '--':
    a = args.pop(0)
    if a in ('--size', '--resize'):
        acts.append((a, int(args.pop(0)), int(args.pop(0))))
    else:
        acts.append((a, args.pop(0)))
args.pop(0)
out = b''
def setsize(fd, r, c):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
pid, fd = pty.fork()
if pid == 0:
    # Ctrl-C must reach the command even when this suite runs with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)
    os.execvp(args[0], args)
for a in acts:
    if a[0] == '--size':
        setsize(fd, a[1], a[2])
def pump(timeout):
    global out
    r, _, _ = select.select([fd], [], [], timeout)
    if r:
        try:
            d = os.read(fd, 65536)
        except OSError:
            return False
        if not d:
            return False
        out += d
    return True
for a in acts:
    if a[0] == '--send':
        os.write(fd, a[1].encode().decode('unicode_escape').encode('latin1'))
    elif a[0] == '--resize':
        setsize(fd, a[1], a[2])
    elif a[0] == '--wait':
        end = time.time() + 15
        while a[1].encode() not in out and time.time() < end:
            if not pump(0.1):
                break
        if a[1].encode() not in out:
            sys.stderr.write('ptyrun: timed out waiting for %r\n' % a[1])
status = None
end = time.time() + 30
while time.time() < end:
    alive = pump(0.1)
    p, st = os.waitpid(pid, os.WNOHANG)
    if p:
        status = st
        while pump(0.05):
            pass
        break
    if not alive:
        time.sleep(0.05)
if status is None:
    os.kill(pid, 9)
    p, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode('utf-8', 'replace'))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
EOF
}

need_pty_helper() {
	[ -x "$PY" ] || t_skip "needs python3 to drive a pty"
}

test_exit_codes() {
	up
	assert_status 0 att c -- /bin/true </dev/null
	assert_status 3 att c -- /bin/sh -c 'exit 3' </dev/null
	assert_status 137 att c -- /bin/sh -c 'kill -KILL $$' </dev/null
	assert_status 143 att c -- /bin/sh -c 'kill -TERM $$' </dev/null
	assert_status 127 att c -- /no/such/program </dev/null
	assert_contains "$ERR" "cannot run /no/such/program: No such file or directory" "a missing program is named"
	assert_status 126 att c -- /etc/passwd </dev/null
	# a bad option: LXC's exit code, one line saying what is wrong
	assert_status 1 att c -s BOGUS -- /bin/true </dev/null
	assert_contains "$ERR" "unknown namespace 'BOGUS'" "-s names the bad word"
	assert_status 1 att c -ecap -- /bin/true </dev/null
	assert_status 1 att c -a vax -- /bin/true </dev/null
	assert_status 1 att c -u root -- /bin/true </dev/null
}

test_environment() {
	up "lxc.environment = FROM_CONF=conf
lxc.environment = PASSED"
	local out
	out=$(FOO=foo PASSED=host att c -- env </dev/null)
	assert_contains "$out" "FOO=foo" "the caller's environment is kept by default"
	assert_contains "$out" "container=lxc" "container=lxc"
	assert_contains "$out" "FROM_CONF=conf" "lxc.environment"
	assert_contains "$out" "PASSED=host" "lxc.environment NAME passes the caller's value"
	out=$(FOO=foo att c --keep-env -v BAR=bar -- env </dev/null)
	assert_contains "$out" "FOO=foo" "--keep-env"
	assert_contains "$out" "BAR=bar" "-v"
	out=$(FOO=foo BAZ=baz HOME=/nowhere att c --clear-env --keep-var BAZ -v BAR=a=b -- env </dev/null | sort)
	assert_eq "$out" "BAR=a=b
BAZ=baz
FROM_CONF=conf
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
container=lxc" "--clear-env keeps only what is asked for"
	out=$(PATH=/kept:/usr/bin:/bin att c --clear-env --keep-var PATH -- env </dev/null)
	assert_contains "$out" "PATH=/kept:/usr/bin:/bin" "--keep-var PATH keeps the caller's PATH"
	assert_status 1 att c -v NOVALUE -- /bin/true </dev/null
}

test_uid_gid_and_shell() {
	need_root_busybox
	mk c || return
	echo "tester:x:1000:1001::/:/bin/ash" >>"$T_LXCPATH/$T_ID-c/rootfs/etc/passwd"
	start c || return
	assert_eq "$(att c -- id </dev/null)" "uid=0(root) gid=0(root)" "root by default"
	assert_eq "$(att c -u 1000 -g 1001 -- id -u </dev/null):$(att c -u 1000 -g 1001 -- id -g </dev/null)" \
		"1000:1001" "-u/-g"
	assert_eq "$(att c -u 1000 -- /bin/sh -c 'grep -E "^(Cap(Eff|Prm)|Groups)" /proc/self/status' </dev/null | tr -s '\t' ' ')" \
		"Groups: 
CapPrm: 0000000000000000
CapEff: 0000000000000000" "a user without capabilities or the caller's groups"
	# no command: the user's shell from the container's /etc/passwd (not the host's)
	assert_eq "$(echo 'echo $0' | att c)" "/bin/sh" "root's shell"
	assert_eq "$(echo 'echo $0:$(id -u)' | att c -u 1000 -g 1001)" "/bin/ash:1000" "tester's shell"
}

test_namespaces() {
	up
	local pid
	pid=$(init_pid c)
	assert_eq "$(att c -- /bin/hostname </dev/null)" "$T_ID-c" "all namespaces: the container's hostname"
	for ns in mnt pid uts ipc net cgroup; do
		assert_eq "$(att c -- /bin/readlink /proc/self/ns/$ns </dev/null)" "$(readlink /proc/$pid/ns/$ns)" "the init's $ns namespace"
	done
	# -s NETWORK: only the network namespace; the rest (hostname, mounts) is the host's
	assert_eq "$(att c -s NETWORK -- hostname </dev/null)" "$(hostname)" "-s NETWORK: the host's hostname"
	assert_eq "$(att c -s NETWORK -- readlink /proc/self/ns/net </dev/null)" "$(readlink /proc/$pid/ns/net)" "-s NETWORK: the container's network"
	assert_eq "$(att c -s NETWORK -- readlink /proc/self/ns/mnt </dev/null)" "$(readlink /proc/self/ns/mnt)" "-s NETWORK: the host's mounts"
	assert_eq "$(att c -s NETWORK -- ls /sys/class/net </dev/null | tr '\n' ' ')" "$(ls /sys/class/net | tr '\n' ' ')" "without -R /sys is the host's"
	# -R: /sys mounted afresh shows the network it entered (only lo), in a mount namespace of its own
	assert_eq "$(att c -s NETWORK -R -- ls /sys/class/net </dev/null)" "lo" "-R remounts /sys"
	assert_eq "$(att c -s 'UTSNAME|MOUNT' -- /bin/hostname </dev/null)" "$T_ID-c" "-s UTSNAME|MOUNT"
}

test_pid_namespace() {
	up
	local pid out
	pid=$(init_pid c)
	out=$(att c -- /bin/sh -c 'echo $$; cat /proc/1/cmdline | tr "\0" " "' </dev/null)
	local mypid=${out%%$'\n'*}
	assert_match "$mypid" '^[0-9]+$' "a pid"
	[ "$mypid" -lt 1000 ] || t_fail "the command's pid $mypid is not a small pid of the container's namespace"
	assert_eq "${out#*$'\n'}" "$(tr '\0' ' ' </proc/$pid/cmdline)" "/proc/1 is the container's init"
	# it is lxc-attach's child (not an orphan of the intermediate), in the container's pid namespace
	(att_bg c -- /bin/sleep 30 </dev/null) &
	local a=$! p
	on_cleanup "kill -KILL $a"
	p=$(child_of $a) || t_fail "no attached process under lxc-attach $a"
	assert_eq "$(readlink /proc/$p/ns/pid)" "$(readlink /proc/$pid/ns/pid)" "in the init's pid namespace"
	kill -TERM $a
	wait $a
	assert_eq "$?" 143 "SIGTERM to lxc-attach ended the command: 128+15"
}

test_cgroup_and_caps() {
	up
	local pid out
	pid=$(init_pid c)
	assert_eq "$(att c -- /bin/cat /proc/self/cgroup </dev/null)" "$(att c -- /bin/cat /proc/1/cgroup </dev/null)" \
		"the command's cgroups are the init's (the container's view)"
	(att_bg c -- /bin/sleep 30 </dev/null) &
	local a=$! p
	on_cleanup "kill -KILL $a"
	p=$(child_of $a) || t_fail "no attached process under lxc-attach $a"
	assert_eq "$(cat /proc/$p/cgroup)" "$(cat /proc/$pid/cgroup)" "the host's view: the payload cgroup"
	assert_contains "$(cat /proc/$p/cgroup)" "lxc.payload.$T_ID-c" "lxc.payload.NAME"
	assert_eq "$(awk '/^CapBnd/ {print $2}' /proc/$p/status)" "$(awk '/^CapBnd/ {print $2}' /proc/$pid/status)" \
		"the init's bounding set (lxc.cap.drop)"
	assert_eq "$(awk '/^CapEff/ {print $2}' /proc/$p/status)" "$(awk '/^CapBnd/ {print $2}' /proc/$pid/status)" \
		"nothing effective beyond it"
	assert_eq "$(awk '/^NoNewPrivs/ {print $2}' /proc/$p/status)" "$(awk '/^NoNewPrivs/ {print $2}' /proc/$pid/status)" \
		"no_new_privs as the init"
	kill -KILL $a
	wait $a 2>/dev/null
	# -e: the caller's cgroup and capabilities
	assert_eq "$(att c -eCGROUP -- /bin/cat /proc/self/cgroup </dev/null | grep -c lxc.payload)" 0 "-e CGROUP stays out"
	assert_eq "$(att c --elevated-privileges=CAP -- /bin/sh -c 'grep CapBnd /proc/self/status' </dev/null | awk '{print $2}')" \
		"$(awk '/^CapBnd/ {print $2}' /proc/self/status)" "-e CAP keeps the caller's bounding set"
}

# A container whose init delegates controllers from its cgroup2 cgroup (as
# systemd does): no process may join that cgroup, so an attached process is
# born in the init's own one below it.
test_cgroup2_delegated_by_init() {
	up
	local pid cg base ctl p a
	pid=$(init_pid c)
	cg=$(awk -F: '$1 == "0" {print $3}' /proc/$pid/cgroup)
	base=$(cg2_mount)
	[ -n "$cg" ] && [ -n "$base" ] || t_skip "the host has no cgroup2 hierarchy"
	ctl=$(awk '{print $1}' "$base$cg/cgroup.controllers")
	[ -n "$ctl" ] || t_skip "the cgroup2 hierarchy has no controller to delegate"
	mkdir "$base$cg/init.scope" || t_fail "cannot make $base$cg/init.scope"
	# the test's own cgroup goes once the container is stopped (and the monitor did not take it)
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$T_ID-c' -k; rmdir '$base$cg/init.scope'"
	# every process of the container moves down first (no-internal-process
	# rule); the boot may still be forking, so until the cgroup stays empty
	local i
	for i in $(seq 20); do
		for p in $(cat "$base$cg/cgroup.procs"); do echo "$p" >"$base$cg/init.scope/cgroup.procs"; done 2>/dev/null
		echo "+$ctl" >"$base$cg/cgroup.subtree_control" 2>/dev/null && break
		sleep 0.1
	done
	grep -qw "$ctl" "$base$cg/cgroup.subtree_control" || t_fail "cannot delegate $ctl below $base$cg"
	assert_eq "$(att c -- /bin/cat /proc/self/cgroup </dev/null | grep '^0::')" "0::/init.scope" \
		"the container's view: the init's own cgroup2 cgroup"
	(att_bg c -- /bin/sleep 30 </dev/null) &
	a=$!
	on_cleanup "kill -KILL $a"
	p=$(child_of $a) || t_fail "no attached process under lxc-attach $a"
	assert_eq "$(grep '^0::' /proc/$p/cgroup)" "0::$cg/init.scope" "the host's view"
	assert_contains "$(grep memory /proc/$p/cgroup)" "lxc.payload.$T_ID-c" "the v1 cgroups are the container's"
	kill -KILL $a
	wait $a 2>/dev/null
}

test_resource_limits() {
	up "lxc.prlimit.nofile = 512:1024"
	assert_match "$(att c -- /bin/cat /proc/self/limits </dev/null)" 'Max open files +512 +1024' "lxc.prlimit.nofile"
	assert_eq "$(att c -- /bin/sh -c 'ulimit -s' </dev/null)" "$(ulimit -s)" "a limit the container does not set is the caller's"
}

test_pipes_and_stderr() {
	up
	assert_eq "$(echo hi | att c -- /bin/cat)" "hi" "stdin through a pipe"
	head -c 100M /dev/urandom >"$T_TMP/big"
	assert_eq "$(att c -- /bin/cat <"$T_TMP/big" | sha256sum)" "$(sha256sum <"$T_TMP/big")" "100 MB through stdin and stdout"
	att c -- /bin/sh -c 'echo out; echo err >&2; exit 4' </dev/null >"$T_TMP/o" 2>"$T_TMP/e"
	assert_eq "$?" 4 "exit status"
	assert_eq "$(cat "$T_TMP/o")" "out" "stdout alone"
	assert_eq "$(cat "$T_TMP/e")" "err" "stderr separate"
	# a redirection from a file that is not a terminal gives no pty: the bytes arrive as written
	printf 'a\r\nb\0c' | att c -- /bin/cat >"$T_TMP/raw"
	assert_eq "$(od -An -c "$T_TMP/raw" | tr -s ' ')" "$(printf 'a\r\nb\0c' | od -An -c | tr -s ' ')" "no pty translation"
}

test_signals() {
	up
	(att_bg c -- /bin/sh -c 'trap "echo got TERM; exit 7" TERM; echo ready; while :; do sleep 0.1; done' \
		</dev/null >"$T_TMP/out" 2>&1) &
	local a=$!
	on_cleanup "kill -KILL $a"
	for _ in $(seq 100); do grep -q ready "$T_TMP/out" && break; sleep 0.05; done
	kill -TERM $a
	wait $a
	assert_eq "$?" 7 "the command trapped SIGTERM and chose its exit code"
	assert_contains "$(cat "$T_TMP/out")" "got TERM" "SIGTERM reached the command"
	(att_bg c -- /bin/sh -c 'trap "echo got INT; exit 9" INT; trap "echo got USR1" USR1; echo ready; while :; do sleep 0.1; done' \
		</dev/null >"$T_TMP/out2" 2>&1) &
	a=$!
	on_cleanup "kill -KILL $a"
	for _ in $(seq 100); do grep -q ready "$T_TMP/out2" && break; sleep 0.05; done
	kill -USR1 $a
	for _ in $(seq 100); do grep -q "got USR1" "$T_TMP/out2" && break; sleep 0.05; done
	kill -INT $a
	wait $a
	assert_eq "$?" 9 "SIGINT (Ctrl-C) reached the command"
	assert_contains "$(cat "$T_TMP/out2")" "got USR1" "SIGUSR1 reached the command"
}

test_pty() {
	up
	need_pty_helper
	local out
	# a terminal on stdin: a pty of the container's own devpts
	out=$(ptyrun --size 30 100 -- "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -- /bin/sh -c 'tty; stty size; ls /dev/pts' | tr -d '\r')
	assert_match "$out" '^/dev/pts/[0-9]+' "tty prints the pty"
	local n=${out%%$'\n'*}
	n=${n#/dev/pts/}
	assert_contains "$out" "30 100" "the window size of the user's terminal"
	assert_match "$(echo "$out" | tail -n +3 | tr '\n' ' ')" "(^| )$n " "the pty is in the container's /dev/pts"
	# an interactive shell: the answer comes back, and its exit code is ours
	out=$(ptyrun --size 24 80 --wait '# ' --send 'echo $((6*7))\n' --wait 42 --send 'exit 5\n' -- \
		"$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c")
	assert_eq "$?" 5 "the shell's exit code"
	assert_contains "$out" "42" "the shell answered"
	# resizing follows the user's terminal; Ctrl-C interrupts the command
	out=$(ptyrun --size 30 100 --wait ready --resize 40 120 --wait '40 120' --send '\x03' -- \
		"$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -- /bin/sh -c 'trap "stty size" WINCH; echo ready; while :; do sleep 0.1; done')
	assert_eq "$?" 130 "Ctrl-C: killed by SIGINT"
	assert_contains "$out" "40 120" "SIGWINCH with the new size"
	# -L logs what the pty showed; stdout redirected to a file stays a plain file (no pty, no \r)
	ptyrun -- "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -L "$T_TMP/pty.log" -- /bin/sh -c 'echo to-the-pty >&2; echo to-the-file >'"$T_TMP/redir" >/dev/null
	assert_contains "$(cat "$T_TMP/pty.log" 2>/dev/null)" "to-the-pty" "-L logs the pty output"
	ptyrun -- /bin/sh -c "'$LXC_ATTACH' -P '$T_LXCPATH' -n '$T_ID-c' -- /bin/echo plain >'$T_TMP/plain'" >/dev/null
	assert_eq "$(od -An -c "$T_TMP/plain" | tr -s ' ')" " p l a i n \n" "stdout to a file from a terminal: byte-exact"
}

test_pty_without_usable_ptmx() {
	# no usable /dev/ptmx in the container (here a FIFO: it must not block us either):
	# a pty of the host's devpts serves, as LXC's fallback
	up
	need_pty_helper
	local out
	att c -- /bin/sh -c 'rm -f /dev/ptmx && mkfifo /dev/ptmx' </dev/null
	out=$(ptyrun --size 24 80 -- "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -- /bin/sh -c 'tty; stty size; echo works; exit 3')
	assert_eq "$?" 3 "exit code through the pty"
	assert_eq "$(echo "$out" | tr -d '\r')" "not a tty
24 80
works" "input, output and window size"
}

test_not_running() {
	need_root_busybox
	mk c || return
	assert_status 1 att c -- /bin/true </dev/null
	assert_contains "$ERR" "not running" "a stopped container"
	assert_eq "$(echo "$ERR" | wc -l)" 1 "one line"
	assert_status 1 att nosuch -- /bin/true </dev/null
	assert_contains "$ERR" "no such container" "a container that does not exist"
}

test_no_host_fds_or_files() {
	up
	local pid
	pid=$(init_pid c)
	# a host file and directory open in the caller, not close-on-exec
	exec 7>"$T_TMP/host-file" 8<"$T_TMP"
	(att_bg c -- /bin/sleep 30 </dev/null >/dev/null 2>&1) &
	local a=$! p
	exec 7>&- 8<&-
	on_cleanup "kill -KILL $a"
	p=$(child_of $a) || t_fail "no attached process under lxc-attach $a"
	assert_eq "$(ls /proc/$p/fd | sort -n | tr '\n' ' ')" "0 1 2 " "only stdin, stdout and stderr"
	# the program is the container's busybox, not a host file (nor lxc-attach)
	assert_eq "$(stat -L -c %d:%i /proc/$p/exe)" "$(stat -c %d:%i "$T_LXCPATH/$T_ID-c/rootfs/bin/busybox")" "the container's binary"
	assert_ne "$(stat -L -c %d:%i /proc/$p/exe)" "$(stat -L -c %d:%i "$(command -v busybox)")" "not the host's busybox"
	kill -KILL $a
	wait $a 2>/dev/null
	assert_eq "$(att c -- /bin/readlink /proc/self/exe </dev/null)" "/bin/busybox" "/proc/self/exe inside"
	# with a pty: the pty and nothing else
	need_pty_helper
	local out
	exec 7>"$T_TMP/host-file"
	# (ls lists its own fds: 3 is the directory it reads)
	out=$(ptyrun -- "$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-c" -- /bin/sh -c 'exec ls /proc/$$/fd' | tr -d '\r')
	exec 7>&-
	assert_eq "$(echo $out)" "0 1 2 3" "the pty as 0, 1, 2 and nothing else"
}

test_concurrent_attaches() {
	up
	local i
	for i in $(seq 50); do
		(att c -- /bin/sh -c "echo $i" </dev/null >"$T_TMP/out.$i" 2>&1; echo $? >"$T_TMP/rc.$i") &
	done
	wait
	assert_eq "$(cat "$T_TMP"/rc.* | sort | uniq -c | tr -s ' ')" " 50 0" "50 concurrent attaches all succeed"
	assert_eq "$(cat "$T_TMP"/out.* | sort -n | tr '\n' ' ')" "$(seq 50 | tr '\n' ' ')" "each ran its own command"
}

test_personality() {
	up
	assert_eq "$(att c -- /bin/uname -m </dev/null)" "$(uname -m)" "the container's architecture"
	[ "$(uname -m)" = x86_64 ] || t_skip "the -a check needs an x86_64 host"
	assert_eq "$(att c -a i686 -- /bin/uname -m </dev/null)" "i686" "-a i686"
}

test_api_from_python() {
	up
	[ -x "$PY" ] && "$PY" -c 'import lxc' 2>/dev/null || t_skip "no python3-lxc (apt-get install python3-lxc)"
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" - "$T_LXCPATH" "$T_ID-c" "$T_TMP/py.stdout" <<'EOF' >"$T_TMP/py.out" 2>&1
import sys, lxc
c = lxc.Container(sys.argv[2], sys.argv[1])
assert c.running, "running"
st = c.attach_wait(lxc.attach_run_command, ["/bin/sh", "-c", "exit 4"])
print("status", st >> 8 if st > 255 else st)
with open(sys.argv[3], "w") as f:
    st = c.attach_wait(lxc.attach_run_command, ["/bin/sh", "-c", "echo $X:$container:$(hostname)"],
                       env_policy=lxc.LXC_ATTACH_CLEAR_ENV, extra_env_vars=["X=1"], stdout=f)
print("status2", st)
print(open(sys.argv[3]).read().strip())
print("stopped", lxc.Container("nosuch", sys.argv[1]).attach_wait(lxc.attach_run_command, ["/bin/true"]))
print(open("/proc/self/maps").read())
EOF
	local out
	out=$(cat "$T_TMP/py.out")
	assert_contains "$out" "status 4" "attach_wait returns the exit status"
	assert_contains "$out" "status2 0" "with options"
	assert_contains "$out" "1:lxc:$T_ID-c" "env policy, extra variables and stdout of the options"
	assert_contains "$out" "stopped -1" "a container that is not running"
	assert_contains "$out" "$BERTH_PREFIX/lib/liblxc.so" "berth's liblxc was used"
}

run_tests "$@"
