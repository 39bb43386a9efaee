# templates.sh - system tests of the busybox, local and debian (with a fake debootstrap) templates and the archive helper
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Templates are run directly with LXC's template interface (--path, --name,
# --rootfs, then their own options), as lxc-create runs them. The real
# debootstrap run is in template-debian.sh.
. "$(dirname "$0")/lib.sh"

TDIR=$BERTH_PREFIX/share/lxc/templates
ARCHIVE=$BERTH_PREFIX/libexec/lxc/lxc-archive
PY=/usr/bin/python3

need_template() {
	[ -x "$TDIR/lxc-$1" ] || { t_fail "template $TDIR/lxc-$1 is not installed"; exit 0; }
}
need_root() { [ "$(id -u)" = 0 ] || t_skip "needs root (owners, device nodes)"; }

# Makes $T_TMP/NAME/config as lxc-create leaves it before running a template.
new_container() {
	mkdir -p "$T_TMP/$1/rootfs"
	printf 'lxc.rootfs.path = dir:%s\n' "$T_TMP/$1/rootfs" >"$T_TMP/$1/config"
}
run_template() { # run_template TEMPLATE NAME [OPTIONS...]
	local t=$1 n=$2
	shift 2
	"$TDIR/lxc-$t" --path="$T_TMP/$n" --name="$n" --rootfs="$T_TMP/$n/rootfs" "$@"
}

# Verifies PASSWORD against a crypt(3) HASH without trusting the template's own tools.
check_hash() {
	local pw=$1 hash=$2 salt got
	salt=$(printf '%s' "$hash" | cut -d'$' -f3)
	if command -v openssl >/dev/null 2>&1; then
		got=$(openssl passwd -6 -salt "$salt" "$pw")
	else
		got=$("$PY" -W ignore -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], sys.argv[2]))' "$pw" "$hash")
	fi
	[ "$got" = "$hash" ]
}

# One line per entry: type, owner, mode, link count, device, size, mtime,
# link target, xattrs and ACL; what a faithful copy must keep.
tree_listing() {
	(
		cd "$1" || exit 1
		find . -mindepth 1 ! -path ./dev/pts | LC_ALL=C sort | while IFS= read -r p; do
			printf '%s|%s' "$p" "$(stat -c '%F|%u:%g|%a|%h|%t:%T|%Y' "$p")"
			[ -d "$p" ] || [ -L "$p" ] || printf '|%s' "$(stat -c '%s' "$p")"
			[ -L "$p" ] && printf '|->%s' "$(readlink "$p")"
			[ -L "$p" ] || printf '|%s' "$(getfattr -h -d -m '^user\.|^trusted\.|^security\.' --absolute-names "$p" 2>/dev/null | grep -v '^#' | tr '\n' ' ')"
			[ -L "$p" ] || printf '|%s' "$(getfacl -cp "$p" 2>/dev/null | tr '\n' ' ')"
			echo
		done
	)
}

# A tree with everything the archive helper must preserve.
make_rich_tree() {
	local d=$1
	mkdir -p "$d/etc" "$d/devs" "$d/data/sub" "$d/shared"
	echo "hello" >"$d/etc/file"
	chown 1234:5678 "$d/etc/file"
	chmod 0640 "$d/etc/file"
	echo "tool" >"$d/data/setuid"
	chmod 4755 "$d/data/setuid"
	chmod 1777 "$d/shared"
	setfattr -n user.color -v blue "$d/etc/file"
	setfattr -n trusted.berth -v secret "$d/data/setuid"
	# File capabilities are an xattr the kernel drops on chown: the order of restoring matters.
	echo "capped" >"$d/data/capped"
	chown 1234:5678 "$d/data/capped"
	if command -v setcap >/dev/null 2>&1; then
		setcap cap_net_raw+ep "$d/data/capped"
	else
		setfattr -n security.capability -v 0sAQAAAgAgAAAAAAAAAAAAAAAAAAA= "$d/data/capped"
	fi
	setfacl -m u:4321:rx,g:4322:r "$d/data"
	mknod "$d/devs/null" c 1 3
	mknod "$d/devs/loop9" b 7 9
	mkfifo "$d/devs/fifo"
	ln "$d/etc/file" "$d/data/hard1"
	ln "$d/etc/file" "$d/data/sub/hard2"
	ln -s ../etc/file "$d/data/rel-link"
	ln -s /nonexistent/absolute "$d/data/abs-link"
	truncate -s 64M "$d/data/sparse"
	printf 'middle' | dd of="$d/data/sparse" bs=1 seek=$((20 * 1024 * 1024)) conv=notrunc 2>/dev/null
	touch -h -d '2001-02-03 04:05:06' "$d/data/rel-link"
	touch -d '1999-12-31 23:59:59' "$d/data/sub" "$d/etc"
}

