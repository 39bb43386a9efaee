/* test-bpf-devices.c - unit tests of the cgroup2 device program: rule parsing, the v1-like list semantics, and the compiled program's decisions run through a small eBPF interpreter (and the kernel's verifier when it may load it); SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"

#include <errno.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <unistd.h>

#include "cgroups/bpf_devices.h"
#include "unit.h"

/* ---- a tiny interpreter of the instructions the compiler emits ---- */

#define BAD_PROGRAM (-2)

/* Runs prog on one access: 1 allow, 0 deny, BAD_PROGRAM for anything the
 * compiler must not emit (an unknown opcode, a jump out of the program, a
 * read outside the context, running off the end, a loop). */
static int interpret(const struct dev_insn *prog, size_t n, int type, uint32_t major, uint32_t minor, unsigned access)
{
	struct bpf_cgroup_dev_ctx ctx = { .access_type = (uint32_t)type | ((uint32_t)access << 16), .major = major,
					  .minor = minor };
	uint64_t r[11] = { 0 };
	bool init[11] = { false };
	size_t pc = 0, steps = 0;

	r[1] = 0; /* the context: offsets into ctx */
	init[1] = true;
	while (pc < n && steps++ < 10000) {
		const struct dev_insn *i = &prog[pc];
		int dst = i->regs & 0xf, src = i->regs >> 4;
		uint64_t srcv = (i->code & BPF_X) ? r[src] : (uint64_t)(int64_t)i->imm;

		if (dst > 10 || src > 10)
			return BAD_PROGRAM;
		if ((i->code & BPF_X) && BPF_CLASS(i->code) != BPF_LDX && !init[src])
			return BAD_PROGRAM;
		switch (BPF_CLASS(i->code)) {
		case BPF_LDX: {
			uint32_t v;
			if (i->code != (BPF_LDX | BPF_MEM | BPF_W) || src != 1 || i->off < 0 ||
			    (size_t)i->off + 4 > sizeof(ctx) || i->off % 4)
				return BAD_PROGRAM;
			memcpy(&v, (char *)&ctx + i->off, 4);
			r[dst] = v;
			init[dst] = true;
			break;
		}
		case BPF_ALU:
		case BPF_ALU64: {
			bool wide = BPF_CLASS(i->code) == BPF_ALU64;
			uint64_t v;
			if (BPF_OP(i->code) != BPF_MOV && !init[dst])
				return BAD_PROGRAM;
			switch (BPF_OP(i->code)) {
			case BPF_MOV:
				v = srcv;
				break;
			case BPF_AND:
				v = r[dst] & srcv;
				break;
			case BPF_RSH:
				v = wide ? r[dst] >> (srcv & 63) : (uint32_t)r[dst] >> (srcv & 31);
				break;
			default:
				return BAD_PROGRAM;
			}
			r[dst] = wide ? v : (uint32_t)v;
			init[dst] = true;
			break;
		}
		case BPF_JMP: {
			bool jump;
			if (BPF_OP(i->code) == BPF_EXIT) {
				if (!init[0])
					return BAD_PROGRAM;
				return (int)r[0];
			}
			if (!init[dst])
				return BAD_PROGRAM;
			switch (BPF_OP(i->code)) {
			case BPF_JEQ:
				jump = r[dst] == srcv;
				break;
			case BPF_JNE:
				jump = r[dst] != srcv;
				break;
			case BPF_JA:
				jump = true;
				break;
			default:
				return BAD_PROGRAM;
			}
			if (jump) {
				if (i->off < 0 || pc + 1 + (size_t)i->off >= n)
					return BAD_PROGRAM;
				pc += (size_t)i->off;
			}
			break;
		}
		default:
			return BAD_PROGRAM;
		}
		pc++;
	}
	return BAD_PROGRAM;
}

/* ---- helpers ---- */

static struct dev_rule rule(bool allow, const char *text)
{
	struct dev_rule r;
	char err[256] = "";
	int ret = dev_rule_parse(text, allow, &r, err, sizeof(err));

	if (ret < 0)
		printf("  rule '%s' did not parse: %s\n", text, err);
	CHECK_INT(ret, 0);
	return r;
}

