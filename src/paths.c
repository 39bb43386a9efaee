/* paths.c - where a container's files live: its directory, config, lock, and the runtime directory; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
#include "util/strutil.h"

char *runtime_dir(void)
{
	const char *xdg, *home;

	if (geteuid() == 0)
		return strdup(RUNTIME_PATH);
	xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && *xdg)
		return strdup(xdg);
	home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return str_printf("%s/.cache/lxc/run", home);
}

char *container_dir(const char *lxcpath, const char *name)
{
	return str_printf("%s/%s", lxcpath, name);
}

char *container_config_file(const char *lxcpath, const char *name)
{
	return str_printf("%s/%s/config", lxcpath, name);
}

char *container_lock_file(const char *lxcpath, const char *name)
{
	char *rundir = runtime_dir(), *path;

	if (!rundir)
		return NULL;
	while (*lxcpath == '/')
		lxcpath++;
	path = str_printf("%s/lxc/lock/%s/.%s", rundir, lxcpath, name);
	free(rundir);
	return path;
}

char *path_strip_trailing(const char *path)
{
	char *p = strdup(path);
	size_t len;

	if (!p)
		return NULL;
	len = strlen(p);
	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	return p;
}
