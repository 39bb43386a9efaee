/* lxccontainer_run.c - the container object's running methods (start, stop, wait, ...) over the runtime, and berth_monitor_* for lxc-monitor; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "commands.h"
#include "conf/conf.h"
#include "container.h"
#include "log.h"
#include "lxccontainer_run.h"
#include "network/network.h"
#include "start.h"
#include "util/cleanup.h"

/* ---- the network module at the start's named steps ---- */

/* The module's own one-line reason goes to lxc-start through err: it is not
 * printed here too (in the foreground the monitor shares lxc-start's stderr). */
static bool net_quiet_begin(void)
{
	bool was = log_get_quiet();

	log_set_quiet(true);
	return was;
}

static void net_reason(int ret, char *err, size_t errlen)
{
	const char *last = log_last_error();
	snprintf(err, errlen, "%s", *last ? last : strerror(-ret));
}

static int glue_create(void *ctx, pid_t pid, int netns_fd, char *err, size_t errlen)
{
	bool was = net_quiet_begin();
	int ret = net_create_host_side(ctx, netns_fd);

	log_set_quiet(was);
	(void)pid;
	if (ret < 0)
		net_reason(ret, err, errlen);
	return ret;
}

static int glue_inside(void *ctx, char *err, size_t errlen)
{
	bool was = net_quiet_begin();
	int ret = net_configure_inside(ctx);

	log_set_quiet(was);
	if (ret < 0)
		net_reason(ret, err, errlen);
	return ret;
}

static void glue_undo(void *ctx, int netns_fd)
{
	net_plan_undo(ctx, netns_fd);
}

static void glue_stop(void *ctx, int netns_fd)
{
	net_stop_host_side(ctx, netns_fd);
}

/* The running config: the loaded one, except what only exists once running
 * (a veth's generated host name). */
struct running_config {
	struct lxc_config *conf;
	struct net_plan *net;
};

static int running_config_item(void *ctx, const char *key, char *buf, size_t len)
{
	struct running_config *rc = ctx;
	int idx;
	char rest[64];

	if (rc->net && sscanf(key, "lxc.net.%d.%63s", &idx, rest) == 2 && !strcmp(rest, "veth.pair")) {
		for (size_t i = 0; i < net_plan_device_count(rc->net); i++) {
			struct net_device_info info;
			if (net_plan_device_info(rc->net, i, &info) == 0 && info.index == idx && info.host_name &&
			    *info.host_name)
				return snprintf(buf, len, "%s", info.host_name);
		}
	}
	return conf_get_item(rc->conf, key, buf, len);
}

/* ---- start ---- */

static bool fail(struct lxc_container *c, int err, const char *text)
{
	/* The runtime has logged it (one line); here it only becomes error_string. */
	container_error_quiet(c, err, "%s", text);
	return false;
}

