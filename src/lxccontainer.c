/* lxccontainer.c - the public container object: its life cycle and the methods berth implements; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "attach_api.h"
#include "conf/conf.h"
#include "container.h"
#include "container_name.h"
#include "create.h"
#include "lock.h"
#include "lxccontainer_console.h"
#include "lxccontainer_devices.h"
#include "lxccontainer_freeze.h"
#include "lxccontainer_cgroup.h"
#include "lxccontainer_net.h"
#include "lxccontainer_run.h"
#include "log.h"
#include "paths.h"
#include "commands.h"
#include "state.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

/*
 * Locking, as LXC's: privlock (container_mem_lock) guards the object between
 * threads; the container lock (container_disk_lock) also excludes other
 * processes and is taken where the config file is read or written. Methods
 * take the lock once and call the unlocked do_* helpers, never each other.
 */

int container_mem_lock(struct lxc_container *c)
{
	int ret = lock_acquire(c->privlock, -1);

	if (ret < 0)
		container_error(c, -ret, "cannot take the object lock of %s: %s", c->name, strerror(-ret));
	return ret;
}

void container_mem_unlock(struct lxc_container *c)
{
	lock_release(c->privlock);
}

int container_disk_lock(struct lxc_container *c)
{
	int ret = container_mem_lock(c);

	if (ret < 0)
		return ret;
	ret = lock_acquire(c->slock, -1);
	if (ret < 0) {
		container_error(c, -ret, "cannot take the container lock %s: %s", lock_file(c->slock),
				strerror(-ret));
		container_mem_unlock(c);
	}
	return ret;
}

void container_disk_unlock(struct lxc_container *c)
{
	lock_release(c->slock);
	container_mem_unlock(c);
}

/* ---- config ---- */

/* Loads fname into the container's config (made if there is none); the caller holds a lock. */
static bool do_load_config(struct lxc_container *c, const char *fname)
{
	struct berth_container *b = container_priv(c);
	struct conf_error err;
	bool fresh = !b->conf;
	int ret;

	if (fresh && !(b->conf = conf_new())) {
		container_error(c, ENOMEM, "%s: out of memory loading %s", c->name, fname);
		return false;
	}
	ret = conf_load_file(b->conf, fname, &err);
	if (ret < 0) {
		/* A config that loaded halfway is not kept as if it were the container's. */
		if (fresh) {
			conf_free(b->conf);
			b->conf = NULL;
		}
		if (err.text[0])
			container_error(c, -ret, "%s", err.text);
		else
			container_error(c, -ret, "%s: cannot load the config: %s", fname, strerror(-ret));
		return false;
	}
	return true;
}

static bool own_file(struct lxc_container *c, const char *fname)
{
	return !fname || (c->configfile && !strcmp(fname, c->configfile));
}

/* The container's own config file is guarded by the on-disk lock (other
 * processes); another file only by the object's lock (other threads). */
static int file_lock(struct lxc_container *c, bool own)
{
	return own ? container_disk_lock(c) : container_mem_lock(c);
}

static void file_unlock(struct lxc_container *c, bool own)
{
	if (own)
		container_disk_unlock(c);
	else
		container_mem_unlock(c);
}

static bool m_load_config(struct lxc_container *c, const char *alt_file)
{
	const char *fname;
	bool own, ok;

	if (!c)
		return false;
	fname = alt_file ? alt_file : c->configfile;
	own = own_file(c, alt_file);
	if (file_lock(c, own) < 0)
		return false;
	ok = do_load_config(c, fname);
	file_unlock(c, own);
	return ok;
}

/* With no config loaded or set, saving starts from the system's default config, as LXC does. */
static bool ensure_config_for_save(struct lxc_container *c)
{
	struct berth_container *b = container_priv(c);
	const char *def;

	if (b->conf)
		return true;
	def = lxc_get_global_config_item("lxc.default_config");
	if (def && access(def, F_OK) == 0)
		return do_load_config(c, def);
	b->conf = conf_new();
	if (!b->conf) {
		container_error(c, ENOMEM, "%s: out of memory", c->name);
		return false;
	}
	return true;
}

