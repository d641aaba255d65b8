/* SPDX-License-Identifier: MIT */
/*
 * Interfaces between the files of mm/ (as Linux's mm/internal.h): the
 * page allocator's files with each other and with memblock.c, sparse.c and
 * page_report.c, and the host tests' reset helpers. Not for use outside
 * mm/ and tests/. The page allocator's fast-path internals are in
 * page_alloc_internal.h, the slab's in slab.h, vmalloc's in
 * vmalloc_internal.h.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/types.h>

/* Bytes of mem_map (0 before free_area_init); pageblock labels from pageblock_base_pfn. */
extern unsigned long mem_map_bytes;
extern u8 *pageblock_mt;
extern unsigned long pageblock_base_pfn;
void set_pageblock_migratetype(unsigned long pfn, int mt);
/* Size zone's per-CPU lists from its managed pages (or the tunable). */
void zone_pcp_update(struct zone *zone);
/* New limits for every CPU's lists of zone (batch 0 means 1). */
void zone_set_pcp(struct zone *zone, unsigned int high, unsigned int batch);
/*
 * Recompute the word the order-0 allocation fast path tests for
 * page_alloc_debug and fail_page_alloc_probability: at the end of boot
 * (page_alloc_init_late) and whenever fault injection is changed.
 */
void page_alloc_knobs_update(void);
/* Forget page_alloc.c's own state (page_alloc_reset does the rest). */
void page_alloc_core_reset(void);
/* Hand a block of reserved boot frames to the buddy allocator (memblock). */
void __free_pages_core(struct page *page, unsigned int order);
/* The last reference to an allocated block is gone: back to the lists. */
void free_the_page(struct page *page, unsigned int order);
/*
 * Owner state that makes a free a bad one, as in Linux's
 * PAGE_FLAGS_CHECK_AT_FREE (include/linux/page-flags.h, tested by
 * free_page_is_bad() in mm/page_alloc.c): a frame still locked, on an LRU
 * list, under writeback, active or with private data attached. The other
 * owner bits (PG_referenced, PG_uptodate, PG_dirty, PG_swapbacked) are
 * cleared at free without a word, as Linux's free_pages_prepare() clears
 * everything under PAGE_FLAGS_CHECK_AT_PREP once the check has passed:
 * PG_dirty is not in Linux's list.
 */
#define PAGE_FLAGS_OWNER_BAD_AT_FREE					\
	(PAGE_FLAG(PG_locked) | PAGE_FLAG(PG_lru) | PAGE_FLAG(PG_writeback) | \
	 PAGE_FLAG(PG_active) | PAGE_FLAG(PG_private))
/* Flags that must be clear (bar PG_head) on a block being freed. */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(PAGE_FLAG(PG_buddy) | PAGE_FLAG(PG_pcp) | PAGE_FLAG(PG_reserved) | \
	 PAGE_FLAG(PG_slab) | PAGE_FLAGS_OWNER_BAD_AT_FREE |		\
	 PAGE_FLAG(PG_head) | PAGE_ORDER_MASK)
/* Watermarks, pcp sizes and the per-zone log, once boot frames are released. */
void page_alloc_init_late(void);
/* Frames on the pcp lists of zone, all CPUs. */
unsigned long zone_pcp_pages(const struct zone *z);
/* Per-zone line of /proc/buddyinfo into buf; returns buf. */
const char *buddyinfo_line(const struct zone *z, char *buf, unsigned int size);

/* page_alloc_debug.c */
void page_poison_block(struct page *page, unsigned int order);
void page_poison_check_block(struct page *page, unsigned int order,
			     unsigned long caller);
void page_bad_free(struct page *page, unsigned int order, unsigned long caller);
void page_bad_free_addr(unsigned long addr, unsigned int order,
			unsigned long caller);
/* Report and count a refused free_reserved_page() (why: the rule broken). */
void page_bad_release(struct page *page, const char *why, unsigned long caller);
/*
 * page_alloc_debug's free: the descriptor must lie in mem_map and have
 * clean tails, besides the flags test of every free (expect: the head's
 * flags under PAGE_FLAGS_CHECK_AT_FREE); the last reference must also find
 * it unmapped (_mapcount -1, mapping NULL: an earlier one may be a PTE's);
 * the frames are poisoned on the last reference.
 */
void free_pages_debug(struct page *page, unsigned int order,
		      unsigned long expect, unsigned long caller);
/* Debug: report and refuse a free whose tail frames are in a bad state. */
bool page_tails_bad(struct page *page, unsigned int order, unsigned long caller);
bool should_fail_alloc_page(gfp_t gfp, unsigned int order);
/* Rate-limited allocation-failure warning with the buddyinfo dump. */
void warn_alloc(gfp_t gfp, unsigned int order, unsigned long caller);
/* The descriptor lies in mem_map and is aligned to an element. */
bool page_in_mem_map(const struct page *page);
/* The free block containing pfn, or NULL; zone->lock held. */
struct page *find_free_block(const struct zone *z, unsigned long pfn);
/* Map a frame for the allocator's own access (poison, zeroing); NULL if impossible. */
void *page_alloc_map(struct page *page);
void page_alloc_unmap(struct page *page, void *addr);

/*
 * Forget a subsystem's state, so that a host test can build a new board
 * from nothing; never called in the firmware.
 */
