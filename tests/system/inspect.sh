# inspect.sh - system tests of lxc-ls and lxc-info on hand-made containers: formats, filters, JSON, legacy and broken configs, LXC's output
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"

# define NAME CONFIG-TEXT: a container directory with that config in $T_LXCPATH
define() {
	mkdir -p "$T_LXCPATH/$1"
	printf '%s' "$2" >"$T_LXCPATH/$1/config"
}

# The lock files the tools take live under the runtime dir, named after the lxcpath.
clean_locks() {
	on_cleanup "rm -rf '/run/lxc/lock$T_LXCPATH'"
}

# A few containers as lxc-create -t none makes them, plus groups and autostart.
setup_basic() {
	clean_locks
	local base='lxc.net.0.type = veth
lxc.net.0.link = lxcbr0
lxc.net.0.flags = up
'
	define web "${base}lxc.group = g1
lxc.group = g2
"
	define db "${base}lxc.group = g1
lxc.start.auto = 1
"
	define a-rather-long-container-name "$base"
	define plain "$base"
	mkdir -p "$T_LXCPATH/not-a-container" # no config: not listed
}

# json_get JSON PYTHON-EXPR: evaluates the expression with the parsed value as `j`
json_get() {
	python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$2" <<<"$1"
}

need_python() {
	command -v python3 >/dev/null || t_skip "python3 is needed to check the JSON output"
}

test_ls_names() {
	setup_basic
	local ls
	ls=$(tool lxc-ls)
	assert_ok "$ls" -P "$T_LXCPATH" -1
	assert_eq "$OUT" "a-rather-long-container-name
db
plain
web" "lxc-ls -1"
	assert_eq "$ERR" "" "lxc-ls -1 stderr"
	# not a terminal: one name per line, padded to the longest (as LXC)
	assert_ok "$ls" -P "$T_LXCPATH"
	assert_eq "$(printf '%s\n' "$OUT" | sed -n 2p)" "db                          " "padded name"
	# options may follow the filter, as with LXC
	assert_ok "$ls" -P "$T_LXCPATH" 'e' -1
	assert_eq "$OUT" "a-rather-long-container-name
web" "positional regex"
	assert_ok "$ls" -P "$T_LXCPATH" -1 --filter='^(db|plain)$'
	assert_eq "$OUT" "db
plain" "--filter"
	assert_ok "$ls" -P "$T_LXCPATH" -1 -g g1
	assert_eq "$OUT" "db
web" "-g g1"
	assert_ok "$ls" -P "$T_LXCPATH" -1 --groups=g2,g1
	assert_eq "$OUT" "web" "-g g2,g1 needs both"
	assert_ok "$ls" -P "$T_LXCPATH" -1 --defined --stopped
	assert_eq "$(printf '%s\n' "$OUT" | wc -l)" 4 "--defined --stopped"
	assert_ok "$ls" -P "$T_LXCPATH" --running
	assert_eq "$OUT" "" "--running: nothing runs"
	assert_ok "$ls" -P "$T_LXCPATH" --active -1
	assert_eq "$OUT" "" "--active: nothing runs"
	# a missing lxcpath has no containers; it is not an error (as LXC)
	assert_ok "$ls" -P "$T_LXCPATH/nonexistent"
	assert_eq "$OUT" "" "missing lxcpath"
}

test_ls_several_lxcpaths() {
	setup_basic
	local other="$T_TMP/other"
	mkdir -p "$other/zed"
	echo "lxc.uts.name = zed" >"$other/zed/config"
	on_cleanup "rm -rf '/run/lxc/lock$T_TMP'"
	assert_ok "$(tool lxc-ls)" -P "$T_LXCPATH" -P "$other" -1
	assert_eq "$(printf '%s\n' "$OUT" | tail -n 1)" "zed" "second lxcpath listed after the first"
	assert_eq "$(printf '%s\n' "$OUT" | wc -l)" 5 "both lxcpaths"
}

test_ls_fancy() {
	setup_basic
	local ls
	ls=$(tool lxc-ls)
	assert_ok "$ls" -P "$T_LXCPATH" -f
	assert_eq "$OUT" "NAME                         STATE   AUTOSTART GROUPS IPV4 IPV6 UNPRIVILEGED 
a-rather-long-container-name STOPPED 0         -      -    -    false        
db                           STOPPED 1         g1     -    -    false        
plain                        STOPPED 0         -      -    -    false        
web                          STOPPED 0         g1, g2 -    -    false        " "lxc-ls -f"
	assert_ok "$ls" -P "$T_LXCPATH" -f -F name,STATE,PID,RAM,SWAP,INTERFACE --filter=db
	assert_eq "$OUT" "NAME STATE   PID RAM    SWAP   INTERFACE 
db   STOPPED -   -      -      -         " "lxc-ls -F"
	assert_status 1 "$ls" -P "$T_LXCPATH" -f -F NAME,BOGUS
	assert_contains "$ERR" 'unknown column "BOGUS"'
	assert_eq "$OUT" "" "nothing printed for a bad column"
	assert_status 1 "$ls" -P "$T_LXCPATH" '('
	assert_contains "$ERR" "invalid regular expression"
	assert_status 1 "$ls" -P "$T_LXCPATH" --nesting
	assert_contains "$ERR" "--nesting is not implemented in berth yet"
	assert_status 1 "$ls" -P "$T_LXCPATH" --format=yaml
	assert_contains "$ERR" 'unknown output format "yaml"'
}

