/* SPDX-License-Identifier: MIT */
/*
 * Page allocation flags and the page frame allocator API (Linux's names and
 * semantics). Failures return NULL (struct page *) or 0 (addresses).
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/types.h>
#include <asm/page.h>

/* Zone modifier: the frames may come from ZONE_HIGHMEM (no linear address). */
#define __GFP_HIGHMEM		0x02u
/* Mobility (grouping by mobility): migratetype = (gfp >> 3) & 3. */
#define __GFP_MOVABLE		0x08u
#define __GFP_RECLAIMABLE	0x10u
#define GFP_MOVABLE_SHIFT	3
#define GFP_MOVABLE_MASK	(__GFP_MOVABLE | __GFP_RECLAIMABLE)
/* High priority: may use half of the min watermark's reserve. */
#define __GFP_HIGH		0x20u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
/* Return zeroed frames. */
#define __GFP_ZERO		0x100u
/*
 * The caller may block: a request that finds its zones below the low
 * watermark runs the reclaim hooks itself (direct reclaim). Never from an
 * interrupt handler: such a request is warned about (mm/page_alloc.c).
 */
#define __GFP_DIRECT_RECLAIM	0x400u
/* Linux wakes kswapd; there is none here (the slab reaper's work reclaims). */
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
/* No allocation-failure warning. */
#define __GFP_NOWARN		0x2000u
/* Ignore the watermarks entirely (emergency reserve). */
#define __GFP_MEMALLOC		0x20000u

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_USER		GFP_KERNEL
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return (gfp & __GFP_DIRECT_RECLAIM) != 0;
}

/* Migratetype a request allocates from. */
static inline int gfp_migratetype(gfp_t gfp)
{
	unsigned int mt = (gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT;

	/* Both bits set names no type. */
	if (unlikely(mt == MIGRATE_TYPES || page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return (int)mt;
}

/*
 * Allocate 2^order contiguous frames. order <= MAX_PAGE_ORDER, else NULL.
 * Safe from interrupt context with GFP_ATOMIC (or GFP_NOWAIT); never
 * sleeps yet, but only a blocking gfp (GFP_KERNEL) reclaims.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_page(gfp_t gfp);
/* As alloc_pages, returning the linear address (never highmem) or 0. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long __get_free_page(gfp_t gfp);
unsigned long get_zeroed_page(gfp_t gfp);
/*
 * Drop a reference to a block from alloc_pages(); the last one frees it.
 * order must be the allocation's order. Bad frees are reported and refused.
 */
void __free_pages(struct page *page, unsigned int order);
void __free_page(struct page *page);
/* addr from __get_free_pages(); addr 0 is ignored. */
void free_pages(unsigned long addr, unsigned int order);
void free_page(unsigned long addr);
/*
 * size bytes (rounded up to pages) of physically contiguous lowmem; the
 * frames past the size are given back at once. Free with free_pages_exact.
 */
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
/* Turn an order-n allocation into 2^n order-0 allocations. */
void split_page(struct page *page, unsigned int order);

/*
 * Return every CPU's per-CPU frames to the buddy lists. From a context
 * that may sleep (a task, preemptible, with the workers started) each
 * online CPU with frames drains its own lists in its worker and this call
 * waits for them: all are back on return. From atomic context (or before
 * the workers start) this CPU's lists are drained at once and the other
 * CPUs' when they next refill or spill (mm/page_alloc_pcp.c).
 */
void drain_all_pages(void);
/* Return this CPU's per-CPU frames to the buddy lists. */
void drain_local_pages(void);

/* Smallest order whose block holds size bytes (size > 0). */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

#endif /* _LINUX_GFP_H */
