# network-module.sh - the network module driven standalone (tests/system/net-driver): veth, macvlan, phys, empty, router mode, vlan/ipvlan, failure undo, teardown
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every test makes its own bridge/links with names derived from $T_ID, runs
# "containers" as children of net-driver in new network namespaces, checks with
# ip/nsenter, and waits (bounded, event-driven in the driver) until the kernel
# has removed the veths with the namespaces. Traffic stays inside namespaces
# made here and the test bridge.
. "$(dirname "$0")/lib.sh"

DRIVER=${BERTH_BUILDDIR:+$BERTH_BUILDDIR/tests/system/net-driver}
BUSYBOX=$(command -v busybox || true)

need() {
	[ "$(id -u)" = 0 ] || t_skip "needs root (network namespaces, links)"
	[ -x "$DRIVER" ] || t_skip "net-driver not built: run make in the build dir (tests/run passes BERTH_BUILDDIR)"
	command -v ip >/dev/null || t_skip "ip (iproute2) is not installed"
	command -v nsenter >/dev/null || t_skip "nsenter is not installed"
}

# mkbridge NAME [ADDR/PREFIX]: a bridge of this test, removed at the end.
mkbridge() {
	ip link add "$1" type bridge || return 1
	on_cleanup "ip link del $1"
	[ -z "${2:-}" ] || ip addr add "$2" dev "$1"
	ip link set "$1" up
}

# start_driver TAG CONF [driver options]: a "container" configured from CONF;
# returns once it reports ready (or failed). Its output is in $T_TMP/TAG.out.
start_driver() {
	local tag=$1 conf=$2 i dp
	shift 2
	# DRV_WRAP (word-split on purpose): e.g. "ip netns exec NS" to run the driver elsewhere.
	${DRV_WRAP:-} "$DRIVER" -n "$tag" -s "$T_TMP/$tag.status" -w 8000 "$@" "$conf" >"$T_TMP/$tag.out" 2>&1 &
	dp=$!
	echo "$dp" >"$T_TMP/$tag.dpid"
	on_cleanup "kill $dp 2>/dev/null; wait $dp"
	for i in $(seq 200); do
		grep -q '^ready' "$T_TMP/$tag.status" 2>/dev/null && return 0
		kill -0 "$dp" 2>/dev/null || break
		sleep 0.05
	done
	wait "$dp" 2>/dev/null
	t_fail "driver $tag did not get ready: $(cat "$T_TMP/$tag.out")"
	return 1
}

# stop_driver TAG: SIGTERM, as a container's init ending; the driver stops the
# host side and waits for the veths to vanish. Its report: report TAG.
# (Not in $(...): wait works only in the shell that started the driver.)
stop_driver() {
	local dp
	dp=$(cat "$T_TMP/$1.dpid")
	kill "$dp" 2>/dev/null
	wait "$dp"
}
report() { cat "$T_TMP/$1.out"; }

cpid() { sed -n 's/^pid=//p' "$T_TMP/$1.status"; }
hostname_of() { awk -v i="$2" '$1 == "dev" && $2 == i { sub("host=", "", $5); print $5 }' "$T_TMP/$1.status"; }
in_ct() {
	local tag=$1
	shift
	nsenter -t "$(cpid "$tag")" -n "$@"
}
ping_from() { in_ct "$1" "$BUSYBOX" ping -c 1 -W 2 "$2" >/dev/null 2>&1; }

kernel_has() { # link kind: try it in a throw-away namespace
	local ns
	ns=$(nm kh)
	ip netns add "$ns" || return 1
	ip -n "$ns" link add kh0 type veth peer name kh1 >/dev/null 2>&1
	case "$1" in
	vlan) ip -n "$ns" link add link kh0 name kh2 type vlan id 5 >/dev/null 2>&1 ;;
	ipvlan) ip -n "$ns" link add link kh0 name kh2 type ipvlan mode l2 >/dev/null 2>&1 ;;
	*) ip -n "$ns" link add kh2 type "$1" >/dev/null 2>&1 ;;
	esac
	local rc=$?
	ip netns del "$ns"
	return $rc
}

