/* template_signal.c - Ctrl-C during a create: the template is stopped, the create undoes its work, then the signal takes its course; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "template_signal.h"
#include "util/cleanup.h"

static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP };

static pthread_mutex_t guard = PTHREAD_MUTEX_INITIALIZER;
static int active;                                  /* creates running; under guard */
static struct sigaction saved[ARRAY_SIZE(caught_signals)];
static bool installed[ARRAY_SIZE(caught_signals)];
static volatile sig_atomic_t pending;

/* Slots the handler reads: a template's process group, 0 when free. Creates
 * are few; one that finds no free slot still gets the signal through the
 * pending flag, only later (when its template ends). */
#define MAX_WATCHED 64
static volatile sig_atomic_t watched[MAX_WATCHED];

static void on_signal(int sig)
{
	int saved_errno = errno;

	if (!pending)
		pending = sig;
	for (int i = 0; i < MAX_WATCHED; i++)
		if (watched[i] > 0)
			kill(-(pid_t)watched[i], sig);
	errno = saved_errno;
}

int template_signals_enter(void)
{
	int ret = 0;

	pthread_mutex_lock(&guard);
	if (active == 0) {
		pending = 0;
		for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++) {
			struct sigaction sa;

			installed[i] = false;
			if (sigaction(caught_signals[i], NULL, &saved[i]) < 0) {
				ret = -errno;
				break;
			}
			/* an ignored signal stays ignored, for the create and its template */
			if (!(saved[i].sa_flags & SA_SIGINFO) && saved[i].sa_handler == SIG_IGN)
				continue;
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = on_signal;
			sigemptyset(&sa.sa_mask);
			/* other threads' system calls go on as if nothing happened */
			sa.sa_flags = SA_RESTART;
			if (sigaction(caught_signals[i], &sa, NULL) < 0) {
				ret = -errno;
				break;
			}
			installed[i] = true;
		}
		if (ret < 0) {
			for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
				if (installed[i])
					sigaction(caught_signals[i], &saved[i], NULL);
			pthread_mutex_unlock(&guard);
			return ret;
		}
	}
	active++;
	pthread_mutex_unlock(&guard);
	return 0;
}

void template_signals_leave(void)
{
	int sig = 0;

	pthread_mutex_lock(&guard);
	if (active > 0 && --active == 0) {
		for (size_t i = 0; i < ARRAY_SIZE(caught_signals); i++)
			if (installed[i])
				sigaction(caught_signals[i], &saved[i], NULL);
		sig = pending;
		pending = 0;
	}
	pthread_mutex_unlock(&guard);
	/* the cleanup is done: let the signal do what it would have done */
	if (sig)
		raise(sig);
}

int template_signal_pending(void)
{
	return pending;
}

void template_signals_watch(pid_t pgid)
{
	for (int i = 0; i < MAX_WATCHED; i++)
		if (__sync_bool_compare_and_swap(&watched[i], 0, pgid))
			break;
	/* a signal that came before the template had its group: forward it now */
	if (pending)
		kill(-pgid, pending);
}

void template_signals_unwatch(pid_t pgid)
{
	for (int i = 0; i < MAX_WATCHED; i++)
		if (__sync_bool_compare_and_swap(&watched[i], pgid, 0))
			break;
}
