/* attach_init.c - what an attach reads about the container's init before any fork: its pid and namespaces, bounding set, no_new_privs, seccomp, ids, limits, personality and LSM label; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach.h"
#include "attach_ctx.h"
#include "caps.h"
#include "namespace.h"
#include "util/cleanup.h"
#include "util/fileutil.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* The user namespace first, as it grants the rest. */
const int attach_ns_order[ATTACH_NS_COUNT] = { CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWPID,    CLONE_NEWUTS,
					       CLONE_NEWIPC,  CLONE_NEWNET, CLONE_NEWCGROUP, CLONE_NEWTIME };

/* The value after "Key:" in a /proc status text, or NULL. */
static const char *status_field(const char *status, const char *key)
{
	size_t n = strlen(key);

	for (const char *line = status; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, key, n) && line[n] == ':')
			return line + n + 1 + strspn(line + n + 1, " \t");
	return NULL;
}

static int pid_of_pidfd(int pidfd, pid_t *pid)
{
	char path[64];
	__do_free char *info = NULL;
	const char *v;
	int ret;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", pidfd);
	ret = file_read_all(path, &info, NULL);
	if (ret < 0)
		return ret;
	v = status_field(info, "Pid");
	if (!v)
		return -EBADF;
	*pid = (pid_t)strtol(v, NULL, 10);
	return *pid > 0 ? 0 : -ESRCH;
}

static bool same_ns(pid_t a, pid_t b, int flag, bool *exists)
{
	__do_close int fa = ns_open(a, flag);
	__do_close int fb = -EBADF;
	struct stat sa, sb;

	*exists = fa >= 0;
	if (fa < 0)
		return true;
	fb = ns_open(b, flag);
	if (fb < 0 || fstat(fa, &sa) < 0 || fstat(fb, &sb) < 0)
		return false;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The id a host id has in the init's user namespace (its uid_map or gid_map); `id` if unmapped. */
static unsigned map_into(pid_t pid, const char *map, unsigned id)
{
	char path[64];
	__do_free char *text = NULL;
	char *save = NULL;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, map);
	if (file_read_all(path, &text, NULL) < 0)
		return id;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long inside, outside, count;
		if (sscanf(line, "%lu %lu %lu", &inside, &outside, &count) == 3 && id >= outside && id - outside < count)
			return (unsigned)(inside + (id - outside));
	}
	return id;
}

static int read_init(struct attach_ctx *ctx, char *err, size_t errlen)
{
	const lxc_attach_options_t *o = ctx->o;
	char path[64];
	__do_free char *status = NULL, *self = NULL;
	const char *v;
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/status", ctx->init_pid);
	ret = file_read_all(path, &status, NULL);
	if (ret < 0) {
		snprintf(err, errlen, "cannot read %s of the container's init: %s", path, strerror(-ret));
		return ret;
	}
	if (file_read_all("/proc/self/status", &self, NULL) < 0)
		self = NULL;

	if (o->attach_flags & LXC_ATTACH_DROP_CAPABILITIES) {
		v = status_field(status, "CapBnd");
		if (!v) {
			snprintf(err, errlen, "no CapBnd in %s: cannot tell the container's capabilities", path);
			return -EINVAL;
		}
		ctx->cap_drop = caps_all() & ~strtoull(v, NULL, 16);
	}
	v = status_field(status, "NoNewPrivs");
	ctx->nnp = v && *v == '1';

	/* A seccomp filter of the container's own (more filters than we have) cannot be copied yet. */
	if (o->attach_flags & LXC_ATTACH_LSM_EXEC) {
		const char *theirs = status_field(status, "Seccomp_filters");
		const char *ours = self ? status_field(self, "Seccomp_filters") : NULL;

		if (theirs && ours && strtol(theirs, NULL, 10) > strtol(ours, NULL, 10)) {
			snprintf(err, errlen,
				 "the container runs under a seccomp filter that berth cannot apply to attached processes yet (use -e LSM to attach without it)");
			return -EOPNOTSUPP;
		}
	}

	ctx->uid = o->uid;
	ctx->gid = o->gid;
	if (ctx->uid == (uid_t)-1 || ctx->gid == (gid_t)-1) {
		/* Default: root, or in a user namespace the init's own ids there (as LXC). */
		unsigned huid = 0, hgid = 0;
		bool userns = ctx->ns_flags & CLONE_NEWUSER;

		if (userns && (v = status_field(status, "Uid")))
			huid = map_into(ctx->init_pid, "uid_map", (unsigned)strtoul(v, NULL, 10));
		if (userns && (v = status_field(status, "Gid")))
			hgid = map_into(ctx->init_pid, "gid_map", (unsigned)strtoul(v, NULL, 10));
		if (ctx->uid == (uid_t)-1)
			ctx->uid = userns ? huid : 0;
		if (ctx->gid == (gid_t)-1)
			ctx->gid = userns ? hgid : 0;
	}

	/* lxc.prlimit.*: what the init has now (as LXC gives the configured values). */
	for (size_t i = 0; i < ctx->r->n_rlimits; i++) {
		int res = ctx->r->rlimits[i];

		if (res < 0 || res >= RLIM_NLIMITS)
			continue;
		if (prlimit(ctx->init_pid, (enum __rlimit_resource)res, NULL, &ctx->limits[res]) < 0) {
			snprintf(err, errlen, "cannot read resource limit %d of the container's init: %s", res, strerror(errno));
			return -errno;
		}
		ctx->set_limit[res] = true;
	}

	ctx->personality = -1;
	if (o->attach_flags & LXC_ATTACH_SET_PERSONALITY) {
		if (o->personality != LXC_ATTACH_DETECT_PERSONALITY) {
			ctx->personality = o->personality;
		} else {
			__do_free char *p = NULL;
			snprintf(path, sizeof(path), "/proc/%d/personality", ctx->init_pid);
			if (file_read_all(path, &p, NULL) == 0)
				ctx->personality = (long)strtoul(p, NULL, 16);
		}
		if (ctx->personality == personality(0xffffffff))
			ctx->personality = -1;
	}
	return 0;
}