test_veth_peer_born_inside_on_bridge() {
	need
	local br pair out
	br=$(nm btb)
	pair=$(nm vp)
	mkbridge "$br" 10.91.0.1/24
	cat >"$T_TMP/c.conf" <<-EOF
		lxc.net.0.type = veth
		lxc.net.0.link = $br
		lxc.net.0.flags = up
		lxc.net.0.name = eth0
		lxc.net.0.hwaddr = 00:16:3e:5a:xx:xx
		lxc.net.0.mtu = 1400
		lxc.net.0.veth.pair = $pair
		lxc.net.0.ipv4.address = 10.91.0.5/24
		lxc.net.0.ipv4.address = 10.92.0.5/16
		lxc.net.0.ipv4.gateway = auto
		lxc.net.0.ipv6.address = fd91::5/64
		lxc.net.0.veth.ipv4.route = 10.93.0.0/24
	EOF
	start_driver c "$T_TMP/c.conf" || return
	out=$(in_ct c ip -o link show eth0)
	assert_contains "$out" "mtu 1400" "container eth0 mtu"
	assert_match "$out" "link/ether 00:16:3e:5a:[0-9a-f]{2}:[0-9a-f]{2}" "container eth0 MAC from the template"
	assert_match "$out" "<[^>]*UP" "container eth0 up"
	out=$(in_ct c ip -o addr show dev eth0)
	assert_contains "$out" "inet 10.91.0.5/24 brd 10.91.0.255" "first address"
	assert_contains "$out" "inet 10.92.0.5/16" "second address"
	assert_contains "$out" "inet6 fd91::5/64" "IPv6 address"
	assert_contains "$(in_ct c ip route show default)" "default via 10.91.0.1 dev eth0" "gateway = auto is the bridge's address"
	assert_contains "$(in_ct c ip -o link show lo)" "UP" "lo up"
	assert_eq "$(in_ct c ip -o link | wc -l)" 2 "only lo and eth0 inside"
	# The host end: our name, on the bridge, up, same MTU, a fe: MAC.
	out=$(ip -o link show "$pair")
	assert_contains "$out" "master $br" "host end on the bridge"
	assert_contains "$out" "mtu 1400" "host end mtu"
	assert_match "$out" "state UP|LOWER_UP" "host end up"
	assert_contains "$out" "link/ether fe:" "host end MAC starts with fe"
	assert_contains "$(ip route show 10.93.0.0/24)" "dev $pair" "veth.ipv4.route on the host"
	# get_ips / get_interfaces and the counters, read through the netns.
	assert_contains "$(cat "$T_TMP/c.status")" "ip 10.91.0.5" "net_list_ips"
	assert_contains "$(cat "$T_TMP/c.status")" "ip6 fd91::5" "net_list_ips inet6"
	assert_contains "$(cat "$T_TMP/c.status")" "if eth0" "net_list_interfaces"
	assert_contains "$(cat "$T_TMP/c.status")" "stats $pair rx_packets=" "link counters"
	ping_from c 10.91.0.1 || t_fail "container cannot ping the bridge address"
	stop_driver c
	assert_match "$(report c)" "gone $pair after [0-9]+ ms" "veth removed with the namespace"
	ip link show "$pair" >/dev/null 2>&1 && t_fail "host end $pair still exists after stop"
	ip route show 10.93.0.0/24 | grep -q . && t_fail "veth route left behind"
}

