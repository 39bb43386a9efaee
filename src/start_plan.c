/* start_plan.c - a start decided in the parent: the config parsed and validated into settings and a ready list of setup operations for the child; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "caps.h"
#include "cgroups/bpf_devices.h"
#include "cgroups/cgroup.h"
#include "conf/validate.h"
#include "log.h"
#include "mount.h"
#include "namespace.h"
#include "shmount.h"
#include "start_plan.h"
#include "start_signal.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

#define DEFAULT_INIT "/sbin/init"

/* A (key, value, origin) kept while reading, compiled at the end. */
struct kv_list {
	struct plan_kv *v;
	size_t n;
};

struct builder {
	struct start_plan *p;
	char *err;
	size_t errlen;

	char *init_cmd, *init_cmd_origin;
	char *uid_origin, *gid_origin;
	struct kv_list mounts;   /* key "entry" or "fstab-line" (value = entry), origin */
	char *fstab, *fstab_origin;
	unsigned auto_bits;
	char *auto_origin;
	uint64_t cap_drop, cap_keep;
	bool cap_drop_set, cap_keep_set;
	char *cap_drop_origin, *cap_keep_origin;
	struct kv_list env;
	struct kv_list sysctl, proc, prlimit, cgroup;
	int clone_set, keep_set;
	bool clone_given;
	char *clone_origin;
	struct kv_list net_types; /* key "N", value type */
	struct kv_list time_offsets;
	char *rootfs_options, *rootfs_options_origin;
	char *rootfs_origin;
	uint64_t autodev_size;
	char *notices;           /* security keys set that are not applied yet */
	char *notices_other;     /* other keys set that are not applied yet */
	char *idmap_origin;
};

static void kv_list_free(struct kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].value);
		free(l->v[i].origin);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int kv_add(struct kv_list *l, const char *key, const char *value, const char *origin, bool replace)
{
	struct plan_kv *grown;

	if (replace)
		for (size_t i = 0; i < l->n; i++)
			if (!strcmp(l->v[i].key, key)) {
				char *v = strdup(value), *o = strdup(origin);
				if (!v || !o) {
					free(v);
					free(o);
					return -ENOMEM;
				}
				free(l->v[i].value);
				free(l->v[i].origin);
				l->v[i].value = v;
				l->v[i].origin = o;
				return 0;
			}
	grown = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	if (!grown)
		return -ENOMEM;
	l->v = grown;
	l->v[l->n].key = strdup(key);
	l->v[l->n].value = strdup(value);
	l->v[l->n].origin = strdup(origin);
	if (!l->v[l->n].key || !l->v[l->n].value || !l->v[l->n].origin) {
		free(l->v[l->n].key);
		free(l->v[l->n].value);
		free(l->v[l->n].origin);
		return -ENOMEM;
	}
	l->n++;
	return 0;
}

static void builder_free(struct builder *b)
{
	free(b->init_cmd);
	free(b->init_cmd_origin);
	free(b->uid_origin);
	free(b->gid_origin);
	kv_list_free(&b->mounts);
	free(b->fstab);
	free(b->fstab_origin);
	free(b->auto_origin);
	free(b->cap_drop_origin);
	free(b->cap_keep_origin);
	kv_list_free(&b->env);
	kv_list_free(&b->sysctl);
	kv_list_free(&b->proc);
	kv_list_free(&b->prlimit);
	kv_list_free(&b->cgroup);
	kv_list_free(&b->net_types);
	kv_list_free(&b->time_offsets);
	free(b->clone_origin);
	free(b->rootfs_options);
	free(b->rootfs_options_origin);
	free(b->rootfs_origin);
	free(b->notices);
	free(b->notices_other);
	free(b->idmap_origin);
}

__attribute__((format(printf, 3, 4))) static int fail(struct builder *b, const char *origin, const char *fmt, ...)
{
	char reason[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	snprintf(b->err, b->errlen, "%s: %s", origin, reason);
	return -EINVAL;
}

static char *make_origin(const struct plan_item *it)
{
	if (it->file && *it->file)
		return str_printf("%s:%u: %s", it->file, it->line, it->key);
	return strdup(it->key);
}

static int replace_str(char **dst, const char *v)
{
	char *n = v ? strdup(v) : NULL;

	if (v && !n)
		return -ENOMEM;
	free(*dst);
	*dst = n;
	return 0;
}

static int parse_bool(struct builder *b, const char *origin, const char *v, bool *out)
{
	if (!strcmp(v, "0")) {
		*out = false;
		return 0;
	}
	if (!strcmp(v, "1")) {
		*out = true;
		return 0;
	}
	return fail(b, origin, "'%s' is not 0 or 1", v);
}

static int parse_uint(struct builder *b, const char *origin, const char *v, unsigned *out)
{
	if (str_to_uint(v, out) < 0)
		return fail(b, origin, "'%s' is not a non-negative number", v);
	return 0;
}

/* ---- prlimit ---- */

static const struct {
	const char *name;
	int resource;
} rlimit_names[] = {
	{ "as", RLIMIT_AS },	       { "core", RLIMIT_CORE },		{ "cpu", RLIMIT_CPU },
	{ "data", RLIMIT_DATA },       { "fsize", RLIMIT_FSIZE },	{ "locks", RLIMIT_LOCKS },
	{ "memlock", RLIMIT_MEMLOCK }, { "msgqueue", RLIMIT_MSGQUEUE }, { "nice", RLIMIT_NICE },
	{ "nofile", RLIMIT_NOFILE },   { "nproc", RLIMIT_NPROC },	{ "rss", RLIMIT_RSS },
	{ "rtprio", RLIMIT_RTPRIO },   { "rttime", RLIMIT_RTTIME },	{ "sigpending", RLIMIT_SIGPENDING },
	{ "stack", RLIMIT_STACK },
};

static int parse_rlim_value(const char *s, rlim_t *out)
{
	uint64_t v;

	if (!strcmp(s, "unlimited")) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (str_to_u64(s, &v) < 0)
		return -EINVAL;
	*out = (rlim_t)v;
	return 0;
}

int start_plan_rlimit(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(rlimit_names); i++)
		if (!strcmp(name, rlimit_names[i].name))
			return rlimit_names[i].resource;
	return -EINVAL;
}

int start_plan_parse_prlimit(const char *name, const char *value, int *resource, struct rlimit *lim, char *err, size_t errlen)
{
	__do_free char *copy = strdup(value);
	char *colon;
	int r;

	if (!copy)
		return -ENOMEM;
	r = start_plan_rlimit(name);
	if (r < 0) {
		snprintf(err, errlen,
			 "unknown resource '%s' (use as, core, cpu, data, fsize, locks, memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending or stack)",
			 name);
		return -EINVAL;
	}
	*resource = r;
	colon = strchr(copy, ':');
	if (colon)
		*colon++ = '\0';
	if (parse_rlim_value(copy, &lim->rlim_cur) < 0 || parse_rlim_value(colon ? colon : copy, &lim->rlim_max) < 0) {
		snprintf(err, errlen, "'%s' is not SOFT[:HARD] with numbers or 'unlimited'", value);
		return -EINVAL;
	}
	if (lim->rlim_cur != RLIM_INFINITY && (lim->rlim_max == RLIM_INFINITY ? false : lim->rlim_cur > lim->rlim_max)) {
		snprintf(err, errlen, "the soft limit %s is above the hard limit", copy);
		return -EINVAL;
	}
	return 0;
}

/* ---- time offsets: "10s", "-2h", "100ms" -> seconds and nanoseconds ---- */

static int parse_time_offset(const char *v, int64_t *sec, int64_t *nsec)
{
	static const struct {
		const char *unit;
		int64_t ns;
	} units[] = { { "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000LL },
		      { "m", 60LL * 1000000000LL }, { "h", 3600LL * 1000000000LL } };
	char num[64];
	size_t n = strspn(v, "-+0123456789");
	int64_t value;

	if (n == 0 || n >= sizeof(num))
		return -EINVAL;
	memcpy(num, v, n);
	num[n] = '\0';
	if (str_to_i64(num, &value) < 0)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		if (strcmp(v + n, units[i].unit))
			continue;
		if (units[i].ns >= 1000000000LL) {
			*sec = value * (units[i].ns / 1000000000LL);
			*nsec = 0;
		} else {
			*sec = value / (1000000000LL / units[i].ns);
			*nsec = (value % (1000000000LL / units[i].ns)) * units[i].ns;
			if (*nsec < 0) {
				*nsec += 1000000000LL;
				*sec -= 1;
			}
		}
		return 0;
	}
	return -EINVAL;
}

