/* rmtree.h - removing a directory tree safely: no symlink is followed, no mount is entered; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_UTIL_RMTREE_H
#define BERTH_UTIL_RMTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * What a container leaves on disk belongs to whoever was root inside it, so
 * removing it must not trust it: a symlink is removed, never followed (a
 * link to /home stays a link, /home stays), and a directory that is a mount
 * point (a bind mount of a host directory too, even from the same file
 * system) is never entered or removed. Every directory is opened relative to
 * its parent's fd, so a rename racing with the walk cannot redirect it.
 */
struct rmtree_opts {
	bool keep_top;       /* empty the directory but keep it */
	/* A directory below the top that stays, with everything in it (a rootfs
	 * the config says is not managed); matched by device and inode. */
	bool has_keep;
	dev_t keep_dev;
	ino_t keep_ino;
};

/*
 * Removes path (a file, a symlink or a directory tree). A missing path is
 * fine (0). The components of path above its last one are trusted (they are
 * the host's: the lxcpath, a --dir); the last one and everything below are
 * not. Goes on past failures, removing what it can, and returns the first
 * failure as -errno with err = "PATH: what went wrong" (a mount point left in
 * place is -EBUSY). opts may be NULL.
 */
int rmtree(const char *path, const struct rmtree_opts *opts, char *err, size_t errlen);

/*
 * Whether a mount point of this process's mount namespace is path or lies
 * below it: 1 (the first one found in *mp), 0, or -errno. path must be
 * canonical (realpath) as /proc/self/mountinfo lists canonical paths.
 */
int mount_point_below(const char *path, char *mp, size_t mplen);

#endif
