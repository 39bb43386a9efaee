/* mount.c - mount entries and options (fstab syntax, LXC's extras, lxc.mount.auto) and mounting safely inside a rootfs; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mount.h"
#include "start_plan.h"
#include "util/cleanup.h"
#include "util/strutil.h"

static const struct {
	const char *name;
	unsigned long flag;
	bool clear;
} mount_flag_table[] = {
	{ "defaults", 0, false },
	{ "ro", MS_RDONLY, false },
	{ "rw", MS_RDONLY, true },
	{ "nosuid", MS_NOSUID, false },
	{ "suid", MS_NOSUID, true },
	{ "nodev", MS_NODEV, false },
	{ "dev", MS_NODEV, true },
	{ "noexec", MS_NOEXEC, false },
	{ "exec", MS_NOEXEC, true },
	{ "sync", MS_SYNCHRONOUS, false },
	{ "async", MS_SYNCHRONOUS, true },
	{ "dirsync", MS_DIRSYNC, false },
	{ "remount", MS_REMOUNT, false },
	{ "mand", MS_MANDLOCK, false },
	{ "nomand", MS_MANDLOCK, true },
	{ "noatime", MS_NOATIME, false },
	{ "atime", MS_NOATIME, true },
	{ "nodiratime", MS_NODIRATIME, false },
	{ "diratime", MS_NODIRATIME, true },
	{ "bind", MS_BIND, false },
	{ "rbind", MS_BIND | MS_REC, false },
	{ "relatime", MS_RELATIME, false },
	{ "norelatime", MS_RELATIME, true },
	{ "strictatime", MS_STRICTATIME, false },
	{ "nostrictatime", MS_STRICTATIME, true },
	{ "lazytime", MS_LAZYTIME, false },
	{ "nolazytime", MS_LAZYTIME, true },
	{ "silent", MS_SILENT, false },
	{ "loud", MS_SILENT, true },
	{ "iversion", MS_I_VERSION, false },
	{ "noiversion", MS_I_VERSION, true },
	/* mount(8)-only words that mean nothing to the kernel. */
	{ "auto", 0, false },
	{ "noauto", 0, false },
	{ "user", 0, false },
	{ "nouser", 0, false },
	{ "users", 0, false },
	{ "nofail", 0, false },
	{ "_netdev", 0, false },
};

static const struct {
	const char *name;
	unsigned long flag;
} propagation_table[] = {
	{ "shared", MS_SHARED },
	{ "rshared", MS_SHARED | MS_REC },
	{ "slave", MS_SLAVE },
	{ "rslave", MS_SLAVE | MS_REC },
	{ "private", MS_PRIVATE },
	{ "rprivate", MS_PRIVATE | MS_REC },
	{ "unbindable", MS_UNBINDABLE },
	{ "runbindable", MS_UNBINDABLE | MS_REC },
};

static int data_append(char **data, const char *tok)
{
	char *n;

	if (!*data) {
		*data = strdup(tok);
		return *data ? 0 : -ENOMEM;
	}
	n = str_printf("%s,%s", *data, tok);
	if (!n)
		return -ENOMEM;
	free(*data);
	*data = n;
	return 0;
}

