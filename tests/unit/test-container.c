/* test-container.c - unit tests of the container object: life cycle, config items, saving, keys, names, listing, stubs; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "container_name.h"
#include "paths.h"
#include "state.h"
#include "unit.h"
#include "util/fileutil.h"
#include "util/strutil.h"

static char tmp[] = "/tmp/berth-unit-container.XXXXXX";
static char lxcpath[4096];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_rf(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *path, const char *text)
{
	CHECK_INT(file_write_atomic(path, text, strlen(text), 0644), 0);
}

/* Makes LXCPATH/NAME/config with text. */
static void define(const char *name, const char *text)
{
	char *dir = str_printf("%s/%s", lxcpath, name), *cfg = str_printf("%s/config", dir);

	CHECK_INT(mkdir_p(dir, 0755), 0);
	write_file(cfg, text);
	free(dir);
	free(cfg);
}

static char *item(struct lxc_container *c, const char *key)
{
	static char buf[4096];
	int len = c->get_config_item(c, key, buf, sizeof(buf));

	if (len < 0)
		return NULL;
	return buf;
}

static char *read_text(const char *path)
{
	char *text = NULL;
	size_t len;

	if (file_read_all(path, &text, &len) < 0)
		return NULL;
	return text;
}

/* ---- tests ---- */

static void new_get_put_count_references(void)
{
	struct lxc_container *c = lxc_container_new("life", lxcpath);

	CHECK(c != NULL);
	if (!c)
		return;
	CHECK_INT(c->numthreads, 1);
	CHECK_STR(c->name, "life");
	CHECK_STR(c->config_path, lxcpath);
	CHECK(c->daemonize);
	CHECK(c->pidfile == NULL);
	CHECK(c->error_string == NULL);
	CHECK_INT(lxc_container_get(c), 1);
	CHECK_INT(lxc_container_get(c), 1);
	CHECK_INT(c->numthreads, 3);
	CHECK_INT(lxc_container_put(c), 0);
	CHECK_INT(lxc_container_put(c), 0);
	CHECK_INT(c->numthreads, 1);
	CHECK_INT(lxc_container_put(c), 1); /* freed: c is gone */
	CHECK_INT(lxc_container_put(NULL), -1);
	CHECK_INT(lxc_container_get(NULL), 0);
}

static void every_method_is_set(void)
{
	struct lxc_container *c = lxc_container_new("methods", lxcpath);
	void (**first)(void), (**last)(void);

	CHECK(c != NULL);
	if (!c)
		return;
	/* the methods are the function pointers from is_defined to devpts_fd */
	first = (void (**)(void))&c->is_defined;
	last = (void (**)(void))&c->devpts_fd;
	for (void (**p)(void) = first; p <= last; p++)
		CHECK(*p != NULL);
	lxc_container_put(c);
}

static void unimplemented_methods_fail_honestly(void)
{
	struct lxc_container *c = lxc_container_new("stubbed", lxcpath);

	if (!c) {
		CHECK(c != NULL);
		return;
	}
	/* checkpoints and snapshots have not landed yet (start and freeze have: no stubs any more) */
	CHECK(!c->checkpoint(c, NULL, false, false));
	CHECK_INT(c->error_num, ENOSYS);
	CHECK_CONTAINS(c->error_string, "checkpoint is not implemented in berth yet");
	CHECK_CONTAINS(c->error_string, "stubbed");
	CHECK(!c->freeze(c));
	CHECK_INT(c->error_num, ESRCH);
	CHECK_CONTAINS(c->error_string, "stubbed is not running");
	CHECK(c->snapshot(c, NULL) < 0);
	CHECK_CONTAINS(c->error_string, "snapshot");
	CHECK_INT(c->init_pid(c), -1);
	CHECK(c->get_ips(c, NULL, NULL, 0) == NULL);
	CHECK_INT(c->attach_run_waitl(c, NULL, "true", "true", NULL), -1);
	CHECK(c->clone(c, "x", NULL, 0, NULL, NULL, 0, NULL) == NULL);
	CHECK_CONTAINS(c->error_string, "clone");
	CHECK_INT(c->devpts_fd(c), -1);
	CHECK_CONTAINS(c->error_string, "devpts_fd");
	lxc_container_put(c);
}

