/* lxccontainer_freeze.c - the container object's freeze and unfreeze: asks the monitor, which owns the cgroups; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "container.h"
#include "lxccontainer_freeze.h"
#include "util/cleanup.h"

/* As liblxc: freezing a frozen container and thawing a running one succeed;
 * freezing a container that is not running fails, thawing one that exists
 * but is stopped succeeds (nothing is frozen), thawing one that does not
 * exist fails. The errors are left for the caller to report (error_string;
 * lxc-freeze prints it). */
static bool freeze_or_thaw(struct lxc_container *c, bool freeze)
{
	__do_free char *why = NULL;
	int ret;

	if (!c)
		return false;
	ret = cmd_freeze(c->name, c->config_path, freeze, &why);
	if (ret == 0 || (ret == -ESRCH && !freeze && c->is_defined(c)))
		return true;
	/* The monitor's reason says "it": lxc-freeze puts lxcpath:name in front. */
	if (ret == -ESRCH)
		container_error_quiet(c, ESRCH, "%s is not running", c->name);
	else
		container_error_quiet(c, -ret, "cannot %s: %s", freeze ? "freeze" : "thaw", why ? why : strerror(-ret));
	return false;
}

static bool container_freeze(struct lxc_container *c)
{
	return freeze_or_thaw(c, true);
}

static bool container_unfreeze(struct lxc_container *c)
{
	return freeze_or_thaw(c, false);
}

void container_install_freeze(struct lxc_container *c)
{
	c->freeze = container_freeze;
	c->unfreeze = container_unfreeze;
}