static bool do_save_config(struct lxc_container *c, const char *fname, bool own)
{
	struct berth_container *b = container_priv(c);
	int ret;

	if (!ensure_config_for_save(c))
		return false;
	if (own) {
		__do_free char *dir = container_dir(c->config_path, c->name);

		if (!dir) {
			container_error(c, ENOMEM, "%s: out of memory", c->name);
			return false;
		}
		/* 0770 as LXC: the config may hold secrets; the rootfs below is not for other users */
		ret = mkdir_p(dir, 0770);
		if (ret < 0) {
			container_error(c, -ret, "cannot create the container directory %s: %s", dir, strerror(-ret));
			return false;
		}
	}
	ret = conf_write(b->conf, fname);
	if (ret < 0) {
		/* conf_write has logged it */
		container_error_quiet(c, -ret, "cannot write the config %s: %s", fname, strerror(-ret));
		return false;
	}
	return true;
}

static bool m_save_config(struct lxc_container *c, const char *alt_file)
{
	const char *fname;
	bool own, ok;

	if (!c)
		return false;
	fname = alt_file ? alt_file : c->configfile;
	own = own_file(c, alt_file);
	if (file_lock(c, own) < 0)
		return false;
	ok = do_save_config(c, fname, own);
	file_unlock(c, own);
	return ok;
}

static void m_clear_config(struct lxc_container *c)
{
	if (!c || container_mem_lock(c) < 0)
		return;
	conf_free(container_priv(c)->conf);
	container_priv(c)->conf = NULL;
	container_mem_unlock(c);
}

static bool m_set_config_item(struct lxc_container *c, const char *key, const char *value)
{
	struct berth_container *b;
	struct conf_error err;
	int ret;

	if (!c)
		return false;
	if (!key || !value) {
		container_error(c, EINVAL, "%s: set_config_item needs a key and a value", c->name);
		return false;
	}
	if (container_mem_lock(c) < 0)
		return false;
	b = container_priv(c);
	if (!b->conf && !(b->conf = conf_new())) {
		container_mem_unlock(c);
		container_error(c, ENOMEM, "%s: out of memory", c->name);
		return false;
	}
	ret = conf_set(b->conf, key, value, &err);
	container_mem_unlock(c);
	if (ret < 0) {
		if (err.text[0])
			container_error(c, -ret, "%s", err.text);
		else
			container_error(c, -ret, "%s: cannot set it: %s", key, strerror(-ret));
		return false;
	}
	return true;
}

static bool m_clear_config_item(struct lxc_container *c, const char *key)
{
	struct berth_container *b;
	int ret;

	if (!c)
		return false;
	if (!key) {
		container_error_quiet(c, EINVAL, "%s: clear_config_item needs a key", c->name);
		return false;
	}
	if (container_mem_lock(c) < 0)
		return false;
	b = container_priv(c);
	ret = b->conf ? conf_clear(b->conf, key) : -ENODATA;
	container_mem_unlock(c);
	if (ret == -ENODATA) {
		container_error_quiet(c, ENODATA, "%s: no config is loaded", c->name);
		return false;
	}
	if (ret < 0) {
		container_error_quiet(c, -ret, "%s: %s", key,
				      ret == -ENOENT ? "not a config key that can be cleared" : strerror(-ret));
		return false;
	}
	return true;
}

/* liblxc's buffer convention: retv NULL (or inlen <= 0) only measures. */
static size_t buffer_len(const char *retv, int inlen)
{
	return retv && inlen > 0 ? (size_t)inlen : 0;
}

static int m_get_config_item(struct lxc_container *c, const char *key, char *retv, int inlen)
{
	struct berth_container *b;
	int ret;

	if (!c)
		return -1;
	if (!key) {
		container_error_quiet(c, EINVAL, "%s: get_config_item needs a key", c->name);
		return -EINVAL;
	}
	if (container_mem_lock(c) < 0)
		return -1;
	b = container_priv(c);
	if (!b->conf) {
		/* as LXC: without a loaded config there is nothing to read */
		container_mem_unlock(c);
		container_error_quiet(c, ENODATA, "%s: no config is loaded", c->name);
		return -1;
	}
	ret = conf_get_item(b->conf, key, buffer_len(retv, inlen) ? retv : NULL, buffer_len(retv, inlen));
	container_mem_unlock(c);
	if (ret < 0)
		container_error_quiet(c, -ret, "%s: %s", key,
				      ret == -EINVAL || ret == -ENOENT ? "not a config key that has a value here"
								      : strerror(-ret));
	return ret;
}

