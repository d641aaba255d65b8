// SPDX-License-Identifier: MIT
/*
 * The regions of an address space: the sorted list and the rb-tree that
 * hold them (ULK chapter 9), the lookups, and the counters that follow
 * every change (contracts in <linux/mm.h> and mm/vma.h; the invariants at
 * struct mm_struct, re-derived by vma_check()).
 *
 * The tree is augmented: each node keeps rb_subtree_gap, the largest free
 * gap below any region of its subtree, where the gap below a region is
 * the distance from the previous region's end (0 for the first) to its
 * start. get_unmapped_area uses it to skip whole subtrees that have no
 * hole big enough, so the search is O(log n) as Linux's was before the
 * maple tree. A change of a region's start changes its own gap; a change
 * of its end, an insertion or a removal changes the gap of the region
 * after it: those are the nodes whose values are propagated to the root.
 */
#include <linux/mm.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <linux/sched/mm.h>

#include "internal.h"
#include "vma.h"

struct kmem_cache *vm_area_cachep;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);

	if (vma)
		vma->vm_mm = mm;
	return vma;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *vma = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (!vma)
		return NULL;
	*vma = *orig;
	vma->vm_next = vma->vm_prev = NULL;
	vma->vm_rb = (struct rb_node){ NULL, NULL, NULL, RB_RED };
	if (vma->vm_shared)
		shared_anon_get(vma->vm_shared);
	return vma;
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_shared)
		shared_anon_put(vma->vm_shared);
	kmem_cache_free(vm_area_cachep, vma);
}

unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN)
		start = start > STACK_GUARD_GAP ? start - STACK_GUARD_GAP : 0;
	return start;
}

/* The free bytes below vma (down to the previous region, or to 0). */
static unsigned long vma_own_gap(const struct vm_area_struct *vma)
{
	return vma->vm_start - (vma->vm_prev ? vma->vm_prev->vm_end : 0);
}

static void vma_gap_callback(struct rb_node *node)
{
	struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);
	unsigned long gap = vma_own_gap(vma), sub;

	if (node->rb_left) {
		sub = rb_entry(node->rb_left, struct vm_area_struct, vm_rb)->rb_subtree_gap;
		gap = max(gap, sub);
	}
	if (node->rb_right) {
		sub = rb_entry(node->rb_right, struct vm_area_struct, vm_rb)->rb_subtree_gap;
		gap = max(gap, sub);
	}
	vma->rb_subtree_gap = gap;
}

static const struct rb_augment_callbacks vma_gap_cb = { .update = vma_gap_callback };

void vma_gap_update(struct vm_area_struct *vma)
{
	rb_augment_propagate(&vma->vm_rb, &vma_gap_cb);
}

/*
 * Linux's vm_stat_account(): every page counts in total_vm, and in at
 * most one of exec_vm (executable, not writable, not a stack), stack_vm
 * and data_vm (private writable, not a stack).
 */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if ((flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC)
		mm->exec_vm += npages;
	else if (flags & VM_STACK)
		mm->stack_vm += npages;
	else if ((flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE)
		mm->data_vm += npages;
	if (flags & VM_LOCKED)
		mm->locked_vm += npages;
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	      struct vm_area_struct *prev)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;

	vma->vm_mm = mm;
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	else
		mm->highest_vm_end = vma->vm_end;

	while (*link) {
		struct vm_area_struct *v;

		parent = *link;
		v = rb_entry(parent, struct vm_area_struct, vm_rb);
		link = vma->vm_start < v->vm_start ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	vma->rb_subtree_gap = vma_own_gap(vma);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_cb);
	if (next)
		vma_gap_update(next);

	mm->map_count++;
	vm_stat_account(mm, vma->vm_flags, vma_pages(vma));
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
	else
		mm->highest_vm_end = prev ? prev->vm_end : 0;
	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_cb);
	if (next)
		vma_gap_update(next);
	vma->vm_next = vma->vm_prev = NULL;

	mm->map_count--;
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
}

void vma_set_range(struct vm_area_struct *vma, unsigned long start,
		   unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	long delta = (long)((end - start) >> PAGE_SHIFT) - (long)vma_pages(vma);
	bool start_moved = start != vma->vm_start, end_moved = end != vma->vm_end;

	vma->vm_start = start;
	vma->vm_end = end;
	vm_stat_account(mm, vma->vm_flags, delta);
	if (start_moved)
		vma_gap_update(vma);
	if (end_moved) {
		if (vma->vm_next)
			vma_gap_update(vma->vm_next);
		else
			mm->highest_vm_end = end;
	}
}

void vma_set_flags(struct vm_area_struct *vma, unsigned long vm_flags)
{
	vm_stat_account(vma->vm_mm, vma->vm_flags, -(long)vma_pages(vma));
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vm_stat_account(vma->vm_mm, vma->vm_flags, vma_pages(vma));
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *v = rb_entry(node, struct vm_area_struct, vm_rb);

		if (v->vm_end > addr) {
			found = v;
			if (v->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct rb_node *last;

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		last = rb_last(&mm->mm_rb);
		*pprev = last ? rb_entry(last, struct vm_area_struct, vm_rb) : NULL;
	}
	return vma;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma && addr < vma->vm_start)
		vma = NULL;
	return vma;
}

bool vma_range_mapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long covered = start;

	for (; vma && vma->vm_start <= covered; vma = vma->vm_next) {
		covered = vma->vm_end;
		if (covered >= end)
			return true;
	}
	return false;
}
