# templates/common.sh - what every berth template shares; the build inserts it where a template says @TEMPLATE_COMMON@
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The interface is LXC's: --path=LXCPATH/NAME --name=NAME --rootfs=ROOTFS
# [--mapped-uid=MAP --mapped-gid=MAP] and then the template's own options.
# When an argument is missing, the LXC_* environment fills it in (LXC_NAME,
# LXC_PATH = the container's directory as in LXC's templates, LXC_ROOTFS_PATH,
# LXC_CONFIG_FILE). A template appends its config lines to $path/config.
#
# Failure contract: a template that fails part-way empties the rootfs it was
# filling, puts the config back as it found it, and ends with one line on
# stderr saying what failed. The rootfs must be empty when it starts (an ext4
# "lost+found" aside), or that promise could not be kept.

LXCLIBEXECDIR='@LXCLIBEXECDIR@'
LXC_TEMPLATE_CONFIG=${LXC_TEMPLATE_CONFIG:-'@LXCTEMPLATECONFIG@'}
LXC_HOOK_DIR=${LXC_HOOK_DIR:-'@LXCHOOKDIR@'}
BERTH_VERSION='@BERTH_VERSION@'
# Tests point this at a build tree; nobody else needs to.
ARCHIVE_HELPER=${BERTH_ARCHIVE_HELPER:-"$LXCLIBEXECDIR/lxc-archive"}
export PATH="$PATH:/usr/sbin:/usr/bin:/sbin:/bin"

name=
path=
rootfs=
config=
mapped_uid=
mapped_gid=

t_step="starting"
t_done=0
t_reported=0
t_rootfs_made=
t_config_saved=
t_tmp=
t_cleanup_paths= # newline-separated; removed at exit whatever happens

die() {
	printf '%s: %s\n' "$me" "$*" >&2
	t_reported=1
	exit 1
}
step() { t_step=$*; }
need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 ||
		die "$1 not found: install the $2 package (apt-get install $2)"
}

# Exact "KEY = value" lines of the container config; KEY is a basic regex.
config_has() { grep -q "^[[:space:]]*$1[[:space:]]*=" "$config" 2>/dev/null; }
config_get() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$config" 2>/dev/null | tail -n 1 | sed 's/[[:space:]]*$//'
}

t_undo() {
	case $t_rootfs_made in
	dir) rm -rf --one-file-system "$rootfs" ;;
	contents) find "$rootfs" -mindepth 1 -maxdepth 1 ! -name lost+found -exec rm -rf --one-file-system {} + ;;
	esac
	if [ "$t_config_saved" = yes ]; then
		cat "$t_tmp/config.orig" >"$config"
	elif [ "$t_config_saved" = none ]; then
		rm -f "$config"
	fi
}

# A template redefines this to release what it holds (mounts, locks) before the paths go.
t_hook_exit() { :; }

t_on_exit() {
	rc=$?
	trap - EXIT INT TERM HUP
	t_hook_exit >/dev/null 2>&1
	if [ "$t_done" != 1 ]; then
		[ "$rc" != 0 ] || rc=1
		t_undo >/dev/null 2>&1
		[ "$t_reported" = 1 ] ||
			printf '%s: failed while %s (status %s); the rootfs was emptied\n' "$me" "$t_step" "$rc" >&2
	fi
	[ -z "$t_tmp" ] || rm -rf "$t_tmp"
	if [ -n "$t_cleanup_paths" ]; then
		printf '%s\n' "$t_cleanup_paths" | while IFS= read -r p; do
			[ -z "$p" ] || rm -rf --one-file-system "$p"
		done
	fi
	exit "$rc"
}
trap t_on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Resolves name, path, config and rootfs from the arguments, then the LXC_*
# environment, then the config; checks the rootfs is empty; saves the config.
t_setup() {
	name=${name:-${LXC_NAME:-}}
	path=${path:-${LXC_PATH:-}}
	[ -n "$name" ] || die "no container name: pass --name=NAME (lxc-create does)"
	[ -n "$path" ] || die "no container directory: pass --path=LXCPATH/NAME (lxc-create does)"
	config=${LXC_CONFIG_FILE:-$path/config}
	if [ -z "$rootfs" ]; then
		rootfs=${LXC_ROOTFS_PATH:-$(config_get 'lxc\.rootfs\.path')}
		case $rootfs in
		dir:*) rootfs=${rootfs#dir:} ;;
		/*) ;;
		"") rootfs=$path/rootfs ;;
		*) die "rootfs '$rootfs' is not a directory backend: lxc-create mounts it and passes --rootfs=MOUNTPOINT" ;;
		esac
	fi

	t_tmp=$(mktemp -d "${TMPDIR:-/tmp}/$me.XXXXXX") || die "cannot create a temporary directory"
	if [ -e "$config" ]; then
		cp "$config" "$t_tmp/config.orig" || die "cannot read $config"
		t_config_saved=yes
	else
		mkdir -p "$path" || die "cannot create $path"
		t_config_saved=none
	fi

	if [ -e "$rootfs" ]; then
		[ -d "$rootfs" ] || die "rootfs $rootfs is not a directory"
		[ -z "$(find "$rootfs" -mindepth 1 -maxdepth 1 ! -name lost+found -print -quit)" ] ||
			die "rootfs $rootfs is not empty: a template fills an empty rootfs (remove its contents or use another container)"
		t_rootfs_made=contents
	else
		mkdir -p "$rootfs" || die "cannot create rootfs $rootfs"
		t_rootfs_made=dir
	fi
	chmod 0755 "$rootfs"
}

# Appends "KEY = VALUE" unless the config already sets KEY (lxc-create writes
# lxc.rootfs.path and default.conf's keys before the template runs).
config_default() {
	config_has "$(printf '%s' "$1" | sed 's/\./\\./g')" || printf '%s = %s\n' "$1" "$2" >>"$config"
}

# In unprivileged creates, the config belongs to the mapped root, as LXC does it.
t_chown_config() {
	if [ -n "$mapped_uid" ] && [ "$mapped_uid" != -1 ]; then chown "$mapped_uid" "$config"; fi
	if [ -n "$mapped_gid" ] && [ "$mapped_gid" != -1 ]; then chgrp "$mapped_gid" "$config"; fi
	return 0
}

# Whether this runs in a user namespace that does not map the whole uid range (LXC's test).
t_in_userns() {
	[ -e /proc/self/uid_map ] || return 1
	[ "$(awk '{ print $1 " " $2 " " $3 }' /proc/self/uid_map)" != "0 0 4294967295" ]
}

t_finish() {
	t_chown_config
	t_done=1
}
