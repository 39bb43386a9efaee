/* start_signal.h - signal names as lxc.signal.* and lxc-stop take them (SIGPWR, PWR, 30, SIGRTMIN+14); SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_START_SIGNAL_H
#define BERTH_START_SIGNAL_H

/* "SIGPWR", "pwr", "30", "SIGRTMIN+14", "RTMAX-10" -> the number; -EINVAL if none. */
int signal_from_name(const char *s);
/* 30 -> "SIGPWR", 34+14 -> "SIGRTMIN+14"; writes into buf and returns it. */
const char *signal_to_name(int sig, char *buf, unsigned len);

#endif
