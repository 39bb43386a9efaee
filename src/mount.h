/* mount.h - mount entries and options (fstab syntax, LXC's extras, lxc.mount.auto) and mounting safely inside a rootfs; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_MOUNT_H
#define BERTH_MOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Parsed mount options: MS_* flags, propagation, LXC's extras (MNT_OPT_*), the rest as fs data. */
struct mount_opts {
	unsigned long flags;
	unsigned long propagation; /* MS_SHARED/MS_SLAVE/MS_PRIVATE/MS_UNBINDABLE, | MS_REC */
	unsigned opt;              /* MNT_OPT_* from start_plan.h */
	char *data;                /* malloc'd, NULL if none */
};

/* "ro,bind,create=dir,size=10m" -> flags and data. -EINVAL with err for an
 * option LXC does not know either (create=other, idmap= not supported yet). */
int mount_parse_options(const char *options, struct mount_opts *out, char *err, size_t errlen);

/* One fstab line: "SOURCE TARGET TYPE OPTIONS [DUMP [PASS]]". Strings are malloc'd.
 * Returns 0, 1 for an empty/comment line, or -EINVAL with err. */
struct mount_entry {
	char *source;
	char *target;
	char *fstype;
	char *options;
};
int mount_parse_entry(const char *line, struct mount_entry *out, char *err, size_t errlen);
void mount_entry_free(struct mount_entry *e);

/* lxc.mount.auto words -> AUTO_* bits (start_plan.h); several values OR together.
 * shmounts words are skipped: the plan builder parses them (shmount_parse). */
int mount_parse_auto(const char *value, unsigned *bits, char *err, size_t errlen);

/*
 * In the child. Paths are resolved inside root (an fd of the rootfs): a
 * symlink can never lead outside it (openat2 RESOLVE_IN_ROOT; a checked walk
 * where the kernel lacks it). `rel` is relative to root ("dev/pts"); leading
 * slashes are ignored. Return an fd / 0, or -errno.
 */
int mount_open_in_root(int root, const char *rel, int flags);
int mount_mkdir_in_root(int root, const char *rel, mode_t mode);
int mount_create_file_in_root(int root, const char *rel, mode_t mode);

/*
 * Mounts (or binds) source onto rel inside root. fstype NULL with MS_BIND in
 * flags for a bind; `remount` applies the per-mount flags of a bind in a
 * second call (ro, nosuid, ...), as the kernel ignores them on the first.
 * source_fd >= 0 binds that fd instead of a path. err gets the reason.
 */
struct mount_req {
	const char *source;
	int source_fd;
	const char *fstype;
	unsigned long flags;
	unsigned long propagation;
	const char *data;
	unsigned opt; /* MNT_OPT_* */
};
int mount_in_root(int root, const char *rel, const struct mount_req *req, char *err, size_t errlen);

/* MS_* flags to their option names ("ro,nosuid,bind"), for messages and traces. */
void mount_flags_format(unsigned long flags, char *buf, size_t len);

#endif
