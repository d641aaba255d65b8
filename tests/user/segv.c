// SPDX-License-Identifier: MIT
/*
 * Bad accesses die of SIGSEGV: each runs in a forked child and the parent
 * checks through wait4 that SIGSEGV (and nothing else) ended it. NULL,
 * PROT_NONE, a write to read-only memory (mapped so and mprotected so),
 * executing a non-executable page, an access after munmap, a kernel
 * address, the stack past its 8 MiB limit and the stack grown into the
 * guard gap of the mapping below it. The positive controls (the same page
 * made executable runs; the stack grows up to the gap) show that each
 * SIGSEGV comes from the rights, not from a broken test.
 */
#include "ut.h"

#define KERNEL_ADDR	0xc0000000UL	/* PAGE_OFFSET: never user-accessible */
#define STACK_LIMIT	(8 * 1024 * 1024UL)	/* Linux's default RLIMIT_STACK */
#define STACK_GUARD_GAP	(256 * PAGE_SIZE)	/* Linux's stack_guard_gap */
#define INSN_C_RET	0x8082			/* c.jr ra */

static void read_at(void *p)
{
	ut_peek(p);
}

static void write_at(void *p)
{
	ut_poke(p, 0x5a);
}

static void call_at(void *p)
{
	((void (*)(void))p)();
}

static void case_null(void)
{
	CHECK_SIGNALED(ut_run_child(read_at, NULL), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(write_at, NULL), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(read_at, (void *)(PAGE_SIZE - 1)), SIGSEGV);
}

static void case_prot_none(void)
{
	char *p = ut_map(PAGE_SIZE, PROT_NONE);

	CHECK_SIGNALED(ut_run_child(read_at, p), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(write_at, p + 100), SIGSEGV);
	CHECK_EQ(sys_munmap(p, PAGE_SIZE), 0);
}

static void case_write_read_only(void)
{
	char *ro = ut_map(PAGE_SIZE, PROT_READ);
	char *rw = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);

	CHECK_SIGNALED(ut_run_child(write_at, ro), SIGSEGV);
	CHECK_EQ(ut_peek(ro), 0);
	rw[0] = 7;
	CHECK_EQ(sys_mprotect(rw, PAGE_SIZE, PROT_READ), 0);
	CHECK_SIGNALED(ut_run_child(write_at, rw), SIGSEGV);
	CHECK_EQ(ut_peek(rw), 7);
	/* The program's own text is read-only too. */
	CHECK_SIGNALED(ut_run_child(write_at, (void *)read_at), SIGSEGV);
	CHECK_EQ(sys_munmap(ro, PAGE_SIZE), 0);
	CHECK_EQ(sys_munmap(rw, PAGE_SIZE), 0);
}

static void case_exec_non_exec(void)
{
	unsigned short *code = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);

	code[0] = INSN_C_RET;
	CHECK_SIGNALED(ut_run_child(call_at, code), SIGSEGV);
	/* Control: the same page made executable returns normally. */
	CHECK_EQ(sys_mprotect(code, PAGE_SIZE, PROT_READ | PROT_EXEC), 0);
	asm volatile("fence.i" ::: "memory");
	CHECK_EXITED(ut_run_child(call_at, code), 0);
	call_at(code);
	CHECK_EQ(sys_munmap(code, PAGE_SIZE), 0);
}

static void case_after_munmap(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	p[0] = 1;
	p[PAGE_SIZE] = 2;
	CHECK_EQ(sys_munmap(p, PAGE_SIZE), 0);
	CHECK_SIGNALED(ut_run_child(read_at, p), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(write_at, p + PAGE_SIZE - 1), SIGSEGV);
	CHECK_EQ(ut_peek(p + PAGE_SIZE), 2);
	CHECK_EQ(sys_munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	CHECK_SIGNALED(ut_run_child(read_at, p + PAGE_SIZE), SIGSEGV);
}

static void case_kernel_address(void)
{
	CHECK_SIGNALED(ut_run_child(read_at, (void *)KERNEL_ADDR), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(write_at, (void *)(KERNEL_ADDR + 0x1000)), SIGSEGV);
}

static unsigned long stack_pointer(void)
{
	unsigned long sp;

	asm volatile("mv %0, sp" : "=r"(sp));
	return sp;
}

static void case_stack_limit(void)
{
	unsigned long below = (stack_pointer() & ~(PAGE_SIZE - 1)) - STACK_LIMIT - 16 * PAGE_SIZE;

	CHECK_SIGNALED(ut_run_child(read_at, (void *)below), SIGSEGV);
}

/*
 * In the child: map a page 4 MiB below the stack pointer (well below the
 * stack's lowest page, so the hint is free), grow the stack down to just
 * above that page's guard gap (allowed: the stack stays under its limit),
 * note the success in the shared page, then touch inside the gap (refused:
 * the stack may not come within stack_guard_gap of an accessible mapping).
 */
static void grow_into_gap(void *arg)
{
	volatile long *reached = arg;
	unsigned long sp_page = stack_pointer() & ~(PAGE_SIZE - 1);
	unsigned long want = sp_page - 4 * 1024 * 1024UL;
	long below = sys_mmap((void *)want, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long top;

	CHECK_EQ(below, want);
	top = want + PAGE_SIZE;
	ut_poke((void *)(top + STACK_GUARD_GAP + 16 * PAGE_SIZE), 1);
	*reached = 1;
	ut_poke((void *)(top + STACK_GUARD_GAP / 2), 1);
	*reached = 2;
}

static void case_stack_guard_gap(void)
{
	long r = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			  -1, 0);
	volatile long *reached = (long *)r;

	CHECK_OK(r);
	CHECK_SIGNALED(ut_run_child(grow_into_gap, (void *)reached), SIGSEGV);
	CHECK_EQ(*reached, 1);
	CHECK_EQ(sys_munmap((void *)r, PAGE_SIZE), 0);
}

static const struct ut_case cases[] = {
	{ "null", case_null },
	{ "prot_none", case_prot_none },
	{ "write_read_only", case_write_read_only },
	{ "exec_non_exec", case_exec_non_exec },
	{ "after_munmap", case_after_munmap },
	{ "kernel_address", case_kernel_address },
	{ "stack_limit", case_stack_limit },
	{ "stack_guard_gap", case_stack_guard_gap },
};

int main(void)
{
	return UT_RUN(cases);
}
