/* test-start-plan.c - unit tests of the start plan: config items to settings and the child's ordered ops, and the errors it gives; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include "caps.h"
#include "mount.h"
#include "namespace.h"
#include "start_plan.h"
#include "start_signal.h"
#include "unit.h"


static char err[4096];

/* items from "key = value" lines, file "t.conf", line numbers from 1 */
static struct start_plan *build(const char *const *lines, const struct plan_overrides *ov, int *ret)
{
	struct plan_item items[64];
	size_t n = 0;
	static char keys[64][256], values[64][1024];
	struct start_plan *p = NULL;

	for (; lines[n]; n++) {
		const char *eq = strchr(lines[n], '=');
		snprintf(keys[n], sizeof(keys[n]), "%.*s", (int)(eq - lines[n]), lines[n]);
		snprintf(values[n], sizeof(values[n]), "%s", eq + 1);
		/* trim */
		for (char *k = keys[n] + strlen(keys[n]); k > keys[n] && k[-1] == ' '; k--)
			k[-1] = '\0';
		items[n] = (struct plan_item){ .key = keys[n], .value = values[n][0] == ' ' ? values[n] + 1 : values[n],
					       .file = "t.conf", .line = (unsigned)n + 1 };
	}
	*ret = start_plan_build(items, n, "c1", "/var/lib/lxc", "/var/lib/lxc/c1/config", ov, &p, err, sizeof(err));
	return p;
}

static const struct plan_op *find_op(const struct start_plan *p, enum plan_op_kind kind, const char *target, size_t *idx)
{
	for (size_t i = 0; i < p->n_ops; i++)
		if (p->ops[i].kind == kind && (!target || (p->ops[i].target && !strcmp(p->ops[i].target, target)))) {
			if (idx)
				*idx = i;
			return &p->ops[i];
		}
	return NULL;
}

static void defaults(void)
{
	const char *lines[] = { "lxc.rootfs.path = dir:/", NULL };
	int ret;
	struct start_plan *p = build(lines, NULL, &ret);

	CHECK_INT(ret, 0);
	if (!p)
		return;
	CHECK_STR(p->rootfs_path, "/");
	CHECK_STR(p->init_argv[0], "/sbin/init");
	CHECK(p->init_argv[1] == NULL);
	CHECK_INT(p->halt_signal, SIGPWR);
	CHECK_INT(p->reboot_signal, SIGINT);
	CHECK_INT(p->stop_signal, SIGKILL);
	CHECK_INT(p->pdeath_signal, SIGKILL);
	CHECK(p->clone_flags & CLONE_NEWNS);
	CHECK(p->clone_flags & CLONE_NEWPID);
	CHECK(p->clone_flags & CLONE_NEWNET);
	CHECK(!(p->clone_flags & CLONE_NEWUSER));
	CHECK_STR(p->init_env[0], "container=lxc");
	CHECK(p->autodev); /* on unless lxc.autodev = 0, as LXC */
	/* the order: step, ..., rootfs, ..., pivot, (wait for the cgroups) enter them, step, exec */
	{
		size_t cg = 0, s1 = 0, scg = 0, rootfs = 0, pivot = 0, s2 = 0, ex = 0;
		CHECK(find_op(p, OP_CGROUP_ENTER, NULL, &cg) != NULL);
		CHECK(find_op(p, OP_ROOTFS, NULL, &rootfs) != NULL);
		CHECK(find_op(p, OP_PIVOT, NULL, &pivot) != NULL);
		CHECK(find_op(p, OP_EXEC, NULL, &ex) != NULL);
		for (size_t i = 0; i < p->n_ops; i++)
			if (p->ops[i].kind == OP_STEP) {
				if (p->ops[i].value == STEP_CLONED)
					s1 = i;
				else if (p->ops[i].value == STEP_CGROUPS)
					scg = i;
				else if (p->ops[i].value == STEP_SETUP_DONE)
					s2 = i;
			}
		CHECK(s1 == 0);
		CHECK(s1 < rootfs && rootfs < pivot && pivot < scg && scg + 1 == cg && cg < s2 && s2 < ex &&
		      ex == p->n_ops - 1);
		/* the cgroup namespace right after entering the cgroups */
		CHECK(p->ops[cg + 1].kind == OP_UNSHARE && p->ops[cg + 1].flags == CLONE_NEWCGROUP);
	}
	start_plan_free(p);
}

