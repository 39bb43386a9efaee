/* commands_wire.h - the command socket's messages and the client's plumbing, shared by commands*.c (private to them); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_COMMANDS_WIRE_H
#define BERTH_COMMANDS_WIRE_H

#include <stdint.h>

#define CMD_MAGIC 0x62727468u /* "brth" */
#define CMD_MAX_MSG 65536
/* The most data (a NUL-terminated string) one request may carry. */
#define CMD_MAX_REQ_DATA 4096

enum cmd_id {
	CMD_GET_STATE = 1,
	CMD_GET_INIT_PID,
	CMD_GET_INIT_PIDFD,
	CMD_GET_MONITOR_PID,
	CMD_STOP,
	CMD_SIGNAL,
	CMD_GET_CONFIG_ITEM,
	CMD_GET_CGROUP,
	CMD_SUBSCRIBE,
	CMD_CONSOLE,
	CMD_CONSOLE_LOG,
	CMD_CONSOLE_WINCH,
	CMD_DEVICE_RULE,
	CMD_FREEZE,
};

struct cmd_req {
	uint32_t magic;
	uint32_t cmd;
	int32_t arg;
	uint32_t datalen;
};

struct cmd_rsp {
	uint32_t magic;
	int32_t ret;
	uint32_t datalen;
};

/* A stable hash of a name (the lxcpath): socket and broadcast names from paths of any length. */
uint64_t cmd_fnv64(const char *s);
/* A connection to the container's command socket; -errno (-ECONNREFUSED: not running). */
int cmd_connect(const char *name, const char *lxcpath);
/* One request, and one response (data malloc'd, a passed fd in *fd when fd is not NULL). */
int cmd_send_req(int s, uint32_t cmd, int32_t arg, const char *data);
int cmd_recv_rsp(int s, struct cmd_rsp *rsp, char **data, int *fd);
/* commands_broadcast.c: an event (CMD_EVENT_*) of container name to lxc-monitor's listeners on lxcpath. */
void cmd_broadcast(const char *name, const char *lxcpath, int type, int value);

#endif
