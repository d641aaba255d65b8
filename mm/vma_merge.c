// SPDX-License-Identifier: MIT
/*
 * Merging and splitting regions, and the forecast of how many regions an
 * operation leaves (contracts in mm/vma.h).
 *
 * Two regions that touch (a's end == b's start) are mergeable when they
 * have the same flags, the same object (none, or the same shared
 * anonymous object) and b's vm_pgoff continues a's. For private regions
 * vm_pgoff is vm_start >> PAGE_SHIFT, so the last test always holds; for
 * shared ones it keeps two mappings of different parts of one object (or
 * of two objects) apart. Every operation leaves no two mergeable
 * neighbours (vma_check() verifies it): new ranges extend a neighbour
 * (vma_merge), changed ranges are merged back into theirs
 * (vma_merge_span).
 *
 * The forecast: an operation first computes the map count it will leave,
 * by feeding the regions and parts it will produce, in address order, to
 * a counter of maximal mergeable runs, so that passing max_map_count is
 * refused before anything changes (Linux checks split by split and may
 * stop half way; here nothing is done).
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>

#include "internal.h"
#include "vma.h"

/* A region, or a part of one that an operation will produce. */
struct seg {
	unsigned long start, end, flags, pgoff;
	const struct shared_anon *obj;
};

static struct seg seg_of(const struct vm_area_struct *v, unsigned long start,
			 unsigned long end, unsigned long flags)
{
	return (struct seg){
		.start = start, .end = end, .flags = flags, .obj = v->vm_shared,
		.pgoff = v->vm_pgoff + ((start - v->vm_start) >> PAGE_SHIFT),
	};
}

static bool seg_joins(const struct seg *a, const struct seg *b)
{
	return a->end == b->start && a->flags == b->flags && a->obj == b->obj &&
	       a->pgoff + ((a->end - a->start) >> PAGE_SHIFT) == b->pgoff;
}

bool vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	struct seg sa = seg_of(a, a->vm_start, a->vm_end, a->vm_flags);
	struct seg sb = seg_of(b, b->vm_start, b->vm_end, b->vm_flags);

	return seg_joins(&sa, &sb);
}

/* Counts the maximal mergeable runs of the segments fed in address order. */
struct run_counter {
	struct seg last;
	bool have;
	long runs;
};

static void run_feed(struct run_counter *rc, struct seg s)
{
	if (rc->have && seg_joins(&rc->last, &s)) {
		rc->last.end = s.end;
		return;
	}
	rc->runs++;
	rc->last = s;
	rc->have = true;
}

/* Merge b (right after a, mergeable) into a; returns a. */
static struct vm_area_struct *vma_absorb_next(struct mm_struct *mm,
					      struct vm_area_struct *a)
{
	struct vm_area_struct *b = a->vm_next;
	unsigned long end = b->vm_end;

	vma_unlink(mm, b);
	vm_area_free(b);
	vma_set_range(a, a->vm_start, end);
	return a;
}

/*
 * Merge every mergeable pair from 'from' up to and including the region
 * that starts at until (the right neighbour of a changed range).
 */
static void vma_merge_span(struct mm_struct *mm, struct vm_area_struct *from,
			   unsigned long until)
{
	struct vm_area_struct *cur = from, *next;

	while (cur && (next = cur->vm_next) && next->vm_start <= until) {
		if (vma_mergeable(cur, next))
			vma_absorb_next(mm, cur);
		else
			cur = next;
	}
}

struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct shared_anon *obj,
				 unsigned long pgoff)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap;
	struct seg n = { addr, end, vm_flags, pgoff, obj };
	struct seg sp, sn;
	bool with_prev = false, with_next = false;

	if (prev) {
		sp = seg_of(prev, prev->vm_start, prev->vm_end, prev->vm_flags);
		with_prev = seg_joins(&sp, &n);
	}
	if (next) {
		sn = seg_of(next, next->vm_start, next->vm_end, next->vm_flags);
		with_next = seg_joins(&n, &sn);
	}
	if (with_prev) {
		vma_set_range(prev, prev->vm_start, end);
		if (with_next)
			vma_absorb_next(mm, prev);
		return prev;
	}
	if (with_next) {
		vma_set_range(next, addr, next->vm_end);
		next->vm_pgoff = pgoff;
		return next;
	}
	return NULL;
}

struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					    struct vm_area_struct *vma)
{
	if (vma->vm_prev && vma_mergeable(vma->vm_prev, vma))
		vma = vma_absorb_next(mm, vma->vm_prev);
	if (vma->vm_next && vma_mergeable(vma, vma->vm_next))
		vma_absorb_next(mm, vma);
	return vma;
}

struct vm_area_struct *__split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				   unsigned long addr, int new_below,
				   struct vm_area_struct *new)
{
	unsigned long start = vma->vm_start, end = vma->vm_end;
	unsigned long off = (addr - start) >> PAGE_SHIFT;

