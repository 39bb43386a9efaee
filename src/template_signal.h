/* template_signal.h - Ctrl-C during a create: the template is stopped, the create undoes its work, then the signal takes its course; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_TEMPLATE_SIGNAL_H
#define BERTH_TEMPLATE_SIGNAL_H

#include <sys/types.h>

/*
 * While at least one create runs in the process, SIGINT, SIGTERM and SIGHUP
 * are caught (those the process ignores stay ignored: a nohup'd create goes
 * on). A caught signal is forwarded to the process group of every running
 * template (they run in their own group, so each gets it exactly once,
 * whether it came from the terminal or from kill) and remembered; each create
 * sees it, undoes what it made, and leaves. When the last create leaves, the
 * previous handlers are put back and the signal is raised again, so it ends
 * the process (or reaches a caller's own handler, e.g. Python's
 * KeyboardInterrupt) only after the cleanup.
 *
 * template_signals_enter() returns 0 or -errno; every enter is paired with a
 * leave.
 */
int template_signals_enter(void);
void template_signals_leave(void);

/* The caught signal's number, 0 if none came. */
int template_signal_pending(void);

/* A template's process group to forward signals to, while it runs. */
void template_signals_watch(pid_t pgid);
void template_signals_unwatch(pid_t pgid);

#endif