bool container_start(struct lxc_container *c, int useinit, char *const argv[])
{
	struct berth_container *b;
	struct start_args args = { 0 };
	struct start_net_ops net = { .create = glue_create, .configure_inside = glue_inside, .undo = glue_undo,
				     .stop = glue_stop };
	struct net_plan *np = NULL;
	struct running_config rc;
	struct conf_error cerr;
	char err[4096];
	int ret, status = 0, state;

	if (!c)
		return false;
	b = container_priv(c);
	if (useinit) {
		container_error(c, ENOSYS, "%s: starting through init.lxc (useinit, lxc-execute) is not supported by berth yet",
				c->name);
		return false;
	}
	if (!b->conf) {
		container_error(c, ENOENT, "%s: no configuration: create the container first, or give one with -f", c->name);
		return false;
	}
	state = cmd_get_state(c->name, c->config_path);
	if (state == -EACCES) {
		container_error(c, EACCES, "%s: its monitor refuses this user (run as root or as the container's owner)", c->name);
		return false;
	}
	if (state != STATE_STOPPED) {
		container_error(c, EEXIST, "Container is already running (%s)", state_name(state));
		return false;
	}

	if (net_plan_build(b->conf, c->name, &np, &cerr) < 0) {
		container_error(c, EINVAL, "%s", cerr.text);
		return false;
	}
	if (net_plan_device_count(np) > 0) {
		ret = net_plan_prepare(np);
		if (ret < 0) {
			net_reason(ret, err, sizeof(err));
			net_plan_free(np);
			return fail(c, -ret, err);
		}
		net.ctx = np;
		args.net = &net;
	}

	rc.conf = b->conf;
	rc.net = np;
	args.config_item = running_config_item;
	args.config_ctx = &rc;
	args.daemonize = c->daemonize;
	args.close_all_fds = b->close_all_fds || c->daemonize;
	args.foreground_console = !c->daemonize;
	args.argv = argv && argv[0] ? argv : NULL;
	args.pidfile = c->pidfile;
	ret = berth_start(b->conf, c->name, c->config_path, &args, &status, err, sizeof(err));
	net_plan_free(np);
	if (ret < 0)
		return fail(c, -ret, err);
	/* As liblxc: a foreground start reports the init's exit through error_num. */
	if (!c->daemonize)
		c->error_num = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return true;
}

bool container_startl(struct lxc_container *c, int useinit, ...)
{
	char **argv = NULL;
	const char *arg;
	va_list ap;
	bool ok;

	va_start(ap, useinit);
	while ((arg = va_arg(ap, const char *))) {
		char **grown;
		size_t n = 0;

		while (argv && argv[n])
			n++;
		grown = realloc(argv, (n + 2) * sizeof(*argv));
		if (!grown) {
			va_end(ap);
			free(argv);
			container_error(c, ENOMEM, "out of memory");
			return false;
		}
		argv = grown;
		argv[n] = (char *)arg;
		argv[n + 1] = NULL;
	}
	va_end(ap);
	ok = container_start(c, useinit, argv);
	free(argv);
	return ok;
}

/* ---- the running container ---- */

bool container_stop(struct lxc_container *c)
{
	int ret;

	if (!c)
		return false;
	ret = cmd_stop(c->name, c->config_path);
	/* As liblxc: stopping a stopped container succeeds. */
	if (ret < 0 && ret != -ESRCH) {
		container_error(c, -ret, "%s: cannot stop the container: %s", c->name, strerror(-ret));
		return false;
	}
	return true;
}

bool container_shutdown(struct lxc_container *c, int timeout)
{
	int ret;

	if (!c)
		return false;
	ret = cmd_shutdown(c->name, c->config_path, timeout);
	if (ret == -ETIMEDOUT) {
		container_error_quiet(c, ETIMEDOUT, "%s: did not stop within %d seconds of lxc.signal.halt", c->name, timeout);
		return false;
	}
	if (ret < 0) {
		if (ret == -ESRCH)
			container_error(c, ESRCH, "%s is not running", c->name);
		else
			container_error(c, -ret, "%s: cannot shut down: %s", c->name, strerror(-ret));
		return false;
	}
	return true;
}

bool container_reboot(struct lxc_container *c)
{
	int ret;

	if (!c)
		return false;
	ret = cmd_signal(c->name, c->config_path, CMD_SIGNAL_REBOOT);
	if (ret < 0) {
		if (ret == -ESRCH)
			container_error(c, ESRCH, "%s is not running", c->name);
		else
			container_error(c, -ret, "%s: cannot reboot: %s", c->name, strerror(-ret));
		return false;
	}
	return true;
}

bool container_reboot2(struct lxc_container *c, int timeout)
{
	int ret;

	if (!c)
		return false;
	ret = cmd_reboot(c->name, c->config_path, timeout);
	if (ret == -ETIMEDOUT) {
		container_error_quiet(c, ETIMEDOUT, "%s: did not come back within %d seconds of lxc.signal.reboot", c->name,
				      timeout);
		return false;
	}
	if (ret < 0) {
		if (ret == -ESRCH)
			container_error(c, ESRCH, "%s is not running", c->name);
		else if (ret == -ECANCELED)
			container_error(c, ECANCELED, "%s stopped instead of rebooting", c->name);
		else
			container_error(c, -ret, "%s: cannot reboot: %s", c->name, strerror(-ret));
		return false;
	}
	return true;
}

