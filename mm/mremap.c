// SPDX-License-Identifier: MIT
/*
 * mremap (contract in <linux/mm.h>) and its page-table half,
 * move_page_tables (mm/internal.h).
 *
 * Linux's checks and errno values: EINVAL for unknown flags, MREMAP_FIXED
 * without MREMAP_MAYMOVE, an unaligned address, new_len 0 and
 * overlapping old and new ranges; EFAULT when addr is not in a region or
 * the old range does not lie inside that one region; ENOMEM when the
 * region cannot grow in place and may not move, or no room is left.
 * Unlike Linux, everything (the old range, the map count) is checked
 * before MREMAP_FIXED unmaps the destination. MREMAP_DONTUNMAP and the
 * old_len == 0 duplication of shared mappings are not supported (EINVAL).
 *
 * A move creates the new region, moves the PTEs (frames, counts and RSS
 * unchanged), then unmaps the old range, whose PTEs are gone by then.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <asm/tlbflush.h>

#include "internal.h"
#include "vma.h"

/* Spares a move may need: two per unmapped range (old, destination), one new. */
#define MREMAP_SPARES	5

struct move_ptes {
	struct mm_struct *mm;
	long delta;		/* new address - old address */
};

static int no_pte(pte_t *pte, unsigned long addr, void *data)
{
	return 0;
}

static int move_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct move_ptes *mp = data;
	unsigned long to = addr + mp->delta;
	pte_t *dst, old;

	if (pte_none(*pte))
		return 0;
	dst = pte_offset_map(pgd_offset(mp->mm, to), to);
	if (!dst)
		return -ENOMEM;
	old = ptep_get_and_clear(mp->mm, addr, pte);
	set_pte_at(mp->mm, to, dst, old);
	return 0;
}

unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma, unsigned long new_addr,
			       unsigned long len)
{
	struct move_ptes mp = { .mm = vma->vm_mm, .delta = (long)(new_addr - old_addr) };

	/* Every destination table first, so that the move itself cannot fail. */
	if (apply_to_page_range(mp.mm, new_addr, len, no_pte, NULL, GFP_KERNEL)) {
		free_pgtables_range(mp.mm, new_addr, new_addr + len);
		return 0;
	}
	apply_to_existing_page_range(mp.mm, old_addr, len, move_pte, &mp);
	flush_tlb_range(vma, old_addr, old_addr + len);
	free_pgtables_range(mp.mm, old_addr, old_addr + len);
	return len;
}

/*
 * The region holding [addr, addr + old_len) whole (EFAULT otherwise);
 * mmap_lock held.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, long *err)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);

	*err = -EFAULT;
	if (!vma || old_len > vma->vm_end - addr)
		return NULL;
	*err = 0;
	return vma;
}

/*
 * Move the first move_len bytes of [addr, addr + old_len) (inside vma) to a
 * new region [new_addr, new_addr + new_len) (free, or MREMAP_FIXED's
 * destination, unmapped here first), then unmap the old range.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		     unsigned long addr, unsigned long old_len, unsigned long move_len,
		     unsigned long new_addr, unsigned long new_len, bool fixed)
{
	struct vm_area_struct *spare[MREMAP_SPARES] = { NULL };
	struct vm_area_struct *new, *prev;
	unsigned long pgoff;
	long count;

	/* An upper bound: the new region is counted as if it joined nothing. */
	count = vma_count_after_unmap(mm, addr, addr + old_len) + 1;
	if (fixed)
		count += vma_count_after_unmap(mm, new_addr, new_addr + new_len) - mm->map_count;
	if (count > sysctl_max_map_count || !vma_spares_alloc(mm, spare, MREMAP_SPARES))
		return -ENOMEM;

	pgoff = vma->vm_shared ? vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT)
			       : new_addr >> PAGE_SHIFT;
	if (fixed) {
		__do_munmap(mm, new_addr, new_addr + new_len, spare);
		vma = find_vma(mm, addr);	/* may have been split */
	}
	new = spare[MREMAP_SPARES - 1];
	spare[MREMAP_SPARES - 1] = NULL;
	new->vm_start = new_addr;
	new->vm_end = new_addr + new_len;
	new->vm_flags = vma->vm_flags;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_pgoff = pgoff;
	new->vm_shared = vma->vm_shared;
	if (new->vm_shared)
		shared_anon_get(new->vm_shared);
	find_vma_prev(mm, new_addr, &prev);
	vma_link(mm, new, prev);

	if (move_page_tables(vma, addr, new, new_addr, move_len) < move_len) {
		__do_munmap(mm, new_addr, new_addr + new_len, spare);
		vma_spares_free(spare, MREMAP_SPARES);
		return -ENOMEM;
	}
	__do_munmap(mm, addr, addr + old_len, spare);
	new = find_vma(mm, new_addr);
	vma_merge_neighbours(mm, new);
	vma_spares_free(spare, MREMAP_SPARES);
	return (long)new_addr;
}

/* Can vma grow by delta bytes in place (nothing there, inside TASK_SIZE)? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(mm, vma->vm_end, end);
}

/* Unmap the tail [start, end) of one region: 0 or -ENOMEM. */
static long mremap_shrink(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *spare[2] = { NULL, NULL };

	if (vma_count_after_unmap(mm, start, end) > sysctl_max_map_count ||
	    !vma_spares_alloc(mm, spare, 2))
		return -ENOMEM;
	__do_munmap(mm, start, end, spare);
	vma_spares_free(spare, 2);
	return 0;
}

static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len)
{
	struct vm_area_struct *vma;
	unsigned long r;
	long err;

	if (offset_in_page(new_addr))
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	vma = vma_to_resize(mm, addr, old_len, &err);
	if (!vma)
		return err;
	r = get_unmapped_area(mm, new_addr, new_len, 0, MAP_FIXED);
	if (IS_ERR_VALUE(r))
		return (long)r;
	/* A shrinking move moves only what stays; the rest is unmapped. */
	return move_vma(mm, vma, addr, old_len, min(old_len, new_len), new_addr, new_len,
			true);
}

long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;
	unsigned long r;
	long ret;

	if (flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len)
		return -EINVAL;

	down_write(&mm->mmap_lock);
	if (flags & MREMAP_FIXED) {
		ret = mremap_to(mm, addr, old_len, new_addr, new_len);
		goto out;
	}
	vma = vma_to_resize(mm, addr, old_len, &ret);
	if (!vma)
		goto out;
	if (old_len >= new_len) {
		ret = (long)addr;
		if (old_len == new_len)
			goto out;
		ret = mremap_shrink(mm, addr + new_len, addr + old_len);
		if (!ret)
			ret = (long)addr;
		goto out;
	}
	if (old_len == vma->vm_end - addr &&
	    vma_expandable(mm, vma, new_len - old_len)) {
		vma_set_range(vma, vma->vm_start, vma->vm_end + new_len - old_len);
		vma_merge_neighbours(mm, vma);
		ret = (long)addr;
		goto out;
	}
	ret = -ENOMEM;
	if (!(flags & MREMAP_MAYMOVE))
		goto out;
	r = get_unmapped_area(mm, 0, new_len, 0, vma->vm_flags & VM_MAYSHARE ? MAP_SHARED : 0);
	ret = (long)r;
	if (IS_ERR_VALUE(r))
		goto out;
	ret = move_vma(mm, vma, addr, old_len, old_len, r, new_len, false);
out:
	up_write(&mm->mmap_lock);
	return ret;
}