int mount_parse_options(const char *options, struct mount_opts *out, char *err, size_t errlen)
{
	__do_free char *copy = NULL;
	char *save = NULL;

	memset(out, 0, sizeof(*out));
	if (!options || !*options)
		return 0;
	copy = strdup(options);
	if (!copy)
		return -ENOMEM;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool known = false;

		if (!*tok)
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(mount_flag_table); i++) {
			if (strcmp(tok, mount_flag_table[i].name))
				continue;
			if (mount_flag_table[i].clear)
				out->flags &= ~mount_flag_table[i].flag;
			else
				out->flags |= mount_flag_table[i].flag;
			known = true;
			break;
		}
		for (size_t i = 0; !known && i < ARRAY_SIZE(propagation_table); i++) {
			if (strcmp(tok, propagation_table[i].name))
				continue;
			out->propagation = propagation_table[i].flag;
			known = true;
		}
		if (known)
			continue;
		if (!strcmp(tok, "optional")) {
			out->opt |= MNT_OPT_OPTIONAL;
		} else if (!strcmp(tok, "create=dir")) {
			out->opt |= MNT_OPT_CREATE_DIR;
		} else if (!strcmp(tok, "create=file")) {
			out->opt |= MNT_OPT_CREATE_FILE;
		} else if (!strncmp(tok, "create=", 7)) {
			snprintf(err, errlen, "unknown option '%s' (use create=dir or create=file)", tok);
			free(out->data);
			out->data = NULL;
			return -EINVAL;
		} else if (!strcmp(tok, "relative")) {
			out->opt |= MNT_OPT_RELATIVE;
		} else if (!strncmp(tok, "idmap=", 6)) {
			snprintf(err, errlen, "'%s': idmapped mounts come with user namespace support, which berth does not have yet (remove the option)", tok);
			free(out->data);
			out->data = NULL;
			return -EINVAL;
		} else {
			/* Filesystem-specific (size=, mode=, uid=, ...): the kernel judges them. */
			if (data_append(&out->data, tok) < 0) {
				free(out->data);
				out->data = NULL;
				return -ENOMEM;
			}
		}
	}
	if ((out->flags & MS_BIND) &&
	    (out->flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)))
		out->opt |= MNT_OPT_REMOUNT;
	return 0;
}

void mount_entry_free(struct mount_entry *e)
{
	if (!e)
		return;
	free(e->source);
	free(e->target);
	free(e->fstype);
	free(e->options);
	memset(e, 0, sizeof(*e));
}

int mount_parse_entry(const char *line, struct mount_entry *out, char *err, size_t errlen)
{
	__do_free char *copy = strdup(line ? line : "");
	char *fields[6] = { 0 };
	int n = 0;
	char *p, *save = NULL;

	memset(out, 0, sizeof(*out));
	if (!copy)
		return -ENOMEM;
	p = copy;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == '#')
		return 1;
	for (char *tok = strtok_r(p, " \t\r\n", &save); tok && n < 6; tok = strtok_r(NULL, " \t\r\n", &save))
		fields[n++] = tok;
	if (n < 3) {
		snprintf(err, errlen, "'%s' is not a mount entry (expected: SOURCE TARGET TYPE [OPTIONS [DUMP PASS]])", line);
		return -EINVAL;
	}
	for (int i = 0; i < 4 && i < n; i++)
		str_unescape_octal(fields[i]);
	out->source = strdup(fields[0]);
	out->target = strdup(fields[1]);
	out->fstype = strdup(fields[2]);
	out->options = strdup(n > 3 ? fields[3] : "defaults");
	if (!out->source || !out->target || !out->fstype || !out->options) {
		mount_entry_free(out);
		return -ENOMEM;
	}
	return 0;
}

