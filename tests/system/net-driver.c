/* net-driver.c - drives the network module standalone for tests/system/network-module.sh: a child in a new netns, host side, inside, stop; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "network/network.h"
#include "util/cleanup.h"
#include "util/fileutil.h"
#include "util/strutil.h"

/*
 * usage:
 *   net-driver [-n NAME] [-s STATUS] [-w WAIT_MS] [--fail-inside] CONFIG
 *     Builds the plan from CONFIG ("key = value" lines), makes a child in a
 *     new network namespace, runs net_create_host_side and (in the child)
 *     net_configure_inside, writes STATUS ("pid=", "dev ...", "ip ...",
 *     "if ...", then "ready") and waits for SIGTERM. Then it kills the child,
 *     runs net_stop_host_side while it still holds the namespace, closes it
 *     and, with -w, waits (event-driven) for every host veth end to vanish,
 *     printing "gone NAME" or "still NAME".
 *     --fail-inside: skip the inside step, undo instead (a start failing late).
 *   net-driver --wait-gone IFNAME MS
 *     net_wait_gone alone: exit 0 when gone, 1 on timeout.
 * Exit status: 0 ok, 1 the module failed (its log line on stderr), 2 usage/config.
 * Without arguments it exits 77, so a `make check` that runs it skips it.
 */

static struct net_conf_item items[512];
static size_t n_items;

static int load_config(const char *path)
{
	__do_free char *text = NULL;
	char *line, *save = NULL;
	unsigned lineno = 0;

	if (file_read_all(path, &text, NULL) < 0) {
		fprintf(stderr, "net-driver: cannot read %s\n", path);
		return -1;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq, *key, *val;

		lineno++;
		line = str_trim(line);
		if (!*line || *line == '#' || !(eq = strchr(line, '=')))
			continue;
		*eq = '\0';
		key = str_trim(line);
		val = str_trim(eq + 1);
		if (n_items == ARRAY_SIZE(items))
			break;
		items[n_items++] = (struct net_conf_item){ .key = strdup(key), .value = strdup(val), .file = path, .line = lineno };
	}
	/* strtok_r skips empty lines, so line numbers count non-empty lines only:
	 * good enough for a test driver. */
	return 0;
}

static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t now_ms(void)
{
	return now_us() / 1000;
}

static long long host_us, inside_us; /* how long the two steps took, for the status file */

static void write_status(const char *path, pid_t child, const struct net_plan *plan, bool with_ips)
{
	FILE *f = path ? fopen(path, "we") : stdout;
	char **v = NULL;
	int n;

	if (!f)
		return;
	fprintf(f, "pid=%d\n", (int)child);
	fprintf(f, "time host_side_us=%lld inside_us=%lld\n", host_us, inside_us);
	for (size_t i = 0; i < net_plan_device_count(plan); i++) {
		struct net_device_info info;

		net_plan_device_info(plan, i, &info);
		fprintf(f, "dev %d %s name=%s host=%s link=%s\n", info.index, info.type, info.name, info.host_name, info.link);
		if (*info.host_name) {
			struct net_link_stats st;

			if (net_link_stats(-1, info.host_name, &st) == 0)
				fprintf(f, "stats %s rx_packets=%llu tx_packets=%llu\n", info.host_name,
					(unsigned long long)st.rx_packets, (unsigned long long)st.tx_packets);
		}
	}
	if (with_ips) {
		n = net_list_ips(child, NULL, NULL, 0, &v);
		for (int i = 0; i < n; i++)
			fprintf(f, "ip %s\n", v[i]);
		strv_free(v);
		n = net_list_ips(child, NULL, "inet6", 0, &v);
		for (int i = 0; i < n; i++)
			fprintf(f, "ip6 %s\n", v[i]);
		strv_free(v);
		n = net_list_interfaces(child, &v);
		for (int i = 0; i < n; i++)
			fprintf(f, "if %s\n", v[i]);
		strv_free(v);
	}
	fprintf(f, "ready\n");
	if (path)
		fclose(f);
	else
		fflush(f);
}

/* The "container": enters a new netns, then configures it when told to. */
static int child_main(int ready_w, int go_r, int result_w, const struct net_plan *plan)
{
	char c;
	int ret;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWNET) < 0) {
		perror("net-driver: unshare(CLONE_NEWNET)");
		return 1;
	}
	if (write(ready_w, "r", 1) != 1)
		return 1;
	if (read(go_r, &c, 1) != 1 || c != 'g')
		return 0;
	ret = net_configure_inside(plan);
	if (write(result_w, &ret, sizeof(ret)) != sizeof(ret))
		return 1;
	for (;;)
		pause();
}

