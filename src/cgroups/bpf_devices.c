/* bpf_devices.c - lxc.cgroup2.devices.allow/deny: rules parsed, kept as cgroup v1's device list would keep them, compiled into a cgroup2 BPF device program and attached with the raw bpf() syscall; SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cgroups/bpf_devices.h"
#include "log.h"

_Static_assert(sizeof(struct dev_insn) == sizeof(struct bpf_insn), "dev_insn is bpf_insn's layout");
_Static_assert((int)DEV_ACC_MKNOD == (int)BPF_DEVCG_ACC_MKNOD && (int)DEV_ACC_READ == (int)BPF_DEVCG_ACC_READ &&
		       (int)DEV_ACC_WRITE == (int)BPF_DEVCG_ACC_WRITE,
	       "access bits are the kernel's");
_Static_assert((int)DEV_TYPE_BLOCK == (int)BPF_DEVCG_DEV_BLOCK && (int)DEV_TYPE_CHAR == (int)BPF_DEVCG_DEV_CHAR,
	       "types are the kernel's");

/* ---- rules ---- */

static int parse_number(const char **s, int32_t max, int32_t *out)
{
	const char *p = *s;
	int64_t v = 0;

	if (*p == '*') {
		*out = DEV_ANY;
		*s = p + 1;
		return 0;
	}
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (*p - '0');
		if (v > max)
			return -ERANGE;
	}
	*out = (int32_t)v;
	*s = p;
	return 0;
}

int dev_rule_parse(const char *value, bool allow, struct dev_rule *out, char *err, size_t errlen)
{
	const char *p = value;
	int ret;

	memset(out, 0, sizeof(*out));
	out->allow = allow;
	while (isspace((unsigned char)*p))
		p++;
	switch (*p) {
	case 'a':
		out->type = DEV_TYPE_ALL;
		break;
	case 'b':
		out->type = DEV_TYPE_BLOCK;
		break;
	case 'c':
		out->type = DEV_TYPE_CHAR;
		break;
	default:
		snprintf(err, errlen, "'%s' is not a device rule (write 'a' or 'TYPE MAJOR:MINOR ACCESS', TYPE a, b or c, e.g. 'c 1:3 rwm')",
			 value);
		return -EINVAL;
	}
	p++;
	if (out->type == DEV_TYPE_ALL) {
		const char *q = p;
		while (isspace((unsigned char)*q))
			q++;
		if (!*q) {
			out->all = true;
			out->major = out->minor = DEV_ANY;
			out->access = DEV_ACC_ALL;
			return 0;
		}
	}
	if (!isspace((unsigned char)*p)) {
		snprintf(err, errlen, "'%s' is not a device rule (a space must follow the type: 'c 1:3 rwm')", value);
		return -EINVAL;
	}
	while (isspace((unsigned char)*p))
		p++;
	ret = parse_number(&p, DEV_MAJOR_MAX, &out->major);
	if (ret == -ERANGE) {
		snprintf(err, errlen, "'%s': the major number is larger than %d", value, DEV_MAJOR_MAX);
		return -EINVAL;
	}
	if (ret < 0 || *p != ':') {
		snprintf(err, errlen, "'%s' is not a device rule (write MAJOR:MINOR as numbers or '*', e.g. 'c 1:3 rwm')", value);
		return -EINVAL;
	}
	p++;
	ret = parse_number(&p, DEV_MINOR_MAX, &out->minor);
	if (ret == -ERANGE) {
		snprintf(err, errlen, "'%s': the minor number is larger than %d", value, DEV_MINOR_MAX);
		return -EINVAL;
	}
	if (ret < 0) {
		snprintf(err, errlen, "'%s' is not a device rule (write MAJOR:MINOR as numbers or '*', e.g. 'c 1:3 rwm')", value);
		return -EINVAL;
	}
	if (!isspace((unsigned char)*p)) {
		snprintf(err, errlen, "'%s' is not a device rule (the access, a subset of rwm, must follow MAJOR:MINOR)", value);
		return -EINVAL;
	}
	while (isspace((unsigned char)*p))
		p++;
	for (; *p && !isspace((unsigned char)*p); p++) {
		unsigned bit = *p == 'r' ? DEV_ACC_READ : *p == 'w' ? DEV_ACC_WRITE : *p == 'm' ? DEV_ACC_MKNOD : 0;
		if (!bit || (out->access & bit)) {
			snprintf(err, errlen, "'%s': the access '%c' is %s (use each of r, w and m at most once)", value, *p,
				 bit ? "repeated" : "not one of r, w, m");
			return -EINVAL;
		}
		out->access |= bit;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p) {
		snprintf(err, errlen, "'%s': unexpected '%s' after the access", value, p);
		return -EINVAL;
	}
	if (!out->access) {
		snprintf(err, errlen, "'%s' names no access (add a subset of rwm: '%s rwm')", value, value);
		return -EINVAL;
	}
	return 0;
}

