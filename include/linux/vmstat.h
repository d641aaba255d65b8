/* SPDX-License-Identifier: MIT */
/*
 * VM statistics (mm/vmstat.c): the counters behind /proc/vmstat,
 * /proc/meminfo and the @vm record. Names and meanings are Linux's where
 * Linux has the counter; the vm_stat_item names after FAULT_STAT_FIRST
 * are this kernel's fault statistics (the @vm record's keys), which
 * /proc/vmstat does not print because Linux has no such lines.
 *
 * Counters are global and updated atomically (any hart, any context).
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/mmzone.h>
#include <linux/types.h>

struct page;

/* Pages in a state (Linux's node_stat_item), in pages. */
enum node_stat_item {
	NR_ANON_MAPPED,		/* nr_anon_pages: private anonymous frames mapped */
	NR_SHMEM,		/* nr_shmem: frames of shared anonymous objects */
	NR_PAGETABLE,		/* nr_page_table_pages: level-0 tables, kernel and user */
	NR_KERNEL_STACK_KB,	/* nr_kernel_stack: KiB of kernel stacks */
	NR_VM_NODE_STAT_ITEMS
};

/* Events (Linux's vm_event_item), counted once each. */
enum vm_event_item {
	PGALLOC_NORMAL,		/* pgalloc_normal: frames allocated from ZONE_NORMAL */
	PGALLOC_HIGH,		/* pgalloc_high: from ZONE_HIGHMEM */
	PGFREE,			/* pgfree: frames freed */
	PGFAULT,		/* pgfault: page faults handled by handle_mm_fault */
	PGMAJFAULT,		/* pgmajfault: faults that needed I/O (none without swap) */
	/* this kernel's fault statistics (@vm keys) */
	FAULT_ZERO_PAGE,	/* zero=: read faults that mapped the zero page */
	FAULT_ANON,		/* (demand zero) write faults that mapped a fresh zeroed frame */
	FAULT_COW,		/* cow=: write faults that copied a shared frame */
	FAULT_COW_REUSE,	/* cow_reuse=: write faults that reused a frame this mapping alone held */
	FAULT_SHARED,		/* faults that mapped a shared anonymous object's frame */
	FAULT_SEGV,		/* segv=: faults decided as SIGSEGV (user or uaccess) */
	FAULT_STACK_GROW,	/* stackgrow=: stack regions extended by a fault */
	FAULT_FIXUP,		/* fixup=: kernel faults resumed at an exception-table fixup */
	FAULT_OOM,		/* faults that returned VM_FAULT_OOM */
	NR_VM_EVENT_ITEMS
};
#define FAULT_STAT_FIRST	FAULT_ZERO_PAGE

void count_vm_events(enum vm_event_item item, unsigned long delta);
static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}
/*
 * The global count of item. PGALLOC_NORMAL, PGALLOC_HIGH and PGFREE hold
 * nothing here: the page allocator counts them in its per-CPU lists and
 * zones, under the locks it holds anyway, and all_vm_events() adds them
 * in, as Linux's sums its per-CPU event counts.
 */
unsigned long vm_event_count(enum vm_event_item item);
/* Every event, the per-CPU lists' share included: ret[NR_VM_EVENT_ITEMS]. */
void all_vm_events(unsigned long *ret);

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta);
static inline void inc_node_page_state(enum node_stat_item item)
{
	mod_node_page_state(&contig_page_data, item, 1);
}
static inline void dec_node_page_state(enum node_stat_item item)
{
	mod_node_page_state(&contig_page_data, item, -1);
}
unsigned long global_node_page_state(enum node_stat_item item);

/* Reports, printed with printk in Linux's layouts (mm/vmstat_report.c). */
void vmstat_show(void);		/* /proc/vmstat: the counted lines, Linux's names and order */
void vm_report(void);		/* the @vm record */
void meminfo_show(void);	/* /proc/meminfo: the fields Linux always prints (mm/meminfo.c) */

#endif /* _LINUX_VMSTAT_H */
