/* test-container-abi.c - binary compatibility of the public headers with liblxc 5.0's: member offsets, sizes, types, constants; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/lxccontainer.h>

#include "unit.h"

/*
 * One list of every member, function and constant of the interface, with its
 * type. The test checks the types against berth's headers at compile time and
 * prints offsets, sizes and values; then it compiles the same list against
 * LXC's installed headers (liblxc-dev: /usr/include/lxc) into a small program
 * that checks the same types and prints the same lines. Equal output means
 * equal layouts; both compiling means the types are the same.
 */

#define CONTAINER_MEMBERS(M)                                                                                   \
	M(struct lxc_container, name, char *)                                                                  \
	M(struct lxc_container, configfile, char *)                                                            \
	M(struct lxc_container, pidfile, char *)                                                               \
	M(struct lxc_container, slock, struct lxc_lock *)                                                      \
	M(struct lxc_container, privlock, struct lxc_lock *)                                                   \
	M(struct lxc_container, numthreads, int)                                                               \
	M(struct lxc_container, lxc_conf, struct lxc_conf *)                                                   \
	M(struct lxc_container, error_string, char *)                                                          \
	M(struct lxc_container, error_num, int)                                                                \
	M(struct lxc_container, daemonize, bool)                                                               \
	M(struct lxc_container, config_path, char *)                                                           \
	M(struct lxc_container, is_defined, bool (*)(struct lxc_container *))                                  \
	M(struct lxc_container, state, const char *(*)(struct lxc_container *))                                \
	M(struct lxc_container, is_running, bool (*)(struct lxc_container *))                                  \
	M(struct lxc_container, freeze, bool (*)(struct lxc_container *))                                      \
	M(struct lxc_container, unfreeze, bool (*)(struct lxc_container *))                                    \
	M(struct lxc_container, init_pid, pid_t (*)(struct lxc_container *))                                   \
	M(struct lxc_container, load_config, bool (*)(struct lxc_container *, const char *))                   \
	M(struct lxc_container, start, bool (*)(struct lxc_container *, int, char *const[]))                   \
	M(struct lxc_container, startl, bool (*)(struct lxc_container *, int, ...))                            \
	M(struct lxc_container, stop, bool (*)(struct lxc_container *))                                        \
	M(struct lxc_container, want_daemonize, bool (*)(struct lxc_container *, bool))                        \
	M(struct lxc_container, want_close_all_fds, bool (*)(struct lxc_container *, bool))                    \
	M(struct lxc_container, config_file_name, char *(*)(struct lxc_container *))                           \
	M(struct lxc_container, wait, bool (*)(struct lxc_container *, const char *, int))                     \
	M(struct lxc_container, set_config_item, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, destroy, bool (*)(struct lxc_container *))                                     \
	M(struct lxc_container, save_config, bool (*)(struct lxc_container *, const char *))                   \
	M(struct lxc_container, create,                                                                        \
	  bool (*)(struct lxc_container *, const char *, const char *, struct bdev_specs *, int, char *const[])) \
	M(struct lxc_container, createl,                                                                       \
	  bool (*)(struct lxc_container *, const char *, const char *, struct bdev_specs *, int, ...))          \
	M(struct lxc_container, rename, bool (*)(struct lxc_container *, const char *))                        \
	M(struct lxc_container, reboot, bool (*)(struct lxc_container *))                                      \
	M(struct lxc_container, shutdown, bool (*)(struct lxc_container *, int))                               \
	M(struct lxc_container, clear_config, void (*)(struct lxc_container *))                                \
	M(struct lxc_container, clear_config_item, bool (*)(struct lxc_container *, const char *))             \
	M(struct lxc_container, get_config_item, int (*)(struct lxc_container *, const char *, char *, int))   \
	M(struct lxc_container, get_running_config_item, char *(*)(struct lxc_container *, const char *))      \
	M(struct lxc_container, get_keys, int (*)(struct lxc_container *, const char *, char *, int))          \
	M(struct lxc_container, get_interfaces, char **(*)(struct lxc_container *))                            \
	M(struct lxc_container, get_ips, char **(*)(struct lxc_container *, const char *, const char *, int))  \
	M(struct lxc_container, get_cgroup_item, int (*)(struct lxc_container *, const char *, char *, int))   \
	M(struct lxc_container, set_cgroup_item, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, get_config_path, const char *(*)(struct lxc_container *))                      \
	M(struct lxc_container, set_config_path, bool (*)(struct lxc_container *, const char *))               \
	M(struct lxc_container, clone,                                                                         \
	  struct lxc_container *(*)(struct lxc_container *, const char *, const char *, int, const char *,     \
				    const char *, uint64_t, char **))                                          \
	M(struct lxc_container, console_getfd, int (*)(struct lxc_container *, int *, int *))                  \
	M(struct lxc_container, console, int (*)(struct lxc_container *, int, int, int, int, int))             \
	M(struct lxc_container, attach,                                                                        \
	  int (*)(struct lxc_container *, lxc_attach_exec_t, void *, lxc_attach_options_t *, pid_t *))          \
	M(struct lxc_container, attach_run_wait,                                                               \
	  int (*)(struct lxc_container *, lxc_attach_options_t *, const char *, const char *const[]))           \
	M(struct lxc_container, attach_run_waitl,                                                              \
	  int (*)(struct lxc_container *, lxc_attach_options_t *, const char *, const char *, ...))             \
	M(struct lxc_container, snapshot, int (*)(struct lxc_container *, const char *))                       \
	M(struct lxc_container, snapshot_list, int (*)(struct lxc_container *, struct lxc_snapshot **))        \
	M(struct lxc_container, snapshot_restore, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, snapshot_destroy, bool (*)(struct lxc_container *, const char *))              \
	M(struct lxc_container, may_control, bool (*)(struct lxc_container *))                                 \
	M(struct lxc_container, add_device_node, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, remove_device_node, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, attach_interface, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, detach_interface, bool (*)(struct lxc_container *, const char *, const char *)) \
	M(struct lxc_container, checkpoint, bool (*)(struct lxc_container *, char *, bool, bool))              \
	M(struct lxc_container, restore, bool (*)(struct lxc_container *, char *, bool))                       \
	M(struct lxc_container, destroy_with_snapshots, bool (*)(struct lxc_container *))                      \
	M(struct lxc_container, snapshot_destroy_all, bool (*)(struct lxc_container *))                        \
	M(struct lxc_container, migrate,                                                                       \
	  int (*)(struct lxc_container *, unsigned int, struct migrate_opts *, unsigned int))                  \
	M(struct lxc_container, console_log, int (*)(struct lxc_container *, struct lxc_console_log *))        \
	M(struct lxc_container, reboot2, bool (*)(struct lxc_container *, int))                                \
	M(struct lxc_container, mount,                                                                         \
	  int (*)(struct lxc_container *, const char *, const char *, const char *, unsigned long,             \
		  const void *, struct lxc_mount *))                                                           \
	M(struct lxc_container, umount, int (*)(struct lxc_container *, const char *, unsigned long,           \
						struct lxc_mount *))                                           \
	M(struct lxc_container, seccomp_notify_fd, int (*)(struct lxc_container *))                            \
	M(struct lxc_container, seccomp_notify_fd_active, int (*)(struct lxc_container *))                     \
	M(struct lxc_container, init_pidfd, int (*)(struct lxc_container *))                                   \
	M(struct lxc_container, devpts_fd, int (*)(struct lxc_container *))

