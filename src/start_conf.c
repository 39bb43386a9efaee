/* start_conf.c - starting from a loaded config (src/conf): its effective items, its own file, its get_config_item for the running config; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "conf/conf.h"
#include "start.h"
#include "util/cleanup.h"

static int conf_item_cb(void *ctx, const char *key, char *buf, size_t len)
{
	return conf_get_item(ctx, key, buf, len);
}

int berth_start(struct lxc_config *conf, const char *name, const char *lxcpath, const struct start_args *args,
		int *exit_status, char *err, size_t errlen)
{
	size_t n = conf_item_count(conf);
	__do_free struct plan_item *items = calloc(n ? n : 1, sizeof(*items));
	struct start_args a = *args;

	if (!items)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct conf_item *it = conf_item_at(conf, i);
		items[i] = (struct plan_item){ .key = it->key, .value = it->value, .file = it->file, .line = it->line };
	}
	if (!a.config_item) {
		a.config_item = conf_item_cb;
		a.config_ctx = conf;
	}
	return berth_start_items(items, n, name, lxcpath, conf_path(conf), &a, exit_status, err, errlen);
}
