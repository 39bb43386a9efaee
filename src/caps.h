/* caps.h - capability names (lxc.cap.drop/keep) and dropping them from every set of the container's init; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CAPS_H
#define BERTH_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The highest capability this kernel knows (/proc/sys/kernel/cap_last_cap). */
int caps_last_cap(void);
/* "sys_module", "CAP_SYS_MODULE" or "16" -> 16; -EINVAL if unknown. */
int caps_from_name(const char *name);
/* Space-separated names ORed into *mask. "none" (for keep) clears it. -EINVAL with err. */
int caps_parse_list(const char *value, uint64_t *mask, bool allow_none, char *err, size_t errlen);
/* Every capability 0..last. */
uint64_t caps_all(void);

/* In the child: drops from the bounding set (needs CAP_SETPCAP, so call it
 * before changing ids), then caps_drop_process for the other sets. */
int caps_drop_bounding(uint64_t drop, char *err, size_t errlen);
/* Drops from effective, permitted and inheritable, and lowers them in ambient. */
int caps_drop_process(uint64_t drop, char *err, size_t errlen);

#endif