# ---------------------------------------------------------------- busybox

test_busybox_layout_and_config() {
	need_template busybox
	command -v busybox >/dev/null || t_skip "busybox not installed (package busybox-static)"
	new_container bb
	local r=$T_TMP/bb/rootfs c=$T_TMP/bb/config
	assert_ok run_template busybox bb
	assert_file "$r/bin/busybox"
	[ -x "$r/bin/busybox" ] || t_fail "bin/busybox is not executable"
	assert_eq "$(readlink "$r/sbin/init")" /bin/busybox "sbin/init"
	assert_eq "$(readlink "$r/bin/sh")" /bin/busybox "bin/sh"
	assert_eq "$(readlink "$r/sbin/udhcpc")" /bin/busybox "sbin/udhcpc"
	assert_eq "$(stat -c %a "$r/tmp")" 1777 "tmp mode"
	assert_eq "$(cat "$r/etc/hostname")" bb "hostname"
	assert_contains "$(cat "$r/etc/hosts")" "127.0.1.1	bb"
	assert_contains "$(cat "$r/etc/passwd")" "root:x:0:0:root:/root:/bin/sh"
	assert_eq "$(stat -c %a "$r/etc/shadow")" 600 "shadow mode"
	local inittab
	inittab=$(cat "$r/etc/inittab")
	assert_contains "$inittab" "::sysinit:/etc/init.d/rcS"
	assert_contains "$inittab" "console::respawn:-/bin/sh"
	for i in 1 2 3 4; do assert_contains "$inittab" "tty$i::respawn:/sbin/getty 38400 tty$i"; done
	assert_not_contains "$inittab" "tty5"
	[ -x "$r/etc/init.d/rcS" ] || t_fail "rcS is not executable"
	[ -x "$r/etc/udhcpc/default.script" ] || t_fail "udhcpc default.script is not executable"
	assert_match "$(cat "$r/etc/init.d/rcS")" 'udhcpc -i eth0 .*-t [0-9]+ -T 1 -A 1'
	assert_contains "$(cat "$r/etc/init.d/rcS")" "ip link show eth0"
	local conf
	conf=$(cat "$c")
	for line in "lxc.signal.halt = SIGUSR1" "lxc.signal.reboot = SIGTERM" "lxc.uts.name = bb" \
		"lxc.tty.max = 4" "lxc.init.cmd = /sbin/init" "lxc.mount.auto = " "lxc.pty.max = "; do
		assert_contains "$conf" "$line"
	done
	assert_eq "$(grep -c '^lxc.rootfs.path' "$c")" 1 "lxc.rootfs.path lines (lxc-create's is kept, not repeated)"
	# The shell in the rootfs must really run (it is the static busybox).
	assert_eq "$(chroot "$r" /bin/sh -c 'echo ok')" ok "chroot shell"
}

test_busybox_password_printed_matches_shadow() {
	need_template busybox
	command -v busybox >/dev/null || t_skip "busybox not installed (package busybox-static)"
	local pw1 pw2 h1 h2
	new_container b1
	new_container b2
	assert_ok run_template busybox b1
	pw1=$(printf '%s\n' "$OUT" | sed -n 's/^root password: //p')
	assert_ok run_template busybox b2
	pw2=$(printf '%s\n' "$OUT" | sed -n 's/^root password: //p')
	h1=$(awk -F: '$1 == "root" { print $2 }' "$T_TMP/b1/rootfs/etc/shadow")
	h2=$(awk -F: '$1 == "root" { print $2 }' "$T_TMP/b2/rootfs/etc/shadow")
	assert_match "$pw1" '^[A-Za-z0-9]{16}$' "printed password"
	assert_match "$h1" '^\$6\$' "shadow hash"
	check_hash "$pw1" "$h1" || t_fail "the printed password '$pw1' does not match the hash in shadow"
	check_hash "$pw2" "$h2" || t_fail "the second password does not match its hash"
	assert_ne "$pw1" "$pw2" "two runs' passwords"
	check_hash "$pw1" "$h2" && t_fail "the first password unlocks the second container"

	new_container b3
	assert_ok run_template busybox b3 --password 'S3cret pass'
	assert_not_contains "$OUT" "S3cret"
	check_hash 'S3cret pass' "$(awk -F: '$1 == "root" { print $2 }' "$T_TMP/b3/rootfs/etc/shadow")" ||
		t_fail "--password was not stored"
}

