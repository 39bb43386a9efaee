/* autodev.h - /dev inside the container: device nodes (mknod, or a bind of the host's where that is not allowed), links and directories; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_AUTODEV_H
#define BERTH_AUTODEV_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Creates the node rel (inside root) with mode/dev; binds host_path there when mknod is refused. */
int autodev_mknod(int root, const char *rel, mode_t mode, dev_t dev, const char *host_path, char *err, size_t errlen);
/* rel -> target; replace: remove what is there first. An existing entry is kept otherwise. */
int autodev_symlink(int root, const char *target, const char *rel, bool replace, char *err, size_t errlen);
int autodev_mkdir(int root, const char *rel, mode_t mode, char *err, size_t errlen);

#endif
