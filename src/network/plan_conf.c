/* plan_conf.c - net_plan_build: hands the config model's effective items to the plan builder; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "conf/conf.h"
#include "network/network.h"

int net_plan_build(const struct lxc_config *conf, const char *container_name, struct net_plan **out,
		   struct conf_error *err)
{
	size_t n = conf_item_count(conf), k = 0;
	struct net_conf_item *items = calloc(n ? n : 1, sizeof(*items));
	int ret;

	if (!items)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct conf_item *it = conf_item_at(conf, i);

		items[k++] = (struct net_conf_item){ .key = it->key, .value = it->value, .file = it->file, .line = it->line };
	}
	ret = net_plan_build_items(items, k, container_name, out, err);
	free(items);
	return ret;
}