static void apply(struct dev_policy *p, bool allow, const char *text)
{
	struct dev_rule r = rule(allow, text);
	CHECK_INT(dev_policy_apply(p, &r), 0);
}

/* The program's and the policy's answer, which must agree; returns the program's. */
static int decide(const struct dev_policy *p, int type, uint32_t major, uint32_t minor, unsigned access)
{
	struct dev_insn *prog = NULL;
	size_t n = 0;
	int got;

	CHECK_INT(dev_policy_compile(p, &prog, &n), 0);
	got = interpret(prog, n, type, major, minor, access);
	free(prog);
	if (got != (int)dev_policy_decide(p, type, major, minor, access))
		printf("  program says %d, policy says %d for %c %u:%u %u\n", got,
		       (int)dev_policy_decide(p, type, major, minor, access), type == DEV_TYPE_BLOCK ? 'b' : 'c', major,
		       minor, access);
	CHECK_INT(got, (int)dev_policy_decide(p, type, major, minor, access));
	return got;
}

#define R DEV_ACC_READ
#define W DEV_ACC_WRITE
#define M DEV_ACC_MKNOD
#define B DEV_TYPE_BLOCK
#define C DEV_TYPE_CHAR

/* ---- tests ---- */

static void test_parse_good(void)
{
	struct dev_rule r;
	char buf[64];

	r = rule(true, "a");
	CHECK(r.all);
	CHECK(r.allow);
	r = rule(false, "  a  ");
	CHECK(r.all);
	CHECK(!r.allow);
	r = rule(true, "c 1:3 rwm");
	CHECK(!r.all);
	CHECK_INT(r.type, DEV_TYPE_CHAR);
	CHECK_INT(r.major, 1);
	CHECK_INT(r.minor, 3);
	CHECK_INT(r.access, R | W | M);
	r = rule(false, "b *:* m");
	CHECK_INT(r.type, DEV_TYPE_BLOCK);
	CHECK_INT(r.major, DEV_ANY);
	CHECK_INT(r.minor, DEV_ANY);
	CHECK_INT(r.access, M);
	r = rule(true, "c 136:* rw");
	CHECK_INT(r.major, 136);
	CHECK_INT(r.minor, DEV_ANY);
	CHECK_INT(r.access, R | W);
	r = rule(true, "a 254:0 wr");
	CHECK(!r.all);
	CHECK_INT(r.type, DEV_TYPE_ALL);
	CHECK_INT(r.access, R | W);
	r = rule(true, "c 4095:1048575 r");
	CHECK_INT(r.major, 4095);
	CHECK_INT(r.minor, 1048575);
	dev_rule_format(&(struct dev_rule){ .type = DEV_TYPE_CHAR, .major = 10, .minor = DEV_ANY, .access = W | M }, buf,
			sizeof(buf));
	CHECK_STR(buf, "c 10:* wm");
	r = rule(false, "a");
	dev_rule_format(&r, buf, sizeof(buf));
	CHECK_STR(buf, "a");
}

static void bad(const char *text, const char *why)
{
	struct dev_rule r;
	char err[256] = "";

	CHECK_INT(dev_rule_parse(text, true, &r, err, sizeof(err)), -EINVAL);
	CHECK_CONTAINS(err, why);
}

static void test_parse_bad(void)
{
	bad("", "is not a device rule");
	bad("x 1:3 rwm", "TYPE a, b or c");
	bad("c", "a space must follow the type");
	bad("c1:3 rwm", "a space must follow the type");
	bad("c 1 rwm", "MAJOR:MINOR");
	bad("c 1: rwm", "MAJOR:MINOR");
	bad("c a:3 rwm", "MAJOR:MINOR");
	bad("c 1:3", "the access, a subset of rwm");
	bad("c 1:3 ", "names no access");
	bad("c 1:3 rwx", "'x' is not one of r, w, m");
	bad("c 1:3 rr", "'r' is repeated");
	bad("c 1:3 rw extra", "unexpected 'extra'");
	bad("c 4096:0 r", "major number is larger than 4095");
	bad("c 1:1048576 r", "minor number is larger than 1048575");
	bad("c -1:3 r", "MAJOR:MINOR");
	bad("c 99999999999999999999:3 r", "major number is larger");
}

