/* lxc_archive.c - the templates' tarball helper: extracts and creates rootfs tarballs with libarchive; SPDX-License-Identifier: LGPL-2.1-or-later */

/*
 * usage: lxc-archive extract [--exclude PATTERN]... [--no-dev] ARCHIVE DIR
 *        lxc-archive create ARCHIVE DIR
 *
 * Runs as root from a template, on tarballs that may come from anywhere, so
 * extraction is the careful half: every entry is checked before libarchive
 * sees it (no absolute paths, no ".." components, no parent directory that
 * is a symlink on disk, be it one an earlier entry made or one that was
 * there before), the same for hard-link targets, and libarchive's own
 * SECURE_* checks stay on as a second line. Extraction happens relative to
 * DIR (we chdir into it), so nothing is ever resolved from "/".
 *
 * This is a separate program so that liblxc never loads libarchive.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/cleanup.h"

#define BLOCK_SIZE (256 * 1024)

static const char *prog = "lxc-archive";

__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s extract [--exclude PATTERN]... [--no-dev] ARCHIVE DIR\n"
		"       %s create ARCHIVE DIR\n"
		"\n"
		"extract  unpack ARCHIVE (any compression) into DIR, keeping numeric owners,\n"
		"         modes, times, xattrs, ACLs, devices, hard links and holes; refuses\n"
		"         entries that would land outside DIR\n"
		"         --exclude PATTERN  skip entries matching PATTERN (anchored, as tar's\n"
		"                            --anchored --exclude; a leading ./ or / is ignored)\n"
		"         --no-dev           skip everything below dev/\n"
		"create   write DIR into ARCHIVE atomically (temporary file, then rename);\n"
		"         compression from the name: .tar .tar.gz .tgz .tar.xz .txz .tar.zst\n"
		"         .tar.bz2\n",
		prog, prog);
}

/* "./a/./b" -> "a/b", "/x" stays absolute so the check below can name it. */
static char *normalize(const char *path)
{
	char *out = malloc(strlen(path) + 1), *o = out;
	const char *p = path;

	if (!out)
		return NULL;
	if (*p == '/')
		*o++ = *p++;
	while (*p) {
		const char *end = strchrnul(p, '/');
		size_t len = end - p;

		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* skip empty and "." components */
		} else {
			if (o > out && o[-1] != '/')
				*o++ = '/';
			memcpy(o, p, len);
			o += len;
		}
		p = *end ? end + 1 : end;
	}
	*o = '\0';
	return out;
}

/* Why PATH (normalized) may not be written, or NULL when it may. */
static const char *unsafe_reason(const char *path)
{
	const char *p = path;

	if (*path == '/')
		return "it is an absolute path";
	while (*p) {
		const char *end = strchrnul(p, '/');

		if (end - p == 2 && p[0] == '.' && p[1] == '.')
			return "it has a '..' component";
		p = *end ? end + 1 : end;
	}
	return NULL;
}

/*
 * The first parent directory of PATH (relative to the cwd, which is the
 * target) that is a symlink on disk, copied to BAD; 0 if none. A missing
 * component ends the walk: libarchive creates the rest as real directories.
 */
static int symlink_parent(const char *path, char *bad, size_t badlen)
{
	char buf[PATH_MAX];
	const char *slash = path;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	while ((slash = strchr(slash, '/'))) {
		struct stat st;
		size_t len = slash - path;

		memcpy(buf, path, len);
		buf[len] = '\0';
		slash++;
		if (fstatat(AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				return 0;
			return -errno;
		}
		if (S_ISLNK(st.st_mode)) {
			snprintf(bad, badlen, "%s", buf);
			return 1;
		}
	}
	return 0;
}

/* tar's --anchored --exclude: PATTERN against the path or any leading directory of it. */
static bool excluded(const char *path, char **patterns, size_t n)
{
	char buf[PATH_MAX];

	if (!*path || strlen(path) >= sizeof(buf))
		return false;
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "%s", path);
		for (;;) {
			char *slash;

			if (fnmatch(patterns[i], buf, 0) == 0)
				return true;
			slash = strrchr(buf, '/');
			if (!slash)
				break;
			*slash = '\0';
		}
	}
	return false;
}

