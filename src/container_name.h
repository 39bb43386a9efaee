/* container_name.h - what a container name may be; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CONTAINER_NAME_H
#define BERTH_CONTAINER_NAME_H

#include <stddef.h>

/*
 * A name becomes a directory under the lxcpath, a lock file and a socket
 * name, so it must be a single path component: not empty, not "." or "..",
 * no '/', no control characters, at most NAME_MAX bytes.
 * Returns 0, or -EINVAL with the reason ("contains '/'") written into why.
 */
int container_name_check(const char *name, char *why, size_t whylen);

#endif
