# create.sh - system tests of lxc-create and lxc-destroy: templates, identity, failures and Ctrl-C undone, concurrency, safe removal, hooks, python3-lxc
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3

need_root() { [ "$(id -u)" = 0 ] || t_skip "needs root (containers are created as root here)"; }
need_busybox() {
	[ -x "$BERTH_PREFIX/share/lxc/templates/lxc-busybox" ] || { t_fail "the busybox template is not installed"; exit 0; }
	command -v busybox >/dev/null 2>&1 || t_skip "no busybox on PATH (apt-get install busybox-static)"
}

create() { "$(tool lxc-create)" -P "$T_LXCPATH" "$@"; }
destroy() { "$(tool lxc-destroy)" -P "$T_LXCPATH" "$@"; }

# A template script in $T_TMP: template NAME BODY (sh; the LXC_* environment is set)
template() {
	printf '#!/bin/sh\n%s\n' "$2" >"$T_TMP/$1"
	chmod +x "$T_TMP/$1"
	printf '%s\n' "$T_TMP/$1"
}

# Waits up to 10 s for a file to appear.
wait_file() {
	for _ in $(seq 100); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# Everything under a directory, one line per entry, for before/after comparisons.
listing() { (cd "$1" && find . | LC_ALL=C sort); }

hwaddr_conf() {
	cat >"$T_TMP/net.conf" <<EOF
lxc.net.0.type = veth
lxc.net.0.link = lxcbr0
lxc.net.0.hwaddr = 00:16:3e:xx:xx:xx
lxc.net.1.type = veth
lxc.net.1.link = lxcbr0
lxc.net.1.hwaddr = xx:xx:xx:xx:xx:xx
lxc.net.2.type = veth
lxc.net.2.hwaddr = 00:16:3e:12:34:56
EOF
	printf '%s\n' "$T_TMP/net.conf"
}

conf_value() { sed -n "s/^$2 = //p" "$1" | tail -n 1; }

# ---- create ----

test_busybox_container() {
	need_root
	need_busybox
	local n=${T_ID}bb d
	d=$T_LXCPATH/$n
	assert_ok create -n "$n" -t busybox
	assert_contains "$OUT" "root password" "the template's own output"
	assert_not_contains "$OUT" "[1/4]" "no progress lines when stdout is not a terminal"
	assert_eq "$(stat -c %a "$d")" 770 "container directory mode (as LXC)"
	assert_eq "$(stat -c %a "$d/rootfs")" 755 "rootfs mode"
	assert_eq "$(stat -c %a "$d/config")" 640 "config mode"
	assert_no_file "$d/partial"
	for f in bin/busybox sbin/init etc/passwd etc/inittab etc/hostname; do
		assert_file "$d/rootfs/$f"
	done
	assert_eq "$(cat "$d/rootfs/etc/hostname")" "$n"
	assert_eq "$(conf_value "$d/config" lxc.rootfs.path)" "dir:$d/rootfs"
	assert_eq "$(conf_value "$d/config" lxc.uts.name)" "$n" "the template's lines were appended"
	assert_match "$(head -n 1 "$d/config")" "^# Made by lxc-create with the template .*/lxc-busybox$"
	assert_match "$(cat "$d/rootfs/etc/machine-id")" '^[0-9a-f]{32}$'
	assert_eq "$(wc -c <"$d/rootfs/etc/machine-id")" 33 "32 hex digits and a newline"
	assert_eq "$(stat -c %a "$d/rootfs/etc/machine-id")" 444
	# the other tools see it
	assert_ok "$(tool lxc-ls)" -P "$T_LXCPATH"
	assert_contains "$OUT" "$n"
	assert_ok "$(tool lxc-info)" -P "$T_LXCPATH" -n "$n" -s
	assert_contains "$OUT" "STOPPED"
	# LXC 5.0 itself loads what we wrote
	if command -v /usr/bin/lxc-info >/dev/null 2>&1; then
		assert_ok /usr/bin/lxc-info -P "$T_LXCPATH" -n "$n" -c lxc.rootfs.path
		assert_contains "$OUT" "$d/rootfs"
	fi
}

test_identity_differs() {
	need_root
	need_busybox
	local conf a b m0a m0b m1a
	conf=$(hwaddr_conf)
	a=$T_LXCPATH/${T_ID}a b=$T_LXCPATH/${T_ID}b
	assert_ok create -n "${T_ID}a" -t busybox -f "$conf"
	assert_ok create -n "${T_ID}b" -t busybox -f "$conf"
	m0a=$(conf_value "$a/config" lxc.net.0.hwaddr)
	m0b=$(conf_value "$b/config" lxc.net.0.hwaddr)
	m1a=$(conf_value "$a/config" lxc.net.1.hwaddr)
	assert_match "$m0a" '^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$' "fixed digits kept, x filled in"
	assert_match "$m1a" '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$'
	# a random first octet: unicast (bit 0 clear) and locally administered (bit 1 set)
	assert_eq "$(($((16#${m1a:0:2})) & 3))" 2 "first octet of $m1a"
	assert_ne "$m0a" "$m0b" "two containers, two MAC addresses"
	assert_eq "$(conf_value "$a/config" lxc.net.2.hwaddr)" "00:16:3e:12:34:56" "a full address stays"
	assert_not_contains "$(sed -n 's/^lxc.net.[0-9].hwaddr = //p' "$a/config")" "x"
	assert_ne "$(cat "$a/rootfs/etc/machine-id")" "$(cat "$b/rootfs/etc/machine-id")" "two machine-ids"
}

test_none_writes_config_only() {
	need_root
	local n=${T_ID}none d conf
	d=$T_LXCPATH/$n
	conf=$(hwaddr_conf)
	assert_ok create -n "$n" -t none -f "$conf" -B lvm --dir "$T_TMP/unused"
	assert_file "$d/config"
	assert_no_file "$d/rootfs"
	assert_no_file "$T_TMP/unused"
	assert_no_file "$d/partial"
	assert_eq "$(grep -c rootfs "$d/config")" 0 "no lxc.rootfs.path, as LXC"
	assert_eq "$(ls "$d")" config
	assert_match "$(conf_value "$d/config" lxc.net.0.hwaddr)" '^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$'
	# from the default config when there is no -f
	assert_ok create -n "${n}2" -t none
	# (an hwaddr pattern such as 00:16:3e:xx:xx:xx is filled in, so hwaddr values are compared apart)
	local keys='/^#/d; /^$/d; s/^(lxc\.net\.[0-9]+\.hwaddr = ).*/\1MAC/'
	assert_eq "$(sed -E "$keys" "$T_LXCPATH/${n}2/config")" \
		"$(sed -E "$keys" "$("$(tool lxc-config)" lxc.default_config)")" "the default config's keys"
	if grep -q '^lxc.net.0.hwaddr' "$("$(tool lxc-config)" lxc.default_config)"; then
		assert_match "$(conf_value "$T_LXCPATH/${n}2/config" lxc.net.0.hwaddr)" '^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$' \
			"the default config's hwaddr pattern filled in"
	fi
	assert_ok destroy -n "$n"
	assert_no_file "$d"
}

test_config_file() {
	need_root
	need_busybox
	local n=${T_ID}f
	printf 'lxc.arch = x86_64\nlxc.environment = FROM_F=1\n# a comment kept\n' >"$T_TMP/my.conf"
	assert_ok create -n "$n" -t busybox -f "$T_TMP/my.conf"
	assert_eq "$(conf_value "$T_LXCPATH/$n/config" lxc.environment)" "FROM_F=1"
	assert_contains "$(cat "$T_LXCPATH/$n/config")" "# a comment kept"
	# a -f that does not load: nothing is made
	printf 'lxc.no.such.key = 1\n' >"$T_TMP/bad.conf"
	assert_status 1 create -n "${n}bad" -t busybox -f "$T_TMP/bad.conf"
	assert_contains "$ERR" "lxc.no.such.key"
	assert_no_file "$T_LXCPATH/${n}bad"
	assert_status 1 create -n "${n}bad" -t busybox -f "$T_TMP/missing.conf"
	assert_no_file "$T_LXCPATH/${n}bad"
}

test_existing_name() {
	need_root
	need_busybox
	local n=${T_ID}ex before
	assert_ok create -n "$n" -t busybox
	before=$(listing "$T_LXCPATH/$n"; cat "$T_LXCPATH/$n/rootfs/etc/machine-id" "$T_LXCPATH/$n/config")
	assert_status 1 create -n "$n" -t busybox
	assert_contains "$ERR" "already exists"
	assert_status 1 create -n "$n" -t none
	assert_contains "$ERR" "already exists"
	assert_eq "$(listing "$T_LXCPATH/$n"; cat "$T_LXCPATH/$n/rootfs/etc/machine-id" "$T_LXCPATH/$n/config")" "$before" \
		"the existing container is untouched"
}

test_misuse() {
	need_root
	local n=${T_ID}mis
	assert_status 1 create -n "$n"
	assert_contains "$ERR" "no template given"
	assert_status 1 create -n "$n" -t nosuchtemplate
	assert_contains "$ERR" 'template "nosuchtemplate" not found'
	assert_status 1 create -n "$n" -t "$T_TMP/nosuch"
	assert_contains "$ERR" "$T_TMP/nosuch"
	assert_status 1 create -n "$n" -t busybox -B lvm
	assert_contains "$ERR" "lvm is not supported by berth yet"
	assert_status 1 create -n "$n" -t busybox -B foo
	assert_contains "$ERR" "not a storage backend"
	assert_status 1 create -n "$n" -t busybox --fstype ext4
	assert_contains "$ERR" "--fstype"
	assert_status 1 create -n "$n" -t busybox --dir relative/path
	assert_contains "$ERR" "absolute"
	assert_status 1 create -t busybox
	assert_contains "$ERR" "name"
	assert_no_file "$T_LXCPATH/$n"
	# -h: lxc-create's help, then the template's own
	assert_ok create -t busybox -h
	assert_contains "$OUT" "--template"
	assert_contains "$OUT" "--busybox-path"
}

test_failing_template_leaves_nothing() {
	need_root
	local n=${T_ID}fail t before
	mkdir -p "$T_TMP/host/data"
	echo precious >"$T_TMP/host/data/file"
	t=$(template fail.sh "mkdir -p \"\$LXC_ROOTFS_PATH/etc\"; echo junk >\"\$LXC_ROOTFS_PATH/etc/junk\"
ln -s '$T_TMP/host/data' \"\$LXC_ROOTFS_PATH/hostlink\"; ln -s / \"\$LXC_ROOTFS_PATH/root-link\"
echo 'lxc.environment = X=1' >>\"\$LXC_CONFIG_FILE\"
echo 'tmpl: cannot fetch the image' >&2; exit 3")
	before=$(ls -A "$T_LXCPATH")
	assert_status 1 create -n "$n" -t "$t"
	assert_contains "$ERR" "exited with status 3"
	assert_contains "$ERR" "removed what this create had made"
	assert_eq "$(ls -A "$T_LXCPATH")" "$before" "nothing left in the lxcpath"
	assert_eq "$(cat "$T_TMP/host/data/file")" precious "a symlink in the rootfs was not followed"
	# quiet: the template's last line is in the message
	assert_status 1 create -n "$n" -t "$t" -q
	assert_eq "$ERR" "" "-q prints nothing"
	assert_no_file "$T_LXCPATH/$n"
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" - "$T_LXCPATH" "$n" "$t" <<'EOF' >"$T_TMP/py.out" 2>&1
import sys, lxc
c = lxc.Container(sys.argv[2], sys.argv[1])
ok = c.create(sys.argv[3], flags=lxc.LXC_CREATE_QUIET)
print("ok" if ok else "failed")
EOF
	assert_contains "$(cat "$T_TMP/py.out")" "failed"
	assert_contains "$(cat "$T_TMP/py.out")" "cannot fetch the image"
}

test_rootfs_dir_outside() {
	need_root
	local n=${T_ID}dir t ok
	t=$(template fail.sh 'touch "$LXC_ROOTFS_PATH/made"; exit 1')
	ok=$(template ok.sh 'mkdir "$LXC_ROOTFS_PATH/etc"; touch "$LXC_ROOTFS_PATH/made"')
	# a --dir this create makes goes, up to the first directory it made
	assert_status 1 create -n "$n" -t "$t" --dir "$T_TMP/new/deep/rootfs"
	assert_no_file "$T_TMP/new"
	assert_no_file "$T_LXCPATH/$n"
	# a --dir that was there (empty) stays, emptied again
	mkdir "$T_TMP/pre"
	assert_status 1 create -n "$n" -t "$t" --dir "$T_TMP/pre"
	assert_file "$T_TMP/pre"
	assert_eq "$(ls -A "$T_TMP/pre")" ""
	# a --dir with something in it is refused, and kept as it is
	echo mine >"$T_TMP/pre/file"
	assert_status 1 create -n "$n" -t "$ok" --dir "$T_TMP/pre"
	assert_contains "$ERR" "not empty"
	assert_eq "$(cat "$T_TMP/pre/file")" mine
	assert_no_file "$T_LXCPATH/$n"
	rm "$T_TMP/pre/file"
	# success: the config points at it, destroy removes it
	assert_ok create -n "$n" -t "$ok" --dir "$T_TMP/pre"
	assert_eq "$(conf_value "$T_LXCPATH/$n/config" lxc.rootfs.path)" "dir:$T_TMP/pre"
	assert_file "$T_TMP/pre/made"
	assert_file "$T_TMP/pre/etc/machine-id"
	assert_ok destroy -n "$n"
	assert_no_file "$T_TMP/pre"
	assert_no_file "$T_LXCPATH/$n"
}

# A slow template; its pid and its child's pid land in $T_TMP/pids
slow_template() {
	template slow.sh "mkdir -p \"\$LXC_ROOTFS_PATH/etc\"; touch \"\$LXC_ROOTFS_PATH/etc/half\"
sleep 60 & echo \"\$\$ \$!\" >'$T_TMP/pids'; wait"
}

interrupt_test() { # interrupt_test SIGNAL EXPECTED-STATUS
	local n=${T_ID}int t pid status before p
	t=$(slow_template)
	before=$(ls -A "$T_LXCPATH")
	$DEFAULT_SIGNALS "$(tool lxc-create)" -P "$T_LXCPATH" -n "$n" -t "$t" >"$T_TMP/out" 2>"$T_TMP/err" &
	pid=$!
	on_cleanup "kill $pid; [ -f '$T_TMP/pids' ] && kill \$(cat '$T_TMP/pids')"
	wait_file "$T_TMP/pids" || t_fail "the template did not start"
	sleep 0.2
	kill -"$1" "$pid"
	wait "$pid"
	status=$?
	assert_eq "$status" "$2" "lxc-create ends by the signal, as LXC's does"
	assert_contains "$(cat "$T_TMP/err")" "interrupted by signal"
	assert_eq "$(ls -A "$T_LXCPATH")" "$before" "nothing left in the lxcpath"
	for p in $(cat "$T_TMP/pids"); do
		kill -0 "$p" 2>/dev/null && t_fail "template process $p still runs"
	done
}

test_sigint_during_template() {
	need_root
	interrupt_test INT 130
}

test_sigterm_during_template() {
	need_root
	interrupt_test TERM 143
}

test_killed_create_is_refused_then_destroyed() {
	need_root
	local n=${T_ID}kill t pid tpid spid
	t=$(slow_template)
	"$(tool lxc-create)" -P "$T_LXCPATH" -n "$n" -t "$t" >/dev/null 2>&1 &
	pid=$!
	on_cleanup "kill $pid; [ -f '$T_TMP/pids' ] && kill \$(cat '$T_TMP/pids')"
	wait_file "$T_TMP/pids" || t_fail "the template did not start"
	# SIGKILL: no cleanup is possible; the template, left alone, is stopped here
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	read -r tpid spid <"$T_TMP/pids"
	kill "$tpid" "$spid"
	assert_file "$T_LXCPATH/$n/partial"
	assert_status 1 create -n "$n" -t "$t"
	assert_contains "$ERR" "already exists"
	assert_ok destroy -n "$n"
	assert_no_file "$T_LXCPATH/$n"
	assert_ok create -n "$n" -t none
}

test_concurrent_creates() {
	need_root
	local n=${T_ID}cc t a b ra rb
	t=$(template mid.sh 'mkdir -p "$LXC_ROOTFS_PATH/etc"; echo "$$" >"$LXC_ROOTFS_PATH/winner"; sleep 1')
	create -n "$n" -t "$t" >"$T_TMP/a.out" 2>&1 &
	a=$!
	create -n "$n" -t "$t" >"$T_TMP/b.out" 2>&1 &
	b=$!
	wait $a
	ra=$?
	wait $b
	rb=$?
	assert_eq "$(((ra == 0) + (rb == 0)))" 1 "exactly one create succeeds ($ra, $rb)"
	assert_match "$(cat "$T_TMP/a.out" "$T_TMP/b.out")" "the name is taken|already exists"
	assert_file "$T_LXCPATH/$n/rootfs/winner"
	assert_file "$T_LXCPATH/$n/rootfs/etc/machine-id"
	assert_no_file "$T_LXCPATH/$n/partial"
	assert_eq "$(conf_value "$T_LXCPATH/$n/config" lxc.rootfs.path)" "dir:$T_LXCPATH/$n/rootfs"
	# many at once, with -t none too
	for _ in 1 2 3 4 5 6; do
		create -n "${n}x" -t "$t" >/dev/null 2>&1 &
	done
	wait
	assert_file "$T_LXCPATH/${n}x/rootfs/winner"
	assert_no_file "$T_LXCPATH/${n}x/partial"
}

test_progress_on_terminal() {
	need_root
	need_busybox
	command -v script >/dev/null 2>&1 || t_skip "no script(1) for a terminal (apt-get install bsdutils)"
	local n=${T_ID}tty
	script -qec "$(tool lxc-create) -P $T_LXCPATH -n $n -t busybox" /dev/null >"$T_TMP/tty.out" 2>&1
	assert_contains "$(cat "$T_TMP/tty.out")" "[2/4] running the template"
	assert_contains "$(cat "$T_TMP/tty.out")" "[4/4] created"
	script -qec "$(tool lxc-create) -P $T_LXCPATH -n ${n}q -t busybox -q" /dev/null >"$T_TMP/ttyq.out" 2>&1
	assert_eq "$(tr -d '\r' <"$T_TMP/ttyq.out")" "" "-q: nothing, not even the template's output"
	assert_file "$T_LXCPATH/${n}q/rootfs/etc/machine-id"
}

# A debootstrap that makes a tiny tree, with a machine-id as the real one does.
fake_debootstrap() {
	mkdir -p "$T_TMP/fakebin"
	cat >"$T_TMP/fakebin/debootstrap" <<EOF
#!/bin/sh
for a; do target=\$prev; prev=\$a; done
mkdir -p "\$target/etc/apt" "\$target/sbin"
printf 'root:*:19000:0:99999:7:::\n' >"\$target/etc/shadow"
echo 0123456789abcdef0123456789abcdef >"\$target/etc/machine-id"
ln -s /lib/systemd/systemd "\$target/sbin/init"
[ -z "\$FAKE_DEBOOTSTRAP_FAIL" ] || { echo "E: fake failure" >&2; exit 1; }
EOF
	chmod +x "$T_TMP/fakebin/debootstrap"
}

test_debian_template_identity() {
	need_root
	[ -x "$BERTH_PREFIX/share/lxc/templates/lxc-debian" ] || { t_fail "the debian template is not installed"; return; }
	fake_debootstrap
	local a=${T_ID}deba b=${T_ID}debb
	assert_ok env PATH="$T_TMP/fakebin:$PATH" LXC_CACHE_PATH="$T_TMP/cache" \
		"$(tool lxc-create)" -P "$T_LXCPATH" -n "$a" -t debian -- --arch=amd64
	assert_ok env PATH="$T_TMP/fakebin:$PATH" LXC_CACHE_PATH="$T_TMP/cache" \
		"$(tool lxc-create)" -P "$T_LXCPATH" -n "$b" -t debian -- --arch=amd64
	assert_contains "$OUT" "cache" "the second one from the cache"
	assert_match "$(cat "$T_LXCPATH/$a/rootfs/etc/machine-id")" '^[0-9a-f]{32}$' "the template emptied it; create filled it"
	assert_ne "$(cat "$T_LXCPATH/$a/rootfs/etc/machine-id")" "$(cat "$T_LXCPATH/$b/rootfs/etc/machine-id")" \
		"one cache, two machine-ids"
	# a debootstrap that fails
	assert_status 1 env PATH="$T_TMP/fakebin:$PATH" LXC_CACHE_PATH="$T_TMP/cache2" FAKE_DEBOOTSTRAP_FAIL=1 \
		"$(tool lxc-create)" -P "$T_LXCPATH" -n "${T_ID}debc" -t debian -- --arch=amd64
	assert_contains "$ERR" "lxc-debian exited with status"
	assert_no_file "$T_LXCPATH/${T_ID}debc"
}

test_template_mounts_stay_private() {
	need_root
	local n=${T_ID}mnt t
	# a template that mounts in the rootfs (as debootstrap mounts /proc) and fails without unmounting
	t=$(template mounts.sh "mkdir -p \"\$LXC_ROOTFS_PATH/proc\"
mount -t tmpfs berth-fake-$T_ID \"\$LXC_ROOTFS_PATH/proc\" || exit 9
touch \"\$LXC_ROOTFS_PATH/proc/inside\"; exit 1")
	on_cleanup "grep berth-fake-$T_ID /proc/self/mountinfo | cut -d' ' -f5 | xargs -r umount -l"
	assert_status 1 create -n "$n" -t "$t"
	assert_contains "$ERR" "exited with status 1"
	assert_not_contains "$(cat /proc/self/mountinfo)" "berth-fake-$T_ID" "the template's mount stayed in its namespace"
	assert_no_file "$T_LXCPATH/$n"
}

# ---- destroy ----

test_destroy_removes_everything() {
	need_root
	need_busybox
	local n=${T_ID}d
	assert_ok create -n "$n" -t busybox
	assert_ok destroy -n "$n"
	assert_eq "$OUT$ERR" "" "silent, as LXC"
	assert_no_file "$T_LXCPATH/$n"
	assert_status 1 destroy -n "$n"
	assert_contains "$ERR" "no such container"
	assert_ok create -n "$n" -t busybox
	assert_ok destroy -n "$n" -s
	assert_no_file "$T_LXCPATH/$n"
	# -l INFO -o FILE: the line LXC logs
	assert_ok create -n "$n" -t none
	assert_ok destroy -n "$n" -l INFO -o "$T_TMP/log"
	assert_contains "$(cat "$T_TMP/log")" "Destroyed container $n"
}

test_destroy_leaves_host_files() {
	need_root
	need_busybox
	local n=${T_ID}safe r
	r=$T_LXCPATH/$n/rootfs
	mkdir -p "$T_TMP/host/linked" "$T_TMP/host/bound"
	echo a >"$T_TMP/host/linked/file"
	echo b >"$T_TMP/host/bound/file"
	assert_ok create -n "$n" -t busybox
	ln -s "$T_TMP/host/linked" "$r/root/link"
	ln -s "$T_TMP/host/linked/file" "$r/etc/filelink"
	mkdir "$r/mnt/bind"
	mount --bind "$T_TMP/host/bound" "$r/mnt/bind" || t_skip "cannot bind-mount here"
	on_cleanup "umount '$r/mnt/bind'"
	# a bind mount inside: refused, nothing removed
	assert_status 1 destroy -n "$n"
	assert_contains "$ERR" "$r/mnt/bind is a mount point"
	assert_file "$r/bin/busybox"
	assert_file "$T_LXCPATH/$n/config"
	assert_eq "$(cat "$T_TMP/host/bound/file")" b
	umount "$r/mnt/bind"
	assert_ok destroy -n "$n"
	assert_no_file "$T_LXCPATH/$n"
	assert_eq "$(cat "$T_TMP/host/linked/file")" a "a symlink was removed, not followed"
	assert_eq "$(cat "$T_TMP/host/bound/file")" b
}

test_destroy_hook() {
	need_root
	local n=${T_ID}hk
	mkdir -p "$T_TMP/rfs"
	template hook.sh "{ echo \"args: \$*\"; env | grep '^LXC_' | sort; } >'$T_TMP/hook.out'; [ ! -e '$T_TMP/hook-fails' ]" >/dev/null
	printf 'lxc.rootfs.path = dir:%s\nlxc.hook.destroy = %s\n' "$T_TMP/rfs" "$T_TMP/hook.sh" >"$T_TMP/h.conf"
	assert_ok create -n "$n" -t none -f "$T_TMP/h.conf"
	# a failing hook stops the destroy before anything goes
	touch "$T_TMP/hook-fails"
	assert_status 1 destroy -n "$n"
	assert_contains "$ERR" "lxc.hook.destroy"
	assert_file "$T_LXCPATH/$n/config"
	assert_file "$T_TMP/rfs"
	rm "$T_TMP/hook-fails"
	assert_ok destroy -n "$n"
	assert_contains "$(cat "$T_TMP/hook.out")" "args: $n lxc destroy"
	assert_contains "$(cat "$T_TMP/hook.out")" "LXC_NAME=$n"
	assert_contains "$(cat "$T_TMP/hook.out")" "LXC_ROOTFS_PATH=$T_TMP/rfs"
	assert_contains "$(cat "$T_TMP/hook.out")" "LXC_CONFIG_FILE=$T_LXCPATH/$n/config"
	# the rootfs is the container's, even outside the lxcpath (as LXC)
	assert_no_file "$T_TMP/rfs"
	assert_no_file "$T_LXCPATH/$n"
}

test_destroy_unmanaged_rootfs() {
	need_root
	local n=${T_ID}um t
	t=$(template ok.sh 'mkdir "$LXC_ROOTFS_PATH/etc"; echo data >"$LXC_ROOTFS_PATH/data"')
	printf 'lxc.rootfs.managed = 0\n' >"$T_TMP/um.conf"
	assert_ok create -n "$n" -t "$t" -f "$T_TMP/um.conf"
	assert_ok destroy -n "$n"
	assert_no_file "$T_LXCPATH/$n/config"
	assert_eq "$(cat "$T_LXCPATH/$n/rootfs/data")" data "lxc.rootfs.managed = 0: the rootfs stays"
}

test_destroy_running() {
	need_root
	need_busybox
	local n=${T_ID}run
	# No network: the installed default.conf puts it on lxcbr0, which a test host need not have.
	printf 'lxc.net.0.type = empty\n' >"$T_TMP/nonet.conf"
	assert_ok create -n "$n" -t busybox -q -f "$T_TMP/nonet.conf"
	"$(tool lxc-start)" -P "$T_LXCPATH" -n "$n" -d >"$T_TMP/start.out" 2>&1 ||
		t_skip "lxc-start cannot start a container yet: $(cat "$T_TMP/start.out")"
	on_cleanup "'$(tool lxc-stop)' -P '$T_LXCPATH' -n '$n' -k"
	assert_status 1 destroy -n "$n"
	assert_contains "$ERR" "running"
	assert_file "$T_LXCPATH/$n/rootfs/bin/busybox"
	assert_ok destroy -n "$n" -f
	assert_no_file "$T_LXCPATH/$n"
}

test_python_lxc() {
	need_root
	need_busybox
	if ! [ -x "$PY" ] || ! "$PY" -c 'import lxc' 2>/dev/null; then
		t_skip "no python3-lxc (apt-get install python3-lxc)"
	fi
	local n=${T_ID}py
	LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" - "$T_LXCPATH" "$n" <<'EOF' >"$T_TMP/py.out" 2>&1
import sys, lxc
path, name = sys.argv[1], sys.argv[2]
c = lxc.Container(name, path)
assert not c.defined
assert c.create("busybox", flags=lxc.LXC_CREATE_QUIET, args=("--ttys", "2")), "create"
assert c.defined
assert c.get_config_item("lxc.rootfs.path") == "dir:%s/%s/rootfs" % (path, name)
assert c.get_config_item("lxc.tty.max") == "2", "template arguments"
assert not lxc.Container(name, path).create("busybox"), "a second create"
assert c.destroy(), "destroy"
assert not c.defined
print("python ok")
EOF
	assert_contains "$(cat "$T_TMP/py.out")" "python ok"
	assert_no_file "$T_LXCPATH/$n"
	# it ran our library, not Debian's
	assert_contains "$(LD_LIBRARY_PATH=$BERTH_PREFIX/lib "$PY" -c 'import lxc; print(open("/proc/self/maps").read())')" \
		"$BERTH_PREFIX/lib/liblxc.so"
}

run_tests "$@"