static void format_num(char *buf, size_t len, int32_t v)
{
	if (v == DEV_ANY)
		snprintf(buf, len, "*");
	else
		snprintf(buf, len, "%d", (int)v);
}

void dev_rule_format(const struct dev_rule *r, char *buf, size_t len)
{
	char maj[16], min[16], acc[4];
	size_t n = 0;

	if (r->all) {
		snprintf(buf, len, "a");
		return;
	}
	format_num(maj, sizeof(maj), r->major);
	format_num(min, sizeof(min), r->minor);
	if (r->access & DEV_ACC_READ)
		acc[n++] = 'r';
	if (r->access & DEV_ACC_WRITE)
		acc[n++] = 'w';
	if (r->access & DEV_ACC_MKNOD)
		acc[n++] = 'm';
	acc[n] = '\0';
	snprintf(buf, len, "%c %s:%s %s", r->type == DEV_TYPE_BLOCK ? 'b' : r->type == DEV_TYPE_CHAR ? 'c' : 'a', maj, min,
		 acc);
}

/* ---- the policy ---- */

void dev_policy_init(struct dev_policy *p)
{
	p->default_allow = true;
	p->ex = NULL;
	p->n = 0;
}

void dev_policy_free(struct dev_policy *p)
{
	free(p->ex);
	dev_policy_init(p);
}

int dev_policy_apply(struct dev_policy *p, const struct dev_rule *r)
{
	struct dev_exception *e = NULL;

	if (r->all) {
		free(p->ex);
		p->ex = NULL;
		p->n = 0;
		p->default_allow = r->allow;
		return 0;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->ex[i].type == r->type && p->ex[i].major == r->major && p->ex[i].minor == r->minor)
			e = &p->ex[i];
	if (r->allow != p->default_allow) {
		struct dev_exception *grown;

		if (e) {
			e->access |= r->access;
			return 0;
		}
		grown = realloc(p->ex, (p->n + 1) * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		p->ex = grown;
		p->ex[p->n++] = (struct dev_exception){ r->type, r->major, r->minor, r->access };
		return 0;
	}
	/* The same as the default: what it names is no exception any more. */
	if (e) {
		e->access &= ~r->access;
		if (!e->access) {
			size_t i = (size_t)(e - p->ex);
			memmove(&p->ex[i], &p->ex[i + 1], (p->n - i - 1) * sizeof(*e));
			p->n--;
		}
	}
	return 0;
}

bool dev_policy_allows_all(const struct dev_policy *p)
{
	return p->default_allow && p->n == 0;
}

static bool covers(const struct dev_exception *e, int type, uint32_t major, uint32_t minor)
{
	return (e->type == DEV_TYPE_ALL || e->type == type) && (e->major == DEV_ANY || (uint32_t)e->major == major) &&
	       (e->minor == DEV_ANY || (uint32_t)e->minor == minor);
}

bool dev_policy_decide(const struct dev_policy *p, int type, uint32_t major, uint32_t minor, unsigned access)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct dev_exception *e = &p->ex[i];

		if (!covers(e, type, major, minor))
			continue;
		if (p->default_allow ? (access & e->access) != 0 : (access & ~e->access) == 0)
			return !p->default_allow;
	}
	return p->default_allow;
}

static int policy_copy(struct dev_policy *dst, const struct dev_policy *src)
{
	dev_policy_init(dst);
	dst->default_allow = src->default_allow;
	if (!src->n)
		return 0;
	dst->ex = malloc(src->n * sizeof(*dst->ex));
	if (!dst->ex)
		return -ENOMEM;
	memcpy(dst->ex, src->ex, src->n * sizeof(*dst->ex));
	dst->n = src->n;
	return 0;
}

/* ---- the program ---- */

