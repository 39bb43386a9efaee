# cgroup-devices.sh - the device policy of real busybox containers: lxc.cgroup2.devices as a BPF program on the container's cgroup2 cgroup (its effect on its own, its removal, bad rules), lxc-device add|del of device nodes
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# On this hybrid host the v1 devices controller and a BPF program on the
# unified tree both govern a container's processes: the tests open every
# device in the v1 list (lxc.cgroup.devices.allow = a) so that what they see
# is the BPF program's doing alone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

LXC_ATTACH=$(tool lxc-attach)
LXC_DEVICE=$(tool lxc-device)
UNIFIED=

need_bpf_devices() {
	need_runtime
	UNIFIED=$(cg2_mount)
	[ -n "$UNIFIED" ] || t_skip "needs a cgroup2 hierarchy (BPF device programs attach there)"
	command -v python3 >/dev/null || t_skip "needs python3 (to query the kernel's BPF programs)"
	[ "$(uname -m)" = x86_64 ] ||
		t_skip "bpf_py and no_bpf know only x86_64's bpf() system call number (321), not $(uname -m)'s"
}

# bpf_py query DIR: ids of the device programs attached to the cgroup2 directory DIR.
# bpf_py alive ID: whether the kernel still has program ID.
# (x86_64's bpf() system call number; need_bpf_devices skips elsewhere)
bpf_py() {
	python3 - "$@" <<'EOF'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
NR_BPF = 321
def bpf(cmd, attr):
    r = libc.syscall(NR_BPF, cmd, ctypes.byref(attr), ctypes.sizeof(attr))
    return r, ctypes.get_errno()
if sys.argv[1] == "query":
    fd = os.open(sys.argv[2], os.O_RDONLY | os.O_DIRECTORY)
    ids = (ctypes.c_uint32 * 64)()
    attr = (ctypes.c_uint8 * 64)()
    ctypes.c_uint32.from_buffer(attr, 0).value = fd
    ctypes.c_uint32.from_buffer(attr, 4).value = 6          # BPF_CGROUP_DEVICE
    ctypes.c_uint64.from_buffer(attr, 16).value = ctypes.addressof(ids)
    ctypes.c_uint32.from_buffer(attr, 24).value = 64
    r, e = bpf(16, attr)                                    # BPF_PROG_QUERY
    if r < 0:
        sys.exit("query: " + os.strerror(e))
    print(" ".join(str(ids[i]) for i in range(ctypes.c_uint32.from_buffer(attr, 24).value)))
else:
    attr = (ctypes.c_uint8 * 16)()
    ctypes.c_uint32.from_buffer(attr, 0).value = int(sys.argv[2])
    r, e = bpf(13, attr)                                    # BPF_PROG_GET_FD_BY_ID
    if r >= 0:
        os.close(r)
        print("alive")
    else:
        print("gone" if e == 2 else "error " + os.strerror(e))
EOF
}

att() {
	local c=$1
	shift
	"$LXC_ATTACH" -P "$T_LXCPATH" -n "$T_ID-$c" -- "$@"
}

test_bpf_program_alone_denies_the_host_disk() {
	need_bpf_devices
	local maj min
	read -r maj min <<<"$(host_block_dev)"
	[ -n "$maj" ] || t_skip "no block device the host itself may open (root disk, loop devices)"
	# control: the same container without a cgroup2 rule opens the disk
	mk_container free "lxc.cgroup.devices.allow = a"
	mknod "$T_LXCPATH/$T_ID-free/rootfs/root/disk" b "$maj" "$min"
	start_ok free
	assert_ok att free /bin/sh -c ': < /root/disk && echo opened'
	assert_eq "$OUT" opened "without lxc.cgroup2.devices the disk opens (read nothing)"
	# a targeted deny: the disk is refused, everything else still works
	mk_container deny "lxc.cgroup.devices.allow = a
lxc.cgroup2.devices.deny = b $maj:$min rwm"
	mknod "$T_LXCPATH/$T_ID-deny/rootfs/root/disk" b "$maj" "$min"
	start_ok deny
	assert_status 1 att deny /bin/sh -c ': < /root/disk && echo opened'
	assert_contains "$ERR" "Operation not permitted" "the BPF program refuses the disk (EPERM)"
	assert_ok att deny /bin/sh -c 'echo x > /dev/null && echo ok'
	assert_eq "$OUT" ok "/dev/null still works"
	# the v1 list really allows it: the container's v1 devices cgroup says a *:* rwm
	if [ -r "/sys/fs/cgroup/devices/lxc.payload.$T_ID-deny/devices.list" ]; then
		assert_eq "$(cat "/sys/fs/cgroup/devices/lxc.payload.$T_ID-deny/devices.list")" "a *:* rwm" "v1 allows all"
	fi
	# a mknod of a block device inside is refused too (m)
	assert_status 1 att deny /bin/busybox mknod /tmp/d2 b "$maj" "$min"
}

