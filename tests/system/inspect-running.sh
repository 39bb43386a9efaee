# inspect-running.sh - lxc-ls and lxc-info on a running container: state, pid, and the UNPRIVILEGED column
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/runtime.lib"
LXC_LS=$(tool lxc-ls)

test_running_container_columns() {
	need_runtime
	mk_container a
	start_ok a
	local pid
	pid=$(init_pid a)
	assert_match "$pid" '^[0-9]+$' "lxc-info -pH gives the init pid"
	assert_ok "$LXC_LS" -P "$T_LXCPATH" -f -F NAME,STATE,PID,UNPRIVILEGED
	assert_match "$OUT" "$T_ID-a +RUNNING +$pid +false" "a root container is not unprivileged while it runs"
	assert_ok "$LXC_LS" -P "$T_LXCPATH" --format=json
	assert_contains "$OUT" '"unprivileged": false'
	assert_contains "$OUT" '"state": "RUNNING"'
	stop_k a
	assert_eq "$(state_of a)" STOPPED
	assert_ok "$LXC_LS" -P "$T_LXCPATH" -f -F NAME,STATE,UNPRIVILEGED
	assert_match "$OUT" "$T_ID-a +STOPPED +false"
}

run_tests "$@"
