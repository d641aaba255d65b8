// SPDX-License-Identifier: MIT
/*
 * Reports of the page frame allocator in Linux's layouts (/proc/buddyinfo,
 * /proc/pagetypeinfo, /proc/meminfo), the @buddy log records, the unusable
 * free space index, and the fragmentation scenario that measures grouping
 * by mobility.
 *
 * Each line is formatted whole and printed with one printk, so that lines
 * from other harts cannot split a record.
 */
#include <stdio.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <asm/page.h>

#include "internal.h"

#define REPORT_LINE	192

/* Append to a line buffer; the buffer stays terminated when it fills up. */
static __printf(3, 4) void line_add(char *buf, unsigned int size,
				    const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

const char *buddyinfo_line(const struct zone *z, char *buf, unsigned int size)
{
	unsigned int o;

	buf[0] = '\0';
	line_add(buf, size, "Node %d, zone %8s ", 0, z->name);
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		line_add(buf, size, "%6lu ", READ_ONCE(z->free_area[o].nr_free));
	return buf;
}

void buddy_show_buddyinfo(void)
{
	char line[REPORT_LINE];
	struct zone *z;

	for_each_zone(z)
		if (z->spanned_pages)
			pr_info("%s\n", buddyinfo_line(z, line, sizeof(line)));
}

void buddy_report(void)
{
	char line[REPORT_LINE];
	struct zone *z;
	unsigned int o;

	for_each_zone(z) {
		if (!z->spanned_pages)
			continue;
		line[0] = '\0';
		line_add(line, sizeof(line), "@buddy zone=%s free=%lu pcp=%lu",
			 z->name, READ_ONCE(z->free_pages), zone_pcp_pages(z));
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			line_add(line, sizeof(line), " o%u=%lu", o,
				 READ_ONCE(z->free_area[o].nr_free));
		pr_info("%s\n", line);
	}
}

/* Free blocks per order of one migratetype, counted under zone->lock. */
static void count_free_by_type(struct zone *z, int mt, unsigned long *count)
{
	unsigned long flags;
	unsigned int o;

	spin_lock_irqsave(&z->lock, flags);
	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		const struct list_head *pos;

		count[o] = 0;
		list_for_each(pos, &z->free_area[o].free_list[mt])
			count[o]++;
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

void buddy_show_pagetypeinfo(void)
{
	unsigned long count[NR_PAGE_ORDERS];
	char line[REPORT_LINE];
	struct zone *z;
	unsigned int o;
	int mt;

	pr_info("Page block order: %d\n", pageblock_order);
	pr_info("Pages per block:  %lu\n", pageblock_nr_pages);
	pr_info("\n");
	line[0] = '\0';
	line_add(line, sizeof(line), "%-43s ",
		 "Free pages count per migrate type at order");
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		line_add(line, sizeof(line), "%6u ", o);
	pr_info("%s\n", line);
	for_each_zone(z) {
		if (!z->spanned_pages)
			continue;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			count_free_by_type(z, mt, count);
			line[0] = '\0';
			line_add(line, sizeof(line), "Node %4d, zone %8s, type %12s ",
				 0, z->name, migratetype_names[mt]);
			for (o = 0; o < NR_PAGE_ORDERS; o++)
				line_add(line, sizeof(line), "%6lu ", count[o]);
			pr_info("%s\n", line);
		}
	}

	pr_info("\n");
	line[0] = '\0';
	line_add(line, sizeof(line), "%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		line_add(line, sizeof(line), "%12s ", migratetype_names[mt]);
	pr_info("%s\n", line);
	for_each_zone(z) {
		unsigned long blocks[MIGRATE_TYPES] = { 0 }, pfn;

		if (!z->spanned_pages)
			continue;
		for (pfn = ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages);
		     pfn < zone_end_pfn(z); pfn += pageblock_nr_pages)
			blocks[get_pfnblock_migratetype(max(pfn, z->zone_start_pfn))]++;
		line[0] = '\0';
		line_add(line, sizeof(line), "Node %d, zone %8s ", 0, z->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			line_add(line, sizeof(line), "%12lu ", blocks[mt]);
		pr_info("%s\n", line);
	}
}

static void meminfo_line(const char *label, unsigned long pages)
{
	char name[20];

	snprintf(name, sizeof(name), "%s:", label);
	pr_info("%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

void buddy_show_meminfo(void)
{
	struct page_totals t;

	page_alloc_totals(&t);
	meminfo_line("MemTotal", t.managed);
	meminfo_line("MemFree", t.free + t.pcp);
	meminfo_line("HighTotal", t.high_total);
	meminfo_line("HighFree", t.high_free);
	meminfo_line("LowTotal", t.managed - t.high_total);
	meminfo_line("LowFree", t.free + t.pcp - t.high_free);
}

/*
 * Linux's unusable free space index (mm/vmstat.c): the share of free
 * memory that sits in blocks too small for a request of this order,
 * 0 (none) to 1000 (all, or no free memory at all).
 */
unsigned int unusable_free_index(const struct zone *z, unsigned int order)
{
	unsigned long free = READ_ONCE(z->free_pages), suitable = 0;
	unsigned int o;

	if (!free)
		return 1000;
	for (o = order; o < NR_PAGE_ORDERS; o++)
		suitable += READ_ONCE(z->free_area[o].nr_free) << (o - order);
	suitable <<= order;
	if (suitable > free)
		suitable = free;
	return (unsigned int)(((free - suitable) / free) * 1000 +
			      ((free - suitable) % free) * 1000 / free);
}

/* Failure warnings: the first few, then one per this many failures. */
#define WARN_BURST		10
#define WARN_EVERY		1000

static DEFINE_SPINLOCK(warn_lock);
static unsigned long warn_printed, warn_missed;

void warn_alloc_reset(void)
{
	warn_printed = warn_missed = 0;
}

void warn_alloc(gfp_t gfp, unsigned int order, unsigned long caller)
{
	unsigned long flags, missed = 0;
	bool print = false;
	char line[128];
	struct zone *z;

	if (gfp & __GFP_NOWARN)
		return;
	spin_lock_irqsave(&warn_lock, flags);
	if (warn_printed < WARN_BURST || warn_missed >= WARN_EVERY) {
		print = true;
		missed = warn_missed;
		warn_missed = 0;
		warn_printed++;
	} else {
		warn_missed++;
	}
	spin_unlock_irqrestore(&warn_lock, flags);
	if (!print)
		return;
	pr_warn("page allocation failure: order:%u, mode:%#x, caller %#lx (%lu warnings suppressed)\n",
		order, gfp, caller, missed);
	for_each_zone(z)
		if (z->spanned_pages)
			pr_warn("%s\n", buddyinfo_line(z, line, sizeof(line)));
}

void page_alloc_totals(struct page_totals *t)
{
	struct zone *z;

	memset(t, 0, sizeof(*t));
	for_each_zone(z) {
		unsigned long free = READ_ONCE(z->free_pages);
		unsigned long pcp = zone_pcp_pages(z);

		t->total += z->present_pages;
		t->managed += z->managed_pages;
		t->free += free;
		t->pcp += pcp;
		if (is_highmem(z)) {
			t->high_total += z->managed_pages;
			t->high_free += free + pcp;
		}
	}
	t->used = t->managed - t->free - t->pcp;
	t->reserved = t->total - t->managed;
}

unsigned long nr_free_pages(void)
{
	struct page_totals t;

	page_alloc_totals(&t);
	return t.free + t.pcp;
}

unsigned long totalram_pages(void)
{
	struct page_totals t;

	page_alloc_totals(&t);
	return t.managed;
}

unsigned long totalhigh_pages(void)
{
	return contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages;
}
