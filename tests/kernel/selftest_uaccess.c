// SPDX-License-Identifier: MIT
/*
 * selftest=uaccess: the user-access helpers and the exception table, on the
 * live kernel with no address space in use (current_mm() is NULL, so every
 * user address is unmapped): each helper refuses what access_ok() refuses
 * without touching memory, fails with -EFAULT (or the full count) through
 * its fixup for an unmapped user address, leaves sstatus.SUM clear on
 * every way out, and the table it relies on is sorted. The fault path's
 * user-mode verdict is driven with a made-up user trap frame. Cases that
 * need a real address space (demand paging through copy_to_user) are in
 * the mm suite.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/selftest.h>
#include <linux/signal.h>
#include <linux/vmstat.h>
#include <asm/csr.h>
#include <asm/extable.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/uaccess.h>

/* A user address nothing maps while no mm is in use (page aligned). */
#define UNMAPPED_USER	((void __user *)0x10000000UL)

static bool sum_clear(void)
{
	return !(csr_read(sstatus) & SR_SUM);
}

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

static void extable_sorted(struct selftest *t)
{
	const struct exception_table_entry *e;
	unsigned int misses = 0;

	/* the helpers' own entries at least: uaccess.S and the get/put_user sites */
	ST_EXPECT(t, extable_size() >= 10);
	ST_EXPECT_EQ(t, extable_check(), 0);
	/* every entry is found by the bisection, at its own slot */
	for (e = __start_ex_table; e < __stop_ex_table; e++)
		if (search_exception_tables(e->insn) != e)
			misses++;
	ST_EXPECT_EQ(t, misses, 0);
	ST_EXPECT(t, search_exception_tables(0) == NULL);
	ST_EXPECT(t, search_exception_tables((unsigned long)sum_clear) == NULL);
	e = search_exception_tables((unsigned long)__asm_copy_user);
	ST_EXPECT(t, e == NULL);	/* the first instruction sets SUM: no entry */
}

static void access_ok_bounds(struct selftest *t)
{
	ST_EXPECT(t, access_ok((void __user *)0, 0));
	ST_EXPECT(t, access_ok((void __user *)0, TASK_SIZE));
	ST_EXPECT(t, access_ok((void __user *)(TASK_SIZE - 4), 4));
	ST_EXPECT(t, access_ok((void __user *)TASK_SIZE, 0));
	ST_EXPECT(t, !access_ok((void __user *)(TASK_SIZE - 4), 5));
	ST_EXPECT(t, !access_ok((void __user *)TASK_SIZE, 1));
	ST_EXPECT(t, !access_ok((void __user *)0, TASK_SIZE + 1));
	/* wrapping ranges: the end would look small */
	ST_EXPECT(t, !access_ok((void __user *)0xfffffff0UL, 0x20));
	ST_EXPECT(t, !access_ok((void __user *)0x1000UL, ~0UL));
	ST_EXPECT(t, !access_ok((void __user *)(TASK_SIZE - 4), ~0UL - 2));
}

/* Nothing is in use on this hart: every user address faults to the fixup. */
static void unmapped_user_efault(struct selftest *t)
{
	unsigned long fixups = vm_event_count(FAULT_FIXUP);
	unsigned long segv = vm_event_count(FAULT_SEGV);
	char buf[64];
	u32 w = 0xdeadbeef;
	u16 h = 0xbeef;
	u8 b = 0xef;

	if (current_mm())
		ST_SKIP(t, "an address space is in use on this hart");
	memset(buf, 0x5a, sizeof(buf));
	ST_EXPECT_EQ(t, copy_from_user(buf, UNMAPPED_USER, sizeof(buf)), sizeof(buf));
	ST_EXPECT(t, sum_clear());
	for (unsigned int i = 0; i < sizeof(buf); i++)
		ST_EXPECT_EQ(t, buf[i], 0);	/* the uncopied tail is zeroed */
	ST_EXPECT_EQ(t, copy_to_user(UNMAPPED_USER, buf, sizeof(buf)), sizeof(buf));
	ST_EXPECT(t, sum_clear());
	/* unaligned: the byte loop's fixups */
	ST_EXPECT_EQ(t, copy_to_user((char __user *)UNMAPPED_USER + 1, buf, 7), 7);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, clear_user((char __user *)UNMAPPED_USER + 3, 100), 100);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, clear_user(UNMAPPED_USER, 8), 8);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, strncpy_from_user(buf, UNMAPPED_USER, sizeof(buf)), -EFAULT);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, get_user(w, (u32 __user *)UNMAPPED_USER), -EFAULT);
	ST_EXPECT_EQ(t, w, 0);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, get_user(h, (u16 __user *)UNMAPPED_USER), -EFAULT);
	ST_EXPECT_EQ(t, h, 0);
	ST_EXPECT_EQ(t, get_user(b, (u8 __user *)UNMAPPED_USER), -EFAULT);
	ST_EXPECT_EQ(t, b, 0);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, put_user(w, (u32 __user *)UNMAPPED_USER), -EFAULT);
	ST_EXPECT_EQ(t, put_user((u16)1, (u16 __user *)UNMAPPED_USER), -EFAULT);
	ST_EXPECT_EQ(t, put_user((u8)1, (u8 __user *)UNMAPPED_USER), -EFAULT);
	ST_EXPECT(t, sum_clear());
	/*
	 * Each of the 12 calls above stopped at its first access, through a
	 * fixup; the three word-aligned ones (the two copies and the clear of
	 * 8) first fault in a word step, whose fixup retries the same bytes
	 * one at a time and faults once more: 15 fixups in all.
	 */
	ST_EXPECT_EQ(t, vm_event_count(FAULT_FIXUP) - fixups, 15);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_SEGV) - segv, 15);
}

