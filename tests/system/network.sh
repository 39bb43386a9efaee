# network.sh - container networking end to end: real busybox containers on a test bridge, static addresses and DHCP/DNS/NAT from a test lxc-net, lxc-info -i, no veth left after stop
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every test plays the host inside a network namespace $H it makes: the
# bridge, lxc-net's dnsmasq and firewall, and the containers' monitors (run
# there with nsenter --net, so the host ends of the veths are made in $H)
# all live in it (so lxc-info/lxc-stop run there too, see host_ns in net.lib). Nothing touches the machine's own network; deleting $H at
# cleanup removes whatever a failed test left of bridges and veths.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"
. "$(dirname "$0")/net.lib"

LXC_CREATE=$(tool lxc-create)

need_net() {
	need_runtime
	command -v ip >/dev/null || t_skip "needs ip (iproute2)"
	command -v nsenter >/dev/null || t_skip "needs nsenter (util-linux)"
}

# start_in_h SUFFIX: lxc-start with its monitor in $H.
start_in_h() {
	assert_ok inh "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-$1"
	[ -z "$ERR" ] || echo "  lxc-start said: $ERR"
}
ips_of() { "$LXC_INFO" -P "$T_LXCPATH" -n "$T_ID-$1" -iH 2>&1; }
ping_from() { inside "$1" /bin/busybox ping -c 1 -W 2 "$2" >/dev/null 2>&1; }

test_static_addresses_ping() {
	need_net
	host_ns nt lxc-device || return
	ip -n "$H" link add "$BR" type bridge || t_skip "cannot create a bridge here"
	ip -n "$H" addr add 10.124.0.1/24 dev "$BR"
	ip -n "$H" link set "$BR" up
	local n
	for n in 1 2; do
		mk_container "c$n" "lxc.net.0.type = veth
lxc.net.0.link = $BR
lxc.net.0.flags = up
lxc.net.0.name = eth0
lxc.net.0.hwaddr = 00:16:3e:xx:xx:xx
lxc.net.0.ipv4.address = 10.124.0.1$n/24
lxc.net.0.ipv4.gateway = 10.124.0.1"
		start_in_h "c$n"
	done
	assert_eq "$(ips_of c1)" "10.124.0.11" "lxc-info -iH of c1 shows its address (from its netns)"
	assert_match "$("$LXC_INFO" -P "$T_LXCPATH" -n "$T_ID-c2" -i)" '^IP: +10\.124\.0\.12$' "lxc-info -i of c2"
	assert_match "$(inside c1 /bin/busybox ip -o link show eth0)" 'link/ether 00:16:3e:' "hwaddr pattern filled in"
	ping_from c1 10.124.0.12 || t_fail "c1 cannot ping c2"
	ping_from c2 10.124.0.11 || t_fail "c2 cannot ping c1"
	ping_from c1 10.124.0.1 || t_fail "c1 cannot ping the host end of the bridge"
	inh "$BUSYBOX" ping -c 1 -W 2 10.124.0.12 >"$T_TMP/ping" 2>&1 || t_fail "the host cannot ping c2: $(tail -n 2 "$T_TMP/ping")"
	assert_eq "$(ip -n "$H" -br link show master "$BR" | wc -l)" 2 "two veths on the bridge"
	stop_k c1
	stop_k c2
	wait_veths_gone
	assert_eq "$(ips_of c1 | grep -c 10.124)" 0 "no address reported for a stopped container"
}

test_missing_bridge_one_clear_line() {
	need_net
	host_ns nt lxc-device || return
	mk_container c "lxc.net.0.type = veth
lxc.net.0.link = $BR
lxc.net.0.flags = up"
	local out
	out=$(inh "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" -F -- /bin/true 2>&1 </dev/null) && t_fail "started without its bridge"
	assert_eq "$(printf '%s\n' "$out" | grep -c .)" 1 "one line (foreground): $out"
	assert_match "$out" "config:[0-9]+: lxc.net.0.link: bridge '$BR' does not exist: start it with .*lxc-net start" "what failed, where, what to do"
	out=$(inh "$LXC_START" -P "$T_LXCPATH" -n "$T_ID-c" 2>&1 </dev/null) && t_fail "started (daemonized) without its bridge"
	assert_eq "$(printf '%s\n' "$out" | grep -c .)" 1 "one line (daemonized): $out"
	assert_eq "$(ip -n "$H" -o link | grep -c veth)" 0 "no veth left by the failed starts"
	assert_eq "$(state_of c)" STOPPED "stopped after the failed starts"
}