static void test_default_allows_everything(void)
{
	struct dev_policy p;

	dev_policy_init(&p);
	CHECK(dev_policy_allows_all(&p));
	CHECK_INT(decide(&p, B, 254, 0, R), 1);
	CHECK_INT(decide(&p, C, 1, 3, R | W), 1);
	dev_policy_free(&p);
}

static void test_deny_all_then_allow(void)
{
	struct dev_policy p;

	dev_policy_init(&p);
	apply(&p, false, "a");
	CHECK(!dev_policy_allows_all(&p));
	CHECK_INT(decide(&p, C, 1, 3, R), 0);
	apply(&p, true, "c 1:3 rwm");
	apply(&p, true, "c 136:* rw");
	apply(&p, true, "b 7:* r");
	CHECK_INT(decide(&p, C, 1, 3, R | W), 1);
	CHECK_INT(decide(&p, C, 1, 3, M), 1);
	CHECK_INT(decide(&p, C, 1, 5, R), 0);
	CHECK_INT(decide(&p, C, 136, 7, R | W), 1);
	CHECK_INT(decide(&p, C, 136, 7, M), 0);      /* m not allowed */
	CHECK_INT(decide(&p, B, 136, 7, R), 0);      /* wrong type */
	CHECK_INT(decide(&p, B, 7, 2, R), 1);
	CHECK_INT(decide(&p, B, 7, 2, R | W), 0);    /* an allow must hold every bit asked */
	CHECK_INT(decide(&p, B, 254, 0, R), 0);
	dev_policy_free(&p);
}

static void test_allow_all_then_deny(void)
{
	struct dev_policy p;

	dev_policy_init(&p);
	apply(&p, true, "a");
	CHECK(dev_policy_allows_all(&p));
	apply(&p, false, "b 254:0 rwm");
	apply(&p, false, "c 10:* w");
	CHECK_INT(decide(&p, B, 254, 0, R), 0);
	CHECK_INT(decide(&p, B, 254, 1, R), 1);
	CHECK_INT(decide(&p, C, 254, 0, R), 1);
	CHECK_INT(decide(&p, C, 10, 200, R), 1);
	CHECK_INT(decide(&p, C, 10, 200, W), 0);
	CHECK_INT(decide(&p, C, 10, 200, R | W), 0); /* a deny covers any bit asked */
	dev_policy_free(&p);
}

static void test_overrides(void)
{
	struct dev_policy p;

	/* deny a clears what came before */
	dev_policy_init(&p);
	apply(&p, false, "a");
	apply(&p, true, "c 1:3 rwm");
	apply(&p, false, "a");
	CHECK_INT(p.n, 0);
	CHECK_INT(decide(&p, C, 1, 3, R), 0);
	/* allow a switches back to allowing everything */
	apply(&p, true, "c 1:3 rwm");
	apply(&p, true, "a");
	CHECK(dev_policy_allows_all(&p));
	CHECK_INT(decide(&p, B, 8, 0, R | W | M), 1);
	/* with a default deny, a deny takes bits away from the exact allow */
	apply(&p, false, "a");
	apply(&p, true, "c 1:3 rwm");
	apply(&p, false, "c 1:3 w");
	CHECK_INT(decide(&p, C, 1, 3, R), 1);
	CHECK_INT(decide(&p, C, 1, 3, W), 0);
	apply(&p, false, "c 1:3 rm");
	CHECK_INT(p.n, 0);
	CHECK_INT(decide(&p, C, 1, 3, R), 0);
	/* ... but not from a wider one (as v1: c *:* stays) */
	apply(&p, true, "c *:* rwm");
	apply(&p, false, "c 1:3 rwm");
	CHECK_INT(decide(&p, C, 1, 3, R), 1);
	/* the same rule twice is one exception; bits add up */
	dev_policy_free(&p);
	dev_policy_init(&p);
	apply(&p, false, "b 8:0 r");
	apply(&p, false, "b 8:0 w");
	CHECK_INT(p.n, 1);
	CHECK_INT(decide(&p, B, 8, 0, W), 0);
	CHECK_INT(decide(&p, B, 8, 0, M), 1);
	/* an allow of the same device lifts the deny */
	apply(&p, true, "b 8:0 rw");
	CHECK_INT(p.n, 0);
	CHECK_INT(decide(&p, B, 8, 0, R | W), 1);
	dev_policy_free(&p);
}

