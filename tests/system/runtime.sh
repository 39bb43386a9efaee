# runtime.sh - real busybox containers: start, isolation, visible state, stop/kill/reboot, lxc-wait/lxc-monitor, a killed monitor
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each test makes its own containers under $T_LXCPATH with a minimal busybox
# rootfs, stops them (and kills any lxc-monitor it ran, by pid) in its
# cleanups; lib.sh compares the host's links, mounts and lxc* cgroups before
# and after. Inside views come from nsenter on the container's init.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

test_start_stop_visible() {
	need_runtime
	mk_container c
	start_ok c
	assert_eq "$(state_of c)" RUNNING "state after start"
	local pid
	pid=$("$LXC_INFO" -P "$T_LXCPATH" -n "$T_ID-c" -pH)
	assert_match "$pid" '^[0-9]+$' "init pid"
	# busybox init is PID 1 of its own pid namespace
	assert_eq "$(inside c readlink /proc/1/exe | sed 's|.*/||')" busybox "pid 1 is busybox"
	assert_ne "$(readlink /proc/$pid/ns/pid)" "$(readlink /proc/self/ns/pid)" "own pid namespace"
	assert_eq "$(inside c cat /proc/1/comm)" init "pid 1 is init"
	assert_eq "$(inside c hostname)" "h-$T_ID" "hostname = lxc.uts.name"
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -k
	assert_eq "$(state_of c)" STOPPED "state after stop -k"
	[ -d /proc/$pid ] && [ "$(awk '/^State/ {print $2}' /proc/$pid/status 2>/dev/null)" != Z ] && t_fail "init $pid still alive"
	assert_no_file "/sys/fs/cgroup/pids/lxc.payload.$T_ID-c"
}

test_mounts_and_dev() {
	need_runtime
	mk_container c "lxc.mount.entry = tmpfs mnt/scratch tmpfs size=1m,create=dir 0 0"
	start_ok c
	local mi
	mi=$(inside c cat /proc/self/mountinfo)
	assert_match "$mi" ' /proc rw,nosuid,nodev,noexec' "proc mounted"
	assert_match "$mi" ' /proc/sys ro,' "proc:mixed makes /proc/sys read-only"
	assert_match "$mi" ' /proc/sys/net rw,' "proc:mixed keeps /proc/sys/net writable"
	assert_match "$mi" ' /sys ro,' "sys:mixed is read-only"
	assert_match "$mi" ' /dev rw,nosuid,noexec.* - tmpfs ' "autodev tmpfs"
	assert_match "$mi" ' /dev/pts .* - devpts .*max=' "private devpts"
	assert_match "$mi" ' /mnt/scratch .* - tmpfs ' "lxc.mount.entry with create=dir"
	local nodes
	nodes=$(inside c ls -l /dev)
	for n in null zero full random urandom tty console tty1 tty2; do
		assert_match "$nodes" " $n\$" "/dev/$n"
	done
	assert_match "$(inside c readlink /dev/ptmx)" 'pts/ptmx' "ptmx -> pts/ptmx"
	assert_match "$(inside c readlink /dev/fd)" '/proc/self/fd' "/dev/fd"
	# the console is a pty the monitor holds, and init's stdio
	assert_match "$(inside c readlink /proc/1/fd/0)" '^/dev/(console|pts/[0-9]+)$' "init stdin is the console"
	stop_k c
}

test_caps_limits_sysctl_env() {
	need_runtime
	mk_container c "lxc.cap.drop = sys_module mknod
lxc.prlimit.nofile = 512:1024
lxc.sysctl.net.ipv4.ip_forward = 1
lxc.proc.oom_score_adj = 17
lxc.environment = FOO=bar
lxc.environment = BERTH_TEST_PASS"
	BERTH_TEST_PASS=passed start_ok c
	local pid bnd
	pid=$(init_pid c)
	bnd=$(awk '/^CapBnd/ {print $2}' /proc/$pid/status)
	# sys_module is 16, mknod 27
	(( (0x$bnd >> 16) & 1 )) && t_fail "sys_module still in the bounding set ($bnd)"
	(( (0x$bnd >> 27) & 1 )) && t_fail "mknod still in the bounding set ($bnd)"
	(( (0x$bnd >> 21) & 1 )) || t_fail "sys_admin was dropped too ($bnd)"
	assert_eq "$(awk '/^CapEff/ {print $2}' /proc/$pid/status)" "$bnd" "effective = bounding"
	assert_match "$(cat /proc/$pid/limits)" 'Max open files +512 +1024' "prlimit nofile"
	assert_eq "$(inside c cat /proc/sys/net/ipv4/ip_forward)" 1 "sysctl in the container's netns"
	assert_eq "$(cat /proc/$pid/oom_score_adj)" 17 "lxc.proc.oom_score_adj"
	local env
	env=$(tr '\0' '\n' </proc/$pid/environ)
	assert_contains "$env" "container=lxc" "container=lxc"
	assert_contains "$env" "FOO=bar" "lxc.environment"
	assert_contains "$env" "BERTH_TEST_PASS=passed" "lxc.environment passes a host variable"
	assert_contains "$env" "container_ttys=tty1 tty2" "container_ttys"
	stop_k c
}

