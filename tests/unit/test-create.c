/* test-create.c - unit tests of create's pure parts: MAC randomisation, machine-id format, template argv/env, template lookup, safe tree removal; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf/conf.h"
#include "create_identity.h"
#include "template.h"
#include "unit.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/rmtree.h"
#include "util/strutil.h"

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void test_hwaddr_fixed_digits_stay(void)
{
	unsigned char rnd[12] = { 0x0f, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b };
	char mac[] = "00:16:3e:xx:xx:xx";

	CHECK_INT(hwaddr_fill(mac, rnd, sizeof(rnd)), 6);
	CHECK_STR(mac, "00:16:3e:f1:23:45");
	/* nothing to fill */
	char fixed[] = "00:16:3e:12:34:56";
	CHECK_INT(hwaddr_fill(fixed, rnd, sizeof(rnd)), 0);
	CHECK_STR(fixed, "00:16:3e:12:34:56");
	/* upper-case X is a placeholder too */
	char upper[] = "00:16:3e:XX:xx:Xx";
	CHECK_INT(hwaddr_fill(upper, rnd, sizeof(rnd)), 6);
	CHECK_STR(upper, "00:16:3e:f1:23:45");
}

static void test_hwaddr_first_octet_unicast_local(void)
{
	/* every value of the random byte: the first octet stays unicast and locally administered */
	for (int b = 0; b < 256; b++) {
		unsigned char rnd[12];
		char mac[] = "xx:xx:xx:xx:xx:xx";
		int first;

		memset(rnd, b, sizeof(rnd));
		CHECK_INT(hwaddr_fill(mac, rnd, sizeof(rnd)), 12);
		first = hexval(mac[0]) * 16 + hexval(mac[1]);
		CHECK(hexval(mac[0]) >= 0 && hexval(mac[1]) >= 0);
		CHECK((first & 1) == 0); /* unicast */
		CHECK((first & 2) == 2); /* locally administered */
		for (int i = 0; i < 17; i++)
			CHECK(i % 3 == 2 ? mac[i] == ':' : hexval(mac[i]) >= 0);
	}
	/* a first octet the template fixes stays as it is, even a multicast one */
	unsigned char rnd[12] = { 0 };
	char mac[] = "01:xx:xx:xx:xx:xx";
	hwaddr_fill(mac, rnd, sizeof(rnd));
	CHECK(!strncmp(mac, "01:", 3));
	/* too few random bytes: what has none stays a placeholder (the caller gives enough) */
	char few[] = "00:16:3e:xx:xx:xx";
	CHECK_INT(hwaddr_fill(few, rnd, 2), 2);
	CHECK_STR(few, "00:16:3e:00:xx:xx");
}

static void test_conf_fill_hwaddrs(void)
{
	struct lxc_config *conf = conf_new();
	struct conf_error err;
	char msg[256];
	bool changed = false;
	const char *v0, *v1;

	CHECK(conf != NULL);
	CHECK_INT(conf_load_string(conf,
				   "lxc.net.0.type = veth\nlxc.net.0.hwaddr = 00:16:3e:xx:xx:xx\n"
				   "lxc.net.1.type = veth\nlxc.net.1.hwaddr = 00:16:3e:aa:bb:cc\n",
				   "test", &err),
		  0);
	CHECK_INT(conf_fill_hwaddrs(conf, &changed, msg, sizeof(msg)), 0);
	CHECK(changed);
	v0 = conf_get(conf, "lxc.net.0.hwaddr");
	v1 = conf_get(conf, "lxc.net.1.hwaddr");
	CHECK(v0 && !strncmp(v0, "00:16:3e:", 9) && !strchr(v0, 'x') && strlen(v0) == 17);
	CHECK_STR(v1, "00:16:3e:aa:bb:cc");
	/* nothing left to fill */
	CHECK_INT(conf_fill_hwaddrs(conf, &changed, msg, sizeof(msg)), 0);
	CHECK(!changed);
	conf_free(conf);
}

static void test_machine_id_format(void)
{
	unsigned char id[16];
	char out[34];

	for (int i = 0; i < 16; i++)
		id[i] = (unsigned char)(i * 17 + 0x0a);
	machine_id_format(id, out);
	CHECK_INT(strlen(out), 33);
	CHECK(out[32] == '\n');
	for (int i = 0; i < 32; i++)
		CHECK(hexval(out[i]) >= 0);
	CHECK(!strncmp(out, "0a1b2c3d4e5f708192a3b4c5d6e7f809", 32));
}

