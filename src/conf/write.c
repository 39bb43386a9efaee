/* write.c - writing a config's own file back: its lines as kept, atomically; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf/conf.h"
#include "conf/model.h"
#include "log.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

/* The own file's text: every kept line, each ending in '\n' unless the file's last had none. */
static char *conf_text(const struct lxc_config *c, size_t *len)
{
	size_t total = 1, used = 0;
	char *buf;

	for (size_t i = 0; i < c->nlines; i++)
		total += strlen(c->lines[i].text) + 1;
	buf = malloc(total);
	if (!buf)
		return NULL;
	for (size_t i = 0; i < c->nlines; i++) {
		size_t n = strlen(c->lines[i].text);

		memcpy(buf + used, c->lines[i].text, n);
		used += n;
		if (i + 1 < c->nlines || !c->no_final_newline)
			buf[used++] = '\n';
	}
	buf[used] = '\0';
	*len = used;
	return buf;
}

int conf_write(struct lxc_config *c, const char *path)
{
	__do_free char *text = NULL;
	struct stat st;
	mode_t mode = 0640; /* as LXC creates container configs */
	size_t len;
	int ret;

	if (!c)
		return -EINVAL;
	if (!path)
		path = c->path;
	if (!path)
		return log_error(-EINVAL, "cannot write the config: it was not read from a file and no path was given");
	text = conf_text(c, &len);
	if (!text)
		return -ENOMEM;
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	ret = file_write_atomic(path, text, len, mode);
	if (ret < 0)
		return log_error(ret, "cannot write the config %s: %s", path, strerror(-ret));
	return 0;
}
