# shmounts.sh - lxc.mount.auto shmounts:HOST[:CONT]: a tmpfs shared with the host, where mounts made on the host after start appear inside; nothing stays mounted after stop
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

# mounted PATH: whether PATH is a mount point on the host (the visible one)
mounted() { awk -v p="$1" '$5 == p { f = 1 } END { exit !f }' /proc/self/mountinfo; }

# wait_unmounted PATH: the monitor unmounts as the container stops; give it a moment
wait_unmounted() {
	local i
	for i in $(seq 50); do
		mounted "$1" || return 0
		sleep 0.1
	done
	return 1
}

test_host_mount_after_start_is_visible_inside() {
	need_runtime
	local host=$T_TMP/shm
	# registered first, so it runs after the stop
	on_cleanup "umount -l '$host'"
	mk_container c "lxc.mount.auto = shmounts:$host:/mnt/shm"
	start_ok c
	mounted "$host" || t_fail "no tmpfs mounted at $host on the host"
	awk -v p="$host" '$5 == p' /proc/self/mountinfo | grep -q ' shared:' || t_fail "$host is not a shared mount"
	# Inject a mount from the host, after the start.
	mkdir -p "$host/x" "$T_TMP/src"
	echo injected >"$T_TMP/src/f"
	mount --bind "$T_TMP/src" "$host/x" || t_fail "cannot bind into $host"
	assert_eq "$(inside c cat /mnt/shm/x/f 2>&1)" injected "the injected file seen inside"
	stop_k c
	wait_unmounted "$host/x" || t_fail "$host/x is still mounted after stop"
	wait_unmounted "$host" || t_fail "$host is still mounted after stop"
}

test_default_container_path() {
	need_runtime
	local host=$T_TMP/shm
	# registered first, so it runs after the stop
	on_cleanup "umount -l '$host'"
	mk_container d "lxc.mount.auto = shmounts:$host"
	start_ok d
	echo hello >"$host/g"
	assert_eq "$(inside d cat /dev/.lxc-mounts/g 2>&1)" hello "the shared tmpfs at /dev/.lxc-mounts"
	stop_k d
	wait_unmounted "$host" || t_fail "$host is still mounted after stop"
}

test_an_existing_shared_mount_is_used_and_kept() {
	need_runtime
	local host=$T_TMP/mine
	mkdir -p "$host"
	mount -t tmpfs -o size=64k tmpfs "$host" && mount --make-shared "$host" || t_skip "cannot mount a shared tmpfs here"
	on_cleanup "umount -l '$host'"
	echo pre >"$host/pre"
	mk_container e "lxc.mount.auto = shmounts:$host:/mnt/shm"
	start_ok e
	assert_eq "$(inside e cat /mnt/shm/pre 2>&1)" pre "the admin's shared tmpfs, used as it is"
	assert_eq "$(awk -v p="$host" '$5 == p' /proc/self/mountinfo | wc -l)" 1 "mounts at $host (not stacked)"
	stop_k e
	sleep 0.2
	mounted "$host" || t_fail "the admin's mount at $host was removed at stop"
}

test_bad_shmounts_value_refused() {
	need_runtime
	mk_container f "lxc.mount.auto = shmounts:relative/path"
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-f"
	assert_contains "$ERR" "must be absolute"
	assert_contains "$ERR" "lxc.mount.auto"
}

run_tests "$@"