bool container_wait(struct lxc_container *c, const char *state, int timeout)
{
	unsigned mask;
	char err[512];
	int ret;

	if (!c)
		return false;
	if (state_mask_parse(state, &mask, err, sizeof(err)) < 0) {
		container_error(c, EINVAL, "%s", err);
		return false;
	}
	ret = cmd_wait_state(c->name, c->config_path, mask, timeout);
	if (ret < 0) {
		container_error_quiet(c, -ret, "%s: state %s not reached%s", c->name, state,
				      ret == -ETIMEDOUT ? " before the timeout" : "");
		return false;
	}
	return true;
}

pid_t container_init_pid(struct lxc_container *c)
{
	return c ? cmd_get_init_pid(c->name, c->config_path) : -1;
}

int container_init_pidfd(struct lxc_container *c)
{
	int fd;

	if (!c)
		return -1;
	fd = cmd_get_init_pidfd(c->name, c->config_path);
	if (fd < 0) {
		container_error_quiet(c, -fd, "%s: %s", c->name, fd == -ESRCH ? "not running" : strerror(-fd));
		errno = -fd;
		return -1;
	}
	return fd;
}

char *container_get_running_config_item(struct lxc_container *c, const char *key)
{
	char *value = NULL;
	int ret;

	if (!c || !key)
		return NULL;
	ret = cmd_get_config_item(c->name, c->config_path, key, &value);
	if (ret < 0) {
		if (ret == -ESRCH)
			container_error_quiet(c, ESRCH, "%s is not running", c->name);
		else
			container_error_quiet(c, -ret, "%s: %s: %s", c->name, key, strerror(-ret));
		return NULL;
	}
	return value;
}

void container_install_runtime(struct lxc_container *c)
{
	c->start = container_start;
	c->startl = container_startl;
	c->stop = container_stop;
	c->shutdown = container_shutdown;
	c->reboot = container_reboot;
	c->reboot2 = container_reboot2;
	c->wait = container_wait;
	c->init_pid = container_init_pid;
	c->init_pidfd = container_init_pidfd;
	c->get_running_config_item = container_get_running_config_item;
}

/* ---- berth.h: state changes of an lxcpath, for lxc-monitor ---- */

BERTH_EXPORT struct berth_monitor *berth_monitor_open(const char *lxcpath)
{
	struct cmd_monitor *m = NULL;
	int ret = cmd_monitor_open(lxcpath, &m);

	if (ret < 0) {
		last_error_set("cannot listen for state changes in %s: %s", lxcpath, strerror(-ret));
		errno = -ret;
		return NULL;
	}
	return (struct berth_monitor *)m;
}

BERTH_EXPORT int berth_monitor_fd(const struct berth_monitor *m)
{
	return cmd_monitor_fd((const struct cmd_monitor *)m);
}

BERTH_EXPORT int berth_monitor_next(struct berth_monitor *m, int timeout_ms, struct berth_monitor_event *ev)
{
	int type = 0, value = 0;
	int ret = cmd_monitor_next((struct cmd_monitor *)m, timeout_ms, ev->name, sizeof(ev->name), &type, &value);

	if (ret <= 0)
		return ret;
	ev->is_exit = type == CMD_EVENT_EXIT;
	ev->state = ev->is_exit ? NULL : state_name(value);
	ev->exit_status = ev->is_exit ? value : 0;
	return 1;
}

BERTH_EXPORT void berth_monitor_close(struct berth_monitor *m)
{
	cmd_monitor_close((struct cmd_monitor *)m);
}
