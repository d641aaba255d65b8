/* SPDX-License-Identifier: MIT */
/*
 * Zones, free areas and per-CPU page lists of the buddy allocator.
 *
 * One node (contig_page_data) with two zones:
 *   ZONE_NORMAL   [mem_map_base_pfn, max_low_pfn): linear-mapped low memory
 *                 (it starts at the kernel's load address: setup removes
 *                 the RAM below it from memblock, so no zone spans it)
 *   ZONE_HIGHMEM  [max_low_pfn, max_pfn): RAM beyond the linear map, reached
 *                 only through kmap
 *
 * Per zone, with F(o) the number of free blocks of order o:
 *   free_area[o].nr_free == F(o) == sum over migratetypes of the list lengths
 *   free_pages == sum over o of F(o) << o
 *   spanned_pages == free_pages + pcp pages + used + (reserved and holes)
 *   managed_pages == free_pages + pcp pages + used
 *   present_pages - managed_pages == reserved RAM frames
 * buddy_check() re-derives all of these from mem_map.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <asm/smp.h>

#define MAX_PAGE_ORDER		10		/* largest block: 1024 frames, 4 MiB */
#define NR_PAGE_ORDERS		(MAX_PAGE_ORDER + 1)
#define MAX_ORDER_NR_PAGES	(1UL << MAX_PAGE_ORDER)

/* Grouping by mobility works on pageblocks of the largest order. */
#define pageblock_order		MAX_PAGE_ORDER
#define pageblock_nr_pages	(1UL << pageblock_order)

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_TYPES
};
/* Every migratetype has its own per-CPU list. */
#define MIGRATE_PCPTYPES	MIGRATE_TYPES

extern const char *const migratetype_names[MIGRATE_TYPES];

/*
 * Grouping by mobility off: every block and request is MIGRATE_UNMOVABLE.
 * A boot setting in Linux; the fragmentation self-test flips it at run
 * time, and that works because the order-0 fast path serves a request from
 * the per-CPU list of its gfp's type, which receives frames only from
 * requests of that type: with grouping off, only the unmovable lists fill.
 * Frames that were on the other lists, or allocated as other types, at the
 * flip keep their type until they reach the buddy lists (drain_all_pages()
 * after a flip returns the listed ones).
 */
extern bool page_group_by_mobility_disabled;

enum zone_type {
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

struct free_area {
	/* Heads of free blocks of this order, one list per migratetype. */
	struct list_head free_list[MIGRATE_TYPES];
	/* Free blocks of this order, all migratetypes together. */
	unsigned long nr_free;
};

/*
 * Order-0 frames cached per CPU and zone, so that most single-page
 * allocations and frees avoid zone->lock. Frames here are PG_pcp, carry
 * their list's migratetype in the mt field, have a zero refcount and are
 * not counted in zone->free_pages.
 *
 * No lock: only the owning CPU touches its lists and count, with its
 * interrupts off (Linux before 5.19). Other CPUs may write high, batch and
 * drain_requested, single words that the owner reads with its interrupts
 * off; drain_all_pages() queues a drain on the owner's worker (or, when
 * it must not sleep, asks, and the owner drains at its next refill or
 * spill).
 * buddy_check() and the reports read other CPUs' lists, which is exact
 * only while they do not run: today one hart runs, and host tests play the
 * other CPUs one at a time.
 *
 *   count == sum over lists of their lengths, and lists[MIGRATE_PCPTYPES]
 *   is always empty: a request whose gfp names both mobility bits (no
 *   type) indexes it straight from the gfp on the fast path, finds it
 *   empty, and is served as unmovable by the slow path.
 */
struct per_cpu_pages {
	struct list_head lists[MIGRATE_PCPTYPES + 1];	/* newest first */
	unsigned int count;	/* frames on all lists */
	unsigned int high;	/* free drains `batch` frames when count reaches it; 0: pcp off */
	unsigned int batch;	/* frames moved per refill or drain */
	bool drain_requested;	/* set by another CPU's drain_all_pages() */
	/*
	 * Event counts behind vmstat's pgalloc_* and pgfree (owner only,
	 * wrapping): frames taken from the lists, moved in from the buddy
	 * lists (refills) and back out (drains). Frees onto the lists are
	 * not counted, they follow: freed = count + taken + drained - refilled,
	 * which keeps the free fast path free of a counter.
	 */
	unsigned long taken, refilled, drained;
} __aligned(64);	/* a cache line each: no false sharing between CPUs */

struct zone {
	spinlock_t lock;		/* free_area, free_pages, pageblock types */
	/*
	 * Frames allocated and freed here past the per-CPU lists (blocks of
	 * order > 0, boot frees): vmstat's pgalloc_* and pgfree add these to
	 * the lists' own counts (page_alloc_vm_events). Plain counters under
	 * lock, which the slow paths hold anyway; near it, so that
	 * the offsets fit the 12-bit immediates.
	 */
	unsigned long pgalloc, pgfree;
	const char *name;
	/* Free-page thresholds in frames (setup_per_zone_wmarks). */
	unsigned long _watermark[NR_WMARK];
	/*
	 * Frames kept back from requests whose preferred zone is higher:
	 * lowmem_reserve[ZONE_HIGHMEM] protects Normal from highmem requests.
	 */
	unsigned long lowmem_reserve[MAX_NR_ZONES];
	struct free_area free_area[NR_PAGE_ORDERS];
	unsigned long free_pages;	/* frames in free_area blocks */
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages;	/* RAM frames in the span */
	unsigned long managed_pages;	/* frames given to the buddy allocator */
	/* This zone's row of per_cpu_pageset: pcp[cpu]. */
	struct per_cpu_pages *pcp;
} __aligned(512);	/* a power of two in size: zone index to address is a shift */

/*
 * Per-CPU lists of every zone, [zone][cpu]: a flat array of cache lines, so
 * that the fast paths find theirs with two shifts.
 */
extern struct per_cpu_pages per_cpu_pageset[MAX_NR_ZONES][NR_CPUS];

struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
};

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

#define for_each_zone(z)						\
	for ((z) = contig_page_data.node_zones;				\
	     (z) < contig_page_data.node_zones + MAX_NR_ZONES; (z)++)

static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn && pfn < zone_end_pfn(z);
}

static inline bool populated_zone(const struct zone *z)
{
	return z->managed_pages != 0;
}

static inline enum zone_type zone_idx(const struct zone *z)
{
	return (enum zone_type)(z - contig_page_data.node_zones);
}

static inline bool is_highmem(const struct zone *z)
{
	return zone_idx(z) == ZONE_HIGHMEM;
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_MIN];
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_LOW];
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_HIGH];
}

/* Migratetype of the pageblock holding pfn (a valid pfn). */
int get_pfnblock_migratetype(unsigned long pfn);

#endif /* _LINUX_MMZONE_H */
