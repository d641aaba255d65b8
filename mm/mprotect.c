// SPDX-License-Identifier: MIT
/*
 * mprotect (contract in <linux/mm.h>) and its page-table half,
 * change_protection (mm/internal.h).
 *
 * The range is validated as a whole first (alignment, bits, no hole, the
 * map count it will leave): a failing call changes nothing, where Linux
 * may have changed the regions before the hole it stops at; the errno
 * values are Linux's. Each region part gets the new rights: a region
 * split at most in three, then merged back into neighbours that now
 * match (vma_apply_change).
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <asm/tlbflush.h>

#include "internal.h"
#include "vma.h"

/* Linux's PROT_SEM: accepted by mprotect and meaningless here. */
#define PROT_SEM	0x8

struct change_prot {
	struct mm_struct *mm;
	pgprot_t prot;
	unsigned long pages;
};

static int change_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct change_prot *cp = data;
	pte_t old = *pte;

	if (pte_none(old))
		return 0;
	set_pte_at(cp->mm, addr, pte, pte_modify(old, cp->prot));
	cp->pages++;
	return 0;
}

unsigned long change_protection(struct vm_area_struct *vma, unsigned long start,
				unsigned long end, pgprot_t newprot)
{
	struct change_prot cp = { .mm = vma->vm_mm, .prot = newprot, .pages = 0 };

	apply_to_existing_page_range(vma->vm_mm, start, end - start, change_pte, &cp);
	if (cp.pages)
		flush_tlb_range(vma, start, end);
	return cp.pages;
}

static unsigned long mprotect_newflags(unsigned long old, unsigned long vm_prot)
{
	return vm_prot | (old & ~VM_ACCESS_FLAGS);
}

static void mprotect_ptes(struct vm_area_struct *vma, unsigned long old_flags)
{
	change_protection(vma, vma->vm_start, vma->vm_end, vma->vm_page_prot);
}

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot)
{
	struct vm_area_struct *spare[2] = { NULL, NULL };
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct vm_area_struct *vma;
	unsigned long end, vm_prot, nf;
	int err;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	vm_prot = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
		  (prot & PROT_EXEC ? VM_EXEC : 0);

	down_write(&mm->mmap_lock);
	err = -ENOMEM;
	vma = find_vma(mm, start);
	if (!vma)
		goto out;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			goto out;
		start = vma->vm_start;
		err = -EINVAL;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto out;
	} else {
		if (vma->vm_start > start)
			goto out;
		err = -EINVAL;
		if (grows & PROT_GROWSUP)
			goto out;	/* no VM_GROWSUP regions on this architecture */
	}
	err = -ENOMEM;
	if (!vma_range_mapped(mm, start, end))
		goto out;
	err = -EACCES;
	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		nf = mprotect_newflags(vma->vm_flags, vm_prot);
		if ((nf & ~(nf >> 4)) & VM_ACCESS_FLAGS)
			goto out;	/* a right the VM_MAY* bits forbid */
	}
	err = -ENOMEM;
	if (vma_count_after_change(mm, start, end, mprotect_newflags, vm_prot) >
	    sysctl_max_map_count)
		goto out;
	if (!vma_spares_alloc(mm, spare, 2))
		goto out;
	vma_apply_change(mm, start, end, mprotect_newflags, vm_prot, spare, mprotect_ptes);
	vma_spares_free(spare, 2);
	err = 0;
out:
	up_write(&mm->mmap_lock);
	return err;
}
