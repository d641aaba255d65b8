// SPDX-License-Identifier: MIT
/*
 * Test-only deliberate kernel bugs, in the spirit of Linux's LKDTM: the
 * bootarg crash=<kind> makes the kernel commit one after boot, so a test
 * can check the oops path end to end (the @oops record, registers, a
 * backtrace naming the function below, a failing exit code). Each kind also
 * proves a protection: NULL is never mapped, rodata is not writable, data
 * is not executable, a kernel stack cannot silently overflow, a fault
 * inside the trap entry is never returned into, the kernel cannot touch
 * user memory outside the uaccess helpers.
 */
#include <string.h>

#include <linux/bootparam.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <asm/traps.h>

#include "crash_test.h"

static char crash_kind[32];
BOOT_PARAM_STRING("crash", crash_kind, sizeof(crash_kind),
		  "test only: crash on purpose (null, write_rodata, exec_data, illegal, panic, "
		  "stack_overflow, entry_fault, user_access, syscall)");

static const u32 crash_rodata_word = 0x600dcafe;
static u32 crash_data_word = 0x00100073;	/* an ebreak, never to run */

static noinline int crash_null_deref(void)
{
	volatile int *p = NULL;

	return *p;
}

static noinline void crash_write_rodata(void)
{
	*(volatile u32 *)&crash_rodata_word = 0xdead;
}

static noinline void crash_exec_data(void)
{
	void (*fn)(void) = (void (*)(void))(void *)&crash_data_word;

	fn();
}

static noinline void crash_illegal(void)
{
	__asm__ __volatile__(".word 0x00000000");	/* defined as illegal */
}

static noinline void crash_panic(void)
{
	panic("crash test: deliberate panic");
}

/* Never reached: keeps the recursion finite in the compiler's eyes. */
static volatile unsigned long crash_recursion_limit = ~0UL;

static noinline unsigned long crash_stack_recurse(unsigned long depth)
{
	volatile u8 frame[192];

	frame[0] = (u8)depth;
	if (depth == crash_recursion_limit)
		return frame[0];
	return crash_stack_recurse(depth + 1) + frame[0];
}

/*
 * Move this context to a vmalloc'ed kernel stack (as a task would run) and
 * recurse until the stack runs into its guard: entry.S must notice and
 * report a stack overflow instead of faulting forever or corrupting memory.
 */
static noinline void crash_stack_overflow(void)
{
	void *stack = alloc_thread_stack();
	unsigned long top;

	if (!stack) {
		pr_err("crash test: no kernel stack could be allocated\n");
		return;
	}
	top = (unsigned long)stack + THREAD_SIZE;
	pr_emerg("crash test: recursing on the kernel stack %08lx-%08lx\n",
		 (unsigned long)stack, top);
	__asm__ __volatile__(
		"	mv	s1, sp\n"
		"	mv	sp, %0\n"
		"	li	a0, 0\n"
		"	jalr	%1\n"
		"	mv	sp, s1\n"
		:: "r"(top), "r"(crash_stack_recurse)
		: "s1", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
		  "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "memory");
	free_thread_stack(stack);
}

/*
 * Take a trap with sp 64 bytes above a kernel stack's top, in its guard
 * page: the trap entry's frame push runs off the stack partway (as a push
 * onto a page missing from the page directory, or behind a stale TLB
 * entry, would) and faults inside entry.S. The nested trap's frame fits
 * on the stack, but it must not return into the trap whose state it
 * overwrote: the kernel reports an entry fault.
 */
static noinline void crash_entry_fault(void)
{
	void *stack = alloc_thread_stack();
	unsigned long sp;

	if (!stack) {
		pr_err("crash test: no kernel stack could be allocated\n");
		return;
	}
	sp = (unsigned long)stack + THREAD_SIZE + 64;
	pr_emerg("crash test: trap with sp %08lx, above the stack %08lx-%08lx\n", sp,
		 (unsigned long)stack, (unsigned long)stack + THREAD_SIZE);
	__asm__ __volatile__(
		"	mv	s1, sp\n"
		"	mv	sp, %0\n"
		"	ebreak\n"
		"	mv	sp, s1\n"
		:: "r"(sp) : "s1", "memory");
	free_thread_stack(stack);
}

/*
 * A plain kernel load from a user address, as a driver that forgot
 * copy_from_user would do: sstatus.SUM is clear outside the uaccess
 * helpers, so the access faults whatever is mapped there, and the fault
 * path reports the bug by name instead of resolving it.
 */
static noinline u32 crash_user_access(void)
{
	volatile u32 *p = (volatile u32 *)(TASK_SIZE / 2);

	return *p;
}

static const struct {
	const char *kind;
	void (*fn)(void);
} crashes[] = {
	{ "null", (void (*)(void))crash_null_deref },
	{ "write_rodata", crash_write_rodata },
	{ "exec_data", crash_exec_data },
	{ "illegal", crash_illegal },
	{ "panic", crash_panic },
	{ "stack_overflow", crash_stack_overflow },
	{ "entry_fault", crash_entry_fault },
	{ "user_access", (void (*)(void))crash_user_access },
};

/*
 * crash=syscall: a NULL pointer the compiler cannot see through. A
 * dereference of a literal NULL may be turned into a trap, or the call
 * to it dropped as having no effect (GCC's erroneous-path isolation did
 * that to crash_null_deref() here); a pointer read from a volatile
 * variable is loaded for real.
 */
static int *volatile crash_syscall_ptr;
/* Where the load's value would go: keeps the call from being dropped. */
static volatile int crash_syscall_result;

static noinline int crash_syscall_null_deref(void)
{
	return READ_ONCE(*crash_syscall_ptr);
}

/*
 * crash=syscall: the first write() system call of the run (the first
 * program's first line of output) dereferences NULL in the kernel proper,
 * outside any uaccess helper and holding no lock: an oops that must kill
 * only the calling task, while the board runs the remaining programs.
 */
void crash_test_syscall(void)
{
	static bool crashed;

	if (crashed || strcmp(crash_kind, "syscall"))
		return;
	crashed = true;
	pr_emerg("crash test: syscall\n");
	crash_syscall_result = crash_syscall_null_deref();
	pr_err("crash test: syscall did not crash\n");
}

void crash_test_run(void)
{
	unsigned int i;

	if (!crash_kind[0] || !strcmp(crash_kind, "syscall"))
		return;
	for (i = 0; i < ARRAY_SIZE(crashes); i++) {
		if (strcmp(crash_kind, crashes[i].kind))
			continue;
		pr_emerg("crash test: %s\n", crash_kind);
		crashes[i].fn();
		pr_err("crash test: %s did not crash\n", crash_kind);
		return;
	}
	pr_err("crash test: unknown kind '%s'\n", crash_kind);
}