/* ---- lxc.init.cmd splitting: words, with '' and "" quoting ---- */

int start_plan_split_cmd(const char *cmd, char ***out);
int start_plan_split_cmd(const char *cmd, char ***out)
{
	char **v = NULL;
	__do_free char *word = malloc(strlen(cmd) + 1);
	const char *p = cmd;

	if (!word)
		return -ENOMEM;
	for (;;) {
		size_t n = 0;
		char quote = 0;
		bool any = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && (quote || (*p != ' ' && *p != '\t'))) {
			any = true;
			if (quote) {
				if (*p == quote)
					quote = 0;
				else
					word[n++] = *p;
			} else if (*p == '\'' || *p == '"') {
				quote = *p;
			} else if (*p == '\\' && p[1]) {
				word[n++] = *++p;
			} else {
				word[n++] = *p;
			}
			p++;
		}
		if (quote) {
			strv_free(v);
			return -EINVAL;
		}
		word[n] = '\0';
		if (any && strv_append(&v, word) < 0) {
			strv_free(v);
			return -ENOMEM;
		}
	}
	*out = v;
	return 0;
}

/* ---- reading items ---- */

static bool note_in(char **list, const char *key)
{
	char *n;

	if (*list && strstr(*list, key))
		return true;
	n = *list ? str_printf("%s, %s", *list, key) : strdup(key);
	if (!n)
		return false;
	free(*list);
	*list = n;
	return true;
}

static bool note_not_applied(struct builder *b, const char *key)
{
	return note_in(&b->notices, key);
}

static bool note_other(struct builder *b, const char *key)
{
	return note_in(&b->notices_other, key);
}

/* The paths of lxc.mount.auto's shmounts: word (mount_parse_auto checked it); the last one wins. */
static int read_shmounts(struct builder *b, const char *value)
{
	__do_free char *copy = strdup(value);
	char *save = NULL, why[512];

	if (!copy)
		return -ENOMEM;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *host = NULL, *cont = NULL;
		int ret;

		if (strncmp(w, "shmounts:", 9))
			continue;
		ret = shmount_parse(w, &host, &cont, why, sizeof(why));
		if (ret < 0)
			return ret;
		free(b->p->shmount_host);
		free(b->p->shmount_cont);
		b->p->shmount_host = host;
		b->p->shmount_cont = cont;
	}
	return 0;
}