static void names_are_validated(void)
{
	char why[128];
	char longname[300];

	CHECK_INT(container_name_check("web-1.example", why, sizeof(why)), 0);
	CHECK_INT(container_name_check("", why, sizeof(why)), -EINVAL);
	CHECK_CONTAINS(why, "empty");
	CHECK_INT(container_name_check(NULL, why, sizeof(why)), -EINVAL);
	CHECK_INT(container_name_check(".", why, sizeof(why)), -EINVAL);
	CHECK_INT(container_name_check("..", why, sizeof(why)), -EINVAL);
	CHECK_INT(container_name_check("a/b", why, sizeof(why)), -EINVAL);
	CHECK_CONTAINS(why, "'/'");
	CHECK_INT(container_name_check("a\nb", why, sizeof(why)), -EINVAL);
	CHECK_CONTAINS(why, "control character");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_INT(container_name_check(longname, why, sizeof(why)), -EINVAL);
	CHECK_CONTAINS(why, "bytes long");
	longname[255] = '\0';
	CHECK_INT(container_name_check(longname, why, sizeof(why)), 0);

	/* the API refuses them, with the reason in berth_last_error() */
	CHECK(lxc_container_new("a/b", lxcpath) == NULL);
	CHECK_CONTAINS(berth_last_error(), "invalid container name \"a/b\"");
	CHECK(lxc_container_new("..", lxcpath) == NULL);
	CHECK(lxc_container_new("", lxcpath) == NULL);
	CHECK(lxc_container_new(NULL, lxcpath) == NULL);
}

static void undefined_container(void)
{
	struct lxc_container *c = lxc_container_new("nothere", lxcpath);
	char *cfg;

	if (!c) {
		CHECK(c != NULL);
		return;
	}
	CHECK(!c->is_defined(c));
	CHECK_STR(c->state(c), "STOPPED");
	CHECK(!c->is_running(c));
	CHECK(c->may_control(c));
	cfg = c->config_file_name(c);
	{
		char *want = str_printf("%s/nothere/config", lxcpath);
		CHECK_STR(cfg, want);
		free(want);
	}
	free(cfg);
	CHECK_STR(c->get_config_path(c), lxcpath);
	/* no config loaded: nothing to read, as LXC */
	CHECK_INT(c->get_config_item(c, "lxc.uts.name", NULL, 0), -1);
	CHECK(!c->clear_config_item(c, "lxc.uts.name"));
	/* keys do not need a config */
	CHECK(c->get_keys(c, NULL, NULL, 0) > 0);
	/* setting makes a config in memory */
	CHECK(c->set_config_item(c, "lxc.uts.name", "x"));
	CHECK_STR(item(c, "lxc.uts.name"), "x");
	CHECK(!c->is_defined(c));
	lxc_container_put(c);
}

