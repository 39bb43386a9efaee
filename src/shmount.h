/* shmount.h - lxc.mount.auto shmounts: the host side of the tmpfs shared with a container for injecting mounts; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_SHMOUNT_H
#define BERTH_SHMOUNT_H

#include <stdbool.h>
#include <stddef.h>

/* LXC's container path when shmounts: names only the host path. */
#define SHMOUNT_DEFAULT_CONT "/dev/.lxc-mounts"

/*
 * One lxc.mount.auto word "shmounts:HOST[:CONT]" -> malloc'd host and
 * container paths (CONT defaults to SHMOUNT_DEFAULT_CONT). Both must be
 * absolute. -EINVAL with err otherwise.
 */
int shmount_parse(const char *word, char **host, char **cont, char *err, size_t errlen);

/*
 * In the host's mount namespace, before the container's is cloned: a small
 * tmpfs at host, made shared, so what the host mounts under it later
 * propagates into the container's slave copy. A host path that already is a
 * shared mount point (another container's, or the admin's) is used as it is.
 * *made says whether this call mounted it (and shmount_host_release should
 * unmount it). Returns 0 or -errno with err.
 */
int shmount_host_prepare(const char *host, bool *made, char *err, size_t errlen);

/*
 * Pure (unit-tested): one /proc/self/mountinfo line against a host path. -1
 * when the line's mount point (\ooo escapes undone) is not path (trailing
 * slashes of path ignored), else 1 when the mount is in a shared peer group
 * ("shared:N"), 0 when not.
 */
int shmount_mountinfo_shared(const char *line, const char *path);

/* Unmounts (lazily: the injected mounts under it go too) what prepare mounted. */
void shmount_host_release(const char *host, bool made);

#endif