test_busybox_ttys_from_config() {
	need_template busybox
	command -v busybox >/dev/null || t_skip "busybox not installed (package busybox-static)"
	new_container bt
	echo "lxc.tty.max = 2" >>"$T_TMP/bt/config"
	assert_ok run_template busybox bt
	assert_contains "$(cat "$T_TMP/bt/rootfs/etc/inittab")" "tty2::respawn"
	assert_not_contains "$(cat "$T_TMP/bt/rootfs/etc/inittab")" "tty3"
	assert_eq "$(grep -c '^lxc.tty.max' "$T_TMP/bt/config")" 1 "lxc.tty.max lines"
}

# Without arguments, LXC_NAME, LXC_PATH (the container's directory), LXC_ROOTFS_PATH and LXC_CONFIG_FILE are used.
test_busybox_from_environment() {
	need_template busybox
	command -v busybox >/dev/null || t_skip "busybox not installed (package busybox-static)"
	mkdir -p "$T_TMP/env/elsewhere"
	: >"$T_TMP/env/my.conf"
	assert_ok env LXC_NAME=envbox LXC_PATH="$T_TMP/env" LXC_ROOTFS_PATH="dir:$T_TMP/env/elsewhere" \
		LXC_CONFIG_FILE="$T_TMP/env/my.conf" "$TDIR/lxc-busybox"
	assert_eq "$(cat "$T_TMP/env/elsewhere/etc/hostname")" envbox "hostname"
	assert_contains "$(cat "$T_TMP/env/my.conf")" "lxc.rootfs.path = dir:$T_TMP/env/elsewhere"
	assert_contains "$(cat "$T_TMP/env/my.conf")" "lxc.uts.name = envbox"
	assert_no_file "$T_TMP/env/config"
}

test_busybox_refuses_dynamic_busybox_and_nonempty_rootfs() {
	need_template busybox
	new_container bd
	assert_status 1 run_template busybox bd --busybox-path=/bin/ls
	assert_contains "$ERR" "dynamically linked"
	assert_contains "$ERR" "busybox-static"
	assert_eq "$(ls -A "$T_TMP/bd/rootfs")" "" "rootfs after the refusal"
	mkdir -p "$T_TMP/bd/rootfs/keep"
	command -v busybox >/dev/null || return 0
	assert_status 1 run_template busybox bd
	assert_contains "$ERR" "not empty"
	assert_file "$T_TMP/bd/rootfs/keep"
}

test_busybox_missing_busybox_names_package() {
	need_root
	need_template busybox
	local bb
	bb=$(command -v busybox) || bb=
	new_container bm
	if [ -n "$bb" ]; then
		# Hide the host's busybox in a private mount namespace: the template also looks in /bin, /sbin, ...
		bb=$(readlink -f "$bb")
		assert_status 1 unshare -m --propagation private /bin/sh -c 'mount --bind /dev/null "$1" && shift && exec "$@"' \
			sh "$bb" "$TDIR/lxc-busybox" --path="$T_TMP/bm" --name=bm
	else
		assert_status 1 "$TDIR/lxc-busybox" --path="$T_TMP/bm" --name=bm
	fi
	assert_contains "$ERR" "install the busybox-static package"
	assert_eq "$(ls -A "$T_TMP/bm/rootfs")" "" "rootfs after the failure"
}

# A template that fails half-way leaves an empty rootfs and the config as it was.
test_failing_template_leaves_nothing() {
	need_template busybox
	new_container bf
	local fake=$T_TMP/fakebb conf_before
	# A "busybox" that passes the checks, lays out applets, then fails to hash.
	cat >"$fake" <<'EOF'
#!/bin/sh
case "$1" in
--list) printf '%s\n' init getty login udhcpc ip mkpasswd sh ;;
--list-full) printf '%s\n' sbin/init sbin/getty bin/login sbin/udhcpc bin/ip usr/bin/mkpasswd bin/sh ;;
mkpasswd) echo "mkpasswd: broken" >&2; exit 1 ;;
esac
EOF
	chmod +x "$fake"
	conf_before=$(cat "$T_TMP/bf/config")
	assert_status 1 run_template busybox bf --busybox-path="$fake"
	assert_eq "$(printf '%s\n' "$ERR" | grep -c "^lxc-busybox: ")" 1 "lines from the template on stderr"
	assert_contains "$ERR" "setting root's password"
	assert_eq "$(ls -A "$T_TMP/bf/rootfs")" "" "rootfs contents after the failure"
	assert_eq "$(cat "$T_TMP/bf/config")" "$conf_before" "config after the failure"
}

