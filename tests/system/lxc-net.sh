# lxc-net.sh - the host bridge service: a test instance (own settings, bridge, state dir) in a "host" netns of the test's own
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# lxc-net changes host-wide settings (ip_forward, firewall), so every test runs
# its instance inside a network namespace it makes and plays the host there;
# clients and the "outside world" are further namespaces wired to it. Nothing
# here touches the machine's own network, and no traffic leaves the namespaces.
. "$(dirname "$0")/lib.sh"

BUSYBOX=$(command -v busybox || true)

need() {
	[ "$(id -u)" = 0 ] || t_skip "needs root (network namespaces, bridges, firewall)"
	[ -n "$LXCNET" ] || t_skip "lxc-net is not installed under $BERTH_PREFIX"
	[ -x /usr/sbin/dnsmasq ] || t_skip "dnsmasq is not installed (Debian: dnsmasq-base)"
	command -v ip >/dev/null || t_skip "ip (iproute2) is not installed"
}

# setup [extra settings...]: the "host" netns $H with the test's settings file.
setup() {
	H=$(nm lnh)
	BR=$(nm lnb)
	STATE=$T_TMP/state
	SETTINGS=$T_TMP/lxc-net.conf
	ip netns add "$H" || return 1
	on_cleanup "ip netns del $H"
	# Runs first (cleanups run in reverse): stop the instance, kill a stray dnsmasq.
	on_cleanup 'p=$(cat '"$STATE/dnsmasq.$BR.pid"' 2>/dev/null) && [ "$(cat /proc/$p/comm 2>/dev/null)" = dnsmasq ] && kill $p'
	on_cleanup "lxcnet stop"
	ip -n "$H" link set lo up
	cat >"$SETTINGS" <<-EOF
		USE_LXC_BRIDGE="true"
		LXC_BRIDGE="$BR"
		LXC_ADDR="10.123.0.1"
		LXC_NETMASK="255.255.255.0"
		LXC_NETWORK="10.123.0.0/24"
		LXC_DHCP_RANGE="10.123.0.50,10.123.0.60"
		LXC_DHCP_MAX="11"
		LXC_DOMAIN="lxc"
		LXC_DNS_UPSTREAM="false"
		LXC_DHCP_PING="false"
		LXC_NET_STATE_DIR="$STATE"
	EOF
	for s in "$@"; do echo "$s" >>"$SETTINGS"; done
}

lxcnet() { ip netns exec "$H" env LXC_NET_CONFIG="$SETTINGS" "$LXCNET" "$@"; }
inh() { ip netns exec "$H" "$@"; }
dnsmasq_pid() { cat "$STATE/dnsmasq.$BR.pid" 2>/dev/null; }

# What an instance may leave: nothing of its bridge, firewall or dnsmasq.
assert_all_gone() {
	local pid=$1
	ip -n "$H" link show "$BR" >/dev/null 2>&1 && t_fail "bridge $BR still exists after stop"
	inh nft list tables 2>/dev/null | grep -q "lxc-net-$BR" && t_fail "nftables table lxc-net-$BR left after stop"
	if command -v iptables >/dev/null 2>&1; then
		inh iptables-save 2>/dev/null | grep -q "lxc-net:$BR" && t_fail "iptables rules of $BR left after stop"
	fi
	[ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dnsmasq ] &&
		t_fail "dnsmasq $pid still runs after stop"
	[ ! -e "$STATE/lxc-net.$BR.state" ] || t_fail "state file left after stop"
}

# client NAME: a "container" netns on the bridge (veth), its end named eth0.
client() {
	local c=$1 hv
	hv=$(nm "v$2")
	ip netns add "$c" || return 1
	on_cleanup "ip netns del $c"
	ip -n "$H" link add "$hv" type veth peer name eth0 netns "$c" || return 1
	ip -n "$H" link set "$hv" master "$BR" up
	ip -n "$c" link set lo up
	ip -n "$c" link set eth0 up
}

test_start_twice_is_once_and_stop_leaves_nothing() {
	need
	setup || return
	local pid out
	assert_ok lxcnet start
	out=$(ip -n "$H" -o addr show dev "$BR")
	assert_contains "$out" "inet 10.123.0.1/24 brd 10.123.0.255" "bridge address"
	assert_contains "$(ip -n "$H" -o link show "$BR")" "link/ether 00:16:3e:00:00:00" "bridge MAC"
	assert_eq "$(inh cat /proc/sys/net/ipv4/ip_forward)" 1 "forwarding on"
	pid=$(dnsmasq_pid)
	assert_eq "$(cat "/proc/$pid/comm" 2>/dev/null)" dnsmasq "dnsmasq runs with the test's pid file"
	out=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)
	assert_contains "$out" "--interface=$BR" "dnsmasq serves the test bridge"
	assert_contains "$out" "--bind-interfaces" "dnsmasq binds to its interface only"
	assert_contains "$out" "--no-resolv" "no upstream DNS in tests"
	assert_contains "$(inh nft list table inet "lxc-net-$BR")" "masquerade" "NAT table of the bridge"

	assert_ok lxcnet start
	assert_contains "$OUT" "already up"
	assert_eq "$(dnsmasq_pid)" "$pid" "second start keeps the same dnsmasq"
	assert_eq "$(ip -n "$H" -o -4 addr show dev "$BR" | wc -l)" 1 "still one address"
	assert_eq "$(inh nft list tables | grep -c "lxc-net-$BR")" 1 "still one table"
	assert_eq "$(lxcnet status >/dev/null; echo $?)" 0 "status: up"

	assert_ok lxcnet stop
	assert_all_gone "$pid"
	assert_ok lxcnet stop
	assert_eq "$(lxcnet status >/dev/null; echo $?)" 3 "status: down"

	# restart from down, and restart from up, give one working instance.
	assert_ok lxcnet restart
	pid=$(dnsmasq_pid)
	assert_ok lxcnet restart
	assert_ne "$(dnsmasq_pid)" "$pid" "restart replaced dnsmasq"
	[ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dnsmasq ] && t_fail "old dnsmasq $pid survived restart"
	pid=$(dnsmasq_pid)
	assert_ok lxcnet stop
	assert_all_gone "$pid"
}

