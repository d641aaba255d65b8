/* SPDX-License-Identifier: MIT */
/*
 * Interfaces between mm/page_alloc.c (the buddy lists and the entry points)
 * and mm/page_alloc_pcp.c (the per-CPU lists); not for use elsewhere. What
 * the other mm/ files share with them is in <linux/mmzone.h>.
 *
 * The order-0 fast paths stay in page_alloc.c, inlined into the entry
 * points; they reach page_alloc_pcp.c only when a list is empty (through
 * the slow path) or full (pcp_spill). Frames cross between the
 * per-CPU lists and the buddy lists only through rmqueue_bulk() and
 * free_pcppages_bulk(), the two users of zone->lock on that route.
 */
#ifndef _MM_PAGE_ALLOC_INTERNAL_H
#define _MM_PAGE_ALLOC_INTERNAL_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/mmzone.h>
#include <linux/types.h>
#include <asm/smp.h>

/*
 * This CPU's lists of ZONE_NORMAL, &per_cpu_pageset[ZONE_NORMAL][cpu]:
 * __thread data is per hart (tp-relative), so the fast paths find their
 * lists with one load. Set by page_alloc_cpu_init().
 */
extern __thread struct per_cpu_pages *pcp_local;

/* This CPU's lists of zone zi: per_cpu_pageset is [zone][cpu]. */
static __always_inline struct per_cpu_pages *this_cpu_pcp(unsigned int zi)
{
	return pcp_local + zi * NR_CPUS;
}

/* page_alloc.c: the buddy lists' side, under zone->lock. */

/*
 * Take up to count order-0 frames of type mt off zone's buddy lists onto
 * the tail of list, as per-CPU frames of that type, if taking one keeps
 * the zone above the watermark of alloc_flags; returns how many. irqs off.
 */
unsigned int rmqueue_bulk(struct zone *zone, unsigned int count, int mt,
			  struct list_head *list, unsigned int alloc_flags,
			  enum zone_type classzone);
/*
 * Give count frames of this CPU's pcp back to the buddy lists, oldest
 * first, taking the lists in turn; irqs off.
 */
void free_pcppages_bulk(struct zone *zone, struct per_cpu_pages *pcp,
			unsigned int count);

/* page_alloc_pcp.c: the per-CPU lists' side, this CPU's irqs off inside. */

/*
 * An order-0 frame of type mt from this CPU's list of zone, refilled from
 * the buddy lists if empty; NULL if the refill finds the zone below the
 * watermark of alloc_flags or nothing free.
 */
struct page *rmqueue_pcplist(struct zone *zone, int mt, unsigned int alloc_flags,
			     enum zone_type classzone);
/*
 * A free filled this CPU's list of zone zi: give a batch back to the buddy
 * lists (all of it if the lists are off or a drain was asked for). Called
 * with interrupts on; it rechecks the list.
 */
void pcp_spill(unsigned int zi);
/*
 * drain_all_pages() for a caller that must not sleep: this CPU's lists
 * now, the others only asked (their next refill or spill drains them).
 */
void drain_all_pages_nowait(void);
/* Drain items the workers have run for drain_all_pages() (tests). */
extern unsigned long pcp_drain_works;

#endif /* _MM_PAGE_ALLOC_INTERNAL_H */