test_templates_help_and_bad_options() {
	local t
	for t in busybox debian local; do
		need_template $t
		assert_ok "$TDIR/lxc-$t" --help
		assert_contains "$OUT" "--name"
		assert_status 1 "$TDIR/lxc-$t" --path="$T_TMP/x" --name=x --no-such-option
	done
	assert_status 1 "$TDIR/lxc-busybox" --name=x
	assert_contains "$ERR" "--path"
}

# ---------------------------------------------------------------- archive helper and local

test_archive_roundtrip_all_compressions() {
	need_root
	[ -x "$ARCHIVE" ] || { t_fail "archive helper $ARCHIVE missing"; return; }
	local src=$T_TMP/src ext want got
	make_rich_tree "$src"
	want=$(tree_listing "$src")
	for ext in tar tar.gz tar.xz tar.zst tar.bz2; do
		assert_ok "$ARCHIVE" create "$T_TMP/a.$ext" "$src"
		assert_ok "$ARCHIVE" extract "$T_TMP/a.$ext" "$T_TMP/out-$ext"
		got=$(tree_listing "$T_TMP/out-$ext")
		[ "$got" = "$want" ] || t_fail "round trip through .$ext differs: $(diff <(echo "$want") <(echo "$got") | head -5)"
	done
	assert_eq "$(ls -A "$T_TMP" | grep -c '\.tmp\.')" 0 "temporary archives left"
	# Holes stay holes: the 64 MiB file holds a few bytes.
	local kb
	kb=$(du -k "$T_TMP/out-tar.zst/data/sparse" | cut -f1)
	[ "$kb" -lt 1024 ] || t_fail "sparse file takes $kb KiB after extraction"
	assert_eq "$(stat -c %s "$T_TMP/out-tar.zst/data/sparse")" $((64 * 1024 * 1024)) "sparse size"
	# Hard links are links again, not copies.
	assert_eq "$(stat -c %i "$T_TMP/out-tar/etc/file")" "$(stat -c %i "$T_TMP/out-tar/data/sub/hard2")" "hard link inode"
}

test_archive_create_errors() {
	[ -x "$ARCHIVE" ] || { t_fail "archive helper $ARCHIVE missing"; return; }
	mkdir -p "$T_TMP/d"
	assert_status 1 "$ARCHIVE" create "$T_TMP/x.zip" "$T_TMP/d"
	assert_contains "$ERR" "compression"
	assert_status 1 "$ARCHIVE" create "$T_TMP/x.tar" "$T_TMP/nonexistent"
	assert_no_file "$T_TMP/x.tar"
	assert_eq "$(ls -A "$T_TMP" | grep -c '\.tmp\.')" 0 "temporary archives left"
	assert_status 1 "$ARCHIVE" extract "$T_TMP/nonexistent.tar" "$T_TMP/out"
	assert_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "error lines"
	assert_status 1 "$ARCHIVE" frobnicate a b
}

test_local_roundtrip() {
	need_root
	need_template local
	local src=$T_TMP/src
	make_rich_tree "$src"
	assert_ok "$ARCHIVE" create "$T_TMP/rootfs.tar.zst" "$src"
	new_container lc
	assert_ok run_template local lc --fstree "$T_TMP/rootfs.tar.zst"
	local got want
	want=$(tree_listing "$src")
	got=$(tree_listing "$T_TMP/lc/rootfs" | grep -v '^\./dev|')
	[ "$got" = "$want" ] || t_fail "imported rootfs differs: $(diff <(echo "$want") <(echo "$got") | head -8)"
	assert_contains "$(cat "$T_TMP/lc/config")" "lxc.uts.name = lc"
	# Without metadata, only the name is added.
	assert_eq "$(grep -c '^lxc\.' "$T_TMP/lc/config")" 2 "config lines"
}

