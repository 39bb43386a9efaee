/* fuzz-config.c - libFuzzer target for the config model: parse, query every item, set/clear, convert, write and re-read; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/conf.h"
#include "log.h"
#include "util/fileutil.h"
#include "util/strutil.h"

/*
 * Besides "no crash, no leak", it checks the model's promise: a config that
 * loads, written out and read again, gives the same items and the same text.
 * Includes are confined to a scratch directory made at start (its files are
 * the only ones an input can name: a.conf, legacy.conf, loop.conf, d), so an
 * input cannot make the target read /dev/zero or the host's files.
 */
static char scratch[64];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (scratch[0])
		nftw(scratch, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* A broken promise: remove the scratch directory (abort skips atexit), then crash for libFuzzer. */
__attribute__((noreturn)) static void die(void)
{
	cleanup();
	abort();
}

static void put(const char *name, const char *text)
{
	if (file_write_atomic(name, text, strlen(text), 0644) < 0)
		die();
}

static char out_path[128];

static void setup(void)
{
	char start_dir[4096], d2[256];

	if (!getcwd(start_dir, sizeof(start_dir)))
		die();
	/* tmpfs if there is one: every round trip writes (and fsyncs) files */
	snprintf(scratch, sizeof(scratch), "%s/berth-fuzz.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(scratch) || chdir(scratch) < 0)
		die();
	/* the files are made here by relative names; then back, for libFuzzer's artifacts */
	atexit(cleanup);
	if (mkdir("d", 0755) < 0)
		die();
	put("a.conf", "lxc.cap.drop = sys_admin\nlxc.uts.name = from-a\nlxc.cgroup.devices.allow = a\n");
	put("legacy.conf", "lxc.network.type = veth\nlxc.network.link = br0\nlxc.utsname = old\n");
	put("d/1.conf", "lxc.net.0.type = veth\nlxc.net.0.ipv4.address = 10.0.0.1/24\n");
	snprintf(out_path, sizeof(out_path), "%s/out.txt", scratch);
	snprintf(d2, sizeof(d2), "lxc.include = %s/a.conf\nlxc.hook.start = /x\n", scratch);
	put("d/2.conf", d2);
	snprintf(d2, sizeof(d2), "lxc.include = %s/loop.conf\n", scratch);
	put("loop.conf", d2);
	if (chdir(start_dir) < 0)
		die();
	log_set_quiet(true);
}

/*
 * Only includes of the scratch files: no '/', no "..", nothing the target writes
 * itself. They are rewritten to absolute paths in the scratch directory (the
 * target does not chdir there, so that libFuzzer's crash files land where it
 * was started). NULL if the input names anything else.
 */
static char *confine_includes(const char *text)
{
	size_t cap = strlen(text) * 2 + 256, used = 0;
	char *out = malloc(cap);
	const char *pos = text;

	if (!out)
		die();
	while (*pos) {
		const char *nl = strchr(pos, '\n');
		size_t len = nl ? (size_t)(nl - pos) : strlen(pos);
		char *line = strndup(pos, len), *eq, *key, *value;
		int n;

		if (!line)
			die();
		eq = strchr(line, '=');
		if (eq) {
			*eq = '\0';
			key = str_trim(line);
			value = str_trim(eq + 1);
			if (!strcmp(key, "lxc.include")) {
				if (strchr(value, '/') || str_has_prefix(value, "..") || str_has_prefix(value, "out")) {
					free(line);
					free(out);
					return NULL;
				}
				if (used + strlen(scratch) + strlen(value) + 32 > cap) {
					free(line);
					free(out);
					return NULL;
				}
				n = snprintf(out + used, cap - used, "lxc.include = %s/%s%s", scratch, value, nl ? "\n" : "");
				used += (size_t)n;
				free(line);
				pos += len + (nl ? 1 : 0);
				continue;
			}
		}
		free(line);
		if (used + len + 2 > cap) {
			free(out);
			return NULL;
		}
		memcpy(out + used, pos, len);
		used += len;
		if (nl)
			out[used++] = '\n';
		pos += len + (nl ? 1 : 0);
	}
	out[used] = '\0';
	return out;
}

static void same_items(const struct lxc_config *a, const struct lxc_config *b)
{
	if (conf_item_count(a) != conf_item_count(b)) {
		fprintf(stderr, "%zu items before writing, %zu after reading back\n", conf_item_count(a),
			conf_item_count(b));
		die();
	}
	for (size_t i = 0; i < conf_item_count(a); i++) {
		const struct conf_item *x = conf_item_at(a, i), *y = conf_item_at(b, i);

		if (strcmp(x->key, y->key) || strcmp(x->value, y->value)) {
			fprintf(stderr, "item %zu: %s = %s before writing, %s = %s after reading back\n", i, x->key,
				x->value, y->key, y->value);
			die();
		}
	}
}

static void query_everything(const struct lxc_config *c)
{
	static const char *const extra[] = {
		"lxc.net", "lxc.net.0", "lxc.net.0.type", "lxc.cgroup", "lxc.cgroup2", "lxc.hook", "lxc.sysctl",
		"lxc.proc", "lxc.prlimit", "lxc.idmap", "lxc.include", "lxc.utsname", "lxc.network.type",
		"lxc.log.level", "lxc.signal.halt", "lxc.namespace.clone", "", "lxc.", "lxc.net.", "lxc.net.99999999999",
	};
	char buf[256];
	int *idx = NULL, n;

	for (size_t i = 0; i < conf_item_count(c); i++) {
		const char *key = conf_item_at(c, i)->key;
		int len = conf_get_item(c, key, NULL, 0);
		int got = conf_get_item(c, key, buf, sizeof(buf));

		if (len != got || (got >= 0 && (size_t)got < sizeof(buf) && strlen(buf) != (size_t)got))
			die();
		free(conf_get_list(c, key));
		(void)conf_get(c, key);
	}
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		(void)conf_get_item(c, extra[i], buf, sizeof(buf));
		(void)conf_get_keys(c, extra[i], buf, sizeof(buf));
	}
	(void)conf_get_keys(c, NULL, buf, sizeof(buf));
	n = conf_net_indices(c, &idx);
	for (int i = 0; i < n; i++) {
		char key[64];

		snprintf(key, sizeof(key), "lxc.net.%d", idx[i]);
		(void)conf_get_keys(c, key, buf, sizeof(buf));
	}
	free(idx);
}

/* Written and read again: the same items, and writing again gives the same text. */
static void round_trip(struct lxc_config *c)
{
	struct conf_error err;
	struct lxc_config *d = conf_new();
	char *one = NULL, *two = NULL;

	if (!d || conf_write(c, out_path) < 0)
		die();
	if (conf_load_file(d, out_path, &err) < 0) {
		fprintf(stderr, "the written config does not load: %s\n", err.text);
		die();
	}
	same_items(c, d);
	if (file_read_all(out_path, &one, NULL) < 0 || conf_write(d, out_path) < 0 ||
	    file_read_all(out_path, &two, NULL) < 0 || strcmp(one, two))
		die();
	free(one);
	free(two);
	conf_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf_error err;
	struct lxc_config *c;
	char *text, *confined;
	size_t nitems;

	if (!scratch[0])
		setup();
	if (size > 65536)
		return 0;
	text = strndup((const char *)data, size);
	if (!text)
		return 0;
	confined = confine_includes(text);
	free(text);
	if (!confined)
		return 0;
	text = confined;

	c = conf_new();
	if (conf_load_string(c, text, "fuzz", &err) == 0) {
		query_everything(c);
		round_trip(c);

		/* change it the ways the API does, and the promise still holds */
		nitems = conf_item_count(c);
		if (nitems) {
			char *key = strdup(conf_item_at(c, nitems - 1)->key);
			char *value = strdup(conf_item_at(c, 0)->value);

			if (!key || !value)
				die();
			(void)conf_set(c, key, value, &err);
			round_trip(c);
			(void)conf_set(c, key, "", &err);
			round_trip(c);
			(void)conf_clear(c, conf_item_count(c) ? conf_item_at(c, 0)->key : key);
			round_trip(c);
			free(key);
			free(value);
		}
		(void)conf_clear(c, "lxc.net.0");
		(void)conf_clear(c, "lxc.cgroup");
		round_trip(c);
		if (conf_convert_legacy(c) < 0 || conf_legacy_count(c) != 0)
			die();
		round_trip(c);
		query_everything(c);
	}
	conf_free(c);
	free(text);
	return 0;
}
