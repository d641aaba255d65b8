// SPDX-License-Identifier: MIT
/*
 * TLB shootdown (contract in <asm/tlbflush.h>): local sfence.vma plus SBI
 * RFENCE to the other harts that may hold the translations, which are
 * every online hart for kernel addresses and the harts in mm->cpu_mask
 * for a user mm.
 */
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/printk.h>
#include <linux/setup.h>
#include <asm/sbi.h>
#include <asm/tlbflush.h>

/* Longer ranges are flushed with one sfence.vma of everything. */
#define TLB_FLUSH_PAGE_LIMIT	32
/* sbi_remote_sfence_vma size meaning the whole address space. */
#define SBI_FLUSH_ALL		(~0UL)

static unsigned long tlb_flushes;

/*
 * Harts whose TLBs may hold kernel translations, by hart id (SBI
 * hart_mask with base 0), and each hart's own id. Only the boot hart runs
 * today; a secondary hart calls tlb_hart_online() when it starts.
 */
static unsigned long online_hart_mask;
static __thread unsigned long self_hartid;

void tlb_hart_online(unsigned long hartid)
{
	if (hartid >= 8 * sizeof(online_hart_mask)) {
		pr_err("tlb: hart %lu beyond the shootdown mask\n", hartid);
		return;
	}
	self_hartid = hartid;
	__atomic_fetch_or(&online_hart_mask, 1UL << hartid, __ATOMIC_RELEASE);
}

unsigned long tlb_hart_bit(void)
{
	return 1UL << self_hartid;
}

/* SBI RFENCE of [start, start + size) to the harts in mask but this one. */
static void remote_flush(unsigned long mask, unsigned long start, unsigned long size)
{
	unsigned long others = mask & READ_ONCE(online_hart_mask) & ~tlb_hart_bit();
	long err;

	if (!others)
		return;
	if (!sbi.has_rfence) {
		pr_err("tlb: harts %#lx cannot be flushed: no SBI RFENCE\n", others);
		return;
	}
	err = sbi_remote_sfence_vma(others, 0, start, size);
	if (err)
		pr_err("tlb: SBI remote sfence.vma failed (%ld)\n", err);
}

/* Flush [start, end) here and on the harts in mask. */
static void flush_range(unsigned long mask, unsigned long start, unsigned long end)
{
	unsigned long va;

	start &= PAGE_MASK;
	if (end <= start)
		return;
	if ((end - start) >> PAGE_SHIFT > TLB_FLUSH_PAGE_LIMIT) {
		local_flush_tlb_all();
		remote_flush(mask, 0, SBI_FLUSH_ALL);
	} else {
		for (va = start; va < end; va += PAGE_SIZE)
			local_flush_tlb_page(va);
		remote_flush(mask, start, end - start);
	}
	__atomic_fetch_add(&tlb_flushes, 1, __ATOMIC_RELAXED);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	flush_range(~0UL, start, end);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	local_flush_tlb_all();
	remote_flush(READ_ONCE(mm->cpu_mask), 0, SBI_FLUSH_ALL);
	__atomic_fetch_add(&tlb_flushes, 1, __ATOMIC_RELAXED);
}

void flush_tlb_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	flush_range(READ_ONCE(vma->vm_mm->cpu_mask), start, end);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_range(READ_ONCE(vma->vm_mm->cpu_mask), addr, addr + PAGE_SIZE);
}

unsigned long kernel_tlb_flushes(void)
{
	return READ_ONCE(tlb_flushes);
}
