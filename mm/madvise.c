// SPDX-License-Identifier: MIT
/*
 * madvise (contract in <linux/mm.h>) for anonymous memory, with Linux's
 * errno values: EINVAL for an unknown advice or an unaligned start (and
 * MADV_DONTNEED on a VM_LOCKED region), ENOMEM when part of the range is
 * unmapped, reported after the mapped parts got the advice, as Linux does.
 *
 *   MADV_DONTNEED   the pages go (zap): the next touch of a private page
 *                   gets a zeroed frame, of a shared one the object's frame
 *   MADV_DONTFORK   VM_DONTCOPY: fork leaves the range out
 *   MADV_DOFORK     clears it
 *   MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED
 *                   accepted: read-ahead hints that mean nothing without
 *                   files or swap
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>

#include "internal.h"
#include "vma.h"

static unsigned long dontcopy_flags(unsigned long old, unsigned long set)
{
	return set ? old | VM_DONTCOPY : old & ~VM_DONTCOPY;
}

/* The next mapped part [*s, *e) of [from, end), false when none is left. */
static bool next_mapped(struct mm_struct *mm, unsigned long from, unsigned long end,
			unsigned long *s, unsigned long *e)
{
	struct vm_area_struct *v = from < end ? find_vma(mm, from) : NULL;

	if (!v || v->vm_start >= end)
		return false;
	*s = max(v->vm_start, from);
	while (v->vm_next && v->vm_next->vm_start == v->vm_end && v->vm_next->vm_start < end)
		v = v->vm_next;
	*e = min(v->vm_end, end);
	return true;
}

static int madvise_dontfork(struct mm_struct *mm, unsigned long start,
			    unsigned long end, unsigned long set)
{
	struct vm_area_struct *spare[2] = { NULL, NULL };
	unsigned long s, e, at;
	long count = mm->map_count;

	for (at = start; next_mapped(mm, at, end, &s, &e); at = e)
		count += vma_count_after_change(mm, s, e, dontcopy_flags, set) - mm->map_count;
	if (count > sysctl_max_map_count)
		return -ENOMEM;
	for (at = start; next_mapped(mm, at, end, &s, &e); at = e) {
		if (!vma_spares_alloc(mm, spare, 2))
			return -ENOMEM;
		vma_apply_change(mm, s, e, dontcopy_flags, set, spare, NULL);
		vma_spares_free(spare, 2);
	}
	return 0;
}

static int madvise_dontneed(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v;

	for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next)
		if (v->vm_flags & VM_LOCKED)
			return -EINVAL;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = v->vm_next) {
		unsigned long s = max(v->vm_start, start), e = min(v->vm_end, end);

		zap_page_range_single(v, s, e - s);
	}
	return 0;
}

int do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, int behavior)
{
	unsigned long end, alen;
	int err;

	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_DONTFORK:
	case MADV_DOFORK:
		break;
	default:
		return -EINVAL;
	}
	if (offset_in_page(start))
		return -EINVAL;
	alen = PAGE_ALIGN(len);
	if (len && !alen)
		return -EINVAL;
	end = start + alen;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;

	down_write(&mm->mmap_lock);
	switch (behavior) {
	case MADV_DONTNEED:
		err = madvise_dontneed(mm, start, end);
		break;
	case MADV_DONTFORK:
	case MADV_DOFORK:
		err = madvise_dontfork(mm, start, end, behavior == MADV_DONTFORK);
		break;
	default:
		err = 0;
		break;
	}
	if (!err && !vma_range_mapped(mm, start, end))
		err = -ENOMEM;
	up_write(&mm->mmap_lock);
	return err;
}