int mount_parse_auto(const char *value, unsigned *bits, char *err, size_t errlen)
{
	static const struct {
		const char *word;
		unsigned mask;
		unsigned set;
	} words[] = {
		{ "proc", AUTO_PROC_RW | AUTO_PROC_MIXED, AUTO_PROC_MIXED },
		{ "proc:mixed", AUTO_PROC_RW | AUTO_PROC_MIXED, AUTO_PROC_MIXED },
		{ "proc:rw", AUTO_PROC_RW | AUTO_PROC_MIXED, AUTO_PROC_RW },
		{ "sys", AUTO_SYS_RW | AUTO_SYS_RO | AUTO_SYS_MIXED, AUTO_SYS_MIXED },
		{ "sys:mixed", AUTO_SYS_RW | AUTO_SYS_RO | AUTO_SYS_MIXED, AUTO_SYS_MIXED },
		{ "sys:ro", AUTO_SYS_RW | AUTO_SYS_RO | AUTO_SYS_MIXED, AUTO_SYS_RO },
		{ "sys:rw", AUTO_SYS_RW | AUTO_SYS_RO | AUTO_SYS_MIXED, AUTO_SYS_RW },
	};
	__do_free char *copy = NULL;
	char *save = NULL;

	if (!value)
		return 0;
	copy = strdup(value);
	if (!copy)
		return -ENOMEM;
	for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		bool done = false;

		for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
			if (strcmp(w, words[i].word))
				continue;
			*bits = (*bits & ~words[i].mask) | words[i].set;
			done = true;
		}
		if (done)
			continue;
		if (!strncmp(w, "cgroup", 6) && (w[6] == '\0' || w[6] == ':' || !strncmp(w + 6, "-full", 5))) {
			const unsigned cg_mask = AUTO_CGROUP_RW | AUTO_CGROUP_RO | AUTO_CGROUP_MIXED | AUTO_CGROUP_FULL |
						 AUTO_CGROUP_FORCE | AUTO_CGROUP_NOSPEC;
			unsigned set = 0;
			const char *rest = w + 6;
			__do_free char *mods = NULL;
			char *msave = NULL;

			if (!strncmp(rest, "-full", 5)) {
				set |= AUTO_CGROUP_FULL;
				rest += 5;
			}
			if (*rest && *rest != ':')
				goto bad;
			mods = strdup(*rest ? rest + 1 : "");
			if (!mods)
				return -ENOMEM;
			for (char *m = strtok_r(mods, ":", &msave); m; m = strtok_r(NULL, ":", &msave)) {
				if (!strcmp(m, "mixed") && !(set & (AUTO_CGROUP_RO | AUTO_CGROUP_RW | AUTO_CGROUP_MIXED)))
					set |= AUTO_CGROUP_MIXED;
				else if (!strcmp(m, "ro") && !(set & (AUTO_CGROUP_RO | AUTO_CGROUP_RW | AUTO_CGROUP_MIXED)))
					set |= AUTO_CGROUP_RO;
				else if (!strcmp(m, "rw") && !(set & (AUTO_CGROUP_RO | AUTO_CGROUP_RW | AUTO_CGROUP_MIXED)))
					set |= AUTO_CGROUP_RW;
				else if (!strcmp(m, "force") && !(set & AUTO_CGROUP_FORCE))
					set |= AUTO_CGROUP_FORCE;
				else
					goto bad;
			}
			if (!(set & (AUTO_CGROUP_RO | AUTO_CGROUP_RW | AUTO_CGROUP_MIXED)))
				set |= AUTO_CGROUP_NOSPEC;
			*bits = (*bits & ~cg_mask) | set;
			continue;
		}
		/* No bit: the plan builder reads (and checks) shmounts words itself. */
		if (!strncmp(w, "shmounts", 8) && (w[8] == ':' || !w[8]))
			continue;
bad:
		snprintf(err, errlen,
			 "unknown value '%s' (use proc[:mixed|:rw], sys[:mixed|:ro|:rw], cgroup[-full][:mixed|:ro|:rw][:force], shmounts:HOSTPATH[:CONTAINERPATH])",
			 w);
		return -EINVAL;
	}
	return 0;
}

/* ---- resolving inside a root ---- */

/*
 * The walk for kernels without openat2: one component at a time with
 * O_NOFOLLOW, symlinks expanded by hand (absolute ones from root), ".." never
 * above root.
 */