test_cgroups_and_namespace() {
	need_runtime
	mk_container c
	start_ok c
	local pid
	pid=$(init_pid c)
	assert_contains "$(cat /proc/$pid/cgroup)" "lxc.payload.$T_ID-c" "init in lxc.payload.NAME"
	# its cgroup namespace is rooted there: inside, it is /
	assert_match "$(inside c cat /proc/1/cgroup)" ':/$' "cgroup namespace rooted at the payload"
	local mon
	mon=$(monitor_pid c)
	assert_contains "$(cat /proc/$mon/cgroup)" "lxc.monitor.$T_ID-c" "monitor in lxc.monitor.NAME"
	stop_k c
	assert_eq "$(find /sys/fs/cgroup -maxdepth 5 -name "lxc.*.$T_ID-c*" | head -3)" "" "cgroups removed"
}

test_init_cmd_override_foreground() {
	need_runtime
	mk_container c
	local out
	out=$("$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" -F -- /bin/sh -c 'echo "pid=$$ host=$(hostname) env=$container"; exit 3' </dev/null 2>&1)
	assert_eq "$?" 0 "lxc-start -F exits 0 like LXC"
	assert_contains "$out" "pid=1 host=h-$T_ID env=lxc" "the command ran as pid 1 with the console on our stdout"
	assert_eq "$(state_of c)" STOPPED "stopped after the command exited"
}

test_shutdown_reboot_poweroff() {
	need_runtime
	mk_container c "lxc.signal.halt = SIGUSR1
lxc.signal.reboot = SIGTERM"
	start_ok c
	local p1 p2
	p1=$(init_pid c)
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -r -t 20
	p2=$(init_pid c)
	assert_eq "$(state_of c)" RUNNING "running again after reboot"
	assert_ne "$p2" "$p1" "a new init after reboot"
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -t 20
	assert_eq "$(state_of c)" STOPPED "clean shutdown with lxc.signal.halt"
	# init powering off by itself
	start_ok c
	inside c poweroff -f
	assert_ok "$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s STOPPED -t 10
	assert_eq "$(state_of c)" STOPPED "poweroff inside ends STOPPED"
}

test_stop_timeout_kills() {
	need_runtime
	# /bin/sh as init ignores SIGPWR: the timeout must end in a kill
	mk_container c "lxc.init.cmd = /bin/sh -c 'trap \"\" PWR; while :; do sleep 1; done'"
	start_ok c
	local t0 t1
	t0=$(date +%s)
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -t 1
	t1=$(date +%s)
	assert_eq "$(state_of c)" STOPPED "killed after the timeout"
	[ $((t1 - t0)) -le 5 ] || t_fail "stop took $((t1 - t0))s with -t 1"
	start_ok c
	assert_status 1 "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -t 1 --nokill
	assert_eq "$(state_of c)" RUNNING "--nokill leaves it running"
	stop_k c
}

test_exit_codes_and_messages() {
	need_runtime
	mk_container c
	assert_status 2 "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$ERR" "is not running" "stop of a stopped container"
	start_ok c
	assert_status 0 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$ERR" "already running" "start of a running container"
	assert_status 1 "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -k -r
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-nosuch"
	assert_contains "$ERR" "No container config" "start of an undefined container"
	assert_status 1 "$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s BOGUS
	assert_contains "$ERR" "BOGUS" "invalid state named"
	stop_k c
}