static void overrides_and_settings(void)
{
	const char *lines[] = {
		"lxc.rootfs.path = /",
		"lxc.uts.name = web",
		"lxc.init.cmd = /bin/sh -c 'echo hi there'",
		"lxc.init.cwd = /srv",
		"lxc.init.uid = 1000",
		"lxc.init.gid = 100",
		"lxc.init.groups = 10,20",
		"lxc.signal.halt = SIGRTMIN+3",
		"lxc.signal.reboot = 15",
		"lxc.no_new_privs = 1",
		"lxc.environment = A=1",
		"lxc.environment = A=2",
		"lxc.environment = B_UNSET_IN_HOST_ENV_X",
		"lxc.tty.max = 3",
		NULL,
	};
	int ret;
	struct start_plan *p = build(lines, NULL, &ret);

	CHECK_INT(ret, 0);
	if (!p)
		return;
	CHECK_STR(p->init_argv[0], "/bin/sh");
	CHECK_STR(p->init_argv[1], "-c");
	CHECK_STR(p->init_argv[2], "echo hi there");
	CHECK(p->init_argv[3] == NULL);
	CHECK_STR(p->init_cwd, "/srv");
	CHECK_INT(p->init_uid, 1000);
	CHECK_INT(p->init_gid, 100);
	CHECK_INT(p->n_init_groups, 2);
	CHECK_INT(p->init_groups[1], 20);
	CHECK_INT(p->halt_signal, SIGRTMIN + 3);
	CHECK_INT(p->reboot_signal, SIGTERM);
	CHECK(p->no_new_privs);
	CHECK_STR(p->init_env[1], "A=2");
	CHECK_STR(p->init_env[2], "container_ttys=tty1 tty2 tty3");
	CHECK(p->init_env[3] == NULL);
	{
		const struct plan_op *op = find_op(p, OP_HOSTNAME, NULL, NULL);
		CHECK(op && !strcmp(op->source, "web"));
	}
	CHECK(find_op(p, OP_BIND_PTY, "dev/console", NULL) != NULL);
	CHECK(find_op(p, OP_BIND_PTY, "dev/tty3", NULL) != NULL);
	start_plan_free(p);

	/* lxc-start -- CMD replaces lxc.init.cmd; -c/-L too */
	{
		char *argv[] = { "/bin/true", "x", NULL };
		struct plan_overrides ov = { .argv = argv, .console_path = "none" };
		p = build(lines, &ov, &ret);
		CHECK_INT(ret, 0);
		if (!p)
			return;
		CHECK_STR(p->init_argv[0], "/bin/true");
		CHECK_STR(p->init_argv[1], "x");
		CHECK(p->console_none);
		CHECK(find_op(p, OP_BIND_PTY, "dev/console", NULL) == NULL);
		start_plan_free(p);
	}
}

/* The namespace names of the config and of /proc/PID/ns. */
static void namespace_names(void)
{
	char why[256];
	int flags = 0;

	CHECK_INT(ns_flag_from_name("mount"), CLONE_NEWNS);
	CHECK_INT(ns_flag_from_name("mnt"), CLONE_NEWNS);
	CHECK_INT(ns_flag_from_name("bogus"), -EINVAL);
	CHECK_STR(ns_proc_name(CLONE_NEWNS), "mnt");
	CHECK_STR(ns_proc_name(CLONE_NEWCGROUP), "cgroup");
	CHECK_STR(ns_proc_name(CLONE_NEWTIME), "time");
	CHECK(ns_proc_name(CLONE_NEWNS | CLONE_NEWPID) == NULL);
	CHECK_INT(ns_parse_list("net, ipc\tuts", &flags, why, sizeof(why)), 0);
	CHECK_INT(flags, CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS);
	CHECK_INT(ns_parse_list("net nett", &flags, why, sizeof(why)), -EINVAL);
	CHECK_STR(why, "unknown namespace 'nett' (use mount, pid, uts, ipc, net, user, cgroup or time)");
}

