/* test-log.c - unit tests for log.c: level names, thresholds, the file sink's format; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "log.h"
#include "unit.h"
#include "util/fileutil.h"

static void levels_parse_by_name_and_number(void)
{
	CHECK_INT(log_level_from_string("TRACE"), LOG_LEVEL_TRACE);
	CHECK_INT(log_level_from_string("debug"), LOG_LEVEL_DEBUG);
	CHECK_INT(log_level_from_string("WARNING"), LOG_LEVEL_WARN);
	CHECK_INT(log_level_from_string("8"), LOG_LEVEL_FATAL);
	CHECK_INT(log_level_from_string("9"), -EINVAL);
	CHECK_INT(log_level_from_string("LOUD"), -EINVAL);
	CHECK_INT(log_level_from_string(""), -EINVAL);
	CHECK_STR(log_level_to_string(LOG_LEVEL_ERROR), "ERROR");
}

static void file_sink_honours_threshold(void)
{
	char path[] = "/tmp/berth-log.XXXXXX", *data = NULL;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	close(fd);
	log_set_quiet(true);
	log_set_prog("lxc-test");
	log_set_container("c1");
	CHECK_INT(log_open_file(path), 0);
	CHECK_INT(log_set_level(LOG_LEVEL_INFO), 0);
	DEBUG("hidden %d", 1);
	INFO("shown %d", 2);
	errno = ENOENT;
	SYSERROR("opening %s", "x");
	CHECK_INT(errno, ENOENT);
	log_close_file();
	CHECK_INT(file_read_all(path, &data, NULL), 0);
	CHECK(strstr(data, "hidden") == NULL);
	CHECK_CONTAINS(data, "lxc-test c1 ");
	CHECK_CONTAINS(data, "INFO");
	CHECK_CONTAINS(data, "shown 2");
	CHECK_CONTAINS(data, "opening x: No such file or directory");
	CHECK_CONTAINS(data, "test-log.c:");
	free(data);
	unlink(path);
}

UNIT_MAIN_BEGIN
	RUN(levels_parse_by_name_and_number);
	RUN(file_sink_honours_threshold);
UNIT_MAIN_END
