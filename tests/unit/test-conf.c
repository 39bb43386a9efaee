/* test-conf.c - unit tests of the config model: parsing, includes, lists, legacy keys, set/clear, writing; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/conf.h"
#include "conf/global.h"
#include "unit.h"
#include "util/fileutil.h"
#include "util/strutil.h"

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
	static char buf[4][PATH_MAX];
	static int n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof(buf[n]), "%s/%s", tmpdir, name);
	return buf[n];
}

static void put(const char *name, const char *text)
{
	const char *p = tmp_path(name);
	char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s", p);
	*strrchr(dir, '/') = '\0';
	CHECK_INT(mkdir_p(dir, 0755), 0);
	CHECK_INT(file_write_atomic(p, text, strlen(text), 0644), 0);
}

static char *slurp(const char *path)
{
	char *data = NULL;

	if (file_read_all(path, &data, NULL) < 0)
		return NULL;
	return data;
}

/* Runs fn with stderr going to a file; returns what was written (malloc'd). */
static int saved_stderr = -1;
static void capture_begin(void)
{
	int fd = open(tmp_path("stderr"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	fflush(stderr);
	saved_stderr = dup(2);
	dup2(fd, 2);
	close(fd);
}
static char *capture_end(void)
{
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	return slurp(tmp_path("stderr"));
}

static unsigned count_substr(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static struct lxc_config *load_str(const char *text, struct conf_error *err, int *ret)
{
	struct lxc_config *c = conf_new();

	*ret = conf_load_string(c, text, "t.conf", err);
	return c;
}

static char *item(const struct lxc_config *c, const char *key)
{
	static char buf[8192];
	int n = conf_get_item(c, key, buf, sizeof(buf));

	if (n < 0)
		snprintf(buf, sizeof(buf), "ERR%d", n);
	return buf;
}

/* ---- the parser ---- */

static void comments_blanks_whitespace_and_equals_in_values(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("# a comment\n"
					"\n"
					"   \t\n"
					"  # indented comment = not a key\n"
					"  lxc.uts.name   =   web=1  \t\n"
					"lxc.environment=A=b=c\n"
					"lxc.init.cmd = /sbin/init --opt=\"x y\"\r\n",
					&err, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(conf_get(c, "lxc.uts.name"), "web=1");
	CHECK_STR(item(c, "lxc.environment"), "A=b=c\n");
	CHECK_STR(conf_get(c, "lxc.init.cmd"), "/sbin/init --opt=\"x y\"");
	CHECK_INT(conf_item_count(c), 3);
	CHECK_STR(conf_item_at(c, 0)->key, "lxc.uts.name");
	CHECK_INT(conf_item_at(c, 0)->line, 5);
	CHECK_STR(conf_item_at(c, 0)->file, "t.conf");
	conf_free(c);
}

static void lines_without_equals_are_errors(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("lxc.uts.name = a\nlxc.tty.max 4\n", &err, &ret);

	CHECK_INT(ret, -EINVAL);
	CHECK_STR(err.file, "t.conf");
	CHECK_INT(err.line, 2);
	CHECK_CONTAINS(err.text, "t.conf:2: \"lxc.tty.max 4\" is not a KEY = VALUE line");
	conf_free(c);

	c = load_str(" = value\n", &err, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err.text, "t.conf:1:");
	conf_free(c);
}

static void unknown_keys_get_a_suggestion(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("# x\nlxc.uts.nme = web\n", &err, &ret);

	CHECK_INT(ret, -EINVAL);
	CHECK_STR(err.text, "t.conf:2: lxc.uts.nme: unknown key (did you mean lxc.uts.name?)");
	CHECK_INT(err.line, 2);
	conf_free(c);

	c = load_str("lxc.net.0.lnk = br0\n", &err, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err.text, "did you mean lxc.net.0.link?");
	conf_free(c);

	c = load_str("lxc.zzzzzzzzzzzz = 1\n", &err, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_STR(err.text, "t.conf:1: lxc.zzzzzzzzzzzz: unknown key");
	conf_free(c);
}

static void invalid_values_name_file_line_and_key(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("lxc.tty.max = 4\nlxc.tty.max = four\n", &err, &ret);

	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err.text, "t.conf:2: lxc.tty.max: ");
	CHECK_INT(err.line, 2);
	conf_free(c);

	/* a group key takes no value */
	c = load_str("lxc.cgroup = 1\n", &err, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err.text, "t.conf:1: lxc.cgroup:");
	conf_free(c);

	/* type-specific interface keys need the type first, as with LXC */
	c = load_str("lxc.net.0.veth.pair = v0\n", &err, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err.text, "t.conf:1: lxc.net.0.veth.pair:");
	conf_free(c);
	c = load_str("lxc.net.0.type = veth\nlxc.net.0.veth.pair = v0\n", &err, &ret);
	CHECK_INT(ret, 0);
	conf_free(c);
}

/* ---- lists, last-wins, clearing ---- */

static void lists_accumulate_and_single_keys_take_the_last(void)
{
	struct conf_error err;
	int ret;
	const char **v;
	struct lxc_config *c = load_str("lxc.group = sys_admin\n"
					"lxc.uts.name = a\n"
					"lxc.group = mknod\n"
					"lxc.uts.name = b\n",
					&err, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(conf_get(c, "lxc.uts.name"), "b");
	v = conf_get_list(c, "lxc.group");
	CHECK(v && v[0] && v[1] && !v[2]);
	if (v && v[0] && v[1]) {
		CHECK_STR(v[0], "sys_admin");
		CHECK_STR(v[1], "mknod");
	}
	free(v);
	CHECK_INT(conf_item_count(c), 3);
	CHECK(conf_get(c, "lxc.arch") == NULL);
	conf_free(c);
}

static void empty_values_clear(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("lxc.group = a\n"
					"lxc.group =\n"
					"lxc.group = b\n"
					"lxc.uts.name = x\n"
					"lxc.uts.name =\n"
					"lxc.net.0.type = veth\n"
					"lxc.net.1.type = veth\n"
					"lxc.net.1 =\n"
					"lxc.cgroup.devices.allow = a\n"
					"lxc.cgroup.dir = d\n"
					"lxc.cgroup2.memory.max = 1\n"
					"lxc.cgroup =\n"
					"lxc.hook.start = /a\n"
					"lxc.hook.version = 1\n"
					"lxc.hook =\n",
					&err, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(item(c, "lxc.group"), "b\n");
	CHECK(conf_get(c, "lxc.uts.name") == NULL);
	CHECK_STR(item(c, "lxc.net"), "veth\n");
	CHECK_STR(item(c, "lxc.cgroup"), "");
	CHECK_STR(item(c, "lxc.cgroup.dir"), "d");
	CHECK_STR(item(c, "lxc.cgroup2"), "lxc.cgroup2.memory.max = 1\n");
	CHECK_STR(item(c, "lxc.hook.start"), "");
	CHECK_STR(item(c, "lxc.hook.version"), "1");
	conf_free(c);

	c = load_str("lxc.net.0.type = veth\nlxc.net.3.type = phys\nlxc.net =\n", &err, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(item(c, "lxc.net"), "");
	conf_free(c);
}

/* ---- includes ---- */

static void includes_of_files_and_directories(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new();
	char text[PATH_MAX * 3];

	put("inc/d/b.conf", "lxc.group = b\nlxc.uts.name = from-b\n");
	put("inc/d/a.conf", "lxc.group = a\n");
	put("inc/d/notes.txt", "this is not a config\n");
	put("inc/d/.hidden.conf", "lxc.group = hidden\n");
	put("inc/one.conf", "\n# comment\nlxc.group = one\n");
	snprintf(text, sizeof(text),
		 "lxc.group = first\n"
		 "lxc.include = %s\n"
		 "lxc.include = %s\n"
		 "lxc.group = last\n",
		 tmp_path("inc/one.conf"), tmp_path("inc/d"));
	put("inc/main.conf", text);

	CHECK_INT(conf_load_file(c, tmp_path("inc/main.conf"), &err), 0);
	CHECK_STR(item(c, "lxc.group"), "first\none\na\nb\nlast\n");
	CHECK_STR(conf_get(c, "lxc.uts.name"), "from-b");
	/* items say where they came from */
	CHECK(conf_item_count(c) > 1);
	if (conf_item_count(c) > 1) {
		CHECK_STR(conf_item_at(c, 1)->file, tmp_path("inc/one.conf"));
		CHECK_INT(conf_item_at(c, 1)->line, 3);
	}
	CHECK_STR(conf_path(c), tmp_path("inc/main.conf"));
	/* the include line is kept as a line, not as an item */
	CHECK_INT(conf_get_item(c, "lxc.include", NULL, 0), -ENOSYS);
	conf_free(c);
}

static void include_loops_and_missing_files_are_errors(void)
{
	struct conf_error err;
	struct lxc_config *c;
	char text[PATH_MAX * 2];

	snprintf(text, sizeof(text), "lxc.uts.name = a\nlxc.include = %s\n", tmp_path("loop/b.conf"));
	put("loop/a.conf", text);
	snprintf(text, sizeof(text), "# b\n\nlxc.include = %s\n", tmp_path("loop/a.conf"));
	put("loop/b.conf", text);
	c = conf_new();
	CHECK_INT(conf_load_file(c, tmp_path("loop/a.conf"), &err), -ELOOP);
	CHECK_STR(err.file, tmp_path("loop/b.conf"));
	CHECK_INT(err.line, 3);
	CHECK_CONTAINS(err.text, "b.conf:3: lxc.include: ");
	CHECK_CONTAINS(err.text, "includes itself");
	conf_free(c);

	snprintf(text, sizeof(text), "lxc.include = %s\n", tmp_path("loop/self.conf"));
	put("loop/self.conf", text);
	c = conf_new();
	CHECK_INT(conf_load_file(c, tmp_path("loop/self.conf"), &err), -ELOOP);
	conf_free(c);

	/* the same file twice, not nested, is not a loop */
	snprintf(text, sizeof(text), "lxc.include = %s\nlxc.include = %s\n", tmp_path("loop/leaf.conf"),
		 tmp_path("loop/leaf.conf"));
	put("loop/twice.conf", text);
	put("loop/leaf.conf", "lxc.group = x\n");
	c = conf_new();
	CHECK_INT(conf_load_file(c, tmp_path("loop/twice.conf"), &err), 0);
	CHECK_STR(item(c, "lxc.group"), "x\nx\n");
	conf_free(c);

	c = conf_new();
	CHECK_INT(conf_load_string(c, "\nlxc.include = /nonexistent/berth.conf\n", "t.conf", &err), -ENOENT);
	CHECK_STR(err.text, "t.conf:2: lxc.include: cannot read /nonexistent/berth.conf: No such file or directory");
	conf_free(c);

	/* a missing directory (trailing '/') is skipped, as LXC does for userns.conf.d/ */
	c = conf_new();
	CHECK_INT(conf_load_string(c, "lxc.include = /nonexistent/berth.d/\nlxc.uts.name = x\n", "t.conf", &err), 0);
	CHECK_STR(conf_get(c, "lxc.uts.name"), "x");
	conf_free(c);

	c = conf_new();
	CHECK_INT(conf_load_file(c, "/nonexistent/config", &err), -ENOENT);
	CHECK_CONTAINS(err.text, "/nonexistent/config: cannot read the config: No such file or directory");
	conf_free(c);
}

/* ---- legacy keys ---- */

static void legacy_keys_map_to_current_ones(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new();
	char *warnings;
	int ret;

	capture_begin();
	ret = conf_load_file(c, FIXTURES "/config/legacy.conf", &err);
	warnings = capture_end();
	CHECK_INT(ret, 0);
	/* one warning for the file, naming it, a key, and the fix */
	CHECK_INT(count_substr(warnings, "more legacy keys"), 1);
	CHECK_CONTAINS(warnings, FIXTURES "/config/legacy.conf:8: lxc.rootfs");
	CHECK_CONTAINS(warnings, "lxc-update-config -c " FIXTURES "/config/legacy.conf");
	free(warnings);

	CHECK_STR(conf_get(c, "lxc.uts.name"), "old");
	CHECK_STR(conf_get(c, "lxc.rootfs.path"), "/var/lib/lxc/old/rootfs");
	CHECK_STR(conf_get(c, "lxc.tty.max"), "4");
	CHECK_STR(conf_get(c, "lxc.pty.max"), "1024");
	CHECK_STR(conf_get(c, "lxc.signal.halt"), "SIGPWR");
	CHECK_STR(conf_get(c, "lxc.apparmor.profile"), "unconfined");
	CHECK_STR(conf_get(c, "lxc.mount.fstab"), "/var/lib/lxc/old/fstab");
	CHECK_STR(conf_get(c, "lxc.prlimit.nofile"), "1024:2048");
	CHECK_STR(item(c, "lxc.idmap"), "u 0 100000 65536\ng 0 100000 65536");
	/* un-indexed lxc.network.* lines: type starts an interface, the rest apply to it */
	CHECK_STR(item(c, "lxc.net"), "veth\nmacvlan\nveth\n");
	CHECK_STR(conf_get(c, "lxc.net.0.link"), "lxcbr0");
	CHECK_STR(item(c, "lxc.net.0.ipv4.address"), "10.0.3.10/24\n10.0.3.11/24");
	CHECK_STR(conf_get(c, "lxc.net.0.ipv4.gateway"), "10.0.3.1");
	CHECK_STR(item(c, "lxc.net.0.ipv6.address"), "fd00::10/64");
	CHECK_STR(conf_get(c, "lxc.net.1.link"), "eth1");
	CHECK_STR(conf_get(c, "lxc.net.1.macvlan.mode"), "bridge");
	CHECK_STR(item(c, "lxc.net.2.ipv4.address"), "192.168.7.2/24");
	CHECK_STR(conf_get(c, "lxc.net.2.veth.pair"), "vethold2");
	/* obsolete keys are ignored */
	CHECK_INT(conf_get_item(c, "lxc.pivotdir", NULL, 0), -ENOENT);
	/* 42 legacy lines in the file itself */
	CHECK_INT(conf_legacy_count(c), 42);
	/* legacy spellings are answered for simple renames */
	CHECK_STR(item(c, "lxc.utsname"), "old");
	for (size_t i = 0; i < conf_item_count(c); i++)
		CHECK(!str_has_prefix(conf_item_at(c, i)->key, "lxc.network"));
	conf_free(c);
}

static void legacy_network_lines_need_a_type_first(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("lxc.network.link = br0\n", &err, &ret);

	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err.text, "t.conf:1: lxc.network.link: ");
	CHECK_CONTAINS(err.text, "lxc.network.type");
	conf_free(c);

	/* an un-indexed interface comes after the indexed ones */
	capture_begin();
	c = load_str("lxc.net.0.type = veth\nlxc.net.4.type = phys\nlxc.network.type = macvlan\nlxc.network.link = eth0\n",
		     &err, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(conf_get(c, "lxc.net.5.type"), "macvlan");
	CHECK_STR(conf_get(c, "lxc.net.5.link"), "eth0");
	free(capture_end());
	conf_free(c);
}

static void one_legacy_warning_per_file(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new();
	char text[PATH_MAX * 2], *warnings;
	int ret;

	put("warn/inc.conf", "lxc.utsname = x\nlxc.tty = 1\n");
	snprintf(text, sizeof(text), "lxc.pts = 1\nlxc.include = %s\nlxc.loglevel = 1\nlxc.uts.name = ok\n",
		 tmp_path("warn/inc.conf"));
	put("warn/main.conf", text);
	capture_begin();
	ret = conf_load_file(c, tmp_path("warn/main.conf"), &err);
	warnings = capture_end();
	CHECK_INT(ret, 0);
	CHECK_INT(count_substr(warnings, "warning"), 2);
	CHECK_INT(count_substr(warnings, "lxc-update-config -c"), 2);
	CHECK_CONTAINS(warnings, "main.conf:1: lxc.pts and 1 more legacy keys");
	CHECK_CONTAINS(warnings, "inc.conf:1: lxc.utsname and 1 more legacy keys");
	CHECK_INT(conf_legacy_count(c), 2); /* the own file only */
	free(warnings);
	conf_free(c);
}

static void converting_legacy_keys_keeps_comments_and_order(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new(), *d = conf_new();
	char *orig = slurp(FIXTURES "/config/legacy.conf"), *conv, *warnings;
	int ret;

	CHECK(orig != NULL);
	put("conv/config", orig ? orig : "");
	capture_begin();
	CHECK_INT(conf_load_file(c, tmp_path("conv/config"), &err), 0);
	free(capture_end());
	capture_begin();
	ret = conf_convert_legacy(c);
	CHECK_INT(ret, 42);
	CHECK_INT(conf_legacy_count(c), 0);
	CHECK_INT(conf_write(c, NULL), 0);
	conv = slurp(tmp_path("conv/config"));
	CHECK_INT(conf_load_file(d, tmp_path("conv/config"), &err), 0);
	warnings = capture_end();

	/* loads with no warning, to the same items */
	CHECK_STR(warnings, "");
	CHECK_INT(conf_item_count(c), conf_item_count(d));
	for (size_t i = 0; i < conf_item_count(c) && i < conf_item_count(d); i++) {
		CHECK_STR(conf_item_at(c, i)->key, conf_item_at(d, i)->key);
		CHECK_STR(conf_item_at(c, i)->value, conf_item_at(d, i)->value);
	}
	CHECK_INT(conf_legacy_count(d), 0);
	/* the text: same number of lines, comments and indentation kept, keys renamed */
	CHECK_INT(count_substr(conv, "\n"), count_substr(orig, "\n"));
	CHECK_CONTAINS(conv, "# An LXC 2.0-era container config: every key here is a legacy spelling.\n"
			     "# Template used: download (debian stretch amd64)\n\n# Distribution configuration\n"
			     "lxc.arch = x86_64\n");
	CHECK_CONTAINS(conv, "\nlxc.rootfs.path = /var/lib/lxc/old/rootfs\n");
	CHECK_CONTAINS(conv, "\n# lxc.rootfs.backend = dir (obsolete key, no longer read)\n");
	CHECK_CONTAINS(conv, "\nlxc.uts.name = old\nlxc.tty.max = 4\nlxc.pty.max = 1024\n");
	CHECK_CONTAINS(conv, "\nlxc.idmap = u 0 100000 65536\n");
	CHECK_CONTAINS(conv, "\nlxc.prlimit.nofile = 1024:2048\n");
	CHECK_CONTAINS(conv, "\n# Network configuration\nlxc.net.0.type = veth\nlxc.net.0.flags = up\n");
	CHECK_CONTAINS(conv, "\nlxc.net.0.ipv4.address = 10.0.3.10/24\nlxc.net.0.ipv4.address = 10.0.3.11/24\n"
			     "lxc.net.0.ipv4.gateway = 10.0.3.1\nlxc.net.0.ipv6.address = fd00::10/64\n");
	CHECK_CONTAINS(conv, "\n\t# a second interface, indented\n\tlxc.net.1.type = macvlan\n"
			     "\tlxc.net.1.macvlan.mode = bridge\n");
	CHECK_CONTAINS(conv, "\nlxc.net.2.ipv4.address = 192.168.7.2/24\nlxc.net.2.veth.pair = vethold2\n");
	CHECK(!strstr(conv, "\nlxc.network"));
	/* nothing legacy left: converting again changes nothing */
	CHECK_INT(conf_convert_legacy(d), 0);
	free(orig);
	free(conv);
	free(warnings);
	conf_free(c);
	conf_free(d);
}

static void converting_applies_the_rootfs_backend(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new();

	put("conv/backend", "lxc.rootfs.backend = btrfs\nlxc.rootfs = /var/lib/lxc/b/rootfs\n");
	capture_begin();
	CHECK_INT(conf_load_file(c, tmp_path("conv/backend"), &err), 0);
	free(capture_end());
	CHECK_INT(conf_convert_legacy(c), 2);
	CHECK_INT(conf_write(c, NULL), 0);
	CHECK_STR(conf_get(c, "lxc.rootfs.path"), "btrfs:/var/lib/lxc/b/rootfs");
	char *text = slurp(tmp_path("conv/backend"));
	CHECK_STR(text, "# lxc.rootfs.backend = btrfs (obsolete key, no longer read)\n"
			"lxc.rootfs.path = btrfs:/var/lib/lxc/b/rootfs\n");
	free(text);
	conf_free(c);
}

/* ---- writing ---- */

static void write_round_trip_is_exact(void)
{
	static const char *const texts[] = {
		"# comment\n\n   lxc.uts.name=web   \n\tlxc.group = a\nlxc.net.0.type = veth\n",
		"lxc.uts.name = no-final-newline",
		"",
		"\n\n\n",
		"lxc.network.type = veth\nlxc.network.link = br0\n# trailing\n",
	};

	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		struct conf_error err;
		struct lxc_config *c = conf_new(), *d = conf_new();
		char *back;

		put("rt/config", texts[t]);
		capture_begin();
		CHECK_INT(conf_load_file(c, tmp_path("rt/config"), &err), 0);
		CHECK_INT(conf_write(c, tmp_path("rt/copy")), 0);
		CHECK_INT(conf_load_file(d, tmp_path("rt/copy"), &err), 0);
		free(capture_end());
		back = slurp(tmp_path("rt/copy"));
		CHECK_STR(back, texts[t]);
		CHECK_INT(conf_item_count(c), conf_item_count(d));
		for (size_t i = 0; i < conf_item_count(c) && i < conf_item_count(d); i++) {
			CHECK_STR(conf_item_at(c, i)->key, conf_item_at(d, i)->key);
			CHECK_STR(conf_item_at(c, i)->value, conf_item_at(d, i)->value);
		}
		free(back);
		conf_free(c);
		conf_free(d);
	}
}

static void write_keeps_the_mode_and_needs_a_path(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new();
	struct stat st;

	put("mode/config", "lxc.uts.name = a\n");
	CHECK_INT(chmod(tmp_path("mode/config"), 0600), 0);
	CHECK_INT(conf_load_file(c, tmp_path("mode/config"), &err), 0);
	CHECK_INT(conf_set(c, "lxc.uts.name", "b", &err), 0);
	CHECK_INT(conf_write(c, NULL), 0);
	CHECK_INT(stat(tmp_path("mode/config"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	conf_free(c);

	c = conf_new();
	CHECK_INT(conf_set(c, "lxc.uts.name", "new", &err), 0);
	capture_begin();
	CHECK_INT(conf_write(c, NULL), -EINVAL);
	free(capture_end());
	CHECK_INT(conf_write(c, tmp_path("mode/new")), 0);
	char *text = slurp(tmp_path("mode/new"));
	CHECK_STR(text, "lxc.uts.name = new\n");
	free(text);
	CHECK_INT(stat(tmp_path("mode/new"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0640);
	conf_free(c);
}

/* ---- set and clear ---- */

static char *written(struct lxc_config *c)
{
	CHECK_INT(mkdir_p(tmp_path("set"), 0755), 0);
	CHECK_INT(conf_write(c, tmp_path("set/out")), 0);
	return slurp(tmp_path("set/out"));
}

static void set_replaces_single_values_in_place(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c;
	char *text;

	capture_begin();
	c = load_str("# web\n  lxc.uts.name = a\nlxc.tty.max = 1\nlxc.utsname = legacy\n# end\n", &err, &ret);
	CHECK_INT(conf_set(c, "lxc.tty.max", "4", &err), 0);
	CHECK_INT(conf_set(c, "lxc.uts.name", "b", &err), 0);
	CHECK_INT(conf_set(c, "lxc.arch", "x86_64", &err), 0);
	free(capture_end());
	CHECK_STR(conf_get(c, "lxc.uts.name"), "b");
	CHECK_STR(conf_get(c, "lxc.tty.max"), "4");
	text = written(c);
	/* the last line of the key gets the value, spelled as it was */
	CHECK_STR(text, "# web\n  lxc.uts.name = a\nlxc.tty.max = 4\nlxc.utsname = b\n# end\nlxc.arch = x86_64\n");
	free(text);
	conf_free(c);
}

static void set_appends_list_values_and_after_includes(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new(), *d = conf_new();
	char text[PATH_MAX * 2], *out;

	put("set/inc.conf", "lxc.uts.name = from-include\nlxc.group = inc\n");
	snprintf(text, sizeof(text), "lxc.uts.name = a\nlxc.group = own\nlxc.include = %s\n", tmp_path("set/inc.conf"));
	put("set/main.conf", text);
	CHECK_INT(conf_load_file(c, tmp_path("set/main.conf"), &err), 0);
	CHECK_STR(conf_get(c, "lxc.uts.name"), "from-include");
	CHECK_INT(conf_set(c, "lxc.uts.name", "mine", &err), 0);
	CHECK_INT(conf_set(c, "lxc.group", "sys_time", &err), 0);
	CHECK_STR(item(c, "lxc.group"), "own\ninc\nsys_time\n");
	out = written(c);
	/* a line before the include would lose to it: the value goes after */
	snprintf(text, sizeof(text),
		 "lxc.uts.name = a\nlxc.group = own\nlxc.include = %s\nlxc.uts.name = mine\nlxc.group = sys_time\n",
		 tmp_path("set/inc.conf"));
	CHECK_STR(out, text);
	CHECK_INT(conf_load_file(d, tmp_path("set/out"), &err), 0);
	CHECK_STR(conf_get(d, "lxc.uts.name"), "mine");
	CHECK_STR(item(d, "lxc.group"), "own\ninc\nsys_time\n");
	free(out);
	conf_free(c);
	conf_free(d);
}

static void set_empty_and_clear_keep_the_effective_result(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new(), *d = conf_new();
	char text[PATH_MAX * 2], *out;

	put("clr/inc.conf", "lxc.group = inc\nlxc.uts.name = inc\nlxc.cgroup.devices.deny = a\n");
	snprintf(text, sizeof(text),
		 "lxc.group = own\nlxc.include = %s\nlxc.group = own2\nlxc.tty.max = 2\n"
		 "lxc.cgroup.devices.allow = b\nlxc.cgroup.dir = x\nlxc.cgroup2.memory.max = 1\n",
		 tmp_path("clr/inc.conf"));
	put("clr/main.conf", text);
	CHECK_INT(conf_load_file(c, tmp_path("clr/main.conf"), &err), 0);
	CHECK_INT(conf_set(c, "lxc.group", "", &err), 0);
	CHECK_INT(conf_clear(c, "lxc.uts.name"), 0);
	CHECK_INT(conf_clear(c, "lxc.tty.max"), 0);
	CHECK_INT(conf_clear(c, "lxc.cgroup"), 0);
	CHECK_STR(item(c, "lxc.group"), "");
	CHECK_STR(item(c, "lxc.uts.name"), "");
	CHECK_STR(item(c, "lxc.cgroup"), "");
	CHECK_STR(item(c, "lxc.cgroup.dir"), "x");
	CHECK_STR(item(c, "lxc.cgroup2"), "lxc.cgroup2.memory.max = 1\n");
	out = written(c);
	snprintf(text, sizeof(text),
		 "lxc.include = %s\nlxc.cgroup.dir = x\nlxc.cgroup2.memory.max = 1\n"
		 "lxc.group =\nlxc.uts.name =\nlxc.cgroup =\n",
		 tmp_path("clr/inc.conf"));
	CHECK_STR(out, text);
	CHECK_INT(conf_load_file(d, tmp_path("set/out"), &err), 0);
	CHECK_STR(item(d, "lxc.group"), "");
	CHECK_STR(item(d, "lxc.uts.name"), "");
	CHECK_STR(item(d, "lxc.cgroup"), "");
	/* clearing again adds nothing */
	CHECK_INT(conf_clear(d, "lxc.group"), 0);
	free(out);
	out = written(d);
	CHECK_STR(out, text);
	free(out);
	conf_free(c);
	conf_free(d);
}

static void clear_takes_the_prefixes_lxc_takes(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("lxc.net.0.type = veth\n"
					"lxc.net.0.ipv4.address = 1.1.1.1/24\n"
					"lxc.net.1.type = veth\n"
					"lxc.net.1.link = br1\n"
					"lxc.hook.start = /a\n"
					"lxc.hook.stop = /b\n"
					"lxc.hook.version = 1\n"
					"lxc.mount.entry = a b c d 0 0\n"
					"lxc.cap.drop = sys_admin\n"
					"lxc.idmap = u 0 1 1\n"
					"lxc.environment = A=1\n"
					"lxc.sysctl.a = 1\n"
					"lxc.sysctl.b = 2\n"
					"lxc.proc.x = 1\n"
					"lxc.prlimit.nofile = 1\n"
					"lxc.prlimit.nproc = 1\n"
					"lxc.cgroup2.memory.max = 1\n",
					&err, &ret);
	char *text;

	CHECK_INT(ret, 0);
	CHECK_INT(conf_clear(c, "lxc.net.0"), 0);
	CHECK_STR(item(c, "lxc.net"), "veth\n");
	CHECK_INT(conf_clear(c, "lxc.net.1.link"), 0);
	CHECK_STR(item(c, "lxc.net.1.link"), "");
	CHECK_INT(conf_clear(c, "lxc.hook"), 0);
	CHECK_STR(item(c, "lxc.hook.stop"), "");
	CHECK_STR(item(c, "lxc.hook.version"), "1");
	CHECK_INT(conf_clear(c, "lxc.mount.entry"), 0);
	CHECK_INT(conf_clear(c, "lxc.cap.drop"), 0);
	CHECK_INT(conf_clear(c, "lxc.idmap"), 0);
	CHECK_INT(conf_clear(c, "lxc.environment"), 0);
	CHECK_INT(conf_clear(c, "lxc.sysctl.a"), 0);
	CHECK_STR(item(c, "lxc.sysctl"), "lxc.sysctl.b = 2\n");
	CHECK_INT(conf_clear(c, "lxc.sysctl"), 0);
	CHECK_INT(conf_clear(c, "lxc.proc"), 0);
	CHECK_INT(conf_clear(c, "lxc.prlimit.nofile"), 0);
	CHECK_STR(item(c, "lxc.prlimit"), "lxc.prlimit.nproc = 1\n");
	CHECK_INT(conf_clear(c, "lxc.cgroup2"), 0);
	CHECK_INT(conf_clear(c, "lxc.bogus"), -ENOENT);
	text = written(c);
	CHECK_STR(text, "lxc.net.1.type = veth\nlxc.hook.version = 1\nlxc.prlimit.nproc = 1\n");
	free(text);
	CHECK_INT(conf_clear(c, "lxc.net"), 0);
	CHECK_STR(item(c, "lxc.net"), "");
	conf_free(c);
}

static void clearing_legacy_interfaces_does_not_renumber_them(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c, *d = conf_new();
	char *text;

	capture_begin();
	c = load_str("lxc.network.type = veth\nlxc.network.link = br0\n"
		     "lxc.network.type = macvlan\nlxc.network.link = eth0\n",
		     &err, &ret);
	CHECK_INT(ret, 0);
	CHECK_INT(conf_clear(c, "lxc.net.0"), 0);
	text = written(c);
	CHECK_STR(text, "lxc.network.1.type = macvlan\nlxc.network.1.link = eth0\n");
	CHECK_INT(conf_load_file(d, tmp_path("set/out"), &err), 0);
	free(capture_end());
	CHECK_STR(conf_get(d, "lxc.net.1.link"), "eth0");
	free(text);
	conf_free(c);
	conf_free(d);
}

/* Found by the fuzzer: an include's un-indexed lxc.network.type takes the index after
 * the own lines before it; clearing those must not move it to another index. */
static void clearing_own_interfaces_does_not_renumber_included_legacy_ones(void)
{
	struct conf_error err;
	struct lxc_config *c, *d = conf_new();
	char text[512], *out;
	int ret;

	put("legacy-inc/old.conf", "lxc.network.type = veth\nlxc.network.link = br9\n");
	snprintf(text, sizeof(text), "lxc.net.0.type = empty\nlxc.net.0.script.down = /x\nlxc.include = %s\n",
		 tmp_path("legacy-inc/old.conf"));
	capture_begin();
	c = load_str(text, &err, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(conf_get(c, "lxc.net.1.link"), "br9");
	CHECK_INT(conf_clear(c, "lxc.net.0"), 0);
	CHECK_INT(conf_clear(c, "lxc.net.1.type"), 0); /* the interface of the include: its line cannot go */
	out = written(c);
	CHECK_INT(conf_load_file(d, tmp_path("set/out"), &err), 0);
	free(capture_end());
	/* lxc.net.0 stays cleared, and the included interface is still the second one, cleared too */
	CHECK(conf_get(d, "lxc.net.0.type") == NULL);
	CHECK(conf_get(d, "lxc.net.0.script.down") == NULL);
	CHECK(conf_get(d, "lxc.net.1.type") == NULL);
	CHECK_STR(conf_get(d, "lxc.net.1.link"), "br9");
	CHECK_INT(conf_item_count(d), conf_item_count(c));
	free(out);
	conf_free(c);
	conf_free(d);
}

static void set_checks_keys_and_values(void)
{
	struct conf_error err;
	struct lxc_config *c = conf_new();

	CHECK_INT(conf_set(c, "lxc.tty.max", "many", &err), -EINVAL);
	CHECK_CONTAINS(err.text, "lxc.tty.max: ");
	CHECK_INT(conf_set(c, "lxc.uts.nam", "x", &err), -EINVAL);
	CHECK_CONTAINS(err.text, "did you mean lxc.uts.name?");
	CHECK_INT(conf_set(c, "lxc.uts.name", "a\nlxc.tty.max = 3", &err), -EINVAL);
	CHECK_INT(conf_set(c, "lxc.cgroup", "x", &err), -EINVAL);
	CHECK_INT(conf_set(c, "lxc.net.0.type", "veth", &err), 0);
	CHECK_INT(conf_set(c, "lxc.net.0.veth.pair", "vp0", &err), 0);
	CHECK_INT(conf_set(c, "lxc.net.0.macvlan.mode", "bridge", &err), -EINVAL);
	CHECK_INT(conf_item_count(c), 2);
	conf_free(c);
}

static void retyping_an_interface_drops_keys_of_the_old_type(void)
{
	struct conf_error err;
	int ret;
	struct lxc_config *c = load_str("lxc.net.0.type = veth\nlxc.net.0.veth.pair = vp0\nlxc.net.0.link = br0\n"
					"lxc.net.1.type = veth\nlxc.net.1.veth.pair = vp1\nlxc.net.1.type = macvlan\n",
					&err, &ret), *d = conf_new();
	char *text;

	CHECK_INT(ret, 0);
	/* as LXC: a later type line hides the old type's keys */
	CHECK_INT(conf_get_item(c, "lxc.net.1.veth.pair", NULL, 0), -EINVAL);
	CHECK_INT(conf_set(c, "lxc.net.0.type", "macvlan", &err), 0);
	CHECK_INT(conf_get_item(c, "lxc.net.0.veth.pair", NULL, 0), -EINVAL);
	CHECK_STR(conf_get(c, "lxc.net.0.link"), "br0");
	CHECK_INT(conf_clear(c, "lxc.net.1.type"), 0);
	text = written(c);
	CHECK_STR(text, "lxc.net.0.type = macvlan\nlxc.net.0.link = br0\n");
	/* what is written loads again */
	CHECK_INT(conf_load_file(d, tmp_path("set/out"), &err), 0);
	CHECK_INT(conf_item_count(d), conf_item_count(c));
	free(text);
	conf_free(c);
	conf_free(d);
}

static void net_indices_are_sorted_and_unique(void)
{
	struct conf_error err;
	int ret, *idx = NULL, n;
	struct lxc_config *c = load_str("lxc.net.3.type = veth\nlxc.net.0.type = veth\nlxc.net.3.link = br0\n"
					"lxc.net.10.type = phys\n",
					&err, &ret);

	n = conf_net_indices(c, &idx);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(idx[0], 0);
		CHECK_INT(idx[1], 3);
		CHECK_INT(idx[2], 10);
	}
	free(idx);
	conf_free(c);
}

/* ---- real configs ---- */

static void lxc_template_configs_load(void)
{
	static const char dir[] = "/usr/share/lxc/config";
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		SKIP("/usr/share/lxc/config (LXC's own configs, from Debian's lxc package) is not installed");
	while ((e = readdir(d))) {
		struct lxc_config *c;
		struct conf_error err;
		char path[PATH_MAX];
		int ret;

		if (!str_has_suffix(e->d_name, ".conf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		c = conf_new();
		ret = conf_load_file(c, path, &err);
		if (ret)
			printf("  %s: %s\n", path, err.text);
		CHECK_INT(ret, 0);
		CHECK_INT(conf_legacy_count(c), 0);
		conf_free(c);
		n++;
	}
	closedir(d);
	CHECK(n > 0);
}

static void rm_rf(const char *path)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		printf("  could not remove %s\n", path);
}

/* ---- the system config (lxc.conf) ---- */

static void system_config_values_and_defaults(void)
{
	char *v = NULL, *warnings, path[PATH_MAX];

	put("global/lxc.conf", "# lxc.lxcpath = /commented\n\nlxc.lxcpath = /a\nlxc.lxcpath = /b\nno equals here\n"
			       "lxc.bdev.lvm.vg =\nlxc.cgroup.use = @kernel\n");
	setenv("LXC_GLOBAL_CONF_FILE", tmp_path("global/lxc.conf"), 1);
	CHECK_STR(conf_global_path(path, sizeof(path)), tmp_path("global/lxc.conf"));
	capture_begin();
	/* the last value wins; a bad line is skipped with a warning naming file:line */
	CHECK_INT(conf_global_get("lxc.lxcpath", &v), 0);
	CHECK_STR(v, "/b");
	free(v);
	/* an empty value means "not set": the built-in default */
	CHECK_INT(conf_global_get("lxc.bdev.lvm.vg", &v), 0);
	CHECK_STR(v, "lxc");
	free(v);
	CHECK_INT(conf_global_get("lxc.cgroup.use", &v), 0);
	CHECK_STR(v, "@kernel");
	free(v);
	CHECK_INT(conf_global_get("lxc.bogus", &v), -ENOENT);
	CHECK(v == NULL);
	CHECK_INT(conf_global_get(NULL, &v), -ENOENT);
	warnings = capture_end();
	CHECK_CONTAINS(warnings, "global/lxc.conf:5: ignoring a line without '=' in the system config");
	free(warnings);
	/* no file: the defaults (root's paths, or the user's under $HOME) */
	setenv("LXC_GLOBAL_CONF_FILE", tmp_path("global/missing.conf"), 1);
	setenv("HOME", "/home/someone", 1);
	CHECK_INT(conf_global_get("lxc.lxcpath", &v), 0);
	CHECK_STR(v, geteuid() == 0 ? LXCPATH : "/home/someone/.local/share/lxc");
	free(v);
	CHECK_INT(conf_global_get("lxc.default_config", &v), 0);
	CHECK_STR(v, geteuid() == 0 ? LXC_DEFAULT_CONFIG : "/home/someone/.config/lxc/default.conf");
	free(v);
	CHECK_INT(conf_global_get("lxc.cgroup.use", &v), 0);
	CHECK(v == NULL);
	unsetenv("LXC_GLOBAL_CONF_FILE");
}

UNIT_MAIN_BEGIN
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/berth-test-conf.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(comments_blanks_whitespace_and_equals_in_values);
	RUN(lines_without_equals_are_errors);
	RUN(unknown_keys_get_a_suggestion);
	RUN(invalid_values_name_file_line_and_key);
	RUN(lists_accumulate_and_single_keys_take_the_last);
	RUN(empty_values_clear);
	RUN(includes_of_files_and_directories);
	RUN(include_loops_and_missing_files_are_errors);
	RUN(legacy_keys_map_to_current_ones);
	RUN(legacy_network_lines_need_a_type_first);
	RUN(one_legacy_warning_per_file);
	RUN(converting_legacy_keys_keeps_comments_and_order);
	RUN(converting_applies_the_rootfs_backend);
	RUN(write_round_trip_is_exact);
	RUN(write_keeps_the_mode_and_needs_a_path);
	RUN(set_replaces_single_values_in_place);
	RUN(set_appends_list_values_and_after_includes);
	RUN(set_empty_and_clear_keep_the_effective_result);
	RUN(clear_takes_the_prefixes_lxc_takes);
	RUN(clearing_legacy_interfaces_does_not_renumber_them);
	RUN(clearing_own_interfaces_does_not_renumber_included_legacy_ones);
	RUN(set_checks_keys_and_values);
	RUN(retyping_an_interface_drops_keys_of_the_old_type);
	RUN(net_indices_are_sorted_and_unique);
	RUN(lxc_template_configs_load);
	RUN(system_config_values_and_defaults);
	rm_rf(tmpdir);
UNIT_MAIN_END
