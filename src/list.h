/* list.h - finding the containers of an lxcpath (behind list_defined/active/all_containers); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_LIST_H
#define BERTH_LIST_H

#include <stdbool.h>

/* What a directory entry of an lxcpath is. */
enum {
	LIST_DEFINED = 1 << 0, /* NAME/config exists */
	LIST_ACTIVE = 1 << 1,  /* a monitor runs for it */
};

/*
 * The names in lxcpath that are any of `what` (LIST_*), sorted by strcmp, as a
 * NULL-terminated malloc'd vector. Returns the count, or -errno (lxcpath cannot
 * be read; logged).
 */
int list_names(const char *lxcpath, unsigned what, char ***names);

#endif
