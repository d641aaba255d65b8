// SPDX-License-Identifier: MIT
/*
 * VM statistics (contract in <linux/vmstat.h>): global counters updated
 * atomically, so any hart and any context may count.
 */
#include <linux/vmstat.h>

static unsigned long vm_events[NR_VM_EVENT_ITEMS];
static long node_stat[NR_VM_NODE_STAT_ITEMS];

void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	__atomic_fetch_add(&vm_events[item], delta, __ATOMIC_RELAXED);
}

unsigned long vm_event_count(enum vm_event_item item)
{
	return __atomic_load_n(&vm_events[item], __ATOMIC_RELAXED);
}

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	(void)pgdat;
	__atomic_fetch_add(&node_stat[item], delta, __ATOMIC_RELAXED);
}

/* A count that went below zero reads as 0, as Linux's global_node_page_state. */
unsigned long global_node_page_state(enum node_stat_item item)
{
	long v = __atomic_load_n(&node_stat[item], __ATOMIC_RELAXED);

	return v < 0 ? 0 : (unsigned long)v;
}