static int m_get_keys(struct lxc_container *c, const char *key, char *retv, int inlen)
{
	struct lxc_config *conf, *empty = NULL;
	int ret;

	if (!c)
		return -1;
	if (container_mem_lock(c) < 0)
		return -1;
	/* the key names do not depend on a loaded config, only lxc.net.N's on its type */
	conf = container_priv(c)->conf;
	if (!conf)
		conf = empty = conf_new();
	ret = conf ? conf_get_keys(conf, key, buffer_len(retv, inlen) ? retv : NULL, buffer_len(retv, inlen))
		   : -ENOMEM;
	container_mem_unlock(c);
	conf_free(empty);
	if (ret < 0)
		container_error_quiet(c, -ret, "%s: %s", key ? key : "(all keys)",
				      ret == -EINVAL ? "no keys under this prefix" : strerror(-ret));
	return ret;
}

static char *m_config_file_name(struct lxc_container *c)
{
	if (!c || !c->configfile)
		return NULL;
	return strdup(c->configfile);
}

static const char *m_get_config_path(struct lxc_container *c)
{
	return c ? c->config_path : NULL;
}

static bool m_set_config_path(struct lxc_container *c, const char *path)
{
	__do_free char *new_path = NULL, *new_file = NULL;
	struct lxc_lock *new_lock;

	if (!c)
		return false;
	if (!path || !*path) {
		container_error(c, EINVAL, "%s: set_config_path needs a path", c->name);
		return false;
	}
	new_path = path_strip_trailing(path);
	new_file = new_path ? container_config_file(new_path, c->name) : NULL;
	new_lock = new_path ? lock_new_container(new_path, c->name) : NULL;
	if (!new_lock) {
		container_error(c, ENOMEM, "%s: out of memory", c->name);
		return false;
	}
	if (container_mem_lock(c) < 0) {
		lock_free(new_lock);
		return false;
	}
	/* The container lock belongs to lxcpath/name: it moves along. No other thread
	 * holds it now, since taking it requires the object lock we hold. */
	lock_free(c->slock);
	c->slock = new_lock;
	free(c->config_path);
	c->config_path = move_ptr(new_path);
	free(c->configfile);
	c->configfile = move_ptr(new_file);
	container_mem_unlock(c);
	return true;
}

/* ---- state ---- */

static bool m_is_defined(struct lxc_container *c)
{
	struct stat st;
	bool defined;

	if (!c || container_mem_lock(c) < 0)
		return false;
	defined = c->configfile && stat(c->configfile, &st) == 0;
	container_mem_unlock(c);
	return defined;
}

static const char *m_state(struct lxc_container *c)
{
	int s;

	if (!c)
		return NULL;
	s = cmd_get_state(c->name, c->config_path);
	if (s < 0) {
		container_error_quiet(c, -s, "%s: cannot get the state: %s", c->name, strerror(-s));
		return NULL;
	}
	return state_name(s);
}

static bool m_is_running(struct lxc_container *c)
{
	int s;

	if (!c)
		return false;
	s = cmd_get_state(c->name, c->config_path);
	return s >= 0 && s != STATE_STOPPED;
}

/* A monitor refuses the command socket to callers that may not control the container;
 * a stopped container has no monitor, and anyone may look at its files. */
static bool m_may_control(struct lxc_container *c)
{
	if (!c)
		return false;
	return cmd_get_state(c->name, c->config_path) != -EACCES;
}

static bool m_want_daemonize(struct lxc_container *c, bool state)
{
	if (!c || container_mem_lock(c) < 0)
		return false;
	c->daemonize = state;
	container_mem_unlock(c);
	return true;
}

static bool m_want_close_all_fds(struct lxc_container *c, bool state)
{
	if (!c || container_mem_lock(c) < 0)
		return false;
	container_priv(c)->close_all_fds = state;
	container_mem_unlock(c);
	return true;
}

/* ---- life cycle ---- */

