/* start_plan_read.c - reading the config items of a start into the builder's settings, checking each value; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/resource.h>

#include "caps.h"
#include "cgroups/bpf_devices.h"
#include "conf/validate.h"
#include "log.h"
#include "mount.h"
#include "namespace.h"
#include "shmount.h"
#include "start_plan.h"
#include "start_plan_builder.h"
#include "start_signal.h"
#include "util/cleanup.h"
#include "util/strutil.h"

static char *make_origin(const struct plan_item *it)
{
	if (it->file && *it->file)
		return str_printf("%s:%u: %s", it->file, it->line, it->key);
	return strdup(it->key);
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
	return plan_fail(b, origin, "'%s' is not 0 or 1", v);
}

static int parse_uint(struct builder *b, const char *origin, const char *v, unsigned *out)
{
	if (str_to_uint(v, out) < 0)
		return plan_fail(b, origin, "'%s' is not a non-negative number", v);
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

/* The paths of lxc.mount.auto's shmounts: word, its only parser (mount_parse_auto
 * skips it); the last one wins. */
static int read_shmounts(struct builder *b, const char *origin, const char *value)
{
	__do_free char *copy = strdup(value);
	char *save = NULL, why[512];

	if (!copy)
		return -ENOMEM;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *host = NULL, *cont = NULL;
		int ret;

		if (strncmp(w, "shmounts", 8) || (w[8] != ':' && w[8]))
			continue;
		ret = shmount_parse(w, &host, &cont, why, sizeof(why));
		if (ret == -EINVAL)
			return plan_fail(b, origin, "%s", why);
		if (ret < 0)
			return ret;
		free(b->p->shmount_host);
		free(b->p->shmount_cont);
		b->p->shmount_host = host;
		b->p->shmount_cont = cont;
	}
	return 0;
}

/* lxc.init.groups: gids separated by commas or blanks; empty clears. */
static int read_init_groups(struct builder *b, const char *origin, const char *v)
{
	struct start_plan *p = b->p;
	__do_free char *copy = strdup(v);
	char *save = NULL;
	unsigned u;

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
			return plan_fail(b, origin, "'%s' is not a group id", g);
		grown = realloc(p->init_groups, (p->n_init_groups + 1) * sizeof(gid_t));
		if (!grown)
			return -ENOMEM;
		p->init_groups = grown;
		p->init_groups[p->n_init_groups++] = u;
	}
	p->init_groups_set = true;
	return 0;
}

/* lxc.signal.halt, .reboot, .stop and lxc.monitor.signal.pdeath (0 there: none). */
static int read_signal(struct builder *b, const char *origin, const char *k, const char *v)
{
	struct start_plan *p = b->p;
	int sig;
	bool pdeath = !strcmp(k, "lxc.monitor.signal.pdeath");

	if (pdeath && !strcmp(v, "0"))
		sig = 0;
	else
		sig = signal_from_name(v);
	if (sig < 0)
		return plan_fail(b, origin, "'%s' is not a signal (use a name like SIGPWR or SIGRTMIN+3, or a number)", v);
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
}

