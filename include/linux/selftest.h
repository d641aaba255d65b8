/* SPDX-License-Identifier: MIT */
/*
 * In-firmware self-tests, printed as KTAP version 1 (the format of Linux's
 * KUnit) so standard KTAP parsers read them. A suite is a named array of
 * cases; SELFTEST_SUITE() places it in the "selftests" linker section, and
 * the bootarg selftest=<all|suite,...> picks which run. After each suite an
 * "@selftest suite= passed= failed= skipped=" record follows.
 *
 * In a case, ST_EXPECT*() records a failure and goes on; ST_ASSERT*()
 * records it and returns from the case.
 */
#ifndef _LINUX_SELFTEST_H
#define _LINUX_SELFTEST_H

#include <linux/compiler.h>
#include <linux/types.h>

struct selftest {
	const char *name;
	unsigned int failures;
	const char *skip_reason;	/* set by ST_SKIP */
	bool errors_expected;		/* set by ST_EXPECT_ERRORS */
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
 * The case plants bugs whose KERN_ERR reports are the expected outcome (it
 * checks them itself): they do not count in @summary errors=.
 */
#define ST_EXPECT_ERRORS(t)	((t)->errors_expected = true)

#define ST_SKIP(t, reason)	do { (t)->skip_reason = (reason); return; } while (0)

/* Run the suites that selftest= names; returns the number of failed cases. */
unsigned int selftest_run_all(void);
/* Whether selftest= asked for anything. */
bool selftest_requested(void);

#endif /* _LINUX_SELFTEST_H */