/* Program and policy agree on every combination around a mixed list. */
static void test_program_matches_policy(void)
{
	static const char *rules[] = { "c 1:* rw", "b 7:3 m", "a 5:1 r", "c *:9 w", "b *:* r", "a *:* m" };
	static const uint32_t majors[] = { 0, 1, 5, 7, 9, 4095 };
	static const uint32_t minors[] = { 0, 1, 3, 9, 1048575 };

	for (int def = 0; def < 2; def++) {
		struct dev_policy p;

		dev_policy_init(&p);
		apply(&p, def, "a");
		for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
			apply(&p, !def, rules[i]);
		for (int t = 1; t <= 2; t++)
			for (size_t a = 0; a < 6; a++)
				for (size_t b = 0; b < 5; b++)
					for (unsigned acc = 1; acc <= 7; acc++)
						decide(&p, t, majors[a], minors[b], acc);
		dev_policy_free(&p);
	}
}

/* The interpreter itself can say no: a broken program is caught. */
static void test_interpreter_catches_bad_programs(void)
{
	struct dev_insn jump_out[] = { { .code = BPF_JMP | BPF_JA, .off = 5 }, { .code = BPF_JMP | BPF_EXIT } };
	struct dev_insn no_r0[] = { { .code = BPF_JMP | BPF_EXIT } };
	struct dev_policy p;
	struct dev_insn *prog = NULL;
	size_t n = 0;

	CHECK_INT(interpret(jump_out, 2, C, 1, 3, R), BAD_PROGRAM);
	CHECK_INT(interpret(no_r0, 1, C, 1, 3, R), BAD_PROGRAM);
	dev_policy_init(&p);
	apply(&p, false, "a");
	apply(&p, true, "c 1:3 r");
	CHECK_INT(dev_policy_compile(&p, &prog, &n), 0);
	CHECK_INT(interpret(prog, n, C, 1, 3, R), 1);
	prog[n - 2].imm = 1; /* the final default: deny turned into allow */
	CHECK_INT(interpret(prog, n, C, 1, 4, R), 1);
	CHECK(interpret(prog, n, C, 1, 4, R) != (int)dev_policy_decide(&p, C, 1, 4, R));
	free(prog);
	dev_policy_free(&p);
}

/* The kernel's verifier accepts what the compiler emits (root only). */
static void test_kernel_loads_it(void)
{
	struct dev_policy p;
	struct dev_insn *prog = NULL;
	size_t n = 0;
	char err[512] = "";
	int fd;

	if (geteuid() != 0)
		SKIP("loading a BPF program needs root");
	dev_policy_init(&p);
	apply(&p, false, "a");
	apply(&p, true, "c 1:3 rwm");
	apply(&p, true, "c 136:* rw");
	apply(&p, true, "b *:2 r");
	CHECK_INT(dev_policy_compile(&p, &prog, &n), 0);
	fd = dev_prog_load(prog, n, err, sizeof(err));
	if (fd == -ENOSYS || fd == -EPERM) {
		free(prog);
		dev_policy_free(&p);
		SKIP("the kernel refuses bpf() here");
	}
	if (fd < 0)
		printf("  %s\n", err);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(dev_prog_id(fd) > 0);
		close(fd);
	}
	/* A broken program is refused with the verifier's reason. */
	prog[n - 1].code = BPF_ALU64 | BPF_MOV | BPF_K; /* no exit at the end */
	fd = dev_prog_load(prog, n, err, sizeof(err));
	CHECK(fd < 0);
	CHECK_CONTAINS(err, "cannot load the cgroup2 device program");
	if (fd >= 0)
		close(fd);
	free(prog);
	dev_policy_free(&p);
}

UNIT_MAIN_BEGIN
RUN(test_parse_good);
RUN(test_parse_bad);
RUN(test_default_allows_everything);
RUN(test_deny_all_then_allow);
RUN(test_allow_all_then_deny);
RUN(test_overrides);
RUN(test_program_matches_policy);
RUN(test_interpreter_catches_bad_programs);
RUN(test_kernel_loads_it);
UNIT_MAIN_END