	BUG_ON(addr <= start || addr >= end || offset_in_page(addr));
	new->vm_flags = vma->vm_flags;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_shared = vma->vm_shared;
	if (new->vm_shared)
		shared_anon_get(new->vm_shared);
	if (new_below) {
		new->vm_start = start;
		new->vm_end = addr;
		new->vm_pgoff = vma->vm_pgoff;
		vma_set_range(vma, addr, end);
		vma->vm_pgoff += off;
		vma_link(mm, new, vma->vm_prev);
	} else {
		new->vm_start = addr;
		new->vm_end = end;
		new->vm_pgoff = vma->vm_pgoff + off;
		vma_set_range(vma, start, addr);
		vma_link(mm, new, vma);
	}
	return new;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below)
{
	struct vm_area_struct *new;

	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	new = vm_area_alloc(mm);
	if (!new)
		return -ENOMEM;
	__split_vma(mm, vma, addr, new_below, new);
	return 0;
}

long vma_count_after_unmap(struct mm_struct *mm, unsigned long start,
			   unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);
	long count = mm->map_count;

	if (v && v->vm_start < start && v->vm_end > end)
		return count + 1;	/* a hole in the middle of one region */
	for (; v && v->vm_start < end; v = v->vm_next)
		if (v->vm_start >= start && v->vm_end <= end)
			count--;	/* wholly inside: goes; partial ones shrink */
	return count;
}

long vma_count_after_map(struct mm_struct *mm, unsigned long start, unsigned long end,
			 unsigned long vm_flags, const struct shared_anon *obj,
			 unsigned long pgoff)
{
	struct vm_area_struct *v = find_vma(mm, start), *prev, *first = NULL, *last = NULL;
	struct run_counter rc = { .have = false, .runs = 0 };
	long old = 0;

	prev = v ? v->vm_prev : NULL;
	if (!v && mm->mmap) {
		for (prev = mm->mmap; prev->vm_next; prev = prev->vm_next)
			;
	}
	if (prev) {
		run_feed(&rc, seg_of(prev, prev->vm_start, prev->vm_end, prev->vm_flags));
		old++;
	}
	for (; v && v->vm_start < end; v = v->vm_next) {
		if (!first)
			first = v;
		last = v;
		old++;
	}
	if (first && first->vm_start < start)
		run_feed(&rc, seg_of(first, first->vm_start, start, first->vm_flags));
	run_feed(&rc, (struct seg){ start, end, vm_flags, pgoff, obj });
	if (last && last->vm_end > end)
		run_feed(&rc, seg_of(last, end, last->vm_end, last->vm_flags));
	if (v) {
		run_feed(&rc, seg_of(v, v->vm_start, v->vm_end, v->vm_flags));
		old++;
	}
	return mm->map_count - old + rc.runs;
}

long vma_count_after_change(struct mm_struct *mm, unsigned long start,
			    unsigned long end, vma_newflags_fn fn, unsigned long arg)
{
	struct vm_area_struct *v = find_vma(mm, start), *last = NULL;
	struct run_counter rc = { .have = false, .runs = 0 };
	unsigned long s, e;
	long old = 0;

	if (v->vm_prev) {
		run_feed(&rc, seg_of(v->vm_prev, v->vm_prev->vm_start,
				     v->vm_prev->vm_end, v->vm_prev->vm_flags));
		old++;
	}
	for (; v && v->vm_start < end; v = v->vm_next) {
		old++;
		s = max(v->vm_start, start);
		e = min(v->vm_end, end);
		if (v->vm_start < s)
			run_feed(&rc, seg_of(v, v->vm_start, s, v->vm_flags));
		run_feed(&rc, seg_of(v, s, e, fn(v->vm_flags, arg)));
		if (v->vm_end > e)
			run_feed(&rc, seg_of(v, e, v->vm_end, v->vm_flags));
		last = v;
	}
	if (last && last->vm_next) {
		v = last->vm_next;
		run_feed(&rc, seg_of(v, v->vm_start, v->vm_end, v->vm_flags));
		old++;
	}
	return mm->map_count - old + rc.runs;
}

static struct vm_area_struct *take_spare(struct vm_area_struct **spare)
{
	struct vm_area_struct *v;
	int i;

	for (i = 0; i < 2; i++) {
		if (spare[i]) {
			v = spare[i];
			spare[i] = NULL;
			return v;
		}
	}
	panic("vma: take_spare: the caller reserved too few regions");
}

void vma_apply_change(struct mm_struct *mm, unsigned long start, unsigned long end,
		      vma_newflags_fn fn, unsigned long arg,
		      struct vm_area_struct **spare,
		      void (*change)(struct vm_area_struct *vma, unsigned long old_flags))
{
	struct vm_area_struct *v = find_vma(mm, start), *from;
	unsigned long nf, old;

	if (v->vm_start < start && fn(v->vm_flags, arg) != v->vm_flags)
		__split_vma(mm, v, start, 1, take_spare(spare));
	from = v->vm_prev ? v->vm_prev : v;
	for (; v && v->vm_start < end; v = v->vm_next) {
		nf = fn(v->vm_flags, arg);
		if (nf == v->vm_flags)
			continue;
		if (v->vm_end > end)
			__split_vma(mm, v, end, 0, take_spare(spare));
		old = v->vm_flags;
		vma_set_flags(v, nf);
		if (change)
			change(v, old);
	}
	vma_merge_span(mm, from, end);
}
