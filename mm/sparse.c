// SPDX-License-Identifier: MIT
/*
 * The frame descriptors, kept per memory section (Linux's classic
 * SPARSEMEM; the layout and the conversions are in <linux/mm.h>).
 *
 * sparse_init() runs once at boot, after memblock knows RAM and before
 * free_area_init() fills the descriptors in: each section's extent is the
 * whole MAX_ORDER blocks from its first RAM frame to its last, and the
 * extents of all sections are packed, in ascending order, into one array
 * allocated from memblock. A hole between RAM banks costs a descriptor
 * only where it shares a section with RAM, so two banks gigabytes apart
 * need the descriptors of their own RAM and a few bytes of table.
 */
#define pr_fmt(fmt) "sparse: " fmt

#include <string.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/page.h>

#include "internal.h"

#define SMP_CACHE_BYTES		64

struct page *mem_map;
unsigned long mem_map_bytes;
unsigned long mem_section_map[NR_MEM_SECTIONS];
struct mem_section_extent mem_section_extent[NR_MEM_SECTIONS];

/* Widen section nr's extent to cover the frames [start, end) of it. */
static void extent_add(unsigned long nr, unsigned long start, unsigned long end)
{
	struct mem_section_extent *e = &mem_section_extent[nr];

	if (e->end_pfn == e->start_pfn) {
		e->start_pfn = start;
		e->end_pfn = end;
		return;
	}
	e->start_pfn = min(e->start_pfn, start);
	e->end_pfn = max(e->end_pfn, end);
}

/*
 * Extents from memblock's RAM (no-map RAM included: its frames have
 * descriptors); returns the number of descriptors they need.
 */
static unsigned long sparse_extents(void)
{
	unsigned long total = 0, nr;
	unsigned int i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		phys_addr_t end = r->base + r->size;
		unsigned long s, e;

		if (end > PHYSMEM_END) {
			pr_err("RAM [%#llx-%#llx] lies above the %u-bit physical limit: no descriptors for it\n",
			       (unsigned long long)max(r->base, PHYSMEM_END),
			       (unsigned long long)(end - 1), MAX_PHYSMEM_BITS);
			end = PHYSMEM_END;
		}
		if (r->base >= end)
			continue;
		s = ALIGN_DOWN(PFN_DOWN(r->base), MAX_ORDER_NR_PAGES);
		e = ALIGN(PFN_UP(end), MAX_ORDER_NR_PAGES);
		while (s < e) {
			unsigned long next = min(ALIGN(s + 1, PAGES_PER_SECTION), e);

			extent_add(pfn_to_section_nr(s), s, next);
			s = next;
		}
	}
	for (nr = 0; nr < NR_MEM_SECTIONS; nr++)
		total += mem_section_extent[nr].end_pfn - mem_section_extent[nr].start_pfn;
	return total;
}

/* Log the runs of frames that have descriptors, one line each. */
static void sparse_report(unsigned long total)
{
	unsigned long pfn = memmap_next_valid_pfn(0);

	pr_info("mem_map: %lu frames, %zu bytes each (%lu KiB), in %lu MiB sections\n",
		total, sizeof(struct page),
		(unsigned long)((total * sizeof(struct page)) >> 10),
		(unsigned long)(PAGES_PER_SECTION >> (20 - PAGE_SHIFT)));
	while (pfn < MAX_PHYS_PFN) {
		unsigned long end = memmap_contig_end(pfn, MAX_PHYS_PFN);

		pr_info("  descriptors [mem %#011llx-%#011llx] %lu frames\n",
			(unsigned long long)PFN_PHYS(pfn),
			(unsigned long long)PFN_PHYS(end) - 1, end - pfn);
		pfn = memmap_next_valid_pfn(end);
	}
}

int sparse_init(void)
{
	unsigned long total, offset = 0, nr;

	sparse_reset();
	total = sparse_extents();
	if (!total) {
		pr_err("no RAM below the %u-bit physical limit\n", MAX_PHYSMEM_BITS);
		return -ENOMEM;
	}
	mem_map = memblock_alloc(total * sizeof(struct page), SMP_CACHE_BYTES);
	if (!mem_map) {
		pr_err("no memory for mem_map (%lu frames, %lu KiB)\n", total,
		       (unsigned long)((total * sizeof(struct page)) >> 10));
		sparse_reset();
		return -ENOMEM;
	}
	mem_map_bytes = total * sizeof(struct page);
	for (nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		const struct mem_section_extent *e = &mem_section_extent[nr];

		if (e->end_pfn == e->start_pfn)
			continue;
		mem_section_map[nr] = (unsigned long)(mem_map + offset) -
				      e->start_pfn * sizeof(struct page);
		offset += e->end_pfn - e->start_pfn;
	}
	sparse_report(total);
	return 0;
}

unsigned long memmap_next_valid_pfn(unsigned long pfn)
{
	unsigned long nr;

	for (nr = pfn_to_section_nr(pfn); nr < NR_MEM_SECTIONS; nr++) {
		const struct mem_section_extent *e = &mem_section_extent[nr];

		if (e->end_pfn > pfn && e->end_pfn != e->start_pfn)
			return max(pfn, e->start_pfn);
	}
	return MAX_PHYS_PFN;
}

/*
 * Packing puts a section's descriptors right after those of the section
 * before it with RAM: a run goes on into the next section exactly when
 * this extent reaches the end of its section and the next one starts at
 * the beginning of its own.
 */
unsigned long memmap_contig_end(unsigned long pfn, unsigned long limit)
{
	unsigned long nr = pfn_to_section_nr(pfn), end;

	for (;;) {
		end = mem_section_extent[nr].end_pfn;
		if (end >= limit || end != (nr + 1) * PAGES_PER_SECTION ||
		    nr + 1 >= NR_MEM_SECTIONS ||
		    mem_section_extent[nr + 1].start_pfn != end ||
		    mem_section_extent[nr + 1].end_pfn == end)
			return min(end, limit);
		nr++;
	}
}

void sparse_reset(void)
{
	memset(mem_section_map, 0, sizeof(mem_section_map));
	memset(mem_section_extent, 0, sizeof(mem_section_extent));
	mem_map = NULL;
	mem_map_bytes = 0;
}
