/* lxc_update_config.c - lxc-update-config: rewrite a config's legacy keys to current ones, keeping comments and order; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

static int handle(struct tool_args *args, int opt, const char *arg)
{
	const char **config = args->data;

	if (opt != 'c')
		return -1;
	*config = arg;
	return 0;
}

/* The whole file, NUL-terminated; NULL with errno set on failure. */
static char *read_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (!f)
		return NULL;
	for (;;) {
		size_t n;

		if (cap - *len < 4096) {
			char *grown = realloc(buf, cap + 65536 + 1);
			if (!grown) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = grown;
			cap += 65536;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		free(buf);
		fclose(f);
		errno = e;
		return NULL;
	}
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/* FILE.backup, with the original's mode, as LXC's script makes it (it overwrites an older one). */
static int write_backup(const char *path, const char *text, size_t len, const char *backup)
{
	struct stat st;
	int fd;

	if (stat(path, &st) < 0)
		return -errno;
	fd = open(backup, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, st.st_mode & 07777);
	if (fd < 0)
		return -errno;
	while (len > 0) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return -e;
		}
		text += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0 || close(fd) < 0)
		return -errno;
	return 0;
}

/* The next line of *pos (without '\n'), or NULL at the end. */
static const char *next_line(const char **pos, int *len)
{
	const char *start = *pos, *nl;

	if (!*start)
		return NULL;
	nl = strchr(start, '\n');
	*len = nl ? (int)(nl - start) : (int)strlen(start);
	*pos = nl ? nl + 1 : start + *len;
	return start;
}

/* Conversion keeps the number of lines (obsolete keys become comments), so a line-by-line report says it all. */
static void report_changes(const char *path, const char *before, const char *after)
{
	const char *a = before, *b = after, *la, *lb;
	int na, nb;
	unsigned lineno = 0;

	while ((la = next_line(&a, &na)) && (lb = next_line(&b, &nb))) {
		lineno++;
		if (na == nb && !memcmp(la, lb, (size_t)na))
			continue;
		printf("%s:%u: %.*s\n%*s-> %.*s\n", path, lineno, na, la, (int)strlen(path) + 2, "", nb, lb);
	}
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ 0 },
	};
	const char *path = NULL;
	struct tool_args args = {
		.progname = "lxc-update-config",
		.synopsis = "-c FILE",
		.description = "Rewrite the legacy keys of a container config (lxc.network.*, lxc.utsname, lxc.rootfs, ...)\n"
			       "to their current names, keeping comments and order. The original is kept as FILE.backup;\n"
			       "files it includes are not changed.",
		.options_help = "  -c, --config=FILE             the container config to update\n",
		.options = options,
		.shortopts = "c:",
		.handle = handle,
		.data = &path,
	};
	struct lxc_log quiet = { .prefix = "lxc-update-config", .quiet = true };
	struct lxc_log loud = { .prefix = "lxc-update-config" };
	struct berth_config_file *conf;
	char err[8192], *before, *after, *backup;
	size_t len, alen;
	int n, ret;

	/* As LXC's script: no arguments at all means "show how to use it". */
	if (argc < 2) {
		tool_print_help(&args, false);
		return EXIT_SUCCESS;
	}
	tool_args_parse(&args, argc, argv);
	if (args.nrest > 0) {
		fprintf(stderr, "lxc-update-config: unexpected argument '%s'\n", args.rest[0]);
		fprintf(stderr, "Usage: lxc-update-config -c FILE\n");
		return EXIT_FAILURE;
	}
	if (!path) {
		fprintf(stderr, "lxc-update-config: which config? Give it with -c FILE\n");
		return EXIT_FAILURE;
	}

	before = read_text(path, &len);
	if (!before) {
		fprintf(stderr, "lxc-update-config: cannot read %s: %s\n", path, strerror(errno));
		return EXIT_FAILURE;
	}

	/* The "run lxc-update-config" warning of reading a legacy file is not news here. */
	lxc_log_init(&quiet);
	conf = berth_config_file_read(path, err, sizeof(err));
	lxc_log_init(&loud);
	if (!conf) {
		fprintf(stderr, "lxc-update-config: cannot convert %s: %s\n", path, err);
		free(before);
		return EXIT_FAILURE;
	}

	n = berth_config_file_legacy_count(conf);
	if (n == 0) {
		printf("%s: no legacy keys; nothing to do\n", path);
		berth_config_file_free(conf);
		free(before);
		return EXIT_SUCCESS;
	}

	if (asprintf(&backup, "%s.backup", path) < 0) {
		fprintf(stderr, "lxc-update-config: out of memory\n");
		return EXIT_FAILURE;
	}
	ret = write_backup(path, before, len, backup);
	if (ret < 0) {
		fprintf(stderr, "lxc-update-config: cannot write the backup %s: %s (nothing was changed)\n", backup,
			strerror(-ret));
		return EXIT_FAILURE;
	}

	n = berth_config_file_convert(conf);
	if (n >= 0)
		ret = berth_config_file_write(conf, NULL);
	if (n < 0 || ret < 0) {
		fprintf(stderr, "lxc-update-config: cannot convert %s: %s (the original is in %s)\n", path,
			strerror(n < 0 ? -n : -ret), backup);
		return EXIT_FAILURE;
	}
	berth_config_file_free(conf);

	after = read_text(path, &alen);
	if (after)
		report_changes(path, before, after);
	printf("%s: %d legacy %s converted; the original is in %s\n", path, n, n == 1 ? "key" : "keys", backup);
	free(after);
	free(before);
	free(backup);
	return EXIT_SUCCESS;
}
