/* state.h - container states: their names, and asking a container for its current one; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_STATE_H
#define BERTH_STATE_H

/* LXC's states, in LXC's order (lxc_get_wait_states lists them so). */
enum container_state {
	STATE_STOPPED,
	STATE_STARTING,
	STATE_RUNNING,
	STATE_STOPPING,
	STATE_ABORTING,
	STATE_FREEZING,
	STATE_FROZEN,
	STATE_THAWED,
	STATE_COUNT,
};

/* "STOPPED"...; NULL for a value out of range. */
const char *state_name(int state);
/* The state named s (exact, upper case as LXC), or -EINVAL. */
int state_from_name(const char *s);

/*
 * The container's current state. This is the one place that finds out: the
 * runtime asks the container's monitor over its command socket here; without
 * an answering monitor the container is STOPPED.
 * Returns a state, or -EACCES when a monitor runs but refuses the caller
 * (may_control is false then).
 */
int state_query(const char *name, const char *lxcpath);

#endif