test_two_containers_ping_each_other() {
	need
	[ -n "$BUSYBOX" ] || t_skip "busybox (ping) is not installed"
	local br
	br=$(nm btb)
	mkbridge "$br" 10.94.0.1/24
	for n in 1 2; do
		printf 'lxc.net.0.type = veth\nlxc.net.0.link = %s\nlxc.net.0.flags = up\nlxc.net.0.ipv4.address = 10.94.0.1%s/24\n' \
			"$br" "$n" >"$T_TMP/c$n.conf"
		start_driver "c$n" "$T_TMP/c$n.conf" || return
	done
	ping_from c1 10.94.0.12 || t_fail "c1 cannot ping c2"
	ping_from c2 10.94.0.11 || t_fail "c2 cannot ping c1"
	ping_from c1 10.94.0.1 || t_fail "c1 cannot ping the host end (bridge)"
	assert_eq "$(ip -o link show master "$br" | wc -l)" 2 "two ports on the bridge"
	stop_driver c1
	stop_driver c2
	assert_match "$(report c1)" "gone veth" "c1's veth gone"
	assert_match "$(report c2)" "gone veth" "c2's veth gone"
	assert_eq "$(ip -o link show master "$br" | wc -l)" 0 "no port left on the bridge"
}

test_macvlan_on_a_veth_end() {
	need
	[ -n "$BUSYBOX" ] || t_skip "busybox (ping) is not installed"
	local a b ns out
	a=$(nm mv a)
	b=$(nm mv b)
	ns=$(nm mvn)
	ip link add "$a" type veth peer name "$b" || return
	on_cleanup "ip link del $a"
	ip netns add "$ns"
	on_cleanup "ip netns del $ns"
	ip link set "$b" netns "$ns"
	ip -n "$ns" addr add 10.95.0.1/24 dev "$b"
	ip -n "$ns" link set "$b" up
	ip link set "$a" up
	cat >"$T_TMP/c.conf" <<-EOF
		lxc.net.0.type = macvlan
		lxc.net.0.link = $a
		lxc.net.0.macvlan.mode = bridge
		lxc.net.0.flags = up
		lxc.net.0.mtu = 1300
		lxc.net.0.ipv4.address = 10.95.0.7/24
	EOF
	start_driver c "$T_TMP/c.conf" || return
	out=$(in_ct c ip -d -o link show eth0)
	assert_contains "$out" "macvlan mode bridge" "eth0 is a bridge-mode macvlan"
	assert_contains "$out" "mtu 1300" "macvlan mtu"
	assert_contains "$(in_ct c ip -o addr show dev eth0)" "10.95.0.7/24" "macvlan address"
	ping_from c 10.95.0.1 || t_fail "macvlan cannot reach the other end of the veth"
	stop_driver c
}

test_phys_moves_in_and_back() {
	need
	local a b orig_mac out
	a=$(nm ph a)
	b=$(nm ph b)
	ip link add "$a" mtu 1500 type veth peer name "$b" || return
	on_cleanup "ip link del $a; ip link del $b"
	orig_mac=$(cat "/sys/class/net/$a/address")
	cat >"$T_TMP/c.conf" <<-EOF
		lxc.net.0.type = phys
		lxc.net.0.link = $a
		lxc.net.0.name = eth1
		lxc.net.0.flags = up
		lxc.net.0.mtu = 1280
		lxc.net.0.hwaddr = 02:00:00:aa:bb:01
		lxc.net.0.ipv4.address = 10.96.0.2/24
	EOF
	start_driver c "$T_TMP/c.conf" || return
	ip link show "$a" >/dev/null 2>&1 && t_fail "$a still on the host while the container has it"
	out=$(in_ct c ip -o link show eth1)
	assert_contains "$out" "mtu 1280" "phys mtu inside"
	assert_contains "$out" "link/ether 02:00:00:aa:bb:01" "phys MAC inside"
	assert_contains "$(in_ct c ip -o addr show dev eth1)" "10.96.0.2/24" "phys address"
	stop_driver c
	out=$(ip -o link show "$a" 2>&1)
	assert_contains "$out" "mtu 1500" "phys back on the host with its MTU"
	assert_contains "$out" "link/ether $orig_mac" "phys back with its MAC"
}

test_empty_has_only_lo() {
	need
	printf 'lxc.net.0.type = empty\nlxc.net.0.flags = up\n' >"$T_TMP/c.conf"
	start_driver c "$T_TMP/c.conf" || return
	assert_eq "$(in_ct c ip -o link | awk -F': ' '{print $2}')" "lo" "only lo"
	assert_contains "$(in_ct c ip -o link show lo)" "UP" "lo up with flags = up"
	stop_driver c
	printf 'lxc.net.0.type = empty\n' >"$T_TMP/d.conf"
	start_driver d "$T_TMP/d.conf" || return
	assert_not_contains "$(in_ct d ip -o link show lo)" ",UP" "lo stays down without flags = up (as LXC)"
	stop_driver d
}

