/* state.c - container states: their names, and asking a container for its current one; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "commands.h"
#include "state.h"

static const char *const names[STATE_COUNT] = {
	[STATE_STOPPED] = "STOPPED",   [STATE_STARTING] = "STARTING", [STATE_RUNNING] = "RUNNING",
	[STATE_STOPPING] = "STOPPING", [STATE_ABORTING] = "ABORTING", [STATE_FREEZING] = "FREEZING",
	[STATE_FROZEN] = "FROZEN",     [STATE_THAWED] = "THAWED",
};

const char *state_name(int state)
{
	if (state < 0 || state >= STATE_COUNT)
		return NULL;
	return names[state];
}

int state_from_name(const char *s)
{
	for (int i = 0; s && i < STATE_COUNT; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -EINVAL;
}

/* The monitor numbers states as LXC does, and so does this file. */
_Static_assert((int)RUN_RUNNING == (int)STATE_RUNNING && (int)RUN_THAWED == (int)STATE_THAWED,
	       "the command socket and the container object must agree on state numbers");

int state_query(const char *name, const char *lxcpath)
{
	/* The monitor knows; no answering monitor means STOPPED. */
	return cmd_get_state(name, lxcpath);
}
