/* template.h - finding and running a container template with LXC's arguments and environment; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_TEMPLATE_H
#define BERTH_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The template t: t itself when it contains a '/' (a path), else
 * TEMPLATE_DIR/lxc-t, as LXC finds them. It must be an executable file.
 * Returns a malloc'd absolute path, or NULL with err = why (one line).
 */
char *template_find(const char *t, const char *template_dir, char *err, size_t errlen);

/*
 * The argv LXC gives a template: its base name, --path=CONTAINER_DIR,
 * --name=NAME, --rootfs=ROOTFS, --mapped-uid=U --mapped-gid=G when the
 * container has id maps (mapped < 0: none), then the user's arguments
 * unchanged. NULL-terminated, malloc'd (strv_free); NULL on ENOMEM.
 */
char **template_build_argv(const char *tpath, const char *container_dir, const char *name, const char *rootfs,
			   long mapped_uid, long mapped_gid, char *const user_argv[]);

/* The LXC_* environment the template gets (KEY=VALUE, strv_free). */
char **template_build_env(const char *name, const char *container_dir, const char *rootfs, const char *config_file);

struct template_job {
	const char *path;  /* what to execute */
	char **argv;
	char **env;        /* KEY=VALUE added to (or replacing in) the inherited environment */
	bool quiet;        /* stdout to /dev/null; stderr kept only for the error message */
	bool private_mounts; /* run it in its own mount namespace (root): its mounts go with it */
};

/*
 * Runs the template in its own process group and waits for it. Its stdin is
 * /dev/null when ours is a terminal (it cannot read one from a background
 * group) and with quiet. Signals caught by template_signals_* are forwarded
 * to it. If it fails or is interrupted, what is left of its process group is
 * killed before this returns, so nothing of it still writes into the rootfs.
 * Returns 0 when it exited 0; -EINTR if a signal interrupted the create;
 * -ECANCELED when it failed (err = "exited with status N: LAST LINE" or
 * "was killed by signal N"); another -errno if it could not be run (err says).
 */
int template_run(const struct template_job *job, char *err, size_t errlen);

#endif
