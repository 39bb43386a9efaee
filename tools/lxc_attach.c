/* lxc_attach.c - lxc-attach: run a command (or the user's shell) inside a running container, as if it were local; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <lxc/berth.h>
#include <lxc/lxccontainer.h>

#include "arguments.h"

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

enum { OPT_CLEAR_ENV = OPT_TOOL, OPT_KEEP_ENV, OPT_KEEP_VAR };

/* ---- the option values (pure: unit-tested in tests/unit/test-attach-args.c) ---- */

struct flag_name {
	const char *name;
	unsigned flag;
};

/* "A|B|C" against a table: the OR of the flags named (any case when icase).
 * 0, or -EINVAL with the bad word in *bad (a static copy). */
static int parse_flag_list(const char *arg, const struct flag_name *t, size_t n_t, bool icase, unsigned *flags,
			   const char **bad)
{
	static char word[64];
	const char *p = arg;
	unsigned out = 0;

	for (;;) {
		size_t n = strcspn(p, "|");
		bool found = false;

		snprintf(word, sizeof(word), "%.*s", (int)(n < sizeof(word) - 1 ? n : sizeof(word) - 1), p);
		for (size_t i = 0; i < n_t; i++)
			if (!(icase ? strcasecmp(word, t[i].name) : strcmp(word, t[i].name))) {
				out |= t[i].flag;
				found = true;
			}
		if (!found) {
			*bad = word;
			return -EINVAL;
		}
		if (!p[n])
			break;
		p += n + 1;
	}
	*flags = out;
	return 0;
}

/*
 * -s: namespaces as an OR'd list, "NETWORK|IPC". LXC's names (MOUNT, PID,
 * UTSNAME, IPC, USER, NETWORK) and the kernel's (mnt, uts, net, cgroup,
 * time), in any case. 0 or -EINVAL with the bad word in *bad (a static copy).
 */
static int parse_namespaces(const char *arg, int *flags, const char **bad)
{
	static const struct flag_name names[] = {
		{ "MOUNT", CLONE_NEWNS },   { "MNT", CLONE_NEWNS },	 { "PID", CLONE_NEWPID },
		{ "UTSNAME", CLONE_NEWUTS }, { "UTS", CLONE_NEWUTS },	 { "IPC", CLONE_NEWIPC },
		{ "USER", CLONE_NEWUSER },   { "NETWORK", CLONE_NEWNET }, { "NET", CLONE_NEWNET },
		{ "CGROUP", CLONE_NEWCGROUP }, { "TIME", CLONE_NEWTIME },
	};
	unsigned out;
	int ret = parse_flag_list(arg, names, sizeof(names) / sizeof(names[0]), true, &out, bad);

	if (ret == 0)
		*flags = (int)out;
	return ret;
}

/* -e: CGROUP, CAP and LSM as an OR'd list (as LXC: upper case); none given means all. */
static int parse_elevated(const char *arg, unsigned *flags, const char **bad)
{
	static const struct flag_name privs[] = {
		{ "CGROUP", LXC_ATTACH_MOVE_TO_CGROUP },
		{ "CAP", LXC_ATTACH_DROP_CAPABILITIES },
		{ "LSM", LXC_ATTACH_LSM_EXEC },
	};
	unsigned out = 0;
	int ret = 0;

	if (!arg) {
		for (size_t i = 0; i < sizeof(privs) / sizeof(privs[0]); i++)
			out |= privs[i].flag;
	} else {
		ret = parse_flag_list(arg, privs, sizeof(privs) / sizeof(privs[0]), false, &out, bad);
	}
	if (ret == 0)
		*flags |= out;
	return ret;
}

