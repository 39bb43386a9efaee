/* global.c - the system config (lxc.conf): known keys, their defaults, and reading the file; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/global.h"
#include "conf/parse.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/strutil.h"

const char *const conf_global_keys[] = {
	"lxc.default_config",
	"lxc.lxcpath",
	"lxc.bdev.lvm.vg",
	"lxc.bdev.lvm.thin_pool",
	"lxc.bdev.zfs.root",
	"lxc.cgroup.use",
	"lxc.cgroup.pattern",
	NULL,
};

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home)
		return home;
	pw = getpwuid(geteuid());
	return pw ? pw->pw_dir : "/";
}

const char *conf_global_path(char *buf, unsigned len)
{
	const char *env = getenv("LXC_GLOBAL_CONF_FILE");

	if (env && *env)
		snprintf(buf, len, "%s", env);
	else if (geteuid() == 0)
		snprintf(buf, len, "%s", LXC_GLOBAL_CONF);
	else
		snprintf(buf, len, "%s/.config/lxc/lxc.conf", home_dir());
	return buf;
}

/* Built-in defaults; unprivileged users get per-user paths, as with LXC. */
static char *global_default(const char *key)
{
	if (!strcmp(key, "lxc.lxcpath"))
		return geteuid() == 0 ? strdup(LXCPATH) : str_printf("%s/.local/share/lxc", home_dir());
	if (!strcmp(key, "lxc.default_config"))
		return geteuid() == 0 ? strdup(LXC_DEFAULT_CONFIG)
				      : str_printf("%s/.config/lxc/default.conf", home_dir());
	if (!strcmp(key, "lxc.bdev.lvm.vg") || !strcmp(key, "lxc.bdev.lvm.thin_pool") ||
	    !strcmp(key, "lxc.bdev.zfs.root"))
		return strdup("lxc");
	return NULL;
}

static bool is_global_key(const char *key)
{
	for (int i = 0; conf_global_keys[i]; i++)
		if (!strcmp(conf_global_keys[i], key))
			return true;
	return false;
}

int conf_global_get(const char *key, char **out)
{
	char path[4096];
	__do_fclose FILE *f = NULL;
	__do_free char *line = NULL, *found = NULL;
	size_t cap = 0;
	unsigned lineno = 0;

	*out = NULL;
	if (!key || !is_global_key(key))
		return -ENOENT;

	conf_global_path(path, sizeof(path));
	f = fopen(path, "re");
	if (!f && errno != ENOENT)
		return log_syserror(-errno, "cannot read the system config %s", path);

	while (f && getline(&line, &cap, f) >= 0) {
		enum conf_line_kind kind;
		char *k, *v;

		lineno++;
		kind = conf_split_line(line, &k, &v);
		if (kind == CONF_LINE_BLANK || kind == CONF_LINE_COMMENT)
			continue;
		if (kind == CONF_LINE_BAD) {
			WARN("%s:%u: ignoring a line without '=' in the system config", path, lineno);
			continue;
		}
		if (strcmp(k, key))
			continue;
		/* Last one wins, as in LXC; an empty value means "not set". */
		free(found);
		found = *v ? strdup(v) : NULL;
		if (*v && !found)
			return -ENOMEM;
	}

	*out = found ? move_ptr(found) : global_default(key);
	return 0;
}