make_metadata() { # make_metadata DIR: the LXC image metadata a distrobuilder image carries
	local m=$1
	mkdir -p "$m"
	printf 'lxc.include = LXC_TEMPLATE_CONFIG/common.conf\nlxc.arch = x86_64\nlxc.mount.auto = proc:mixed\n' >"$m/config"
	printf 'lxc.include = LXC_TEMPLATE_CONFIG/userns.conf\nlxc.arch = x86_64\n' >"$m/config-user"
	printf '/etc/hostname\n/etc/hosts\n/etc/escape\n' >"$m/templates"
	printf './dev/null\n/dev/zero\n' >"$m/excludes-user"
	printf 'proc proc proc nodev 0 0\n' >"$m/fstab"
	printf 'Made for LXC_NAME from a test image.\n' >"$m/create-message"
}

test_local_metadata() {
	need_root
	need_template local
	local img=$T_TMP/img
	mkdir -p "$img/etc" "$img/dev" "$T_TMP/hostetc"
	echo "LXC_NAME" >"$img/etc/hostname"
	printf '127.0.1.1 LXC_NAME\n' >"$img/etc/hosts"
	echo "host file" >"$T_TMP/hostetc/victim"
	ln -s "$T_TMP/hostetc/victim" "$img/etc/escape"
	mknod "$img/dev/null" c 1 3
	mknod "$img/dev/zero" c 1 5
	mknod "$img/dev/full" c 1 7
	assert_ok "$ARCHIVE" create "$T_TMP/rootfs.tar.xz" "$img"
	make_metadata "$T_TMP/meta"
	assert_ok "$ARCHIVE" create "$T_TMP/meta.tar.xz" "$T_TMP/meta"

	new_container lm
	printf 'lxc.net.0.type = veth\nlxc.net.0.link = lxcbr0\nlxc.apparmor.profile = generated\n' >>"$T_TMP/lm/config"
	assert_ok run_template local lm --fstree "$T_TMP/rootfs.tar.xz" --metadata "$T_TMP/meta.tar.xz"
	local r=$T_TMP/lm/rootfs c=$T_TMP/lm/config
	assert_contains "$OUT" "Made for LXC_NAME from a test image." "create-message (printed as is, as LXC does)"
	assert_eq "$(cat "$r/etc/hostname")" lm "templated hostname"
	assert_eq "$(cat "$r/etc/hosts")" "127.0.1.1 lm" "templated hosts"
	assert_eq "$(cat "$T_TMP/hostetc/victim")" "host file" "file behind a symlink in the image"
	assert_contains "$(cat "$c")" "lxc.include = $BERTH_PREFIX/share/lxc/config/common.conf"
	assert_contains "$(cat "$c")" "lxc.mount.fstab = $T_TMP/lm/fstab"
	assert_file "$T_TMP/lm/fstab"
	# Order as LXC's: the image's config, then lxc-create's own lines, then the network.
	local order
	order=$(grep -oE '^(lxc\.arch|lxc\.apparmor\.profile|lxc\.uts\.name|lxc\.net\.0\.type)' "$c" | tr '\n' ' ')
	assert_eq "$order" "lxc.arch lxc.apparmor.profile lxc.uts.name lxc.net.0.type " "config order"
	# A privileged container gets every device node.
	[ -c "$r/dev/null" ] && [ -c "$r/dev/zero" ] || t_fail "device nodes missing in a privileged container"

	# Unprivileged: config-user, and excludes-user drops the device nodes it lists.
	new_container lu
	assert_ok run_template local lu --fstree "$T_TMP/rootfs.tar.xz" --metadata "$T_TMP/meta.tar.xz" \
		--mapped-uid=0 --mapped-gid=0
	assert_contains "$(cat "$T_TMP/lu/config")" "userns.conf"
	assert_no_file "$T_TMP/lu/rootfs/dev/null"
	assert_no_file "$T_TMP/lu/rootfs/dev/zero"
	[ -c "$T_TMP/lu/rootfs/dev/full" ] || t_fail "dev/full was excluded though not listed"
}

