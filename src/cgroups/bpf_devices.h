/* bpf_devices.h - lxc.cgroup2.devices.allow/deny: rules parsed, kept as cgroup v1's device list would keep them, compiled into a cgroup2 BPF device program and attached with the raw bpf() syscall; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_CGROUPS_BPF_DEVICES_H
#define BERTH_CGROUPS_BPF_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Access bits, the kernel's BPF_DEVCG_ACC_* values. */
enum { DEV_ACC_MKNOD = 1, DEV_ACC_READ = 2, DEV_ACC_WRITE = 4, DEV_ACC_ALL = 7 };
/* Device types, the kernel's BPF_DEVCG_DEV_* values (0: both, written 'a'). */
enum { DEV_TYPE_ALL = 0, DEV_TYPE_BLOCK = 1, DEV_TYPE_CHAR = 2 };

#define DEV_ANY (-1) /* '*' as a major or minor */
#define DEV_MAJOR_MAX 4095
#define DEV_MINOR_MAX 1048575

/* One line of lxc.cgroup2.devices.allow / deny. */
struct dev_rule {
	bool allow;
	bool all;        /* "a" alone: every device; switches the default and clears the list */
	int type;        /* DEV_TYPE_* */
	int32_t major;   /* DEV_ANY or 0..DEV_MAJOR_MAX */
	int32_t minor;   /* DEV_ANY or 0..DEV_MINOR_MAX */
	unsigned access; /* DEV_ACC_* bits, never 0 */
};

/*
 * Parses LXC's rule syntax: "a", or "TYPE MAJ:MIN ACCESS" with TYPE one of
 * a, b, c, MAJ and MIN a number or '*', ACCESS a non-empty subset of "rwm".
 * 0, or -EINVAL with the reason in err.
 */
int dev_rule_parse(const char *value, bool allow, struct dev_rule *out, char *err, size_t errlen);
/* "c 1:3 rwm" / "a" (without allow/deny). */
void dev_rule_format(const struct dev_rule *r, char *buf, size_t len);

/* An exception to the default: access bits for one type/major/minor pattern. */
struct dev_exception {
	int type;
	int32_t major, minor;
	unsigned access;
};

/*
 * What the rules amount to, as the cgroup v1 devices controller keeps them:
 * a default (allow or deny) and exceptions that all say the opposite.
 * "allow a" / "deny a" set the default and clear the exceptions; a rule
 * that says the opposite of the default adds its access bits to the
 * exception with its exact type/major/minor; a rule that says the same as the
 * default takes its bits away from that exception. A new policy allows
 * everything (a new v1 devices cgroup inherits "a *:* rwm").
 */
struct dev_policy {
	bool default_allow;
	struct dev_exception *ex;
	size_t n;
};

void dev_policy_init(struct dev_policy *p);
void dev_policy_free(struct dev_policy *p);
/* 0 or -ENOMEM (the policy is unchanged then). */
int dev_policy_apply(struct dev_policy *p, const struct dev_rule *r);
/* Whether no exception exists and everything is allowed: no program needed. */
bool dev_policy_allows_all(const struct dev_policy *p);
/*
 * The decision for one access (type DEV_TYPE_BLOCK/CHAR, access the DEV_ACC_*
 * bits asked for): the reference the compiled program must agree with. An
 * allow exception covers an access when it holds all of its bits; a deny
 * exception when it holds any of them (as v1 checks).
 */
bool dev_policy_decide(const struct dev_policy *p, int type, uint32_t major, uint32_t minor, unsigned access);

/* An instruction of the program, laid out as the kernel's struct bpf_insn. */
struct dev_insn {
	uint8_t code;
	uint8_t regs; /* dst in the low nibble, src in the high one */
	int16_t off;
	int32_t imm;
};

/* Compiles the policy into a BPF_PROG_TYPE_CGROUP_DEVICE program (malloc'd). 0 or -ENOMEM. */
int dev_policy_compile(const struct dev_policy *p, struct dev_insn **insns, size_t *n);

/* Loads a compiled program: its fd (O_CLOEXEC), or -errno with the reason (the verifier's, if it has one) in err. */
int dev_prog_load(const struct dev_insn *insns, size_t n, char *err, size_t errlen);
/* Attaches prog_fd to the cgroup2 directory cgroup_fd (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI), replacing
 * replace_fd (an attached program of ours) atomically when it is >= 0. 0 or -errno, the reason in err. */
int dev_prog_attach(int cgroup_fd, int prog_fd, int replace_fd, char *err, size_t errlen);
/* The kernel's id of a loaded program, 0 if unknown. */
uint32_t dev_prog_id(int prog_fd);

/*
 * The policy and the attached program of one cgroup, as the monitor keeps
 * them: dev_state_add applies a rule and, when that changes what the program
 * must decide, compiles, loads and attaches (or replaces) it. The program
 * goes when its cgroup is removed and dev_state_free closes our fd.
 */
struct dev_state {
	struct dev_policy policy;
	int prog_fd;     /* -1: none attached */
	int cgroup_fd;   /* borrowed */
};

void dev_state_init(struct dev_state *s, int cgroup_fd);
/* Applies rules (several at once: one program for all of them). 0 or -errno, the reason in err. */
int dev_state_apply(struct dev_state *s, const struct dev_rule *rules, size_t n, char *err, size_t errlen);
void dev_state_free(struct dev_state *s);

#endif
