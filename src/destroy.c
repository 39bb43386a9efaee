/* destroy.c - the destroy methods: lxc.hook.destroy, then the rootfs and the container directory, removed without following symlinks or entering mounts; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "conf/conf.h"
#include "container.h"
#include "create.h"
#include "hooks.h"
#include "log.h"
#include "paths.h"
#include "commands.h"
#include "state.h"
#include "util/cleanup.h"
#include "util/rmtree.h"
#include "util/strutil.h"

/* A directory with at least one entry? */
static bool dir_has_entries(const char *path)
{
	__do_closedir DIR *d = opendir(path);
	struct dirent *de;

	if (!d)
		return false;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			return true;
	return false;
}

/*
 * Containers that depend on this one. LXC records clones of a container in
 * its lxc_snapshots file and keeps snapshots under snaps/; berth's copy
 * (lxc-copy, lxc-snapshot) will write the same files. Until it lands no
 * berth container has dependents, but one made by LXC may.
 */
static bool has_dependents(struct lxc_container *c, const char *cdir, bool with_snapshots)
{
	__do_free char *clones = str_printf("%s/lxc_snapshots", cdir);
	__do_free char *snaps = str_printf("%s/snaps", cdir);

	if (!clones || !snaps) {
		container_error(c, ENOMEM, "out of memory");
		return true;
	}
	if (access(clones, F_OK) == 0) {
		container_error(c, EBUSY, "other containers are clones of this one (listed in %s): destroy them first",
				clones);
		return true;
	}
	if (dir_has_entries(snaps)) {
		if (with_snapshots)
			container_error(c, ENOSYS, "the container has snapshots in %s, and destroying snapshots is not implemented in berth yet",
					snaps);
		else
			container_error(c, EBUSY, "the container has snapshots in %s: destroy them with it (lxc-destroy -s)", snaps);
		return true;
	}
	return false;
}

/* A create holds LXCPATH/NAME/partial locked while it runs. */
static bool being_created(const char *cdir)
{
	__do_free char *partial = str_printf("%s/partial", cdir);
	__do_close int fd = partial ? open(partial, O_RDWR | O_CLOEXEC) : -EBADF;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	return fd >= 0 && fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

/* The rootfs directory of the config, NULL if it names none; *why set when it names one berth cannot remove. */
static char *rootfs_of(const struct lxc_config *conf, const char **why)
{
	const char *v = conf_get(conf, "lxc.rootfs.path");
	const char *colon;

	*why = NULL;
	if (!v || !*v)
		return NULL;
	if (v[0] == '/')
		return path_strip_trailing(v);
	colon = strchr(v, ':');
	if (colon && colon - v == 3 && !strncmp(v, "dir", 3) && colon[1] == '/')
		return path_strip_trailing(colon + 1);
	*why = "only directory rootfses can be destroyed by berth yet";
	return NULL;
}

static int run_destroy_hooks(struct lxc_container *c, const struct lxc_config *conf, const char *rootfs)
{
	__do_free const char **hooks = conf_get_list(conf, "lxc.hook.destroy");
	const char *version = conf_get(conf, "lxc.hook.version");
	const char *mount = conf_get(conf, "lxc.rootfs.mount");
	struct hook_env env = {
		.name = c->name,
		.config_file = c->configfile,
		/* nothing is mounted at destroy: the rootfs is where it lies */
		.rootfs_mount = mount && *mount ? mount : rootfs,
		.rootfs_path = rootfs,
		.console = conf_get(conf, "lxc.console.path"),
		.console_log = conf_get(conf, "lxc.console.logfile"),
		.version = version && !strcmp(version, "1"),
	};

	for (size_t i = 0; hooks && hooks[i]; i++) {
		char err[1024];
		int ret = hook_run("destroy", hooks[i], &env, err, sizeof(err));

		if (ret < 0) {
			container_error(c, ret == -ECANCELED ? ECANCELED : -ret,
					"lxc.hook.destroy %s; nothing was removed", err);
			return ret;
		}
	}
	return 0;
}

/* Depth of a canonical path: "/" 0, "/usr" 1, "/var/lib" 2. */
static int depth(const char *path)
{
	int n = 0;

	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			n++;
	return n;
}

static bool within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/' || (n == 1 && dir[0] == '/'));
}

/* Refuses (before anything is removed) when a file system is mounted in what would be removed. */
static bool mounts_in_the_way(struct lxc_container *c, const char *path)
{
	char mp[4096];
	int ret = mount_point_below(path, mp, sizeof(mp));

	if (ret < 0) {
		container_error(c, -ret, "cannot read the mount table: %s; nothing was removed", strerror(-ret));
		return true;
	}
	if (ret > 0) {
		container_error(c, EBUSY, "%s is a mount point: unmount it first (lxc-destroy never removes what is mounted in a container's files); nothing was removed",
				mp);
		return true;
	}
	return false;
}