#define OTHER_MEMBERS(M)                                                                \
	M(struct lxc_snapshot, name, char *)                                            \
	M(struct lxc_snapshot, comment_pathname, char *)                                \
	M(struct lxc_snapshot, timestamp, char *)                                       \
	M(struct lxc_snapshot, lxcpath, char *)                                         \
	M(struct lxc_snapshot, free, void (*)(struct lxc_snapshot *))                   \
	M(struct bdev_specs, fstype, char *)                                            \
	M(struct bdev_specs, fssize, uint64_t)                                          \
	M(struct bdev_specs, zfs.zfsroot, char *)                                       \
	M(struct bdev_specs, lvm.vg, char *)                                            \
	M(struct bdev_specs, lvm.lv, char *)                                            \
	M(struct bdev_specs, lvm.thinpool, char *)                                      \
	M(struct bdev_specs, dir, char *)                                               \
	M(struct bdev_specs, rbd.rbdname, char *)                                       \
	M(struct bdev_specs, rbd.rbdpool, char *)                                       \
	M(struct migrate_opts, directory, char *)                                       \
	M(struct migrate_opts, verbose, bool)                                           \
	M(struct migrate_opts, stop, bool)                                              \
	M(struct migrate_opts, predump_dir, char *)                                     \
	M(struct migrate_opts, pageserver_address, char *)                              \
	M(struct migrate_opts, pageserver_port, char *)                                 \
	M(struct migrate_opts, preserves_inodes, bool)                                  \
	M(struct migrate_opts, action_script, char *)                                   \
	M(struct migrate_opts, disable_skip_in_flight, bool)                            \
	M(struct migrate_opts, ghost_limit, uint64_t)                                   \
	M(struct migrate_opts, features_to_check, uint64_t)                             \
	M(struct lxc_console_log, clear, bool)                                          \
	M(struct lxc_console_log, read, bool)                                           \
	M(struct lxc_console_log, read_max, uint64_t *)                                 \
	M(struct lxc_console_log, data, char *)                                         \
	M(struct lxc_mount, version, int)                                               \
	M(struct lxc_log, name, const char *)                                           \
	M(struct lxc_log, lxcpath, const char *)                                        \
	M(struct lxc_log, file, const char *)                                           \
	M(struct lxc_log, level, const char *)                                          \
	M(struct lxc_log, prefix, const char *)                                         \
	M(struct lxc_log, quiet, bool)                                                  \
	M(lxc_attach_options_t, attach_flags, int)                                      \
	M(lxc_attach_options_t, namespaces, int)                                        \
	M(lxc_attach_options_t, personality, long)                                      \
	M(lxc_attach_options_t, initial_cwd, char *)                                    \
	M(lxc_attach_options_t, uid, uid_t)                                             \
	M(lxc_attach_options_t, gid, gid_t)                                             \
	M(lxc_attach_options_t, env_policy, lxc_attach_env_policy_t)                    \
	M(lxc_attach_options_t, extra_env_vars, char **)                                \
	M(lxc_attach_options_t, extra_keep_env, char **)                                \
	M(lxc_attach_options_t, stdin_fd, int)                                          \
	M(lxc_attach_options_t, stdout_fd, int)                                         \
	M(lxc_attach_options_t, stderr_fd, int)                                         \
	M(lxc_attach_options_t, log_fd, int)                                            \
	M(lxc_attach_options_t, lsm_label, char *)                                      \
	M(lxc_attach_options_t, groups, lxc_groups_t)                                   \
	M(lxc_groups_t, size, size_t)                                                   \
	M(lxc_groups_t, list, gid_t *)                                                  \
	M(lxc_attach_command_t, program, char *)                                        \
	M(lxc_attach_command_t, argv, char **)