test_ls_json() {
	need_python
	setup_basic
	assert_ok "$(tool lxc-ls)" -P "$T_LXCPATH" --format=json
	assert_eq "$(json_get "$OUT" 'len(j)')" 4 "four containers"
	assert_eq "$(json_get "$OUT" '[c["name"] for c in j]')" "['a-rather-long-container-name', 'db', 'plain', 'web']"
	assert_eq "$(json_get "$OUT" 'j[3]["groups"]')" "['g1', 'g2']" "groups as a list"
	assert_eq "$(json_get "$OUT" 'j[1]["autostart"]')" "True" "autostart"
	assert_eq "$(json_get "$OUT" 'j[0]["state"]')" "STOPPED"
	assert_eq "$(json_get "$OUT" 'j[0]["lxcpath"]')" "$T_LXCPATH"
	assert_eq "$(json_get "$OUT" 'sorted(j[0].keys())')" \
		"['autostart', 'error', 'groups', 'interfaces', 'ipv4', 'ipv6', 'lxcpath', 'memory_bytes', 'name', 'pid', 'running', 'state', 'swap_bytes', 'unprivileged']" \
		"the documented fields"
	assert_eq "$(json_get "$OUT" '(j[0]["pid"], j[0]["memory_bytes"], j[0]["running"], j[0]["error"])')" \
		"(None, None, False, None)" "a stopped container"
	# filters apply to JSON too; no container is an empty array
	assert_ok "$(tool lxc-ls)" -P "$T_LXCPATH" --format=json --running
	assert_eq "$(json_get "$OUT" 'j')" "[]"
}

test_info_text() {
	setup_basic
	local info
	info=$(tool lxc-info)
	assert_ok "$info" -P "$T_LXCPATH" -n web
	assert_eq "$OUT" "Name:           web
State:          STOPPED" "lxc-info"
	assert_ok "$info" -P "$T_LXCPATH" -n web -s
	assert_eq "$OUT" "State:          STOPPED"
	assert_ok "$info" -P "$T_LXCPATH" -n web -s -H
	assert_eq "$OUT" "STOPPED" "-H with one field prints the bare value"
	assert_ok "$info" -P "$T_LXCPATH" -n web -p -i -S
	assert_eq "$OUT" "" "a stopped container has no pid, addresses or usage"
	assert_ok "$info" -P "$T_LXCPATH" -n web -c lxc.net.0.link -c lxc.uts.name
	assert_eq "$OUT" "lxc.net.0.link = lxcbr0
lxc.uts.name =" "-c twice"
	assert_ok "$info" -P "$T_LXCPATH" -n web -c lxc.group
	assert_eq "$OUT" "lxc.group = g1
g2" "a list key"
	# as LXC: the value's own newline, then printf's (command substitution drops both above)
	assert_eq "$("$info" -P "$T_LXCPATH" -n web -c lxc.group | wc -l)" 3 "a list key ends in an empty line"
	assert_ok "$info" -P "$T_LXCPATH" -n db -c lxc.start.auto -H
	assert_eq "$OUT" "1" "-H with one key"
	assert_ok "$info" -P "$T_LXCPATH" -n web -c lxc.nope
	assert_contains "$ERR" "lxc.nope invalid"
	# the name may come as an argument, options after it
	assert_ok "$info" -P "$T_LXCPATH" web -s
	assert_eq "$OUT" "State:          STOPPED" "positional name"
	assert_status 1 "$info" -P "$T_LXCPATH" -n nosuch
	assert_contains "$ERR" "doesn't exist"
	assert_contains "$ERR" "$T_LXCPATH/nosuch/config"
	assert_status 1 "$info" -P "$T_LXCPATH" -n not-a-container
	assert_status 1 "$info" -P "$T_LXCPATH" -n ../web
	assert_contains "$ERR" "invalid container name"
	assert_status 1 "$info" -P "$T_LXCPATH"
	assert_contains "$ERR" "container name"
}

test_info_rcfile() {
	setup_basic
	printf 'lxc.uts.name = from-rcfile\n' >"$T_TMP/rc.conf"
	assert_ok "$(tool lxc-info)" -P "$T_LXCPATH" -n web --rcfile "$T_TMP/rc.conf" -c lxc.uts.name -c lxc.group
	assert_eq "$OUT" "lxc.uts.name = from-rcfile
lxc.group =" "--rcfile replaces the config"
}

