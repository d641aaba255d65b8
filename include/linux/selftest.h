/* SPDX-License-Identifier: MIT */
/*
 * In-firmware self-tests, printed as KTAP version 1 (the format of Linux's
 * KUnit) so standard KTAP parsers read them. A suite is a named array of
 * cases; SELFTEST_SUITE() places it in the "selftests" linker section, and
 * the bootarg selftest=<all|suite,...> picks which run. After each suite an
 * "@selftest suite= passed= failed= skipped=" record follows.
 *
 * In a case, ST_EXPECT*() records a failure and goes on; ST_ASSERT*()
 * records it and returns from the case; ST_SKIP() ends it as skipped, with
 * the reason KTAP prints ("ok N name # SKIP <reason>"), for a case that
 * cannot run here (no high memory, too little memory, a debug option off).
 *
 * Every KERN_ERR (or worse) line printed while a case runs is its own: a
 * line the case did not declare with ST_EXPECT_ERRORS() fails the case and
 * counts in @summary errors=; a declared line that never comes fails it too.
 */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Error lines one case may declare (ST_EXPECT_ERRORS), all calls together. */
#define ST_MAX_EXPECTED_ERRORS	16

/*
 * One running case. expected[0..nexpected) are the declared error lines,
 * one entry per line: an error line is forgiven by the first entry not yet
 * matched whose substring it contains, and matched[i] records that it came.
 */
struct selftest {
	const char *name;
	unsigned int failures;
	const char *skip_reason;	/* set by ST_SKIP */
	const char *expected[ST_MAX_EXPECTED_ERRORS];
	bool matched[ST_MAX_EXPECTED_ERRORS];
	unsigned int nexpected;
	unsigned int unexpected;	/* error lines no entry matched */
	char first_unexpected[100];	/* the first of them, for the diagnostic */
};

struct selftest_case {
	const char *name;
	void (*run)(struct selftest *t);
};

struct selftest_suite {
	const char *name;
	const struct selftest_case *cases;
	unsigned int ncases;
};

#define SELFTEST_SUITE(var, sname, case_array)					\
	static const struct selftest_suite var __used __section("selftests") = { \
		.name = sname, .cases = case_array,				\
		.ncases = sizeof(case_array) / sizeof((case_array)[0]),		\
	}

void selftest_fail(struct selftest *t, const char *file, int line,
		   const char *fmt, ...) __printf(4, 5);
/* Declare error lines; list is NULL-terminated (see ST_EXPECT_ERRORS). */
void selftest_expect_errors(struct selftest *t, const char *const *list);

#define ST_EXPECT(t, cond)						\
	do {								\
		if (!(cond))						\
			selftest_fail(t, __FILE__, __LINE__,		\
				      "Expected %s", #cond);		\
	} while (0)

#define ST_EXPECT_EQ(t, a, b)						\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		if (__a != __b)						\
			selftest_fail(t, __FILE__, __LINE__,		\
				      "Expected %s == %s, but %lld != %lld", \
				      #a, #b, __a, __b);		\
	} while (0)

#define ST_ASSERT(t, cond)						\
	do {								\
		if (!(cond)) {						\
			selftest_fail(t, __FILE__, __LINE__,		\
				      "Asserted %s", #cond);		\
			return;						\
		}							\
	} while (0)

/*
 * The case plants bugs whose KERN_ERR reports are the expected outcome:
 * each string stands for one error line that must contain it (name a line
 * twice to expect it twice). Declared before the bug is planted; those
 * lines do not count in @summary errors=, e.g.
 *   ST_EXPECT_ERRORS(t, "wrong order", "double free");
 */
#define ST_EXPECT_ERRORS(t, ...)					\
	selftest_expect_errors(t, (const char *const[]){ __VA_ARGS__, NULL })

#define ST_SKIP(t, reason)	do { (t)->skip_reason = (reason); return; } while (0)

/* Run the suites that selftest= names; returns the number of failed cases. */
unsigned int selftest_run_all(void);
/* Whether selftest= asked for anything. */
bool selftest_requested(void);

#endif /* _LINUX_SELFTEST_H */
