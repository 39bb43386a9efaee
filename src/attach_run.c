/* attach_run.c - the ready-made functions to run inside a container: lxc_attach_run_command and lxc_attach_run_shell; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lxc/attach_options.h>

#include "log.h"
#include "util/cleanup.h"

/* Runs in the attached process: exec replaces it, so returning means failure. */
BERTH_EXPORT int lxc_attach_run_command(void *payload)
{
	lxc_attach_command_t *cmd = payload;

	if (!cmd || !cmd->program || !cmd->argv) {
		ERROR("lxc_attach_run_command: no command given");
		return -1;
	}
	/* PATH is the attached environment's, looked up in the container's filesystem. */
	execvp(cmd->program, cmd->argv);
	/* as LXC and a shell: 127 for a command that does not exist, 126 for one that cannot run */
	SYSERROR("cannot run %s", cmd->program);
	if (errno == ENOENT || errno == ENOTDIR)
		return 127;
	if (errno == ENOEXEC || errno == EACCES || errno == EPERM || errno == EISDIR)
		return 126;
	return -1;
}

/*
 * The user's shell from the container's /etc/passwd; /bin/sh if it has none.
 * The file is parsed here, not through NSS: getpwuid() would load the
 * container's NSS modules into a process that still holds the caller's memory.
 */
static char *container_shell(uid_t uid)
{
	__do_fclose FILE *f = fopen("/etc/passwd", "re");
	struct passwd pw, *found;
	char buf[4096];

	while (f && fgetpwent_r(f, &pw, buf, sizeof(buf), &found) == 0)
		if (pw.pw_uid == uid && pw.pw_shell && *pw.pw_shell)
			return strdup(pw.pw_shell);
	return NULL;
}

BERTH_EXPORT int lxc_attach_run_shell(void *payload)
{
	char *shell = container_shell(geteuid());
	char *argv[2];

	(void)payload;
	if (!shell || access(shell, X_OK) != 0) {
		free(shell);
		shell = strdup("/bin/sh");
		if (!shell)
			return -1;
	}
	/* as LXC: argv[0] is the shell's path */
	argv[0] = shell;
	argv[1] = NULL;
	execv(shell, argv);
	SYSERROR("cannot run the shell %s", shell);
	return errno == ENOENT ? 127 : 126;
}