test_wait_and_monitor() {
	need_runtime
	mk_container c
	"$LXC_MONITOR" -P "$T_LXCPATH" -n "$T_ID-.*" >"$T_TMP/mon" 2>&1 &
	local mon=$!
	on_cleanup "kill $mon"
	"$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s RUNNING -t 20 &
	local waiter=$!
	sleep 0.3
	start_ok c
	wait $waiter
	assert_eq "$?" 0 "lxc-wait saw RUNNING"
	assert_status 1 "$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s STOPPED -t 1
	"$LXC_WAIT" -P "$T_LXCPATH" -n "$T_ID-c" -s STOPPED -t 20 &
	waiter=$!
	stop_k c
	wait $waiter
	assert_eq "$?" 0 "lxc-wait saw STOPPED"
	sleep 0.2
	kill $mon
	local log
	log=$(cat "$T_TMP/mon")
	assert_contains "$log" "'$T_ID-c' changed state to [STARTING]" "monitor: STARTING"
	assert_contains "$log" "'$T_ID-c' changed state to [RUNNING]" "monitor: RUNNING"
	assert_contains "$log" "'$T_ID-c' changed state to [STOPPING]" "monitor: STOPPING"
	assert_contains "$log" "'$T_ID-c' changed state to [STOPPED]" "monitor: STOPPED"
}

test_monitor_sigkill() {
	need_runtime
	mk_container c
	start_ok c
	local pid mon
	pid=$(init_pid c)
	mon=$(monitor_pid c)
	assert_match "$mon" '^[0-9]+$' "monitor pid"
	kill -9 "$mon"
	# the init dies with its monitor (parent-death signal), the socket with its holder
	local i
	for i in $(seq 50); do
		[ "$(awk '/^State/ {print $2}' /proc/$pid/status 2>/dev/null)" = "" ] && break
		[ "$(awk '/^State/ {print $2}' /proc/$pid/status 2>/dev/null)" = Z ] && break
		sleep 0.1
	done
	st=$(awk '/^State/ {print $2}' /proc/$pid/status 2>/dev/null)
	[ -z "$st" ] || [ "$st" = Z ] || t_fail "init $pid survived its monitor (state $st)"
	assert_eq "$(state_of c)" STOPPED "lxc-info says STOPPED after the monitor was killed"
	# nothing stale blocks the next start; it also clears the killed run's cgroups
	start_ok c
	assert_eq "$(state_of c)" RUNNING "started again"
	stop_k c
}

test_pidfile_and_console_log() {
	need_runtime
	mk_container c "lxc.init.cmd = /bin/sh -c 'echo console-says-hi; exec sleep 1000'"
	assert_ok "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" -p "$T_TMP/pid" -L "$T_TMP/console.log"
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$T_ID-c' -k"
	assert_eq "$(cat "$T_TMP/pid")" "$(monitor_pid c)" "pid file has the monitor's pid"
	sleep 0.3
	assert_contains "$(cat "$T_TMP/console.log")" "console-says-hi" "console output logged"
	stop_k c
	assert_no_file "$T_TMP/pid"
}

test_share_net() {
	need_runtime
	mk_container a
	mk_container b
	start_ok a
	assert_ok "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-b" --share-net "$T_ID-a"
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$T_ID-b' -k"
	assert_eq "$(readlink /proc/$(init_pid b)/ns/net)" "$(readlink /proc/$(init_pid a)/ns/net)" "same net namespace"
	assert_ne "$(readlink /proc/$(init_pid b)/ns/uts)" "$(readlink /proc/$(init_pid a)/ns/uts)" "own uts namespace"
	stop_k b
	stop_k a
}

test_running_config_item() {
	need_runtime
	mk_container c
	start_ok c
	assert_eq "$("$RUN_DRIVER" config "$T_ID-c" "$T_LXCPATH" lxc.uts.name)" "h-$T_ID" "running config item"
	stop_k c
}

test_tty_dir_keyring_arch() {
	need_runtime
	mk_container c "lxc.tty.dir = lxc
lxc.arch = x86_64"
	start_ok c
	assert_eq "$(inside c readlink /dev/console)" "lxc/console" "/dev/console links into lxc.tty.dir"
	assert_eq "$(inside c readlink /dev/tty2)" "lxc/tty2" "/dev/tty2 links into lxc.tty.dir"
	assert_match "$(inside c cat /proc/self/mountinfo)" " /dev/lxc/console .* - devpts " "console bound in /dev/lxc"
	# a session keyring of its own (lxc.keyring.session defaults to on)
	local pid
	pid=$(init_pid c)
	if [ -r /proc/keys ]; then
		assert_ne "$(grep -c _ses /proc/keys)" 0 "session keyrings exist"
	fi
	stop_k c
}