test_lxc_device_add_del() {
	need_net
	host_ns nt lxc-device || return
	local x y dev
	x=$(nm ntx)
	y=$(nm nty)
	ip -n "$H" link add "$x" type veth peer name "$y" || return
	mk_container c
	dev=$T_TMP/lxc-device
	assert_status 1 "$dev" -P "$T_LXCPATH" -n "$T_ID-c" add "$x"
	assert_contains "$ERR" "is not running" "add to a stopped container"
	start_in_h c
	assert_ok "$dev" -P "$T_LXCPATH" -n "$T_ID-c" add "$x" eth5
	assert_match "$(inside c /bin/busybox ip -o link show eth5)" "eth5@" "lxc-device add: eth5 inside"
	assert_status 1 "$dev" -P "$T_LXCPATH" -n "$T_ID-c" add nosuchdev9
	assert_eq "$(printf '%s\n' "$ERR" | grep -c .)" 1 "one line: $ERR"
	assert_contains "$ERR" "no network device 'nosuchdev9' on the host"
	assert_ok "$dev" -P "$T_LXCPATH" -n "$T_ID-c" del eth5 "$x"
	assert_match "$(ip -n "$H" -o link show "$x")" "state DOWN" "lxc-device del: back on the host under the given name, down"
	assert_status 1 "$dev" -P "$T_LXCPATH" -n "$T_ID-c" frob "$x"
	stop_k c
}

test_attach_detach_interface() {
	need_net
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import lxc' 2>/dev/null || t_skip "no python3-lxc (apt-get install python3-lxc)"
	host_ns nt lxc-device || return
	local x y
	x=$(nm ntx)
	y=$(nm nty)
	ip -n "$H" link add "$x" type veth peer name "$y" || return
	ip -n "$H" link set "$x" up
	mk_container c
	start_in_h c
	cat >"$T_TMP/move.py" <<-'EOF'
		import sys, lxc
		c = lxc.Container(sys.argv[2], sys.argv[1])
		op, dev, dst = sys.argv[3:6]
		# python3-lxc's detach_interface takes no new name (NULL: the device keeps its name)
		print(c.attach_interface(dev, dst) if op == "attach" else c.detach_interface(dev))
	EOF
	move() { inh env LD_LIBRARY_PATH="$BERTH_PREFIX/lib" /usr/bin/python3 "$T_TMP/move.py" "$T_LXCPATH" "$T_ID-c" "$@" 2>&1; }
	assert_eq "$(move attach "$x" eth7)" True "attach_interface"
	assert_match "$(inside c /bin/busybox ip -o link show eth7)" "eth7@" "the device is in the container as eth7"
	ip -n "$H" link show "$x" >/dev/null 2>&1 && t_fail "$x is still on the host"
	assert_contains "$(move attach nosuchdev9 eth8)" "False" "attach of a missing device fails"
	assert_eq "$(move detach eth7 -)" True "detach_interface"
	assert_match "$(ip -n "$H" -o link show eth7)" "eth7@.*state DOWN" "back on the host (named as inside), down"
	inside c /bin/busybox ip link show eth7 >/dev/null 2>&1 && t_fail "eth7 is still in the container"
	stop_k c
}

# bb_container SUFFIX: a container from the busybox template (udhcpc on eth0) on $BR.
bb_container() {
	local name="$T_ID-$1"
	[ -x "$BERTH_PREFIX/share/lxc/templates/lxc-busybox" ] || t_skip "the busybox template is not installed"
	bridge_net_conf
	on_cleanup "'$LXC_STOP' -P '$T_LXCPATH' -n '$name' -k >/dev/null 2>&1"
	"$LXC_CREATE" -P "$T_LXCPATH" -n "$name" -t busybox -f "$T_TMP/net.conf" >/dev/null 2>"$T_TMP/create.err" ||
		{ t_fail "lxc-create -t busybox $name: $(cat "$T_TMP/create.err")"; return 1; }
}