static bool do_destroy(struct lxc_container *c, bool with_snapshots)
{
	struct berth_container *b = container_priv(c);
	struct lxc_config *disk = NULL;
	const struct lxc_config *conf;
	__do_free char *cdir = NULL, *rootfs = NULL, *cdir_real = NULL, *rootfs_real = NULL;
	const char *why, *managed;
	char err[1024];
	struct stat st;
	bool keep_rootfs, rootfs_inside;
	int state, ret;

	if (!c)
		return false;
	cdir = container_dir(c->config_path, c->name);
	if (!cdir) {
		container_error(c, ENOMEM, "out of memory");
		return false;
	}
	if (!c->configfile || stat(c->configfile, &st) < 0) {
		container_error(c, ENOENT, "no such container: there is no %s", c->configfile ? c->configfile : cdir);
		return false;
	}
	if (has_dependents(c, cdir, with_snapshots))
		return false;
	if (container_disk_lock(c) < 0)
		return false;

	state = cmd_get_state(c->name, c->config_path);
	if (state != STATE_STOPPED) {
		if (state < 0)
			container_error(c, -state, "cannot find out whether the container runs: %s", strerror(-state));
		else
			container_error(c, EBUSY, "the container is %s: stop it first (lxc-stop -n %s, or lxc-destroy -f)",
					state_name(state), c->name);
		goto fail;
	}
	if (being_created(cdir)) {
		container_error(c, EBUSY, "the container is being created right now: wait until lxc-create ends");
		goto fail;
	}

	/* as LXC, the config in memory (one that set_config_item changed too); else the one on disk */
	conf = b->conf;
	if (!conf) {
		struct conf_error cerr;

		disk = conf_new();
		if (!disk || conf_load_file(disk, c->configfile, &cerr) < 0) {
			container_error(c, EINVAL, "its config does not load (%s): fix it, or remove %s by hand",
					disk && cerr.text[0] ? cerr.text : "out of memory", cdir);
			goto fail;
		}
		conf = disk;
	}
	rootfs = rootfs_of(conf, &why);
	if (!rootfs && why) {
		container_error(c, ENOTSUP, "lxc.rootfs.path = %s: %s; nothing was removed", conf_get(conf, "lxc.rootfs.path"),
				why);
		goto fail;
	}
	managed = conf_get(conf, "lxc.rootfs.managed");
	keep_rootfs = managed && !strcmp(managed, "0");

	cdir_real = realpath(cdir, NULL);
	if (!cdir_real) {
		container_error(c, errno, "%s: %s", cdir, strerror(errno));
		goto fail;
	}
	rootfs_real = rootfs ? realpath(rootfs, NULL) : NULL;
	rootfs_inside = rootfs_real && within(rootfs_real, cdir_real);
	if (rootfs_real && !keep_rootfs && !rootfs_inside &&
	    (depth(rootfs_real) < 2 || within(cdir_real, rootfs_real))) {
		container_error(c, EPERM, "lxc.rootfs.path is %s: refusing to remove that directory; remove it by hand if it is really the container's",
				rootfs_real);
		goto fail;
	}
	if (mounts_in_the_way(c, cdir_real) ||
	    (rootfs_real && !keep_rootfs && !rootfs_inside && mounts_in_the_way(c, rootfs_real)))
		goto fail;

	if (run_destroy_hooks(c, conf, rootfs) < 0)
		goto fail;

	if (rootfs_real && !keep_rootfs && !rootfs_inside) {
		ret = rmtree(rootfs, NULL, err, sizeof(err));
		if (ret < 0) {
			container_error(c, -ret, "cannot remove the rootfs: %s", err);
			goto fail;
		}
		INFO("destroyed the rootfs %s", rootfs);
	}
	{
		struct rmtree_opts opts = { 0 };

		if (keep_rootfs && rootfs_inside && stat(rootfs_real, &st) == 0)
			opts = (struct rmtree_opts){ .has_keep = true, .keep_dev = st.st_dev, .keep_ino = st.st_ino };
		ret = rmtree(cdir, &opts, err, sizeof(err));
		if (ret < 0) {
			container_error(c, -ret, "cannot remove the container directory: %s", err);
			goto fail;
		}
	}
	conf_free(disk);
	container_disk_unlock(c);
	INFO("Destroyed container %s", c->name);
	return true;

fail:
	conf_free(disk);
	container_disk_unlock(c);
	return false;
}

static bool m_destroy(struct lxc_container *c)
{
	return do_destroy(c, false);
}

/* Snapshots do not exist in berth yet (lxc-snapshot comes with the copy issue): with none, this is destroy. */
static bool m_destroy_with_snapshots(struct lxc_container *c)
{
	return do_destroy(c, true);
}

void container_install_destroy(struct lxc_container *c)
{
	c->destroy = m_destroy;
	c->destroy_with_snapshots = m_destroy_with_snapshots;
}
