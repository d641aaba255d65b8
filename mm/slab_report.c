// SPDX-License-Identifier: MIT
/*
 * Reports of the slab allocator: /proc/slabinfo (version 2.1, Linux's
 * layout, tunables and slabdata columns included) and the @slab records
 * (DESIGN.md section 7).
 */
#define pr_fmt(fmt) fmt

#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "slab.h"

/*
 * Snapshot each cache under the chain lock, print after: printing a line
 * per cache with the lock held would keep interrupts off for the whole dump.
 */
#define REPORT_MAX_CACHES	64

/*
 * The snapshot buffer, under report_lock. The lock is irq-safe: a report
 * may be asked for from the timer interrupt (the stress workload's
 * reporter, a crash dump), and an interrupt that spins on a lock its own
 * hart holds never returns.
 */
static struct slab_cache_info report_info[REPORT_MAX_CACHES];
static DEFINE_SPINLOCK(report_lock);

static unsigned int snapshot_caches(void)
{
	unsigned long flags;
	struct kmem_cache *c;
	unsigned int n = 0;

	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next)
		if (n < REPORT_MAX_CACHES)
			kmem_cache_get_info(c, &report_info[n++]);
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	return n;
}

static unsigned long info_slabs(const struct slab_cache_info *i)
{
	return i->slabs[SLAB_LIST_FULL] + i->slabs[SLAB_LIST_PARTIAL] +
	       i->slabs[SLAB_LIST_FREE];
}

static void print_slabinfo(unsigned int n)
{
	unsigned int i;

	pr_info("slabinfo - version: 2.1\n");
	pr_info("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (i = 0; i < n; i++) {
		const struct slab_cache_info *s = &report_info[i];

		pr_info("%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u : slabdata %6lu %6lu %6u\n",
			s->name, s->active_objs, s->num_objs, s->size, s->objperslab,
			1u << s->order, s->limit, s->batchcount, 0u,
			s->slabs[SLAB_LIST_FULL] + s->slabs[SLAB_LIST_PARTIAL],
			info_slabs(s), 0u);
	}
}

void slab_show_slabinfo(void)
{
	unsigned long flags;

	spin_lock_irqsave(&report_lock, flags);
	print_slabinfo(snapshot_caches());
	spin_unlock_irqrestore(&report_lock, flags);
}

void slab_report(void)
{
	struct slab_stats st;
	unsigned long flags;
	unsigned int n, i;

	kmem_cache_shrink_all();
	spin_lock_irqsave(&report_lock, flags);
	n = snapshot_caches();
	for (i = 0; i < n; i++) {
		const struct slab_cache_info *s = &report_info[i];

		pr_record("slab", "cache=%s active=%lu total=%lu size=%u perslab=%u pages=%lu "
			  "objsize=%u order=%u slabs=%lu limit=%u batch=%u quarantined=%lu "
			  "grown=%lu released=%lu debug=%u",
			  s->name, s->active_objs, s->num_objs, s->size, s->objperslab,
			  info_slabs(s) << s->order, s->object_size, s->order,
			  info_slabs(s), s->limit, s->batchcount, s->quarantined,
			  s->grown, s->released, (s->flags & CFLGS_DEBUG) ? 1u : 0u);
	}
	print_slabinfo(n);
	spin_unlock_irqrestore(&report_lock, flags);
	slab_get_stats(&st);
	pr_info("slab: %lu objects in use (%lu large), %lu failed allocations (%lu injected), %lu bad frees, %lu debug findings, %lu quarantined, %lu frames reclaimed\n",
		slab_objects_in_use(), st.large_allocs, st.alloc_failures, st.injected,
		st.bad_frees, st.debug_errors, st.quarantined, st.reaped_pages);
}
