# lib.sh - shared helpers for system tests: assertions, per-test lxcpath, cleanup, host-state checks
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A system test file defines functions named test_* and ends with `run_tests "$@"`.
# Each test runs in its own subshell with its own lxcpath ($T_LXCPATH) and a
# unique name prefix ($T_ID); cleanups registered with `on_cleanup` run even when
# the test fails. Output, one line per test: PASS: file/test | FAIL: ... | SKIP: ... (why)

: "${BERTH_PREFIX:?BERTH_PREFIX must point at the berth install to test}"
T_FILE=$(basename "$0" .sh)

# Absolute path of a berth tool; refuses anything that is not berth's.
tool() {
	local p="$BERTH_PREFIX/bin/$1"
	[ -x "$p" ] || { echo "  missing tool $p" >&2; return 127; }
	printf '%s\n' "$p"
}

check_is_berth() {
	local v
	v=$("$BERTH_PREFIX/bin/lxc-config" --version 2>&1) || true
	case "$v" in
	*berth*) ;;
	*) echo "FAIL: $T_FILE/setup (tools under $BERTH_PREFIX are not berth's: '$v')"; exit 1 ;;
	esac
}

# ---- assertions: print what went wrong and mark the test failed, but go on ----
_t_failed=0
t_fail() { echo "  $*"; _t_failed=1; }
assert_eq() { [ "$1" = "$2" ] || t_fail "${3:-assert_eq}: got '$1', expected '$2'"; }
assert_ne() { [ "$1" != "$2" ] || t_fail "${3:-assert_ne}: both are '$1'"; }
assert_contains() {
	case "$1" in *"$2"*) ;; *) t_fail "${3:-assert_contains}: '$1' does not contain '$2'" ;; esac
}
assert_not_contains() {
	case "$1" in *"$2"*) t_fail "${3:-assert_not_contains}: '$1' contains '$2'" ;; *) ;; esac
}
assert_match() { printf '%s' "$1" | grep -Eq -- "$2" || t_fail "${3:-assert_match}: '$1' !~ /$2/"; }
assert_file() { [ -e "$1" ] || t_fail "expected file $1"; }
assert_no_file() { [ ! -e "$1" ] && [ ! -L "$1" ] || t_fail "unexpected file $1"; }
# assert_status EXPECTED CMD...: runs CMD, stores stdout in $OUT and stderr in $ERR
assert_status() {
	local want=$1 got
	shift
	local o e
	o=$(mktemp) e=$(mktemp)
	"$@" >"$o" 2>"$e"
	got=$?
	OUT=$(cat "$o") ERR=$(cat "$e")
	rm -f "$o" "$e"
	[ "$got" = "$want" ] || t_fail "exit status of '$*': got $got, expected $want; stderr: $ERR"
}
assert_ok() { assert_status 0 "$@"; }
t_skip() { echo "SKIP: $T_FILE/$T_NAME ($*)"; _t_skipped=1; exit 0; }

# ---- cleanup and per-test resources ----
_t_cleanups=()
on_cleanup() { _t_cleanups+=("$*"); }
_t_run_cleanups() {
	local i
	for ((i = ${#_t_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${_t_cleanups[$i]}" >/dev/null 2>&1 || true
	done
}

# What a test may leave behind on the host; compared before and after each test.
# With BERTH_TEST_SCOPED=1 (several suites or developers on one machine) only what
# names the test's own id or paths counts; CI runs alone and checks everything.
host_state() {
	{
		ip -o link show 2>/dev/null | awk -F': ' '{print "link " $2}' | sed 's/@.*//'
		ip netns list 2>/dev/null | awk '{print "netns " $1}'
		awk '{print "mount " $5}' /proc/self/mountinfo
		# LXC's names, and the tests' own (lxc.cgroup.dir* keys name them after $T_ID, "bt...")
		find /sys/fs/cgroup -maxdepth 3 -type d \( -name 'lxc.*' -o -name 'lxc' -o -name 'bt[0-9]*' \) 2>/dev/null | sed 's/^/cgroup /'
	} | sort
}

# nm PREFIX [SUFFIX]: a host-wide name of this test (links, bridges, netns)
# short enough for an interface name (15 characters).
nm() {
	local id=${T_ID#bt}
	[ ${#id} -le 9 ] || id=${id: -9}
	printf '%s%s%s' "$1" "$id" "${2:-}"
}

# The installed bridge service (libexec or lib, as the prefix lays it out).
LXCNET=""
for p in "$BERTH_PREFIX/libexec/lxc/lxc-net" "$BERTH_PREFIX/lib/lxc/lxc-net"; do
	[ -x "$p" ] && LXCNET=$p && break
done

# DEFAULT_SIGNALS CMD...: runs CMD with SIGINT, SIGQUIT and SIGTERM at their defaults.
# A background job of a script starts with them ignored (and so does
# everything under a suite started in the background), and an ignored signal
# stays ignored across exec: a test of what Ctrl-C does must reset them.
DEFAULT_SIGNALS="env --default-signal=INT,QUIT,TERM"

run_tests() {
	local only=("$@") fn status
	check_is_berth
	for fn in $(declare -F | awk '{print $3}' | grep '^test_'); do
		if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qx "$fn"; then
			continue
		fi
		(
			T_NAME=${fn#test_}
			T_ID="bt$$${RANDOM}"
			T_LXCPATH=$(mktemp -d /tmp/berth-test.XXXXXX)
			T_TMP=$(mktemp -d /tmp/berth-tmp.XXXXXX)
			export T_NAME T_ID T_LXCPATH T_TMP
			on_cleanup "rm -rf '$T_LXCPATH' '$T_TMP'"
			# The container lock files live under the runtime dir, keyed by lxcpath (as LXC's do).
			on_cleanup "rm -rf '$BERTH_PREFIX/run/lxc/lock$T_LXCPATH' '/run/lxc/lock$T_LXCPATH'"
			before=$(host_state)
			trap '_t_run_cleanups' EXIT
			"$fn"
			_t_run_cleanups
			_t_cleanups=()
			after=$(host_state)
			leftover=$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after"))
			if [ "${BERTH_TEST_SCOPED:-0}" = 1 ]; then
				leftover=$(printf '%s\n' "$leftover" | grep -F -e "$T_ID" -e "$T_LXCPATH" -e "$T_TMP" || true)
			fi
			if [ -n "$leftover" ]; then
				t_fail "left behind on the host: $(echo $leftover)"
			fi
			if [ "$_t_failed" = 0 ]; then
				echo "PASS: $T_FILE/$T_NAME"
			else
				echo "FAIL: $T_FILE/$T_NAME"
			fi
		)
	done
}