/* A kernel address as a user pointer: access_ok refuses, nothing is touched. */
static void kernel_pointer_refused(struct selftest *t)
{
	static char kbuf[16] = "kernel secret";
	unsigned long fixups = vm_event_count(FAULT_FIXUP);
	char buf[16];
	u32 w = 1;

	memset(buf, 0x5a, sizeof(buf));
	ST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)kbuf, sizeof(buf)), sizeof(buf));
	ST_EXPECT_EQ(t, buf[0], 0);	/* zeroed, not the secret */
	ST_EXPECT_EQ(t, copy_to_user((void __user *)kbuf, "overwritten", 12), 12);
	ST_EXPECT(t, !strcmp(kbuf, "kernel secret"));
	ST_EXPECT_EQ(t, clear_user((void __user *)kbuf, sizeof(kbuf)), sizeof(kbuf));
	ST_EXPECT_EQ(t, kbuf[0], 'k');
	ST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)kbuf, sizeof(buf)), -EFAULT);
	ST_EXPECT_EQ(t, get_user(w, (u32 __user *)kbuf), -EFAULT);
	ST_EXPECT_EQ(t, w, 0);
	ST_EXPECT_EQ(t, put_user(0u, (u32 __user *)kbuf), -EFAULT);
	ST_EXPECT_EQ(t, kbuf[0], 'k');
	/* a user range that runs into the kernel half is refused whole */
	ST_EXPECT_EQ(t, copy_to_user((void __user *)(TASK_SIZE - 4), buf, 8), 8);
	ST_EXPECT_EQ(t, get_user(w, (u32 __user *)(TASK_SIZE - 2)), -EFAULT);
	/* a wrapping range */
	ST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)0xfffffff8UL, 16), 16);
	ST_EXPECT(t, sum_clear());
	ST_EXPECT_EQ(t, vm_event_count(FAULT_FIXUP), fixups);	/* nothing faulted */
}

/* strncpy_from_user's limits, Linux's semantics, with nothing mapped. */
static void strncpy_bounds(struct selftest *t)
{
	char buf[8] = "xxxxxxx";

	ST_EXPECT_EQ(t, strncpy_from_user(buf, UNMAPPED_USER, 0), 0);
	ST_EXPECT_EQ(t, strncpy_from_user(buf, UNMAPPED_USER, -1), 0);
	ST_EXPECT_EQ(t, buf[0], 'x');	/* a zero count reads and writes nothing */
	ST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)TASK_SIZE, 1), -EFAULT);
	ST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)~0UL, 8), -EFAULT);
	/* the string would run into TASK_SIZE: a fault (nothing mapped) or the limit */
	ST_EXPECT_EQ(t, strncpy_from_user(buf, (const char __user *)(TASK_SIZE - 1), 8),
		     -EFAULT);
	ST_EXPECT(t, sum_clear());
}

/*
 * The fault path's verdict for user mode, from a made-up frame: a load
 * from an unmapped user address and from the kernel half, with no mm,
 * are SIGSEGV with SEGV_MAPERR, reported and recorded.
 */
static void user_fault_segv(struct selftest *t)
{
	struct pt_regs regs = { 0 };
	struct fault_signal s;
	unsigned long n = nr_fault_signals(), segv = vm_event_count(FAULT_SEGV);

	if (current_mm())
		ST_SKIP(t, "an address space is in use on this hart");
	regs.status = 0;		/* SPP clear: from U-mode; SPIE clear: irqs stay off */
	regs.cause = EXC_STORE_PAGE_FAULT;
	regs.badaddr = 0x12345678;
	regs.epc = 0x10074;
	do_page_fault(&regs);
	ST_EXPECT_EQ(t, nr_fault_signals(), n + 1);
	ST_ASSERT(t, last_fault_signal(&s));
	ST_EXPECT_EQ(t, s.sig, SIGSEGV);
	ST_EXPECT_EQ(t, s.code, SEGV_MAPERR);
	ST_EXPECT_EQ(t, s.addr, 0x12345678);
	ST_EXPECT_EQ(t, s.cause, EXC_STORE_PAGE_FAULT);
	ST_EXPECT_EQ(t, s.epc, 0x10074);
	ST_EXPECT_EQ(t, regs.epc, 0x10074);	/* no fixup for a user fault */

	regs.cause = EXC_LOAD_PAGE_FAULT;
	regs.badaddr = PAGE_OFFSET + 0x1000;
	do_page_fault(&regs);
	ST_EXPECT_EQ(t, nr_fault_signals(), n + 2);
	ST_ASSERT(t, last_fault_signal(&s));
	ST_EXPECT_EQ(t, s.code, SEGV_MAPERR);
	ST_EXPECT_EQ(t, s.addr, PAGE_OFFSET + 0x1000);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_SEGV) - segv, 2);
}

static const struct selftest_case uaccess_cases[] = {
	{ "extable_sorted", extable_sorted },
	{ "access_ok_bounds", access_ok_bounds },
	{ "unmapped_user_efault", unmapped_user_efault },
	{ "kernel_pointer_refused", kernel_pointer_refused },
	{ "strncpy_bounds", strncpy_bounds },
	{ "user_fault_segv", user_fault_segv },
};

SELFTEST_SUITE(uaccess_suite, "uaccess", uaccess_cases);