/* Registers: r1 the context, then scratch; r2 type, r3 access, r4 major, r5 minor. */
static struct dev_insn insn(uint8_t code, int dst, int src, int16_t off, int32_t imm)
{
	return (struct dev_insn){ .code = code, .regs = (uint8_t)((dst & 0xf) | ((src & 0xf) << 4)), .off = off, .imm = imm };
}

int dev_policy_compile(const struct dev_policy *p, struct dev_insn **insns, size_t *n)
{
	/* Each exception: up to 3 matches, 3 for the access, 2 for the verdict. */
	size_t cap = 7 + 8 * p->n + 2, k = 0;
	struct dev_insn *v = calloc(cap, sizeof(*v));

	if (!v)
		return -ENOMEM;
	v[k++] = insn(BPF_LDX | BPF_MEM | BPF_W, 2, 1, offsetof(struct bpf_cgroup_dev_ctx, access_type), 0);
	v[k++] = insn(BPF_ALU | BPF_MOV | BPF_X, 3, 2, 0, 0);
	v[k++] = insn(BPF_ALU | BPF_RSH | BPF_K, 3, 0, 0, 16);
	v[k++] = insn(BPF_ALU | BPF_AND | BPF_K, 2, 0, 0, 0xffff);
	v[k++] = insn(BPF_LDX | BPF_MEM | BPF_W, 4, 1, offsetof(struct bpf_cgroup_dev_ctx, major), 0);
	v[k++] = insn(BPF_LDX | BPF_MEM | BPF_W, 5, 1, offsetof(struct bpf_cgroup_dev_ctx, minor), 0);

	for (size_t i = 0; i < p->n; i++) {
		const struct dev_exception *e = &p->ex[i];
		size_t jumps[6], nj = 0;

		/* Every failed test jumps past this exception's verdict. */
		if (e->type != DEV_TYPE_ALL) {
			jumps[nj++] = k;
			v[k++] = insn(BPF_JMP | BPF_JNE | BPF_K, 2, 0, 0, e->type);
		}
		if (e->major != DEV_ANY) {
			jumps[nj++] = k;
			v[k++] = insn(BPF_JMP | BPF_JNE | BPF_K, 4, 0, 0, e->major);
		}
		if (e->minor != DEV_ANY) {
			jumps[nj++] = k;
			v[k++] = insn(BPF_JMP | BPF_JNE | BPF_K, 5, 0, 0, e->minor);
		}
		if (e->access != DEV_ACC_ALL) {
			v[k++] = insn(BPF_ALU | BPF_MOV | BPF_X, 1, 3, 0, 0);
			jumps[nj++] = k + 1;
			if (p->default_allow) {
				/* A deny exception covers an access sharing any of its bits. */
				v[k++] = insn(BPF_ALU | BPF_AND | BPF_K, 1, 0, 0, (int32_t)e->access);
				v[k++] = insn(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 0, 0);
			} else {
				/* An allow exception covers an access all of whose bits it holds. */
				v[k++] = insn(BPF_ALU | BPF_AND | BPF_K, 1, 0, 0, (int32_t)(~e->access & DEV_ACC_ALL));
				v[k++] = insn(BPF_JMP | BPF_JNE | BPF_K, 1, 0, 0, 0);
			}
		}
		v[k++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, p->default_allow ? 0 : 1);
		v[k++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
		for (size_t j = 0; j < nj; j++)
			v[jumps[j]].off = (int16_t)(k - jumps[j] - 1);
	}
	v[k++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, p->default_allow ? 1 : 0);
	v[k++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	*insns = v;
	*n = k;
	return 0;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static const char *bpf_hint(int e)
{
	switch (e) {
	case EPERM:
	case EACCES:
		return " (it needs CAP_SYS_ADMIN or CAP_BPF, and no seccomp or LSM policy forbidding bpf())";
	case ENOSYS:
		return " (this kernel has no bpf() system call: CONFIG_BPF_SYSCALL)";
	case EINVAL:
		return " (this kernel may lack CONFIG_CGROUP_BPF)";
	default:
		return "";
	}
}

int dev_prog_load(const struct dev_insn *insns, size_t n, char *err, size_t errlen)
{
	union bpf_attr attr;
	char log[4096];
	int fd, e;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = (uint32_t)n;
	attr.license = (uint64_t)(uintptr_t) "GPL";
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd >= 0)
		return fd;
	e = errno;
	if (e == EINVAL) {
		/* Again with the verifier's log, only to say why. */
		log[0] = '\0';
		attr.log_buf = (uint64_t)(uintptr_t)log;
		attr.log_size = sizeof(log);
		attr.log_level = 1;
		fd = sys_bpf(BPF_PROG_LOAD, &attr);
		if (fd >= 0)
			return fd;
		log[sizeof(log) - 1] = '\0';
		for (char *c = log; *c; c++)
			if (*c == '\n')
				*c = ' ';
	} else {
		log[0] = '\0';
	}
	snprintf(err, errlen, "cannot load the cgroup2 device program: %s%s%s%s", strerror(e), bpf_hint(e),
		 *log ? ": " : "", log);
	return -e;
}

int dev_prog_attach(int cgroup_fd, int prog_fd, int replace_fd, char *err, size_t errlen)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (uint32_t)cgroup_fd;
	attr.attach_bpf_fd = (uint32_t)prog_fd;
	attr.attach_type = BPF_CGROUP_DEVICE;
	attr.attach_flags = BPF_F_ALLOW_MULTI;
	if (replace_fd >= 0) {
		attr.attach_flags |= BPF_F_REPLACE;
		attr.replace_bpf_fd = (uint32_t)replace_fd;
	}
	if (sys_bpf(BPF_PROG_ATTACH, &attr) < 0) {
		int e = errno;
		snprintf(err, errlen, "cannot attach the device program to the container's cgroup2 cgroup: %s%s", strerror(e),
			 bpf_hint(e));
		return -e;
	}
	return 0;
}

uint32_t dev_prog_id(int prog_fd)
{
	struct bpf_prog_info info;
	union bpf_attr attr;

	memset(&info, 0, sizeof(info));
	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = (uint32_t)prog_fd;
	attr.info.info_len = sizeof(info);
	attr.info.info = (uint64_t)(uintptr_t)&info;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr) < 0)
		return 0;
	return info.id;
}

