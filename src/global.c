/* global.c - the process-wide calls of the public API: versions, log setup, system config items; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "conf/global.h"
#include "log.h"
#include "util/cleanup.h"

BERTH_EXPORT const char *lxc_get_version(void)
{
	return LXC_VERSION;
}

BERTH_EXPORT const char *berth_get_version(void)
{
	return BERTH_VERSION;
}

/* 0 or -1, as liblxc 5.0 returns (its header declares int). */
BERTH_EXPORT int lxc_log_init(struct lxc_log *log)
{
	if (!log)
		return -1;
	log_set_prog(log->prefix ? log->prefix : "lxc");
	log_set_container(log->name);
	log_set_quiet(log->quiet);
	if (log->level) {
		int level = log_level_from_string(log->level);
		if (level < 0) {
			ERROR("invalid log priority \"%s\": use TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, ALERT or FATAL",
			      log->level);
			return -1;
		}
		log_set_level(level);
	}
	if (log->file && *log->file && strcmp(log->file, "none")) {
		int ret = log_open_file(log->file);
		if (ret < 0) {
			ERROR("cannot open log file %s: %s", log->file, strerror(-ret));
			return -1;
		}
	}
	return 0;
}

BERTH_EXPORT void lxc_log_close(void)
{
	log_close_file();
}

/* Values are read once per process and kept, as callers (python3-lxc among
 * them) do not free what this returns. */
BERTH_EXPORT const char *lxc_get_global_config_item(const char *key)
{
	static char *cache[16];
	static bool cached[16];

	for (int i = 0; conf_global_keys[i] && i < 16; i++) {
		if (strcmp(conf_global_keys[i], key ? key : ""))
			continue;
		if (!cached[i]) {
			if (conf_global_get(key, &cache[i]) < 0)
				return NULL;
			cached[i] = true;
		}
		return cache[i];
	}
	return NULL;
}

BERTH_EXPORT const char *const *berth_global_config_keys(void)
{
	return conf_global_keys;
}