/* -a: an architecture name, as lxc.arch takes it, to a personality(2) value. */
static int parse_arch(const char *arg, long *persona)
{
	static const char *const bits32[] = { "arm",  "armel", "armhf", "armv7l", "athlon", "i386",    "i486", "i586",
					      "i686", "linux32", "mips", "mipsel", "ppc",  "powerpc", "x86" };
	static const char *const bits64[] = { "aarch64", "amd64",   "arm64",   "linux64", "mips64",	 "mips64el", "ppc64",
					      "ppc64el", "ppc64le", "powerpc64", "s390x",	"x86_64", "riscv64" };

	for (size_t i = 0; i < sizeof(bits32) / sizeof(bits32[0]); i++)
		if (!strcmp(arg, bits32[i])) {
			*persona = 0x0008; /* PER_LINUX32 */
			return 0;
		}
	for (size_t i = 0; i < sizeof(bits64) / sizeof(bits64[0]); i++)
		if (!strcmp(arg, bits64[i])) {
			*persona = 0x0000; /* PER_LINUX */
			return 0;
		}
	return -EINVAL;
}

/* The command's wait status as lxc-attach's exit code: its own, or 128+N for signal N (as a shell). */
static int exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return EXIT_FAILURE;
}

/* An id for -u/-g: a number in 0..2^32-2. */
static int parse_id(const char *arg, long long *out)
{
	char *end;
	unsigned long long v;

	if (!arg || !*arg || *arg == '-' || *arg == '+')
		return -EINVAL;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || *end || v >= 0xffffffffULL)
		return -EINVAL;
	*out = (long long)v;
	return 0;
}

/* ---- the tool ---- */

struct options {
	unsigned elevated;  /* LXC_ATTACH_* steps the user turned off */
	int namespaces;     /* -1: all */
	long personality;
	bool remount;
	lxc_attach_env_policy_t env_policy;
	char **set_vars;
	int nset_vars;
	char **keep_vars;
	int nkeep_vars;
	const char *pty_log;
	long long uid, gid; /* -1: not given */
	const char *context;
};

__attribute__((noreturn, format(printf, 2, 3))) static void bad_option(struct tool_args *args, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", args->progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAILURE);
}

static int push(char ***v, int *n, const char *s)
{
	char **grown = realloc(*v, (size_t)(*n + 2) * sizeof(**v));

	if (!grown)
		return -1;
	grown[(*n)++] = (char *)s;
	grown[*n] = NULL;
	*v = grown;
	return 0;
}

static int handle(struct tool_args *args, int opt, const char *arg)
{
	struct options *o = args->data;
	const char *bad = NULL;

	switch (opt) {
	case 'e':
		if (parse_elevated(arg, &o->elevated, &bad) < 0)
			bad_option(args, "-e: unknown privilege '%s' (use CGROUP, CAP or LSM, OR'd with |)", bad);
		return 0;
	case 's':
		if (parse_namespaces(arg, &o->namespaces, &bad) < 0)
			bad_option(args, "-s: unknown namespace '%s' (use MOUNT, PID, UTSNAME, IPC, USER, NETWORK, CGROUP or TIME, OR'd with |)",
				   bad);
		/* as LXC: attaching to only some namespaces elevates every privilege */
		parse_elevated(NULL, &o->elevated, &bad);
		return 0;
	case 'a':
		if (parse_arch(arg, &o->personality) < 0)
			bad_option(args, "-a: unknown architecture '%s' (e.g. i686, x86_64, armhf, arm64)", arg);
		return 0;
	case 'R': o->remount = true; return 0;
	case OPT_CLEAR_ENV: o->env_policy = LXC_ATTACH_CLEAR_ENV; return 0;
	case OPT_KEEP_ENV: o->env_policy = LXC_ATTACH_KEEP_ENV; return 0;
	case OPT_KEEP_VAR: return push(&o->keep_vars, &o->nkeep_vars, arg);
	case 'v':
		if (!strchr(arg, '=') || *arg == '=')
			bad_option(args, "-v: '%s' is not NAME=VALUE", arg);
		return push(&o->set_vars, &o->nset_vars, arg);
	case 'L': o->pty_log = arg; return 0;
	case 'f': args->rcfile = arg; return 0; /* -f is lxc-start's/-attach's name for --rcfile */
	case 'u':
		if (parse_id(arg, &o->uid) < 0)
			bad_option(args, "-u: '%s' is not a numeric user id", arg);
		return 0;
	case 'g':
		if (parse_id(arg, &o->gid) < 0)
			bad_option(args, "-g: '%s' is not a numeric group id", arg);
		return 0;
	case 'c': o->context = arg; return 0;
	}
	return -1;
}

