/* caps.c - capability names (lxc.cap.drop/keep) and dropping them from every set of the container's init; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "caps.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

int caps_last_cap(void)
{
	static int last = -1;
	__do_free char *buf = NULL;
	int v;

	if (last >= 0)
		return last;
	if (file_read_all("/proc/sys/kernel/cap_last_cap", &buf, NULL) == 0 && str_to_int(str_trim(buf), &v) == 0 && v > 0 && v < 64)
		last = v;
	else
		last = CAP_LAST_CAP;
	return last;
}

uint64_t caps_all(void)
{
	int last = caps_last_cap();
	return last >= 63 ? ~0ULL : (1ULL << (last + 1)) - 1;
}

int caps_from_name(const char *name)
{
	char buf[64];
	cap_value_t cap;
	int n;

	if (!name || !*name)
		return -EINVAL;
	if (str_to_int(name, &n) == 0)
		return n >= 0 && n <= caps_last_cap() ? n : -EINVAL;
	if (strncasecmp(name, "cap_", 4))
		snprintf(buf, sizeof(buf), "cap_%s", name);
	else
		snprintf(buf, sizeof(buf), "%s", name);
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (cap_from_name(buf, &cap) < 0)
		return -EINVAL;
	return (int)cap;
}

int caps_parse_list(const char *value, uint64_t *mask, bool allow_none, char *err, size_t errlen)
{
	__do_free char *copy = strdup(value ? value : "");
	char *save = NULL;

	if (!copy)
		return -ENOMEM;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		int cap;

		if (allow_none && !strcmp(w, "none")) {
			*mask = 0;
			continue;
		}
		cap = caps_from_name(w);
		if (cap < 0) {
			snprintf(err, errlen, "unknown capability '%s' (names as in capabilities(7) without CAP_, e.g. sys_module)", w);
			return -EINVAL;
		}
		*mask |= 1ULL << cap;
	}
	return 0;
}

static const char *cap_label(int cap, char *buf, size_t len)
{
	char *n = cap_to_name((cap_value_t)cap);
	snprintf(buf, len, "%s", n ? n : "?");
	cap_free(n);
	return buf;
}

int caps_drop_bounding(uint64_t drop, char *err, size_t errlen)
{
	int last = caps_last_cap();

	for (int cap = 0; cap <= last; cap++) {
		char name[64];

		if (!(drop & (1ULL << cap)))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL) {
			snprintf(err, errlen, "cannot drop %s from the bounding set: %s", cap_label(cap, name, sizeof(name)),
				 strerror(errno));
			return -errno;
		}
	}
	return 0;
}

int caps_drop_process(uint64_t drop, char *err, size_t errlen)
{
	int last = caps_last_cap();
	cap_t caps;
	int ret = 0;

	if (!drop)
		return 0;
	caps = cap_get_proc();
	if (!caps) {
		snprintf(err, errlen, "cannot read the process capabilities: %s", strerror(errno));
		return -errno;
	}
	for (int c = 0; c <= last; c++) {
		cap_value_t v = (cap_value_t)c;

		if (!(drop & (1ULL << c)))
			continue;
		if (cap_set_flag(caps, CAP_EFFECTIVE, 1, &v, CAP_CLEAR) || cap_set_flag(caps, CAP_PERMITTED, 1, &v, CAP_CLEAR) ||
		    cap_set_flag(caps, CAP_INHERITABLE, 1, &v, CAP_CLEAR)) {
			ret = -errno;
			break;
		}
		/* EINVAL: not raised in ambient (or no ambient support): nothing to lower. */
		(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, c, 0, 0);
	}
	if (!ret && cap_set_proc(caps) < 0)
		ret = -errno;
	cap_free(caps);
	if (ret)
		snprintf(err, errlen, "cannot drop capabilities: %s", strerror(-ret));
	return ret;
}