static void namespaces(void)
{
	const char *keep[] = { "lxc.namespace.keep = net ipc", NULL };
	const char *clone[] = { "lxc.namespace.clone = mnt pid", NULL };
	const char *none[] = { "lxc.net.0.type = none", NULL };
	const char *share[] = { "lxc.namespace.share.net = other", "lxc.namespace.share.uts = 42", NULL };
	const char *user[] = { "lxc.namespace.clone = user mnt", NULL };
	const char *rootfs_no_mnt[] = { "lxc.rootfs.path = /", "lxc.namespace.keep = mnt", NULL };
	struct start_plan *p;
	int ret;

	p = build(keep, NULL, &ret);
	CHECK(p && !(p->clone_flags & (CLONE_NEWNET | CLONE_NEWIPC)) && (p->clone_flags & CLONE_NEWUTS));
	CHECK(p && !find_op(p, OP_LOOPBACK, NULL, NULL));
	start_plan_free(p);
	p = build(clone, NULL, &ret);
	CHECK(p && p->clone_flags == (CLONE_NEWNS | CLONE_NEWPID));
	start_plan_free(p);
	p = build(none, NULL, &ret);
	CHECK(p && !(p->clone_flags & CLONE_NEWNET) && p->net_none);
	start_plan_free(p);
	p = build(share, NULL, &ret);
	CHECK(p && !(p->clone_flags & (CLONE_NEWNET | CLONE_NEWUTS)));
	CHECK(p && p->share_spec[PLAN_NS_NET] && !strcmp(p->share_spec[PLAN_NS_NET], "other"));
	CHECK(p && find_op(p, OP_SETNS, NULL, NULL));
	start_plan_free(p);

	p = build(user, NULL, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err, "t.conf:1: lxc.namespace.clone");
	CHECK_CONTAINS(err, "user namespaces are not supported");
	p = build(rootfs_no_mnt, NULL, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err, "own mount namespace");
}

