/* test-container-json.c - unit tests of the JSON writer the tools' --format=json uses; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "util/json.h"

/* Runs build() on a compact writer; returns the text (static) and the end result in *ret. */
static const char *render(void (*build)(struct berth_json *), bool pretty, int *ret)
{
	static char *text;
	size_t len;
	FILE *f;
	struct berth_json *j;

	free(text);
	text = NULL;
	f = open_memstream(&text, &len);
	j = berth_json_new(f, pretty);
	build(j);
	*ret = berth_json_end(j);
	fclose(f);
	return text;
}

static void build_object(struct berth_json *j)
{
	berth_json_object_begin(j);
	berth_json_key(j, "name");
	berth_json_string(j, "c1");
	berth_json_key(j, "n");
	berth_json_int(j, -42);
	berth_json_key(j, "u");
	berth_json_uint(j, 18446744073709551615ULL);
	berth_json_key(j, "d");
	berth_json_double(j, 0.5);
	berth_json_key(j, "t");
	berth_json_bool(j, true);
	berth_json_key(j, "f");
	berth_json_bool(j, false);
	berth_json_key(j, "none");
	berth_json_null(j);
	berth_json_key(j, "nul");
	berth_json_string(j, NULL);
	berth_json_key(j, "list");
	berth_json_array_begin(j);
	berth_json_int(j, 1);
	berth_json_array_begin(j);
	berth_json_array_end(j);
	berth_json_object_begin(j);
	berth_json_object_end(j);
	berth_json_array_end(j);
	berth_json_object_end(j);
}

static void values_and_nesting(void)
{
	int ret;
	const char *s = render(build_object, false, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(s, "{\"name\":\"c1\",\"n\":-42,\"u\":18446744073709551615,\"d\":0.5,\"t\":true,\"f\":false,"
		     "\"none\":null,\"nul\":null,\"list\":[1,[],{}]}\n");
}

static void build_small(struct berth_json *j)
{
	berth_json_object_begin(j);
	berth_json_key(j, "a");
	berth_json_array_begin(j);
	berth_json_string(j, "x");
	berth_json_string(j, "y");
	berth_json_array_end(j);
	berth_json_key(j, "e");
	berth_json_array_begin(j);
	berth_json_array_end(j);
	berth_json_object_end(j);
}

static void pretty_output(void)
{
	int ret;
	const char *s = render(build_small, true, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(s, "{\n  \"a\": [\n    \"x\",\n    \"y\"\n  ],\n  \"e\": []\n}\n");
}

static void build_escapes(struct berth_json *j)
{
	berth_json_array_begin(j);
	berth_json_string(j, "q\"b\\n\nt\tc\x01" "d\x7f");
	berth_json_string(j, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	berth_json_string(j, "bad\xff" "x\xc3(\xed\xa0\x80");
	berth_json_array_end(j);
}

static void strings_are_escaped_and_utf8(void)
{
	int ret;
	const char *s = render(build_escapes, false, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(s, "[\"q\\\"b\\\\n\\nt\\tc\\u0001d\\u007f\","
		     "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\","
		     "\"bad\\ufffdx\\ufffd(\\ufffd\\ufffd\\ufffd\"]\n");
}

static void build_doubles(struct berth_json *j)
{
	berth_json_array_begin(j);
	berth_json_double(j, 0.1);
	berth_json_double(j, 1e300);
	berth_json_double(j, NAN);
	berth_json_double(j, INFINITY);
	berth_json_double(j, 3);
	berth_json_array_end(j);
}

static void doubles_round_trip_and_nonfinite_is_null(void)
{
	int ret;
	const char *s = render(build_doubles, false, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(s, "[0.1,1e+300,null,null,3]\n");
}

static void build_value_without_key(struct berth_json *j)
{
	berth_json_object_begin(j);
	berth_json_int(j, 1);
	berth_json_object_end(j);
}
static void build_unclosed(struct berth_json *j)
{
	berth_json_array_begin(j);
}
static void build_two_values(struct berth_json *j)
{
	berth_json_int(j, 1);
	berth_json_int(j, 2);
}
static void build_mismatched(struct berth_json *j)
{
	berth_json_array_begin(j);
	berth_json_object_end(j);
}
static void build_key_in_array(struct berth_json *j)
{
	berth_json_array_begin(j);
	berth_json_key(j, "k");
	berth_json_array_end(j);
}
static void build_dangling_key(struct berth_json *j)
{
	berth_json_object_begin(j);
	berth_json_key(j, "k");
	berth_json_object_end(j);
}
static void build_nothing(struct berth_json *j)
{
	(void)j;
}

static void misuse_is_reported(void)
{
	int ret;

	render(build_value_without_key, false, &ret);
	CHECK_INT(ret, -EINVAL);
	render(build_unclosed, false, &ret);
	CHECK_INT(ret, -EINVAL);
	render(build_two_values, false, &ret);
	CHECK_INT(ret, -EINVAL);
	render(build_mismatched, false, &ret);
	CHECK_INT(ret, -EINVAL);
	render(build_key_in_array, false, &ret);
	CHECK_INT(ret, -EINVAL);
	render(build_dangling_key, false, &ret);
	CHECK_INT(ret, -EINVAL);
	render(build_nothing, false, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK(berth_json_new(NULL, false) == NULL);
	CHECK_INT(berth_json_end(NULL), -EINVAL);
}

static void write_errors_are_reported(void)
{
	FILE *f = fopen("/dev/full", "w");
	struct berth_json *j;

	if (!f)
		SKIP("no /dev/full");
	j = berth_json_new(f, false);
	berth_json_string(j, "x");
	CHECK_INT(berth_json_end(j), -EIO);
	fclose(f);
}

UNIT_MAIN_BEGIN
	RUN(values_and_nesting);
	RUN(pretty_output);
	RUN(strings_are_escaped_and_utf8);
	RUN(doubles_round_trip_and_nonfinite_is_null);
	RUN(misuse_is_reported);
	RUN(write_errors_are_reported);
UNIT_MAIN_END