struct extract_opts {
	char **excludes;
	size_t n_excludes;
};

/*
 * Checks and rewrites one entry's names. Returns 1 to skip it, 0 to write
 * it, or prints the refusal and returns -1.
 */
static int vet_entry(struct archive_entry *entry, const struct extract_opts *o, const char *archive)
{
	__do_free char *path = NULL, *link = NULL;
	const char *name = archive_entry_pathname(entry);
	const char *hardlink = archive_entry_hardlink(entry);
	const char *why;
	char bad[PATH_MAX];
	int r;

	if (!name)
		return fail("%s: an entry has no name (or one not valid in this locale)", archive), -1;
	path = normalize(name);
	if (!path)
		return fail("out of memory"), -1;
	why = unsafe_reason(path);
	if (why)
		return fail("%s: refusing entry '%s': %s, so it would land outside the target", archive, name, why), -1;
	if (excluded(path, o->excludes, o->n_excludes))
		return 1;
	r = symlink_parent(path, bad, sizeof(bad));
	if (r < 0)
		return fail("%s: entry '%s': cannot inspect its parents: %s", archive, name, strerror(-r)), -1;
	if (r > 0)
		return fail("%s: refusing entry '%s': its parent '%s' is a symlink, so it could land outside the target",
			    archive, name, bad), -1;

	if (hardlink) {
		link = normalize(hardlink);
		if (!link)
			return fail("out of memory"), -1;
		why = unsafe_reason(link);
		if (why || !*link)
			return fail("%s: refusing hard link '%s' to '%s': %s, so it points outside the target", archive,
				    name, hardlink, why ? why : "the target is empty"), -1;
		r = symlink_parent(link, bad, sizeof(bad));
		if (r < 0)
			return fail("%s: hard link '%s': cannot inspect '%s': %s", archive, name, hardlink,
				    strerror(-r)), -1;
		if (r > 0)
			return fail("%s: refusing hard link '%s' to '%s': its parent '%s' is a symlink", archive, name,
				    hardlink, bad), -1;
		if (excluded(link, o->excludes, o->n_excludes))
			return 1; /* its target was skipped, so is the link */
		/* pax allows data on a hard link; written through a link to a symlink, it would leave the target. */
		if (archive_entry_size(entry) > 0) {
			struct stat st;

			if (fstatat(AT_FDCWD, link, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
				return fail("%s: refusing hard link '%s' to the symlink '%s': it carries data that would be written through the symlink",
					    archive, name, hardlink), -1;
		}
		archive_entry_set_hardlink(entry, link);
	}

	/* As GNU tar: a directory entry replaces a symlink of the same name rather than following it. */
	if (*path && archive_entry_filetype(entry) == AE_IFDIR) {
		struct stat st;

		if (fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) &&
		    unlinkat(AT_FDCWD, path, 0) < 0)
			return fail("%s: entry '%s': cannot replace the symlink there: %s", archive, name,
				    strerror(errno)), -1;
	}
	archive_entry_set_pathname(entry, *path ? path : ".");
	return 0;
}

static int copy_data(struct archive *in, struct archive *out, const char *archive, const char *name)
{
	for (;;) {
		const void *buf;
		size_t size;
		la_int64_t offset;
		int r = archive_read_data_block(in, &buf, &size, &offset);

		if (r == ARCHIVE_EOF)
			return 0;
		if (r < ARCHIVE_WARN)
			return fail("%s: reading '%s': %s", archive, name, archive_error_string(in));
		if (archive_write_data_block(out, buf, size, offset) < ARCHIVE_WARN)
			return fail("%s: writing '%s': %s", archive, name, archive_error_string(out));
	}
}

static int do_extract(const char *archive, const char *dir, const struct extract_opts *o)
{
	struct archive *in, *out;
	struct archive_entry *entry;
	__do_close int afd = -EBADF;
	int flags = ARCHIVE_EXTRACT_OWNER | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_ACL |
		    ARCHIVE_EXTRACT_XATTR | ARCHIVE_EXTRACT_UNLINK | ARCHIVE_EXTRACT_SECURE_SYMLINKS |
		    ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS;
	int ret = 1;

	afd = open(archive, O_RDONLY | O_CLOEXEC);
	if (afd < 0)
		return fail("cannot open %s: %s", archive, strerror(errno));
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return fail("cannot create %s: %s", dir, strerror(errno));
	if (chdir(dir) < 0)
		return fail("cannot enter %s: %s", dir, strerror(errno));
	umask(0);

	in = archive_read_new();
	out = archive_write_disk_new();
	if (!in || !out)
		return fail("out of memory");
	archive_read_support_filter_all(in);
	archive_read_support_format_all(in);
	/* No user/group lookup: owners stay the archive's numbers, never the host's names. */
	archive_write_disk_set_options(out, flags);

	if (archive_read_open_fd(in, afd, BLOCK_SIZE) != ARCHIVE_OK) {
		fail("%s: %s", archive, archive_error_string(in));
		goto out;
	}
	for (;;) {
		int r = archive_read_next_header(in, &entry);
		__do_free char *name = NULL;

		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_WARN)
			fprintf(stderr, "%s: warning: %s: %s\n", prog, archive, archive_error_string(in));
		else if (r != ARCHIVE_OK) {
			fail("%s: %s", archive, archive_error_string(in));
			goto out;
		}
		name = strdup(archive_entry_pathname(entry) ?: "");
		if (!name) {
			fail("out of memory");
			goto out;
		}
		r = vet_entry(entry, o, archive);
		if (r < 0)
			goto out;
		if (r > 0)
			continue;

		r = archive_write_header(out, entry);
		if (r < ARCHIVE_WARN) {
			fail("%s: cannot extract '%s' into %s: %s", archive, name, dir, archive_error_string(out));
			goto out;
		}
		if (r == ARCHIVE_WARN)
			fprintf(stderr, "%s: warning: %s: '%s': %s\n", prog, archive, name, archive_error_string(out));
		if (archive_entry_size(entry) > 0 && copy_data(in, out, archive, name))
			goto out;
		r = archive_write_finish_entry(out);
		if (r < ARCHIVE_WARN) {
			fail("%s: cannot finish '%s' in %s: %s", archive, name, dir, archive_error_string(out));
			goto out;
		}
		if (r == ARCHIVE_WARN)
			fprintf(stderr, "%s: warning: %s: '%s': %s\n", prog, archive, name, archive_error_string(out));
	}
	/* Directory modes and times are set here, after their contents were written. */
	if (archive_write_close(out) < ARCHIVE_WARN) {
		fail("%s: finishing %s: %s", archive, dir, archive_error_string(out));
		goto out;
	}
	ret = 0;
out:
	archive_read_free(in);
	archive_write_free(out);
	return ret;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls > lx && strcmp(s + ls - lx, suffix) == 0;
}

