/* SPDX-License-Identifier: MIT */
/*
 * Interfaces between the region files of mm/ (vma.c: the tree, the list
 * and the counters; vma_merge.c: merge, split and the map-count forecast;
 * vma_check.c; mmap.c, mprotect.c, mremap.c, madvise.c; kernel/fork.c);
 * not for use elsewhere. The invariants are written at struct mm_struct
 * (include/linux/mm_types.h); docs/MM.md explains the design.
 *
 * Locking: every function here runs with mm->mmap_lock held for writing
 * (or on an mm nobody else can reach: a new one in dup_mm, a dying one in
 * exit_mmap), except the lookups, for which reading is enough, and
 * expand_stack, which changes a region's start under page_table_lock.
 */
#ifndef _MM_VMA_H
#define _MM_VMA_H

#include <linux/mm.h>
#include <linux/mm_types.h>

/*
 * Page-aligned length helpers (Linux's PAGE_ALIGN, offset_in_page). PAGE_ALIGN
 * of a length within PAGE_SIZE of the top wraps to 0, which callers test.
 */
#define PAGE_ALIGN(x)		ALIGN((unsigned long)(x), PAGE_SIZE)
#define offset_in_page(x)	((unsigned long)(x) & ~PAGE_MASK)
#define vma_pages(vma)		(((vma)->vm_end - (vma)->vm_start) >> PAGE_SHIFT)

/*
 * Where the top-down search starts (Linux's mmap_base without
 * randomisation): TASK_SIZE minus the stack limit plus the guard gap,
 * that gap clamped to [MMAP_MIN_GAP, MMAP_MAX_GAP]. With the 8 MiB stack
 * limit the gap is the minimum, 128 MiB: mmap_base = 0xb8000000.
 * TASK_UNMAPPED_BASE is where the bottom-up fallback search starts.
 */
#define MMAP_MIN_GAP		(128UL << 20)
#define MMAP_MAX_GAP		(TASK_SIZE / 6 * 5)
#define TASK_UNMAPPED_BASE	PAGE_ALIGN(TASK_SIZE / 3)
unsigned long mmap_base_default(void);

/* vma.c: region descriptors (slab cache "vm_area_struct"). */
/* A zeroed region of mm (vm_mm set), or NULL. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
/* A copy of orig (not linked; the shared object gains a reference), or NULL. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
/* Free an unlinked region, dropping its shared object's reference. */
void vm_area_free(struct vm_area_struct *vma);

/* Does a region need the stack guard gap below it (VM_GROWSDOWN)? */
unsigned long vm_start_gap(const struct vm_area_struct *vma);

/*
 * Link a new region (not overlapping any) into mm's list and tree after
 * prev (NULL: first), with its pages accounted (vm_stat_account) and
 * map_count and highest_vm_end updated.
 */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	      struct vm_area_struct *prev);
/* Unlink a region from list and tree, its pages unaccounted; not freed. */
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);
/*
 * Change a linked region's bounds in place (no overlap may result): the
 * counters and gaps follow. The caller moves vm_pgoff with vm_start.
 */
void vma_set_range(struct vm_area_struct *vma, unsigned long start,
		   unsigned long end);
/* Change a linked region's flags (and vm_page_prot): the counters follow. */
void vma_set_flags(struct vm_area_struct *vma, unsigned long vm_flags);
/* total_vm, data_vm, exec_vm and stack_vm by Linux's classes. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
/* Recompute the gaps after an in-place change of vma's start (expand_stack). */
void vma_gap_update(struct vm_area_struct *vma);

/* vma_merge.c */
/*
 * Can b (starting at a's end) join a? Same flags and object, and b's
 * vm_pgoff continues a's.
 */
bool vma_mergeable(const struct vm_area_struct *a, const struct vm_area_struct *b);
/*
 * A new range [addr, end) in the hole after prev (NULL: before the first
 * region), with flags, object and pgoff: extend prev, the next region or
 * both (the next one then freed) when they match, and return the region
 * now covering the range; NULL when neither matches (the caller links a
 * new region). Never allocates, so never fails.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end,
				 unsigned long vm_flags, struct shared_anon *obj,
				 unsigned long pgoff);
/*
 * Merge vma with its neighbours where they have become mergeable (after
 * a change of flags); returns the region now holding vma's range.
 */
struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm,
					    struct vm_area_struct *vma);
/*
 * Cut vma at addr (strictly inside, page aligned) with the spare region
 * new (from vm_area_alloc): new becomes the lower part when new_below,
 * else the upper part; returns new. Never fails: the caller checked the
 * map count (split_vma does).
 */
struct vm_area_struct *__split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
				   unsigned long addr, int new_below,
				   struct vm_area_struct *new);
/* Linux's split_vma: -ENOMEM at max_map_count or without memory, else 0. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
	      int new_below);

/*
 * Map-count forecast: the number of regions mm will have after the
 * operation, computed before anything changes, so that an operation that
 * would pass max_map_count fails with nothing done.
 *   unmap [start, end)
 *   unmap [start, end) and map one region (flags, obj, pgoff) there
 *   give every page of [start, end) (fully mapped) the flags that
 *   newflags(old flags, arg) returns
 */
long vma_count_after_unmap(struct mm_struct *mm, unsigned long start,
			   unsigned long end);
long vma_count_after_map(struct mm_struct *mm, unsigned long start, unsigned long end,
			 unsigned long vm_flags, const struct shared_anon *obj,
			 unsigned long pgoff);
typedef unsigned long (*vma_newflags_fn)(unsigned long old_flags, unsigned long arg);
long vma_count_after_change(struct mm_struct *mm, unsigned long start,
			    unsigned long end, vma_newflags_fn fn, unsigned long arg);
/*
 * Apply such a change: split at start and end (spares: up to two regions
 * from vm_area_alloc, used ones set to NULL), new flags on each part, the
 * page tables told through change (may be NULL), neighbours merged.
 */
void vma_apply_change(struct mm_struct *mm, unsigned long start, unsigned long end,
		      vma_newflags_fn fn, unsigned long arg,
		      struct vm_area_struct **spare,
		      void (*change)(struct vm_area_struct *vma, unsigned long old_flags));

/*
 * Does [start, end) lie wholly in regions, without a hole? (mprotect,
 * madvise, mremap)
 */
bool vma_range_mapped(struct mm_struct *mm, unsigned long start, unsigned long end);

/*
 * mmap.c: unmap [start, end) (page aligned, inside TASK_SIZE) with the
 * spares for the two boundary splits; the caller has checked the count.
 * Pages zapped, objects put, regions freed.
 */
void __do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end,
		 struct vm_area_struct **spare);
/* Up to n spare regions for mm; false (none kept) when out of memory. */
bool vma_spares_alloc(struct mm_struct *mm, struct vm_area_struct **spare, int n);
void vma_spares_free(struct vm_area_struct **spare, int n);

/* mmap_params.c: the vm.max_map_count= boot argument's setter (0 or -EINVAL). */
int vm_max_map_count_param(const char *val);

/* maps_report.c: one /proc/<pid>/maps line (no newline) into buf; its length. */
int show_map_line(const struct mm_struct *mm, const struct vm_area_struct *vma,
		  char *buf, size_t size);

/* fork.c: the region cache (created by proc_caches_init). */
extern struct kmem_cache *vm_area_cachep;

#endif /* _MM_VMA_H */
