/* start_plan.c - a start decided in the parent: the config parsed and validated into settings and a ready list of setup operations for the child; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
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
#include <unistd.h>

#include "caps.h"
#include "cgroups/cgroup.h"
#include "log.h"
#include "mount.h"
#include "namespace.h"
#include "start_plan.h"
#include "start_plan_builder.h"
#include "util/cleanup.h"
#include "util/strutil.h"

#define DEFAULT_INIT "/sbin/init"

void plan_kv_list_free(struct kv_list *l)
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

void plan_kv_remove_at(struct kv_list *l, size_t i)
{
	free(l->v[i].key);
	free(l->v[i].value);
	free(l->v[i].origin);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(l->v[0]));
	l->n--;
}

int plan_kv_add(struct kv_list *l, const char *key, const char *value, const char *origin, bool replace)
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
	plan_kv_list_free(&b->mounts);
	free(b->fstab);
	free(b->fstab_origin);
	free(b->auto_origin);
	free(b->cap_keep_origin);
	free(b->cgroup_dir_origin);
	plan_kv_list_free(&b->env);
	plan_kv_list_free(&b->sysctl);
	plan_kv_list_free(&b->proc);
	plan_kv_list_free(&b->prlimit);
	plan_kv_list_free(&b->cgroup);
	plan_kv_list_free(&b->net_types);
	plan_kv_list_free(&b->time_offsets);
	free(b->clone_origin);
	free(b->rootfs_options);
	free(b->rootfs_options_origin);
	free(b->rootfs_origin);
	free(b->notices);
	free(b->notices_other);
	free(b->idmap_origin);
}

int plan_fail(struct builder *b, const char *origin, const char *fmt, ...)
{
	char reason[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	snprintf(b->err, b->errlen, "%s: %s", origin, reason);
	return -EINVAL;
}

int plan_replace_str(char **dst, const char *v)
{
	char *n = v ? strdup(v) : NULL;

	if (v && !n)
		return -ENOMEM;
	free(*dst);
	*dst = n;
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

static int add_hooks(struct start_plan *p, enum plan_hook_type t)
{
	for (size_t i = 0; i < p->n_hooks[t]; i++) {
		struct plan_op *op = plan_add_op(p, OP_HOOK, p->hooks[t][i].origin);
		if (!op || plan_set_strs(op, p->hooks[t][i].cmd, plan_hook_name(t), NULL, NULL) < 0)
			return -ENOMEM;
		op->value = t;
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
			return plan_fail(b, b->env.v[i].origin, "'%s' has no variable name before '='", e);
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
		return plan_fail(b, b->init_cmd_origin, "unbalanced quotes in '%s'", b->init_cmd);
	if (ret < 0)
		return ret;
	if (!p->init_argv)
		return plan_fail(b, b->init_cmd_origin ? b->init_cmd_origin : "lxc.init.cmd", "the command is empty");
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
		return plan_fail(b, o, "storage type '%.*s' is not supported by berth yet (use dir:/path or a directory)",
			    colon ? (int)(colon - spec) : (int)strlen(spec), spec);
	}
	if (*spec != '/')
		return plan_fail(b, o, "'%s' is not an absolute path", p->rootfs_spec);
	if (stat(spec, &st) < 0)
		return plan_fail(b, o, "%s: %s (create the container's rootfs or fix the path)", spec, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return plan_fail(b, o, "%s is not a directory", spec);
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
	r |= plan_add_simple(p, OP_STEP, "cgroups", NULL, NULL, 0, 0, STEP_CGROUPS);
	r |= plan_add_simple(p, OP_CGROUP_ENTER, "cgroups", NULL, NULL, 0, 0, 0);
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
		return plan_fail(b, b->idmap_origin, "user namespaces (lxc.idmap) are not supported by berth yet (remove the lxc.idmap lines)");
	if (b->clone_given)
		p->clone_flags = b->clone_set;
	else
		p->clone_flags = (CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP) &
				 ns_supported();
	if (b->time_offsets.n)
		p->clone_flags |= CLONE_NEWTIME;
	p->clone_flags &= ~b->keep_set;
	if (p->clone_flags & CLONE_NEWUSER)
		return plan_fail(b, b->clone_origin ? b->clone_origin : "lxc.namespace.clone",
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
			return plan_fail(b, "lxc.net", "a 'none' network cannot be combined with other interfaces (keep only lxc.net.N.type = none)");
		p->clone_flags &= ~CLONE_NEWNET;
	}
	for (int i = 0; i < PLAN_NS_MAX; i++) {
		static const int flag[PLAN_NS_MAX] = { CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWPID };
		if (ov && ov->share[i] && plan_replace_str(&p->share_spec[i], ov->share[i]) < 0)
			return -ENOMEM;
		if (p->share_spec[i])
			p->clone_flags &= ~flag[i];
	}
	if (p->share_spec[PLAN_NS_NET] && p->n_net_devices)
		p->n_net_devices = 0; /* as LXC: the network config of a container sharing a netns is ignored */
	if (!(p->clone_flags & CLONE_NEWNS) && p->rootfs_spec)
		return plan_fail(b, b->clone_origin ? b->clone_origin : "lxc.namespace.keep",
			    "a container with its own rootfs needs its own mount namespace (add 'mount' to lxc.namespace.clone)");

	/* Capabilities. */
	if (b->cap_drop_set && b->cap_keep_set)
		return plan_fail(b, b->cap_keep_origin, "lxc.cap.drop and lxc.cap.keep cannot both be set (keep one of them)");
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

	if (ov && ov->console_path && plan_replace_str(&p->console_path, ov->console_path) < 0)
		return -ENOMEM;
	if (ov && ov->console_logfile && plan_replace_str(&p->console_logfile, ov->console_logfile) < 0)
		return -ENOMEM;
	p->console_none = p->console_path && !strcmp(p->console_path, "none");

	ret = compile_init(b, ov);
	if (ret < 0)
		return ret;
	ret = compile_env(b);
	if (ret < 0)
		return ret;

	/* ---- the child's ops, in the order it runs them ---- */
	r |= plan_add_simple(p, OP_STEP, "start", NULL, NULL, 0, 0, STEP_CLONED);
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
		r |= plan_add_simple(p, OP_HOSTNAME, "lxc.uts.name", p->uts_name, NULL, 0, 0, 0);
	if (p->clone_flags & CLONE_NEWNET)
		r |= plan_add_simple(p, OP_LOOPBACK, "lxc.net", NULL, NULL, 0, 0, 0);
	if (p->n_net_devices)
		r |= plan_add_simple(p, OP_NET_INSIDE, "lxc.net", NULL, NULL, 0, 0, 0);
	if (b->time_offsets.n || (p->clone_flags & CLONE_NEWTIME)) {
		char data[256] = "";
		size_t used = 0;
		for (size_t i = 0; i < b->time_offsets.n; i++) {
			int64_t s = 0, ns = 0;
			if (plan_parse_time_offset(b->time_offsets.v[i].value, &s, &ns) < 0)
				return plan_fail(b, b->time_offsets.v[i].origin, "'%s' is not an offset like 10s, -2h or 500ms",
						 b->time_offsets.v[i].value);
			used += (size_t)snprintf(data + used, sizeof(data) - used, "%s %lld %lld\n",
						 !strcmp(b->time_offsets.v[i].key, "boot") ? "boottime" : "monotonic",
						 (long long)s, (long long)ns);
		}
		struct plan_op *op = plan_add_op(p, OP_TIMENS, "lxc.time.offset");
		if (!op || plan_set_strs(op, NULL, NULL, NULL, data) < 0)
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
				return ret == -EINVAL ? plan_fail(b, b->rootfs_options_origin, "%s", why) : ret;
		}
		if (plan_set_strs(op, p->rootfs_path, p->rootfs_mount, NULL, mo.data) < 0) {
			free(mo.data);
			return -ENOMEM;
		}
		free(mo.data);
		op->flags = mo.flags & ~MS_BIND;
		op->propagation = mo.propagation;
	}
	if (p->autodev)
		r |= plan_compile_autodev_mount(b);
	r |= plan_compile_auto(b);
	if (r)
		return -ENOMEM;
	ret = plan_compile_fstab(b);
	if (ret < 0)
		return ret;
	for (size_t i = 0; i < b->mounts.n; i++) {
		ret = plan_compile_entry(b, b->mounts.v[i].value, b->mounts.v[i].origin);
		if (ret < 0)
			return ret;
	}
	/* After the entries, as LXC does: a bind of the host's shared tmpfs; it is a slave of the
	 * host's copy after the propagation step, so later host mounts under it show up inside. */
	if (p->shmount_host && plan_add_mount(p, b->auto_origin, p->shmount_host, p->shmount_cont + 1, NULL, MS_BIND, NULL,
					 MNT_OPT_CREATE_DIR) < 0)
		return -ENOMEM;
	p->cgroup_auto = b->auto_bits & (AUTO_CGROUP_RW | AUTO_CGROUP_RO | AUTO_CGROUP_MIXED | AUTO_CGROUP_FULL |
					 AUTO_CGROUP_FORCE | AUTO_CGROUP_NOSPEC);
	if ((p->cgroup_auto || p->n_hooks[HOOK_MOUNT]) && cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (p->cgroup_auto) {
		struct plan_op *op = plan_add_op(p, OP_CGROUP, b->auto_origin);
		if (!op || plan_set_strs(op, NULL, "sys/fs/cgroup", NULL, NULL) < 0)
			return -ENOMEM;
		op->value = (int)p->cgroup_auto;
	}
	if (add_hooks(p, HOOK_MOUNT) < 0)
		return -ENOMEM;
	if (plan_compile_dev(b) < 0)
		return -ENOMEM;
	if (p->autodev && p->n_hooks[HOOK_AUTODEV] && cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (p->autodev && add_hooks(p, HOOK_AUTODEV) < 0)
		return -ENOMEM;
	if (plan_compile_console(b) < 0)
		return -ENOMEM;
	for (size_t i = 0; i < b->sysctl.n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "/proc/sys/%s", b->sysctl.v[i].key);
		for (char *c = path + 10; *c; c++)
			if (*c == '.')
				*c = '/';
		r |= plan_add_simple(p, OP_WRITE, b->sysctl.v[i].origin, NULL, path, 0, 0, 0);
		if (!r && !(p->ops[p->n_ops - 1].data = strdup(b->sysctl.v[i].value)))
			return -ENOMEM;
	}
	for (size_t i = 0; i < b->proc.n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "/proc/self/%s", b->proc.v[i].key);
		r |= plan_add_simple(p, OP_WRITE, b->proc.v[i].origin, NULL, path, 0, 0, 0);
		if (!r && !(p->ops[p->n_ops - 1].data = strdup(b->proc.v[i].value)))
			return -ENOMEM;
	}
	if (p->rootfs_path)
		r |= plan_add_simple(p, OP_PIVOT, "lxc.rootfs.path", NULL, NULL, 0, 0, 0);
	for (size_t i = 0; i < b->prlimit.n; i++) {
		struct plan_op *op = plan_add_op(p, OP_RLIMIT, b->prlimit.v[i].origin);
		char why[256];
		if (!op || plan_set_strs(op, b->prlimit.v[i].key, NULL, NULL, b->prlimit.v[i].value) < 0)
			return -ENOMEM;
		if (start_plan_parse_prlimit(b->prlimit.v[i].key, b->prlimit.v[i].value, &op->value, &op->rlim, why, sizeof(why)) < 0)
			return plan_fail(b, b->prlimit.v[i].origin, "%s", why);
	}
	if (r)
		return -ENOMEM;
	if (cgroup_entry(b, &cg_done) < 0)
		return -ENOMEM;
	if (add_hooks(p, HOOK_START) < 0)
		return -ENOMEM;
	r |= plan_add_simple(p, OP_STEP, "start", NULL, NULL, 0, 0, STEP_SETUP_DONE);
	r |= plan_add_simple(p, OP_EXEC, b->init_cmd_origin ? b->init_cmd_origin : "lxc.init.cmd", p->init_argv[0], p->init_cwd, 0, 0, 0);
	if (r)
		return -ENOMEM;

	{
		const struct cgroup_dirs dirs = { p->cgroup_dir, p->cgroup_dir_container, p->cgroup_dir_monitor,
						  p->cgroup_dir_pivot, p->cgroup_dir_inner };
		char why[512];

		if (cgroup_dirs_check(&dirs, why, sizeof(why)) < 0)
			return plan_fail(b, b->cgroup_dir_origin ? b->cgroup_dir_origin : "lxc.cgroup.dir", "%s", why);
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
		ret = plan_read_item(&b, &items[i]);
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