test_local_no_dev() {
	need_root
	need_template local
	local img=$T_TMP/img
	mkdir -p "$img/dev/sub" "$img/etc"
	mknod "$img/dev/null" c 1 3
	echo x >"$img/dev/sub/file"
	echo y >"$img/etc/keep"
	assert_ok "$ARCHIVE" create "$T_TMP/rootfs.tar" "$img"
	new_container nd
	assert_ok run_template local nd --fstree "$T_TMP/rootfs.tar" --no-dev
	assert_file "$T_TMP/nd/rootfs/etc/keep"
	assert_no_file "$T_TMP/nd/rootfs/dev/null"
	assert_no_file "$T_TMP/nd/rootfs/dev/sub"
	[ -d "$T_TMP/nd/rootfs/dev/pts" ] || t_fail "dev/pts missing"
}

test_local_bad_metadata() {
	need_template local
	mkdir -p "$T_TMP/m" "$T_TMP/img/etc"
	echo x >"$T_TMP/m/templates"
	echo y >"$T_TMP/img/etc/x"
	assert_ok "$ARCHIVE" create "$T_TMP/meta.tar" "$T_TMP/m"
	assert_ok "$ARCHIVE" create "$T_TMP/rootfs.tar" "$T_TMP/img"
	new_container bm
	assert_status 1 run_template local bm --fstree "$T_TMP/rootfs.tar" --metadata "$T_TMP/meta.tar"
	assert_contains "$ERR" "no config file"
	assert_no_file "$T_TMP/bm/rootfs/etc"
	assert_status 1 run_template local bm
	assert_contains "$ERR" "--fstree"
}

# Hostile tarballs, made here with python's tarfile: each must be refused by
# name, write nothing outside the target, and leave lxc-local's rootfs empty.
make_hostile() { # make_hostile KIND FILE OUTSIDE-DIR
	"$PY" - "$@" <<'EOF'
import io, sys, tarfile
kind, out, outside = sys.argv[1:4]
def f(t, name, data=b"pwned\n"):
    ti = tarfile.TarInfo(name); ti.size = len(data); t.addfile(ti, io.BytesIO(data))
def l(t, name, target, type=tarfile.SYMTYPE):
    ti = tarfile.TarInfo(name); ti.type = type; ti.linkname = target; t.addfile(ti)
with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as t:
    f(t, "etc/ok")
    if kind == "absolute":
        f(t, outside + "/absolute")
    elif kind == "dotdot":
        f(t, "../escape")
    elif kind == "dotdot-deep":
        f(t, "etc/../../escape")
    elif kind == "symlink-through":
        l(t, "etc/link", outside)
        f(t, "etc/link/through")
    elif kind == "symlink-dir-through":
        l(t, "up", "..")
        f(t, "up/escape")
    elif kind == "hardlink-out":
        l(t, "etc/hard", outside + "/target", tarfile.LNKTYPE)
    elif kind == "hardlink-dotdot":
        l(t, "etc/hard", "../outside/target", tarfile.LNKTYPE)
    elif kind == "hardlink-data-through-symlink":
        l(t, "etc/link", outside + "/target")
        data = b"pwned\n"
        ti = tarfile.TarInfo("etc/hard"); ti.type = tarfile.LNKTYPE; ti.linkname = "etc/link"
        ti.size = len(data); ti.pax_headers = {"size": str(len(data))}
        t.addfile(ti, io.BytesIO(data))
EOF
}

test_hostile_tarballs_refused() {
	need_template local
	[ -x "$PY" ] || t_skip "no $PY to make hostile tarballs"
	local outside=$T_TMP/outside kind
	mkdir -p "$outside"
	echo keep >"$outside/target"
	for kind in absolute dotdot dotdot-deep symlink-through symlink-dir-through hardlink-out hardlink-dotdot \
		hardlink-data-through-symlink; do
		make_hostile "$kind" "$T_TMP/$kind.tar" "$outside" || { t_fail "cannot make $kind.tar"; continue; }
		assert_status 1 "$ARCHIVE" extract "$T_TMP/$kind.tar" "$T_TMP/x-$kind"
		assert_contains "$ERR" "refusing" "$kind: error"
		case $kind in
		absolute) assert_contains "$ERR" "$outside/absolute" ;;
		dotdot) assert_contains "$ERR" "'../escape'" ;;
		symlink-through) assert_contains "$ERR" "'etc/link/through'" ;;
		symlink-dir-through) assert_contains "$ERR" "'up/escape'" ;;
		hardlink-*) assert_contains "$ERR" "'etc/hard'" ;;
		esac
		new_container "l-$kind"
		assert_status 1 run_template local "l-$kind" --fstree "$T_TMP/$kind.tar"
		assert_contains "$ERR" "refusing" "$kind via lxc-local"
		assert_eq "$(ls -A "$T_TMP/l-$kind/rootfs" 2>/dev/null)" "" "$kind: rootfs after refusal"
	done
	assert_eq "$(ls -A "$outside")" "target" "files outside the target"
	assert_eq "$(cat "$outside/target")" "keep" "hard link target"
	assert_no_file "$T_TMP/escape"
	assert_no_file "$T_TMP/l-dotdot/escape"
}