# Router mode changes sysctls of the host side: it runs in a "host" netns of its own.
test_router_mode() {
	need
	[ -n "$BUSYBOX" ] || t_skip "busybox (ping) is not installed"
	local hns out veth
	hns=$(nm rth)
	ip netns add "$hns" || return
	on_cleanup "ip netns del $hns"
	ip -n "$hns" link set lo up
	ip -n "$hns" addr add 10.97.0.1/32 dev lo
	# Proxy ARP answers only for addresses the host can route; a host has a default route.
	ip -n "$hns" route add default dev lo
	ip netns exec "$hns" sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
	cat >"$T_TMP/c.conf" <<-EOF
		lxc.net.0.type = veth
		lxc.net.0.veth.mode = router
		lxc.net.0.flags = up
		lxc.net.0.ipv4.address = 192.0.2.10/32
		lxc.net.0.ipv4.gateway = 169.254.0.1
	EOF
	DRV_WRAP="ip netns exec $hns" start_driver c "$T_TMP/c.conf" || return
	veth=$(hostname_of c 0)
	assert_contains "$(ip -n "$hns" route show 192.0.2.10)" "dev $veth" "host route to the container address"
	assert_contains "$(ip -n "$hns" neigh show proxy dev "$veth")" "169.254.0.1" "proxy ARP for the gateway"
	assert_eq "$(ip netns exec "$hns" cat "/proc/sys/net/ipv4/conf/$veth/forwarding")" 1 "forwarding on the host end"
	out=$(in_ct c ip route)
	assert_contains "$out" "default via 169.254.0.1 dev eth0" "default route via the gateway"
	assert_contains "$out" "169.254.0.1 dev eth0" "device route to the gateway"
	ping_from c 10.97.0.1 || t_fail "container cannot reach the host through the router"
	stop_driver c
	assert_match "$(report c)" "gone $veth" "veth gone"
}

test_failure_part_way_leaves_no_device() {
	need
	local br pair out
	br=$(nm btb)
	pair=$(nm fp)
	mkbridge "$br"
	cat >"$T_TMP/c.conf" <<-EOF
		lxc.net.0.type = veth
		lxc.net.0.link = $br
		lxc.net.0.veth.pair = $pair
		lxc.net.1.type = phys
		lxc.net.1.link = $(nm nx)
	EOF
	assert_status 1 "$DRIVER" -n c "$T_TMP/c.conf"
	assert_contains "$ERR" "lxc.net.1.link: host device '$(nm nx)' does not exist" "the error names the key"
	ip link show "$pair" >/dev/null 2>&1 && t_fail "veth $pair left behind by a failed start"
	assert_eq "$(ip -o link show master "$br" | wc -l)" 0 "no port left on the bridge"
	# A failure after the host side (the inside step): undo removes it all.
	sed -i '/lxc.net.1/d' "$T_TMP/c.conf"
	assert_ok "$DRIVER" -n c --fail-inside "$T_TMP/c.conf"
	assert_eq "$OUT" "undone"
	ip link show "$pair" >/dev/null 2>&1 && t_fail "veth $pair left behind by undo"
	# A missing bridge is an error naming the key, before anything is made.
	sed -i "s/link = $br/link = $(nm nob)/" "$T_TMP/c.conf"
	assert_status 1 "$DRIVER" -n c "$T_TMP/c.conf"
	assert_contains "$ERR" "lxc.net.0.link: bridge '$(nm nob)' does not exist"
	ip link show "$pair" >/dev/null 2>&1 && t_fail "veth $pair made although the bridge is missing"
}