static int wait_gone_main(const char *ifname, const char *ms)
{
	int t = atoi(ms), ret;
	int64_t start = now_ms();

	ret = net_wait_gone(ifname, t);
	printf("%s %s after %lld ms\n", ret == 0 ? "gone" : "still", ifname, (long long)(now_ms() - start));
	return ret == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "status", required_argument, NULL, 's' },
		{ "wait", required_argument, NULL, 'w' },
		{ "fail-inside", no_argument, NULL, 'F' },
		{ "wait-gone", no_argument, NULL, 'G' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = "berth-test", *status = NULL;
	int wait_ms = -1, opt, ret, nsfd, ready[2], go[2], result[2], inside_ret = 0, exit_code = 0;
	bool fail_inside = false, wait_gone = false;
	struct net_plan *plan = NULL;
	struct conf_error err;
	sigset_t set;
	pid_t child;
	char c;

	if (argc < 2) {
		printf("SKIP: net-driver is a helper of tests/system/network-module.sh\n");
		return 77;
	}
	while ((opt = getopt_long(argc, argv, "n:s:w:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 's': status = optarg; break;
		case 'w': wait_ms = atoi(optarg); break;
		case 'F': fail_inside = true; break;
		case 'G': wait_gone = true; break;
		default: return 2;
		}
	}
	log_set_prog("net-driver");
	log_set_level(getenv("NET_DRIVER_DEBUG") ? LOG_LEVEL_DEBUG : LOG_LEVEL_ERROR);
	if (wait_gone)
		return optind + 2 == argc ? wait_gone_main(argv[optind], argv[optind + 1]) : 2;
	if (optind + 1 != argc || load_config(argv[optind]) < 0)
		return 2;
	if (net_plan_build_items(items, n_items, name, &plan, &err) < 0) {
		fprintf(stderr, "net-driver: %s\n", err.text);
		return 2;
	}
	if (net_plan_prepare(plan) < 0) {
		net_plan_free(plan);
		return 1;
	}

	/* SIGTERM/SIGINT end the run; taken synchronously with sigwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);

	if (pipe2(ready, O_CLOEXEC) || pipe2(go, O_CLOEXEC) || pipe2(result, O_CLOEXEC))
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		_exit(child_main(ready[1], go[0], result[1], plan));
	}
	close(ready[1]), close(go[0]), close(result[1]);
	if (read(ready[0], &c, 1) != 1) {
		fprintf(stderr, "net-driver: the child died before entering its netns\n");
		return 1;
	}
	nsfd = net_open_netns(child);
	if (nsfd < 0)
		return 1;

	host_us = now_us();
	ret = net_create_host_side(plan, nsfd);
	host_us = now_us() - host_us;
	if (ret < 0) {
		/* It undid its own work; the test checks that nothing is left. */
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		close(nsfd);
		fprintf(stderr, "net-driver: host side failed: %s\n", strerror(-ret));
		net_plan_free(plan);
		return 1;
	}
	if (fail_inside) {
		net_plan_undo(plan, nsfd);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		close(nsfd);
		printf("undone\n");
		net_plan_free(plan);
		return 0;
	}
	inside_us = now_us();
	if (write(go[1], "g", 1) != 1 || read(result[0], &inside_ret, sizeof(inside_ret)) != sizeof(inside_ret))
		inside_ret = -EPIPE;
	inside_us = now_us() - inside_us;
	if (inside_ret < 0) {
		fprintf(stderr, "net-driver: inside failed: %s\n", strerror(-inside_ret));
		net_plan_undo(plan, nsfd);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		close(nsfd);
		net_plan_free(plan);
		return 1;
	}
	write_status(status, child, plan, true);

	for (;;) {
		int sig;

		if (sigwait(&set, &sig) != 0)
			continue;
		if (sig == SIGCHLD && waitpid(child, NULL, WNOHANG) == 0)
			continue;
		break;
	}
	/* Stop as the monitor would: init gone, namespace still held by nsfd. */
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	net_stop_host_side(plan, nsfd);
	close(nsfd);
	if (wait_ms >= 0) {
		for (size_t i = 0; i < net_plan_device_count(plan); i++) {
			struct net_device_info info;
			int64_t start = now_ms();

			net_plan_device_info(plan, i, &info);
			if (!*info.host_name)
				continue;
			ret = net_wait_gone(info.host_name, wait_ms);
			printf("%s %s after %lld ms\n", ret == 0 ? "gone" : "still", info.host_name,
			       (long long)(now_ms() - start));
			if (ret)
				exit_code = 1;
		}
	}
	net_plan_free(plan);
	return exit_code;
}
