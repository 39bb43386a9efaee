/* run-driver.c - drives the runtime's internal calls (start, state, stop, wait, monitor) for the system tests, independent of the API wiring; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "conf/conf.h"
#include "log.h"
#include "start.h"
#include "util/strutil.h"

/*
 * run-driver start NAME LXCPATH [-F] [-f CONFIG] [-p PIDFILE] [-c CONSOLE] [-L LOG]
 *                  [-s KEY=VALUE]... [--share-net X] [-- CMD...]
 * run-driver state|pid|kill|monitor-pid NAME LXCPATH
 * run-driver shutdown|reboot NAME LXCPATH TIMEOUT
 * run-driver signal NAME LXCPATH halt|reboot|stop
 * run-driver wait NAME LXCPATH STATES TIMEOUT
 * run-driver config NAME LXCPATH KEY
 * run-driver cgroup NAME LXCPATH [CONTROLLER]
 * run-driver events LXCPATH COUNT TIMEOUT_MS
 * Env: RUN_LOG=FILE RUN_LOGLEVEL=LEVEL.
 */

static int usage(void)
{
	fprintf(stderr, "usage: run-driver start|state|pid|kill|shutdown|reboot|signal|wait|config|cgroup|events ...\n");
	return 2;
}

static int do_start(int argc, char **argv)
{
	const char *name = argv[0], *lxcpath = argv[1], *config = NULL;
	struct start_args args = { .daemonize = true };
	struct lxc_config *conf = conf_new();
	struct conf_error cerr;
	char path[4096], err[4096];
	int i, status = 0, ret;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "-F")) {
			args.daemonize = false;
			args.foreground_console = true;
		} else if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			config = argv[++i];
		} else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
			args.pidfile = argv[++i];
		} else if (!strcmp(argv[i], "-c") && i + 1 < argc) {
			args.console_path = argv[++i];
		} else if (!strcmp(argv[i], "-L") && i + 1 < argc) {
			args.console_log = argv[++i];
		} else if (!strcmp(argv[i], "--share-net") && i + 1 < argc) {
			args.share[PLAN_NS_NET] = argv[++i];
		} else if (!strcmp(argv[i], "--share-pid") && i + 1 < argc) {
			args.share[PLAN_NS_PID] = argv[++i];
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			i++; /* applied below, after the file */
		} else if (!strcmp(argv[i], "--")) {
			args.argv = &argv[i + 1];
			break;
		} else {
			return usage();
		}
	}
	if (!config) {
		snprintf(path, sizeof(path), "%s/%s/config", lxcpath, name);
		config = path;
	}
	if (!conf || conf_load_file(conf, config, &cerr) < 0) {
		fprintf(stderr, "run-driver: %s\n", conf ? cerr.text : "out of memory");
		return 1;
	}
	for (i = 2; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			char *kv = strdup(argv[++i]), *eq = strchr(kv, '=');
			if (!eq || conf_set(conf, str_trim((*eq = '\0', kv)), str_trim(eq + 1), &cerr) < 0) {
				fprintf(stderr, "run-driver: -s %s: %s\n", argv[i], eq ? cerr.text : "expected KEY=VALUE");
				return 1;
			}
			free(kv);
		}
	}
	ret = berth_start(conf, name, lxcpath, &args, &status, err, sizeof(err));
	conf_free(conf);
	if (ret < 0)
		return 1;
	if (!args.daemonize) {
		if (WIFEXITED(status))
			return WEXITSTATUS(status);
		return 128 + WTERMSIG(status);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 3)
		return usage();
	log_set_prog("run-driver");
	if (getenv("RUN_LOG"))
		log_open_file(getenv("RUN_LOG"));
	if (getenv("RUN_LOGLEVEL"))
		log_set_level(log_level_from_string(getenv("RUN_LOGLEVEL")));
	cmd = argv[1];
	if (!strcmp(cmd, "events")) {
		struct cmd_monitor *m;
		int count = atoi(argv[3]), timeout = argc > 4 ? atoi(argv[4]) : -1;
		if (cmd_monitor_open(argv[2], &m) < 0)
			return 1;
		printf("listening\n");
		fflush(stdout);
		while (count-- > 0) {
			char name[256];
			int type, value;
			if (cmd_monitor_next(m, timeout, name, sizeof(name), &type, &value) <= 0)
				break;
			if (type == CMD_EVENT_STATE)
				printf("'%s' changed state to [%s]\n", name, state_name(value));
			else
				printf("'%s' exited with status [%d]\n", name, WIFEXITED(value) ? WEXITSTATUS(value) : 128 + WTERMSIG(value));
			fflush(stdout);
		}
		cmd_monitor_close(m);
		return 0;
	}
	if (argc < 4)
		return usage();
	log_set_container(argv[2]);
	if (!strcmp(cmd, "start"))
		return do_start(argc - 2, argv + 2);
	if (!strcmp(cmd, "state")) {
		printf("%s\n", state_name(cmd_get_state(argv[2], argv[3])));
		return 0;
	}
	if (!strcmp(cmd, "pid")) {
		printf("%d\n", cmd_get_init_pid(argv[2], argv[3]));
		return 0;
	}
	if (!strcmp(cmd, "monitor-pid")) {
		printf("%d\n", cmd_get_monitor_pid(argv[2], argv[3]));
		return 0;
	}
	if (!strcmp(cmd, "kill")) {
		int ret = cmd_stop(argv[2], argv[3]);
		if (ret < 0)
			fprintf(stderr, "run-driver: stop: %s\n", strerror(-ret));
		return ret == -ESRCH ? 2 : ret < 0;
	}
	if ((!strcmp(cmd, "shutdown") || !strcmp(cmd, "reboot")) && argc > 4) {
		int ret = !strcmp(cmd, "shutdown") ? cmd_shutdown(argv[2], argv[3], atoi(argv[4]))
						   : cmd_reboot(argv[2], argv[3], atoi(argv[4]));
		if (ret < 0)
			fprintf(stderr, "run-driver: %s: %s\n", cmd, strerror(-ret));
		return ret == -ESRCH ? 2 : ret < 0;
	}
	if (!strcmp(cmd, "signal") && argc > 4) {
		enum cmd_signal_kind k = !strcmp(argv[4], "halt") ? CMD_SIGNAL_HALT :
					 !strcmp(argv[4], "reboot") ? CMD_SIGNAL_REBOOT : CMD_SIGNAL_STOP;
		return cmd_signal(argv[2], argv[3], k) < 0;
	}
	if (!strcmp(cmd, "wait") && argc > 5) {
		unsigned mask;
		char err[256];
		int ret;
		if (state_mask_parse(argv[4], &mask, err, sizeof(err)) < 0) {
			fprintf(stderr, "run-driver: %s\n", err);
			return 2;
		}
		ret = cmd_wait_state(argv[2], argv[3], mask, atoi(argv[5]));
		if (ret < 0)
			return 1;
		printf("%s\n", state_name(ret));
		return 0;
	}
	if (!strcmp(cmd, "config") && argc > 4) {
		char *v = NULL;
		int ret = cmd_get_config_item(argv[2], argv[3], argv[4], &v);
		if (ret < 0) {
			fprintf(stderr, "run-driver: %s\n", strerror(-ret));
			return 1;
		}
		printf("%s\n", v);
		free(v);
		return 0;
	}
	if (!strcmp(cmd, "cgroup")) {
		char *v = NULL;
		if (cmd_get_cgroup_path(argv[2], argv[3], argc > 4 ? argv[4] : NULL, &v) < 0)
			return 1;
		printf("%s\n", v);
		free(v);
		return 0;
	}
	return usage();
}