#define FUNCTIONS(F)                                                                                 \
	F(lxc_container_new, struct lxc_container *(*)(const char *, const char *))                  \
	F(lxc_container_get, int (*)(struct lxc_container *))                                        \
	F(lxc_container_put, int (*)(struct lxc_container *))                                        \
	F(lxc_get_wait_states, int (*)(const char **))                                               \
	F(lxc_get_global_config_item, const char *(*)(const char *))                                 \
	F(lxc_get_version, const char *(*)(void))                                                    \
	F(list_defined_containers, int (*)(const char *, char ***, struct lxc_container ***))         \
	F(list_active_containers, int (*)(const char *, char ***, struct lxc_container ***))          \
	F(list_all_containers, int (*)(const char *, char ***, struct lxc_container ***))            \
	F(lxc_log_init, int (*)(struct lxc_log *))                                                   \
	F(lxc_log_close, void (*)(void))                                                             \
	F(lxc_config_item_is_supported, bool (*)(const char *))                                      \
	F(lxc_has_api_extension, bool (*)(const char *))                                             \
	F(lxc_attach_run_command, int (*)(void *))                                                   \
	F(lxc_attach_run_shell, int (*)(void *))

#define CONSTANTS(K)                                                                            \
	K(LXC_CLONE_KEEPNAME) K(LXC_CLONE_KEEPMACADDR) K(LXC_CLONE_SNAPSHOT) K(LXC_CLONE_KEEPBDEVTYPE) \
	K(LXC_CLONE_MAYBE_SNAPSHOT) K(LXC_CLONE_MAXFLAGS) K(LXC_CLONE_ALLOW_RUNNING)               \
	K(LXC_CREATE_QUIET) K(LXC_CREATE_MAXFLAGS) K(LXC_MOUNT_API_V1)                             \
	K(MIGRATE_PRE_DUMP) K(MIGRATE_DUMP) K(MIGRATE_RESTORE) K(MIGRATE_FEATURE_CHECK)            \
	K(FEATURE_MEM_TRACK) K(FEATURE_LAZY_PAGES)                                                 \
	K(LXC_ATTACH_KEEP_ENV) K(LXC_ATTACH_CLEAR_ENV)                                             \
	K(LXC_ATTACH_MOVE_TO_CGROUP) K(LXC_ATTACH_DROP_CAPABILITIES) K(LXC_ATTACH_SET_PERSONALITY) \
	K(LXC_ATTACH_LSM_EXEC) K(LXC_ATTACH_REMOUNT_PROC_SYS) K(LXC_ATTACH_LSM_NOW)                \
	K(LXC_ATTACH_NO_NEW_PRIVS) K(LXC_ATTACH_TERMINAL) K(LXC_ATTACH_LSM_LABEL)                  \
	K(LXC_ATTACH_SETGROUPS) K(LXC_ATTACH_DEFAULT) K(LXC_ATTACH_LSM)                            \
	K(LXC_ATTACH_DETECT_PERSONALITY)