# ---------------------------------------------------------------- debian, with a fake debootstrap

# A debootstrap that makes a tiny tree, counts its runs, and can be told to fail half-way.
make_fake_debootstrap() {
	mkdir -p "$T_TMP/fakebin"
	cat >"$T_TMP/fakebin/debootstrap" <<EOF
#!/bin/sh
for a; do target=\$prev; prev=\$a; done
echo run >>"$T_TMP/debootstrap.runs"
mkdir -p "\$target/etc/apt" "\$target/sbin" "\$target/var/cache/apt/archives"
printf 'root:*:19000:0:99999:7:::\n' >"\$target/etc/shadow"
echo 12345 >"\$target/etc/machine-id"
touch "\$target/var/cache/apt/archives/big.deb"
ln -s /lib/systemd/systemd "\$target/sbin/init"
sleep \${FAKE_DEBOOTSTRAP_SLEEP:-0}
[ -z "\$FAKE_DEBOOTSTRAP_FAIL" ] || { echo "E: fake failure" >&2; exit 1; }
exit 0
EOF
	chmod +x "$T_TMP/fakebin/debootstrap"
}

test_debian_cache_with_fake_debootstrap() {
	need_root
	need_template debian
	make_fake_debootstrap
	export LXC_CACHE_PATH=$T_TMP/cache
	local cache=$T_TMP/cache/debian/rootfs-bookworm-amd64.tar.zst
	new_container d1
	assert_ok env PATH="$T_TMP/fakebin:$PATH" "$TDIR/lxc-debian" --path="$T_TMP/d1" --name=d1 \
		--rootfs="$T_TMP/d1/rootfs" --arch=amd64
	assert_file "$cache"
	assert_eq "$(wc -l <"$T_TMP/debootstrap.runs")" 1 "debootstrap runs"
	local r=$T_TMP/d1/rootfs
	assert_eq "$(cat "$r/etc/hostname")" d1 "hostname"
	assert_eq "$(stat -c %s "$r/etc/machine-id")" 0 "machine-id emptied"
	assert_contains "$(cat "$r/etc/network/interfaces")" "iface eth0 inet dhcp"
	assert_eq "$(readlink "$r/etc/systemd/system/systemd-udevd.service")" /dev/null "udevd masked"
	assert_file "$r/etc/systemd/system/getty.target.wants/getty@tty4.service"
	assert_eq "$(readlink "$r/etc/systemd/system/getty@tty5.service")" /dev/null "getty beyond tty.max masked"
	assert_match "$(awk -F: '$1 == "root" { print $2 }' "$r/etc/shadow")" '^[!*]' "root locked"
	assert_contains "$(cat "$r/etc/apt/sources.list")" "bookworm-security"
	assert_no_file "$r/var/cache/apt/archives/big.deb"
	assert_eq "$(stat -c %a "$r")" 755 "rootfs mode"
	local conf
	conf=$(cat "$T_TMP/d1/config")
	# devices, capabilities and auto-mounts come from berth's own shared config
	for line in "lxc.signal.halt = SIGRTMIN+3" "lxc.include = $BERTH_PREFIX/share/lxc/config/debian.common.conf" \
		"lxc.tty.max = 4" "lxc.uts.name = d1" "lxc.arch = amd64" "lxc.autodev = 1"; do
		assert_contains "$conf" "$line"
	done

	# Second create: from the cache, no debootstrap.
	new_container d2
	assert_ok env PATH="$T_TMP/fakebin:$PATH" "$TDIR/lxc-debian" --path="$T_TMP/d2" --name=d2 \
		--rootfs="$T_TMP/d2/rootfs" --arch=amd64
	assert_contains "$OUT" "Using cache"
	assert_eq "$(wc -l <"$T_TMP/debootstrap.runs")" 1 "debootstrap runs after the second create"
	assert_eq "$(cat "$T_TMP/d2/rootfs/etc/hostname")" d2 "second hostname"

	# A flush whose debootstrap fails keeps the old cache and empties the rootfs.
	local sum
	sum=$(cksum <"$cache")
	new_container d3
	assert_status 1 env PATH="$T_TMP/fakebin:$PATH" FAKE_DEBOOTSTRAP_FAIL=1 "$TDIR/lxc-debian" \
		--path="$T_TMP/d3" --name=d3 --rootfs="$T_TMP/d3/rootfs" --arch=amd64 --flush-cache
	assert_contains "$ERR" "debootstrap of bookworm/amd64"
	assert_eq "$(cksum <"$cache")" "$sum" "cache after a failed flush"
	assert_eq "$(ls -A "$T_TMP/d3/rootfs")" "" "rootfs after a failed create"
	assert_eq "$(ls "$T_TMP/cache/debian" | grep -c partial)" 0 "scratch directories left"

	# --clean removes it.
	assert_ok "$TDIR/lxc-debian" --clean --arch=amd64
	assert_no_file "$cache"
}

