/* start_plan_mounts.c - the start plan's ops for the file systems: lxc.mount.auto, entries and fstab, /dev, the console and ttys; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "mount.h"
#include "start_plan.h"
#include "start_plan_builder.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

int plan_set_strs(struct plan_op *op, const char *source, const char *target, const char *fstype, const char *data)
{
	if ((source && !(op->source = strdup(source))) || (target && !(op->target = strdup(target))) ||
	    (fstype && !(op->fstype = strdup(fstype))) || (data && !(op->data = strdup(data))))
		return -ENOMEM;
	return 0;
}

int plan_add_mount(struct start_plan *p, const char *origin, const char *source, const char *target, const char *fstype,
		     unsigned long flags, const char *data, unsigned opt)
{
	struct plan_op *op = plan_add_op(p, OP_MOUNT, origin);

	if (!op)
		return -ENOMEM;
	op->flags = flags;
	op->opt = opt;
	return plan_set_strs(op, source, target, fstype, data);
}

int plan_add_simple(struct start_plan *p, enum plan_op_kind kind, const char *origin, const char *source,
		      const char *target, unsigned mode, dev_t dev, int value)
{
	struct plan_op *op = plan_add_op(p, kind, origin);

	if (!op)
		return -ENOMEM;
	op->mode = mode;
	op->dev = dev;
	op->value = value;
	return plan_set_strs(op, source, target, NULL, NULL);
}

/* proc and sys as lxc.mount.auto asks, the same layout LXC gives. */
int plan_compile_auto(struct builder *b)
{
	struct start_plan *p = b->p;
	const char *o = b->auto_origin ? b->auto_origin : "lxc.mount.auto";
	const unsigned long nsd = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	int r = 0;

	if (b->auto_bits & (AUTO_PROC_RW | AUTO_PROC_MIXED))
		r |= plan_add_mount(p, o, "proc", "proc", "proc", nsd, NULL, MNT_OPT_CREATE_DIR);
	if (b->auto_bits & AUTO_PROC_MIXED) {
		/* /proc/sys read-only but its net part writable; sysrq-trigger read-only. */
		r |= plan_add_mount(p, o, "proc/sys", "proc/sys", NULL, MS_BIND | MS_RDONLY | nsd, NULL, MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT);
		r |= plan_add_mount(p, o, "proc/sys/net", "proc/sys/net", NULL, MS_BIND | nsd, NULL,
			       MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT | MNT_OPT_OPTIONAL);
		r |= plan_add_mount(p, o, "proc/sysrq-trigger", "proc/sysrq-trigger", NULL, MS_BIND | MS_RDONLY | nsd, NULL,
			       MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT | MNT_OPT_OPTIONAL);
	}
	if (b->auto_bits & AUTO_SYS_RW)
		r |= plan_add_mount(p, o, "sysfs", "sys", "sysfs", nsd, NULL, MNT_OPT_CREATE_DIR);
	else if (b->auto_bits & AUTO_SYS_RO)
		r |= plan_add_mount(p, o, "sysfs", "sys", "sysfs", nsd | MS_RDONLY, NULL, MNT_OPT_CREATE_DIR);
	else if (b->auto_bits & AUTO_SYS_MIXED) {
		r |= plan_add_mount(p, o, "sysfs", "sys", "sysfs", nsd | MS_RDONLY, NULL, MNT_OPT_CREATE_DIR);
		/* The container's own network devices stay writable. */
		r |= plan_add_mount(p, o, "sys/devices/virtual/net", "sys/devices/virtual/net", NULL, MS_BIND | nsd, NULL,
			       MNT_OPT_INROOT_SRC | MNT_OPT_REMOUNT | MNT_OPT_OPTIONAL);
	}
	return r ? -ENOMEM : 0;
}