#define SIZES(S)                                                                                      \
	S(struct lxc_container) S(struct lxc_snapshot) S(struct bdev_specs) S(struct migrate_opts)    \
	S(struct lxc_console_log) S(struct lxc_mount) S(struct lxc_log) S(lxc_attach_options_t)        \
	S(lxc_groups_t) S(lxc_attach_command_t) S(lxc_attach_env_policy_t)

/* ---- against berth's headers: types checked here, at compile time ---- */

#define TYPE_OK(T, member, ...)                                                                  \
	_Static_assert(__builtin_types_compatible_p(__typeof__(((T *)0)->member), __VA_ARGS__),  \
		       #T "." #member " has liblxc's type");
CONTAINER_MEMBERS(TYPE_OK)
OTHER_MEMBERS(TYPE_OK)
#define FUNC_OK(fn, ...) _Static_assert(__builtin_types_compatible_p(__typeof__(&fn), __VA_ARGS__), #fn);
FUNCTIONS(FUNC_OK)

/* The lines both programs print: "T.member offset size", "sizeof T N", "CONST value". */
#define PRINT_MEMBER(T, member, ...)                                                                   \
	n += snprintf(buf + n, len - n, "%s.%s %zu %zu\n", #T, #member, offsetof(T, member),           \
		      sizeof(((T *)0)->member));
#define PRINT_SIZE(T) n += snprintf(buf + n, len - n, "sizeof %s %zu\n", #T, sizeof(T));
#define PRINT_CONST(k) n += snprintf(buf + n, len - n, "%s %lld\n", #k, (long long)(k));

static void layout(char *buf, size_t len)
{
	size_t n = 0;

	CONTAINER_MEMBERS(PRINT_MEMBER)
	OTHER_MEMBERS(PRINT_MEMBER)
	SIZES(PRINT_SIZE)
	CONSTANTS(PRINT_CONST)
}

/* The same, as source text for the program built against LXC's headers. */
#define STR_MEMBER(T, member, ...) "TYPE_OK(" #T ", " #member ", " #__VA_ARGS__ ")\n"
#define STR_FUNC(fn, ...) "FUNC_OK(" #fn ", " #__VA_ARGS__ ")\n"
#define STR_PRINT_MEMBER(T, member, ...) "PRINT_MEMBER(" #T ", " #member ")\n"
#define STR_SIZE(T) "PRINT_SIZE(" #T ")\n"
#define STR_CONST(k) "PRINT_CONST(" #k ")\n"

static const char reference_program[] =
	"#include <stddef.h>\n#include <stdio.h>\n#include <lxc/lxccontainer.h>\n"
	"#define TYPE_OK(T, member, ...) _Static_assert(__builtin_types_compatible_p(__typeof__(((T *)0)->member), "
	"__VA_ARGS__), #T \".\" #member \" has liblxc's type\");\n"
	"#define FUNC_OK(fn, ...) _Static_assert(__builtin_types_compatible_p(__typeof__(&fn), __VA_ARGS__), #fn);\n"
	CONTAINER_MEMBERS(STR_MEMBER) OTHER_MEMBERS(STR_MEMBER) FUNCTIONS(STR_FUNC)
	"#define PRINT_MEMBER(T, member) printf(\"%s.%s %zu %zu\\n\", #T, #member, offsetof(T, member), "
	"sizeof(((T *)0)->member));\n"
	"#define PRINT_SIZE(T) printf(\"sizeof %s %zu\\n\", #T, sizeof(T));\n"
	"#define PRINT_CONST(k) printf(\"%s %lld\\n\", #k, (long long)(k));\n"
	"int main(void) {\n"
	CONTAINER_MEMBERS(STR_PRINT_MEMBER) OTHER_MEMBERS(STR_PRINT_MEMBER) SIZES(STR_SIZE) CONSTANTS(STR_CONST)
	"return 0;\n}\n";

static char ours[65536], theirs[65536];

static int run_capture(const char *cmd, char *out, size_t len)
{
	FILE *p = popen(cmd, "r");
	size_t n;

	if (!p)
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	return pclose(p);
}

/* First differing line, for the failure message. */
static void report_difference(const char *a, const char *b)
{
	while (*a || *b) {
		const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
		size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);

		if (la != lb || memcmp(a, b, la)) {
			printf("  berth: %.*s\n  liblxc: %.*s\n", (int)la, a, (int)lb, b);
			return;
		}
		a += la + (ea ? 1 : 0);
		b += lb + (eb ? 1 : 0);
	}
}