static void test_machine_id_in_rootfs(void)
{
	char dir[] = "/tmp/berth-unit-mid.XXXXXX", path[256], err[256];
	__do_free char *a = NULL, *b = NULL;
	struct stat st;

	CHECK(mkdtemp(dir) != NULL);
	/* no /etc: nothing is written */
	CHECK_INT(rootfs_write_machine_id(dir, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/etc", dir);
	CHECK_INT(mkdir(path, 0755), 0);
	/* the debian template leaves it empty */
	snprintf(path, sizeof(path), "%s/etc/machine-id", dir);
	close(open(path, O_WRONLY | O_CREAT, 0444));
	CHECK_INT(rootfs_write_machine_id(dir, err, sizeof(err)), 1);
	CHECK_INT(file_read_all(path, &a, NULL), 0);
	CHECK(a && strlen(a) == 33 && a[32] == '\n');
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0444);
	/* a second call gives another id */
	CHECK_INT(rootfs_write_machine_id(dir, err, sizeof(err)), 1);
	CHECK_INT(file_read_all(path, &b, NULL), 0);
	CHECK(a && b && strcmp(a, b) != 0);
	CHECK_INT(rmtree(dir, NULL, err, sizeof(err)), 0);
}

static void test_template_argv(void)
{
	char *user[] = { "-r", "bookworm", "--", "x y", NULL };
	char **v = template_build_argv("/usr/share/lxc/templates/lxc-debian", "/var/lib/lxc/web", "web",
				       "/var/lib/lxc/web/rootfs", -1, -1, user);

	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_INT(strv_len(v), 8);
	CHECK_STR(v[0], "lxc-debian");
	CHECK_STR(v[1], "--path=/var/lib/lxc/web");
	CHECK_STR(v[2], "--name=web");
	CHECK_STR(v[3], "--rootfs=/var/lib/lxc/web/rootfs");
	CHECK_STR(v[4], "-r");
	CHECK_STR(v[5], "bookworm");
	CHECK_STR(v[6], "--");
	CHECK_STR(v[7], "x y");
	CHECK(v[8] == NULL);
	strv_free(v);

	v = template_build_argv("lxc-busybox", "/p/n", "n", "/r", 100000, 100000, NULL);
	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_INT(strv_len(v), 6);
	CHECK_STR(v[0], "lxc-busybox");
	CHECK_STR(v[4], "--mapped-uid=100000");
	CHECK_STR(v[5], "--mapped-gid=100000");
	strv_free(v);
}

static void test_template_env(void)
{
	char **v = template_build_env("web", "/var/lib/lxc/web", "/var/lib/lxc/web/rootfs", "/var/lib/lxc/web/config");

	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_STR(v[0], "LXC_NAME=web");
	CHECK_STR(v[1], "LXC_PATH=/var/lib/lxc/web");
	CHECK_STR(v[2], "LXC_ROOTFS_PATH=/var/lib/lxc/web/rootfs");
	CHECK_STR(v[3], "LXC_CONFIG_FILE=/var/lib/lxc/web/config");
	CHECK(!strncmp(v[4], "LXC_TEMPLATE_CONFIG=", 20));
	strv_free(v);
}

static void test_template_find(void)
{
	char dir[] = "/tmp/berth-unit-tpl.XXXXXX", path[256], err[512];
	char *p;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/lxc-mine", dir);
	close(open(path, O_WRONLY | O_CREAT, 0755));
	chmod(path, 0755);

	p = template_find("mine", dir, err, sizeof(err));
	CHECK_STR(p, path);
	free(p);
	p = template_find(path, "/nonexistent", err, sizeof(err));
	CHECK_STR(p, path);
	free(p);

	p = template_find("nosuch", dir, err, sizeof(err));
	CHECK(p == NULL);
	CHECK_CONTAINS(err, "template \"nosuch\" not found");
	CHECK_CONTAINS(err, "lxc-nosuch");

	chmod(path, 0644);
	if (geteuid() != 0 || access(path, X_OK) < 0) {
		p = template_find("mine", dir, err, sizeof(err));
		CHECK(p == NULL);
		CHECK_CONTAINS(err, "not executable");
		free(p);
	}
	p = template_find(dir, "/x", err, sizeof(err));
	CHECK(p == NULL);
	CHECK_CONTAINS(err, "is not a file");
	CHECK_INT(rmtree(dir, NULL, err, sizeof(err)), 0);
}

static void write_file(const char *dir, const char *name)
{
	char path[1200];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	close(open(path, O_WRONLY | O_CREAT, 0644));
}

static void test_rmtree_no_symlink_followed(void)
{
	char base[] = "/tmp/berth-unit-rm.XXXXXX", tree[512], outside[512], p[600], err[512];

	CHECK(mkdtemp(base) != NULL);
	snprintf(tree, sizeof(tree), "%s/tree", base);
	snprintf(outside, sizeof(outside), "%s/outside", base);
	CHECK_INT(mkdir(tree, 0755), 0);
	CHECK_INT(mkdir(outside, 0755), 0);
	write_file(outside, "precious");
	snprintf(p, sizeof(p), "%s/a", tree);
	CHECK_INT(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/a/b", tree);
	CHECK_INT(mkdir(p, 0000), 0); /* unreadable to others: root removes it anyway */
	write_file(tree, "file");
	snprintf(p, sizeof(p), "%s/a/link-to-outside", tree);
	CHECK_INT(symlink(outside, p), 0);
	snprintf(p, sizeof(p), "%s/a/abs-link", tree);
	CHECK_INT(symlink("/", p), 0);
	snprintf(p, sizeof(p), "%s/fifo", tree);
	CHECK_INT(mkfifo(p, 0600), 0);

	if (geteuid() != 0) {
		snprintf(p, sizeof(p), "%s/a/b", tree);
		chmod(p, 0755);
	}
	CHECK_INT(rmtree(tree, NULL, err, sizeof(err)), 0);
	CHECK(access(tree, F_OK) < 0);
	snprintf(p, sizeof(p), "%s/precious", outside);
	CHECK_INT(access(p, F_OK), 0);

	/* a symlink given as the top is removed, not what it points to */
	snprintf(p, sizeof(p), "%s/top-link", base);
	CHECK_INT(symlink(outside, p), 0);
	CHECK_INT(rmtree(p, NULL, err, sizeof(err)), 0);
	CHECK(access(p, F_OK) < 0);
	snprintf(p, sizeof(p), "%s/precious", outside);
	CHECK_INT(access(p, F_OK), 0);

	/* keep_top empties; a missing path is fine */
	CHECK_INT(rmtree(outside, &(struct rmtree_opts){ .keep_top = true }, err, sizeof(err)), 0);
	CHECK_INT(access(outside, F_OK), 0);
	CHECK_INT(access(p, F_OK), -1);
	snprintf(p, sizeof(p), "%s/missing", base);
	CHECK_INT(rmtree(p, NULL, err, sizeof(err)), 0);

	/* "." and "/" are refused */
	CHECK_INT(rmtree("/", NULL, err, sizeof(err)), -EINVAL);
	CHECK_INT(rmtree(".", NULL, err, sizeof(err)), -EINVAL);

	CHECK_INT(rmtree(base, NULL, err, sizeof(err)), 0);
	CHECK(access(base, F_OK) < 0);
}

static void test_rmtree_keep(void)
{
	char base[] = "/tmp/berth-unit-keep.XXXXXX", p[600], err[512];
	struct stat st;

	CHECK(mkdtemp(base) != NULL);
	snprintf(p, sizeof(p), "%s/rootfs", base);
	CHECK_INT(mkdir(p, 0755), 0);
	write_file(p, "inside");
	write_file(base, "config");
	CHECK_INT(stat(p, &st), 0);
	CHECK_INT(rmtree(base, &(struct rmtree_opts){ .has_keep = true, .keep_dev = st.st_dev, .keep_ino = st.st_ino },
			 err, sizeof(err)),
		  0);
	snprintf(p, sizeof(p), "%s/rootfs/inside", base);
	CHECK_INT(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/config", base);
	CHECK(access(p, F_OK) < 0);
	CHECK_INT(rmtree(base, NULL, err, sizeof(err)), 0);
}

static void test_mount_point_below(void)
{
	char base[] = "/tmp/berth-unit-mp.XXXXXX", mp[4096], err[256];

	CHECK_INT(mount_point_below("/", mp, sizeof(mp)), 1);
	CHECK(mkdtemp(base) != NULL);
	CHECK_INT(mount_point_below(base, mp, sizeof(mp)), 0);
	CHECK_INT(mount_point_below("/proc", mp, sizeof(mp)), 1);
	CHECK_STR(mp, "/proc");
	CHECK_INT(rmtree(base, NULL, err, sizeof(err)), 0);
}

UNIT_MAIN_BEGIN
RUN(test_hwaddr_fixed_digits_stay);
RUN(test_hwaddr_first_octet_unicast_local);
RUN(test_conf_fill_hwaddrs);
RUN(test_machine_id_format);
RUN(test_machine_id_in_rootfs);
RUN(test_template_argv);
RUN(test_template_env);
RUN(test_template_find);
RUN(test_rmtree_no_symlink_followed);
RUN(test_rmtree_keep);
RUN(test_mount_point_below);
UNIT_MAIN_END
