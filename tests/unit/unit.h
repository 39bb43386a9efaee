/* unit.h - the tiny unit-test harness: CHECK macros and PASS/FAIL/SKIP lines that tests/run counts; SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef BERTH_TESTS_UNIT_H
#define BERTH_TESTS_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Each test is a function; a CHECK that fails marks the current test failed
 * (and prints where) but lets it go on, so one run shows every broken check.
 * Output, one line per test:  PASS: name | FAIL: name | SKIP: name (reason)
 * The program exits 1 if any test failed, else 0 (77 if everything skipped).
 */
struct unit_state {
	const char *current;
	int failed_checks;
	const char *skip_reason;
	int passed, failed, skipped;
};
extern struct unit_state unit_state;

#define CHECK(cond)                                                                      \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stdout, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			unit_state.failed_checks++;                                      \
		}                                                                        \
	} while (0)

#define CHECK_STR(a, b)                                                                      \
	do {                                                                                 \
		const char *__a = (a), *__b = (b);                                           \
		if (!__a || !__b || strcmp(__a, __b)) {                                      \
			fprintf(stdout, "  %s:%d: %s == %s: \"%s\" != \"%s\"\n", __FILE__, __LINE__, \
				#a, #b, __a ? __a : "(null)", __b ? __b : "(null)");          \
			unit_state.failed_checks++;                                          \
		}                                                                            \
	} while (0)

#define CHECK_INT(a, b)                                                                          \
	do {                                                                                     \
		long long __a = (long long)(a), __b = (long long)(b);                            \
		if (__a != __b) {                                                                \
			fprintf(stdout, "  %s:%d: %s == %s: %lld != %lld\n", __FILE__, __LINE__, #a, \
				#b, __a, __b);                                                   \
			unit_state.failed_checks++;                                              \
		}                                                                                \
	} while (0)

/* Substring check, for error messages. */
#define CHECK_CONTAINS(hay, needle)                                                          \
	do {                                                                                 \
		const char *__h = (hay), *__n = (needle);                                    \
		if (!__h || !strstr(__h, __n)) {                                             \
			fprintf(stdout, "  %s:%d: \"%s\" does not contain \"%s\"\n", __FILE__,      \
				__LINE__, __h ? __h : "(null)", __n);                          \
			unit_state.failed_checks++;                                          \
		}                                                                            \
	} while (0)

/* Mark the running test skipped, with the reason printed; return from it. */
#define SKIP(reason)                               \
	do {                                       \
		unit_state.skip_reason = (reason); \
		return;                            \
	} while (0)

/* unit_file_text(DIR, FILE): what the small file DIR/FILE holds (FILE alone
 * when DIR is NULL), up to 511 bytes, in a static buffer overwritten by the
 * next call; "" when it cannot be read. For comparing fake cgroup files. */
static inline const char *unit_file_text(const char *dir, const char *file)
{
	static char text[512];
	char p[1024];
	FILE *f;
	size_t n;

	if (dir)
		snprintf(p, sizeof(p), "%s/%s", dir, file);
	else
		snprintf(p, sizeof(p), "%s", file);
	text[0] = '\0';
	f = fopen(p, "re");
	if (!f)
		return text;
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static inline void unit_run(const char *name, void (*fn)(void))
{
	unit_state.current = name;
	unit_state.failed_checks = 0;
	unit_state.skip_reason = NULL;
	fflush(stdout);
	fn();
	if (unit_state.failed_checks) {
		printf("FAIL: %s\n", name);
		unit_state.failed++;
	} else if (unit_state.skip_reason) {
		printf("SKIP: %s (%s)\n", name, unit_state.skip_reason);
		unit_state.skipped++;
	} else {
		printf("PASS: %s\n", name);
		unit_state.passed++;
	}
	fflush(stdout);
}

#define RUN(fn) unit_run(#fn, fn)

#define UNIT_MAIN_BEGIN                      \
	struct unit_state unit_state;        \
	int main(int argc, char **argv)      \
	{                                    \
		(void)argc;                  \
		(void)argv;                  \
		setvbuf(stdout, NULL, _IOLBF, 0);

#define UNIT_MAIN_END                                                   \
		if (unit_state.failed)                                  \
			return 1;                                       \
		return unit_state.passed || !unit_state.skipped ? 0 : 77; \
	}

#endif
