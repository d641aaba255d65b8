// SPDX-License-Identifier: MIT
/*
 * Address-space switch (contract in <asm/mmu_context.h>). Every user mm
 * is translated with ASID 0: one ASID per mm would let a switch keep the
 * TLB, but needs an ASID allocator with generations and a rollover
 * shootdown, and nothing switches often before tasks exist. The kernel
 * half's entries are global (G), so the flush costs only user entries on
 * hardware that keeps global ones; QEMU drops everything either way.
 */
#include <linux/mm_types.h>
#include <asm/csr.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	unsigned long bit = tlb_hart_bit();

	if (prev == next)
		return;
	__atomic_fetch_or(&next->cpu_mask, bit, __ATOMIC_ACQ_REL);
	csr_write(satp, SATP_MODE_SV32 | (0UL << SATP_ASID_SHIFT) | PFN_DOWN(__pa(next->pgd)));
	local_flush_tlb_all();
	if (prev)
		__atomic_fetch_and(&prev->cpu_mask, ~bit, __ATOMIC_RELEASE);
}
