/* state.c - container states: their names and masks of them (lxc-wait -s); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "state.h"
#include "util/strutil.h"

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

/* "STOPPED, STARTING, ... FROZEN or THAWED" from names[], for error messages. */
static void state_list(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < STATE_COUNT && n < len; i++) {
		const char *sep = i == 0 ? "" : i == STATE_COUNT - 1 ? " or " : ", ";
		int r = snprintf(buf + n, len - n, "%s%s", sep, names[i]);

		if (r < 0)
			break;
		n += (size_t)r;
	}
}

int state_mask_parse(const char *states, unsigned *mask, char *err, size_t errlen)
{
	char *copy = strdup(states ? states : ""), *save = NULL;

	if (!copy)
		return -ENOMEM;
	*mask = 0;
	for (char *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save)) {
		int s = -EINVAL;

		w = str_trim(w);
		/* lxc-wait -s running works too: state names are matched in any case here */
		for (int i = 0; i < STATE_COUNT; i++)
			if (!strcasecmp(w, names[i]))
				s = i;
		if (s < 0) {
			char list[128];

			state_list(list, sizeof(list));
			snprintf(err, errlen, "invalid state '%s' (use %s)", w, list);
			free(copy);
			return -EINVAL;
		}
		*mask |= 1u << s;
	}
	free(copy);
	if (!*mask) {
		snprintf(err, errlen, "no state given");
		return -EINVAL;
	}
	return 0;
}
