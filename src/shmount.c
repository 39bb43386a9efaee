/* shmount.c - lxc.mount.auto shmounts: parsing the word, and the shared tmpfs on the host side; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "shmount.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "log.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

int shmount_parse(const char *word, char **host, char **cont, char *err, size_t errlen)
{
	__do_free char *h = NULL;
	__do_free char *c = NULL;
	char *colon;

	if (strncmp(word, "shmounts:", 9) || !word[9]) {
		snprintf(err, errlen, "'%s': shmounts needs a host path (shmounts:HOSTPATH[:CONTAINERPATH])", word);
		return -EINVAL;
	}
	h = strdup(word + 9);
	if (!h)
		return -ENOMEM;
	colon = strchr(h, ':');
	if (colon) {
		*colon = '\0';
		if (colon[1])
			c = strdup(colon + 1);
	}
	if (!c)
		c = strdup(SHMOUNT_DEFAULT_CONT);
	if (!c)
		return -ENOMEM;
	if (h[0] != '/' || c[0] != '/' || !c[1]) {
		snprintf(err, errlen, "'%s': shmounts paths must be absolute, the container's not / (shmounts:HOSTPATH[:CONTAINERPATH])",
			 word);
		return -EINVAL;
	}
	if (host)
		*host = move_ptr(h);
	if (cont)
		*cont = move_ptr(c);
	return 0;
}

int shmount_mountinfo_shared(const char *line, const char *path)
{
	char mnt[4096];
	size_t plen = strlen(path);
	const char *opt, *tag;

	/* id parent major:minor root MOUNTPOINT opts optional... - */
	if (sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1)
		return -1;
	str_unescape_octal(mnt); /* \040 for a blank and the like */
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (strlen(mnt) != plen || strncmp(mnt, path, plen))
		return -1;
	/* the tag is among the optional fields before " - " (blanks in paths are escaped) */
	opt = strstr(line, " - ");
	tag = strstr(line, " shared:");
	return tag && (!opt || tag < opt);
}

/* Whether path is a mount point whose mount is in a shared peer group. */
static bool is_shared_mount_point(const char *path)
{
	__do_fclose FILE *f = fopen("/proc/self/mountinfo", "re");
	__do_free char *line = NULL;
	size_t cap = 0;
	bool shared = false;

	if (!f)
		return false;
	/* the last mount at a path is the visible one */
	while (getline(&line, &cap, f) > 0) {
		int r = shmount_mountinfo_shared(line, path);

		if (r >= 0)
			shared = r;
	}
	return shared;
}

int shmount_host_prepare(const char *host, bool *made, char *err, size_t errlen)
{
	int ret;

	*made = false;
	if (is_shared_mount_point(host)) {
		INFO("shmounts: %s is a shared mount point already; using it", host);
		return 0;
	}
	ret = mkdir_p(host, 0711);
	if (ret < 0) {
		snprintf(err, errlen, "lxc.mount.auto shmounts: cannot create %s on the host: %s", host, strerror(-ret));
		return ret;
	}
	/* Small: it only holds mount points; the mounts injected under it bring their own space. */
	if (mount("tmpfs", host, "tmpfs", MS_NOSUID | MS_NODEV, "size=100k,mode=0711") < 0) {
		ret = -errno;
		snprintf(err, errlen, "lxc.mount.auto shmounts: cannot mount a tmpfs on %s: %s", host, strerror(errno));
		return ret;
	}
	if (mount(NULL, host, NULL, MS_SHARED, NULL) < 0) {
		ret = -errno;
		snprintf(err, errlen, "lxc.mount.auto shmounts: cannot make %s shared: %s", host, strerror(errno));
		umount2(host, MNT_DETACH);
		return ret;
	}
	*made = true;
	return 0;
}

void shmount_host_release(const char *host, bool made)
{
	if (!made)
		return;
	if (umount2(host, MNT_DETACH) < 0)
		WARN("lxc.mount.auto shmounts: cannot unmount %s: %s", host, strerror(errno));
}
