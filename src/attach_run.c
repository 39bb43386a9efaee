/* attach_run.c - the ready-made functions to run inside a container: lxc_attach_run_command and lxc_attach_run_shell; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <pwd.h>
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
	execvp(cmd->program, cmd->argv);
	/* as LXC: 126/127 as a shell reports a command that cannot run / does not exist, else -1 */
	SYSERROR("cannot run %s", cmd->program);
	if (errno == ENOENT)
		return 127;
	if (errno == ENOEXEC)
		return 126;
	return -1;
}

/* The user's login shell from the container's passwd; /bin/sh if it has none. */
BERTH_EXPORT int lxc_attach_run_shell(void *payload)
{
	const char *shell = NULL;
	struct passwd pw, *found = NULL;
	char buf[4096];
	char *argv[2];

	(void)payload;
	if (getpwuid_r(geteuid(), &pw, buf, sizeof(buf), &found) == 0 && found && found->pw_shell &&
	    *found->pw_shell)
		shell = found->pw_shell;
	if (!shell || access(shell, X_OK) != 0)
		shell = "/bin/sh";
	argv[0] = (char *)shell;
	argv[1] = NULL;
	execv(shell, argv);
	SYSERROR("cannot run the shell %s", shell);
	return -1;
}