/* One lxc.mount.entry or fstab line into a mount op. */
int plan_compile_entry(struct builder *b, const char *line, const char *origin)
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
		return ret == -EINVAL ? plan_fail(b, origin, "%s", why) : ret;
	ret = mount_parse_options(e.options, &mo, why, sizeof(why));
	if (ret < 0) {
		mount_entry_free(&e);
		return ret == -EINVAL ? plan_fail(b, origin, "%s", why) : ret;
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
		return plan_fail(b, origin, "create=dir and create=file cannot both be given");
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
	if (!op || plan_set_strs(op, source, *target == '/' ? target + 1 : target, e.fstype, mo.data) < 0) {
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

int plan_compile_fstab(struct builder *b)
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
		return plan_fail(b, b->fstab_origin, "cannot read %s: %s (fix the path or remove the key)", path, strerror(-ret));
	for (line = text; line; line = save) {
		__do_free char *origin = NULL;
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		lineno++;
		origin = str_printf("%s:%u: lxc.mount.fstab entry", path, lineno);
		if (!origin)
			return -ENOMEM;
		ret = plan_compile_entry(b, line, origin);
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

int plan_compile_autodev_mount(struct builder *b)
{
	char data[64];

	snprintf(data, sizeof(data), "size=%llu,mode=755", (unsigned long long)(b->autodev_size ? b->autodev_size : 500000));
	return plan_add_mount(b->p, "lxc.autodev", "none", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, data, MNT_OPT_CREATE_DIR);
}

int plan_compile_dev(struct builder *b)
{
	struct start_plan *p = b->p;
	int r = 0;

	if (p->autodev) {
		for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++) {
			char host[64];
			/* The host's node is bound instead where mknod is not allowed. */
			snprintf(host, sizeof(host), "/%s", dev_nodes[i].name);
			r |= plan_add_simple(p, OP_MKNOD, "lxc.autodev", host, dev_nodes[i].name, dev_nodes[i].mode,
					makedev(dev_nodes[i].major, dev_nodes[i].minor), 0);
		}
		r |= plan_add_simple(p, OP_MKDIR, "lxc.autodev", NULL, "dev/pts", 0755, 0, 0);
		r |= plan_add_simple(p, OP_MKDIR, "lxc.autodev", NULL, "dev/shm", 01777, 0, 0);
	}
	if (p->pty_max > 0) {
		char data[128];

		snprintf(data, sizeof(data), "newinstance,ptmxmode=0666,mode=0620,gid=5,max=%d", p->pty_max + p->tty_max);
		r |= plan_add_mount(p, "lxc.pty.max", "devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, data, MNT_OPT_CREATE_DIR);
		/* /dev/ptmx must be this instance's: a link to pts/ptmx (a stale node is replaced). */
		r |= plan_add_simple(p, OP_SYMLINK, "lxc.pty.max", "pts/ptmx", "dev/ptmx", 0, 0, 1);
	}
	/* LXC always adds these links; on a read-only /dev they are skipped. */
	r |= plan_add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd", "dev/fd", 0, 0, 0);
	r |= plan_add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd/0", "dev/stdin", 0, 0, 0);
	r |= plan_add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd/1", "dev/stdout", 0, 0, 0);
	r |= plan_add_simple(p, OP_SYMLINK, "/dev links", "/proc/self/fd/2", "dev/stderr", 0, 0, 0);
	return r ? -ENOMEM : 0;
}

/* A pty at dev/NAME, or with lxc.tty.dir at dev/DIR/NAME with dev/NAME linking to it. */
static int add_pty(struct start_plan *p, const char *origin, const char *name, int slot)
{
	char target[300], link[300];

	if (!p->tty_dir) {
		snprintf(target, sizeof(target), "dev/%s", name);
		return plan_add_simple(p, OP_BIND_PTY, origin, NULL, target, 0, 0, slot);
	}
	snprintf(target, sizeof(target), "dev/%s/%s", p->tty_dir, name);
	snprintf(link, sizeof(link), "%s/%s", p->tty_dir, name);
	if (plan_add_simple(p, OP_BIND_PTY, origin, NULL, target, 0, 0, slot) < 0)
		return -ENOMEM;
	snprintf(target, sizeof(target), "dev/%s", name);
	return plan_add_simple(p, OP_SYMLINK, "lxc.tty.dir", link, target, 0, 0, 1);
}

int plan_compile_console(struct builder *b)
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