/* Waits for the command, passing on the signals lxc-attach gets (it has its own session). */
static int wait_forwarding(pid_t pid, int sfd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int status;

	while (pidfd >= 0) {
		struct pollfd p[2] = { { .fd = sfd, .events = POLLIN }, { .fd = pidfd, .events = POLLIN } };

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof(si)) == sizeof(si))
				(void)syscall(SYS_pidfd_send_signal, pidfd, (int)si.ssi_signo, NULL, 0);
		}
		if (p[1].revents & POLLIN)
			break;
	}
	if (pidfd >= 0)
		close(pidfd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "elevated-privileges", optional_argument, NULL, 'e' },
		{ "arch", required_argument, NULL, 'a' },
		{ "namespaces", required_argument, NULL, 's' },
		{ "remount-sys-proc", no_argument, NULL, 'R' },
		{ "clear-env", no_argument, NULL, OPT_CLEAR_ENV },
		{ "keep-env", no_argument, NULL, OPT_KEEP_ENV },
		{ "keep-var", required_argument, NULL, OPT_KEEP_VAR },
		{ "set-var", required_argument, NULL, 'v' },
		{ "pty-log", required_argument, NULL, 'L' },
		{ "rcfile", required_argument, NULL, 'f' },
		{ "uid", required_argument, NULL, 'u' },
		{ "gid", required_argument, NULL, 'g' },
		{ "context", required_argument, NULL, 'c' },
		{ 0 },
	};
	static const int forwarded[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH };
	struct options o = { .namespaces = -1, .personality = LXC_ATTACH_DETECT_PERSONALITY, .uid = -1, .gid = -1 };
	struct tool_args args = {
		.progname = "lxc-attach",
		.synopsis = "--name=NAME [-- COMMAND]",
		.description = "Run COMMAND (by default the user's shell) inside the running container NAME",
		.options_help =
			"  -e, --elevated-privileges=PRIVILEGES\n"
			"                    Keep these privileges instead of taking the container's:\n"
			"                    CGROUP, CAP and LSM (its cgroup, capability bounding set\n"
			"                    and security profile), OR'd with |; all three if none is\n"
			"                    given. WARNING: this may leak privileges into the\n"
			"                    container.\n"
			"  -a, --arch=ARCH   Run COMMAND with the personality of ARCH (i686, x86_64, ...)\n"
			"                    instead of the container's\n"
			"  -s, --namespaces=FLAGS\n"
			"                    Enter only these namespaces of the container, OR'd with |:\n"
			"                    MOUNT, PID, UTSNAME, IPC, USER, NETWORK, CGROUP, TIME.\n"
			"                    WARNING: -s implies -e with every privilege elevated.\n"
			"  -R, --remount-sys-proc\n"
			"                    With -s and without MOUNT: mount /proc and /sys afresh (in\n"
			"                    a mount namespace of the command's own) so that they show\n"
			"                    the namespaces it entered\n"
			"      --clear-env   Start from an empty environment: only container=lxc, a\n"
			"                    default PATH and what --keep-var, -v and lxc.environment add\n"
			"      --keep-env    Keep the caller's environment (the default)\n"
			"  -L, --pty-log=FILE\n"
			"                    Append what the command writes to its pty to FILE\n"
			"  -v, --set-var=NAME=VALUE\n"
			"                    Set a variable for the command; may be repeated\n"
			"      --keep-var=NAME\n"
			"                    With --clear-env: keep the caller's NAME; may be repeated\n"
			"  -f, --rcfile=FILE Load the container's configuration from FILE\n"
			"  -u, --uid=UID     Run COMMAND as UID (a number) inside the container\n"
			"  -g, --gid=GID     Run COMMAND with group GID inside the container\n"
			"  -c, --context=CONTEXT\n"
			"                    The SELinux context (or AppArmor profile) to run COMMAND in\n",
		.flags = ARG_NAME | ARG_LXCPATH | ARG_LOG | ARG_QUIET | ARG_NAME_REQUIRED,
		.options = options,
		.shortopts = "e::a:s:Rv:L:f:u:g:c:",
		.handle = handle,
		.data = &o,
	};
	lxc_attach_options_t opts = LXC_ATTACH_OPTIONS_DEFAULT;
	lxc_attach_command_t command = { 0 };
	struct lxc_container *c = NULL;
	const char *lxcpath;
	sigset_t set;
	int ret = EXIT_FAILURE, status, sfd;
	pid_t pid;

	tool_args_parse(&args, argc, argv);
	lxcpath = tool_lxcpath(&args);
	if (geteuid() != 0 && access(lxcpath, R_OK) < 0) {
		tool_error(&args, "You lack access to %s", lxcpath);
		goto out;
	}
	if ((o.elevated & LXC_ATTACH_LSM_EXEC) && o.context) {
		tool_error(&args, "--context cannot be combined with elevated LSM privileges (-e LSM, or -s)");
		goto out;
	}

	c = tool_open_container(&args);
	if (!c)
		goto out;

	if (o.elevated & LXC_ATTACH_LSM_EXEC)
		o.elevated |= LXC_ATTACH_LSM;
	opts.attach_flags &= ~(int)o.elevated;
	if (o.remount)
		opts.attach_flags |= LXC_ATTACH_REMOUNT_PROC_SYS;
	/* A pty only for a terminal on stdin: pipes and redirections stay the caller's own fds. */
	if (isatty(STDIN_FILENO))
		opts.attach_flags |= LXC_ATTACH_TERMINAL;
	if (o.context) {
		opts.attach_flags |= LXC_ATTACH_LSM_LABEL;
		opts.lsm_label = (char *)o.context;
	}
	opts.namespaces = o.namespaces;
	opts.personality = o.personality;
	opts.env_policy = o.env_policy;
	opts.extra_env_vars = o.set_vars;
	opts.extra_keep_env = o.keep_vars;
	if (o.uid >= 0)
		opts.uid = (uid_t)o.uid;
	if (o.gid >= 0)
		opts.gid = (gid_t)o.gid;
	if (o.pty_log) {
		opts.log_fd = open(o.pty_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
		if (opts.log_fd < 0) {
			tool_error(&args, "cannot open the pty log %s: %s", o.pty_log, strerror(errno));
			goto out;
		}
	}

	/* From now on the signals meant for the command are queued for it, not acted on. */
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(&set, forwarded[i]);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0) {
		tool_error(&args, "cannot receive signals to forward: %s", strerror(errno));
		goto out;
	}

	if (args.nrest > 0) {
		command.program = args.rest[0];
		command.argv = args.rest;
		ret = c->attach(c, lxc_attach_run_command, &command, &opts, &pid);
	} else {
		ret = c->attach(c, lxc_attach_run_shell, NULL, &opts, &pid);
	}
	if (ret < 0) {
		ret = EXIT_FAILURE; /* the library said why */
		goto out;
	}
	status = wait_forwarding(pid, sfd);
	ret = status < 0 ? EXIT_FAILURE : exit_code(status);

out:
	if (c)
		lxc_container_put(c);
	free(o.set_vars);
	free(o.keep_vars);
	return ret;
}