test_a_bridge_it_did_not_make_stays() {
	need
	setup || return
	ip -n "$H" link add "$BR" type bridge
	ip -n "$H" addr add 10.200.0.1/24 dev "$BR"
	assert_ok lxcnet start
	assert_ok lxcnet stop
	ip -n "$H" link show "$BR" >/dev/null 2>&1 || t_fail "stop removed a bridge start had not made"
	assert_contains "$(ip -n "$H" -o addr show dev "$BR")" "10.200.0.1/24" "its own address stays"
	assert_not_contains "$(ip -n "$H" -o addr show dev "$BR")" "10.123.0.1" "lxc-net's address is gone"
}

test_dhcp_dns_and_nat() {
	need
	[ -n "$BUSYBOX" ] || t_skip "busybox (udhcpc, nslookup, ping) is not installed"
	setup || return
	local c o ip pid out
	c=$(nm lnc)
	o=$(nm lno)
	assert_ok lxcnet start
	pid=$(dnsmasq_pid)
	client "$c" 1 || return
	cat >"$T_TMP/udhcpc.sh" <<-EOF
		#!/bin/sh
		[ "\$1" = bound ] || exit 0
		echo "ip=\$ip router=\$router dns=\$dns domain=\$domain" >$T_TMP/lease
		$BUSYBOX ip addr add \$ip/\${mask:-24} dev \$interface
		$BUSYBOX ip route add default via \$router
	EOF
	chmod +x "$T_TMP/udhcpc.sh"
	assert_ok ip netns exec "$c" "$BUSYBOX" udhcpc -i eth0 -x hostname:web1 -s "$T_TMP/udhcpc.sh" -q -n -t 10 -T 1 -A 1
	out=$(cat "$T_TMP/lease" 2>/dev/null)
	assert_match "$out" "^ip=10\.123\.0\.(5[0-9]|60) router=10\.123\.0\.1 dns=10\.123\.0\.1 domain=lxc" "lease in range with router, DNS and domain"
	ip=$(sed -n 's/^ip=\([^ ]*\).*/\1/p' "$T_TMP/lease")
	assert_contains "$(cat "$STATE/dnsmasq.$BR.leases")" "$ip web1" "the lease file names the client"

	# Name resolution through dnsmasq: web1.lxc is the lease's address.
	out=$(ip netns exec "$c" "$BUSYBOX" nslookup web1.lxc 10.123.0.1 2>&1)
	assert_contains "$out" "Address: $ip" "web1.lxc resolves to the lease"

	# NAT: the "outside" namespace has no route back to 10.123.0.0/24, so a
	# reply can only come if the host masqueraded the client's address.
	ip netns add "$o" || return
	on_cleanup "ip netns del $o"
	ip -n "$H" link add "$(nm up)" type veth peer name out0 netns "$o"
	ip -n "$H" addr add 192.0.2.1/24 dev "$(nm up)"
	ip -n "$H" link set "$(nm up)" up
	ip -n "$o" addr add 192.0.2.2/24 dev out0
	ip -n "$o" link set out0 up
	ip netns exec "$c" "$BUSYBOX" ping -c 1 -W 2 192.0.2.2 >/dev/null 2>&1 || t_fail "client cannot reach the outside through NAT"
	assert_match "$(inh nft list table inet "lxc-net-$BR")" "counter packets [1-9]" "the masquerade rule counted the traffic"

	ip -n "$H" link del "$(nm v1)"
	assert_ok lxcnet stop
	assert_all_gone "$pid"
}

test_iptables_when_nft_is_off() {
	need
	command -v iptables >/dev/null 2>&1 || t_skip "iptables is not installed (nftables is used)"
	setup 'LXC_USE_NFT="false"' || return
	local pid
	assert_ok lxcnet start
	pid=$(dnsmasq_pid)
	assert_contains "$(inh iptables-save -t nat)" "lxc-net:$BR" "MASQUERADE rule tagged with the bridge"
	assert_ok lxcnet stop
	assert_all_gone "$pid"
}

test_use_lxc_bridge_false_does_nothing() {
	need
	setup 'USE_LXC_BRIDGE="false"' || return
	assert_ok lxcnet start
	ip -n "$H" link show "$BR" >/dev/null 2>&1 && t_fail "a bridge was made with USE_LXC_BRIDGE=false"
	assert_ok lxcnet stop
}

test_bad_settings_fail_cleanly() {
	need
	setup 'LXC_NETMASK="255.0.255.0"' || return
	assert_status 1 lxcnet start
	assert_contains "$ERR" "LXC_NETMASK=255.0.255.0"
	assert_all_gone ""
	assert_status 6 ip netns exec "$H" env LXC_NET_CONFIG="$T_TMP/missing" "$LXCNET" start
	assert_contains "$ERR" "cannot read the settings file"
}

test_systemd_unit_calls_the_script() {
	need
	local unit
	unit=$(ls "$BERTH_PREFIX"/lib/systemd/system/lxc-net.service 2>/dev/null)
	[ -n "$unit" ] || t_skip "lxc-net.service is not installed under $BERTH_PREFIX"
	assert_contains "$(cat "$unit")" "ExecStart=$LXCNET start"
	assert_contains "$(cat "$unit")" "ExecStop=$LXCNET stop"
}

run_tests "$@"
