// SPDX-License-Identifier: MIT
/*
 * The program break and the main stack: brk grows with zeroed memory and
 * shrinks (the pages above the new break are gone), a refused brk leaves
 * the break where it was and returns it, and a large local array grows
 * the stack.
 */
#include "ut.h"

#define BRK_GROW	(64 * 1024UL)
#define STACK_ARRAY	(2 * 1024 * 1024UL)	/* well inside the 8 MiB RLIMIT_STACK */
#define PAGE_UP(x)	(((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

extern char _end[];	/* user.lds: the end of bss */

static void case_brk_query(void)
{
	long cur = sys_brk(0);

	CHECK_OK(cur);
	CHECK((unsigned long)cur >= (unsigned long)_end);
	CHECK_EQ(sys_brk(0), cur);
}

static void case_brk_grow(void)
{
	long cur = sys_brk(0);
	char *p = (char *)cur;
	unsigned long i;

	CHECK_EQ(sys_brk(cur + BRK_GROW), cur + BRK_GROW);
	CHECK_EQ(sys_brk(0), cur + BRK_GROW);
	for (i = 0; i < BRK_GROW; i += 64)
		CHECK_EQ(ut_peek(p + i), 0);
	for (i = 0; i < BRK_GROW; i++)
		p[i] = (char)(i * 7);
	for (i = 0; i < BRK_GROW; i++)
		CHECK_EQ(ut_peek(p + i), (unsigned char)(i * 7));
	CHECK_EQ(sys_brk(cur), cur);
}

static void touch(void *p)
{
	ut_poke(p, 1);
}

static void case_brk_shrink(void)
{
	long cur = sys_brk(0);
	unsigned long gone = PAGE_UP((unsigned long)cur) + PAGE_SIZE;
	char *p = (char *)cur;
	unsigned long i;

	CHECK_EQ(sys_brk(cur + BRK_GROW), cur + BRK_GROW);
	for (i = 0; i < BRK_GROW; i++)
		p[i] = 0x77;
	CHECK_EQ(sys_brk(cur), cur);
	CHECK_EQ(sys_brk(0), cur);
	/* The pages wholly above the new break are unmapped. */
	CHECK_SIGNALED(ut_run_child(touch, (void *)gone), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(touch, (void *)(cur + BRK_GROW - 1)), SIGSEGV);
	/* Growing again gives fresh zeroes, not the old contents. */
	CHECK_EQ(sys_brk(cur + BRK_GROW), cur + BRK_GROW);
	CHECK_EQ(ut_peek((void *)gone), 0);
	CHECK_EQ(ut_peek(p + BRK_GROW - 1), 0);
	CHECK_EQ(sys_brk(cur), cur);
}

static void case_brk_refused(void)
{
	long cur = sys_brk(0);

	/* Below the start of the heap, and past the user address space. */
	CHECK_EQ(sys_brk(PAGE_SIZE), cur);
	CHECK_EQ(sys_brk(0xfffff000UL), cur);
	CHECK_EQ(sys_brk(0), cur);
}

/* noinline and volatile: the whole array really lives on the stack. */
static __attribute__((noinline)) unsigned long use_big_frame(unsigned long salt)
{
	volatile unsigned char big[STACK_ARRAY];
	unsigned long i, sum = 0;

	for (i = 0; i < STACK_ARRAY; i += 512)
		big[i] = (unsigned char)(i ^ salt);
	for (i = 0; i < STACK_ARRAY; i += 512)
		sum += big[i] == (unsigned char)(i ^ salt);
	return sum;
}

static void case_stack_grows(void)
{
	CHECK_EQ(use_big_frame(0x3c), STACK_ARRAY / 512);
	/* Again, over the pages the first call faulted in. */
	CHECK_EQ(use_big_frame(0xc3), STACK_ARRAY / 512);
}

static const struct ut_case cases[] = {
	{ "brk_query", case_brk_query },
	{ "brk_grow", case_brk_grow },
	{ "brk_shrink", case_brk_shrink },
	{ "brk_refused", case_brk_refused },
	{ "stack_grows", case_stack_grows },
};

int main(void)
{
	return UT_RUN(cases);
}