static void config_items_of_every_kind(void)
{
	struct lxc_container *c;
	char small[4];

	define("items", "lxc.uts.name = items\n"
			"lxc.group = g1\n"
			"lxc.group = g2\n"
			"lxc.net.0.type = veth\n"
			"lxc.net.0.link = br0\n"
			"lxc.cgroup2.memory.max = 1G\n"
			"lxc.cgroup2.pids.max = 100\n");
	c = lxc_container_new("items", lxcpath);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	CHECK(c->is_defined(c));
	/* single value */
	CHECK_STR(item(c, "lxc.uts.name"), "items");
	CHECK_INT(c->get_config_item(c, "lxc.uts.name", NULL, 0), 5);
	CHECK(c->set_config_item(c, "lxc.uts.name", "renamed"));
	CHECK_STR(item(c, "lxc.uts.name"), "renamed");
	/* a short buffer still reports the full length */
	CHECK_INT(c->get_config_item(c, "lxc.uts.name", small, sizeof(small)), 7);
	/* list: values accumulate, one per line; an empty value clears */
	CHECK_STR(item(c, "lxc.group"), "g1\ng2\n");
	CHECK(c->set_config_item(c, "lxc.group", "g3"));
	CHECK_STR(item(c, "lxc.group"), "g1\ng2\ng3\n");
	CHECK(c->set_config_item(c, "lxc.group", ""));
	CHECK_STR(item(c, "lxc.group"), "");
	/* network sub-keys */
	CHECK_STR(item(c, "lxc.net.0.type"), "veth");
	CHECK_STR(item(c, "lxc.net.0.link"), "br0");
	CHECK_STR(item(c, "lxc.net"), "veth\n");
	CHECK(c->set_config_item(c, "lxc.net.0.link", "br1"));
	CHECK_STR(item(c, "lxc.net.0.link"), "br1");
	CHECK(c->get_config_item(c, "lxc.net.1.type", NULL, 0) < 0);
	/* a prefix family */
	CHECK_STR(item(c, "lxc.cgroup2.memory.max"), "1G\n"); /* as LXC: a prefixed key reads with a newline */
	CHECK_CONTAINS(item(c, "lxc.cgroup2"), "lxc.cgroup2.pids.max = 100");
	CHECK(c->clear_config_item(c, "lxc.cgroup2"));
	CHECK_STR(item(c, "lxc.cgroup2"), "");
	/* clearing an interface and a single key */
	CHECK(c->clear_config_item(c, "lxc.net.0"));
	CHECK(c->get_config_item(c, "lxc.net.0.type", NULL, 0) < 0);
	CHECK(c->clear_config_item(c, "lxc.uts.name"));
	CHECK_STR(item(c, "lxc.uts.name"), "");
	/* errors: unknown key, bad value; error_string names the key */
	CHECK(c->get_config_item(c, "lxc.nope", NULL, 0) < 0);
	CHECK(!c->set_config_item(c, "lxc.uts.nmae", "x"));
	CHECK_CONTAINS(c->error_string, "lxc.uts.nmae");
	CHECK_CONTAINS(c->error_string, "lxc.uts.name"); /* the hint */
	CHECK_INT(c->error_num, EINVAL);
	CHECK(!c->set_config_item(c, "lxc.start.auto", "maybe"));
	CHECK_CONTAINS(c->error_string, "lxc.start.auto");
	CHECK(!c->clear_config_item(c, "lxc.nope"));
	CHECK(!c->set_config_item(c, "lxc.uts.name", NULL));
	/* a legacy key set through the API lands on its current key */
	CHECK(c->set_config_item(c, "lxc.utsname", "old"));
	CHECK_STR(item(c, "lxc.uts.name"), "old");
	lxc_container_put(c);
}

static void legacy_keys_load(void)
{
	struct lxc_container *c;

	define("legacy", "lxc.utsname = leg\n"
			 "lxc.network.type = veth\n"
			 "lxc.network.link = br0\n");
	c = lxc_container_new("legacy", lxcpath);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	CHECK_STR(item(c, "lxc.uts.name"), "leg");
	CHECK_STR(item(c, "lxc.net.0.type"), "veth");
	CHECK_STR(item(c, "lxc.net.0.link"), "br0");
	lxc_container_put(c);
}

static void bad_config_gives_file_and_line(void)
{
	struct lxc_container *c;
	char *cfg;

	define("broken", "lxc.uts.name = b\n"
			 "lxc.uts.nmae = x\n");
	CHECK(lxc_container_new("broken", lxcpath) == NULL);
	cfg = str_printf("%s/broken/config:2", lxcpath);
	CHECK_CONTAINS(berth_last_error(), cfg);
	CHECK_CONTAINS(berth_last_error(), "lxc.uts.nmae");
	CHECK_CONTAINS(berth_last_error(), "lxc.uts.name");
	free(cfg);

	/* load_config of such a file fails the same way, with error_string */
	c = lxc_container_new("loader", lxcpath);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	cfg = str_printf("%s/broken/config", lxcpath);
	CHECK(!c->load_config(c, cfg));
	CHECK_CONTAINS(c->error_string, ":2: lxc.uts.nmae");
	CHECK_INT(c->error_num, EINVAL);
	/* a failed load leaves no half config behind */
	CHECK_INT(c->get_config_item(c, "lxc.uts.name", NULL, 0), -1);
	free(cfg);
	lxc_container_put(c);
}

