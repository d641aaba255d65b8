/* SPDX-License-Identifier: MIT */
/*
 * The user programs' test runtime: string helpers, a printf-like writer,
 * checks that end the process on failure, named cases, and fork helpers.
 *
 * Output (fd 1), one line per case:
 *   ok <prog>.<case>
 *   skip <prog>.<case>: <reason>
 *   not ok <prog>.<case>: <file>:<line>: <failed expression> [values]
 *   <prog>: <n> passed, <m> skipped
 * The first failed check prints its "not ok" line and exits 1, so a program
 * exits 0 only if every check of every case that ran held.
 */
#ifndef _UT_UT_H
#define _UT_UT_H

#include <stdarg.h>
#include <stddef.h>

#include "sys.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/*
 * ut_printf/ut_dprintf: %s %c %d %u %x %p and the l modifier (long is 32
 * bits), field width and 0 padding. Each call is one write(), so lines of
 * a parent and its child do not interleave within a line. Returns the
 * write() result.
 */
long ut_dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define ut_printf(...) ut_dprintf(1, __VA_ARGS__)

/* Print the "not ok" line of the running case and exit 1. */
__attribute__((noreturn)) void ut_fail(const char *file, int line, const char *expr);
__attribute__((noreturn)) void ut_fail_eq(const char *file, int line, const char *a,
					  const char *b, long va, long vb);
__attribute__((noreturn)) void ut_fail_err(const char *file, int line, const char *expr,
					   long err);

/* CHECK(expr): expr must be true. */
#define CHECK(expr)							\
	do {								\
		if (!(expr))						\
			ut_fail(__FILE__, __LINE__, #expr);		\
	} while (0)

/* CHECK_EQ(a, b): a == b, compared as longs; the failure prints both. */
#define CHECK_EQ(a, b)							\
	do {								\
		long ut_a_ = (long)(a), ut_b_ = (long)(b);		\
		if (ut_a_ != ut_b_)					\
			ut_fail_eq(__FILE__, __LINE__, #a, #b, ut_a_, ut_b_); \
	} while (0)

/* CHECK_OK(r): a system call result that is not an error. */
#define CHECK_OK(r)							\
	do {								\
		long ut_r_ = (long)(r);					\
		if (IS_ERR_VALUE(ut_r_))				\
			ut_fail_err(__FILE__, __LINE__, #r, ut_r_);	\
	} while (0)

struct ut_case {
	const char *name;
	void (*fn)(void);
};

/*
 * Run the cases in order, printing a line for each, then the summary.
 * Returns 0 (a failing check never returns). With ut_abi_honours_env
 * (the linux variant only), UTEST_SKIP=<prog.case,...> skips those cases
 * and UTEST_ONLY=<prog.case,...> runs only those; the kernel variant
 * always runs every case.
 */
int ut_run(const struct ut_case *cases, int n);
#define UT_RUN(cases) ut_run((cases), (int)(sizeof(cases) / sizeof((cases)[0])))

/* Set by crt0 before main. */
extern int ut_argc;
extern char **ut_argv;
extern char **ut_envp;
extern unsigned long *ut_auxv;
/* The value of environment variable name, or NULL. */
const char *ut_getenv(const char *name);

/*
 * Fork a child that runs fn(arg) and then exits 0; wait for it and return
 * its wait status. The parent's check fails if fork or wait fails.
 */
int ut_run_child(void (*fn)(void *), void *arg);

/* CHECK_SIGNALED(status, sig): the child was killed by signal sig. */
#define CHECK_SIGNALED(status, sig)					\
	do {								\
		int ut_s_ = (status);					\
		if (!WIFSIGNALED(ut_s_) || WTERMSIG(ut_s_) != (sig))	\
			ut_fail_eq(__FILE__, __LINE__, "killed by " #sig, \
				   "wait status", (sig), ut_s_);	\
	} while (0)

/* CHECK_EXITED(status, code): the child exited with that code. */
#define CHECK_EXITED(status, code)					\
	do {								\
		int ut_s_ = (status);					\
		if (!WIFEXITED(ut_s_) || WEXITSTATUS(ut_s_) != (code))	\
			ut_fail_eq(__FILE__, __LINE__, "exited " #code,	\
				   "wait status", (code) << 8, ut_s_);	\
	} while (0)

/* Map len bytes of private anonymous memory with prot; the check fails on error. */
void *ut_map(unsigned long len, int prot);

/* Read and write through volatile pointers, so the access really happens. */
static inline unsigned char ut_peek(const void *p)
{
	return *(const volatile unsigned char *)p;
}

static inline void ut_poke(void *p, unsigned char v)
{
	*(volatile unsigned char *)p = v;
}

#endif /* _UT_UT_H */