static void mounts_compiled(void)
{
	const char *lines[] = {
		"lxc.rootfs.path = /",
		"lxc.autodev = 1",
		"lxc.pty.max = 4",
		"lxc.mount.auto = proc:mixed sys:ro cgroup:mixed",
		"lxc.mount.entry = /srv srv none ro,bind,create=dir 0 0",
		"lxc.mount.entry = /srv/a /srv/b none bind,optional 0 0",
		"lxc.mount.entry = tmpfs run tmpfs size=1m,mode=755,rslave 0 0",
		NULL,
	};
	const char *inside[] = { "lxc.rootfs.path = /usr", "lxc.mount.entry = /usr/share/x mnt/x none bind 0 0",
				 "lxc.mount.entry = /usr2/y mnt/y none bind 0 0", NULL };
	int ret;
	size_t i_dev = 0, i_proc = 0, i_srv = 0, i_pts = 0;
	struct start_plan *p = build(lines, NULL, &ret);
	const struct plan_op *op;

	CHECK_INT(ret, 0);
	if (!p)
		return;
	op = find_op(p, OP_MOUNT, "dev", &i_dev);
	CHECK(op && !strcmp(op->fstype, "tmpfs") && strstr(op->data, "size=500000"));
	op = find_op(p, OP_MOUNT, "proc", &i_proc);
	CHECK(op && !strcmp(op->fstype, "proc") && (op->flags & MS_NOSUID));
	op = find_op(p, OP_MOUNT, "proc/sys", NULL);
	CHECK(op && (op->flags & MS_RDONLY) && (op->flags & MS_BIND) && (op->opt & MNT_OPT_REMOUNT));
	op = find_op(p, OP_MOUNT, "sys", NULL);
	CHECK(op && (op->flags & MS_RDONLY) && !strcmp(op->fstype, "sysfs"));
	op = find_op(p, OP_MOUNT, "srv", &i_srv);
	CHECK(op && (op->flags & MS_BIND) && (op->flags & MS_RDONLY) && (op->opt & MNT_OPT_CREATE_DIR) &&
	      (op->opt & MNT_OPT_REMOUNT) && op->fstype == NULL);
	CHECK(op && !strcmp(op->origin, "t.conf:5: lxc.mount.entry"));
	/* an absolute target is inside the container too */
	op = find_op(p, OP_MOUNT, "srv/b", NULL);
	CHECK(op && (op->opt & MNT_OPT_OPTIONAL));
	op = find_op(p, OP_MOUNT, "run", NULL);
	CHECK(op && op->propagation == (MS_SLAVE | MS_REC) && !strcmp(op->data, "size=1m,mode=755"));
	CHECK(find_op(p, OP_CGROUP, "sys/fs/cgroup", NULL) != NULL);
	op = find_op(p, OP_MOUNT, "dev/pts", &i_pts);
	CHECK(op && strstr(op->data, "newinstance") && strstr(op->data, "max=4"));
	CHECK(find_op(p, OP_MKNOD, "dev/null", NULL) != NULL);
	CHECK(find_op(p, OP_SYMLINK, "dev/ptmx", NULL) != NULL);
	/* /dev first (entries may bind into it), entries after the auto mounts, devpts after the entries */
	CHECK(i_dev < i_proc && i_proc < i_srv && i_srv < i_pts);
	start_plan_free(p);

	/* a bind source inside the rootfs is resolved from the container's root, so its links stay inside */
	p = build(inside, NULL, &ret);
	CHECK_INT(ret, 0);
	if (!p)
		return;
	op = find_op(p, OP_MOUNT, "mnt/x", NULL);
	CHECK(op && !strcmp(op->source, "share/x") && (op->opt & MNT_OPT_RELATIVE));
	op = find_op(p, OP_MOUNT, "mnt/y", NULL);
	CHECK(op && !strcmp(op->source, "/usr2/y") && !(op->opt & MNT_OPT_RELATIVE));
	start_plan_free(p);
}

