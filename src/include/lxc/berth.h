/* berth.h - berth's documented additions to liblxc: what the tools need and liblxc 5.0 has no call for; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef __BERTH_H
#define __BERTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* "0.1.0": berth's own release (lxc_get_version() gives the LXC API level). */
const char *berth_get_version(void);

/* The system config keys lxc-config -l lists (NULL-terminated). */
const char *const *berth_global_config_keys(void);

/*
 * Config files, read and written as text that keeps its comments and order.
 * Used by lxc-update-config; containers use the lxc_container methods instead.
 */
struct berth_config_file;

/* Reads and validates FILE (and what it includes). On failure returns NULL and
 * writes one line "FILE:LINE: what is wrong" into err. Warnings (legacy keys)
 * are logged. */
struct berth_config_file *berth_config_file_read(const char *path, char *err, size_t errlen);

/* Rewrites every legacy key (lxc.network.*, lxc.utsname, ...) in the file itself
 * (not in its includes) to its current form; keeps comments and order.
 * Returns the number of lines changed, or a negative errno. */
int berth_config_file_convert(struct berth_config_file *conf);

/* Number of legacy keys in the file itself. */
int berth_config_file_legacy_count(const struct berth_config_file *conf);

/* Writes the file atomically (temp file + rename) to path (NULL: where it was read from). */
int berth_config_file_write(struct berth_config_file *conf, const char *path);

void berth_config_file_free(struct berth_config_file *conf);

/*
 * The error of the last call in this thread that failed without a container
 * to carry it in error_string: lxc_container_new() (an invalid name, a config
 * that does not load: "FILE:LINE: KEY: what is wrong (hint)") and the
 * list_*_containers() calls. Empty if there was none. The text stays valid
 * until the thread's next failing call.
 */
const char *berth_last_error(void);

/*
 * Progress of the long calls (create: which step, how far). fn is called in
 * the calling thread at the start of each step with the container's name, the
 * step's number (1..steps) and what it does ("running the template
 * /usr/share/lxc/templates/lxc-busybox"); step == steps marks the end. The
 * setting is per thread; fn NULL turns it off (the default).
 */
typedef void (*berth_progress_fn)(const char *name, int step, int steps, const char *what, void *data);
void berth_set_progress(berth_progress_fn fn, void *data);

/*
 * JSON output for the tools' --format=json. A writer emits one JSON value to
 * out while it is built: begin/end objects and arrays, berth_json_key() before
 * each member's value, and scalars. Strings are escaped and bytes that are
 * not UTF-8 become U+FFFD; a NULL string and a non-finite double are null.
 * pretty: two-space indentation, one member per line.
 */
struct berth_json;

struct berth_json *berth_json_new(FILE *out, bool pretty);
void berth_json_object_begin(struct berth_json *j);
void berth_json_object_end(struct berth_json *j);
void berth_json_array_begin(struct berth_json *j);
void berth_json_array_end(struct berth_json *j);
void berth_json_key(struct berth_json *j, const char *key);
void berth_json_string(struct berth_json *j, const char *s);
void berth_json_int(struct berth_json *j, long long v);
void berth_json_uint(struct berth_json *j, unsigned long long v);
void berth_json_double(struct berth_json *j, double v);
void berth_json_bool(struct berth_json *j, bool v);
void berth_json_null(struct berth_json *j);
/* Ends the value with a newline, flushes and frees j. 0; -EINVAL if the calls
 * did not build exactly one complete value (a bug in the caller); -EIO if
 * writing failed. */
int berth_json_end(struct berth_json *j);

/*
 * State changes of every container of an lxcpath, as they happen (lxc-monitor).
 * Only changes after berth_monitor_open() are seen. berth_monitor_next waits
 * up to timeout_ms (-1: no limit) and returns 1 with an event, 0 on timeout,
 * or a negative errno.
 */
struct berth_monitor;
struct berth_monitor_event {
	char name[256];    /* the container */
	const char *state; /* "STARTING", "RUNNING", ...; NULL for an exit event */
	bool is_exit;      /* its init exited: exit_status is the wait status */
	int exit_status;
};
struct berth_monitor *berth_monitor_open(const char *lxcpath);
int berth_monitor_fd(const struct berth_monitor *m);
int berth_monitor_next(struct berth_monitor *m, int timeout_ms, struct berth_monitor_event *ev);
void berth_monitor_close(struct berth_monitor *m);

#ifdef __cplusplus
}
#endif

#endif
