// SPDX-License-Identifier: MIT
/*
 * Building the buddy allocator at boot (Linux's mm/mm_init.c): mem_map and
 * the pageblock labels from memblock, the two zones, and the watermarks
 * and per-CPU list sizes once memblock has handed the free frames over.
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <string.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "internal.h"

#define SMP_CACHE_BYTES		64

struct pglist_data contig_page_data;
struct per_cpu_pages per_cpu_pageset[MAX_NR_ZONES][NR_CPUS];
unsigned long mem_map_base_pfn;
unsigned long min_low_pfn;
unsigned long max_low_pfn;
unsigned long max_pfn;
u8 *pageblock_mt;
unsigned long pageblock_base_pfn;
int min_free_kbytes;

static int user_min_free_kbytes = -1;
static int user_pcp_high = -1, user_pcp_batch = -1;

static const char *const zone_names[MAX_NR_ZONES] = { "Normal", "HighMem" };

/* x * n / d without overflowing x * n (Linux's mult_frac). */
static unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d)
{
	return (x / d) * n + ((x % d) * n) / d;
}

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (sizeof(long) * 8 - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

void setup_per_zone_wmarks(void)
{
	struct zone *normal = &contig_page_data.node_zones[ZONE_NORMAL];
	struct zone *high = &contig_page_data.node_zones[ZONE_HIGHMEM];
	unsigned long lowmem_pages = normal->managed_pages, pages_min;
	struct zone *z;

	if (user_min_free_kbytes >= 0)
		min_free_kbytes = user_min_free_kbytes;
	else
		min_free_kbytes = (int)clamp(int_sqrt((lowmem_pages << (PAGE_SHIFT - 10)) * 16),
					     128UL, 65536UL);
	pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);

	for_each_zone(z) {
		unsigned long flags, tmp = 0, min;

		if (lowmem_pages)
			tmp = mult_frac(pages_min, z->managed_pages, lowmem_pages);
		min = tmp;
		if (is_highmem(z) && pages_min)
			min = clamp(z->managed_pages / 1024, 32UL, 128UL);
		spin_lock_irqsave(&z->lock, flags);
		z->_watermark[WMARK_MIN] = min;
		z->_watermark[WMARK_LOW] = min + tmp / 4;
		z->_watermark[WMARK_HIGH] = min + tmp / 2;
		spin_unlock_irqrestore(&z->lock, flags);
	}
	/* Keep 1/32 of highmem's size of Normal back from highmem requests. */
	normal->lowmem_reserve[ZONE_HIGHMEM] = pages_min ? high->managed_pages / 32 : 0;
}

void page_alloc_set_min_free_kbytes(int kbytes)
{
	user_min_free_kbytes = kbytes < 0 ? -1 : kbytes;
	setup_per_zone_wmarks();
}

/* batch: 1/1024 of the zone, a power of two in [1, 16]; high = 6 * batch. */
void zone_pcp_update(struct zone *zone)
{
	unsigned long batch = clamp(zone->managed_pages >> 10, 1UL, 16UL);

	while (batch & (batch - 1))
		batch &= batch - 1;
	if (user_pcp_high >= 0)
		zone_set_pcp(zone, (unsigned int)user_pcp_high,
			     (unsigned int)user_pcp_batch);
	else
		zone_set_pcp(zone, (unsigned int)(6 * batch), (unsigned int)batch);
}

void page_alloc_set_pcp(unsigned int high, unsigned int batch)
{
	struct zone *z;

	user_pcp_high = (int)high;
	user_pcp_batch = (int)(batch ? batch : 1);
	for_each_zone(z)
		if (z->spanned_pages)
			zone_pcp_update(z);
}

void page_alloc_init_late(void)
{
	struct zone *z;

	/* The bootargs have set the knobs by now. */
	page_alloc_knobs_update();
	setup_per_zone_wmarks();
	for_each_zone(z) {
		if (!z->spanned_pages)
			continue;
		zone_pcp_update(z);
		pr_info("zone %s: received %lu pages (%lu KiB) of %lu present, %lu reserved; watermarks min %lu low %lu high %lu; pcp high %u batch %u\n",
			z->name, z->managed_pages,
			z->managed_pages << (PAGE_SHIFT - 10), z->present_pages,
			z->present_pages - z->managed_pages, min_wmark_pages(z),
			low_wmark_pages(z), high_wmark_pages(z), z->pcp[0].high,
			z->pcp[0].batch);
	}
}

