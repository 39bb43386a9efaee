/* create_identity.c - what makes each created container its own: random MAC digits, a fresh machine-id; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "conf/conf.h"
#include "create_identity.h"
#include "mount.h"
#include "util/cleanup.h"
#include "util/strutil.h"

static const char hex[] = "0123456789abcdef";

int hwaddr_fill(char *mac, const unsigned char *rnd, size_t nrnd)
{
	/* second digit of the first octet: bit 0 clear (unicast), bit 1 set (locally administered) */
	static const char local_unicast[] = "26ae";
	size_t used = 0;
	int filled = 0;

	for (size_t i = 0; mac[i] && mac[i] != '\n'; i++) {
		if (mac[i] != 'x' && mac[i] != 'X')
			continue;
		if (used >= nrnd)
			break;
		mac[i] = i == 1 ? local_unicast[rnd[used] & 3] : hex[rnd[used] & 0x0f];
		used++;
		filled++;
	}
	return filled;
}

static int random_bytes(unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom(buf + got, n - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		got += (size_t)r;
	}
	return 0;
}

int conf_fill_hwaddrs(struct lxc_config *conf, bool *changed, char *err, size_t errlen)
{
	__do_free int *idx = NULL;
	int n = conf_net_indices(conf, &idx);

	*changed = false;
	if (n < 0) {
		snprintf(err, errlen, "cannot list the network interfaces: %s", strerror(-n));
		return n;
	}
	for (int i = 0; i < n; i++) {
		char key[64];
		const char *v;
		__do_free char *mac = NULL;
		unsigned char rnd[32];
		struct conf_error cerr;
		int ret;

		snprintf(key, sizeof(key), "lxc.net.%d.hwaddr", idx[i]);
		v = conf_get(conf, key);
		if (!v || (!strchr(v, 'x') && !strchr(v, 'X')))
			continue;
		mac = strdup(v);
		if (!mac)
			return -ENOMEM;
		ret = random_bytes(rnd, sizeof(rnd));
		if (ret < 0) {
			snprintf(err, errlen, "%s: no random numbers: %s", key, strerror(-ret));
			return ret;
		}
		hwaddr_fill(mac, rnd, sizeof(rnd));
		ret = conf_set(conf, key, mac, &cerr);
		if (ret < 0) {
			snprintf(err, errlen, "%s", cerr.text[0] ? cerr.text : strerror(-ret));
			return ret;
		}
		*changed = true;
	}
	return 0;
}

void machine_id_format(const unsigned char id[16], char out[34])
{
	for (int i = 0; i < 16; i++) {
		out[2 * i] = hex[id[i] >> 4];
		out[2 * i + 1] = hex[id[i] & 0x0f];
	}
	out[32] = '\n';
	out[33] = '\0';
}

/* Replaces dir/name by a new file holding text (temp file + rename: never through a symlink at name). */
static int replace_file_at(int dir, const char *name, const char *text, mode_t mode)
{
	char tmp[64];
	__do_close int fd = -EBADF;
	size_t len = strlen(text);

	snprintf(tmp, sizeof(tmp), ".%s.berth-%d", name, (int)getpid());
	unlinkat(dir, tmp, 0);
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	errno = 0;
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		int e = errno ? errno : EIO;

		unlinkat(dir, tmp, 0);
		return -e;
	}
	if (renameat(dir, tmp, dir, name) < 0) {
		int e = errno;

		unlinkat(dir, tmp, 0);
		return -e;
	}
	return 0;
}

int rootfs_write_machine_id(const char *rootfs, char *err, size_t errlen)
{
	__do_close int root = -EBADF, etc = -EBADF, dbus = -EBADF;
	unsigned char id[16];
	char text[34];
	struct stat st;
	int ret;

	root = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root < 0) {
		snprintf(err, errlen, "%s: %s", rootfs, strerror(errno));
		return -errno;
	}
	etc = mount_open_in_root(root, "etc", O_PATH | O_DIRECTORY);
	if (etc == -ENOENT || etc == -ENOTDIR)
		return 0;
	if (etc < 0) {
		snprintf(err, errlen, "%s/etc: %s", rootfs, strerror(-etc));
		return etc;
	}

	uuid_generate_random(id);
	machine_id_format(id, text);
	/* 0444 as systemd leaves it */
	ret = replace_file_at(etc, "machine-id", text, 0444);
	if (ret < 0) {
		snprintf(err, errlen, "%s/etc/machine-id: %s", rootfs, strerror(-ret));
		return ret;
	}

	/* D-Bus reads its own copy when it is a file (Debian links it to /etc/machine-id) */
	dbus = mount_open_in_root(root, "var/lib/dbus", O_PATH | O_DIRECTORY);
	if (dbus >= 0 && fstatat(dbus, "machine-id", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
		ret = replace_file_at(dbus, "machine-id", text, 0444);
		if (ret < 0) {
			snprintf(err, errlen, "%s/var/lib/dbus/machine-id: %s", rootfs, strerror(-ret));
			return ret;
		}
	}
	return 1;
}