static void layouts_match_liblxc(void)
{
	const char *ref = getenv("BERTH_REF_LXC_INCLUDE") ? getenv("BERTH_REF_LXC_INCLUDE") : "/usr/include";
	char hdr[4096], dir[] = "/tmp/berth-abi.XXXXXX", src[4200], bin[4200], cmd[16384], *text = NULL;
	FILE *f;
	size_t tl = 0;
	int rc;

	layout(ours, sizeof(ours));
	snprintf(hdr, sizeof(hdr), "%s/lxc/lxccontainer.h", ref);
	f = fopen(hdr, "r");
	if (!f)
		SKIP("no reference header (install liblxc-dev, or set BERTH_REF_LXC_INCLUDE)");
	/* a berth installed over the reference would compare with itself */
	text = calloc(1, 1 << 20);
	tl = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (text && tl && strstr(text, "berth")) {
		free(text);
		SKIP("the header under the reference include directory is berth's own");
	}
	free(text);
	if (!mkdtemp(dir))
		SKIP("cannot make a temporary directory");
	snprintf(src, sizeof(src), "%s/ref.c", dir);
	snprintf(bin, sizeof(bin), "%s/ref", dir);
	f = fopen(src, "w");
	if (!f) {
		rmdir(dir);
		SKIP("cannot write the reference program");
	}
	fputs(reference_program, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s -std=gnu11 -I'%s' -o '%s' '%s' 2>&1", TEST_CC, ref, bin, src);
	rc = run_capture(cmd, theirs, sizeof(theirs));
	if (rc != 0) {
		/* a type mismatch shows as a failed _Static_assert */
		printf("  compiling against %s failed:\n%s\n", hdr, theirs);
		CHECK(rc == 0);
	} else {
		rc = run_capture(bin, theirs, sizeof(theirs));
		CHECK_INT(rc, 0);
		if (strcmp(ours, theirs))
			report_difference(ours, theirs);
		CHECK(!strcmp(ours, theirs));
		CHECK(strlen(theirs) > 1000); /* it really printed the list */
	}
	unlink(bin);
	unlink(src);
	rmdir(dir);
}

static void default_attach_options_are_liblxcs(void)
{
	lxc_attach_options_t o = LXC_ATTACH_OPTIONS_DEFAULT;

	CHECK_INT(o.attach_flags, LXC_ATTACH_DEFAULT);
	CHECK_INT(o.namespaces, -1);
	CHECK(o.personality == LXC_ATTACH_DETECT_PERSONALITY);
	CHECK(o.uid == (uid_t)-1 && o.gid == (gid_t)-1);
	CHECK_INT(o.stdin_fd, 0);
	CHECK_INT(o.stdout_fd, 1);
	CHECK_INT(o.stderr_fd, 2);
	CHECK_INT(o.log_fd, -EBADF);
	CHECK(o.groups.size == 0 && o.groups.list == NULL);
}

UNIT_MAIN_BEGIN
	RUN(layouts_match_liblxc);
	RUN(default_attach_options_are_liblxcs);
UNIT_MAIN_END