static int set_filter(struct archive *a, const char *name)
{
	if (has_suffix(name, ".tar"))
		return archive_write_add_filter_none(a);
	if (has_suffix(name, ".tar.gz") || has_suffix(name, ".tgz"))
		return archive_write_add_filter_gzip(a);
	if (has_suffix(name, ".tar.xz") || has_suffix(name, ".txz"))
		return archive_write_add_filter_xz(a);
	if (has_suffix(name, ".tar.zst") || has_suffix(name, ".tzst"))
		return archive_write_add_filter_zstd(a);
	if (has_suffix(name, ".tar.bz2") || has_suffix(name, ".tbz2"))
		return archive_write_add_filter_bzip2(a);
	return ARCHIVE_FATAL - 1;
}

/* Data of one regular file; holes are passed as zeros, which the pax writer drops again. */
static int copy_file(struct archive *disk, struct archive *out, struct archive_entry *entry, const char *archive)
{
	static char zeros[BLOCK_SIZE];
	la_int64_t progress = 0, size = archive_entry_size(entry);
	const char *name = archive_entry_pathname(entry);

	for (;;) {
		const void *buf;
		size_t len;
		la_int64_t offset;
		int r = archive_read_data_block(disk, &buf, &len, &offset);

		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN)
			return fail("reading %s: %s", name, archive_error_string(disk));
		while (progress < offset) {
			la_int64_t n = offset - progress > BLOCK_SIZE ? BLOCK_SIZE : offset - progress;
			la_ssize_t w = archive_write_data(out, zeros, n);

			if (w < 0)
				return fail("%s: writing %s: %s", archive, name, archive_error_string(out));
			progress += n;
		}
		if (archive_write_data(out, buf, len) < 0)
			return fail("%s: writing %s: %s", archive, name, archive_error_string(out));
		progress += len;
	}
	while (progress < size) {
		la_int64_t n = size - progress > BLOCK_SIZE ? BLOCK_SIZE : size - progress;

		if (archive_write_data(out, zeros, n) < 0)
			return fail("%s: writing %s: %s", archive, name, archive_error_string(out));
		progress += n;
	}
	return 0;
}

