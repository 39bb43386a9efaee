/* parse.c - splitting config text into lines and a line into key and value, as LXC reads them; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "conf/parse.h"
#include "util/strutil.h"

enum conf_line_kind conf_split_line(char *line, char **key, char **value)
{
	char *l = str_trim(line), *eq;

	*key = *value = NULL;
	if (!*l)
		return CONF_LINE_BLANK;
	if (*l == '#')
		return CONF_LINE_COMMENT;
	eq = strchr(l, '=');
	if (!eq || eq == l)
		return CONF_LINE_BAD;
	*eq = '\0';
	*key = str_trim(l);
	*value = str_trim(eq + 1);
	return CONF_LINE_ITEM;
}

const char *conf_next_line(const char **pos, size_t *len)
{
	const char *start = *pos, *nl;

	if (!start || !*start)
		return NULL;
	nl = strchr(start, '\n');
	if (nl) {
		*len = (size_t)(nl - start);
		*pos = nl + 1;
	} else {
		*len = strlen(start);
		*pos = start + *len;
	}
	return start;
}