# wait_lease SUFFIX SECONDS: prints the container's DHCP address once lxc-info -iH shows one.
wait_lease() {
	local i ip
	for i in $(seq $(($2 * 10))); do
		ip=$(ips_of "$1" | grep -E '^10\.125\.0\.' | head -n 1)
		[ -n "$ip" ] && { echo "$ip"; return 0; }
		sleep 0.1
	done
	return 1
}

test_dhcp_dns_lxc_net() {
	need_net
	host_ns nt lxc-device || return
	lxcnet_up 10.125.0 || return
	local n ip1 ip2 t0 t1 out
	for n in 1 2; do
		bb_container "d$n" || return
		start_in_h "d$n"
	done
	t0=$(date +%s)
	ip1=$(wait_lease d1 15) || t_fail "d1 got no lease within 15 s of RUNNING"
	ip2=$(wait_lease d2 15) || t_fail "d2 got no lease within 15 s of RUNNING"
	t1=$(date +%s)
	echo "  leases after $((t1 - t0)) s: $ip1 $ip2"
	[ -n "$ip1" ] && [ -n "$ip2" ] || return
	assert_ne "$ip1" "$ip2" "distinct leases"
	assert_contains "$(cat "$STATE/dnsmasq.$BR.leases")" "$ip2 $T_ID-d2" "the lease file names d2 by its hostname"
	ping_from d1 "$ip2" || t_fail "d1 cannot ping d2 ($ip2)"
	ping_from d1 10.125.0.1 || t_fail "d1 cannot ping the host end (10.125.0.1)"
	# d1 resolves d2 by name through the resolv.conf udhcpc wrote.
	out=$(inside d1 nslookup "$T_ID-d2.lxc" 2>&1)
	assert_contains "$out" "Address: $ip2" "d1 resolves $T_ID-d2.lxc"
	out=$(inside d1 cat /etc/resolv.conf)
	assert_contains "$out" "nameserver 10.125.0.1" "udhcpc wrote the DNS server into resolv.conf"
	# NAT: the "outside" netns has no route back to 10.125.0.0/24, so d1 gets
	# a reply only if the host ($H) masqueraded it (default route from the lease).
	local o up
	o=$(nm nto)
	up=$(nm ntu)
	ip netns add "$o" || return
	on_cleanup "ip netns del $o"
	ip -n "$H" link add "$up" type veth peer name out0 netns "$o"
	ip -n "$H" addr add 192.0.2.1/24 dev "$up"
	ip -n "$H" link set "$up" up
	ip -n "$o" addr add 192.0.2.2/24 dev out0
	ip -n "$o" link set out0 up
	ping_from d1 192.0.2.2 || t_fail "d1 cannot reach the outside namespace through NAT"
	assert_match "$(inh nft list table inet "lxc-net-$BR" 2>/dev/null || inh iptables-save -t nat 2>/dev/null)" \
		"(counter packets [1-9]|MASQUERADE)" "the masquerade rule is there (and counted)"
	stop_k d1
	stop_k d2
	wait_veths_gone
	assert_ok inh env LXC_NET_CONFIG="$SETTINGS" "$LXCNET" stop
}

test_many_containers_distinct_leases() {
	need_net
	host_ns nt lxc-device || return
	lxcnet_up 10.125.0 || return
	local n count=20 ips="" ip
	for n in $(seq $count); do
		bb_container "m$n" || return
		start_in_h "m$n"
	done
	for n in $(seq $count); do
		ip=$(wait_lease "m$n" 60) || t_fail "m$n got no lease within 60 s"
		ips="$ips $ip"
	done
	assert_eq "$(echo $ips | tr ' ' '\n' | sort -u | grep -c .)" "$count" "$count distinct leases ($ips)"
	for n in $(seq $count); do stop_k "m$n"; done
	wait_veths_gone
}

run_tests "$@"
