/* script.h - running lxc.net.N.script.up / script.down; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_NETWORK_SCRIPT_H
#define BERTH_NETWORK_SCRIPT_H

#include "network/plan.h"

/* Runs d's script for hook "up" or "down" (nothing if none is set) and waits
 * for it. 0, or -ECANCELED when it failed (logged with the key). */
int net_run_script(const struct net_plan *p, const struct net_dev *d, const char *hook);

#endif