static void save_config_round_trip(void)
{
	struct lxc_container *c, *d;
	char *cfg, *alt, *text;

	define("saver", "# a comment that stays\n"
			"lxc.uts.name = saver\n"
			"lxc.group = g1\n");
	c = lxc_container_new("saver", lxcpath);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	CHECK(c->set_config_item(c, "lxc.uts.name", "saved"));
	CHECK(c->set_config_item(c, "lxc.group", "g2"));
	CHECK(c->set_config_item(c, "lxc.net.0.type", "veth"));
	CHECK(c->save_config(c, NULL));
	cfg = str_printf("%s/saver/config", lxcpath);
	text = read_text(cfg);
	CHECK_CONTAINS(text, "# a comment that stays\n");
	CHECK_CONTAINS(text, "lxc.uts.name = saved\n");
	free(text);

	d = lxc_container_new("saver", lxcpath);
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(item(d, "lxc.uts.name"), "saved");
		CHECK_STR(item(d, "lxc.group"), "g1\ng2\n");
		CHECK_STR(item(d, "lxc.net.0.type"), "veth");
		lxc_container_put(d);
	}

	/* to another file: the container's own stays as it was */
	alt = str_printf("%s/alt.conf", tmp);
	CHECK(c->set_config_item(c, "lxc.uts.name", "elsewhere"));
	CHECK(c->save_config(c, alt));
	text = read_text(alt);
	CHECK_CONTAINS(text, "lxc.uts.name = elsewhere\n");
	free(text);
	text = read_text(cfg);
	CHECK_CONTAINS(text, "lxc.uts.name = saved\n");
	free(text);
	/* a directory that does not exist is an error with the path */
	CHECK(!c->save_config(c, "/nonexistent-dir/x/config"));
	CHECK_CONTAINS(c->error_string, "/nonexistent-dir/x/config");
	free(alt);
	free(cfg);
	lxc_container_put(c);
}

static void save_of_a_new_container_starts_from_the_default_config(void)
{
	struct lxc_container *c = lxc_container_new("fresh", lxcpath);
	char *cfg, *text;

	if (!c) {
		CHECK(c != NULL);
		return;
	}
	CHECK(!c->is_defined(c));
	CHECK(c->save_config(c, NULL));
	CHECK(c->is_defined(c));
	cfg = str_printf("%s/fresh/config", lxcpath);
	text = read_text(cfg);
	/* tmp/default.conf, set up in main() through LXC_GLOBAL_CONF_FILE */
	CHECK_CONTAINS(text, "lxc.net.0.type = empty");
	free(text);
	free(cfg);
	lxc_container_put(c);
}

static void clear_config_drops_everything(void)
{
	struct lxc_container *c;
	char *alt;

	define("clearing", "lxc.uts.name = clearing\n");
	c = lxc_container_new("clearing", lxcpath);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	c->clear_config(c);
	CHECK_INT(c->get_config_item(c, "lxc.uts.name", NULL, 0), -1);
	alt = str_printf("%s/alt-load.conf", tmp);
	write_file(alt, "lxc.uts.name = from-alt\n");
	CHECK(c->load_config(c, alt));
	CHECK_STR(item(c, "lxc.uts.name"), "from-alt");
	free(alt);
	lxc_container_put(c);
}

static void get_keys_lists_keys(void)
{
	struct lxc_container *c;
	char buf[8192];
	int len;

	define("keys", "lxc.net.0.type = veth\n");
	c = lxc_container_new("keys", lxcpath);
	if (!c) {
		CHECK(c != NULL);
		return;
	}
	len = c->get_keys(c, NULL, NULL, 0);
	CHECK(len > 0);
	CHECK_INT(c->get_keys(c, NULL, buf, sizeof(buf)), len);
	CHECK_CONTAINS(buf, "lxc.uts.name\n");
	CHECK_CONTAINS(buf, "lxc.apparmor.profile\n");
	CHECK(c->get_keys(c, "lxc.net.0", buf, sizeof(buf)) > 0);
	CHECK_CONTAINS(buf, "link\n");
	CHECK_CONTAINS(buf, "veth.pair\n");
	CHECK(c->get_keys(c, "lxc.net.1", buf, sizeof(buf)) < 0); /* no such interface */
	CHECK(c->get_keys(c, "lxc.nope", buf, sizeof(buf)) < 0);
	lxc_container_put(c);
}

