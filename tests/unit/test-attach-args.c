/* test-attach-args.c - unit tests for lxc-attach's option values (-s, -e, -a, -u/-g) and its exit code; SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tool's own source, with its main renamed: its parsers are static. */
#define main lxc_attach_tool_main
#include "lxc_attach.c"
#undef main

#include "unit.h"

static void namespaces_take_lxc_and_kernel_names(void)
{
	const char *bad = NULL;
	int f = 0;

	CHECK_INT(parse_namespaces("NETWORK", &f, &bad), 0);
	CHECK_INT(f, CLONE_NEWNET);
	CHECK_INT(parse_namespaces("NETWORK|IPC", &f, &bad), 0);
	CHECK_INT(f, CLONE_NEWNET | CLONE_NEWIPC);
	CHECK_INT(parse_namespaces("MOUNT|PID|UTSNAME|IPC|USER|NETWORK|CGROUP|TIME", &f, &bad), 0);
	CHECK_INT(f, CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWNET |
			     CLONE_NEWCGROUP | CLONE_NEWTIME);
	CHECK_INT(parse_namespaces("mnt|uts|net", &f, &bad), 0);
	CHECK_INT(f, CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWNET);
	CHECK_INT(parse_namespaces("Pid", &f, &bad), 0);
	CHECK_INT(f, CLONE_NEWPID);
}

static void namespaces_refuse_unknown_words(void)
{
	const char *bad = NULL;
	int f = 42;

	CHECK_INT(parse_namespaces("FOO", &f, &bad), -EINVAL);
	CHECK_STR(bad, "FOO");
	CHECK_INT(f, 42); /* untouched on error */
	CHECK_INT(parse_namespaces("NETWORK|BOGUS|IPC", &f, &bad), -EINVAL);
	CHECK_STR(bad, "BOGUS");
	CHECK_INT(parse_namespaces("", &f, &bad), -EINVAL);
	CHECK_INT(parse_namespaces("NETWORK|", &f, &bad), -EINVAL);
	CHECK_INT(parse_namespaces("NETWORK IPC", &f, &bad), -EINVAL);
}

static void elevated_privileges(void)
{
	const char *bad = NULL;
	unsigned f = 0;

	CHECK_INT(parse_elevated(NULL, &f, &bad), 0);
	CHECK_INT(f, LXC_ATTACH_MOVE_TO_CGROUP | LXC_ATTACH_DROP_CAPABILITIES | LXC_ATTACH_LSM_EXEC);
	f = 0;
	CHECK_INT(parse_elevated("CAP", &f, &bad), 0);
	CHECK_INT(f, LXC_ATTACH_DROP_CAPABILITIES);
	f = 0;
	CHECK_INT(parse_elevated("CGROUP|LSM", &f, &bad), 0);
	CHECK_INT(f, LXC_ATTACH_MOVE_TO_CGROUP | LXC_ATTACH_LSM_EXEC);
	/* flags accumulate over several -e */
	CHECK_INT(parse_elevated("CAP", &f, &bad), 0);
	CHECK_INT(f, LXC_ATTACH_MOVE_TO_CGROUP | LXC_ATTACH_LSM_EXEC | LXC_ATTACH_DROP_CAPABILITIES);
	/* as LXC: upper case only */
	f = 0;
	CHECK_INT(parse_elevated("cap", &f, &bad), -EINVAL);
	CHECK_STR(bad, "cap");
	CHECK_INT(parse_elevated("CAP|NET", &f, &bad), -EINVAL);
	CHECK_STR(bad, "NET");
	CHECK_INT(f, 0);
}

static void architectures(void)
{
	long p = -1;

	CHECK_INT(parse_arch("i686", &p), 0);
	CHECK_INT(p, 0x0008);
	CHECK_INT(parse_arch("armhf", &p), 0);
	CHECK_INT(p, 0x0008);
	CHECK_INT(parse_arch("x86_64", &p), 0);
	CHECK_INT(p, 0);
	CHECK_INT(parse_arch("arm64", &p), 0);
	CHECK_INT(p, 0);
	CHECK_INT(parse_arch("foo", &p), -EINVAL);
	CHECK_INT(parse_arch("I686", &p), -EINVAL);
}

static void ids(void)
{
	long long v = -1;

	CHECK_INT(parse_id("0", &v), 0);
	CHECK_INT(v, 0);
	CHECK_INT(parse_id("1000", &v), 0);
	CHECK_INT(v, 1000);
	CHECK_INT(parse_id("4294967294", &v), 0);
	CHECK_INT(parse_id("4294967295", &v), -EINVAL); /* (uid_t)-1 means "unchanged" */
	CHECK_INT(parse_id("-1", &v), -EINVAL);
	CHECK_INT(parse_id("abc", &v), -EINVAL);
	CHECK_INT(parse_id("12x", &v), -EINVAL);
	CHECK_INT(parse_id("", &v), -EINVAL);
}

static void exit_codes_are_a_shells(void)
{
	CHECK_INT(exit_code(0), 0);
	CHECK_INT(exit_code(3 << 8), 3);
	CHECK_INT(exit_code(255 << 8), 255);
	CHECK_INT(exit_code(SIGKILL), 137);            /* killed by signal 9 */
	CHECK_INT(exit_code(SIGTERM), 143);
	CHECK_INT(exit_code(SIGSEGV | 0x80), 128 + SIGSEGV); /* with a core dump */
	CHECK_INT(exit_code(0x137f), EXIT_FAILURE);    /* stopped: not an end */
}

UNIT_MAIN_BEGIN
	RUN(namespaces_take_lxc_and_kernel_names);
	RUN(namespaces_refuse_unknown_words);
	RUN(elevated_privileges);
	RUN(architectures);
	RUN(ids);
	RUN(exit_codes_are_a_shells);
UNIT_MAIN_END