test_config_errors_name_the_key() {
	need
	printf 'lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.0.999/24\n' >"$T_TMP/c.conf"
	assert_status 2 "$DRIVER" -n c "$T_TMP/c.conf"
	assert_contains "$ERR" "$T_TMP/c.conf:2: lxc.net.0.ipv4.address: '10.0.0.999/24' is not an IPv4 address"
}

# A fixed veth.pair is reused at once by the next start (a reboot): the old
# pair may still be going away with the old namespace; the start waits for it.
test_fixed_pair_reused_right_away() {
	need
	local br pair dp
	br=$(nm btb)
	pair=$(nm rp)
	mkbridge "$br"
	printf 'lxc.net.0.type = veth\nlxc.net.0.link = %s\nlxc.net.0.veth.pair = %s\n' "$br" "$pair" >"$T_TMP/c.conf"
	for run in 1 2 3; do
		"$DRIVER" -n c -s "$T_TMP/r$run.status" "$T_TMP/c.conf" >"$T_TMP/r$run.out" 2>&1 &
		dp=$!
		for i in $(seq 200); do
			grep -q '^ready' "$T_TMP/r$run.status" 2>/dev/null && break
			kill -0 $dp 2>/dev/null || break
			sleep 0.05
		done
		grep -q '^ready' "$T_TMP/r$run.status" 2>/dev/null || t_fail "run $run did not start: $(cat "$T_TMP/r$run.out")"
		kill $dp
		wait $dp
	done
	assert_ok "$DRIVER" --wait-gone "$pair" 8000
	assert_match "$OUT" "gone $pair"
}

test_scripts_up_and_down() {
	need
	local br host
	br=$(nm btb)
	mkbridge "$br"
	cat >"$T_TMP/s.sh" <<-EOF
		#!/bin/sh
		echo "\$* | \$LXC_HOOK_TYPE \$LXC_NET_TYPE \$LXC_NET_PARENT \$LXC_NET_PEER" >> $T_TMP/script.out
	EOF
	chmod +x "$T_TMP/s.sh"
	for v in 0 1; do
		cat >"$T_TMP/c$v.conf" <<-EOF
			lxc.hook.version = $v
			lxc.net.0.type = veth
			lxc.net.0.link = $br
			lxc.net.0.script.up = $T_TMP/s.sh
			lxc.net.0.script.down = $T_TMP/s.sh
		EOF
		start_driver "c$v" "$T_TMP/c$v.conf" || return
		host=$(hostname_of "c$v" 0)
		stop_driver "c$v"
		if [ "$v" = 0 ]; then
			assert_contains "$(cat "$T_TMP/script.out")" "c0 net up veth $br $host |" "version 0 up arguments"
			assert_contains "$(cat "$T_TMP/script.out")" "c0 net down veth $br $host |" "version 0 down arguments"
		else
			assert_contains "$(cat "$T_TMP/script.out")" "veth $br $host | up veth $br $host" "version 1 up environment"
			assert_contains "$(cat "$T_TMP/script.out")" "veth $br $host | down veth $br $host" "version 1 down environment"
		fi
	done
	# A failing up script fails the start and leaves nothing.
	printf 'lxc.net.0.type = veth\nlxc.net.0.link = %s\nlxc.net.0.veth.pair = %s\nlxc.net.0.script.up = /bin/false\n' \
		"$br" "$(nm sp)" >"$T_TMP/f.conf"
	assert_status 1 "$DRIVER" -n f "$T_TMP/f.conf"
	assert_contains "$ERR" "lxc.net.0.script.up '/bin/false' exited with status 1"
	ip link show "$(nm sp)" >/dev/null 2>&1 && t_fail "veth left behind after the failed up script"
}

