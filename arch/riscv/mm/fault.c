// SPDX-License-Identifier: MIT
/*
 * The architecture side of page faults: decode scause/stval, then either
 * hand the fault to the generic code or, for the kernel, fix it up or oops.
 * Until address spaces exist (mm/mmap.c), every page fault is a kernel
 * access to an unmapped or protected address, a vmalloc-area access
 * through a page directory that has not caught up with the master one, or
 * a stale "invalid" TLB entry for a new vmalloc or kmap mapping.
 */
#include <stdio.h>

#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/sched/mm.h>
#include <linux/vmalloc.h>
#include <asm/csr.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <asm/traps.h>

unsigned long vmalloc_sync_faults;
unsigned long vmalloc_spurious_faults;

static const char *fault_access(unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return "execute";
	case EXC_STORE_PAGE_FAULT:
		return "write";
	default:
		return "read";
	}
}

/* The page directory this hart is translating with. */
static pgd_t *current_pgd(void)
{
	return __va(PFN_PHYS(csr_read(satp) & SATP_PPN_MASK));
}

/* pte allows the access that faulted (kernel PTEs have A and D preset). */
static bool pte_allows(pte_t pte, unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return (pte & (_PAGE_EXEC | _PAGE_ACCESSED)) == (_PAGE_EXEC | _PAGE_ACCESSED);
	case EXC_STORE_PAGE_FAULT:
		return (pte & (_PAGE_WRITE | _PAGE_DIRTY)) == (_PAGE_WRITE | _PAGE_DIRTY);
	default:
		return (pte & (_PAGE_READ | _PAGE_ACCESSED)) == (_PAGE_READ | _PAGE_ACCESSED);
	}
}

/* The pkmap window (kmap): its table is in the master from boot on. */
static bool is_pkmap_addr(unsigned long addr)
{
	return addr - PKMAP_BASE < (unsigned long)LAST_PKMAP << PAGE_SHIFT;
}

/*
 * ULK's "Handling Noncontiguous Memory Area Accesses": vmalloc adds
 * level-1 entries only to the master page directory (init_mm's). A
 * directory copied from it earlier lacks the new ones; a kernel access
 * through it faults, and copying the master's entry is the fix, not a bug.
 * An access the master's own tables allow can also fault when a TLB held
 * an "invalid" translation from before the mapping: neither vmalloc nor
 * kmap shoots down a new mapping on other harts, so flushing that one page
 * here is the fix (kmap addresses are global: any hart may use one). Anything
 * else (an address the master does not map, a guard page, a permission) is
 * left to the exception table or the oops. The counters are shared by
 * every hart: updated atomically.
 */
static bool kernel_mapping_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr;
	unsigned int i = pgd_index(addr);
	pgd_t *pgd = current_pgd(), *pgd_k = init_mm.pgd;
	pte_t pte;

	if (user_mode(regs) || !(is_vmalloc_addr((void *)addr) || is_pkmap_addr(addr)) ||
	    !pte_present(pgd_k[i]))
		return false;
	if (pgd != pgd_k && !pte_present(pgd[i])) {
		WRITE_ONCE(pgd[i], pgd_k[i]);
		local_flush_tlb_page(addr);
		__atomic_fetch_add(&vmalloc_sync_faults, 1, __ATOMIC_RELAXED);
		return true;
	}
	if (pgd[i] != pgd_k[i])
		return false;
	pte = pgtable_lookup(pgd_k, addr, NULL);
	if (!pte_present(pte) || !pte_allows(pte, regs->cause))
		return false;
	local_flush_tlb_page(addr);
	__atomic_fetch_add(&vmalloc_spurious_faults, 1, __ATOMIC_RELAXED);
	return true;
}

void do_page_fault(struct pt_regs *regs)
{
	char why[112];

	if (kernel_mapping_fault(regs))
		return;
	if (fixup_exception(regs))
		return;
	snprintf(why, sizeof(why), "unable to handle kernel %s at virtual address %08lx (%s)",
		 regs->badaddr < PAGE_SIZE ? "NULL pointer dereference" : "paging request",
		 regs->badaddr, fault_access(regs->cause));
	die(regs, why);
}
