// SPDX-License-Identifier: MIT
/*
 * The buddy allocator's per-CPU lists (struct per_cpu_pages): order-0
 * frames cached per CPU and zone, refilled from and drained to the buddy
 * lists `batch` frames at a time, and the drain requests by which CPUs ask
 * each other to give their frames back.
 *
 * The order-0 fast paths that take from and add to these lists stay in
 * page_alloc.c, inlined into the entry points: this file has what they
 * call when a list is empty or full, and whatever touches the lists from
 * outside the allocation and free paths. The moves to and from the buddy
 * lists under zone->lock (rmqueue_bulk, free_pcppages_bulk) stay there
 * too, beside the merging and splitting they inline.
 *
 * Locking: only the owning CPU touches its lists and count, with its
 * interrupts off; other CPUs write only high, batch and drain_requested
 * (see mmzone.h), or ask the owner to drain through per-CPU work.
 */
#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <asm/smp.h>

#include "page_alloc_internal.h"
#include "internal.h"

__thread struct per_cpu_pages *pcp_local;

/* All of pcp to the buddy lists, answering any drain request; irqs off. */
static void pcp_drain(struct zone *zone, struct per_cpu_pages *pcp)
{
	WRITE_ONCE(pcp->drain_requested, false);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp, pcp->count);
}

/* Refill this CPU's mt list from the buddy lists; irqs off. */
static bool pcp_refill(struct zone *zone, struct per_cpu_pages *pcp, int mt,
		       unsigned int alloc_flags, enum zone_type classzone)
{
	unsigned int want, n;

	if (unlikely(READ_ONCE(pcp->drain_requested)))
		pcp_drain(zone, pcp);
	want = pcp->high ? pcp->batch : 1;
	n = rmqueue_bulk(zone, want, mt, &pcp->lists[mt], alloc_flags,
			 classzone);
	pcp->count += n;
	pcp->refilled += n;
	return n != 0;
}

/*
 * Order 0 from this CPU's list, refilling it if empty. The watermark is
 * checked only for a refill: the frames already on the list were counted
 * as taken then.
 */
struct page *rmqueue_pcplist(struct zone *zone, int mt, unsigned int alloc_flags,
			     enum zone_type classzone)
{
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page = NULL;
	unsigned long flags;

	local_irq_save(flags);
	pcp = this_cpu_pcp(zone_idx(zone));
	list = &pcp->lists[mt];
	if (likely(!list_empty(list)) ||
	    pcp_refill(zone, pcp, mt, alloc_flags, classzone)) {
		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		pcp->taken++;
	}
	local_irq_restore(flags);
	return page;
}

/*
 * Freeing a frame filled this CPU's list of zone zi: give a batch back, or
 * all of it when the lists are off or another CPU asked for a drain. The
 * free fast path calls this after it has turned the interrupts back on,
 * so an interrupt may have emptied the lists meanwhile: look again.
 */
void pcp_spill(unsigned int zi)
{
	struct zone *zone = &contig_page_data.node_zones[zi];
	struct per_cpu_pages *pcp;
	unsigned long flags;

	local_irq_save(flags);
	pcp = this_cpu_pcp(zi);
	if (!pcp->high || READ_ONCE(pcp->drain_requested))
		pcp_drain(zone, pcp);
	else if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp, pcp->batch);
	local_irq_restore(flags);
}

void drain_local_pages(void)
{
	unsigned long flags;
	struct zone *z;

	local_irq_save(flags);
	for_each_zone(z)
		if (z->spanned_pages)
			pcp_drain(z, this_cpu_pcp(zone_idx(z)));
	local_irq_restore(flags);
}

/* Whether cpu's lists hold frames in any zone (a racy read: a hint). */
static bool cpu_has_pcp_pages(unsigned int cpu)
{
	struct zone *z;

	for_each_zone(z)
		if (z->spanned_pages && z->pcp && READ_ONCE(z->pcp[cpu].count))
			return true;
	return false;
}

/* Ask every other CPU whose lists hold frames to drain at its next refill or spill. */
static void request_remote_drains(void)
{
	unsigned long flags;
	unsigned int cpu;
	struct zone *z;

	local_irq_save(flags);
	for_each_zone(z) {
		for (cpu = 0; z->spanned_pages && cpu < NR_CPUS; cpu++) {
			struct per_cpu_pages *pcp = &z->pcp[cpu];

			if (pcp != this_cpu_pcp(zone_idx(z)) && READ_ONCE(pcp->count))
				WRITE_ONCE(pcp->drain_requested, true);
		}
	}
	local_irq_restore(flags);
}