/* lxc.hook.TYPE = CMD adds a hook; "lxc.hook =" or "lxc.hook.TYPE =" clears. */
static int read_hook(struct start_plan *p, const char *origin, const char *k, const char *v)
{
	const char *type = k[8] == '.' ? k + 9 : "";

	if (!*type || !*v) {
		/* "lxc.hook = " or "lxc.hook.X = " clears. */
		for (int t = 0; t < HOOK_MAX; t++) {
			if (*type && strcmp(type, plan_hook_name(t)))
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
		if (strcmp(type, plan_hook_name(t)))
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
}

/* An lxc.mount.entry; an empty one clears the entries so far, not the fstab's. */
static int read_mount_entry(struct builder *b, const char *origin, const char *v)
{
	if (!*v) {
		for (size_t i = 0; i < b->mounts.n;) {
			if (!strcmp(b->mounts.v[i].key, "entry"))
				plan_kv_remove_at(&b->mounts, i);
			else
				i++;
		}
		return 0;
	}
	return plan_kv_add(&b->mounts, "entry", v, origin, false);
}

/* lxc.cgroup.* and lxc.cgroup2.*: where the cgroups go, and the controller settings in order. */
static int read_cgroup(struct builder *b, const char *origin, const char *k, const char *v)
{
	struct start_plan *p = b->p;
	bool v2 = str_has_prefix(k, "lxc.cgroup2"), flag = false;
	const char *file = k + (v2 ? 12 : 11);
	__do_free char *key = NULL;
	char why[1024];
	int ret;

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
		ret = plan_replace_str(dst, *v ? v : NULL);
		/* The last of these keys is where a conflict among them is reported. */
		return ret ? ret : plan_replace_str(&b->cgroup_dir_origin, origin);
	}
	if (v2 && *v && (!strcmp(file, "devices.allow") || !strcmp(file, "devices.deny"))) {
		/* Kept in order among the cgroup2 settings; the monitor compiles
		 * them into a BPF device program (cgroups/bpf_devices.h). */
		struct dev_rule rule;
		if (dev_rule_parse(v, !strcmp(file, "devices.allow"), &rule, why, sizeof(why)) < 0)
			return plan_fail(b, origin, "%s", why);
	}
	if (!*v || !strcmp(k, "lxc.cgroup") || !strcmp(k, "lxc.cgroup2")) {
		/* "lxc.cgroup =" clears the v1 settings, "lxc.cgroup2 =" the v2 ones, an empty
		 * value that file's settings of its own version (as LXC clears them). */
		for (size_t i = 0; i < b->cgroup.n;) {
			bool is2 = !strncmp(b->cgroup.v[i].key, "2:", 2);
			if (is2 == v2 && (!strcmp(k, "lxc.cgroup") || !strcmp(k, "lxc.cgroup2") ||
					  !strcmp(b->cgroup.v[i].key + (is2 ? 2 : 0), file))) {
				plan_kv_remove_at(&b->cgroup, i);
			} else {
				i++;
			}
		}
		return 0;
	}
	if (strchr(file, '/'))
		return plan_fail(b, origin, "'%s' is not a cgroup file name", file);
	key = str_printf("%s%s", v2 ? "2:" : "", file);
	if (!key)
		return -ENOMEM;
	return plan_kv_add(&b->cgroup, key, v, origin, false);
}

int plan_read_item(struct builder *b, const struct plan_item *it)
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
		ret = plan_replace_str(&p->rootfs_spec, *v ? v : NULL);
		return ret ? ret : plan_replace_str(&b->rootfs_origin, origin);
	} else if (!strcmp(k, "lxc.rootfs.mount")) {
		return plan_replace_str(&p->rootfs_mount, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.rootfs.options")) {
		ret = plan_replace_str(&b->rootfs_options, *v ? v : NULL);
		return ret ? ret : plan_replace_str(&b->rootfs_options_origin, origin);
	} else if (!strcmp(k, "lxc.uts.name")) {
		if (strlen(v) > 64)
			return plan_fail(b, origin, "'%s' is longer than the 64 characters a hostname may have", v);
		return plan_replace_str(&p->uts_name, *v ? v : NULL);
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
			return plan_fail(b, origin, "%u ttys is more than berth allows (1024)", u);
		p->tty_max = (int)u;
		return ret;
	} else if (!strcmp(k, "lxc.tty.dir")) {
		if (*v && (strchr(v, '/') || !strcmp(v, ".") || !strcmp(v, "..")))
			return plan_fail(b, origin, "'%s' is not a directory name under /dev", v);
		return plan_replace_str(&p->tty_dir, *v ? v : NULL);
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
		return plan_replace_str(&p->console_path, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.console.logfile")) {
		return plan_replace_str(&p->console_logfile, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.console.size") || !strcmp(k, "lxc.console.buffer.size")) {
		uint64_t size = 0;
		if (*v && conf_size_parse(v, &size) < 0)
			return plan_fail(b, origin, "'%s' is not a size (auto, or a number with B, kB, MB or GB)", v);
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
		ret = plan_replace_str(&b->init_cmd, *v ? v : NULL);
		return ret ? ret : plan_replace_str(&b->init_cmd_origin, origin);
	} else if (!strcmp(k, "lxc.init.cwd")) {
		if (*v && *v != '/')
			return plan_fail(b, origin, "'%s' is not an absolute path", v);
		return plan_replace_str(&p->init_cwd, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.init.uid")) {
		ret = parse_uint(b, origin, *v ? v : "0", &u);
		p->init_uid = u;
		return ret;
	} else if (!strcmp(k, "lxc.init.gid")) {
		ret = parse_uint(b, origin, *v ? v : "0", &u);
		p->init_gid = u;
		return ret;
	} else if (!strcmp(k, "lxc.init.groups")) {
		return read_init_groups(b, origin, v);
	} else if (!strcmp(k, "lxc.no_new_privs")) {
		ret = parse_bool(b, origin, *v ? v : "0", &flag);
		p->no_new_privs = flag;
		return ret;
	} else if (!strcmp(k, "lxc.signal.halt") || !strcmp(k, "lxc.signal.reboot") || !strcmp(k, "lxc.signal.stop") ||
		   !strcmp(k, "lxc.monitor.signal.pdeath")) {
		return read_signal(b, origin, k, v);
	} else if (!strcmp(k, "lxc.hook.version")) {
		ret = parse_bool(b, origin, *v ? v : "0", &flag);
		p->hook_version = flag;
		return ret;
	} else if (str_has_prefix(k, "lxc.hook")) {
		return read_hook(p, origin, k, v);
	} else if (!strcmp(k, "lxc.log.file")) {
		return plan_replace_str(&p->log_file, *v ? v : NULL);
	} else if (!strcmp(k, "lxc.log.level")) {
		int lvl = *v ? log_level_from_string(v) : -1;
		if (*v && lvl < 0)
			return plan_fail(b, origin, "'%s' is not a log level (TRACE, DEBUG, INFO, NOTICE, WARN, ERROR, CRIT, ALERT, FATAL or 0-8)", v);
		p->log_level = lvl;
		return 0;
	} else if (!strcmp(k, "lxc.mount.entry")) {
		return read_mount_entry(b, origin, v);
	} else if (!strcmp(k, "lxc.mount.fstab")) {
		ret = plan_replace_str(&b->fstab, *v ? v : NULL);
		return ret ? ret : plan_replace_str(&b->fstab_origin, origin);
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
			return plan_fail(b, origin, "%s", why);
		ret = read_shmounts(b, origin, v);
		return ret ? ret : plan_replace_str(&b->auto_origin, origin);
	} else if (!strcmp(k, "lxc.cap.drop")) {
		if (!*v) {
			b->cap_drop = 0;
			b->cap_drop_set = false;
			return 0;
		}
		ret = caps_parse_list(v, &b->cap_drop, false, why, sizeof(why));
		if (ret < 0)
			return plan_fail(b, origin, "%s", why);
		b->cap_drop_set = true;
		return 0;
	} else if (!strcmp(k, "lxc.cap.keep")) {
		if (!*v) {
			b->cap_keep = 0;
			b->cap_keep_set = false;
			return 0;
		}
		ret = caps_parse_list(v, &b->cap_keep, true, why, sizeof(why));
		if (ret < 0)
			return plan_fail(b, origin, "%s", why);
		b->cap_keep_set = true;
		return plan_replace_str(&b->cap_keep_origin, origin);
	} else if (!strcmp(k, "lxc.environment")) {
		if (!*v) {
			plan_kv_list_free(&b->env);
			return 0;
		}
		return plan_kv_add(&b->env, "env", v, origin, false);
	} else if (!strcmp(k, "lxc.sysctl") || str_has_prefix(k, "lxc.sysctl.")) {
		if (!*v || !k[10]) {
			plan_kv_list_free(&b->sysctl);
			return 0;
		}
		return plan_kv_add(&b->sysctl, k + 11, v, origin, true);
	} else if (!strcmp(k, "lxc.proc") || str_has_prefix(k, "lxc.proc.")) {
		if (!*v || !k[8]) {
			plan_kv_list_free(&b->proc);
			return 0;
		}
		if (strchr(k + 9, '/') || !strcmp(k + 9, "..") || !strcmp(k + 9, "."))
			return plan_fail(b, origin, "'%s' is not a file of /proc/PID/", k + 9);
		return plan_kv_add(&b->proc, k + 9, v, origin, false);
	} else if (!strcmp(k, "lxc.prlimit") || str_has_prefix(k, "lxc.prlimit.")) {
		if (!*v || !k[11]) {
			plan_kv_list_free(&b->prlimit);
			return 0;
		}
		/* Parsed once, when compiled (the origin goes with it). */
		return plan_kv_add(&b->prlimit, k + 12, v, origin, true);
	} else if (!strcmp(k, "lxc.cgroup") || str_has_prefix(k, "lxc.cgroup.") || str_has_prefix(k, "lxc.cgroup2.") ||
		   !strcmp(k, "lxc.cgroup2")) {
		return read_cgroup(b, origin, k, v);
	} else if (!strcmp(k, "lxc.namespace.clone")) {
		int flags = 0;
		if (ns_parse_list(v, &flags, why, sizeof(why)) < 0)
			return plan_fail(b, origin, "%s", why);
		b->clone_set = flags;
		b->clone_given = *v != '\0';
		return plan_replace_str(&b->clone_origin, origin);
	} else if (!strcmp(k, "lxc.namespace.keep")) {
		int flags = 0;
		if (!strcmp(v, "all"))
			flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUSER |
				CLONE_NEWCGROUP | CLONE_NEWTIME;
		else if (ns_parse_list(v, &flags, why, sizeof(why)) < 0)
			return plan_fail(b, origin, "%s", why);
		b->keep_set = flags;
		return 0;
	} else if (str_has_prefix(k, "lxc.namespace.share.")) {
		const char *ns = k + 20;
		for (int i = 0; i < PLAN_NS_MAX; i++)
			if (!strcmp(ns, plan_ns_name(i)))
				return plan_replace_str(&p->share_spec[i], *v ? v : NULL);
		if (ns_flag_from_name(ns) < 0)
			return plan_fail(b, origin, "'%s' is not a namespace", ns);
		return plan_fail(b, origin, "sharing the %s namespace is not supported by berth yet (share net, ipc, uts or pid)", ns);
	} else if (!strcmp(k, "lxc.net") && !*v) {
		plan_kv_list_free(&b->net_types);
		return 0;
	} else if (str_has_prefix(k, "lxc.net.")) {
		const char *dot;
		char idx[16];

		dot = strchr(k + 8, '.');
		if (!dot || strcmp(dot, ".type"))
			return 0;
		snprintf(idx, sizeof(idx), "%.*s", (int)(dot - (k + 8)) < 15 ? (int)(dot - (k + 8)) : 15, k + 8);
		return plan_kv_add(&b->net_types, idx, v, origin, true);
	} else if (str_has_prefix(k, "lxc.time.offset.")) {
		if (strcmp(k + 16, "boot") && strcmp(k + 16, "monotonic"))
			return plan_fail(b, origin, "unknown clock '%s' (use boot or monotonic)", k + 16);
		if (!*v)
			return 0;
		/* Parsed once, when compiled (the origin goes with it). */
		return plan_kv_add(&b->time_offsets, k + 16, v, origin, true);
	} else if (!strcmp(k, "lxc.idmap") || !strcmp(k, "lxc.id_map")) {
		if (!*v) {
			free(b->idmap_origin);
			b->idmap_origin = NULL;
			return 0;
		}
		return plan_replace_str(&b->idmap_origin, origin);
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