/* ---- one cgroup's program ---- */

void dev_state_init(struct dev_state *s, int cgroup_fd)
{
	dev_policy_init(&s->policy);
	s->prog_fd = -1;
	s->cgroup_fd = cgroup_fd;
}

int dev_state_apply(struct dev_state *s, const struct dev_rule *rules, size_t n, char *err, size_t errlen)
{
	struct dev_policy next;
	struct dev_insn *insns = NULL;
	size_t ninsns = 0;
	int ret, fd;

	ret = policy_copy(&next, &s->policy);
	for (size_t i = 0; ret == 0 && i < n; i++)
		ret = dev_policy_apply(&next, &rules[i]);
	if (ret < 0) {
		dev_policy_free(&next);
		snprintf(err, errlen, "%s", strerror(-ret));
		return ret;
	}
	/* Nothing to enforce and nothing enforced yet: no program at all, as when no rule is set. */
	if (s->prog_fd < 0 && dev_policy_allows_all(&next)) {
		dev_policy_free(&s->policy);
		s->policy = next;
		return 0;
	}
	if (s->cgroup_fd < 0) {
		dev_policy_free(&next);
		snprintf(err, errlen, "the container has no cgroup2 cgroup to attach the device program to");
		return -ENOENT;
	}
	ret = dev_policy_compile(&next, &insns, &ninsns);
	if (ret < 0) {
		dev_policy_free(&next);
		snprintf(err, errlen, "%s", strerror(-ret));
		return ret;
	}
	fd = dev_prog_load(insns, ninsns, err, errlen);
	free(insns);
	if (fd < 0) {
		dev_policy_free(&next);
		return fd;
	}
	ret = dev_prog_attach(s->cgroup_fd, fd, s->prog_fd, err, errlen);
	if (ret < 0) {
		close(fd);
		dev_policy_free(&next);
		return ret;
	}
	/* the program's id costs a syscall: only asked for when traced */
	if (log_get_level() <= LOG_LEVEL_TRACE)
		TRACE("cgroup2 device program %u attached (%zu instructions, default %s, %zu exceptions)",
		      dev_prog_id(fd), ninsns, next.default_allow ? "allow" : "deny", next.n);
	if (s->prog_fd >= 0)
		close(s->prog_fd);
	s->prog_fd = fd;
	dev_policy_free(&s->policy);
	s->policy = next;
	return 0;
}

void dev_state_free(struct dev_state *s)
{
	if (s->prog_fd >= 0)
		close(s->prog_fd);
	s->prog_fd = -1;
	dev_policy_free(&s->policy);
}
