/* state.c - container states: their names, and asking a container for its current one; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

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

int state_query(const char *name, const char *lxcpath)
{
	(void)name;
	(void)lxcpath;
	/* No monitor exists yet (the runtime brings the command socket): every
	 * container is stopped. */
	return STATE_STOPPED;
}