test_deny_all_with_allowed_char_nodes() {
	need_bpf_devices
	local maj min
	read -r maj min <<<"$(host_block_dev)"
	[ -n "$maj" ] || t_skip "no block device the host itself may open (root disk, loop devices)"
	mk_container c "lxc.cgroup.devices.allow = a
lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c 1:3 rwm
lxc.cgroup2.devices.allow = c 1:5 rwm
lxc.cgroup2.devices.allow = c 1:8 rwm
lxc.cgroup2.devices.allow = c 1:9 rwm
lxc.cgroup2.devices.allow = c 5:* rwm
lxc.cgroup2.devices.allow = c 136:* rwm"
	mknod "$T_LXCPATH/$T_ID-c/rootfs/root/disk" b "$maj" "$min"
	mknod "$T_LXCPATH/$T_ID-c/rootfs/root/full" c 1 7
	start_ok c
	assert_ok att c /bin/sh -c 'head -c 4 /dev/zero | wc -c'
	assert_eq "$(echo $OUT)" 4 "/dev/zero (allowed) reads"
	assert_status 1 att c /bin/sh -c ': < /root/disk'
	assert_contains "$ERR" "Operation not permitted" "the disk is refused (default deny)"
	assert_status 1 att c /bin/sh -c ': < /root/full'
	assert_contains "$ERR" "Operation not permitted" "/dev/full (c 1:7, not listed) is refused"
	# an lxc.cgroup2 = clears the rules again: the disk opens
	stop_k c
	echo "lxc.cgroup2 =" >>"$T_LXCPATH/$T_ID-c/config"
	start_ok c
	assert_ok att c /bin/sh -c ': < /root/disk && echo opened'
	assert_eq "$OUT" opened "lxc.cgroup2 = clears the device rules"
}

test_program_goes_with_the_cgroup() {
	need_bpf_devices
	local ids id st
	mk_container c "lxc.cgroup2.devices.deny = b *:* m"
	start_ok c
	assert_file "$UNIFIED/lxc.payload.$T_ID-c"
	ids=$(bpf_py query "$UNIFIED/lxc.payload.$T_ID-c")
	assert_match "$ids" '^[0-9]+$' "one device program attached to the container's cgroup2 cgroup"
	[ -n "$ids" ] || return 0
	assert_eq "$(bpf_py alive "$ids")" alive "the program exists while running"
	stop_k c
	assert_no_file "$UNIFIED/lxc.payload.$T_ID-c"
	# the kernel frees it once the cgroup is released (asynchronously): bounded wait
	for _ in $(seq 50); do
		st=$(bpf_py alive "$ids")
		[ "$st" = gone ] && break
		sleep 0.1
	done
	assert_eq "$st" gone "program $ids is freed after stop"
	# a container without lxc.cgroup2.devices gets no program at all
	mk_container n
	start_ok n
	assert_eq "$(bpf_py query "$UNIFIED/lxc.payload.$T_ID-n")" "" "no program without rules"
}

test_bad_rule_fails_the_start() {
	need_bpf_devices
	mk_container c "lxc.cgroup2.devices.allow = c 1:3 rwx"
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$ERR" "lxc.cgroup2.devices.allow" "the key is named"
	assert_contains "$ERR" "config:" "the file:line is named"
	assert_contains "$ERR" "'x' is not one of r, w, m" "the reason"
	assert_eq "$(echo "$ERR" | grep -c .)" 1 "one line"
	assert_eq "$(state_of c)" STOPPED "not running"
	assert_no_file "$UNIFIED/lxc.payload.$T_ID-c"
	mk_container d "lxc.cgroup2.devices.deny = b 5000:0 r"
	assert_status 1 "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-d"
	assert_contains "$ERR" "major number is larger than 4095" "an out-of-range major"
}

