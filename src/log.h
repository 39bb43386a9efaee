/* log.h - internal logging: levels, the stderr and file sinks, and the macros every module uses; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LOG_H
#define BERTH_LOG_H

#include <errno.h>
#include <stdbool.h>

enum berth_loglevel {
	LOG_LEVEL_TRACE,
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_NOTICE,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
	LOG_LEVEL_CRIT,
	LOG_LEVEL_ALERT,
	LOG_LEVEL_FATAL,
	LOG_LEVEL_NOTSET,
};

/* "DEBUG" -> LOG_LEVEL_DEBUG; also accepts LXC's numeric levels 0-8. -EINVAL if neither. */
int log_level_from_string(const char *s);
const char *log_level_to_string(int level);

/* Set by the tools (lxc_log_init) and by a container's lxc.log.* keys. */
int log_set_level(int level);
int log_get_level(void);
int log_open_file(const char *path);
void log_close_file(void);
void log_set_prog(const char *prog);
void log_set_container(const char *name);
void log_set_quiet(bool quiet);
bool log_get_quiet(void);
bool log_file_is_open(void);

/* The text of the last ERROR (or worse) this thread logged, printed or not ("" if none):
 * lets a caller hand a module's own one-line reason on (the monitor to lxc-start). */
const char *log_last_error(void);

__attribute__((format(printf, 5, 6)))
void log_emit(int level, const char *file, int line, const char *func, const char *fmt, ...);

#define LOG_AT(level, fmt, ...) log_emit(level, __FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__)
#define TRACE(fmt, ...) LOG_AT(LOG_LEVEL_TRACE, fmt, ##__VA_ARGS__)
#define DEBUG(fmt, ...) LOG_AT(LOG_LEVEL_DEBUG, fmt, ##__VA_ARGS__)
#define INFO(fmt, ...) LOG_AT(LOG_LEVEL_INFO, fmt, ##__VA_ARGS__)
#define NOTICE(fmt, ...) LOG_AT(LOG_LEVEL_NOTICE, fmt, ##__VA_ARGS__)
#define WARN(fmt, ...) LOG_AT(LOG_LEVEL_WARN, fmt, ##__VA_ARGS__)
#define ERROR(fmt, ...) LOG_AT(LOG_LEVEL_ERROR, fmt, ##__VA_ARGS__)
/* ERROR with ": <strerror(errno)>" appended; errno is preserved. */
#define SYSERROR(fmt, ...)                                                         \
	({                                                                         \
		int __e = errno;                                                   \
		LOG_AT(LOG_LEVEL_ERROR, fmt ": %s", ##__VA_ARGS__, strerror(__e)); \
		errno = __e;                                                       \
	})
#define SYSWARN(fmt, ...)                                                         \
	({                                                                        \
		int __e = errno;                                                  \
		LOG_AT(LOG_LEVEL_WARN, fmt ": %s", ##__VA_ARGS__, strerror(__e)); \
		errno = __e;                                                      \
	})

/* Log once and return the given (negative errno) value: `return log_error(-EINVAL, "...")`. */
#define log_error(ret, fmt, ...)              \
	({                                    \
		ERROR(fmt, ##__VA_ARGS__);    \
		(ret);                        \
	})
#define log_syserror(ret, fmt, ...)           \
	({                                    \
		SYSERROR(fmt, ##__VA_ARGS__); \
		(ret);                        \
	})

#include <string.h>

#endif