test_time_namespace() {
	need_runtime
	[ -e /proc/self/ns/time ] || t_skip "this kernel has no time namespaces"
	mk_container c "lxc.time.offset.boot = 100000s
lxc.time.offset.monotonic = -10s"
	start_ok c
	local pid up
	pid=$(init_pid c)
	assert_ne "$(readlink /proc/$pid/ns/time)" "$(readlink /proc/self/ns/time)" "own time namespace"
	up=$(inside c cat /proc/uptime)
	[ "${up%%.*}" -gt 100000 ] || t_fail "boottime offset not applied (uptime $up)"
	stop_k c
}

test_share_pid_and_console_file() {
	need_runtime
	mk_container a
	mk_container b "lxc.init.cmd = /bin/sh -c 'echo on-the-console; exec sleep 100000'"
	start_ok a
	assert_ok "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-b" --share-pid "$T_ID-a" -c "$T_TMP/console.out"
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$T_ID-b' -k"
	local pa pb
	pa=$(init_pid a)
	pb=$(init_pid b)
	assert_eq "$(readlink /proc/$pb/ns/pid)" "$(readlink /proc/$pa/ns/pid)" "same pid namespace"
	assert_ne "$(awk '/^NSpid/ {print $3}' /proc/$pb/status)" 1 "b's init is not pid 1 there"
	sleep 0.3
	assert_contains "$(cat "$T_TMP/console.out")" "on-the-console" "-c FILE receives the console"
	stop_k b
	stop_k a
}

test_monitor_unshare_and_hooks_mount() {
	need_runtime
	# a mount made by a pre-start hook stays in the monitor's own mount namespace
	mk_container c "lxc.monitor.unshare = 1
lxc.hook.pre-start = /bin/sh -c 'mkdir -p $T_TMP/m && mount -t tmpfs berth-$T_ID $T_TMP/m'"
	start_ok c
	assert_not_contains "$(cat /proc/self/mountinfo)" "berth-$T_ID" "the hook's mount is not on the host"
	assert_contains "$(cat /proc/$(monitor_pid c)/mountinfo)" "berth-$T_ID" "it is in the monitor's namespace"
	stop_k c
}

test_fstab_relative_rootfs_mount() {
	need_runtime
	local d=$T_LXCPATH/$T_ID-c
	mk_container c "lxc.mount.fstab = fstab
lxc.mount.entry = etc/inittab mnt/inittab-copy none bind,ro,relative,create=file 0 0
lxc.rootfs.mount = $T_TMP/rootmnt"
	mkdir -p "$T_TMP/rootmnt"
	printf '# comment\ntmpfs mnt/from-fstab tmpfs size=1m,create=dir 0 0\n' >"$d/fstab"
	start_ok c
	local mi
	mi=$(inside c cat /proc/self/mountinfo)
	assert_match "$mi" " /mnt/from-fstab .* - tmpfs " "lxc.mount.fstab (relative to the config's directory)"
	assert_match "$mi" "/etc/inittab /mnt/inittab-copy ro," "relative source: the rootfs's own file"
	assert_contains "$(inside c cat /mnt/inittab-copy)" "respawn" "it is the container's inittab"
	assert_eq "$(ls -A "$T_TMP/rootmnt")" "" "nothing mounted at lxc.rootfs.mount on the host"
	stop_k c
}

test_init_ids_and_no_new_privs() {
	need_runtime
	mk_container c "lxc.init.cmd = /bin/sleep 100000
lxc.init.uid = 1234
lxc.init.gid = 567
lxc.init.groups = 8,9
lxc.init.cwd = /tmp
lxc.no_new_privs = 1"
	start_ok c
	local pid st
	pid=$(init_pid c)
	st=$(cat /proc/$pid/status)
	assert_match "$st" $'Uid:\t1234\t1234\t1234\t1234' "lxc.init.uid"
	assert_match "$st" $'Gid:\t567\t567\t567\t567' "lxc.init.gid"
	assert_match "$st" $'Groups:\t8 9' "lxc.init.groups"
	assert_match "$st" $'NoNewPrivs:\t1' "lxc.no_new_privs"
	assert_match "$st" $'CapEff:\t0000000000000000' "no capabilities as uid 1234"
	assert_eq "$(readlink /proc/$pid/cwd)" "/tmp" "lxc.init.cwd (inside the container)"
	stop_k c
}