static int open_in_root_walk(int root, const char *rel, int flags)
{
	char buf[2 * 4096];
	__do_close int cur = -EBADF;
	struct stat rootst, st;
	int links = 0;
	char *p;

	if (strlen(rel) >= sizeof(buf))
		return -ENAMETOOLONG;
	strcpy(buf, rel);
	if (fstat(root, &rootst) < 0)
		return -errno;
	cur = fcntl(root, F_DUPFD_CLOEXEC, 3);
	if (cur < 0)
		return -errno;

	p = buf;
	for (;;) {
		char *comp, *rest;
		int fd;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		comp = p;
		rest = strchr(p, '/');
		if (rest)
			*rest++ = '\0';
		else
			rest = p + strlen(p);
		p = rest;

		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			struct stat cs;
			if (fstat(cur, &cs) == 0 && cs.st_dev == rootst.st_dev && cs.st_ino == rootst.st_ino)
				continue;
		}
		fd = openat(cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (fstat(fd, &st) < 0) {
			int e = -errno;
			close(fd);
			return e;
		}
		if (S_ISLNK(st.st_mode)) {
			char target[4096], next[2 * 4096];
			ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);

			close(fd);
			if (n < 0)
				return -errno;
			target[n] = '\0';
			if (++links > 40)
				return -ELOOP;
			if ((size_t)snprintf(next, sizeof(next), "%s/%s", target, rest) >= sizeof(next))
				return -ENAMETOOLONG;
			strcpy(buf, next);
			p = buf;
			if (target[0] == '/') {
				close(cur);
				cur = fcntl(root, F_DUPFD_CLOEXEC, 3);
				if (cur < 0)
					return -errno;
			}
			/* A relative link resolves from the directory holding it: cur. */
			continue;
		}
		if (*p && !S_ISDIR(st.st_mode)) {
			close(fd);
			return -ENOTDIR;
		}
		close(cur);
		cur = fd;
	}

	if ((flags & O_DIRECTORY) && (fstat(cur, &st) < 0 || !S_ISDIR(st.st_mode)))
		return -ENOTDIR;
	if (flags & O_PATH)
		return move_fd(cur);
	{
		char self[64];
		int fd;
		snprintf(self, sizeof(self), "/proc/self/fd/%d", cur);
		fd = open(self, flags | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
}

/* Exposed for the unit tests, which check the walk on any kernel. */
int mount_open_in_root_walk(int root, const char *rel, int flags);
int mount_open_in_root_walk(int root, const char *rel, int flags)
{
	while (*rel == '/')
		rel++;
	return open_in_root_walk(root, *rel ? rel : ".", flags);
}

static bool have_openat2 = true;

int mount_open_in_root(int root, const char *rel, int flags)
{
	struct open_how how = {
		.flags = (unsigned long long)(flags | O_CLOEXEC),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd;

	while (*rel == '/')
		rel++;
	if (!*rel)
		rel = ".";
	if (have_openat2) {
		fd = (int)syscall(SYS_openat2, root, rel, &how, sizeof(how));
		if (fd >= 0)
			return fd;
		if (errno != ENOSYS)
			return -errno;
		have_openat2 = false;
	}
	return open_in_root_walk(root, rel, flags);
}

/*
 * mkdir -p inside root. A component that is a symlink is followed the way
 * the kernel would resolve it from the container's root: its target (inside
 * the rootfs) is created first, so "create=dir" through a link works and
 * still never reaches outside.
 */
static int mkdir_in_root(int root, const char *rel, mode_t mode, int depth)
{
	__do_free char *path = NULL;
	__do_close int fd = -EBADF;
	char *p;

	if (depth > 40)
		return -ELOOP;
	while (*rel == '/')
		rel++;
	fd = mount_open_in_root(root, rel, O_PATH | O_DIRECTORY);
	if (fd >= 0)
		return 0;
	if (fd != -ENOENT)
		return fd;
	path = strdup(rel);
	if (!path)
		return -ENOMEM;
	p = path;
	for (;;) {
		char *slash = strchr(p, '/');
		__do_close int parent = -EBADF;
		char *name;
		struct stat st;

		if (slash)
			*slash = '\0';
		name = strrchr(path, '/');
		if (name) {
			*name = '\0';
			parent = mount_open_in_root(root, path, O_PATH | O_DIRECTORY);
			*name = '/';
			name++;
		} else {
			parent = fcntl(root, F_DUPFD_CLOEXEC, 3);
			name = path;
		}
		if (parent < 0)
			return parent;
		if (*name && strcmp(name, ".") && strcmp(name, "..") && mkdirat(parent, name, mode) < 0) {
			if (errno != EEXIST)
				return -errno;
			if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
				char target[4096];
				__do_free char *next = NULL;
				ssize_t n = readlinkat(parent, name, target, sizeof(target) - 1);
				int ret;

				if (n < 0)
					return -errno;
				target[n] = '\0';
				/* Absolute: from the container's root; relative: from the link's directory. */
				if (target[0] == '/' || name == path)
					next = strdup(target);
				else
					next = str_printf("%.*s/%s", (int)(name - 1 - path), path, target);
				if (!next)
					return -ENOMEM;
				ret = mkdir_in_root(root, next, mode, depth + 1);
				if (ret < 0)
					return ret;
			}
		}
		if (!slash)
			break;
		*slash = '/';
		p = slash + 1;
	}
	close(fd);
	fd = mount_open_in_root(root, rel, O_PATH | O_DIRECTORY);
	return fd < 0 ? fd : 0;
}

int mount_mkdir_in_root(int root, const char *rel, mode_t mode)
{
	return mkdir_in_root(root, rel, mode, 0);
}

static int create_file_in_root(int root, const char *rel, mode_t mode, int depth)
{
	__do_free char *path = NULL;
	__do_close int parent = -EBADF;
	__do_close int fd = -EBADF;
	struct stat st;
	char *name;
	int ret;

	if (depth > 40)
		return -ELOOP;
	fd = mount_open_in_root(root, rel, O_PATH);
	if (fd >= 0)
		return 0;
	if (fd != -ENOENT)
		return fd;
	while (*rel == '/')
		rel++;
	path = strdup(rel);
	if (!path)
		return -ENOMEM;
	name = strrchr(path, '/');
	if (name) {
		*name++ = '\0';
		ret = mount_mkdir_in_root(root, path, 0755);
		if (ret < 0)
			return ret;
		parent = mount_open_in_root(root, path, O_PATH | O_DIRECTORY);
	} else {
		name = path;
		parent = fcntl(root, F_DUPFD_CLOEXEC, 3);
	}
	if (parent < 0)
		return parent;
	close(fd);
	fd = openat(parent, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd >= 0 || errno != EEXIST)
		return fd < 0 ? -errno : 0;
	/* A dangling link: create what it names, resolved from the container's root. */
	if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
		char target[4096];
		__do_free char *next = NULL;
		ssize_t n = readlinkat(parent, name, target, sizeof(target) - 1);

		if (n < 0)
			return -errno;
		target[n] = '\0';
		if (target[0] == '/' || name == path)
			next = strdup(target);
		else
			next = str_printf("%s/%s", path, target);
		if (!next)
			return -ENOMEM;
		return create_file_in_root(root, next, mode, depth + 1);
	}
	return 0;
}