# l2proxy: proxy ARP entries for the container's addresses on the link, gone at stop.
test_l2proxy_entries_on_the_link() {
	need
	local hns veth
	hns=$(nm l2h)
	ip netns add "$hns" || return
	on_cleanup "ip netns del $hns"
	ip -n "$hns" link add up0 type veth peer name up1
	ip -n "$hns" link set up0 up
	cat >"$T_TMP/c.conf" <<-EOF
		lxc.net.0.type = veth
		lxc.net.0.veth.mode = router
		lxc.net.0.link = up0
		lxc.net.0.l2proxy = 1
		lxc.net.0.flags = up
		lxc.net.0.ipv4.address = 198.51.100.7/32
	EOF
	# LXC's check: l2proxy needs forwarding on the link.
	assert_status 1 ip netns exec "$hns" "$DRIVER" -n c "$T_TMP/c.conf"
	assert_contains "$ERR" "lxc.net.0.l2proxy needs sysctl net.ipv4.conf.up0.forwarding=1"
	ip netns exec "$hns" sh -c 'echo 1 > /proc/sys/net/ipv4/conf/up0/forwarding'
	DRV_WRAP="ip netns exec $hns" start_driver c "$T_TMP/c.conf" || return
	assert_contains "$(ip -n "$hns" neigh show proxy dev up0)" "198.51.100.7" "proxy entry on the link"
	stop_driver c
	assert_eq "$(ip -n "$hns" neigh show proxy dev up0)" "" "proxy entry removed at stop"
}

# Bridge VLANs of the host end need a VLAN-filtering bridge.
test_veth_vlan_on_the_bridge() {
	need
	local br pair
	br=$(nm btb)
	pair=$(nm vv)
	mkbridge "$br"
	printf 'lxc.net.0.type = veth\nlxc.net.0.link = %s\nlxc.net.0.veth.pair = %s\nlxc.net.0.veth.vlan.id = 10\nlxc.net.0.veth.vlan.tagged.id = 20\n' \
		"$br" "$pair" >"$T_TMP/c.conf"
	if [ "$(cat "/sys/class/net/$br/bridge/vlan_filtering" 2>/dev/null)" != 1 ]; then
		# Without filtering on the bridge the start fails, naming the key, and leaves nothing.
		assert_status 1 "$DRIVER" -n c "$T_TMP/c.conf"
		assert_contains "$ERR" "lxc.net.0.veth.vlan.id needs VLAN filtering on bridge '$br'"
		ip link show "$pair" >/dev/null 2>&1 && t_fail "veth $pair left behind"
		[ "$_t_failed" = 0 ] || return
		ip link set "$br" type bridge vlan_filtering 1 2>/dev/null ||
			t_skip "this kernel has no bridge VLAN filtering (the error path was checked)"
	fi
	start_driver c "$T_TMP/c.conf" || return
	assert_match "$(bridge vlan show dev "$pair")" "10 PVID Egress Untagged" "untagged VLAN 10 as PVID"
	assert_match "$(bridge vlan show dev "$pair")" "20" "tagged VLAN 20"
	stop_driver c
}

test_vlan() {
	need
	kernel_has vlan || t_skip "this kernel has no vlan (802.1Q) link type"
	local a b
	a=$(nm vl a)
	b=$(nm vl b)
	ip link add "$a" type veth peer name "$b" || return
	on_cleanup "ip link del $a"
	printf 'lxc.net.0.type = vlan\nlxc.net.0.link = %s\nlxc.net.0.vlan.id = 42\nlxc.net.0.flags = up\n' "$a" >"$T_TMP/c.conf"
	start_driver c "$T_TMP/c.conf" || return
	assert_contains "$(in_ct c ip -d -o link show eth0)" "vlan protocol 802.1Q id 42" "vlan 42 inside"
	stop_driver c
}

test_ipvlan() {
	need
	kernel_has ipvlan || t_skip "this kernel has no ipvlan link type"
	local a b
	a=$(nm iv a)
	b=$(nm iv b)
	ip link add "$a" type veth peer name "$b" || return
	on_cleanup "ip link del $a"
	printf 'lxc.net.0.type = ipvlan\nlxc.net.0.link = %s\nlxc.net.0.ipvlan.mode = l2\nlxc.net.0.flags = up\n' "$a" >"$T_TMP/c.conf"
	start_driver c "$T_TMP/c.conf" || return
	assert_contains "$(in_ct c ip -d -o link show eth0)" "ipvlan  mode l2" "ipvlan l2 inside"
	stop_driver c
}

run_tests "$@"