test_cgroup_mounts_forced() {
	need_runtime
	mk_container c "lxc.mount.auto = proc sys cgroup:mixed:force"
	start_ok c
	local mi
	mi=$(inside c cat /proc/self/mountinfo)
	assert_match "$mi" " /sys/fs/cgroup ro,.* - tmpfs " "cgroup:mixed: a read-only tmpfs"
	if grep -q ' /sys/fs/cgroup/memory ' /proc/self/mountinfo; then
		assert_match "$mi" " /sys/fs/cgroup/memory rw,.* - cgroup " "the container's memory cgroup, writable"
		# rooted at the container's own cgroup: no lxc.payload directory inside
		assert_no_file "/proc/$(init_pid c)/root/sys/fs/cgroup/memory/lxc.payload.$T_ID-c"
	fi
	stop_k c
	# without force and with a cgroup namespace, init mounts them (as LXC leaves it)
	mk_container d "lxc.mount.auto = proc sys cgroup:mixed"
	start_ok d
	assert_not_contains "$(inside d cat /proc/self/mountinfo)" " /sys/fs/cgroup " "left to init"
	stop_k d
}

test_autodev_hook_and_reboot_from_inside() {
	need_runtime
	mk_container c "lxc.hook.autodev = /bin/sh -c 'touch \$LXC_ROOTFS_MOUNT/dev/made-by-hook'"
	start_ok c
	assert_eq "$(inside c ls /dev/made-by-hook)" "/dev/made-by-hook" "the autodev hook wrote into the new /dev"
	local p1 p2
	p1=$(init_pid c)
	inside c reboot -f
	for i in $(seq 50); do
		p2=$(init_pid c)
		[ -n "$p2" ] && [ "$p2" != "$p1" ] && [ "$(state_of c)" = RUNNING ] && break
		sleep 0.1
	done
	assert_ne "$p2" "$p1" "a reboot from inside comes back with a new init"
	assert_eq "$(state_of c)" RUNNING "running after the reboot"
	stop_k c
}

test_command_socket_refuses_others() {
	need_runtime
	command -v setpriv >/dev/null || t_skip "needs setpriv"
	mk_container c
	start_ok c
	chmod 755 "$T_LXCPATH"
	# another user may not see or control the container through its socket
	assert_status 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$LXC_STOP" -P "$T_LXCPATH" -n "$T_ID-c" -k
	assert_eq "$(state_of c)" RUNNING "still running after another user tried to stop it"
	stop_k c
}

test_veth_network() {
	need_runtime
	command -v ip >/dev/null || t_skip "needs ip (iproute2)"
	local br=br${T_ID: -10}
	ip link add "$br" type bridge || t_skip "cannot create a bridge here"
	on_cleanup "ip link del $br"
	ip link set "$br" up
	mk_container c "lxc.net.0.type = veth
lxc.net.0.link = $br
lxc.net.0.flags = up
lxc.net.0.name = eth0
lxc.net.0.ipv4.address = 10.199.7.5/24"
	start_ok c
	local addrs
	addrs=$(nsenter -t "$(init_pid c)" -n ip -br addr)
	assert_match "$addrs" 'eth0@[^ ]+ +UP +10\.199\.7\.5/24' "eth0 inside, up, addressed"
	assert_match "$(ip -br link show master "$br")" '^veth' "host end on the bridge"
	stop_k c
	# the veth went with the namespace
	local i
	for i in $(seq 30); do
		[ -z "$(ip -br link show master "$br")" ] && break
		sleep 0.1
	done
	assert_eq "$(ip -br link show master "$br")" "" "no veth left on the bridge"
}

test_same_name_two_lxcpaths() {
	need_runtime
	mk_container c
	# the same name in a second lxcpath: its own socket, its own cgroups (a suffix)
	local other=$T_TMP/lxcpath2
	mkdir -p "$other"
	cp -a "$T_LXCPATH/$T_ID-c" "$other/"
	sed -i "s|$T_LXCPATH|$other|" "$other/$T_ID-c/config"
	start_ok c
	assert_ok "$LXC_START" -P "$other" -n "$T_ID-c"
	on_cleanup "'$LXC_STOP' -P '$other' -n '$T_ID-c' -k"
	assert_eq "$("$LXC_INFO" -P "$other" -n "$T_ID-c" -sH)" RUNNING "the second one runs too"
	assert_ne "$("$LXC_INFO" -P "$other" -n "$T_ID-c" -pH)" "$(init_pid c)" "two inits"
	"$LXC_STOP" -P "$other" -n "$T_ID-c" -k
	assert_eq "$(state_of c)" RUNNING "stopping one leaves the other"
	stop_k c
}

run_tests "$@"