static int write_tree(struct archive *disk, struct archive *out, const char *archive, const char *dir,
		      const struct stat *self)
{
	struct archive_entry_linkresolver *resolver = archive_entry_linkresolver_new();
	int ret = 1;

	if (!resolver)
		return fail("out of memory");
	archive_entry_linkresolver_set_strategy(resolver, archive_format(out));
	for (;;) {
		struct archive_entry *entry = archive_entry_new(), *spare = NULL;
		int r;

		if (!entry) {
			fail("out of memory");
			goto out;
		}
		r = archive_read_next_header2(disk, entry);
		if (r == ARCHIVE_EOF) {
			archive_entry_free(entry);
			break;
		}
		if (r == ARCHIVE_WARN)
			fprintf(stderr, "%s: warning: %s: %s\n", prog, dir, archive_error_string(disk));
		else if (r != ARCHIVE_OK) {
			fail("reading %s: %s", dir, archive_error_string(disk));
			archive_entry_free(entry);
			goto out;
		}
		archive_read_disk_descend(disk);
		/* The temporary archive itself, when it is being written inside DIR. */
		if (archive_entry_dev(entry) == self->st_dev && (ino_t)archive_entry_ino64(entry) == self->st_ino) {
			archive_entry_free(entry);
			continue;
		}
		archive_entry_linkify(resolver, &entry, &spare);
		if (entry) {
			const char *name = archive_entry_pathname(entry);

			r = archive_write_header(out, entry);
			if (r < ARCHIVE_WARN) {
				fail("%s: cannot add %s: %s", archive, name, archive_error_string(out));
				archive_entry_free(entry);
				goto out;
			}
			if (r == ARCHIVE_WARN)
				fprintf(stderr, "%s: warning: %s: %s\n", prog, name, archive_error_string(out));
			if (archive_entry_filetype(entry) == AE_IFREG && archive_entry_size(entry) > 0 &&
			    copy_file(disk, out, entry, archive)) {
				archive_entry_free(entry);
				goto out;
			}
			archive_entry_free(entry);
		}
		/* Tar's strategy never defers an entry; free whatever the resolver hands back. */
		archive_entry_free(spare);
	}
	ret = 0;
out:
	archive_entry_linkresolver_free(resolver);
	return ret;
}