test_info_json() {
	need_python
	setup_basic
	local info
	info=$(tool lxc-info)
	assert_ok "$info" -P "$T_LXCPATH" -n web --format=json
	assert_eq "$(json_get "$OUT" 'sorted(j.keys())')" "['ips', 'lxcpath', 'name', 'pid', 'state', 'stats']"
	assert_eq "$(json_get "$OUT" '(j["name"], j["state"], j["pid"], j["ips"], j["stats"])')" \
		"('web', 'STOPPED', None, [], None)"
	assert_ok "$info" -P "$T_LXCPATH" -n web --format=json -s -c lxc.group -c lxc.net.0.type -c lxc.nope
	assert_eq "$(json_get "$OUT" 'sorted(j.keys())')" "['config', 'lxcpath', 'name', 'state']" "fields as selected"
	assert_eq "$(json_get "$OUT" 'j["config"]')" \
		"{'lxc.group': 'g1\\ng2\\n', 'lxc.net.0.type': 'veth', 'lxc.nope': None}"
	assert_contains "$ERR" "lxc.nope invalid"
}

test_legacy_config() {
	clean_locks
	define old 'lxc.utsname = oldname
lxc.network.type = veth
lxc.network.link = br0
lxc.network.flags = up
'
	assert_ok "$(tool lxc-info)" -P "$T_LXCPATH" -n old -c lxc.uts.name -c lxc.net.0.link
	assert_eq "$OUT" "lxc.uts.name = oldname
lxc.net.0.link = br0" "legacy keys are read as their current form"
	assert_contains "$ERR" "legacy"
	assert_ok "$(tool lxc-ls)" -P "$T_LXCPATH" -1
	assert_eq "$OUT" "old"
}

test_bad_config() {
	clean_locks
	define good 'lxc.uts.name = good
'
	define bad 'lxc.uts.name = bad
lxc.uts.nmae = typo
'
	local info ls n
	info=$(tool lxc-info)
	ls=$(tool lxc-ls)
	assert_status 1 "$info" -P "$T_LXCPATH" -n bad
	assert_eq "$OUT" "" "nothing on stdout"
	n=$(printf '%s\n' "$ERR" | wc -l)
	assert_eq "$n" 1 "one line on stderr"
	assert_contains "$ERR" "$T_LXCPATH/bad/config:2: lxc.uts.nmae"
	assert_contains "$ERR" "lxc.uts.name" "the hint"
	assert_status 1 "$info" -P "$T_LXCPATH" -n bad -s -q
	assert_eq "$ERR" "" "-q keeps it quiet"

	# lxc-ls lists it (hiding a container helps nobody) and says why it is broken
	assert_ok "$ls" -P "$T_LXCPATH" -1
	assert_eq "$OUT" "bad
good"
	assert_contains "$ERR" "$T_LXCPATH/bad/config:2: lxc.uts.nmae"
	assert_ok "$ls" -P "$T_LXCPATH" -f
	assert_match "$(printf '%s\n' "$OUT" | grep '^bad ')" '^bad +- +0 +- +- +- +false +$'
	# its state is unknown, so state filters leave it out
	assert_ok "$ls" -P "$T_LXCPATH" -1 --stopped
	assert_eq "$OUT" "good"
	if command -v python3 >/dev/null; then
		assert_ok "$ls" -P "$T_LXCPATH" --format=json
		assert_contains "$(json_get "$OUT" 'j[0]["error"]')" "bad/config:2: lxc.uts.nmae"
		assert_eq "$(json_get "$OUT" 'j[0]["state"]')" "None"
	fi
}

# LXC's own tools, when installed, on the same containers: the outputs must be equal.
test_same_output_as_lxc() {
	local ref=/usr/bin
	[ -x "$ref/lxc-ls" ] && [ -x "$ref/lxc-info" ] || t_skip "LXC's lxc-ls/lxc-info are not installed to compare with"
	case "$("$ref/lxc-ls" --version 2>&1)" in *berth*) t_skip "/usr/bin/lxc-ls is berth's own" ;; esac
	setup_basic
	local args
	for args in "-1" "" "-f" "-f -F NAME,STATE,PID,RAM,SWAP,AUTOSTART,GROUPS,INTERFACE,IPV4,IPV6,UNPRIVILEGED" \
		"-g g1" "-1 --stopped" "--running" "-1 e" "-1 --filter=^d"; do
		# shellcheck disable=SC2086
		assert_eq "$("$(tool lxc-ls)" -P "$T_LXCPATH" $args 2>/dev/null)" \
			"$("$ref/lxc-ls" -P "$T_LXCPATH" $args 2>/dev/null)" "lxc-ls $args"
	done
	for args in "" "-s" "-p" "-i" "-S" "-H" "-s -H" "-c lxc.net.0.type" "-c lxc.group" \
		"-c lxc.uts.name -c lxc.net.0.link" "-c lxc.start.auto -H" "-c lxc.net"; do
		# shellcheck disable=SC2086
		assert_eq "$("$(tool lxc-info)" -P "$T_LXCPATH" -n web $args 2>/dev/null)" \
			"$("$ref/lxc-info" -P "$T_LXCPATH" -n web $args 2>/dev/null)" "lxc-info $args"
	done
	"$(tool lxc-info)" -P "$T_LXCPATH" -n nosuch >/dev/null 2>&1
	local ours=$?
	"$ref/lxc-info" -P "$T_LXCPATH" -n nosuch >/dev/null 2>&1
	assert_eq "$ours" "$?" "exit status for a missing container"
}

run_tests "$@"