static void install_methods(struct lxc_container *c)
{
	container_install_stubs(c);
	container_install_create(c);
	container_install_destroy(c);
	container_install_runtime(c);
	container_install_attach(c);
	container_install_console(c);
	container_install_cgroup(c);
	container_install_net(c);
	container_install_devices(c);
	container_install_freeze(c);
	c->is_defined = m_is_defined;
	c->state = m_state;
	c->is_running = m_is_running;
	c->load_config = m_load_config;
	c->want_daemonize = m_want_daemonize;
	c->want_close_all_fds = m_want_close_all_fds;
	c->config_file_name = m_config_file_name;
	c->set_config_item = m_set_config_item;
	c->save_config = m_save_config;
	c->clear_config = m_clear_config;
	c->clear_config_item = m_clear_config_item;
	c->get_config_item = m_get_config_item;
	c->get_keys = m_get_keys;
	c->get_config_path = m_get_config_path;
	c->set_config_path = m_set_config_path;
	c->may_control = m_may_control;
}

static void container_free(struct lxc_container *c)
{
	if (!c)
		return;
	conf_free(container_priv(c)->conf);
	lock_free(c->slock);
	lock_free(c->privlock);
	free(c->name);
	free(c->configfile);
	free(c->pidfile);
	free(c->error_string);
	free(c->config_path);
	free(container_priv(c));
}

BERTH_EXPORT struct lxc_container *lxc_container_new(const char *name, const char *configpath)
{
	struct berth_container *b;
	struct lxc_container *c;
	struct stat st;
	char why[128];

	if (!name) {
		container_error(NULL, EINVAL, "no container name given");
		return NULL;
	}
	if (container_name_check(name, why, sizeof(why)) < 0) {
		container_error(NULL, EINVAL, "invalid container name \"%s\": %s", name, why);
		return NULL;
	}
	if (!configpath)
		configpath = lxc_get_global_config_item("lxc.lxcpath");
	if (!configpath || !*configpath) {
		container_error(NULL, EINVAL, "%s: no lxcpath given and lxc.lxcpath is not set", name);
		return NULL;
	}

	b = calloc(1, sizeof(*b));
	if (!b) {
		container_error(NULL, ENOMEM, "%s: out of memory", name);
		return NULL;
	}
	c = &b->pub;
	c->numthreads = 1;
	c->daemonize = true;
	c->name = strdup(name);
	c->config_path = path_strip_trailing(configpath);
	c->configfile = c->config_path ? container_config_file(c->config_path, name) : NULL;
	c->privlock = lock_new_process();
	c->slock = c->config_path ? lock_new_container(c->config_path, name) : NULL;
	if (!c->name || !c->configfile || !c->privlock || !c->slock) {
		__do_free char *rundir = runtime_dir();

		container_free(c);
		if (!rundir)
			container_error(NULL, ENOENT, "no runtime directory for the container lock: set XDG_RUNTIME_DIR or HOME");
		else
			container_error(NULL, ENOMEM, "%s: out of memory", name);
		return NULL;
	}
	install_methods(c);

	/* An existing config is loaded now; one that fails makes no object, as with
	 * LXC (the error is logged and in berth_last_error()). */
	if (stat(c->configfile, &st) == 0 && !m_load_config(c, NULL)) {
		container_free(c);
		return NULL;
	}
	return c;
}

/*
 * get and put race with the last put as LXC's do: once numthreads reached 0
 * the object is being freed, and get must not touch its lock any more.
 */
BERTH_EXPORT int lxc_container_get(struct lxc_container *c)
{
	if (!c || c->numthreads < 1)
		return 0;
	if (lock_acquire(c->privlock, -1) < 0)
		return 0;
	if (c->numthreads < 1)
		return 0; /* freed under us: its lock is gone too, so leave it */
	c->numthreads++;
	lock_release(c->privlock);
	return 1;
}

BERTH_EXPORT int lxc_container_put(struct lxc_container *c)
{
	if (!c)
		return -1;
	if (lock_acquire(c->privlock, -1) < 0)
		return -1;
	if (--c->numthreads < 1) {
		lock_release(c->privlock);
		container_free(c);
		return 1;
	}
	lock_release(c->privlock);
	return 0;
}

BERTH_EXPORT int lxc_get_wait_states(const char **states)
{
	if (states)
		for (int i = 0; i < STATE_COUNT; i++)
			states[i] = state_name(i);
	return STATE_COUNT;
}
