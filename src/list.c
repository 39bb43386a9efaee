/* list.c - finding the containers of an lxcpath: list_defined/active/all_containers; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "container.h"
#include "list.h"
#include "log.h"
#include "paths.h"
#include "commands.h"
#include "state.h"
#include "util/cleanup.h"
#include "util/strutil.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_defined(const char *lxcpath, const char *name)
{
	__do_free char *cfg = container_config_file(lxcpath, name);
	struct stat st;

	return cfg && stat(cfg, &st) == 0;
}

/* Whether a monitor runs for it. The runtime may find active containers that
 * have no directory here (lxc-execute -f); this is where that goes. */
static bool is_active(const char *lxcpath, const char *name)
{
	int s = cmd_get_state(name, lxcpath);

	return s > STATE_STOPPED || s == -EACCES;
}

int list_names(const char *lxcpath, unsigned what, char ***names)
{
	__do_closedir DIR *dir = NULL;
	__do_free_strv char **out = NULL;
	struct dirent *d;
	size_t n = 0;

	*names = NULL;
	dir = opendir(lxcpath);
	if (!dir) {
		int err = errno;

		last_error_set("cannot read the lxcpath %s: %s", lxcpath, strerror(err));
		return log_error(-err, "cannot read the lxcpath %s: %s", lxcpath, strerror(err));
	}
	out = calloc(1, sizeof(*out));
	if (!out)
		return -ENOMEM;
	while ((d = readdir(dir))) {
		bool take;

		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		take = ((what & LIST_DEFINED) && is_defined(lxcpath, d->d_name)) ||
		       ((what & LIST_ACTIVE) && is_active(lxcpath, d->d_name));
		if (!take)
			continue;
		if (strv_append(&out, d->d_name) < 0)
			return -ENOMEM;
		n++;
	}
	qsort(out, n, sizeof(*out), cmp_names);
	*names = move_ptr(out);
	return (int)n;
}

/* The common part of the three calls: names, and containers if asked for. Names
 * whose container cannot be made (a config that does not load) are left out of
 * both when containers are asked for, as LXC does. */
static int list_containers(const char *lxcpath, unsigned what, char ***names, struct lxc_container ***cret)
{
	__do_free_strv char **found = NULL;
	__do_free struct lxc_container **cs = NULL;
	int n, kept = 0;

	if (names)
		*names = NULL;
	if (cret)
		*cret = NULL;
	if (!lxcpath)
		lxcpath = lxc_get_global_config_item("lxc.lxcpath");
	if (!lxcpath) {
		last_error_set("no lxcpath given and lxc.lxcpath is not set");
		return -1;
	}
	n = list_names(lxcpath, what, &found);
	if (n < 0)
		return -1;

	if (cret) {
		cs = calloc((size_t)n + 1, sizeof(*cs));
		if (!cs)
			return -1;
		for (int i = 0; i < n; i++) {
			struct lxc_container *c = lxc_container_new(found[i], lxcpath);

			if (!c || (what == LIST_DEFINED && !c->is_defined(c))) {
				lxc_container_put(c);
				free(found[i]);
				continue;
			}
			found[kept] = found[i];
			cs[kept++] = c;
		}
		found[kept] = NULL;
		n = kept;
		*cret = move_ptr(cs);
	}
	if (names)
		*names = move_ptr(found);
	return n;
}

BERTH_EXPORT int list_defined_containers(const char *lxcpath, char ***names, struct lxc_container ***cret)
{
	return list_containers(lxcpath, LIST_DEFINED, names, cret);
}

BERTH_EXPORT int list_active_containers(const char *lxcpath, char ***names, struct lxc_container ***cret)
{
	return list_containers(lxcpath, LIST_ACTIVE, names, cret);
}

BERTH_EXPORT int list_all_containers(const char *lxcpath, char ***names, struct lxc_container ***cret)
{
	return list_containers(lxcpath, LIST_DEFINED | LIST_ACTIVE, names, cret);
}