/* One drain item per CPU (Linux's pcpu_drain), serialised by pcpu_drain_busy. */
static struct work_struct pcpu_drain[NR_CPUS];
static unsigned int pcpu_drain_busy;
unsigned long pcp_drain_works;

void drain_all_pages_nowait(void)
{
	request_remote_drains();
	drain_local_pages();
}

static void drain_local_pages_wq(struct work_struct *work)
{
	(void)work;
	drain_local_pages();
	__atomic_fetch_add(&pcp_drain_works, 1, __ATOMIC_RELAXED);
}

/*
 * Other CPUs' lists are theirs alone, so they drain them themselves. From
 * a context that may sleep, once the workers run, as Linux's drain_all_pages
 * before 5.19: a drain item is queued on every online CPU whose lists hold
 * frames and each is waited for (flush_work), so the frames are back in
 * the buddy lists on return. The caller's own lists are drained here
 * directly when it is a worker (its own CPU's item would wait behind it)
 * or when another drain is in flight (its items are in use). From atomic
 * context, or before the workers start, the others are only asked (their
 * next refill or spill answers) and this CPU's lists are drained directly.
 */
void drain_all_pages(void)
{
	bool can_wait = !in_interrupt() && !preempt_count() && !irqs_disabled() &&
			workqueue_started();
	bool worker = can_wait && current_work() != NULL;
	unsigned int cpu;

	if (!can_wait || __atomic_exchange_n(&pcpu_drain_busy, 1u, __ATOMIC_ACQUIRE)) {
		drain_all_pages_nowait();
		return;
	}
	for_each_online_cpu(cpu) {
		bool local = cpu == smp_processor_id();

		if ((local && worker) || !cpu_has_pcp_pages(cpu))
			continue;
		INIT_WORK(&pcpu_drain[cpu], drain_local_pages_wq);
		queue_work_on(cpu, system_wq, &pcpu_drain[cpu]);
	}
	if (worker)
		drain_local_pages();
	for_each_online_cpu(cpu)
		flush_work(&pcpu_drain[cpu]);
	__atomic_store_n(&pcpu_drain_busy, 0u, __ATOMIC_RELEASE);
}

unsigned long zone_pcp_pages(const struct zone *z)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; z->pcp && cpu < NR_CPUS; cpu++)
		n += READ_ONCE(z->pcp[cpu].count);
	return n;
}

/*
 * high and batch are single words, read by the owner with its irqs off;
 * lists now at or above the mark are drained here for this CPU and by
 * their owners for the others.
 */
void zone_set_pcp(struct zone *zone, unsigned int high, unsigned int batch)
{
	unsigned long flags;
	unsigned int cpu;

	local_irq_save(flags);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &zone->pcp[cpu];

		WRITE_ONCE(pcp->high, high);
		WRITE_ONCE(pcp->batch, batch ? batch : 1);
		if (READ_ONCE(pcp->count) < high || !READ_ONCE(pcp->count))
			continue;
		if (pcp == this_cpu_pcp(zone_idx(zone)))
			pcp_drain(zone, pcp);
		else
			WRITE_ONCE(pcp->drain_requested, true);
	}
	local_irq_restore(flags);
}

void page_alloc_cpu_init(void)
{
	pcp_local = &per_cpu_pageset[ZONE_NORMAL][smp_processor_id()];
}

/*
 * vmstat's pgalloc_normal, pgalloc_high and pgfree, which the allocator
 * counts where it is cheapest: per CPU list (struct per_cpu_pages) and per
 * zone for the rest (struct zone). Reads other CPUs' counters without
 * their lock: a report may be a few operations behind, never wrong by more.
 */
void page_alloc_vm_events(unsigned long *alloc_normal, unsigned long *alloc_high,
			  unsigned long *freed)
{
	unsigned int zi, cpu;

	*alloc_normal = *alloc_high = *freed = 0;
	for (zi = 0; zi < MAX_NR_ZONES; zi++) {
		const struct zone *z = &contig_page_data.node_zones[zi];

		*(zi == ZONE_HIGHMEM ? alloc_high : alloc_normal) += READ_ONCE(z->pgalloc);
		*freed += READ_ONCE(z->pgfree);
		for (cpu = 0; cpu < NR_CPUS; cpu++) {
			const struct per_cpu_pages *pcp = &per_cpu_pageset[zi][cpu];
			unsigned long taken = READ_ONCE(pcp->taken);

			*(zi == ZONE_HIGHMEM ? alloc_high : alloc_normal) += taken;
			*freed += READ_ONCE(pcp->count) + taken + READ_ONCE(pcp->drained) -
				  READ_ONCE(pcp->refilled);
		}
	}
}
