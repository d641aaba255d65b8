// SPDX-License-Identifier: MIT
/*
 * The architecture side of page faults (Linux's arch/riscv/mm/fault.c; the
 * generic side is mm/memory.c's handle_mm_fault). This file decodes
 * scause/stval into fault flags, finds the region under mmap_lock and
 * turns the generic handler's verdict into a result:
 *
 *   kernel address, kernel mode   vmalloc/kmap sync (kernel_mapping_fault),
 *                                 else the exception-table fixup or an oops
 *   user address, kernel mode,    a bug: the kernel touched user memory
 *   SUM clear                     outside the uaccess helpers (fixup if the
 *                                 instruction has one, else an oops naming it)
 *   interrupt context or no mm    nothing to fault in: a bad area
 *   no region / no rights         bad area: SIGSEGV (SEGV_MAPERR, SEGV_ACCERR)
 *                                 for user mode; fixup or oops for the kernel
 *   region found, rights match    handle_mm_fault(): done, or SIGBUS, or
 *                                 VM_FAULT_OOM (user: reported; kernel:
 *                                 fixup or oops)
 *
 * Interrupts are turned back on when the trapped context had them on
 * (sstatus.SPIE), after the checks that need none of the fault's state to
 * stay put, as Linux's do_page_fault does: the fault path may take
 * mmap_lock and allocate, and the timer must not wait behind it. entry.S
 * turns them off again before it restores the frame.
 */
#include <stdio.h>

#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/signal.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <asm/csr.h>
#include <asm/irqflags.h>
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

/* Linux's die_kernel_fault(): an oops naming what the kernel touched. */
static void __noreturn die_kernel_fault(struct pt_regs *regs, const char *msg)
{
	char why[160];

	arch_local_irq_disable();
	snprintf(why, sizeof(why), "unable to handle kernel %s at virtual address %08lx (%s)",
		 msg, regs->badaddr, fault_access(regs->cause));
	die(regs, why);
}

/* A kernel fault nothing can resolve (Linux's no_context): fixup or oops. */
static void no_context(struct pt_regs *regs)
{
	if (fixup_exception(regs))
		return;
	die_kernel_fault(regs, regs->badaddr < PAGE_SIZE ? "NULL pointer dereference"
							 : "paging request");
}

/*
 * An access with no region or no rights behind it: SIGSEGV for user
 * mode, the fixup (or an oops) for a kernel uaccess. mmap_lock not held.
 */
static void bad_area(struct pt_regs *regs, int code)
{
	count_vm_event(FAULT_SEGV);
	if (!user_mode(regs)) {
		no_context(regs);
		return;
	}
	set_signal_regs(regs);
	force_sig_fault(SIGSEGV, code, (void __user *)regs->badaddr);
	set_signal_regs(NULL);
}

/* The riscv access_error(): may this region be accessed as cause says? */
static bool access_error(unsigned long cause, const struct vm_area_struct *vma)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT:
		return !(vma->vm_flags & VM_EXEC);
	case EXC_STORE_PAGE_FAULT:
		return !(vma->vm_flags & VM_WRITE);
	default:
		/* write implies read (RISC-V has no write-only pages) */
		return !(vma->vm_flags & (VM_READ | VM_WRITE));
	}
}

/* The generic handler failed: turn VM_FAULT_* into a signal, fixup or oops. */
static void mm_fault_error(struct pt_regs *regs, vm_fault_t fault)
{
	if (fault & VM_FAULT_OOM) {
		if (!user_mode(regs)) {
			no_context(regs);
			return;
		}
		/*
		 * Linux's pagefault_out_of_memory(): the OOM killer picks a
		 * victim (the largest RSS, maybe this task) and the fault
		 * retries on return; with nothing to kill, this task dies.
		 */
		if (!oom_kill_largest(0, GFP_HIGHUSER_MOVABLE))
			force_sig(SIGKILL);
		return;
	}
	if (fault & VM_FAULT_SIGBUS) {
		if (!user_mode(regs)) {
			no_context(regs);
			return;
		}
		set_signal_regs(regs);
		force_sig_fault(SIGBUS, BUS_ADRERR, (void __user *)regs->badaddr);
		set_signal_regs(NULL);
		return;
	}
	/* VM_FAULT_SIGSEGV: the region does not allow this access */
	bad_area(regs, SEGV_ACCERR);
}

void do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = regs->badaddr, cause = regs->cause;
	unsigned int flags = 0;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	vm_fault_t fault;

	if (!user_mode(regs) && addr >= TASK_SIZE) {
		if (!kernel_mapping_fault(regs))
			no_context(regs);
		return;
	}
	/*
	 * The kernel reached a user address with SUM clear: only the uaccess
	 * helpers set SUM, so this is a kernel bug, whatever is mapped there
	 * (a probe with an exception-table entry is the one exception).
	 */
	if (!user_mode(regs) && !(regs->status & SR_SUM)) {
		if (fixup_exception(regs))
			return;
		die_kernel_fault(regs, addr < PAGE_SIZE
				 ? "NULL pointer dereference: access to user memory without uaccess routines"
				 : "access to user memory without uaccess routines");
	}
	if (regs->status & SR_SPIE)
		arch_local_irq_enable();

	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (cause == EXC_STORE_PAGE_FAULT)
		flags |= FAULT_FLAG_WRITE;
	else if (cause == EXC_INST_PAGE_FAULT)
		flags |= FAULT_FLAG_INSTRUCTION;

	if (addr >= TASK_SIZE) {		/* user mode touched the kernel half */
		bad_area(regs, SEGV_MAPERR);
		return;
	}
	mm = current_mm();
	/* an interrupt handler must not sleep on mmap_lock; no mm maps nothing */
	if (in_interrupt() || !mm) {
		bad_area(regs, SEGV_MAPERR);
		return;
	}

	down_read(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	if (!vma) {
		up_read(&mm->mmap_lock);
		bad_area(regs, SEGV_MAPERR);
		return;
	}
	if (vma->vm_start > addr) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr)) {
			up_read(&mm->mmap_lock);
			bad_area(regs, SEGV_MAPERR);
			return;
		}
		count_vm_event(FAULT_STACK_GROW);
	}
	if (access_error(cause, vma)) {
		up_read(&mm->mmap_lock);
		bad_area(regs, SEGV_ACCERR);
		return;
	}
	fault = handle_mm_fault(vma, addr, flags, regs);
	up_read(&mm->mmap_lock);
	if (unlikely(fault & VM_FAULT_ERROR))
		mm_fault_error(regs, fault);
}