test_debian_interrupted_first_build_leaves_no_cache() {
	need_root
	need_template debian
	make_fake_debootstrap
	export LXC_CACHE_PATH=$T_TMP/cache
	new_container di
	assert_status 1 env PATH="$T_TMP/fakebin:$PATH" FAKE_DEBOOTSTRAP_FAIL=1 "$TDIR/lxc-debian" \
		--path="$T_TMP/di" --name=di --rootfs="$T_TMP/di/rootfs" --arch=amd64
	assert_eq "$(ls -A "$T_TMP/cache/debian" | grep -v '^\.lock')" "" "cache directory after a failed debootstrap"
	assert_eq "$(ls -A "$T_TMP/di/rootfs")" "" "rootfs after the failure"

	# Interrupted in the middle of debootstrap, as Ctrl-C does it (the whole
	# process group, in its own session here): no cache, no scratch directory.
	FAKE_DEBOOTSTRAP_SLEEP=30 PATH="$T_TMP/fakebin:$PATH" setsid "$TDIR/lxc-debian" --path="$T_TMP/di" \
		--name=di --rootfs="$T_TMP/di/rootfs" --arch=amd64 >/dev/null 2>&1 &
	local pid=$! i st
	for i in $(seq 100); do
		[ "$(wc -l <"$T_TMP/debootstrap.runs")" = 2 ] && break
		sleep 0.1
	done
	kill -TERM -- -"$pid"
	wait "$pid"
	st=$?
	assert_ne "$st" 0 "status of an interrupted create"
	assert_eq "$(ls -A "$T_TMP/cache/debian" | grep -v '^\.lock')" "" "cache directory after an interrupted create"
	assert_eq "$(ls -A "$T_TMP/di/rootfs")" "" "rootfs after the failure"
}

test_debian_concurrent_creates_build_cache_once() {
	need_root
	need_template debian
	make_fake_debootstrap
	export LXC_CACHE_PATH=$T_TMP/cache
	local p1 p2 s1 s2
	new_container c1
	new_container c2
	FAKE_DEBOOTSTRAP_SLEEP=2 PATH="$T_TMP/fakebin:$PATH" "$TDIR/lxc-debian" --path="$T_TMP/c1" --name=c1 \
		--rootfs="$T_TMP/c1/rootfs" --arch=amd64 >"$T_TMP/c1.out" 2>&1 &
	p1=$!
	FAKE_DEBOOTSTRAP_SLEEP=2 PATH="$T_TMP/fakebin:$PATH" "$TDIR/lxc-debian" --path="$T_TMP/c2" --name=c2 \
		--rootfs="$T_TMP/c2/rootfs" --arch=amd64 >"$T_TMP/c2.out" 2>&1 &
	p2=$!
	wait "$p1"
	s1=$?
	wait "$p2"
	s2=$?
	assert_eq "$s1$s2" 00 "exit statuses of two concurrent creates ($(cat "$T_TMP/c1.out" "$T_TMP/c2.out" | tr '\n' ' '))"
	assert_eq "$(wc -l <"$T_TMP/debootstrap.runs")" 1 "debootstrap runs for two concurrent creates"
	assert_eq "$(cat "$T_TMP/c1/rootfs/etc/hostname") $(cat "$T_TMP/c2/rootfs/etc/hostname")" "c1 c2" "hostnames"
}

run_tests "$@"
