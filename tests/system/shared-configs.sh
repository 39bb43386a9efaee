# shared-configs.sh - the shared configs berth installs in share/lxc/config: they load without unknown keys, refer to their own prefix, and containers including them start
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"

CONFDIR=$BERTH_PREFIX/share/lxc/config
SHIPPED="common.conf debian.common.conf ubuntu.common.conf userns.conf debian.userns.conf nesting.conf"

# A busybox container whose config is only an include of $1 and its rootfs.
mk_including() {
	local suffix=$1 file=$2
	mk_container "$suffix"
	cat >"$T_LXCPATH/$T_ID-$suffix/config" <<CONF
lxc.include = $file
lxc.rootfs.path = dir:$T_LXCPATH/$T_ID-$suffix/rootfs
lxc.net.0.type = empty
lxc.signal.halt = SIGUSR1
CONF
}

test_shipped_files_are_installed_and_name_their_prefix() {
	local f path
	for f in $SHIPPED common.seccomp; do
		assert_file "$CONFDIR/$f"
	done
	[ -d "$CONFDIR/common.conf.d" ] || t_fail "$CONFDIR/common.conf.d is not installed (common.conf includes it)"
	# Every path they name is under this install's prefix (configure put it in), never LXC's.
	for f in $SHIPPED; do
		while read -r path; do
			case "$path" in
			"$CONFDIR"/*) ;;
			*) t_fail "$f names $path, outside $CONFDIR" ;;
			esac
			case "$path" in */userns.conf.d/) ;; *) [ -e "$path" ] || t_fail "$f names $path, which is not installed" ;; esac
		done < <(sed -n 's/^lxc\.\(include\|seccomp\.profile\) *= *//p' "$CONFDIR/$f")
		grep -q '@[A-Z_]*@' "$CONFDIR/$f" && t_fail "$f: an unsubstituted placeholder: $(grep '@[A-Z_]*@' "$CONFDIR/$f")"
	done
	# LXC's seccomp policy format: the version, then the list type.
	assert_eq "$(sed -n 1p "$CONFDIR/common.seccomp")" 2 "common.seccomp version line"
	assert_eq "$(sed -n 2p "$CONFDIR/common.seccomp")" denylist "common.seccomp list type"
}

test_every_shipped_config_loads_and_starts() {
	need_runtime
	local f n=0 line
	for f in $SHIPPED; do
		n=$((n + 1))
		mk_including "c$n" "$CONFDIR/$f"
		assert_ok "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c$n" -F -- /bin/true </dev/null
		# Only the notices of keys berth does not apply yet (seccomp, AppArmor), one line each.
		while IFS= read -r line; do
			case "$line" in
			"") ;;
			*"lxc.seccomp.profile: not applied"* | *"lxc.apparmor.profile: not applied"*) ;;
			*) t_fail "$f: lxc-start said: $line" ;;
			esac
		done <<<"$ERR"
		[ "$(printf '%s\n' "$ERR" | grep -c 'not applied')" -le 1 ] || t_fail "$f: more than one notice line: $ERR"
	done
}

test_common_conf_settings_reach_the_container() {
	need_runtime
	mk_including c "$CONFDIR/common.conf"
	# A site-wide addition in common.conf.d/ is not tested here: the directory is the install's.
	start_ok c
	local bnd
	bnd=$(inside c cat /proc/1/status | awk '/^CapBnd/ {print $2}')
	# sys_module (16) and sys_rawio (17), sys_time (25) are dropped; sys_admin (21) is kept
	[ $((0x$bnd >> 16 & 1)) = 0 ] || t_fail "sys_module is in the bounding set ($bnd)"
	[ $((0x$bnd >> 17 & 1)) = 0 ] || t_fail "sys_rawio is in the bounding set ($bnd)"
	[ $((0x$bnd >> 25 & 1)) = 0 ] || t_fail "sys_time is in the bounding set ($bnd)"
	[ $((0x$bnd >> 21 & 1)) = 1 ] || t_fail "sys_admin is not in the bounding set ($bnd)"
	# the ttys live in /dev/lxc (lxc.tty.dir = lxc), four of them
	inside c ls /dev/lxc/tty4 >/dev/null 2>&1 || t_fail "no /dev/lxc/tty4"
	inside c ls /dev/lxc/tty5 >/dev/null 2>&1 && t_fail "a fifth tty"
	# proc:mixed: /proc/sys read-only
	inside c sh -c 'echo 1 >/proc/sys/kernel/sysrq' 2>/dev/null && t_fail "/proc/sys is writable"
	stop_k c
}

test_debian_common_conf_keeps_ttys_in_dev() {
	need_runtime
	mk_including d "$CONFDIR/debian.common.conf"
	start_ok d
	inside d ls /dev/tty1 >/dev/null 2>&1 || t_fail "no /dev/tty1"
	inside d ls /dev/lxc >/dev/null 2>&1 && t_fail "/dev/lxc exists although debian.common.conf clears lxc.tty.dir"
	stop_k d
}

run_tests "$@"
