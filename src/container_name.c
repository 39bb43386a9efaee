/* container_name.c - what a container name may be; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "container_name.h"

int container_name_check(const char *name, char *why, size_t whylen)
{
	const char *reason = NULL;
	size_t len;

	if (!name || !*name) {
		reason = "it is empty";
	} else if (!strcmp(name, ".") || !strcmp(name, "..")) {
		reason = "\".\" and \"..\" are not names";
	} else if (strchr(name, '/')) {
		reason = "it contains '/'";
	} else if ((len = strlen(name)) > NAME_MAX) {
		snprintf(why, whylen, "it is %zu bytes long, the limit is %d", len, NAME_MAX);
		return -EINVAL;
	} else {
		/* A newline or escape in a name would forge lines in lxc-ls output and logs. */
		for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
			if (*p < 0x20 || *p == 0x7f) {
				reason = "it contains a control character";
				break;
			}
		}
	}
	if (!reason)
		return 0;
	snprintf(why, whylen, "%s", reason);
	return -EINVAL;
}