static void zone_init(enum zone_type idx, unsigned long start, unsigned long end)
{
	struct zone *z = &contig_page_data.node_zones[idx];
	unsigned int o, mt, cpu;

	spin_lock_init(&z->lock);
	z->name = zone_names[idx];
	z->zone_start_pfn = start;
	z->spanned_pages = end - start;
	z->present_pages = memblock_memory_pages(start, end);
	for (o = 0; o < NR_PAGE_ORDERS; o++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&z->free_area[o].free_list[mt]);
	z->pcp = per_cpu_pageset[idx];
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		z->pcp[cpu].batch = 1;
		for (mt = 0; mt <= MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&z->pcp[cpu].lists[mt]);
	}
}

int free_area_init(unsigned long max_low)
{
	phys_addr_t start = memblock_start_of_DRAM();
	phys_addr_t end = min(memblock_end_of_DRAM(), PHYSMEM_END);
	unsigned long nr, nr_blocks;
	struct zone *z;

	if (start >= end) {
		pr_err("free_area_init: no RAM\n");
		return -ENOMEM;
	}
	mem_map_base_pfn = PFN_DOWN(start);
	max_pfn = PFN_UP(end);
	max_low_pfn = clamp(max_low, mem_map_base_pfn, max_pfn);
	min_low_pfn = clamp(PFN_UP(phys_ram_base), mem_map_base_pfn, max_low_pfn);
	pageblock_base_pfn = ALIGN_DOWN(mem_map_base_pfn, pageblock_nr_pages);
	nr_blocks = DIV_ROUND_UP(max_pfn - pageblock_base_pfn, pageblock_nr_pages);

	if (sparse_init()) {
		max_pfn = mem_map_base_pfn;
		return -ENOMEM;
	}
	pageblock_mt = memblock_alloc(nr_blocks, SMP_CACHE_BYTES);
	if (!pageblock_mt) {
		pr_err("free_area_init: no memory for the pageblock labels (%lu)\n",
		       nr_blocks);
		sparse_reset();
		max_pfn = mem_map_base_pfn;
		return -ENOMEM;
	}
	zone_init(ZONE_NORMAL, mem_map_base_pfn, max_low_pfn);
	zone_init(ZONE_HIGHMEM, max_low_pfn, max_pfn);
	page_alloc_cpu_init();
	contig_page_data.node_start_pfn = mem_map_base_pfn;
	contig_page_data.node_spanned_pages = max_pfn - mem_map_base_pfn;

	/* Descriptors outside both zones (extents are whole MAX_ORDER blocks) stay reserved too. */
	for (nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		const struct mem_section_extent *e = &mem_section_extent[nr];
		unsigned long pfn;

		for (pfn = e->start_pfn; pfn < e->end_pfn; pfn++) {
			struct page *page = pfn_to_page(pfn);
			unsigned long zi = pfn < max_low_pfn ? ZONE_NORMAL : ZONE_HIGHMEM;

			page->flags = PAGE_FLAG(PG_reserved) | (zi << PAGE_ZONE_SHIFT) |
				      (nr << PAGE_SECTION_SHIFT);
			INIT_LIST_HEAD(&page->lru);
			set_page_count(page, 1);
			page->_mapcount = -1;
		}
	}
	for (nr = pageblock_base_pfn; nr < max_pfn; nr += pageblock_nr_pages)
		set_pageblock_migratetype(nr, MIGRATE_MOVABLE);

	for_each_zone(z)
		if (z->spanned_pages)
			pr_info("  %-8s [mem %#011llx-%#011llx]\n", z->name,
				(unsigned long long)PFN_PHYS(z->zone_start_pfn),
				(unsigned long long)PFN_PHYS(zone_end_pfn(z)) - 1);
	return 0;
}

void page_alloc_reset(void)
{
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	memset(per_cpu_pageset, 0, sizeof(per_cpu_pageset));
	sparse_reset();
	mem_map_base_pfn = min_low_pfn = max_low_pfn = max_pfn = 0;
	pageblock_mt = NULL;
	pageblock_base_pfn = 0;
	min_free_kbytes = 0;
	user_min_free_kbytes = user_pcp_high = user_pcp_batch = -1;
	page_alloc_core_reset();
	page_alloc_debug_reset();
	fail_page_alloc_reset();
	warn_alloc_reset();
}