# no_bpf CMD...: runs CMD with the bpf() system call failing with EPERM (a
# seccomp filter, inherited by the monitor), as on a host that forbids it.
no_bpf() {
	python3 - "$@" <<'EOF'
import ctypes, os, struct, sys
filt = b"".join([
    struct.pack("HBBI", 0x20, 0, 0, 0),               # A = seccomp_data.nr
    struct.pack("HBBI", 0x15, 0, 1, 321),             # if A == __NR_bpf
    struct.pack("HBBI", 0x06, 0, 0, 0x00050000 | 1),  #   return ERRNO(EPERM)
    struct.pack("HBBI", 0x06, 0, 0, 0x7fff0000),      # return ALLOW
])
buf = ctypes.create_string_buffer(filt)
class Prog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]
prog = Prog(len(filt) // 8, ctypes.addressof(buf))
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:   # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
    sys.exit("seccomp: " + os.strerror(ctypes.get_errno()))
os.execv(sys.argv[1], sys.argv[1:])
EOF
}

test_kernel_refusal_fails_the_start() {
	need_bpf_devices
	mk_container c "lxc.cgroup2.devices.deny = b *:* rwm"
	assert_status 1 no_bpf "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c"
	assert_contains "$ERR" "lxc.cgroup2.devices.deny" "the key is named"
	assert_contains "$ERR" "cannot load the cgroup2 device program: Operation not permitted" "the kernel's reason"
	assert_eq "$(echo "$ERR" | grep -c .)" 1 "one line"
	assert_eq "$(state_of c)" STOPPED "not running"
	assert_no_file "$UNIFIED/lxc.payload.$T_ID-c"
	# the same filter does not stop a container without cgroup2 device rules
	mk_container n
	assert_ok no_bpf "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-n"
	assert_eq "$(state_of n)" RUNNING "no rules, no bpf() needed"
}

# dev SUFFIX add|del ARGS...: lxc-device on container SUFFIX.
dev() {
	local c=$1
	shift
	"$LXC_DEVICE" -P "$T_LXCPATH" -n "$T_ID-$c" "$@"
}

# A device node added to a running container is usable inside; removed, it is
# gone and refused again. /dev/full's numbers (c 1:7) under another name: the
# container's device lists leave it out, so only lxc-device can allow it.
add_del_case() {
	local c=$1 v1list=$2
	mknod -m 666 "$T_TMP/full" c 1 7 2>/dev/null || [ -c "$T_TMP/full" ]
	mknod "$T_LXCPATH/$T_ID-$c/rootfs/root/full" c 1 7
	start_ok "$c"
	assert_status 1 att "$c" /bin/sh -c ': < /root/full'
	assert_contains "$ERR" "Operation not permitted" "$c: c 1:7 refused before add"
	assert_ok dev "$c" add "$T_TMP/full" /dev/bfull
	assert_eq "$ERR" "" "$c: add says nothing"
	assert_ok att "$c" /bin/sh -c 'stat -c "%F %t:%T %a" /dev/bfull; head -c 3 /dev/bfull | wc -c'
	assert_eq "$(echo $OUT)" "character special file 1:7 666 3" "$c: the node inside, readable (/dev/full gives zeros)"
	assert_status 1 att "$c" /bin/sh -c 'echo x > /dev/bfull'
	assert_contains "$ERR" "No space left on device" "$c: writes reach the device (ENOSPC is /dev/full's answer)"
	if [ "$v1list" = 1 ]; then
		assert_contains "$(cat "/sys/fs/cgroup/devices/lxc.payload.$T_ID-$c/devices.list")" "c 1:7 rwm" "$c: in the v1 list"
	fi
	# errors, one line each
	assert_status 1 dev "$c" add "$T_TMP/full" /dev/bfull
	assert_contains "$ERR" "/dev/bfull already exists inside the container" "$c: dest exists"
	assert_eq "$(echo "$ERR" | grep -c .)" 1 "$c: one line"
	assert_status 1 dev "$c" add "$T_LXCPATH/$T_ID-$c/config" /dev/x
	assert_contains "$ERR" "is not a device node" "$c: a regular file is refused"
	assert_status 1 dev "$c" add "$T_TMP/nosuch" /dev/x
	assert_contains "$ERR" "No such file" "$c: a missing node"
	assert_status 1 dev "$c" add "$T_TMP/full" dev/x
	assert_contains "$ERR" "not an absolute path" "$c: a relative dest"
	# removed: gone and refused again
	assert_ok dev "$c" del "$T_TMP/full" /dev/bfull
	assert_ok att "$c" /bin/sh -c '[ -e /dev/bfull ] || echo gone'
	assert_eq "$OUT" gone "$c: the node is removed"
	assert_status 1 att "$c" /bin/sh -c ': < /root/full'
	assert_contains "$ERR" "Operation not permitted" "$c: c 1:7 refused again after del"
	assert_status 1 dev "$c" del "$T_TMP/full" /dev/bfull
	assert_contains "$ERR" "No such file" "$c: del of a missing node"
	# a node in a new directory, and a symlink that points out of the container stays inside
	# (to the test's own $T_TMP: a regression makes the node there, not in the host's /tmp)
	mkdir -p "$T_LXCPATH/$T_ID-$c/rootfs$T_TMP"
	ln -s "$T_TMP" "$T_LXCPATH/$T_ID-$c/rootfs/root/out"
	assert_ok dev "$c" add "$T_TMP/full" /root/out/bfull2
	assert_no_file "$T_TMP/bfull2"
	assert_file "$T_LXCPATH/$T_ID-$c/rootfs$T_TMP/bfull2"
	assert_ok dev "$c" add "$T_TMP/full" /new/dir/bfull3
	assert_ok att "$c" /bin/sh -c 'head -c 2 /new/dir/bfull3 | wc -c'
	assert_eq "$(echo $OUT)" 2 "$c: a node in a directory made for it"
	stop_k "$c"
	assert_status 1 dev "$c" add "$T_TMP/full" /dev/bfull
	assert_contains "$ERR" "not running" "$c: a stopped container"
}

