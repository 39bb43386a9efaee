/* create_identity.h - what makes each created container its own: random MAC digits, a fresh machine-id; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CREATE_IDENTITY_H
#define BERTH_CREATE_IDENTITY_H

#include <stdbool.h>
#include <stddef.h>

struct lxc_config;

/*
 * Replaces each 'x' or 'X' of a MAC address template ("00:16:3e:xx:xx:xx")
 * with a hex digit taken from the next byte of rnd (nrnd bytes; the caller
 * gives at least 12). When the second digit of the first octet is random it
 * is one of 2, 6, a, e: the address is then unicast and locally administered
 * (LXC keeps only the unicast bit; a random address must not pose as a
 * vendor's). A digit the template fixes stays. Returns the number of digits
 * filled in.
 */
int hwaddr_fill(char *mac, const unsigned char *rnd, size_t nrnd);

/*
 * Fills in the random digits of every lxc.net.N.hwaddr of conf (conf_set, so
 * the config's text changes too). *changed is set when one did. 0 or -errno
 * (err says which key).
 */
int conf_fill_hwaddrs(struct lxc_config *conf, bool *changed, char *err, size_t errlen);

/* A machine-id as systemd writes /etc/machine-id: 32 lowercase hex digits and a newline. */
void machine_id_format(const unsigned char id[16], char out[34]);

/*
 * Gives the rootfs a fresh /etc/machine-id (a random UUID from libuuid), and
 * the same id to /var/lib/dbus/machine-id where that is a file of its own.
 * Paths are resolved inside the rootfs (a symlinked /etc cannot lead out of
 * it). A rootfs without /etc is left alone. Returns 1 if written, 0 if there
 * is no /etc, or -errno with err.
 */
int rootfs_write_machine_id(const char *rootfs, char *err, size_t errlen);

#endif