/* The label the process gets: the caller's (LSM_LABEL) or the init's (LSM_EXEC); none when unconfined. */
static int read_lsm(struct attach_ctx *ctx, char *err, size_t errlen)
{
	const lxc_attach_options_t *o = ctx->o;
	__do_free char *enabled = NULL, *label = NULL;
	bool selinux = access("/sys/fs/selinux/enforce", F_OK) == 0;
	char path[64];

	ctx->apparmor = file_read_all("/sys/module/apparmor/parameters/enabled", &enabled, NULL) == 0 && enabled[0] == 'Y';
	if ((o->attach_flags & LXC_ATTACH_LSM_LABEL) && o->lsm_label) {
		if (!ctx->apparmor && !selinux) {
			snprintf(err, errlen, "cannot apply the security context '%s': this host has neither AppArmor nor SELinux",
				 o->lsm_label);
			return -EOPNOTSUPP;
		}
		ctx->lsm_label = strdup(o->lsm_label);
		return ctx->lsm_label ? 0 : -ENOMEM;
	}
	if (!(o->attach_flags & LXC_ATTACH_LSM_EXEC) || (!ctx->apparmor && !selinux))
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/attr/%scurrent", ctx->init_pid, ctx->apparmor ? "apparmor/" : "");
	if (file_read_all(path, &label, NULL) < 0) {
		snprintf(path, sizeof(path), "/proc/%d/attr/current", ctx->init_pid);
		if (file_read_all(path, &label, NULL) < 0)
			return 0;
	}
	label[strcspn(label, "\n")] = '\0';
	if (ctx->apparmor) {
		char *mode = strstr(label, " (");
		if (mode)
			*mode = '\0';
	}
	if (!*label || !strcmp(label, "unconfined"))
		return 0;
	ctx->lsm_label = move_ptr(label);
	return 0;
}

/* Which namespaces to enter: those asked for (all: -1) in which the init is not where we are. */
static int pick_namespaces(struct attach_ctx *ctx)
{
	int want = ctx->o->namespaces;

	ctx->ns_flags = 0;
	for (size_t i = 0; i < ATTACH_NS_COUNT; i++) {
		bool exists;

		if (want != -1 && !(want & attach_ns_order[i]))
			continue;
		if (!same_ns(ctx->init_pid, getpid(), attach_ns_order[i], &exists))
			ctx->ns_flags |= attach_ns_order[i];
	}
	return 0;
}

int attach_read_init(struct attach_ctx *ctx, char *err, size_t errlen)
{
	int ret = pid_of_pidfd(ctx->r->init_pidfd, &ctx->init_pid);

	if (ret < 0) {
		snprintf(err, errlen, "%s is not running", ctx->r->name);
		return -ESRCH;
	}
	pick_namespaces(ctx);
	(void)caps_last_cap(); /* read /proc/sys now: the attached process may not see the host's */
	ret = read_init(ctx, err, errlen);
	if (ret == 0)
		ret = read_lsm(ctx, err, errlen);
	return ret;
}
