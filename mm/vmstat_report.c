// SPDX-License-Identifier: MIT
/*
 * The VM statistics reports (contracts in <linux/vmstat.h>): /proc/vmstat
 * with Linux's names in Linux's order, for the lines this kernel counts,
 * and the @vm record (DESIGN.md section 7). Linux's vmstat_text lists
 * zone items, then node items, then events; the slab lines are node items
 * (in pages), nr_kernel_stack is in KiB.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/vmstat.h>

#include "internal.h"
#include "slab.h"

void all_vm_events(unsigned long *ret)
{
	unsigned long normal, high, freed;
	unsigned int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ret[i] = vm_event_count(i);
	page_alloc_vm_events(&normal, &high, &freed);
	ret[PGALLOC_NORMAL] += normal;
	ret[PGALLOC_HIGH] += high;
	ret[PGFREE] += freed;
}

void vmstat_slab_pages(unsigned long *reclaimable, unsigned long *unreclaimable)
{
	struct slab_cache_info info;
	unsigned long flags;
	struct kmem_cache *c;

	*reclaimable = *unreclaimable = 0;
	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next) {
		unsigned long pages;

		kmem_cache_get_info(c, &info);
		pages = (info.slabs[SLAB_LIST_FULL] + info.slabs[SLAB_LIST_PARTIAL] +
			 info.slabs[SLAB_LIST_FREE]) << info.order;
		*(info.flags & SLAB_RECLAIM_ACCOUNT ? reclaimable : unreclaimable) += pages;
	}
	spin_unlock_irqrestore(&slab_chain_lock, flags);
}

void vmstat_show(void)
{
	unsigned long ev[NR_VM_EVENT_ITEMS], srecl, sunrecl;

	all_vm_events(ev);
	vmstat_slab_pages(&srecl, &sunrecl);
	pr_info("nr_free_pages %lu\n", nr_free_pages());
	pr_info("nr_slab_reclaimable %lu\n", srecl);
	pr_info("nr_slab_unreclaimable %lu\n", sunrecl);
	pr_info("nr_anon_pages %lu\n", global_node_page_state(NR_ANON_MAPPED));
	pr_info("nr_shmem %lu\n", global_node_page_state(NR_SHMEM));
	pr_info("nr_kernel_stack %lu\n", global_node_page_state(NR_KERNEL_STACK_KB));
	pr_info("nr_page_table_pages %lu\n", global_node_page_state(NR_PAGETABLE));
	pr_info("pgalloc_normal %lu\n", ev[PGALLOC_NORMAL]);
	pr_info("pgalloc_high %lu\n", ev[PGALLOC_HIGH]);
	pr_info("pgfree %lu\n", ev[PGFREE]);
	pr_info("pgfault %lu\n", ev[PGFAULT]);
	pr_info("pgmajfault %lu\n", ev[PGMAJFAULT]);
}

void vm_report(void)
{
	pr_record("vm", "pgfault=%lu zero=%lu cow=%lu cow_reuse=%lu segv=%lu stackgrow=%lu "
		  "fixup=%lu mms=%lu tasks=%lu vmas=%lu anon=%lu shared=%lu oom=%lu zeropage=%u",
		  vm_event_count(PGFAULT), vm_event_count(FAULT_ZERO_PAGE),
		  vm_event_count(FAULT_COW), vm_event_count(FAULT_COW_REUSE),
		  vm_event_count(FAULT_SEGV), vm_event_count(FAULT_STACK_GROW),
		  vm_event_count(FAULT_FIXUP), nr_mms(), nr_tasks(), nr_vmas(),
		  vm_event_count(FAULT_ANON), vm_event_count(FAULT_SHARED),
		  vm_event_count(FAULT_OOM), zero_page ? 1u : 0u);
}