test_device_node_cgroup2_program() {
	need_bpf_devices
	# v1 allows everything: only the BPF program can refuse c 1:7
	mk_container c "lxc.cgroup.devices.allow = a
lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c 1:3 rwm
lxc.cgroup2.devices.allow = c 1:5 rwm
lxc.cgroup2.devices.allow = c 5:* rwm
lxc.cgroup2.devices.allow = c 136:* rwm"
	add_del_case c 0
}

test_device_node_v1_list() {
	need_runtime
	[ -d /sys/fs/cgroup/devices ] || t_skip "needs the cgroup v1 devices controller"
	mk_container c "lxc.cgroup.devices.deny = a
lxc.cgroup.devices.allow = c 1:3 rwm
lxc.cgroup.devices.allow = c 1:5 rwm
lxc.cgroup.devices.allow = c 5:* rwm
lxc.cgroup.devices.allow = c 136:* rwm"
	add_del_case c 1
}

test_device_node_api_from_python() {
	need_bpf_devices
	local PY=/usr/bin/python3 out
	[ -x "$PY" ] && "$PY" -c 'import lxc' 2>/dev/null || t_skip "no python3-lxc (apt-get install python3-lxc)"
	mk_container c "lxc.cgroup2.devices.deny = a
lxc.cgroup2.devices.allow = c 1:3 rwm
lxc.cgroup2.devices.allow = c 5:* rwm
lxc.cgroup2.devices.allow = c 136:* rwm"
	mknod -m 666 "$T_TMP/zero" c 1 5
	start_ok c
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" - "$T_LXCPATH" "$T_ID-c" "$T_TMP/zero" <<'EOF' >"$T_TMP/py.out" 2>&1
import sys, lxc
c = lxc.Container(sys.argv[2], sys.argv[1])
print("add", c.add_device_node(sys.argv[3], "/dev/bzero"))
print("again", c.add_device_node(sys.argv[3], "/dev/bzero"))
print("notnode", c.add_device_node("/etc/hostname", "/dev/x"))
print(open("/proc/self/maps").read())
EOF
	out=$(cat "$T_TMP/py.out")
	assert_contains "$out" "add True" "add_device_node from python3-lxc"
	assert_contains "$out" "again False" "a second add fails (dest exists)"
	assert_contains "$out" "notnode False" "a regular file is refused"
	assert_contains "$out" "$BERTH_PREFIX/lib/liblxc.so" "berth's liblxc was used"
	assert_ok att c /bin/sh -c 'head -c 5 /dev/bzero | wc -c'
	assert_eq "$(echo $OUT)" 5 "the added node reads inside"
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" -c 'import sys, lxc
c = lxc.Container(sys.argv[2], sys.argv[1])
print("remove", c.remove_device_node(sys.argv[3], "/dev/bzero"))' "$T_LXCPATH" "$T_ID-c" "$T_TMP/zero" >"$T_TMP/py.out" 2>&1
	assert_contains "$(cat "$T_TMP/py.out")" "remove True" "remove_device_node from python3-lxc"
	assert_ok att c /bin/sh -c '[ -e /dev/bzero ] || echo gone'
	assert_eq "$OUT" gone "removed"
}

run_tests "$@"