static void set_config_path_moves_the_container(void)
{
	struct lxc_container *c = lxc_container_new("mover", lxcpath);
	char *other = str_printf("%s/other", tmp), *cfg;

	if (!c) {
		CHECK(c != NULL);
		return;
	}
	cfg = str_printf("%s///", other);
	CHECK(c->set_config_path(c, cfg));
	free(cfg);
	CHECK_STR(c->get_config_path(c), other);
	cfg = str_printf("%s/mover/config", other);
	CHECK_STR(c->configfile, cfg);
	CHECK(!c->set_config_path(c, ""));
	free(cfg);
	free(other);
	lxc_container_put(c);
}

static void want_daemonize_sets_the_member(void)
{
	struct lxc_container *c = lxc_container_new("daemon", lxcpath);

	if (!c) {
		CHECK(c != NULL);
		return;
	}
	CHECK(c->want_daemonize(c, false));
	CHECK(!c->daemonize);
	CHECK(c->want_daemonize(c, true));
	CHECK(c->daemonize);
	CHECK(c->want_close_all_fds(c, true));
	lxc_container_put(c);
}

static void listing(void)
{
	char *path = str_printf("%s/listing", tmp), *saved = strdup(lxcpath);
	char **names = NULL;
	struct lxc_container **cs = NULL;
	int n;

	/* a separate lxcpath: b, a (defined), broken (bad config), dir (no config) */
	snprintf(lxcpath, sizeof(lxcpath), "%s", path);
	define("b", "lxc.uts.name = b\n");
	define("a", "lxc.uts.name = a\n");
	define("broken", "lxc.bogus = 1\n");
	{
		char *dir = str_printf("%s/dir", path);
		CHECK_INT(mkdir_p(dir, 0755), 0);
		free(dir);
	}

	n = list_defined_containers(path, &names, NULL);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(names[0], "a");
		CHECK_STR(names[1], "b");
		CHECK_STR(names[2], "broken");
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);

	/* with containers: the one that does not load is left out of both */
	n = list_defined_containers(path, &names, &cs);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(names[0], "a");
		CHECK_STR(cs[1]->name, "b");
		CHECK_STR(item(cs[0], "lxc.uts.name"), "a");
	}
	for (int i = 0; i < n; i++) {
		free(names[i]);
		lxc_container_put(cs[i]);
	}
	free(names);
	free(cs);

	CHECK_INT(list_all_containers(path, NULL, NULL), 3);
	CHECK_INT(list_active_containers(path, NULL, NULL), 0); /* nothing runs */
	CHECK_INT(list_defined_containers("/nonexistent-lxcpath", &names, NULL), -1);
	CHECK_CONTAINS(berth_last_error(), "/nonexistent-lxcpath");

	snprintf(lxcpath, sizeof(lxcpath), "%s", saved);
	free(saved);
	free(path);
}

static void wait_states_are_lxcs(void)
{
	const char *states[16];
	int n = lxc_get_wait_states(NULL);

	CHECK_INT(n, 8);
	CHECK_INT(lxc_get_wait_states(states), 8);
	CHECK_STR(states[0], "STOPPED");
	CHECK_STR(states[2], "RUNNING");
	CHECK_STR(states[6], "FROZEN");
	CHECK_STR(states[7], "THAWED");
}

static void supported_items_and_extensions(void)
{
	CHECK(lxc_config_item_is_supported("lxc.uts.name"));
	CHECK(lxc_config_item_is_supported("lxc.net.3.ipv4.address"));
	CHECK(lxc_config_item_is_supported("lxc.cgroup2.memory.max"));
	CHECK(!lxc_config_item_is_supported("lxc.uts.nmae"));
	CHECK(!lxc_config_item_is_supported(NULL));
	CHECK(lxc_has_api_extension("lxc_log"));
	CHECK(!lxc_has_api_extension("seccomp_notify")); /* not implemented: not claimed */
	CHECK(!lxc_has_api_extension(NULL));
}

