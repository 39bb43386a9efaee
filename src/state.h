/* state.h - container states: their names and masks of them (lxc-wait -s); SPDX-License-Identifier: LGPL-2.1-or-later */
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

/* "RUNNING|STOPPED" -> a mask of (1 << state), names in any case; -EINVAL with the bad word in err.
 * (A container's current state is asked of its monitor: cmd_get_state in commands.h.) */
int state_mask_parse(const char *states, unsigned *mask, char *err, size_t errlen);

#endif
