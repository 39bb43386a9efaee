/* api_extensions.c - what this liblxc supports: lxc_has_api_extension and lxc_config_item_is_supported; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include <lxc/lxccontainer.h>

#include "conf/keys.h"
#include "util/cleanup.h"

/*
 * LXC 5.0 names its additions to the API so that bindings can ask before
 * using them. berth answers true only for what it really provides: an issue
 * that implements one (seccomp_notify, pidfd, devpts_fd, mount_injection, ...)
 * adds its name here.
 */
static const char *const extensions[] = {
	"lxc_log",                      /* struct lxc_log and lxc_log_init() */
	"lxc_config_item_is_supported", /* lxc_config_item_is_supported() */
};

BERTH_EXPORT bool lxc_has_api_extension(const char *extension)
{
	for (size_t i = 0; extension && i < ARRAY_SIZE(extensions); i++)
		if (!strcmp(extension, extensions[i]))
			return true;
	return false;
}

/* Legacy keys count when they still mean something (they are read and mapped);
 * obsolete ones, which are only ignored with a warning, do not. */
BERTH_EXPORT bool lxc_config_item_is_supported(const char *key)
{
	const struct conf_key *def;

	if (!key)
		return false;
	def = conf_key_lookup(key, NULL);
	if (!def)
		return false;
	if ((def->flags & KEY_LEGACY) && !def->replacement)
		return false;
	return true;
}
