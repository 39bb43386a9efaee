/* parse.h - splitting config text into lines and a line into key and value, as LXC reads them; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONF_PARSE_H
#define BERTH_CONF_PARSE_H

#include <stdbool.h>
#include <stddef.h>

enum conf_line_kind {
	CONF_LINE_BLANK,   /* empty or only whitespace */
	CONF_LINE_COMMENT, /* first non-blank character is '#' */
	CONF_LINE_ITEM,    /* KEY = VALUE */
	CONF_LINE_BAD,     /* text without '=', or '=' with nothing before it */
};

/*
 * Classifies one line (without its newline) and, for an item, splits it at the
 * first '=': the key is what comes before, the value what comes after (so a
 * value may contain '='), both with surrounding whitespace removed. The line
 * is modified in place; *key and *value point into it.
 */
enum conf_line_kind conf_split_line(char *line, char **key, char **value);

/*
 * Walks text line by line: returns the next line's start and sets *len to its
 * length without the '\n' (a "\r" before it is kept: trimming removes it).
 * NULL at the end. *pos advances past the line.
 */
const char *conf_next_line(const char **pos, size_t *len);

#endif
