# runtime-faults.sh - starts that fail at each step: one line naming what, where (key, FILE:LINE) and what to do; the host as before
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# lib.sh compares the host's links, mounts and lxc* cgroups before and after
# each test; here each test also checks the container is STOPPED, that the
# message is a single line, and where it matters that no file or directory
# appeared on the host.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

# fails_with SUFFIX TEXT...: lxc-start fails (1) with one line holding every TEXT.
fails_with() {
	local c=$1
	shift
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-$c"
	local lines
	lines=$(printf '%s\n' "$ERR" | grep -c .)
	assert_eq "$lines" 1 "one line of error (got: $ERR)"
	for t in "$@"; do
		assert_contains "$ERR" "$t" "error names '$t'"
	done
	assert_not_contains "$ERR" "sequence number" "no internals in the message"
	assert_not_contains "$ERR" "ABORTING" "no internals in the message"
	# by the command socket: lxc-info cannot open a container whose config does not load
	if [ -x "$RUN_DRIVER" ]; then
		assert_eq "$("$RUN_DRIVER" state "$T_ID-$c" "$T_LXCPATH")" STOPPED "stopped after the failure"
	fi
}

cfg() {
	printf '%s/%s-%s/config' "$T_LXCPATH" "$T_ID" "$1"
}

test_bad_mount_entry() {
	need_runtime
	mk_container c "lxc.mount.entry = /nonexistent-$T_ID mnt/x none bind,create=dir 0 0"
	fails_with c "$(cfg c):" "lxc.mount.entry" "/nonexistent-$T_ID" "No such file or directory" "optional"
	# optional: the same entry is skipped
	sed -i "s|bind,create=dir|bind,create=dir,optional|" "$(cfg c)"
	start_ok c
	assert_eq "$(state_of c)" RUNNING "an optional entry that fails is skipped"
	stop_k c
}

test_missing_target() {
	need_runtime
	mk_container c "lxc.mount.entry = tmpfs no/such/dir tmpfs defaults 0 0"
	fails_with c "lxc.mount.entry" "/no/such/dir" "create=dir"
}

test_missing_init() {
	need_runtime
	mk_container c "lxc.init.cmd = /sbin/nosuch-init"
	fails_with c "lxc.init.cmd" "/sbin/nosuch-init" "no such file in the container" "set lxc.init.cmd"
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" -F -- /bin/nosuch-cmd </dev/null
	assert_contains "$ERR" "/bin/nosuch-cmd" "the command given after -- named"
}

test_bad_values() {
	need_runtime
	mk_container c "lxc.signal.halt = SIGBOGUS"
	fails_with c "$(cfg c):" "lxc.signal.halt" "SIGBOGUS"
	mk_container d "lxc.rootfs.path = /nonexistent-$T_ID"
	fails_with d "lxc.rootfs.path" "/nonexistent-$T_ID"
	mk_container e "lxc.idmap = u 0 100000 65536"
	fails_with e "lxc.idmap" "not supported"
}

test_failing_hooks() {
	need_runtime
	local h=$T_TMP/hooks
	mkdir -p "$h"
	# pre-start fails on the host: post-stop still runs to undo what pre-start did
	mk_container c "lxc.hook.pre-start = /bin/sh -c 'echo pre-start-broke >&2; exit 7'
lxc.hook.post-stop = /bin/sh -c 'touch $h/post-stop-ran'"
	fails_with c "lxc.hook.pre-start" "exited with status 7" "pre-start-broke"
	assert_file "$h/post-stop-ran"
	# a mount hook fails inside the container's namespaces
	mk_container d "lxc.hook.mount = /bin/sh -c 'echo mount-hook-broke; exit 1'"
	fails_with d "$(cfg d):" "lxc.hook.mount" "mount-hook-broke"
	# start-host fails after the whole setup: the ready container is taken down
	mk_container e "lxc.hook.start-host = /bin/false"
	fails_with e "lxc.hook.start-host" "/bin/false"
}