static void bad_values_name_file_line(void)
{
	const char *bad_entry[] = { "lxc.rootfs.path = /", "lxc.mount.entry = onlyone", NULL };
	const char *bad_create[] = { "lxc.mount.entry = a b none bind,create=socket 0 0", NULL };
	const char *bad_auto[] = { "lxc.mount.auto = proc:bogus", NULL };
	const char *bad_sig[] = { "lxc.signal.halt = SIGNOPE", NULL };
	const char *bad_cap[] = { "lxc.cap.drop = sys_nope", NULL };
	const char *both_caps[] = { "lxc.cap.drop = sys_module", "lxc.cap.keep = chown", NULL };
	const char *bad_quote[] = { "lxc.init.cmd = /bin/sh -c 'unterminated", NULL };
	const char *bad_prlimit[] = { "lxc.prlimit.nofile = 10:5", NULL };
	const char *bad_storage[] = { "lxc.rootfs.path = zfs:tank/c1", NULL };
	int ret;

	CHECK(build(bad_entry, NULL, &ret) == NULL && ret == -EINVAL);
	CHECK_CONTAINS(err, "t.conf:2: lxc.mount.entry: 'onlyone' is not a mount entry");
	CHECK(build(bad_create, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "create=socket");
	CHECK(build(bad_auto, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "t.conf:1: lxc.mount.auto: unknown value 'proc:bogus'");
	CHECK(build(bad_sig, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "t.conf:1: lxc.signal.halt: 'SIGNOPE' is not a signal");
	CHECK(build(bad_cap, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "unknown capability 'sys_nope'");
	CHECK(build(both_caps, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "cannot both be set");
	CHECK(build(bad_quote, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "unbalanced quotes");
	CHECK(build(bad_prlimit, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "above the hard limit");
	CHECK(build(bad_storage, NULL, &ret) == NULL);
	CHECK_CONTAINS(err, "storage type 'zfs' is not supported");
}

static void caps_sets(void)
{
	const char *drop[] = { "lxc.cap.drop = sys_module mac_admin", "lxc.cap.drop = sys_time", NULL };
	const char *keep[] = { "lxc.cap.keep = chown net_raw", NULL };
	const char *none[] = { "lxc.cap.keep = none", NULL };
	const char *cleared[] = { "lxc.cap.drop = sys_module", "lxc.cap.drop = ", NULL };
	struct start_plan *p;
	int ret;

	p = build(drop, NULL, &ret);
	CHECK(p && p->cap_drop == ((1ULL << CAP_SYS_MODULE) | (1ULL << CAP_MAC_ADMIN) | (1ULL << CAP_SYS_TIME)));
	start_plan_free(p);
	p = build(keep, NULL, &ret);
	CHECK(p && p->cap_drop == (caps_all() & ~((1ULL << CAP_CHOWN) | (1ULL << CAP_NET_RAW))));
	start_plan_free(p);
	p = build(none, NULL, &ret);
	CHECK(p && p->cap_drop == caps_all());
	start_plan_free(p);
	p = build(cleared, NULL, &ret);
	CHECK(p && p->cap_drop == 0);
	start_plan_free(p);

	CHECK_INT(caps_from_name("sys_admin"), CAP_SYS_ADMIN);
	CHECK_INT(caps_from_name("CAP_NET_RAW"), CAP_NET_RAW);
	CHECK_INT(caps_from_name("7"), 7);
	CHECK_INT(caps_from_name("nope"), -EINVAL);
}

static void limits_sysctl_proc(void)
{
	const char *lines[] = {
		"lxc.prlimit.nofile = 1024:4096",
		"lxc.prlimit.core = unlimited",
		"lxc.prlimit.nofile = 2048",
		"lxc.sysctl.net.ipv4.ip_forward = 1",
		"lxc.proc.oom_score_adj = 10",
		NULL,
	};
	struct rlimit lim;
	int ret, res;
	struct start_plan *p = build(lines, NULL, &ret);
	const struct plan_op *op;
	size_t n_rlimit = 0;

	CHECK_INT(ret, 0);
	if (!p)
		return;
	for (size_t i = 0; i < p->n_ops; i++)
		if (p->ops[i].kind == OP_RLIMIT) {
			n_rlimit++;
			if (p->ops[i].value == RLIMIT_NOFILE)
				CHECK(p->ops[i].rlim.rlim_cur == 2048 && p->ops[i].rlim.rlim_max == 2048);
			if (p->ops[i].value == RLIMIT_CORE)
				CHECK(p->ops[i].rlim.rlim_cur == RLIM_INFINITY);
		}
	CHECK_INT(n_rlimit, 2); /* the later nofile replaced the first */
	op = find_op(p, OP_WRITE, "/proc/sys/net/ipv4/ip_forward", NULL);
	CHECK(op && !strcmp(op->data, "1") && !strcmp(op->origin, "t.conf:4: lxc.sysctl.net.ipv4.ip_forward"));
	op = find_op(p, OP_WRITE, "/proc/self/oom_score_adj", NULL);
	CHECK(op && !strcmp(op->data, "10"));
	start_plan_free(p);

	CHECK_INT(start_plan_parse_prlimit("stack", "8192:unlimited", &res, &lim, err, sizeof(err)), 0);
	CHECK_INT(res, RLIMIT_STACK);
	CHECK(lim.rlim_cur == 8192 && lim.rlim_max == RLIM_INFINITY);
	CHECK_INT(start_plan_parse_prlimit("bogus", "1", &res, &lim, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, "unknown resource 'bogus'");
}

static void hooks_in_order(void)
{
	const char *lines[] = {
		"lxc.rootfs.path = /",
		"lxc.hook.pre-start = /a",
		"lxc.hook.mount = /m1",
		"lxc.hook.mount = /m2",
		"lxc.hook.start = /s",
		"lxc.hook.pre-mount = /pm",
		"lxc.hook.autodev = /ad",
		"lxc.autodev = 0",
		NULL,
	};
	int ret;
	size_t i_pm = 0, i_rootfs = 0, i_m1 = 0, i_pivot = 0, i_s = 0;
	struct start_plan *p = build(lines, NULL, &ret);

	CHECK_INT(ret, 0);
	if (!p)
		return;
	CHECK_INT(p->n_hooks[HOOK_PRE_START], 1);
	CHECK_INT(p->n_hooks[HOOK_MOUNT], 2);
	for (size_t i = 0; i < p->n_ops; i++) {
		if (p->ops[i].kind != OP_HOOK)
			continue;
		if (!strcmp(p->ops[i].source, "/pm"))
			i_pm = i;
		if (!strcmp(p->ops[i].source, "/m1"))
			i_m1 = i;
		if (!strcmp(p->ops[i].source, "/s"))
			i_s = i;
		/* autodev hooks only with lxc.autodev */
		CHECK(strcmp(p->ops[i].source, "/ad"));
	}
	find_op(p, OP_ROOTFS, NULL, &i_rootfs);
	find_op(p, OP_PIVOT, NULL, &i_pivot);
	CHECK(i_pm < i_rootfs && i_rootfs < i_m1 && i_m1 < i_pivot && i_pivot < i_s);
	{
		/* hooks run in the container's cgroups: entered before the first one */
		size_t i_cg = 0;
		CHECK(find_op(p, OP_CGROUP_ENTER, NULL, &i_cg) != NULL);
		CHECK(i_cg < i_pm);
	}
	start_plan_free(p);
}

static void split_cmd(void)
{
	char **v = NULL;

	CHECK_INT(start_plan_split_cmd("  /sbin/init  --log-level=\"a b\" c\\ d ''", &v), 0);
	CHECK_STR(v[0], "/sbin/init");
	CHECK_STR(v[1], "--log-level=a b");
	CHECK_STR(v[2], "c d");
	CHECK_STR(v[3], "");
	CHECK(v[4] == NULL);
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
	CHECK_INT(start_plan_split_cmd("'x", &v), -EINVAL);
}

static void signal_names(void)
{
	char buf[32];

	CHECK_INT(signal_from_name("SIGPWR"), SIGPWR);
	CHECK_INT(signal_from_name("pwr"), SIGPWR);
	CHECK_INT(signal_from_name("9"), SIGKILL);
	CHECK_INT(signal_from_name("SIGRTMIN+3"), SIGRTMIN + 3);
	CHECK_INT(signal_from_name("RTMAX-2"), SIGRTMAX - 2);
	CHECK_INT(signal_from_name("SIGRTMIN"), SIGRTMIN);
	CHECK_INT(signal_from_name("SIGRTMIN+1000"), -EINVAL);
	CHECK_INT(signal_from_name("SIGFOO"), -EINVAL);
	CHECK_INT(signal_from_name("0"), -EINVAL);
	CHECK_INT(signal_from_name(""), -EINVAL);
	CHECK_STR(signal_to_name(SIGUSR1, buf, sizeof(buf)), "SIGUSR1");
	CHECK_STR(signal_to_name(SIGRTMIN + 2, buf, sizeof(buf)), "SIGRTMIN+2");
	CHECK_STR(signal_to_name(SIGRTMAX, buf, sizeof(buf)), "SIGRTMAX");
}

/* lxc.cgroup.* and lxc.cgroup2.* settings in order (v2 keys prefixed "2:"); an empty value
 * clears that file's settings of its own version only, "lxc.cgroup2 =" all v2 ones. */
static void cgroup_settings(void)
{
	const char *lines[] = { "lxc.rootfs.path = dir:/",
				"lxc.cgroup.memory.limit_in_bytes = 64M",
				"lxc.cgroup2.memory.max = 64M",
				"lxc.cgroup.cpu.shares = 512",
				"lxc.cgroup2.devices.allow = c 1:3 rwm",
				"lxc.cgroup.memory.limit_in_bytes =",
				"lxc.cgroup.relative = 1",
				"lxc.cgroup.dir = a/b",
				NULL };
	const char *cleared[] = { "lxc.rootfs.path = dir:/", "lxc.cgroup2.memory.max = 64M", "lxc.cgroup.cpu.shares = 1",
				  "lxc.cgroup2 =", NULL };
	const char *bad_rule[] = { "lxc.rootfs.path = dir:/", "lxc.cgroup2.devices.allow = q 1:3 rwm", NULL };
	const char *bad_file[] = { "lxc.rootfs.path = dir:/", "lxc.cgroup.memory/../x = 1", NULL };
	struct start_plan *p;
	int ret;

	p = build(lines, NULL, &ret);
	CHECK_INT(ret, 0);
	if (p) {
		CHECK_INT((int)p->n_cgroup_settings, 3);
		if (p->n_cgroup_settings == 3) {
			CHECK_STR(p->cgroup_settings[0].key, "2:memory.max");
			CHECK_STR(p->cgroup_settings[1].key, "cpu.shares");
			CHECK_STR(p->cgroup_settings[1].value, "512");
			CHECK_STR(p->cgroup_settings[1].origin, "t.conf:4: lxc.cgroup.cpu.shares");
			CHECK_STR(p->cgroup_settings[2].key, "2:devices.allow");
		}
		CHECK(p->cgroup_relative);
		CHECK_STR(p->cgroup_dir, "a/b");
		start_plan_free(p);
	}
	p = build(cleared, NULL, &ret);
	CHECK_INT(ret, 0);
	if (p) {
		CHECK_INT((int)p->n_cgroup_settings, 1);
		if (p->n_cgroup_settings == 1)
			CHECK_STR(p->cgroup_settings[0].key, "cpu.shares");
		start_plan_free(p);
	}
	p = build(bad_rule, NULL, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err, "t.conf:2: lxc.cgroup2.devices.allow: ");
	start_plan_free(p);
	p = build(bad_file, NULL, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err, "t.conf:2: lxc.cgroup.memory/../x: 'memory/../x' is not a cgroup file name");
	start_plan_free(p);
}

/* lxc.time.offset.*: a time namespace unshared by the child with the offsets written first. */
static void time_offsets(void)
{
	const char *lines[] = { "lxc.rootfs.path = dir:/", "lxc.time.offset.boot = 10s",
				"lxc.time.offset.monotonic = -500ms", NULL };
	const char *minutes[] = { "lxc.rootfs.path = dir:/", "lxc.time.offset.boot = 2h", "lxc.time.offset.boot = 3m",
				  "lxc.time.offset.monotonic = 1500us", NULL };
	const char *bad_unit[] = { "lxc.rootfs.path = dir:/", "lxc.time.offset.boot = 10 parsecs", NULL };
	const char *bad_clock[] = { "lxc.rootfs.path = dir:/", "lxc.time.offset.realtime = 1s", NULL };
	const struct plan_op *op;
	struct start_plan *p;
	int ret;

	p = build(lines, NULL, &ret);
	CHECK_INT(ret, 0);
	if (p) {
		op = find_op(p, OP_TIMENS, NULL, NULL);
		CHECK(op != NULL);
		if (op)
			CHECK_STR(op->data, "boottime 10 0\nmonotonic -1 500000000\n");
		CHECK(!(p->clone_flags & CLONE_NEWTIME)); /* the child unshares it, after the offsets */
		start_plan_free(p);
	}
	p = build(minutes, NULL, &ret);
	CHECK_INT(ret, 0);
	if (p) {
		op = find_op(p, OP_TIMENS, NULL, NULL);
		if (op) /* the last value of a clock wins */
			CHECK_STR(op->data, "boottime 180 0\nmonotonic 0 1500000\n");
		start_plan_free(p);
	}
	p = build(bad_unit, NULL, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err, "t.conf:2: lxc.time.offset.boot: '10 parsecs' is not an offset like 10s, -2h or 500ms");
	start_plan_free(p);
	p = build(bad_clock, NULL, &ret);
	CHECK_INT(ret, -EINVAL);
	CHECK_CONTAINS(err, "unknown clock 'realtime' (use boot or monotonic)");
	start_plan_free(p);
}

/* Security keys that are not enforced yet start with one warning naming them; unconfined
 * AppArmor and the allow_* switches need none. */
static void not_applied_notices(void)
{
	const char *lines[] = { "lxc.rootfs.path = dir:/", "lxc.seccomp.profile = /x", "lxc.apparmor.profile = unconfined",
				"lxc.apparmor.allow_nesting = 1", "lxc.selinux.context = a", "lxc.seccomp.profile = /y", NULL };
	char path[] = "/tmp/berth-plan-log.XXXXXX";
	int fd = mkstemp(path), saved, ret;
	struct start_plan *p;
	char text[4096] = "";
	ssize_t n;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	/* what the user sees: the warning on stderr */
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	p = build(lines, NULL, &ret);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	CHECK_INT(ret, 0);
	start_plan_free(p);
	n = read(fd, text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	CHECK_CONTAINS(text, "lxc.seccomp.profile, lxc.selinux.context: not applied: AppArmor, seccomp and SELinux");
	CHECK(!strstr(text, "lxc.apparmor"));
	/* a key set twice is named once */
	CHECK(strstr(text, "lxc.seccomp.profile") && !strstr(strstr(text, "lxc.seccomp.profile") + 1, "lxc.seccomp.profile"));
}

/* The trace log's one-line form of each kind of op. */
static void op_format(void)
{
	struct plan_op mount = { .kind = OP_MOUNT, .source = "proc", .target = "proc", .fstype = "proc",
				 .flags = MS_NOSUID | MS_NODEV, .opt = MNT_OPT_CREATE_DIR };
	struct plan_op mknod = { .kind = OP_MKNOD, .target = "dev/null", .mode = 020666 };
	struct plan_op step = { .kind = OP_STEP, .value = 3 };
	struct plan_op write = { .kind = OP_WRITE, .target = "/proc/sys/net/x", .data = "1" };
	char buf[512];

	plan_op_format(&mount, buf, sizeof(buf));
	CHECK_CONTAINS(buf, "MOUNT proc proc proc ");
	CHECK_CONTAINS(buf, "nosuid");
	CHECK_CONTAINS(buf, " create=dir");
	plan_op_format(&mknod, buf, sizeof(buf));
	CHECK_STR(buf, "MKNOD dev/null 20666");
	plan_op_format(&step, buf, sizeof(buf));
	CHECK_STR(buf, "STEP 3");
	plan_op_format(&write, buf, sizeof(buf));
	CHECK_STR(buf, "WRITE /proc/sys/net/x = 1");
}

UNIT_MAIN_BEGIN
RUN(defaults);
RUN(overrides_and_settings);
RUN(namespace_names);
RUN(namespaces);
RUN(mounts_compiled);
RUN(bad_values_name_file_line);
RUN(caps_sets);
RUN(limits_sysctl_proc);
RUN(hooks_in_order);
RUN(split_cmd);
RUN(signal_names);
RUN(cgroup_settings);
RUN(time_offsets);
RUN(not_applied_notices);
RUN(op_format);
UNIT_MAIN_END