static void lock_file_is_where_lxc_keeps_it(void)
{
	char *lock = container_lock_file("/var/lib/lxc", "web");

	if (geteuid() == 0)
		CHECK_STR(lock, RUNTIME_PATH "/lxc/lock/var/lib/lxc/.web");
	else
		CHECK_CONTAINS(lock, "/lxc/lock/var/lib/lxc/.web");
	free(lock);
}

/* lxc-wait's -s: names in any case joined by '|', into a mask; the exact names as LXC's. */
static void state_names_and_masks(void)
{
	char err[256] = "";
	unsigned mask = 0;

	CHECK_STR(state_name(STATE_RUNNING), "RUNNING");
	CHECK(state_name(STATE_COUNT) == NULL);
	CHECK(state_name(-1) == NULL);
	CHECK_INT(state_from_name("FROZEN"), STATE_FROZEN);
	CHECK_INT(state_from_name("frozen"), -EINVAL); /* exact, as LXC's own lookup */
	CHECK_INT(state_from_name(NULL), -EINVAL);
	CHECK_INT(state_mask_parse("RUNNING|stopped | Frozen", &mask, err, sizeof(err)), 0);
	CHECK_INT((int)mask, (1 << STATE_RUNNING) | (1 << STATE_STOPPED) | (1 << STATE_FROZEN));
	CHECK_INT(state_mask_parse("RUNNING|RUNNIN", &mask, err, sizeof(err)), -EINVAL);
	CHECK_STR(err, "invalid state 'RUNNIN' (use STOPPED, STARTING, RUNNING, STOPPING, ABORTING, FREEZING, FROZEN or THAWED)");
	CHECK_INT(state_mask_parse("|", &mask, err, sizeof(err)), -EINVAL);
	CHECK_STR(err, "no state given");
	CHECK_INT(state_mask_parse(NULL, &mask, err, sizeof(err)), -EINVAL);
}

UNIT_MAIN_BEGIN
	char *conf, *def, *lockdir;

	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(lxcpath, sizeof(lxcpath), "%s/lxcpath", tmp);
	mkdir_p(lxcpath, 0755);
	/* the system config of these tests: their own default config, nothing from the host */
	conf = str_printf("%s/lxc.conf", tmp);
	def = str_printf("%s/default.conf", tmp);
	write_file(def, "lxc.net.0.type = empty\n");
	{
		char *text = str_printf("lxc.default_config = %s\nlxc.lxcpath = %s\n", def, lxcpath);
		write_file(conf, text);
		free(text);
	}
	setenv("LXC_GLOBAL_CONF_FILE", conf, 1);
	/* errors of the refused cases would only clutter the output */
	{
		struct lxc_log log = { .prefix = "test-container", .quiet = true };
		lxc_log_init(&log);
	}

	RUN(new_get_put_count_references);
	RUN(every_method_is_set);
	RUN(unimplemented_methods_fail_honestly);
	RUN(names_are_validated);
	RUN(undefined_container);
	RUN(config_items_of_every_kind);
	RUN(legacy_keys_load);
	RUN(bad_config_gives_file_and_line);
	RUN(save_config_round_trip);
	RUN(save_of_a_new_container_starts_from_the_default_config);
	RUN(clear_config_drops_everything);
	RUN(get_keys_lists_keys);
	RUN(set_config_path_moves_the_container);
	RUN(want_daemonize_sets_the_member);
	RUN(listing);
	RUN(wait_states_are_lxcs);
	RUN(state_names_and_masks);
	RUN(supported_items_and_extensions);
	RUN(lock_file_is_where_lxc_keeps_it);

	/* the lock files the tests made under the runtime directory, and the temp tree */
	/* RUNDIR/lxc/lock/TMP/.x -> RUNDIR/lxc/lock/TMP, which holds the locks of every lxcpath under TMP */
	lockdir = container_lock_file(tmp, "x");
	if (lockdir && strstr(lockdir, "berth-unit-container."))
		rm_rf(dirname(lockdir));
	free(lockdir);
	rm_rf(tmp);
	free(conf);
	free(def);
UNIT_MAIN_END