int mount_create_file_in_root(int root, const char *rel, mode_t mode)
{
	return create_file_in_root(root, rel, mode, 0);
}

void mount_flags_format(unsigned long flags, char *buf, size_t len)
{
	static const struct {
		unsigned long f;
		const char *n;
	} names[] = {
		{ MS_RDONLY, "ro" },	 { MS_NOSUID, "nosuid" }, { MS_NODEV, "nodev" },   { MS_NOEXEC, "noexec" },
		{ MS_BIND, "bind" },	 { MS_REC, "rec" },	  { MS_REMOUNT, "remount" }, { MS_RELATIME, "relatime" },
		{ MS_NOATIME, "noatime" }, { MS_MOVE, "move" },	  { MS_STRICTATIME, "strictatime" },
	};
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		int n;
		if (!(flags & names[i].f))
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", names[i].n);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, len, "defaults");
}

static const char *errno_hint_target(int e)
{
	switch (e) {
	case ENOENT:
		return " (the target does not exist in the container: add create=dir or create=file to the entry)";
	case ENOTDIR:
		return " (a component of the target is not a directory)";
	case ELOOP:
		return " (too many symbolic links in the target)";
	default:
		return "";
	}
}

int mount_in_root(int root, const char *rel, const struct mount_req *req, char *err, size_t errlen)
{
	__do_close int tfd = -EBADF;
	__do_close int sfd = -EBADF;
	char tpath[64], spath[64];
	const char *source = req->source;
	unsigned long flags = req->flags;
	char shown[256];
	int ret;

	while (*rel == '/')
		rel++;
	if (req->opt & MNT_OPT_CREATE_DIR) {
		ret = mount_mkdir_in_root(root, rel, 0755);
		if (ret < 0) {
			snprintf(err, errlen, "cannot create directory /%s in the container: %s", rel, strerror(-ret));
			return ret;
		}
	} else if (req->opt & MNT_OPT_CREATE_FILE) {
		ret = mount_create_file_in_root(root, rel, 0644);
		if (ret < 0) {
			snprintf(err, errlen, "cannot create file /%s in the container: %s", rel, strerror(-ret));
			return ret;
		}
	}

	tfd = mount_open_in_root(root, rel, O_PATH);
	if (tfd < 0) {
		snprintf(err, errlen, "mount target /%s: %s%s", rel, strerror(-tfd), errno_hint_target(-tfd));
		return tfd;
	}
	snprintf(tpath, sizeof(tpath), "/proc/self/fd/%d", tfd);

	if (req->source_fd >= 0) {
		snprintf(spath, sizeof(spath), "/proc/self/fd/%d", req->source_fd);
		source = spath;
	} else if (req->opt & (MNT_OPT_RELATIVE | MNT_OPT_INROOT_SRC)) {
		sfd = mount_open_in_root(root, req->source, O_PATH);
		if (sfd < 0) {
			snprintf(err, errlen, "mount source %s (inside the container): %s", req->source, strerror(-sfd));
			return sfd;
		}
		snprintf(spath, sizeof(spath), "/proc/self/fd/%d", sfd);
		source = spath;
	}

	if (mount(source, tpath, req->fstype, flags, req->data) < 0) {
		int e = errno;
		mount_flags_format(flags, shown, sizeof(shown));
		snprintf(err, errlen, "cannot mount %s on /%s (type %s, %s%s%s): %s%s",
			 req->source ? req->source : "(fd)", rel, req->fstype ? req->fstype : "none", shown,
			 req->data ? "," : "", req->data ? req->data : "", strerror(e),
			 e == ENOENT ? " (the source does not exist: fix the entry or add 'optional')" :
			 e == ENODEV ? " (the kernel does not know this filesystem type)" : "");
		return -e;
	}

	if ((req->opt & MNT_OPT_REMOUNT) || req->propagation) {
		/* The fd still names what was under the new mount; reopen to reach the mount itself. */
		__do_close int nfd = mount_open_in_root(root, rel, O_PATH);
		char npath[64];

		if (nfd < 0) {
			snprintf(err, errlen, "cannot reopen /%s after mounting: %s", rel, strerror(-nfd));
			return nfd;
		}
		snprintf(npath, sizeof(npath), "/proc/self/fd/%d", nfd);
		if (req->opt & MNT_OPT_REMOUNT) {
			unsigned long rflags = MS_BIND | MS_REMOUNT | (flags & ~(MS_BIND | MS_REC | MS_REMOUNT));
			if (mount(NULL, npath, NULL, rflags, NULL) < 0) {
				int e = errno;
				mount_flags_format(rflags, shown, sizeof(shown));
				snprintf(err, errlen, "cannot remount /%s with %s: %s", rel, shown, strerror(e));
				return -e;
			}
		}
		if (req->propagation && mount(NULL, npath, NULL, req->propagation, NULL) < 0) {
			int e = errno;
			snprintf(err, errlen, "cannot change the propagation of /%s: %s", rel, strerror(e));
			return -e;
		}
	}
	return 0;
}
