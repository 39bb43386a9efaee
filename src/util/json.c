/* json.c - a streaming JSON writer for --format=json: strings escaped, numbers, arrays and objects; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cleanup.h"
#include "util/json.h"

#define JSON_MAX_DEPTH 64

/* What the writer expects next, per open container. */
struct level {
	char kind;  /* '{' or '[' */
	bool empty; /* nothing written in it yet */
	bool keyed; /* in an object: a key was written, its value is due */
};

struct berth_json {
	FILE *out;
	bool pretty;
	bool done;   /* the top-level value is complete */
	bool misuse; /* a call out of order: the output is not valid JSON */
	int depth;
	struct level stack[JSON_MAX_DEPTH];
};

BERTH_EXPORT struct berth_json *berth_json_new(FILE *out, bool pretty)
{
	struct berth_json *j;

	if (!out)
		return NULL;
	j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	j->out = out;
	j->pretty = pretty;
	return j;
}

static void indent(struct berth_json *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Separators and checks before a value: returns false (and marks misuse) if no value may come here. */
static bool before_value(struct berth_json *j)
{
	struct level *top;

	if (j->depth == 0) {
		if (j->done) {
			j->misuse = true;
			return false;
		}
		return true;
	}
	top = &j->stack[j->depth - 1];
	if (top->kind == '{') {
		if (!top->keyed) {
			j->misuse = true;
			return false;
		}
		top->keyed = false;
		return true;
	}
	if (!top->empty)
		fputc(',', j->out);
	top->empty = false;
	indent(j);
	return true;
}

static void after_value(struct berth_json *j)
{
	if (j->depth == 0)
		j->done = true;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values beyond Unicode are not UTF-8 */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static void write_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	while (*p) {
		size_t n;

		switch (*p) {
		case '"': fputs("\\\"", out); p++; continue;
		case '\\': fputs("\\\\", out); p++; continue;
		case '\n': fputs("\\n", out); p++; continue;
		case '\t': fputs("\\t", out); p++; continue;
		case '\r': fputs("\\r", out); p++; continue;
		case '\b': fputs("\\b", out); p++; continue;
		case '\f': fputs("\\f", out); p++; continue;
		default: break;
		}
		if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\u%04x", *p);
			p++;
			continue;
		}
		n = utf8_len(p);
		if (n == 0) {
			/* config values are bytes; JSON must be UTF-8: mark what is not */
			fputs("\\ufffd", out);
			p++;
			continue;
		}
		fwrite(p, 1, n, out);
		p += n;
	}
	fputc('"', out);
}

static void open_level(struct berth_json *j, char kind)
{
	if (!before_value(j))
		return;
	if (j->depth == JSON_MAX_DEPTH) {
		j->misuse = true;
		return;
	}
	fputc(kind, j->out);
	j->stack[j->depth++] = (struct level){ .kind = kind, .empty = true };
}

static void close_level(struct berth_json *j, char kind)
{
	struct level *top;

	if (j->depth == 0 || j->stack[j->depth - 1].kind != kind || j->stack[j->depth - 1].keyed) {
		j->misuse = true;
		return;
	}
	top = &j->stack[--j->depth];
	if (!top->empty)
		indent(j);
	fputc(kind == '{' ? '}' : ']', j->out);
	after_value(j);
}

BERTH_EXPORT void berth_json_object_begin(struct berth_json *j)
{
	if (j)
		open_level(j, '{');
}

BERTH_EXPORT void berth_json_object_end(struct berth_json *j)
{
	if (j)
		close_level(j, '{');
}

BERTH_EXPORT void berth_json_array_begin(struct berth_json *j)
{
	if (j)
		open_level(j, '[');
}

BERTH_EXPORT void berth_json_array_end(struct berth_json *j)
{
	if (j)
		close_level(j, '[');
}

BERTH_EXPORT void berth_json_key(struct berth_json *j, const char *key)
{
	struct level *top;

	if (!j)
		return;
	if (j->depth == 0 || !key) {
		j->misuse = true;
		return;
	}
	top = &j->stack[j->depth - 1];
	if (top->kind != '{' || top->keyed) {
		j->misuse = true;
		return;
	}
	if (!top->empty)
		fputc(',', j->out);
	top->empty = false;
	indent(j);
	write_string(j->out, key);
	fputs(j->pretty ? ": " : ":", j->out);
	top->keyed = true;
}

BERTH_EXPORT void berth_json_null(struct berth_json *j)
{
	if (!j || !before_value(j))
		return;
	fputs("null", j->out);
	after_value(j);
}

BERTH_EXPORT void berth_json_string(struct berth_json *j, const char *s)
{
	if (!s) {
		berth_json_null(j);
		return;
	}
	if (!j || !before_value(j))
		return;
	write_string(j->out, s);
	after_value(j);
}

BERTH_EXPORT void berth_json_int(struct berth_json *j, long long v)
{
	if (!j || !before_value(j))
		return;
	fprintf(j->out, "%lld", v);
	after_value(j);
}

BERTH_EXPORT void berth_json_uint(struct berth_json *j, unsigned long long v)
{
	if (!j || !before_value(j))
		return;
	fprintf(j->out, "%llu", v);
	after_value(j);
}

BERTH_EXPORT void berth_json_double(struct berth_json *j, double v)
{
	if (!isfinite(v)) {
		berth_json_null(j);
		return;
	}
	if (!j || !before_value(j))
		return;
	/* the shortest of %.15g and %.17g that reads back as v; JSON has no NaN or infinity (handled above) */
	{
		char buf[32];

		snprintf(buf, sizeof(buf), "%.15g", v);
		if (strtod(buf, NULL) != v)
			snprintf(buf, sizeof(buf), "%.17g", v);
		fputs(buf, j->out);
	}
	after_value(j);
}

BERTH_EXPORT void berth_json_bool(struct berth_json *j, bool v)
{
	if (!j || !before_value(j))
		return;
	fputs(v ? "true" : "false", j->out);
	after_value(j);
}

BERTH_EXPORT int berth_json_end(struct berth_json *j)
{
	int ret = 0;

	if (!j)
		return -EINVAL;
	if (j->misuse || j->depth != 0 || !j->done)
		ret = -EINVAL;
	else
		fputc('\n', j->out);
	if (fflush(j->out) != 0 || ferror(j->out))
		ret = ret ? ret : -EIO;
	free(j);
	return ret;
}