test_hook_arguments_and_env() {
	need_runtime
	local h=$T_TMP/hooks
	mkdir -p "$h"
	cat >"$h/hook" <<EOF
#!/bin/sh
echo "args=\$*" >"$h/\$3"
env | grep '^LXC_' | sort >>"$h/\$3"
EOF
	chmod +x "$h/hook"
	mk_container c "lxc.hook.pre-start = $h/hook
lxc.hook.start-host = $h/hook
lxc.hook.stop = $h/hook
lxc.hook.post-stop = $h/hook"
	start_ok c
	stop_k c
	assert_contains "$(cat "$h/pre-start")" "args=$T_ID-c lxc pre-start" "pre-start arguments"
	assert_contains "$(cat "$h/pre-start")" "LXC_NAME=$T_ID-c" "LXC_NAME"
	assert_contains "$(cat "$h/pre-start")" "LXC_CONFIG_FILE=$(cfg c)" "LXC_CONFIG_FILE"
	assert_contains "$(cat "$h/pre-start")" "LXC_ROOTFS_PATH=dir:$T_LXCPATH/$T_ID-c/rootfs" "LXC_ROOTFS_PATH"
	assert_contains "$(cat "$h/pre-start")" "LXC_ROOTFS_MOUNT=" "LXC_ROOTFS_MOUNT"
	assert_match "$(cat "$h/start-host")" "LXC_PID=[0-9]+" "start-host gets LXC_PID"
	assert_match "$(cat "$h/stop")" "args=$T_ID-c lxc stop .*mnt:/proc/[0-9]+/fd/[0-9]+" "stop hook gets the namespaces"
	assert_contains "$(cat "$h/stop")" "LXC_TARGET=stop" "LXC_TARGET"
	assert_contains "$(cat "$h/post-stop")" "args=$T_ID-c lxc post-stop" "post-stop arguments"
}

test_prlimit_hard_raise() {
	need_runtime
	local hard
	hard=$(ulimit -Hn)
	[ "$hard" = unlimited ] && t_skip "the hard nofile limit is unlimited here: nothing to raise"
	if grep -q '^CapBnd' /proc/self/status && (( (0x$(awk '/^CapBnd/ {print $2}' /proc/self/status) >> 24) & 1 )); then
		t_skip "this host's bounding set has CAP_SYS_RESOURCE: raising the hard limit is allowed"
	fi
	mk_container c "lxc.prlimit.nofile = 1024:$((hard + 1000))"
	fails_with c "lxc.prlimit.nofile" "CAP_SYS_RESOURCE" "at most $hard"
}

test_unknown_sysctl() {
	need_runtime
	mk_container c "lxc.sysctl.net.ipv4.berth_nosuch = 1"
	fails_with c "lxc.sysctl.net.ipv4.berth_nosuch" "/proc/sys/net/ipv4/berth_nosuch"
}

test_symlink_cannot_escape() {
	need_runtime
	local host=$T_TMP/host-target
	mkdir -p "$host"
	mk_container c "lxc.mount.entry = tmpfs mnt/escape/x tmpfs size=1m,create=dir 0 0
lxc.mount.entry = /etc/hostname mnt/file-escape none bind,ro,create=file 0 0"
	# the container's rootfs points mnt/escape at a host directory, absolutely and relatively
	ln -s "$host" "$T_LXCPATH/$T_ID-c/rootfs/mnt/escape"
	ln -s "../../../../../../../../../../..$host/f" "$T_LXCPATH/$T_ID-c/rootfs/mnt/file-escape"
	start_ok c
	assert_eq "$(ls -A "$host")" "" "nothing created in the host directory the symlinks name"
	# the mounts landed inside the rootfs, where the links resolve from its root
	assert_match "$(inside c cat /proc/self/mountinfo)" " $host/x .* - tmpfs " "tmpfs inside the rootfs at the link's target"
	stop_k c
}

test_notice_not_applied() {
	need_runtime
	mk_container c "lxc.apparmor.profile = generated
lxc.seccomp.profile = /usr/share/lxc/config/common.seccomp"
	assert_ok "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_eq "$(printf '%s\n' "$ERR" | grep -c .)" 1 "one notice"
	assert_contains "$ERR" "not applied" "the notice says it"
	stop_k c
}

test_rootfs_readonly() {
	need_runtime
	mk_container c "lxc.rootfs.options = ro"
	start_ok c
	assert_status 1 nsenter -t "$(init_pid c)" -m -p -r -w -- /bin/touch /root/x
	assert_contains "$ERR" "Read-only" "the rootfs is read-only"
	assert_no_file "$T_LXCPATH/$T_ID-c/rootfs/root/x"
	stop_k c
}

run_tests "$@"
