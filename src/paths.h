/* paths.h - where a container's files live: its directory, config, lock, and the runtime directory; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_PATHS_H
#define BERTH_PATHS_H

/* All return a malloc'd string, or NULL on allocation failure (or, for
 * runtime_dir, when a non-root caller has neither $XDG_RUNTIME_DIR nor $HOME). */

/* The runtime directory as LXC chooses it: RUNTIME_PATH (/run) for root,
 * $XDG_RUNTIME_DIR or ~/.cache/lxc/run for others. */
char *runtime_dir(void);

/* LXCPATH/NAME and LXCPATH/NAME/config */
char *container_dir(const char *lxcpath, const char *name);
char *container_config_file(const char *lxcpath, const char *name);

/* RUNDIR/lxc/lock/LXCPATH/.NAME: the container lock file, where LXC keeps it,
 * so that berth's and LXC's tools exclude each other. */
char *container_lock_file(const char *lxcpath, const char *name);

/* A copy of path without trailing slashes ("/" stays "/"). */
char *path_strip_trailing(const char *path);

#endif
