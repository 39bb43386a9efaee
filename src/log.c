/* log.c - the log sinks: stderr for the user (one line per error) and a trace file for -o/lxc.log.file; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *const level_names[] = {
	"TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT", "ALERT", "FATAL", "NOTSET",
};

static struct {
	int level;       /* threshold for the file sink */
	int fd;          /* -1: no file */
	bool quiet;      /* -q: nothing on stderr */
	char prog[64];   /* "lxc-start" */
	char name[256];  /* container name, if any */
} logger = { .level = LOG_LEVEL_ERROR, .fd = -1 };

int log_level_from_string(const char *s)
{
	if (!s || !*s)
		return -EINVAL;
	if (isdigit((unsigned char)s[0]) && !s[1])
		return s[0] - '0' <= LOG_LEVEL_FATAL ? s[0] - '0' : -EINVAL;
	for (int i = 0; i < LOG_LEVEL_NOTSET; i++)
		if (!strcasecmp(s, level_names[i]))
			return i;
	/* LXC accepts WARNING for WARN; old configs use it. */
	if (!strcasecmp(s, "WARNING"))
		return LOG_LEVEL_WARN;
	return -EINVAL;
}

const char *log_level_to_string(int level)
{
	if (level < 0 || level > LOG_LEVEL_NOTSET)
		return "NOTSET";
	return level_names[level];
}

int log_set_level(int level)
{
	if (level < 0 || level >= LOG_LEVEL_NOTSET)
		return -EINVAL;
	logger.level = level;
	return 0;
}

int log_get_level(void) { return logger.level; }

int log_open_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0)
		return -errno;
	log_close_file();
	logger.fd = fd;
	return 0;
}

void log_close_file(void)
{
	if (logger.fd >= 0)
		close(logger.fd);
	logger.fd = -1;
}

bool log_file_is_open(void) { return logger.fd >= 0; }

void log_set_prog(const char *prog)
{
	snprintf(logger.prog, sizeof(logger.prog), "%s", prog ? prog : "");
}

void log_set_container(const char *name)
{
	snprintf(logger.name, sizeof(logger.name), "%s", name ? name : "");
}

void log_set_quiet(bool quiet) { logger.quiet = quiet; }
bool log_get_quiet(void) { return logger.quiet; }

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

static __thread char last_error[4096];

const char *log_last_error(void)
{
	return last_error;
}

void log_emit(int level, const char *file, int line, const char *func, const char *fmt, ...)
{
	int saved_errno = errno;
	bool to_file = logger.fd >= 0 && level >= logger.level;
	/* The user sees errors (and warnings) on stderr unless -q; details go to the file. */
	bool to_stderr = !logger.quiet && level >= LOG_LEVEL_WARN;
	char msg[4096];
	va_list ap;

	if (!to_file && !to_stderr && level < LOG_LEVEL_ERROR) {
		errno = saved_errno;
		return;
	}

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (level >= LOG_LEVEL_ERROR)
		snprintf(last_error, sizeof(last_error), "%s", msg);

	if (to_stderr) {
		char out[4608];
		int n;
		if (logger.name[0])
			n = snprintf(out, sizeof(out), "%s: %s: %s%s\n", logger.prog[0] ? logger.prog : "lxc",
				     logger.name, level == LOG_LEVEL_WARN ? "warning: " : "", msg);
		else
			n = snprintf(out, sizeof(out), "%s: %s%s\n", logger.prog[0] ? logger.prog : "lxc",
				     level == LOG_LEVEL_WARN ? "warning: " : "", msg);
		if (n > 0)
			write_all(STDERR_FILENO, out, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1);
	}

	if (to_file) {
		char out[4608], stamp[32];
		struct timespec ts;
		struct tm tm;
		const char *base = strrchr(file, '/');
		int n;

		clock_gettime(CLOCK_REALTIME, &ts);
		gmtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
		n = snprintf(out, sizeof(out), "%s %s %s.%03ld %-6s %s:%d %s - %s\n",
			     logger.prog[0] ? logger.prog : "lxc", logger.name[0] ? logger.name : "-",
			     stamp, ts.tv_nsec / 1000000, level_names[level], base ? base + 1 : file, line,
			     func, msg);
		if (n > 0)
			write_all(logger.fd, out, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1);
	}
	errno = saved_errno;
}
