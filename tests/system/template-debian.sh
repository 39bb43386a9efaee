# template-debian.sh - the debian template for real: one debootstrap of bookworm (minutes), then a create from its cache
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Slow and needs the Debian mirror; run it alone with
#   tests/run --builddir B --prefix P template-debian
# The cache logic without a network is covered by templates.sh (fake debootstrap).
. "$(dirname "$0")/lib.sh"

TDIR=$BERTH_PREFIX/share/lxc/templates
MIRROR=${BERTH_TEST_DEBIAN_MIRROR:-http://deb.debian.org/debian}

mirror_reachable() {
	local host=${MIRROR#*://}
	host=${host%%/*}
	timeout 10 bash -c "exec 3<>/dev/tcp/$host/80" 2>/dev/null
}

test_debian_debootstrap_then_cache() {
	[ "$(id -u)" = 0 ] || t_skip "needs root (debootstrap)"
	[ -x "$TDIR/lxc-debian" ] || { t_fail "template $TDIR/lxc-debian is not installed"; return; }
	command -v debootstrap >/dev/null || t_skip "debootstrap not installed (package debootstrap)"
	mirror_reachable || t_skip "the Debian mirror $MIRROR cannot be reached"
	export LXC_CACHE_PATH=$T_TMP/cache
	local arch r1=$T_TMP/deb1/rootfs r2=$T_TMP/deb2/rootfs cache t0 t1
	arch=$(dpkg --print-architecture)
	cache=$T_TMP/cache/debian/rootfs-bookworm-$arch.tar.zst
	mkdir -p "$r1" "$r2"

	assert_ok "$TDIR/lxc-debian" --path="$T_TMP/deb1" --name=deb1 --rootfs="$r1" --release=bookworm --mirror="$MIRROR"
	assert_contains "$OUT" "debootstrap"
	assert_file "$cache"
	assert_eq "$(chroot "$r1" readlink -f /sbin/init)" /usr/lib/systemd/systemd "init is systemd"
	local pkg
	for pkg in systemd-sysv ifupdown isc-dhcp-client iproute2; do
		assert_eq "$(chroot "$r1" dpkg-query -W -f '${Status}' "$pkg" 2>&1)" "install ok installed" "package $pkg"
	done
	assert_eq "$(cat "$r1/etc/hostname")" deb1 "hostname"
	assert_eq "$(stat -c %s "$r1/etc/machine-id")" 0 "machine-id left for the first boot"
	assert_contains "$(cat "$r1/etc/network/interfaces")" "iface eth0 inet dhcp"
	assert_match "$(awk -F: '$1 == "root" { print $2 }' "$r1/etc/shadow")" '^[!*]' "root locked"
	assert_contains "$(cat "$T_TMP/deb1/config")" "lxc.signal.halt = SIGRTMIN+3"
	assert_no_file "$r1/var/cache/apt/archives/systemd_"*.deb

	# Second create: a debootstrap that fails comes first in PATH, so only the cache can make it.
	mkdir -p "$T_TMP/fakebin"
	printf '#!/bin/sh\ntouch %s/debootstrap-ran\nexit 1\n' "$T_TMP" >"$T_TMP/fakebin/debootstrap"
	chmod +x "$T_TMP/fakebin/debootstrap"
	t0=$(date +%s)
	assert_ok env PATH="$T_TMP/fakebin:$PATH" "$TDIR/lxc-debian" --path="$T_TMP/deb2" --name=deb2 \
		--rootfs="$r2" --release=bookworm --password='Pa55 word'
	t1=$(date +%s)
	echo "  second create took $((t1 - t0)) s"
	assert_contains "$OUT" "Using cache $cache"
	assert_no_file "$T_TMP/debootstrap-ran"
	assert_eq "$(cat "$r2/etc/hostname")" deb2 "hostname from the cache"
	assert_eq "$(chroot "$r2" readlink -f /sbin/init)" /usr/lib/systemd/systemd "init from the cache"
	local hash salt
	hash=$(awk -F: '$1 == "root" { print $2 }' "$r2/etc/shadow")
	salt=$(printf '%s' "$hash" | cut -d'$' -f3)
	case $hash in
	'$y$'*) assert_eq "$(/usr/bin/python3 -W ignore -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], sys.argv[2]))' 'Pa55 word' "$hash")" "$hash" "--password" ;;
	'$6$'*) assert_eq "$(openssl passwd -6 -salt "$salt" 'Pa55 word')" "$hash" "--password" ;;
	*) t_fail "--password left root's hash as '$hash'" ;;
	esac
	[ $((t1 - t0)) -lt 120 ] || t_fail "a create from the cache took $((t1 - t0)) s"
}

run_tests "$@"
