/* test-strutil.c - unit tests for util/strutil and util/fileutil; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "util/fileutil.h"
#include "util/strutil.h"

static void trim_removes_surrounding_space(void)
{
	char a[] = "  \tkey = value \n", b[] = "   ", c[] = "x";
	CHECK_STR(str_trim(a), "key = value");
	CHECK_STR(str_trim(b), "");
	CHECK_STR(str_trim(c), "x");
}

static void numbers_are_parsed_strictly(void)
{
	int64_t i;
	uint64_t u;
	int n;
	unsigned un;

	CHECK_INT(str_to_i64("-42", &i), 0);
	CHECK_INT(i, -42);
	CHECK_INT(str_to_i64("42x", &i), -EINVAL);
	CHECK_INT(str_to_i64("", &i), -EINVAL);
	CHECK_INT(str_to_i64(" 1", &i), -EINVAL);
	CHECK_INT(str_to_i64("99999999999999999999", &i), -ERANGE);
	CHECK_INT(str_to_u64("-1", &u), -EINVAL);
	CHECK_INT(str_to_u64("18446744073709551615", &u), 0);
	CHECK(u == UINT64_MAX);
	CHECK_INT(str_to_int("2147483648", &n), -ERANGE);
	CHECK_INT(str_to_int("-2147483648", &n), 0);
	CHECK_INT(n, INT32_MIN);
	CHECK_INT(str_to_uint("4294967296", &un), -ERANGE);
	CHECK_INT(str_to_uint("7", &un), 0);
	CHECK_INT(un, 7);
}

static void edit_distance_counts_edits(void)
{
	CHECK_INT(str_edit_distance("lxc.uts.name", "lxc.uts.name"), 0);
	CHECK_INT(str_edit_distance("lxc.uts.nme", "lxc.uts.name"), 1);
	CHECK_INT(str_edit_distance("", "abc"), 3);
	CHECK_INT(str_edit_distance("kitten", "sitting"), 3);
}

static void prefix_and_suffix(void)
{
	CHECK(str_has_prefix("lxc.net.0.type", "lxc.net."));
	CHECK(!str_has_prefix("lxc", "lxc.net."));
	CHECK(str_has_suffix("a.conf", ".conf"));
	CHECK(!str_has_suffix("conf", ".conf"));
}

static void strv_grows(void)
{
	char **v = NULL;
	CHECK_INT(strv_append(&v, "a"), 0);
	CHECK_INT(strv_append(&v, "b"), 0);
	CHECK_INT(strv_len(v), 2);
	CHECK_STR(v[1], "b");
	CHECK(v[2] == NULL);
	strv_free(v);
}

static void atomic_write_replaces_file(void)
{
	char dir[] = "/tmp/berth-unit.XXXXXX", path[PATH_MAX], *data = NULL;
	size_t len = 0;
	struct stat st;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/sub/dir/config", dir);
	CHECK_INT(mkdir_p(path, 0755), 0);       /* makes config as a dir ... */
	CHECK_INT(rmdir(path), 0);               /* ... which we remove again */
	CHECK_INT(file_write_atomic(path, "one\n", 4, 0640), 0);
	CHECK_INT(file_write_atomic(path, "two\n", 4, 0640), 0);
	CHECK_INT(file_read_all(path, &data, &len), 0);
	CHECK_STR(data, "two\n");
	CHECK_INT(len, 4);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0640);
	CHECK_INT(file_read_all("/nonexistent/x", &data, &len) , -ENOENT);
	free(data);
	/* no temp file is left beside it */
	snprintf(path, sizeof(path), "rm -r %s/sub/dir/config && rmdir %s/sub/dir %s/sub %s", dir, dir, dir, dir);
	CHECK_INT(system(path), 0);
}

static void octal_escapes_are_undone(void)
{
	char a[] = "/mnt/with\\040space\\011tab\\134back\\012nl", b[] = "\\999 \\04 \\0400 end\\", c[] = "";

	str_unescape_octal(a);
	CHECK_STR(a, "/mnt/with space\ttab\\back\nnl");
	/* not three octal digits (or above \377): left as written */
	str_unescape_octal(b);
	CHECK_STR(b, "\\999 \\04  0 end\\");
	str_unescape_octal(c);
	CHECK_STR(c, "");
}

UNIT_MAIN_BEGIN
	RUN(trim_removes_surrounding_space);
	RUN(numbers_are_parsed_strictly);
	RUN(edit_distance_counts_edits);
	RUN(prefix_and_suffix);
	RUN(octal_escapes_are_undone);
	RUN(strv_grows);
	RUN(atomic_write_replaces_file);
UNIT_MAIN_END
