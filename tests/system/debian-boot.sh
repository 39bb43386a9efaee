# debian-boot.sh - one Debian container made by berth's lxc-debian template, booted once: a DHCP lease from a test lxc-net, pinged from the test's host namespace, systemd's getty login prompt on tty1 and on the console
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A boot takes seconds, so one test boots one container and checks all of
# this on it. The rootfs comes from the template's cached tarball (see
# debian_rootfs in runtime.lib for where it is looked for; without one the
# template runs debootstrap into $BERTH_SUITE_CACHE once). As in network.sh,
# the test plays the host inside a network namespace $H it makes: the bridge,
# lxc-net's dnsmasq (no upstream DNS) and the container's monitor live there,
# and no test traffic leaves the namespaces the test made.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"
. "$(dirname "$0")/net.lib"
. "$(dirname "$0")/pty.lib"

LXC_CREATE=$(tool lxc-create)
LXC_CONSOLE=$(tool lxc-console)
PY=/usr/bin/python3
NET=10.126.0

need_debian_boot() {
	need_runtime
	command -v ip >/dev/null || t_skip "needs ip (iproute2)"
	[ -n "$LXCNET" ] || t_skip "lxc-net is not installed under $BERTH_PREFIX"
	[ -x /usr/sbin/dnsmasq ] || t_skip "dnsmasq is not installed (Debian: dnsmasq-base)"
	[ -x "$PY" ] || t_skip "needs $PY to give lxc-console a terminal"
	[ -x "$BERTH_PREFIX/share/lxc/templates/lxc-debian" ] || t_skip "the debian template is not installed"
	write_driver
}

# The "host": netns $H with the bridge $BR of a test lxc-net instance on $NET.0/24.
host_with_bridge() {
	host_ns db lxc-console || return 1
	LXC_CONSOLE=$T_TMP/lxc-console
	lxcnet_up "$NET"
}

# debian_container NAME: lxc-create -t debian on $BR, from the cached tarball when there is one.
debian_container() {
	local name=$1 cache tarball release
	tarball=$(debian_cached_tarball)
	if [ -n "$tarball" ]; then
		cache=$(dirname "$(dirname "$tarball")")
		release=$(basename "$tarball" | sed 's/^rootfs-\(.*\)-amd64\.tar\.zst$/\1/')
	else
		[ -n "${BERTH_SUITE_CACHE:-}" ] || t_skip "no cached Debian rootfs (run the debian template once, or set BERTH_SUITE_CACHE)"
		getent hosts deb.debian.org >/dev/null || t_skip "no cached Debian rootfs and the Debian mirror is unreachable"
		cache=$BERTH_SUITE_CACHE release=bookworm
	fi
	bridge_net_conf
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$name' -k >/dev/null 2>&1"
	LXC_CACHE_PATH=$cache "$LXC_CREATE" -P "$T_LXCPATH" -n "$name" -t debian -f "$T_TMP/net.conf" -- \
		--release="$release" --arch=amd64 >"$T_TMP/create.log" 2>&1 ||
		{ t_fail "lxc-create -t debian: $(tail -3 "$T_TMP/create.log")"; return 1; }
}

# console STEPS TTY: lxc-console -t TTY on a pty, playing STEPS.
console() {
	DRIVE_TIMEOUT=30 "$PY" "$T_TMP/drive.py" "$1" "$LXC_CONSOLE" -P "$T_LXCPATH" -n "$NAME" -t "$2"
}

test_debian_boots_gets_a_lease_and_shows_a_login() {
	need_debian_boot
	host_with_bridge || return
	NAME=$T_ID-deb
	debian_container "$NAME" || return
	assert_contains "$(cat "$T_LXCPATH/$NAME/config")" \
		"lxc.include = $BERTH_PREFIX/share/lxc/config/debian.common.conf" "the template includes berth's debian.common.conf"

	assert_ok nsenter --net="/run/netns/$H" "$LXC_START" -P "$T_LXCPATH" -n "$NAME"
	[ "$OUT$ERR" = "" ] || echo "  lxc-start said: $OUT$ERR"
	local pid
	pid=$("$LXC_INFO" -P "$T_LXCPATH" -n "$NAME" -pH)
	[ -n "$pid" ] || { t_fail "no init pid"; return; }
	assert_match "$(readlink "/proc/$pid/exe")" "/lib/systemd/systemd$" "systemd is the init"

	# A lease through ifupdown's dhclient (the template's /etc/network/interfaces):
	# an address in the test range on eth0 and a default route to the bridge.
	local i addr="" route="" t0=$SECONDS
	for i in $(seq 600); do
		addr=$(nsenter -t "$pid" -n ip -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}' | grep "^$NET\." | head -1)
		route=$(nsenter -t "$pid" -n ip -4 route show default 2>/dev/null)
		[ -n "$addr" ] && [ -n "$route" ] && break
		sleep 0.1
	done
	[ -n "$addr" ] || t_fail "eth0 has no $NET.x address 60 s after the start: $(nsenter -t "$pid" -n ip -o addr 2>&1 | tr '\n' ' ')"
	assert_match "$route" "^default via $NET\.1 dev eth0" "the default route from the lease"
	[ -n "$addr" ] && echo "  lease $addr after $((SECONDS - t0)) s"
	# The host end ($H, the test's own namespace) reaches the container.
	if [ -n "$addr" ]; then
		# (busybox's ping: the host need not have one; a few tries, dhclient may still be configuring)
		local ok=""
		for i in 1 2 3 4 5; do
			nsenter --net="/run/netns/$H" "$BUSYBOX" ping -c 1 -W 1 "${addr%/*}" >/dev/null 2>&1 && ok=1 && break
		done
		[ -n "$ok" ] || t_fail "cannot ping ${addr%/*} from the test's host namespace"
		assert_contains "$(cat "$STATE/dnsmasq.$BR.leases" 2>/dev/null)" "${addr%/*}" "dnsmasq's lease file has it"
	fi

	# systemd reaches its target (the gettys are up by then).
	local state
	wait_systemd "$pid" 60

	# tty1: systemd's getty@tty1 shows its login prompt (again, after an empty line); Ctrl-a q detaches.
	assert_ok console "expect:Connected to tty 1
sleep:0.5
send:\\r
expect:login:
send:\\x01q
exit:0" 1
	# The console (-t 0): console-getty, which systemd runs in a container, prompts too.
	assert_ok console "expect:Connected to tty 0
sleep:0.5
send:\\r
expect:login:
send:\\x01q
exit:0" 0
	# After detaching, tty1 still works: a second attach gets the prompt again.
	assert_ok console "expect:Connected to tty 1
sleep:0.3
send:\\r
expect:login:
send:\\x01q
exit:0" 1

	# A clean shutdown; the veth goes with the container's namespace.
	assert_ok "$LXC_STOP" -P "$T_LXCPATH" -n "$NAME" -t 30
	wait_veths_gone
	assert_ok inh env LXC_NET_CONFIG="$SETTINGS" "$LXCNET" stop
}

run_tests "$@"