static int do_create(const char *archive, const char *dir)
{
	__do_free char *dcopy = strdup(archive), *bcopy = strdup(archive), *tmp = NULL;
	__do_close int dfd = -EBADF, ofd = -EBADF;
	struct archive *disk = NULL, *out = NULL;
	struct stat self;
	const char *base;
	int ret = 1;

	if (!dcopy || !bcopy)
		return fail("out of memory");
	base = basename(bcopy);
	dfd = open(dirname(dcopy), O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return fail("cannot open the directory of %s: %s", archive, strerror(errno));
	if (asprintf(&tmp, ".%s.tmp.%d", base, (int)getpid()) < 0) {
		tmp = NULL;
		return fail("out of memory");
	}
	out = archive_write_new();
	if (!out)
		return fail("out of memory");
	archive_write_set_format_pax_restricted(out);
	/* SCHILY.xattr.* is what GNU tar --xattrs reads too; libarchive's own name only adds noise there. */
	archive_write_set_format_option(out, "pax", "xattrheader", "SCHILY");
	/* Names are stored as the bytes they are: no locale conversion, so none can fail. */
	archive_write_set_format_option(out, "pax", "hdrcharset", "BINARY");
	if (set_filter(out, archive) != ARCHIVE_OK) {
		archive_write_free(out);
		return fail("%s: cannot tell the compression from the name (use .tar, .tar.gz, .tar.xz, .tar.zst or .tar.bz2)%s%s",
			    archive, archive_errno(out) ? ": " : "", archive_errno(out) ? archive_error_string(out) : "");
	}

	ofd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (ofd < 0) {
		archive_write_free(out);
		return fail("cannot create %s: %s", archive, strerror(errno));
	}
	if (fstat(ofd, &self) < 0 || chdir(dir) < 0) {
		fail("cannot enter %s: %s", dir, strerror(errno));
		goto out;
	}
	if (archive_write_open_fd(out, ofd) != ARCHIVE_OK) {
		fail("%s: %s", archive, archive_error_string(out));
		goto out;
	}
	disk = archive_read_disk_new();
	if (!disk) {
		fail("out of memory");
		goto out;
	}
	/* Numeric owners only (no lookup), symlinks stored not followed, one file system. */
	archive_read_disk_set_symlink_physical(disk);
	archive_read_disk_set_behavior(disk, ARCHIVE_READDISK_NO_TRAVERSE_MOUNTS | ARCHIVE_READDISK_NO_FFLAGS);
	if (archive_read_disk_open(disk, ".") != ARCHIVE_OK) {
		fail("cannot read %s: %s", dir, archive_error_string(disk));
		goto out;
	}
	if (write_tree(disk, out, archive, dir, &self))
		goto out;
	if (archive_write_close(out) != ARCHIVE_OK) {
		fail("%s: %s", archive, archive_error_string(out));
		goto out;
	}
	if (fsync(ofd) < 0 || fchmod(ofd, 0644) < 0) {
		fail("%s: %s", archive, strerror(errno));
		goto out;
	}
	if (renameat(dfd, tmp, dfd, base) < 0) {
		fail("cannot rename the temporary file to %s: %s", archive, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	if (ret)
		unlinkat(dfd, tmp, 0);
	if (disk)
		archive_read_free(disk);
	archive_write_free(out);
	return ret;
}

/* Metadata files write "./dev/null" or "/dev/null"; entries are matched without the prefix. */
static void add_exclude(struct extract_opts *o, char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (*p == '/')
		p++;
	if (*p)
		o->excludes[o->n_excludes++] = p;
}

int main(int argc, char *argv[])
{
	struct extract_opts o = { 0 };
	__do_free char **excludes = NULL;
	int i;

	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s (berth %s)\n", prog, PACKAGE_VERSION);
		return 0;
	}

	if (strcmp(argv[1], "create") == 0) {
		if (argc != 4)
			return fail("create needs ARCHIVE and DIR (see --help)");
		return do_create(argv[2], argv[3]);
	}
	if (strcmp(argv[1], "extract") != 0)
		return fail("unknown command '%s' (use extract or create; see --help)", argv[1]);

	excludes = calloc(argc, sizeof(*excludes));
	if (!excludes)
		return fail("out of memory");
	o.excludes = excludes;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--no-dev") == 0) {
			excludes[o.n_excludes++] = "dev/*";
		} else if (strcmp(argv[i], "--exclude") == 0 && i + 1 < argc) {
			add_exclude(&o, argv[++i]);
		} else if (strncmp(argv[i], "--exclude=", 10) == 0) {
			add_exclude(&o, argv[i] + 10);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return fail("extract: unknown option '%s' (see --help)", argv[i]);
		} else {
			break;
		}
	}
	if (argc - i != 2)
		return fail("extract needs ARCHIVE and DIR (see --help)");
	return do_extract(argv[i], argv[i + 1], &o);
}