static int read_item(struct builder *b, const struct plan_item *it)
{
	struct start_plan *p = b->p;
	const char *k = it->key, *v = it->value ? it->value : "";
	__do_free char *origin = make_origin(it);
	char why[1024] = "";
	unsigned u = 0;
	bool flag = false;
	int ret;

	if (!origin)
		return -ENOMEM;

	if (!strcmp(k, "lxc.rootfs.path")) {
		ret = replace_str(&p->rootfs_spec, *v ? v : NULL);
		return ret ? ret : replace_str(&b->rootfs_origin, origin);
	} else if (!strcmp(k, "lxc.rootfs.mount")) {
		return replace_str(&p->rootfs_mount, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.rootfs.options")) {
		ret = replace_str(&b->rootfs_options, *v ? v : NULL);
		return ret ? ret : replace_str(&b->rootfs_options_origin, origin);
	} else if (!strcmp(k, "lxc.uts.name")) {
		if (strlen(v) > 64)
			return fail(b, origin, "'%s' is longer than the 64 characters a hostname may have", v);
		return replace_str(&p->uts_name, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.autodev")) {
		if (!strcmp(v, "2")) /* LXC 2.x's "create nodes only"; treated as on */
			v = "1";
		ret = parse_bool(b, origin, v, &flag);
		p->autodev = flag;
		return ret;
	} else if (!strcmp(k, "lxc.autodev.tmpfs.size")) {
		if (!*v) {
			b->autodev_size = 0;
			return 0;
		}
		ret = parse_uint(b, origin, v, &u);
		b->autodev_size = u;
		return ret;
	} else if (!strcmp(k, "lxc.pty.max")) {
		ret = parse_uint(b, origin, *v ? v : "0", &u);
		p->pty_max = (int)u;
		return ret;
	} else if (!strcmp(k, "lxc.tty.max")) {
		ret = parse_uint(b, origin, *v ? v : "0", &u);
		if (!ret && u > 1024)
			return fail(b, origin, "%u ttys is more than berth allows (1024)", u);
		p->tty_max = (int)u;
		return ret;
	} else if (!strcmp(k, "lxc.tty.dir")) {
		if (*v && (strchr(v, '/') || !strcmp(v, ".") || !strcmp(v, "..")))
			return fail(b, origin, "'%s' is not a directory name under /dev", v);
		return replace_str(&p->tty_dir, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.monitor.unshare")) {
		ret = parse_bool(b, origin, *v ? v : "0", &flag);
		p->monitor_unshare = flag;
		return ret;
	} else if (!strcmp(k, "lxc.keyring.session")) {
		ret = parse_bool(b, origin, *v ? v : "1", &flag);
		p->keyring_session = flag;
		return ret;
	} else if (!strcmp(k, "lxc.arch")) {
		static const struct {
			const char *name;
			int persona;
		} arches[] = { { "x86", 0x0008 }, { "i686", 0x0008 }, { "i586", 0x0008 }, { "i486", 0x0008 }, { "i386", 0x0008 },
			       { "linux32", 0x0008 }, { "x86_64", 0 }, { "amd64", 0 }, { "linux64", 0 } };
		p->personality = -1;
		for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
			if (!strcmp(v, arches[i].name))
				p->personality = arches[i].persona; /* PER_LINUX32 or PER_LINUX */
		return 0; /* another architecture: LXC leaves the personality too */
	} else if (!strcmp(k, "lxc.console.path")) {
		return replace_str(&p->console_path, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.console.logfile")) {
		return replace_str(&p->console_logfile, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.console.size") || !strcmp(k, "lxc.console.buffer.size")) {
		uint64_t size = 0;
		if (*v && conf_size_parse(v, &size) < 0)
			return fail(b, origin, "'%s' is not a size (auto, or a number with B, kB, MB or GB)", v);
		if (!strcmp(k, "lxc.console.size"))
			p->console_log_size = size;
		else
			p->console_buffer_size = size;
		return 0;
	} else if (!strcmp(k, "lxc.console.rotate")) {
		ret = parse_bool(b, origin, *v ? v : "0", &flag);
		p->console_rotate = flag;
		return ret;
	} else if (!strcmp(k, "lxc.init.cmd")) {
		ret = replace_str(&b->init_cmd, *v ? v : NULL);
		return ret ? ret : replace_str(&b->init_cmd_origin, origin);
	} else if (!strcmp(k, "lxc.init.cwd")) {
		if (*v && *v != '/')
			return fail(b, origin, "'%s' is not an absolute path", v);
		return replace_str(&p->init_cwd, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.init.uid")) {
		ret = parse_uint(b, origin, *v ? v : "0", &u);
		p->init_uid = u;
		return ret;
	} else if (!strcmp(k, "lxc.init.gid")) {
		ret = parse_uint(b, origin, *v ? v : "0", &u);
		p->init_gid = u;
		return ret;
	} else if (!strcmp(k, "lxc.init.groups")) {
		__do_free char *copy = strdup(v);
		char *save = NULL;

		if (!copy)
			return -ENOMEM;
		if (!*v) {
			free(p->init_groups);
			p->init_groups = NULL;
			p->n_init_groups = 0;
			p->init_groups_set = false;
			return 0;
		}
		for (char *g = strtok_r(copy, ", \t", &save); g; g = strtok_r(NULL, ", \t", &save)) {
			gid_t *grown;
			if (str_to_uint(g, &u) < 0)
				return fail(b, origin, "'%s' is not a group id", g);
			grown = realloc(p->init_groups, (p->n_init_groups + 1) * sizeof(gid_t));
			if (!grown)
				return -ENOMEM;
			p->init_groups = grown;
			p->init_groups[p->n_init_groups++] = u;
		}
		p->init_groups_set = true;
		return 0;
	} else if (!strcmp(k, "lxc.no_new_privs")) {
		ret = parse_bool(b, origin, *v ? v : "0", &flag);
		p->no_new_privs = flag;
		return ret;
	} else if (!strcmp(k, "lxc.signal.halt") || !strcmp(k, "lxc.signal.reboot") || !strcmp(k, "lxc.signal.stop") ||
		   !strcmp(k, "lxc.monitor.signal.pdeath")) {
		int sig;
		bool pdeath = !strcmp(k, "lxc.monitor.signal.pdeath");

		if (pdeath && !strcmp(v, "0"))
			sig = 0;
		else
			sig = signal_from_name(v);
		if (sig < 0)
			return fail(b, origin, "'%s' is not a signal (use a name like SIGPWR or SIGRTMIN+3, or a number)", v);
		if (pdeath)
			p->pdeath_signal = sig;
		else if (!strcmp(k, "lxc.signal.halt")) {
			p->halt_signal = sig;
			p->halt_signal_set = true;
		}
		else if (!strcmp(k, "lxc.signal.reboot"))
			p->reboot_signal = sig;
		else
			p->stop_signal = sig;
		return 0;
	} else if (!strcmp(k, "lxc.hook.version")) {
		ret = parse_bool(b, origin, *v ? v : "0", &flag);
		p->hook_version = flag;
		return ret;
	} else if (str_has_prefix(k, "lxc.hook")) {
		static const char *const names[HOOK_MAX] = { "pre-start", "pre-mount", "mount", "autodev",
							     "start", "start-host", "stop", "post-stop" };
		const char *type = k[8] == '.' ? k + 9 : "";

		if (!*type || !*v) {
			/* "lxc.hook = " or "lxc.hook.X = " clears. */
			for (int t = 0; t < HOOK_MAX; t++) {
				if (*type && strcmp(type, names[t]))
					continue;
				for (size_t i = 0; i < p->n_hooks[t]; i++) {
					free(p->hooks[t][i].cmd);
					free(p->hooks[t][i].origin);
				}
				free(p->hooks[t]);
				p->hooks[t] = NULL;
				p->n_hooks[t] = 0;
			}
			return 0;
		}
		for (int t = 0; t < HOOK_MAX; t++) {
			struct plan_hook *grown;
			if (strcmp(type, names[t]))
				continue;
			grown = realloc(p->hooks[t], (p->n_hooks[t] + 1) * sizeof(*grown));
			if (!grown)
				return -ENOMEM;
			p->hooks[t] = grown;
			grown[p->n_hooks[t]].cmd = strdup(v);
			grown[p->n_hooks[t]].origin = strdup(origin);
			if (!grown[p->n_hooks[t]].cmd || !grown[p->n_hooks[t]].origin)
				return -ENOMEM;
			p->n_hooks[t]++;
			return 0;
		}
		return 0; /* clone, destroy and the network's up/down hooks are not start's */
	} else if (!strcmp(k, "lxc.log.file")) {
		return replace_str(&p->log_file, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.log.level")) {
		int lvl = *v ? log_level_from_string(v) : -1;
		if (*v && lvl < 0)
			return fail(b, origin, "'%s' is not a log level (TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, ALERT, FATAL or 0-8)", v);
		p->log_level = lvl;
		return 0;
	} else if (!strcmp(k, "lxc.mount.entry")) {
		if (!*v) {
			/* An empty entry clears the entries so far, not the fstab ones. */
			for (size_t i = 0; i < b->mounts.n;) {
				if (!strcmp(b->mounts.v[i].key, "entry")) {
					free(b->mounts.v[i].key);
					free(b->mounts.v[i].value);
					free(b->mounts.v[i].origin);
					memmove(&b->mounts.v[i], &b->mounts.v[i + 1], (b->mounts.n - i - 1) * sizeof(b->mounts.v[0]));
					b->mounts.n--;
				} else {
					i++;
				}
			}
			return 0;
		}
		return kv_add(&b->mounts, "entry", v, origin, false);
	} else if (!strcmp(k, "lxc.mount.fstab")) {
		ret = replace_str(&b->fstab, *v ? v : NULL);
		return ret ? ret : replace_str(&b->fstab_origin, origin);
	} else if (!strcmp(k, "lxc.mount.auto")) {
		if (!*v) {
			b->auto_bits = 0;
			free(b->p->shmount_host);
			free(b->p->shmount_cont);
			b->p->shmount_host = b->p->shmount_cont = NULL;
			return 0;
		}
		ret = mount_parse_auto(v, &b->auto_bits, why, sizeof(why));
		if (ret < 0)
			return fail(b, origin, "%s", why);
		ret = read_shmounts(b, v);
		return ret ? ret : replace_str(&b->auto_origin, origin);
	} else if (!strcmp(k, "lxc.cap.drop")) {
		if (!*v) {
			b->cap_drop = 0;
			b->cap_drop_set = false;
			return 0;
		}
		ret = caps_parse_list(v, &b->cap_drop, false, why, sizeof(why));
		if (ret < 0)
			return fail(b, origin, "%s", why);
		b->cap_drop_set = true;
		return replace_str(&b->cap_drop_origin, origin);
	} else if (!strcmp(k, "lxc.cap.keep")) {
		if (!*v) {
			b->cap_keep = 0;
			b->cap_keep_set = false;
			return 0;
		}
		ret = caps_parse_list(v, &b->cap_keep, true, why, sizeof(why));
		if (ret < 0)
			return fail(b, origin, "%s", why);
		b->cap_keep_set = true;
		return replace_str(&b->cap_keep_origin, origin);
	} else if (!strcmp(k, "lxc.environment")) {
		if (!*v) {
			kv_list_free(&b->env);
			return 0;
		}
		return kv_add(&b->env, "env", v, origin, false);
	} else if (!strcmp(k, "lxc.sysctl") || str_has_prefix(k, "lxc.sysctl.")) {
		if (!*v || !k[10]) {
			kv_list_free(&b->sysctl);
			return 0;
		}
		return kv_add(&b->sysctl, k + 11, v, origin, true);
	} else if (!strcmp(k, "lxc.proc") || str_has_prefix(k, "lxc.proc.")) {
		if (!*v || !k[8]) {
			kv_list_free(&b->proc);
			return 0;
		}
		if (strchr(k + 9, '/') || !strcmp(k + 9, "..") || !strcmp(k + 9, "."))
			return fail(b, origin, "'%s' is not a file of /proc/PID/", k + 9);
		return kv_add(&b->proc, k + 9, v, origin, false);
	} else if (!strcmp(k, "lxc.prlimit") || str_has_prefix(k, "lxc.prlimit.")) {
		struct rlimit lim;
		int res;

		if (!*v || !k[11]) {
			kv_list_free(&b->prlimit);
			return 0;
		}
		if (start_plan_parse_prlimit(k + 12, v, &res, &lim, why, sizeof(why)) < 0)
			return fail(b, origin, "%s", why);
		return kv_add(&b->prlimit, k + 12, v, origin, true);
	} else if (!strcmp(k, "lxc.cgroup") || str_has_prefix(k, "lxc.cgroup.") || str_has_prefix(k, "lxc.cgroup2.") ||
		   !strcmp(k, "lxc.cgroup2")) {
		bool v2 = str_has_prefix(k, "lxc.cgroup2");
		const char *file = k + (v2 ? 12 : 11);
		__do_free char *key = NULL;

		if (!strcmp(k, "lxc.cgroup.relative")) {
			ret = parse_bool(b, origin, *v ? v : "0", &flag);
			p->cgroup_relative = flag;
			return ret;
		}
		if (str_has_prefix(k, "lxc.cgroup.dir")) {
			/* Where the cgroups go; checked together at the end (cgroup_dirs_check). */
			char **dst = !strcmp(k, "lxc.cgroup.dir") ? &p->cgroup_dir :
				     !strcmp(k, "lxc.cgroup.dir.container") ? &p->cgroup_dir_container :
				     !strcmp(k, "lxc.cgroup.dir.monitor") ? &p->cgroup_dir_monitor :
				     !strcmp(k, "lxc.cgroup.dir.monitor.pivot") ? &p->cgroup_dir_pivot :
				     !strcmp(k, "lxc.cgroup.dir.container.inner") ? &p->cgroup_dir_inner : NULL;
			if (!dst) {
				note_other(b, k);
				return 0;
			}
			return replace_str(dst, *v ? v : NULL);
		}
		if (v2 && *v && (!strcmp(file, "devices.allow") || !strcmp(file, "devices.deny"))) {
			/* Kept in order among the cgroup2 settings; the monitor compiles
			 * them into a BPF device program (cgroups/bpf_devices.h). */
			struct dev_rule rule;
			if (dev_rule_parse(v, !strcmp(file, "devices.allow"), &rule, why, sizeof(why)) < 0)
				return fail(b, origin, "%s", why);
		}
		if (!*v || !strcmp(k, "lxc.cgroup") || !strcmp(k, "lxc.cgroup2")) {
			/* "lxc.cgroup =" clears v1 settings, "lxc.cgroup2 =" v2 ones. */
			for (size_t i = 0; i < b->cgroup.n;) {
				bool is2 = !strncmp(b->cgroup.v[i].key, "2:", 2);
				if (is2 == v2 && (!*v || !strcmp(k, "lxc.cgroup") || !strcmp(k, "lxc.cgroup2") ||
						  !strcmp(b->cgroup.v[i].key + (is2 ? 2 : 0), file))) {
					free(b->cgroup.v[i].key);
					free(b->cgroup.v[i].value);
					free(b->cgroup.v[i].origin);
					memmove(&b->cgroup.v[i], &b->cgroup.v[i + 1], (b->cgroup.n - i - 1) * sizeof(b->cgroup.v[0]));
					b->cgroup.n--;
				} else {
					i++;
				}
			}
			return 0;
		}
		if (strchr(file, '/'))
			return fail(b, origin, "'%s' is not a cgroup file name", file);
		key = str_printf("%s%s", v2 ? "2:" : "", file);
		if (!key)
			return -ENOMEM;
		return kv_add(&b->cgroup, key, v, origin, false);
	} else if (!strcmp(k, "lxc.namespace.clone")) {
		int flags = 0;
		if (ns_parse_list(v, &flags, why, sizeof(why)) < 0)
			return fail(b, origin, "%s", why);
		b->clone_set = flags;
		b->clone_given = *v != '\0';
		return replace_str(&b->clone_origin, origin);
	} else if (!strcmp(k, "lxc.namespace.keep")) {
		int flags = 0;
		if (!strcmp(v, "all"))
			flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER |
				CLONE_NEWCGROUP | CLONE_NEWTIME;
		else if (ns_parse_list(v, &flags, why, sizeof(why)) < 0)
			return fail(b, origin, "%s", why);
		b->keep_set = flags;
		return 0;
	} else if (str_has_prefix(k, "lxc.namespace.share.")) {
		const char *ns = k + 20;
		for (int i = 0; i < PLAN_NS_MAX; i++)
			if (!strcmp(ns, plan_ns_name(i)))
				return replace_str(&p->share_spec[i], *v ? v : NULL);
		if (ns_flag_from_name(ns) < 0)
			return fail(b, origin, "'%s' is not a namespace", ns);
		return fail(b, origin, "sharing the %s namespace is not supported by berth yet (share net, ipc, uts or pid)", ns);
	} else if (!strcmp(k, "lxc.net") && !*v) {
		kv_list_free(&b->net_types);
		return 0;
	} else if (str_has_prefix(k, "lxc.net.")) {
		const char *dot;
		char idx[16];

		dot = strchr(k + 8, '.');
		if (!dot || strcmp(dot, ".type"))
			return 0;
		snprintf(idx, sizeof(idx), "%.*s", (int)(dot - (k + 8)) < 15 ? (int)(dot - (k + 8)) : 15, k + 8);
		return kv_add(&b->net_types, idx, v, origin, true);
	} else if (str_has_prefix(k, "lxc.time.offset.")) {
		int64_t s, ns;
		if (strcmp(k + 16, "boot") && strcmp(k + 16, "monotonic"))
			return fail(b, origin, "unknown clock '%s' (use boot or monotonic)", k + 16);
		if (!*v)
			return 0;
		if (parse_time_offset(v, &s, &ns) < 0)
			return fail(b, origin, "'%s' is not an offset like 10s, -2h or 500ms", v);
		return kv_add(&b->time_offsets, k + 16, v, origin, true);
	} else if (!strcmp(k, "lxc.idmap") || !strcmp(k, "lxc.id_map")) {
		if (!*v) {
			free(b->idmap_origin);
			b->idmap_origin = NULL;
			return 0;
		}
		return replace_str(&b->idmap_origin, origin);
	} else if (str_has_prefix(k, "lxc.apparmor.") || str_has_prefix(k, "lxc.seccomp.") || str_has_prefix(k, "lxc.selinux.")) {
		if (*v && !(!strcmp(k, "lxc.apparmor.profile") && !strcmp(v, "unconfined")) &&
		    !(!strcmp(k, "lxc.apparmor.allow_incomplete") || !strcmp(k, "lxc.apparmor.allow_nesting") ||
		      !strcmp(k, "lxc.seccomp.allow_nesting")))
			note_not_applied(b, k);
		return 0;
	}
	/* Everything else (network details, lxc.start.*, lxc.group, ...) is not start's. */
	return 0;
}

/* ---- compiling the ops ---- */

struct plan_op *plan_add_op(struct start_plan *p, enum plan_op_kind kind, const char *origin)
{
	struct plan_op *op;

	if (p->n_ops == p->cap_ops) {
		size_t cap = p->cap_ops ? p->cap_ops * 2 : 32;
		struct plan_op *grown = realloc(p->ops, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		p->ops = grown;
		p->cap_ops = cap;
	}
	op = &p->ops[p->n_ops];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->origin = strdup(origin ? origin : "");
	if (!op->origin)
		return NULL;
	p->n_ops++;
	return op;
}

static int set_strs(struct plan_op *op, const char *source, const char *target, const char *fstype, const char *data)
{
	if ((source && !(op->source = strdup(source))) || (target && !(op->target = strdup(target))) ||
	    (fstype && !(op->fstype = strdup(fstype))) || (data && !(op->data = strdup(data))))
		return -ENOMEM;
	return 0;
}

static int add_mount(struct start_plan *p, const char *origin, const char *source, const char *target, const char *fstype,
		     unsigned long flags, const char *data, unsigned opt)
{
	struct plan_op *op = plan_add_op(p, OP_MOUNT, origin);

	if (!op)
		return -ENOMEM;
	op->flags = flags;
	op->opt = opt;
	return set_strs(op, source, target, fstype, data);
}

static int add_simple(struct start_plan *p, enum plan_op_kind kind, const char *origin, const char *source,
		      const char *target, unsigned mode, dev_t dev, int value)
{
	struct plan_op *op = plan_add_op(p, kind, origin);

	if (!op)
		return -ENOMEM;
	op->mode = mode;
	op->dev = dev;
	op->value = value;
	return set_strs(op, source, target, NULL, NULL);
}

static int add_hooks(struct start_plan *p, enum plan_hook_type t)
{
	for (size_t i = 0; i < p->n_hooks[t]; i++) {
		struct plan_op *op = plan_add_op(p, OP_HOOK, p->hooks[t][i].origin);
		if (!op || set_strs(op, p->hooks[t][i].cmd, plan_hook_name(t), NULL, NULL) < 0)
			return -ENOMEM;
		op->value = t;
	}
	return 0;
}

/* proc and sys as lxc.mount.auto asks, the same layout LXC gives. */
static int compile_auto(struct builder *b)
{
	struct start_plan *p = b->p;
	const char *o = b->auto_origin ? b->auto_origin : "lxc.mount.auto";
	const unsigned long nsd = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	int r = 0;

	if (b->auto_bits & (AUTO_PROC_RW | AUTO_PROC_MIXED))
		r |= add_mount(p, o, "proc", "proc", "proc", nsd, NULL, MNT_OPT_CREATE_DIR);
	if (b->auto_bits & AUTO_PROC_MIXED) {
		/* /proc/sys read-only but its net part writable; sysrq-trigger read-only. */
		r |= add_mount(p, o, "proc/sys", "proc/sys", NULL, MS_BIND | MS_RDONLY | nsd, NULL, MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT);
		r |= add_mount(p, o, "proc/sys/net", "proc/sys/net", NULL, MS_BIND | nsd, NULL,
			       MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT | MNT_OPT_OPTIONAL);
		r |= add_mount(p, o, "proc/sysrq-trigger", "proc/sysrq-trigger", NULL, MS_BIND | MS_RDONLY | nsd, NULL,
			       MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT | MNT_OPT_OPTIONAL);
	}
	if (b->auto_bits & AUTO_SYS_RW)
		r |= add_mount(p, o, "sysfs", "sys", "sysfs", nsd, NULL, MNT_OPT_CREATE_DIR);
	else if (b->auto_bits & AUTO_SYS_RO)
		r |= add_mount(p, o, "sysfs", "sys", "sysfs", nsd | MS_RDONLY, NULL, MNT_OPT_CREATE_DIR);
	else if (b->auto_bits & AUTO_SYS_MIXED) {
		r |= add_mount(p, o, "sysfs", "sys", "sysfs", nsd | MS_RDONLY, NULL, MNT_OPT_CREATE_DIR);
		/* The container's own network devices stay writable. */
		r |= add_mount(p, o, "sys/devices/virtual/net", "sys/devices/virtual/net", NULL, MS_BIND | nsd, NULL,
			       MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT | MNT_OPT_OPTIONAL);
	}
	return r ? -ENOMEM : 0;
}

/* One lxc.mount.entry or fstab line into a mount op. */
static int compile_entry(struct builder *b, const char *line, const char *origin)
{
	struct start_plan *p = b->p;
	struct mount_entry e;
	struct mount_opts mo;
	char why[1024];
	const char *target, *source;
	struct plan_op *op;
	int ret;

	ret = mount_parse_entry(line, &e, why, sizeof(why));
	if (ret == 1)
		return 0;
	if (ret < 0)
		return ret == -EINVAL ? fail(b, origin, "%s", why) : ret;
	ret = mount_parse_options(e.options, &mo, why, sizeof(why));
	if (ret < 0) {
		mount_entry_free(&e);
		return ret == -EINVAL ? fail(b, origin, "%s", why) : ret;
	}
	/* An absolute target written with the rootfs path (LXC's old style) is made relative. */
	target = e.target;
	if (*target == '/') {
		const char *bases[2] = { p->rootfs_mount, p->rootfs_path };
		for (int i = 0; i < 2; i++) {
			size_t n = bases[i] ? strlen(bases[i]) : 0;
			if (n > 1 && !strncmp(target, bases[i], n) && (target[n] == '/' || !target[n])) {
				target += n;
				break;
			}
		}
	}
	if ((mo.opt & MNT_OPT_CREATE_DIR) && (mo.opt & MNT_OPT_CREATE_FILE)) {
		mount_entry_free(&e);
		free(mo.data);
		return fail(b, origin, "create=dir and create=file cannot both be given");
	}
	/* An absolute bind source inside the rootfs is the container's file: resolve
	 * it from the container's root too, so its symlinks cannot point at the host. */
	source = e.source;
	if ((mo.flags & MS_BIND) && *source == '/' && !(mo.opt & MNT_OPT_RELATIVE)) {
		const char *bases[2] = { p->rootfs_mount, p->rootfs_path };
		for (int i = 0; i < 2; i++) {
			size_t n = bases[i] ? strlen(bases[i]) : 0;
			if (n > 1 && !strncmp(source, bases[i], n) && (source[n] == '/' || !source[n])) {
				source += n;
				while (*source == '/')
					source++;
				if (!*source)
					source = ".";
				mo.opt |= MNT_OPT_RELATIVE;
				break;
			}
		}
	}
	op = plan_add_op(p, OP_MOUNT, origin);
	if (!op || set_strs(op, source, *target == '/' ? target + 1 : target, e.fstype, mo.data) < 0) {
		mount_entry_free(&e);
		free(mo.data);
		return -ENOMEM;
	}
	if (!*op->target) {
		free(op->target);
		op->target = strdup(".");
	}
	/* "none" as type of a bind, and the source of proc/sysfs/tmpfs is only a label. */
	if ((mo.flags & MS_BIND) && op->fstype && !strcmp(op->fstype, "none")) {
		free(op->fstype);
		op->fstype = NULL;
	}
	op->flags = mo.flags;
	op->propagation = mo.propagation;
	op->opt = mo.opt;
	mount_entry_free(&e);
	free(mo.data);
	return 0;
}

static int compile_fstab(struct builder *b)
{
	__do_free char *text = NULL;
	__do_free char *path = NULL;
	char *line, *save = NULL;
	unsigned lineno = 0;
	int ret;

	if (!b->fstab)
		return 0;
	/* A relative fstab path is relative to the config file's directory. */
	if (*b->fstab != '/' && b->p->config_file) {
		const char *slash = strrchr(b->p->config_file, '/');
		path = slash ? str_printf("%.*s/%s", (int)(slash - b->p->config_file), b->p->config_file, b->fstab)
			     : strdup(b->fstab);
	} else {
		path = strdup(b->fstab);
	}
	if (!path)
		return -ENOMEM;
	ret = file_read_all(path, &text, NULL);
	if (ret < 0)
		return fail(b, b->fstab_origin, "cannot read %s: %s (fix the path or remove the key)", path, strerror(-ret));
	for (line = text; line; line = save) {
		__do_free char *origin = NULL;
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		lineno++;
		origin = str_printf("%s:%u: lxc.mount.fstab entry", path, lineno);
		if (!origin)
			return -ENOMEM;
		ret = compile_entry(b, line, origin);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static const struct {
	const char *name;
	unsigned mode;
	unsigned major, minor;
} dev_nodes[] = {
	{ "dev/null", S_IFCHR | 0666, 1, 3 },	 { "dev/zero", S_IFCHR | 0666, 1, 5 },
	{ "dev/full", S_IFCHR | 0666, 1, 7 },	 { "dev/urandom", S_IFCHR | 0666, 1, 9 },
	{ "dev/random", S_IFCHR | 0666, 1, 8 },	 { "dev/tty", S_IFCHR | 0666, 5, 0 },
};

static int compile_autodev_mount(struct builder *b)
{
	char data[64];

	snprintf(data, sizeof(data), "size=%llu,mode=755", (unsigned long long)(b->autodev_size ? b->autodev_size : 500000));
	return add_mount(b->p, "lxc.autodev", "none", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, data, MNT_OPT_CREATE_DIR);
}

static int compile_dev(struct builder *b)
{
	struct start_plan *p = b->p;
	int r = 0;

	if (p->autodev) {
		for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
			char host[64];
			/* The host's node is bound instead where mknod is not allowed. */
			snprintf(host, sizeof(host), "/%s", dev_nodes[i].name);
			r |= add_simple(p, OP_MKNOD, "lxc.autodev", host, dev_nodes[i].name, dev_nodes[i].mode,
					makedev(dev_nodes[i].major, dev_nodes[i].minor), 0);
		}
		r |= add_simple(p, OP_MKDIR, "lxc.autodev", NULL, "dev/pts", 0755, 0, 0);
		r |= add_simple(p, OP_MKDIR, "lxc.autodev", NULL, "dev/shm", 01777, 0, 0);
	}
	if (p->pty_max > 0) {
		char data[128];

		snprintf(data, sizeof(data), "newinstance,ptmxmode=0666,mode=0620,gid=5,max=%d", p->pty_max + p->tty_max);
		r |= add_mount(p, "lxc.pty.max", "devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, data, MNT_OPT_CREATE_DIR);
		/* /dev/ptmx must be this instance's: a link to pts/ptmx (a stale node is replaced). */
		r |= add_simple(p, OP_SYMLINK, "lxc.pty.max", "pts/ptmx", "dev/ptmx", 0, 0, 1);
	}
	/* LXC always adds these links; on a read-only /dev they are skipped. */
	r |= add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd", "dev/fd", 0, 0, 0);
	r |= add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd/0", "dev/stdin", 0, 0, 0);
	r |= add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd/1", "dev/stdout", 0, 0, 0);
	r |= add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd/2", "dev/stderr", 0, 0, 0);
	return r ? -ENOMEM : 0;
}

/* A pty at dev/NAME, or with lxc.tty.dir at dev/DIR/NAME with dev/NAME linking to it. */
static int add_pty(struct start_plan *p, const char *origin, const char *name, int slot)
{
	char target[300], link[300];

	if (!p->tty_dir) {
		snprintf(target, sizeof(target), "dev/%s", name);
		return add_simple(p, OP_BIND_PTY, origin, NULL, target, 0, 0, slot);
	}
	snprintf(target, sizeof(target), "dev/%s/%s", p->tty_dir, name);
	snprintf(link, sizeof(link), "%s/%s", p->tty_dir, name);
	if (add_simple(p, OP_BIND_PTY, origin, NULL, target, 0, 0, slot) < 0)
		return -ENOMEM;
	snprintf(target, sizeof(target), "dev/%s", name);
	return add_simple(p, OP_SYMLINK, "lxc.tty.dir", link, target, 0, 0, 1);
}

static int compile_console(struct builder *b)
{
	struct start_plan *p = b->p;
	int slot = 0;

	if (!p->console_none && add_pty(p, "lxc.console.path", "console", slot++) < 0)
		return -ENOMEM;
	for (int i = 1; i <= p->tty_max; i++) {
		char name[32];
		snprintf(name, sizeof(name), "tty%d", i);
		if (add_pty(p, "lxc.tty.max", name, slot++) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int compile_env(struct builder *b)
{
	struct start_plan *p = b->p;

	if (strv_append(&p->init_env, "container=lxc") < 0)
		return -ENOMEM;
	for (size_t i = 0; i < b->env.n; i++) {
		const char *e = b->env.v[i].value;
		__do_free char *full = NULL;

		if (!strchr(e, '=')) {
			/* A bare name passes the starting process's value on. */
			const char *val = getenv(e);
			if (!val)
				continue;
			full = str_printf("%s=%s", e, val);
			if (!full)
				return -ENOMEM;
			e = full;
		} else if (e[0] == '=') {
			return fail(b, b->env.v[i].origin, "'%s' has no variable name before '='", e);
		}
		/* A later value of the same variable wins. */
		for (char **q = p->init_env; q && *q; q++) {
			size_t n = strcspn(e, "=");
			if (!strncmp(*q, e, n) && (*q)[n] == '=') {
				char *dup = strdup(e);
				if (!dup)
					return -ENOMEM;
				free(*q);
				*q = dup;
				e = NULL;
				break;
			}
		}
		if (e && strv_append(&p->init_env, e) < 0)
			return -ENOMEM;
	}
	if (p->tty_max > 0) {
		char ttys[8192] = "container_ttys=";
		size_t used = strlen(ttys);
		for (int i = 1; i <= p->tty_max && used < sizeof(ttys) - 16; i++)
			used += (size_t)snprintf(ttys + used, sizeof(ttys) - used, "%stty%d", i > 1 ? " " : "", i);
		if (strv_append(&p->init_env, ttys) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int compile_init(struct builder *b, const struct plan_overrides *ov)
{
	struct start_plan *p = b->p;
	int ret;

	if (ov && ov->argv && ov->argv[0]) {
		for (char *const *a = ov->argv; *a; a++)
			if (strv_append(&p->init_argv, *a) < 0)
				return -ENOMEM;
		return 0;
	}
	ret = start_plan_split_cmd(b->init_cmd ? b->init_cmd : DEFAULT_INIT, &p->init_argv);
	if (ret == -EINVAL)
		return fail(b, b->init_cmd_origin, "unbalanced quotes in '%s'", b->init_cmd);
	if (ret < 0)
		return ret;
	if (!p->init_argv)
		return fail(b, b->init_cmd_origin ? b->init_cmd_origin : "lxc.init.cmd", "the command is empty");
	return 0;
}

static int resolve_rootfs(struct builder *b)
{
	struct start_plan *p = b->p;
	const char *spec = p->rootfs_spec;
	const char *o = b->rootfs_origin ? b->rootfs_origin : "lxc.rootfs.path";
	struct stat st;

	if (!spec)
		return 0;
	if (str_has_prefix(spec, "dir:"))
		spec += 4;
	else if (*spec != '/') {
		const char *colon = strchr(spec, ':');
		return fail(b, o, "storage type '%.*s' is not supported by berth yet (use dir:/path or a directory)",
			    colon ? (int)(colon - spec) : (int)strlen(spec), spec);
	}
	if (*spec != '/')
		return fail(b, o, "'%s' is not an absolute path", p->rootfs_spec);
	if (stat(spec, &st) < 0)
		return fail(b, o, "%s: %s (create the container's rootfs or fix the path)", spec, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return fail(b, o, "%s is not a directory", spec);
	p->rootfs_path = strdup(spec);
	return p->rootfs_path ? 0 : -ENOMEM;
}

/*
 * Entering the container's cgroups (and then its cgroup namespace) waits for
 * the monitor, which makes the cgroups while the child sets up: emitted once,
 * just before the first op that must run in them (a hook, the cgroup mounts)
 * and at the latest before the start's last step.
 */
static int cgroup_entry(struct builder *b, bool *done)
{
	struct start_plan *p = b->p;
	int r = 0;

	if (*done)
		return 0;
	*done = true;
	r |= add_simple(p, OP_STEP, "cgroups", NULL, NULL, 0, 0, STEP_CGROUPS);
	r |= add_simple(p, OP_CGROUP_ENTER, "cgroups", NULL, NULL, 0, 0, 0);
	if (p->clone_flags & CLONE_NEWCGROUP) {
		/* Done at clone time when the host allows CLONE_INTO_CGROUP; the child skips it then. */
		struct plan_op *op = plan_add_op(p, OP_UNSHARE, "lxc.namespace.clone");
		if (!op)
			return -ENOMEM;
		op->flags = CLONE_NEWCGROUP;
	}
	return r ? -ENOMEM : 0;
}

static int compile(struct builder *b, const struct plan_overrides *ov)
{
	bool cg_done = false;
	struct start_plan *p = b->p;
	int ret, r = 0;

	/* Namespaces. */
	if (b->idmap_origin)
		return fail(b, b->idmap_origin, "user namespaces (lxc.idmap) are not supported by berth yet (remove the lxc.idmap lines)");
	if (b->clone_given)
		p->clone_flags = b->clone_set;
	else
		p->clone_flags = (CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP) &
				 ns_supported();
	if (b->time_offsets.n)
		p->clone_flags |= CLONE_NEWTIME;
	p->clone_flags &= ~b->keep_set;
	if (p->clone_flags & CLONE_NEWUSER)
		return fail(b, b->clone_origin ? b->clone_origin : "lxc.namespace.clone",
			    "user namespaces are not supported by berth yet (remove 'user')");
	for (size_t i = 0; i < b->net_types.n; i++) {
		const char *t = b->net_types.v[i].value;
		if (!strcmp(t, "none"))
			p->net_none = true;
		else if (strcmp(t, "empty") && *t)
			p->n_net_devices++;
	}
	if (p->net_none) {
		if (b->net_types.n > 1)
			return fail(b, "lxc.net", "a 'none' network cannot be combined with other interfaces (keep only lxc.net.N.type = none)");
		p->clone_flags &= ~CLONE_NEWNET;
	}
	for (int i = 0; i < PLAN_NS_MAX; i++) {
		static const int flag[PLAN_NS_MAX] = { CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWPID };
		if (ov && ov->share[i] && replace_str(&p->share_spec[i], ov->share[i]) < 0)
			return -ENOMEM;
		if (p->share_spec[i])
			p->clone_flags &= ~flag[i];
	}
	if (p->share_spec[PLAN_NS_NET] && p->n_net_devices)
		p->n_net_devices = 0; /* as LXC: the network config of a container sharing a netns is ignored */
	if (!(p->clone_flags & CLONE_NEWNS) && p->rootfs_spec)
		return fail(b, b->clone_origin ? b->clone_origin : "lxc.namespace.keep",
			    "a container with its own rootfs needs its own mount namespace (add 'mount' to lxc.namespace.clone)");

	/* Capabilities. */
	if (b->cap_drop_set && b->cap_keep_set)
		return fail(b, b->cap_keep_origin, "lxc.cap.drop and lxc.cap.keep cannot both be set (keep one of them)");
	if (b->cap_keep_set)
		p->cap_drop = caps_all() & ~b->cap_keep;
	else
		p->cap_drop = b->cap_drop;

	ret = resolve_rootfs(b);
	if (ret < 0)
		return ret;
	if (p->rootfs_mount && !p->rootfs_path)
		p->rootfs_mount = (free(p->rootfs_mount), NULL);
	if (p->rootfs_path && !p->rootfs_mount && !(p->rootfs_mount = strdup(p->rootfs_path)))
		return -ENOMEM;

	if (ov && ov->console_path && replace_str(&p->console_path, ov->console_path) < 0)
		return -ENOMEM;
	if (ov && ov->console_logfile && replace_str(&p->console_logfile, ov->console_logfile) < 0)
		return -ENOMEM;
	p->console_none = p->console_path && !strcmp(p->console_path, "none");

	ret = compile_init(b, ov);
	if (ret < 0)
		return ret;
	ret = compile_env(b);
	if (ret < 0)
		return ret;

	/* ---- the child's ops, in the order it runs them ---- */
	r |= add_simple(p, OP_STEP, "start", NULL, NULL, 0, 0, STEP_CLONED);
	for (int i = 0; i < PLAN_NS_MAX; i++) {
		static const int flag[PLAN_NS_MAX] = { CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWPID };
		struct plan_op *op;
		char origin[64];

		if (!p->share_spec[i] || i == PLAN_NS_PID)
			continue;
		snprintf(origin, sizeof(origin), "lxc.namespace.share.%s", plan_ns_name(i));
		op = plan_add_op(p, OP_SETNS, origin);
		if (!op)
			return -ENOMEM;
		op->value = i;
		op->flags = (unsigned long)flag[i];
	}
	if (p->uts_name && (p->clone_flags & CLONE_NEWUTS))
		r |= add_simple(p, OP_HOSTNAME, "lxc.uts.name", p->uts_name, NULL, 0, 0, 0);
	if (p->clone_flags & CLONE_NEWNET)
		r |= add_simple(p, OP_LOOPBACK, "lxc.net", NULL, NULL, 0, 0, 0);
	if (p->n_net_devices)
		r |= add_simple(p, OP_NET_INSIDE, "lxc.net", NULL, NULL, 0, 0, 0);
	if (b->time_offsets.n || (p->clone_flags & CLONE_NEWTIME)) {
		char data[256] = "";
		size_t used = 0;
		for (size_t i = 0; i < b->time_offsets.n; i++) {
			int64_t s = 0, ns = 0;
			parse_time_offset(b->time_offsets.v[i].value, &s, &ns);
			used += (size_t)snprintf(data + used, sizeof(data) - used, "%s %lld %lld\n",
						 !strcmp(b->time_offsets.v[i].key, "boot") ? "boottime" : "monotonic",
						 (long long)s, (long long)ns);
		}
		struct plan_op *op = plan_add_op(p, OP_TIMENS, "lxc.time.offset");
		if (!op || set_strs(op, NULL, NULL, NULL, data) < 0)
			return -ENOMEM;
		p->clone_flags &= ~CLONE_NEWTIME; /* unshared by the child, so the offsets can be written first */
	}
	if (p->clone_flags & CLONE_NEWNS) {
		struct plan_op *op = plan_add_op(p, OP_PROPAGATION, "mount propagation");
		if (!op)
			return -ENOMEM;
		op->flags = MS_SLAVE | MS_REC;
	}
	if (p->n_hooks[HOOK_PRE_MOUNT] && cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (add_hooks(p, HOOK_PRE_MOUNT) < 0)
		return -ENOMEM;

	{
		struct plan_op *op = plan_add_op(p, OP_ROOTFS, b->rootfs_options_origin ? b->rootfs_options_origin : "lxc.rootfs.path");
		struct mount_opts mo = { 0 };
		char why[1024];

		if (!op)
			return -ENOMEM;
		if (b->rootfs_options) {
			ret = mount_parse_options(b->rootfs_options, &mo, why, sizeof(why));
			if (ret < 0)
				return ret == -EINVAL ? fail(b, b->rootfs_options_origin, "%s", why) : ret;
		}
		if (set_strs(op, p->rootfs_path, p->rootfs_mount, NULL, mo.data) < 0) {
			free(mo.data);
			return -ENOMEM;
		}
		free(mo.data);
		op->flags = mo.flags & ~MS_BIND;
		op->propagation = mo.propagation;
	}
	if (p->autodev)
		r |= compile_autodev_mount(b);
	r |= compile_auto(b);
	if (r)
		return -ENOMEM;
	ret = compile_fstab(b);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < b->mounts.n; i++) {
		ret = compile_entry(b, b->mounts.v[i].value, b->mounts.v[i].origin);
		if (ret < 0)
			return ret;
	}
	/* After the entries, as LXC does: a bind of the host's shared tmpfs; it is a slave of the
	 * host's copy after the propagation step, so later host mounts under it show up inside. */
	if (p->shmount_host && add_mount(p, b->auto_origin, p->shmount_host, p->shmount_cont + 1, NULL, MS_BIND, NULL,
					 MNT_OPT_CREATE_DIR) < 0)
		return -ENOMEM;
	p->cgroup_auto = b->auto_bits & (AUTO_CGROUP_RW | AUTO_CGROUP_RO | AUTO_CGROUP_MIXED | AUTO_CGROUP_FULL |
					 AUTO_CGROUP_FORCE | AUTO_CGROUP_NOSPEC);
	if ((p->cgroup_auto || p->n_hooks[HOOK_MOUNT]) && cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (p->cgroup_auto) {
		struct plan_op *op = plan_add_op(p, OP_CGROUP, b->auto_origin);
		if (!op || set_strs(op, NULL, "sys/fs/cgroup", NULL, NULL) < 0)
			return -ENOMEM;
		op->value = (int)p->cgroup_auto;
	}
	if (add_hooks(p, HOOK_MOUNT) < 0)
		return -ENOMEM;
	if (compile_dev(b) < 0)
		return -ENOMEM;
	if (p->autodev && p->n_hooks[HOOK_AUTODEV] && cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (p->autodev && add_hooks(p, HOOK_AUTODEV) < 0)
		return -ENOMEM;
	if (compile_console(b) < 0)
		return -ENOMEM;
	for (size_t i = 0; i < b->sysctl.n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "/proc/sys/%s", b->sysctl.v[i].key);
		for (char *c = path + 10; *c; c++)
			if (*c == '.')
				*c = '/';
		r |= add_simple(p, OP_WRITE, b->sysctl.v[i].origin, NULL, path, 0, 0, 0);
		if (!r && !(p->ops[p->n_ops - 1].data = strdup(b->sysctl.v[i].value)))
			return -ENOMEM;
	}
	for (size_t i = 0; i < b->proc.n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "/proc/self/%s", b->proc.v[i].key);
		r |= add_simple(p, OP_WRITE, b->proc.v[i].origin, NULL, path, 0, 0, 0);
		if (!r && !(p->ops[p->n_ops - 1].data = strdup(b->proc.v[i].value)))
			return -ENOMEM;
	}
	if (p->rootfs_path)
		r |= add_simple(p, OP_PIVOT, "lxc.rootfs.path", NULL, NULL, 0, 0, 0);
	for (size_t i = 0; i < b->prlimit.n; i++) {
		struct plan_op *op = plan_add_op(p, OP_RLIMIT, b->prlimit.v[i].origin);
		char why[256];
		if (!op || set_strs(op, b->prlimit.v[i].key, NULL, NULL, b->prlimit.v[i].value) < 0)
			return -ENOMEM;
		start_plan_parse_prlimit(b->prlimit.v[i].key, b->prlimit.v[i].value, &op->value, &op->rlim, why, sizeof(why));
	}
	if (r)
		return -ENOMEM;
	if (cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (add_hooks(p, HOOK_START) < 0)
		return -ENOMEM;
	r |= add_simple(p, OP_STEP, "start", NULL, NULL, 0, 0, STEP_SETUP_DONE);
	r |= add_simple(p, OP_EXEC, b->init_cmd_origin ? b->init_cmd_origin : "lxc.init.cmd", p->init_argv[0], p->init_cwd, 0, 0, 0);
	if (r)
		return -ENOMEM;

	{
		const struct cgroup_dirs dirs = { p->cgroup_dir, p->cgroup_dir_container, p->cgroup_dir_monitor,
						  p->cgroup_dir_pivot, p->cgroup_dir_inner };
		char why[512];

		if (cgroup_dirs_check(&dirs, why, sizeof(why)) < 0)
			return fail(b, p->config_file ? p->config_file : "config", "%s", why);
	}
	p->n_cgroup_settings = b->cgroup.n;
	p->cgroup_settings = b->cgroup.v;
	b->cgroup.v = NULL;
	b->cgroup.n = 0;
	return 0;
}

int start_plan_build(const struct plan_item *items, size_t n, const char *name, const char *lxcpath,
		     const char *config_file, const struct plan_overrides *ov, struct start_plan **out,
		     char *err, size_t errlen)
{
	struct builder b = { .err = err, .errlen = errlen };
	struct start_plan *p = calloc(1, sizeof(*p));
	int ret;

	if (errlen)
		err[0] = '\0';
	if (!p)
		return -ENOMEM;
	b.p = p;
	for (int i = 0; i < PLAN_NS_MAX; i++)
		p->share_fd[i] = -1;
	p->halt_signal = SIGPWR;
	p->reboot_signal = SIGINT;
	p->stop_signal = SIGKILL;
	p->pdeath_signal = SIGKILL;
	p->log_level = -1;
	p->personality = -1;
	p->keyring_session = true;
	p->autodev = true; /* LXC's default: a fresh /dev unless lxc.autodev = 0 */
	p->name = strdup(name ? name : "");
	p->lxcpath = strdup(lxcpath ? lxcpath : "");
	p->config_file = config_file ? strdup(config_file) : NULL;
	if (!p->name || !p->lxcpath || (config_file && !p->config_file)) {
		ret = -ENOMEM;
		goto out;
	}

	for (size_t i = 0; i < n; i++) {
		ret = read_item(&b, &items[i]);
		if (ret < 0)
			goto out;
	}
	ret = compile(&b, ov);
	if (ret < 0)
		goto out;
	if (b.notices)
		WARN("%s: not applied: AppArmor, seccomp and SELinux settings are not enforced by berth yet", b.notices);
	if (b.notices_other)
		WARN("%s: not applied by berth yet", b.notices_other);
out:
	if (ret == -ENOMEM && !*err)
		snprintf(err, errlen, "out of memory");
	builder_free(&b);
	if (ret < 0) {
		start_plan_free(p);
		return ret;
	}
	*out = p;
	return 0;
}

void start_plan_free(struct start_plan *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->lxcpath);
	free(p->config_file);
	for (int i = 0; i < PLAN_NS_MAX; i++) {
		free(p->share_spec[i]);
		if (p->share_fd[i] >= 0)
			close(p->share_fd[i]);
	}
	free(p->rootfs_spec);
	free(p->rootfs_path);
	free(p->rootfs_mount);
	free(p->uts_name);
	free(p->shmount_host);
	free(p->shmount_cont);
	free(p->console_path);
	free(p->console_logfile);
	free(p->tty_dir);
	strv_free(p->init_argv);
	strv_free(p->init_env);
	free(p->init_cwd);
	free(p->init_groups);
	for (int t = 0; t < HOOK_MAX; t++) {
		for (size_t i = 0; i < p->n_hooks[t]; i++) {
			free(p->hooks[t][i].cmd);
			free(p->hooks[t][i].origin);
		}
		free(p->hooks[t]);
	}
	for (size_t i = 0; i < p->n_cgroup_settings; i++) {
		free(p->cgroup_settings[i].key);
		free(p->cgroup_settings[i].value);
		free(p->cgroup_settings[i].origin);
	}
	free(p->cgroup_settings);
	free(p->cgroup_dir);
	free(p->cgroup_dir_container);
	free(p->cgroup_dir_monitor);
	free(p->cgroup_dir_pivot);
	free(p->cgroup_dir_inner);
	free(p->log_file);
	for (size_t i = 0; i < p->n_ops; i++) {
		free(p->ops[i].origin);
		free(p->ops[i].source);
		free(p->ops[i].target);
		free(p->ops[i].fstype);
		free(p->ops[i].data);
	}
	free(p->ops);
	free(p);
}

const char *plan_hook_name(enum plan_hook_type t)
{
	static const char *const names[HOOK_MAX] = { "pre-start", "pre-mount", "mount", "autodev",
						     "start", "start-host", "stop", "post-stop" };
	return t < HOOK_MAX ? names[t] : "?";
}

const char *plan_ns_name(enum plan_ns ns)
{
	static const char *const names[PLAN_NS_MAX] = { "net", "ipc", "uts", "pid" };
	return ns < PLAN_NS_MAX ? names[ns] : "?";
}

int plan_op_format(const struct plan_op *op, char *buf, size_t len)
{
	static const char *const kinds[] = {
		[OP_STEP] = "STEP",	      [OP_SETNS] = "SETNS",	[OP_UNSHARE] = "UNSHARE",   [OP_HOSTNAME] = "HOSTNAME",
		[OP_LOOPBACK] = "LOOPBACK",   [OP_NET_INSIDE] = "NET",	[OP_PROPAGATION] = "PROPAGATION",
		[OP_HOOK] = "HOOK",	      [OP_ROOTFS] = "ROOTFS",	[OP_MOUNT] = "MOUNT",	    [OP_MKDIR] = "MKDIR",
		[OP_SYMLINK] = "SYMLINK",     [OP_MKNOD] = "MKNOD",	[OP_BIND_PTY] = "PTY",	    [OP_WRITE] = "WRITE",
		[OP_PIVOT] = "PIVOT",	      [OP_RLIMIT] = "RLIMIT",	[OP_TIMENS] = "TIMENS",	    [OP_EXEC] = "EXEC",
		[OP_CGROUP] = "CGROUP",	      [OP_CGROUP_ENTER] = "CGROUP_ENTER",
	};
	char flags[256];

	mount_flags_format(op->flags, flags, sizeof(flags));
	switch (op->kind) {
	case OP_MOUNT:
		return snprintf(buf, len, "MOUNT %s %s %s %s%s%s%s%s%s", op->source ? op->source : "-", op->target,
				op->fstype ? op->fstype : "-", flags, op->data ? "," : "", op->data ? op->data : "",
				op->opt & MNT_OPT_OPTIONAL ? " optional" : "", op->opt & MNT_OPT_CREATE_DIR ? " create=dir" : "",
				op->opt & MNT_OPT_CREATE_FILE ? " create=file" : "");
	case OP_ROOTFS:
		return snprintf(buf, len, "ROOTFS %s %s %s", op->source ? op->source : "-", op->target ? op->target : "-", flags);
	case OP_STEP:
	case OP_BIND_PTY:
		return snprintf(buf, len, "%s %d%s%s", kinds[op->kind], op->value, op->target ? " " : "", op->target ? op->target : "");
	case OP_MKNOD:
	case OP_MKDIR:
		return snprintf(buf, len, "%s %s %o", kinds[op->kind], op->target, op->mode);
	default:
		return snprintf(buf, len, "%s%s%s%s%s%s%s", kinds[op->kind], op->source ? " " : "", op->source ? op->source : "",
				op->target ? " " : "", op->target ? op->target : "", op->data ? " = " : "", op->data ? op->data : "");
	}
}
