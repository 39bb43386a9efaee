/* berth_config.c - berth.h's config file calls: read, convert legacy keys, write, over the config model; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lxc/berth.h>

#include "conf/conf.h"
#include "util/cleanup.h"

struct berth_config_file {
	struct lxc_config *conf;
};

BERTH_EXPORT struct berth_config_file *berth_config_file_read(const char *path, char *err, size_t errlen)
{
	struct berth_config_file *f;
	struct conf_error *e;
	int ret;

	if (err && errlen)
		err[0] = '\0';
	if (!path) {
		if (err && errlen)
			snprintf(err, errlen, "no config file given");
		return NULL;
	}
	f = calloc(1, sizeof(*f));
	e = calloc(1, sizeof(*e)); /* 12 KiB: not on the caller's stack */
	if (!f || !e || !(f->conf = conf_new())) {
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory", path);
		free(e);
		free(f);
		return NULL;
	}
	ret = conf_load_file(f->conf, path, e);
	if (ret < 0) {
		if (err && errlen)
			snprintf(err, errlen, "%s", e->text[0] ? e->text : strerror(-ret));
		free(e);
		berth_config_file_free(f);
		return NULL;
	}
	free(e);
	return f;
}

BERTH_EXPORT int berth_config_file_convert(struct berth_config_file *f)
{
	return f ? conf_convert_legacy(f->conf) : -EINVAL;
}

BERTH_EXPORT int berth_config_file_legacy_count(const struct berth_config_file *f)
{
	return f ? conf_legacy_count(f->conf) : -EINVAL;
}

BERTH_EXPORT int berth_config_file_write(struct berth_config_file *f, const char *path)
{
	return f ? conf_write(f->conf, path) : -EINVAL;
}

BERTH_EXPORT void berth_config_file_free(struct berth_config_file *f)
{
	if (!f)
		return;
	conf_free(f->conf);
	free(f);
}