/* Forget all allocator state (host tests; memblock_reset() does memblock's). */
void page_alloc_reset(void);
/* Forget page_alloc_debug.c's counters and map hooks. */
void page_alloc_debug_reset(void);
/* Disarm fault injection and reseed it. */
void fail_page_alloc_reset(void);
/* Forget warn_alloc's rate limit. */
void warn_alloc_reset(void);
/* Forget the section table (host tests; page_alloc_reset calls it). */
void sparse_reset(void);
/* Forget everything (host tests). */
void memblock_reset(void);
/* Forget every cache and counter (host tests; before the buddy reset). */
void slab_reset(void);
void vmalloc_reset(void);

/* ---- Address spaces: between the region code and the page-level code ---- */

struct vm_area_struct;
struct mm_struct;
struct shared_anon;

/*
 * mm/memory.c, for the region code. Each takes mm->mmap_lock as held by
 * the caller (for writing, or the mm is dying).
 *
 * zap_page_range_single: unmap [address, address + size) of vma (inside
 * it): every PTE cleared, each frame's map count and reference dropped
 * (the zero page and shared objects' frames as theirs), RSS and
 * NR_ANON_MAPPED updated, the mm's TLB flushed for the range, and the
 * level-0 tables left empty freed (free_pgtables_range).
 */
void zap_page_range_single(struct vm_area_struct *vma, unsigned long address,
			   unsigned long size);
/*
 * fork: copy src_vma's PTEs into dst_vma's mm (same addresses). Private
 * writable pages are write-protected in both (copy-on-write; the caller
 * flushes the source mm's TLB), shared ones stay writable; every frame
 * gains a map count and a reference, RSS follows. 0 or -ENOMEM (the
 * entries copied so far stay and are torn down with dst's mm).
 */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
/*
 * Fault in every page of [start, end) of vma as an access of its rights
 * (MAP_POPULATE): writes for a writable region. 0 or -ENOMEM.
 */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end);

/*
 * mm/shared_anon.c: the object behind a MAP_SHARED|MAP_ANONYMOUS region
 * (Linux's shmem "/dev/zero" file): nr_pages frames allocated on first
 * touch, shared by every region that maps it (split, mremap, fork), with
 * a reference per region. An index at or past nr_pages has no frame.
 */
struct shared_anon *shared_anon_create(unsigned long nr_pages);
void shared_anon_get(struct shared_anon *obj);
/* The last reference frees the object and its frames (unmapped by then). */
void shared_anon_put(struct shared_anon *obj);
unsigned long shared_anon_size(const struct shared_anon *obj);	/* pages */
/*
 * The frame at index, allocated (zeroed, gfp) on first use, with a
 * reference taken for the caller (who maps it). NULL past the end
 * (*err = -EFAULT, the fault is SIGBUS) or out of memory (-ENOMEM).
 */
struct page *shared_anon_get_page(struct shared_anon *obj, unsigned long index,
				  gfp_t gfp, int *err);
/* Frames an object holds (tests, reports). */
unsigned long shared_anon_nr_frames(const struct shared_anon *obj);

/*
 * mm/mprotect.c and mm/mremap.c, page-table halves (used by the region
 * code only): give the present PTEs of [start, end) newprot (keeping the
 * frame, A and D; write permission of a private page is never granted
 * here: the write fault decides COW or reuse), flushing the mm's TLB; and
 * move the PTEs of [old_addr, old_addr + len) to new_addr (frames, counts
 * and RSS unchanged), returning the bytes moved (less on -ENOMEM).
 */
unsigned long change_protection(struct vm_area_struct *vma, unsigned long start,
				unsigned long end, pgprot_t newprot);
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma, unsigned long new_addr,
			       unsigned long len);

/*
 * mm/pgtable.c: re-derive the page-table invariants of a user mm (every
 * user PTE U and never G, never W without R, no megapage in the user
 * part, nr_ptes == its level-0 tables, the kernel half the master's).
 * 0, or -EFAULT after printing what is broken. init_mm: always 0.
 */
int pgtable_check(struct mm_struct *mm);

/*
 * mm/page_alloc_pcp.c: the pgalloc_normal, pgalloc_high and pgfree events
 * (the allocator counts them per CPU list and per zone, not in vmstat).
 */
void page_alloc_vm_events(unsigned long *alloc_normal, unsigned long *alloc_high,
			  unsigned long *freed);

/* mm/vmstat_report.c: frames in slabs, by SLAB_RECLAIM_ACCOUNT (meminfo). */
void vmstat_slab_pages(unsigned long *reclaimable, unsigned long *unreclaimable);

/* Address-space reset for host tests (forget every mm, the zero page). */
void mm_reset(void);

/*
 * mm/memory.c and mm/shared_anon.c checkers: re-derive the frame
 * bookkeeping of mm's PTEs (rss_stat against the page tables, map and
 * reference counts, no writable PTE of a private frame mapped twice, the
 * zero page special and read-only) and of an object's table. 0, or
 * -EFAULT after printing what is broken.
 */
int mm_pages_check(struct mm_struct *mm);
int shared_anon_check(struct shared_anon *obj);
/* Forget the zero page (host tests, with mm_reset: its arena is gone). */
void zero_page_reset(void);

#endif /* _MM_INTERNAL_H */
