// SPDX-License-Identifier: MIT
/*
 * Host tests of mm/memblock.c: the region arrays, early allocations and
 * the hand-over to the buddy allocator. memblock_check() runs after every
 * operation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/prng.h>
#include <asm/page.h>

#include "../../mm/internal.h"
#include "host_log.h"
#include "linear_map.h"

#define RAM	0x80000000ULL
#define MIB	(1ULL << 20)
#define ARENA	(16 * MIB)

/* The linear map: [RAM, RAM + ARENA) is a host buffer (linear_map.c). */
static int setup(void **state)
{
	(void)state;
	linear_map_setup(RAM, ARENA);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	linear_map_teardown();
	return 0;
}

static struct zone *zone(enum zone_type zi)
{
	return &contig_page_data.node_zones[zi];
}

static void checked(void)
{
	assert_int_equal(memblock_check(), 0);
}

static void assert_region(const struct memblock_type *t, unsigned int i,
			  phys_addr_t base, phys_addr_t size, const char *owner)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->regions[i].base, base);
	assert_int_equal(t->regions[i].size, size);
	if (owner)
		assert_string_equal(t->regions[i].owner, owner);
}

static void test_add_merges(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(RAM + MIB, MIB), 0);
	checked();
	assert_int_equal(memblock_add(RAM, MIB), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, RAM, 2 * MIB, NULL);
	/* Overlaps change nothing but the union. */
	assert_int_equal(memblock_add(RAM + MIB / 2, 2 * MIB), 0);
	checked();
	assert_region(&memblock.memory, 0, RAM, 2 * MIB + MIB / 2, NULL);
	/* Disjoint ranges stay sorted. */
	assert_int_equal(memblock_add(RAM + 8 * MIB, MIB), 0);
	assert_int_equal(memblock_add(0x1000, 0x1000), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 3);
	assert_region(&memblock.memory, 0, 0x1000, 0x1000, NULL);
	assert_region(&memblock.memory, 2, RAM + 8 * MIB, MIB, NULL);
	assert_int_equal(memblock_start_of_DRAM(), 0x1000);
	assert_int_equal(memblock_end_of_DRAM(), RAM + 9 * MIB);
	assert_int_equal(memblock_phys_mem_size(), 0x1000 + 2 * MIB + MIB / 2 + MIB);
	assert_int_equal(memblock_add(RAM, 0), -EINVAL);
	/* A range running past the top of the address space is clipped. */
	assert_int_equal(memblock_add(~0ULL - 0xfff, 0x10000), 0);
	checked();
	assert_int_equal(memblock_end_of_DRAM(), ~0ULL);
}

static void test_reserve_owners(void **state)
{
	(void)state;
	assert_int_equal(memblock_reserve(RAM + 0x1000, 0x2000, "a"), 0);
	/* The overlap stays a's; b gets only what was free. */
	assert_int_equal(memblock_reserve(RAM + 0x2000, 0x3000, "b"), 0);
	checked();
	assert_int_equal(memblock.reserved.cnt, 2);
	assert_region(&memblock.reserved, 0, RAM + 0x1000, 0x2000, "a");
	assert_region(&memblock.reserved, 1, RAM + 0x3000, 0x2000, "b");
	/* Same owner, adjacent: merged. A different string with the same name too. */
	{
		static char name[2] = "a";

		assert_int_equal(memblock_reserve(RAM, 0x1000, name), 0);
	}
	checked();
	assert_region(&memblock.reserved, 0, RAM, 0x3000, "a");
	/* Covering both with a third owner fills only the gaps around them. */
	assert_int_equal(memblock_reserve(RAM - 0x1000, 0x8000, "c"), 0);
	checked();
	assert_int_equal(memblock.reserved.cnt, 4);
	assert_region(&memblock.reserved, 0, RAM - 0x1000, 0x1000, "c");
	assert_region(&memblock.reserved, 3, RAM + 0x5000, 0x2000, "c");
	assert_true(memblock_is_reserved(RAM + 0x4fff));
	assert_false(memblock_is_reserved(RAM + 0x7000));
}

static void test_remove_and_free(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(RAM, 4 * MIB), 0);
	/* A hole in the middle splits the region. */
	assert_int_equal(memblock_remove(RAM + MIB, MIB), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 2);
	assert_region(&memblock.memory, 0, RAM, MIB, NULL);
	assert_region(&memblock.memory, 1, RAM + 2 * MIB, 2 * MIB, NULL);
	assert_false(memblock_is_memory(RAM + MIB));
	assert_true(memblock_is_memory(RAM + 2 * MIB));
	/* Removing across both trims one and the other. */
	assert_int_equal(memblock_remove(RAM + MIB / 2, 2 * MIB), 0);
	checked();
	assert_region(&memblock.memory, 0, RAM, MIB / 2, NULL);
	assert_region(&memblock.memory, 1, RAM + 2 * MIB + MIB / 2, MIB + MIB / 2, NULL);
	/* Removing a whole region deletes it. */
	assert_int_equal(memblock_remove(RAM, MIB), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 1);

	assert_int_equal(memblock_reserve(RAM, 0x10000, "x"), 0);
	assert_int_equal(memblock_phys_free(RAM + 0x4000, 0x1000), 0);
	checked();
	assert_int_equal(memblock.reserved.cnt, 2);
	assert_region(&memblock.reserved, 1, RAM + 0x5000, 0xb000, "x");
	assert_int_equal(memblock_memory_pages(0, ~0UL), (MIB + MIB / 2) >> PAGE_SHIFT);
}

static void test_alloc_top_down(void **state)
{
	unsigned char *p, *q;
	phys_addr_t pa;
	unsigned int i;

	(void)state;
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_reserve(RAM + ARENA - MIB, MIB, "top"), 0);
	p = memblock_alloc(100, 64);
	assert_non_null(p);
	checked();
	/* Highest fit below the reserved top, aligned down. */
	assert_int_equal(__pa(p), RAM + ARENA - MIB - 128);
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	assert_true(memblock_is_reserved(__pa(p)));
	assert_string_equal(memblock.reserved.regions[0].owner, "memblock");

	q = memblock_alloc(PAGE_SIZE, 0);
	assert_int_equal(__pa(q), RAM + ARENA - MIB - 2 * PAGE_SIZE);
	checked();

	memblock_set_current_limit(RAM + 4 * MIB);
	p = memblock_alloc_low(4096, 4096);
	assert_int_equal(__pa(p), RAM + 4 * MIB - 4096);
	memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);

	memblock_set_bottom_up(true);
	p = memblock_alloc(10, 8);
	assert_int_equal(__pa(p), RAM);
	memblock_free(p, 10);
	checked();
	assert_false(memblock_is_reserved(RAM));
	memblock_set_bottom_up(false);

	pa = memblock_phys_alloc_range(MIB, MIB, RAM + 2 * MIB, RAM + 5 * MIB);
	assert_int_equal(pa, RAM + 4 * MIB);	/* the highest aligned fit */
	pa = memblock_phys_alloc_range(MIB, MIB, RAM + 2 * MIB, RAM + 5 * MIB);
	assert_int_equal(pa, RAM + 2 * MIB);	/* 4 MiB - 4 KiB is taken */
	checked();
}

static void test_alloc_failures(void **state)
{
	(void)state;
	/* No RAM at all. */
	assert_null(memblock_alloc(16, 0));
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_null(memblock_alloc(ARENA + 1, 0));
	assert_null(memblock_alloc(0, 0));
	assert_null(memblock_alloc(64, 48));	/* not a power of two */
	assert_true(host_log_contains("bad allocation"));
	assert_int_equal(memblock_phys_alloc_range(2 * MIB, 0, RAM, RAM + MIB), 0);
	/* Full RAM: everything reserved. */
	assert_int_equal(memblock_reserve(RAM, ARENA, "all"), 0);
	assert_null(memblock_alloc(16, 0));
	assert_int_equal(memblock.reserved.cnt, 1);
	checked();
}

static void test_array_full(void **state)
{
	unsigned int i;
	int ret = 0;

	(void)state;
	for (i = 0; i < MEMBLOCK_RESERVED_REGIONS + 2 && !ret; i++)
		ret = memblock_reserve(RAM + i * 0x2000, 0x1000, "many");
	assert_int_equal(ret, -ENOSPC);
	assert_int_equal(memblock.reserved.cnt, MEMBLOCK_RESERVED_REGIONS);
	assert_true(host_log_contains("reserved array full"));
	checked();
	/* Filling a gap merges two regions into one and frees a slot. */
	assert_int_equal(memblock_reserve(RAM + 0x1000, 0x1000, "many"), 0);
	assert_int_equal(memblock.reserved.cnt, MEMBLOCK_RESERVED_REGIONS - 1);
	checked();
}

/*
 * Cutting a hole into a region needs a free slot for its upper part: with
 * the array full the cut must fail and leave the region whole, never keep
 * the lower part and drop the upper one.
 */
static void test_remove_split_when_full(void **state)
{
	phys_addr_t base = RAM + 0x2000 * 10;
	unsigned int i;

	(void)state;
	for (i = 0; i < MEMBLOCK_RESERVED_REGIONS; i++)
		assert_int_equal(memblock_reserve(RAM + i * 0x2000, 0x1000, "many"), 0);
	assert_int_equal(memblock.reserved.cnt, MEMBLOCK_RESERVED_REGIONS);
	/* Widen one region so that a cut in its middle leaves two parts. */
	assert_int_equal(memblock_reserve(base + 0x1000, 0x800, "many"), 0);
	assert_region(&memblock.reserved, 10, base, 0x1800, "many");

	assert_int_equal(memblock_phys_free(base + 0x800, 0x800), -ENOSPC);
	assert_true(host_log_contains("reserved array full"));
	checked();
	assert_int_equal(memblock.reserved.cnt, MEMBLOCK_RESERVED_REGIONS);
	assert_region(&memblock.reserved, 10, base, 0x1800, "many");
	assert_true(memblock_is_reserved(base + 0x800));
	assert_true(memblock_is_reserved(base + 0x17ff));

	/* The same on the memory array, through memblock_remove. */
	memblock_reset();
	for (i = 0; i < MEMBLOCK_MEMORY_REGIONS; i++)
		assert_int_equal(memblock_add(RAM + i * 2 * MIB, MIB), 0);
	assert_int_equal(memblock_remove(RAM + MIB / 2, 0x1000), -ENOSPC);
	checked();
	assert_region(&memblock.memory, 0, RAM, MIB, NULL);
	/* Trimming an end needs no slot and still works. */
	assert_int_equal(memblock_remove(RAM, 0x1000), 0);
	assert_region(&memblock.memory, 0, RAM + 0x1000, MIB - 0x1000, NULL);
	checked();
}

static void test_nomap_mark_and_clear(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(memblock_add(RAM, 16 * MIB), 0);
	assert_int_equal(memblock_mark_nomap(RAM + 4 * MIB, MIB), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 3);
	assert_region(&memblock.memory, 1, RAM + 4 * MIB, MIB, NULL);
	assert_int_equal(memblock.memory.regions[1].flags, MEMBLOCK_NOMAP);
	assert_int_equal(memblock.memory.regions[2].flags, MEMBLOCK_NONE);
	assert_true(memblock_is_memory(RAM + 4 * MIB));
	assert_false(memblock_is_map_memory(RAM + 4 * MIB));
	assert_false(memblock_is_map_memory(RAM + 5 * MIB - 1));
	assert_true(memblock_is_map_memory(RAM + 5 * MIB));
	assert_true(memblock_is_map_memory(RAM + 4 * MIB - 1));
	assert_int_equal(memblock_phys_mem_size(), 16 * MIB);
	/* Overlapping marks join: one no-map region. */
	assert_int_equal(memblock_mark_nomap(RAM + 4 * MIB + MIB / 2, MIB), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 3);
	assert_region(&memblock.memory, 1, RAM + 4 * MIB, MIB + MIB / 2, NULL);
	/* Outside RAM it changes nothing. */
	assert_int_equal(memblock_mark_nomap(RAM + 32 * MIB, MIB), 0);
	assert_int_equal(memblock.memory.cnt, 3);

	/* An allocation never lands in no-map RAM, even when it is all that is left. */
	assert_int_equal(memblock_reserve(RAM, 4 * MIB, "low"), 0);
	assert_int_equal(memblock_reserve(RAM + 5 * MIB + MIB / 2, 16 * MIB, "high"), 0);
	assert_null(memblock_alloc(PAGE_SIZE, 0));
	assert_int_equal(memblock_phys_alloc_range(PAGE_SIZE, 0, RAM, RAM + 16 * MIB), 0);
	memblock_phys_free(RAM, 4 * MIB);
	assert_non_null(memblock_alloc(PAGE_SIZE, 0));

	/* Clearing merges the regions back into one. */
	assert_int_equal(memblock_clear_nomap(RAM, 16 * MIB), 0);
	checked();
	assert_int_equal(memblock.memory.cnt, 1);
	assert_true(memblock_is_map_memory(RAM + 4 * MIB));

	/* With the array full, a mark that needs a split fails and changes nothing. */
	memblock_reset();
	for (i = 0; i < MEMBLOCK_MEMORY_REGIONS; i++)
		assert_int_equal(memblock_add(RAM + i * 2 * MIB, MIB), 0);
	assert_int_equal(memblock_mark_nomap(RAM + MIB / 2, 0x1000), -ENOSPC);
	assert_true(host_log_contains("memory array full"));
	checked();
	assert_int_equal(memblock.memory.cnt, MEMBLOCK_MEMORY_REGIONS);
	assert_true(memblock_is_map_memory(RAM + MIB / 2));
	/* A whole region needs no split. */
	assert_int_equal(memblock_mark_nomap(RAM + 2 * MIB, MIB), 0);
	assert_false(memblock_is_map_memory(RAM + 2 * MIB));
	checked();
}

/*
 * No-map RAM is never handed over and is reported: under its owner when a
 * reservation covers it, as "no-map" when none does. Its frames have
 * descriptors, reserved ones.
 */
static void test_free_all_skips_nomap(void **state)
{
	struct page_totals t;
	unsigned long released, pfn;

	(void)state;
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_reserve(RAM, 0x4000, "kernel"), 0);
	assert_int_equal(memblock_mark_nomap(RAM + 8 * MIB, MIB), 0);
	assert_int_equal(memblock_reserve(RAM + 12 * MIB, 0x10000, "fw"), 0);
	assert_int_equal(memblock_mark_nomap(RAM + 12 * MIB, 0x10000), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	released = memblock_free_all();
	checked();
	page_alloc_totals(&t);
	assert_int_equal(t.total, ARENA >> PAGE_SHIFT);
	assert_int_equal(t.free + t.pcp, released);
	assert_true(host_log_contains(" no-map=256"));
	assert_true(host_log_contains(" fw=16"));
	for (pfn = PFN_DOWN(RAM + 8 * MIB); pfn < PFN_DOWN(RAM + 9 * MIB); pfn++) {
		assert_true(pfn_valid(pfn));
		assert_true(PageReserved(pfn_to_page(pfn)));
	}
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(RAM + 12 * MIB))));
	assert_int_equal(buddy_check(), 0);
	{
		char expect[64];

		snprintf(expect, sizeof(expect), "reserved %lu pages:", t.reserved);
		assert_true(host_log_contains(expect));
	}
}

/* pfn_to_page and page_to_pfn undo each other; the descriptor names its section. */
static void assert_frame(unsigned long pfn)
{
	struct page *p;

	assert_true(pfn_valid(pfn));
	p = pfn_to_page(pfn);
	assert_true(page_in_mem_map(p));
	assert_int_equal(page_to_pfn(p), pfn);
	assert_int_equal(page_to_section(p), pfn_to_section_nr(pfn));
}

/*
 * Two banks gigabytes apart: a flat mem_map over the span (1.6 M frames)
 * would not fit this 16 MiB board at all; the sections' descriptors for
 * the banks' own RAM do. Flat, free_area_init() failed with -ENOMEM.
 */
static void test_sparse_far_banks(void **state)
{
	const phys_addr_t far = 0x200000000ULL, far_size = 256 * MIB;
	unsigned long frames = (ARENA + far_size) >> PAGE_SHIFT, pfn;
	struct page *p;

	(void)state;
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_add(far, far_size), 0);
	assert_int_equal(memblock_reserve(RAM, 0x4000, "kernel"), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	assert_int_equal(mem_map_bytes, frames * sizeof(struct page));
	assert_true(host_log_contains("mem_map: 69632 frames"));
	assert_true(host_log_contains("descriptors [mem 0x080000000-0x080ffffff] 4096 frames"));
	assert_true(host_log_contains("descriptors [mem 0x200000000-0x20fffffff] 65536 frames"));
	assert_int_equal(max_pfn, PFN_DOWN(far + far_size));

	assert_frame(PFN_DOWN(RAM));
	assert_frame(PFN_DOWN(RAM + ARENA) - 1);
	assert_frame(PFN_DOWN(far));
	assert_frame(PFN_DOWN(far + far_size) - 1);
	assert_false(pfn_valid(PFN_DOWN(RAM + ARENA)));
	assert_false(pfn_valid(PFN_DOWN(far) - 1));
	assert_false(pfn_valid(PFN_DOWN(far + far_size)));
	assert_false(pfn_valid(MAX_PHYS_PFN));
	assert_false(pfn_valid(~0UL));
	assert_int_equal(memmap_next_valid_pfn(PFN_DOWN(RAM + ARENA)), PFN_DOWN(far));
	assert_int_equal(memmap_next_valid_pfn(PFN_DOWN(far + far_size)), MAX_PHYS_PFN);
	assert_int_equal(memmap_contig_end(PFN_DOWN(RAM), max_pfn), PFN_DOWN(RAM + ARENA));
	/* 256 MiB spans four sections whose descriptors lie back to back. */
	assert_int_equal(memmap_contig_end(PFN_DOWN(far), max_pfn), PFN_DOWN(far + far_size));

	memblock_free_all();
	assert_int_equal(buddy_check(), 0);
	assert_int_equal(zone(ZONE_HIGHMEM)->managed_pages, far_size >> PAGE_SHIFT);
	assert_int_equal(zone(ZONE_HIGHMEM)->spanned_pages, max_pfn - PFN_DOWN(RAM + ARENA));
	p = alloc_pages(GFP_KERNEL | __GFP_HIGHMEM, MAX_PAGE_ORDER);
	assert_non_null(p);
	pfn = page_to_pfn(p);
	assert_true(pfn >= PFN_DOWN(far) && pfn < PFN_DOWN(far + far_size));
	assert_ptr_equal(page_address(p), NULL);
	__free_pages(p, MAX_PAGE_ORDER);
	p = alloc_pages(GFP_KERNEL, 0);
	assert_true(page_to_pfn(p) < PFN_DOWN(RAM + ARENA));
	__free_pages(p, 0);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Holes inside a section keep descriptors (reserved), whole MAX_ORDER
 * blocks of them; a bank that is not block-aligned gets the rest of its
 * block too, outside every zone.
 */
static void test_sparse_extents(void **state)
{
	unsigned long base = PFN_DOWN(RAM);

	(void)state;
	/* 14 MiB from RAM + 2 MiB, then 3 MiB at RAM + 49 MiB (same 64 MiB section). */
	memblock_set_current_limit(RAM + ARENA);	/* the arena's end */
	assert_int_equal(memblock_add(RAM + 2 * MIB, ARENA - 2 * MIB), 0);
	assert_int_equal(memblock_add(RAM + 48 * MIB + MIB, 3 * MIB), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	/* One extent: [RAM, RAM + 52 MiB), the blocks of both banks and the hole. */
	assert_int_equal(mem_map_bytes, (52 * MIB >> PAGE_SHIFT) * sizeof(struct page));
	assert_int_equal(mem_map_base_pfn, PFN_DOWN(RAM + 2 * MIB));
	assert_frame(base);		/* below the first RAM frame, in its block */
	assert_true(PageReserved(pfn_to_page(base)));
	assert_frame(PFN_DOWN(RAM + 30 * MIB));		/* the hole */
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(RAM + 30 * MIB))));
	assert_frame(PFN_DOWN(RAM + 52 * MIB) - 1);
	assert_false(pfn_valid(PFN_DOWN(RAM + 52 * MIB)));
	memblock_free_all();
	assert_int_equal(buddy_check(), 0);
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(RAM + 30 * MIB))));
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(RAM + 48 * MIB))));
	assert_false(PageReserved(pfn_to_page(PFN_DOWN(RAM + 49 * MIB))));
}

/* RAM above what a PTE can reach gets no descriptors, and says so. */
static void test_sparse_physmem_limit(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_add(PHYSMEM_END - 64 * MIB, 128 * MIB), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	assert_true(host_log_contains("RAM [0x400000000-0x403ffffff] lies above the 34-bit physical limit"));
	assert_int_equal(max_pfn, MAX_PHYS_PFN);
	assert_frame(MAX_PHYS_PFN - 1);
	assert_false(pfn_valid(MAX_PHYS_PFN));
	memblock_free_all();
	assert_int_equal(buddy_check(), 0);
	assert_int_equal(zone(ZONE_HIGHMEM)->managed_pages, (64 * MIB) >> PAGE_SHIFT);
}

static void test_free_all_reports_owners(void **state)
{
	struct page_totals t;
	unsigned long released;

	(void)state;
	/* OpenSBI below the kernel (phys_ram_base), outside the linear map. */
	assert_int_equal(memblock_add(RAM - MIB, MIB + ARENA), 0);
	assert_int_equal(memblock_reserve(RAM - MIB, 256 * 1024, "OpenSBI"), 0);
	/* Two owners share the frame at RAM + 0x3000: it counts once. */
	assert_int_equal(memblock_reserve(RAM, 0x3800, "kernel"), 0);
	assert_int_equal(memblock_reserve(RAM + 0x3800, 0x1000, "dtb"), 0);
	/* Outside RAM: not counted. */
	assert_int_equal(memblock_reserve(0x1000, 0x1000, "mmio"), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	checked();
	released = memblock_free_all();
	checked();
	page_alloc_totals(&t);
	assert_int_equal(t.managed, released);
	assert_int_equal(t.total, (MIB + ARENA) >> PAGE_SHIFT);
	assert_int_equal(t.free + t.pcp, released);
	/* OpenSBI 64, kernel 4 (incl. the shared frame), dtb 1, unmapped = 256 - 64. */
	assert_true(host_log_contains("OpenSBI=64 kernel=4 dtb=1 memblock="));
	assert_true(host_log_contains(" unmapped=192\n"));
	assert_int_equal(buddy_check(), 0);
	/* Every frame is free or reserved, and the log's total says how many. */
	{
		char expect[64];

		snprintf(expect, sizeof(expect), "reserved %lu pages:", t.reserved);
		assert_true(host_log_contains(expect));
	}
	/* memblock is closed now. */
	assert_null(memblock_alloc(16, 0));
	assert_true(host_log_contains("after memblock_free_all"));
	assert_int_equal(memblock_free_all(), 0);
	/* The buddy allocator works on what it got. */
	{
		struct page *p = alloc_pages(GFP_KERNEL, 10);

		assert_non_null(p);
		assert_true(page_to_pfn(p) >= PFN_DOWN(RAM));
		__free_pages(p, 10);
	}
	assert_int_equal(buddy_check(), 0);
}

static void test_free_all_needs_init(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_free_all(), 0);
	assert_true(host_log_contains("before free_area_init"));
	assert_int_equal(free_area_init(0), 0);	/* clamps: everything is highmem */
	assert_int_equal(max_low_pfn, PFN_DOWN(RAM));
}

static void test_dump(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_reserve(RAM, 0x1000, "kernel"), 0);
	memblock_dump();
	assert_true(host_log_contains(" memory[0] [0x80000000-0x80ffffff], 0x1000000 bytes"));
	assert_true(host_log_contains(" reserved[0] [0x80000000-0x80000fff], 0x1000 bytes by kernel"));
}

/* Random operations against a model: one owner (or none) per 256-byte unit. */
#define UNITS	256
#define UNIT	0x100

static const char *owner_at(phys_addr_t addr)
{
	unsigned int i;

	for (i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		if (addr >= r->base && addr < r->base + r->size)
			return r->owner;
	}
	return NULL;
}

static void test_random_against_model(void **state)
{
	static const char *const owners[] = { "a", "b", "c" };
	const char *model_res[UNITS];
	bool model_mem[UNITS];
	struct prng rng;
	unsigned int step, u;

	(void)state;
	memset(model_mem, 0, sizeof(model_mem));
	memset(model_res, 0, sizeof(model_res));
	prng_seed(&rng, 1234);
	for (step = 0; step < 4000; step++) {
		unsigned int first = prng_below(&rng, UNITS);
		unsigned int len = 1 + prng_below(&rng, UNITS - first);
		phys_addr_t base = RAM + (phys_addr_t)first * UNIT;
		const char *who = owners[prng_below(&rng, 3)];
		unsigned int op = prng_below(&rng, 4);

		if (memblock.reserved.cnt > 40 || memblock.memory.cnt > 20) {
			memblock_reset();
			memset(model_mem, 0, sizeof(model_mem));
			memset(model_res, 0, sizeof(model_res));
		}
		switch (op) {
		case 0:
			assert_int_equal(memblock_add(base, (phys_addr_t)len * UNIT), 0);
			for (u = first; u < first + len; u++)
				model_mem[u] = true;
			break;
		case 1:
			assert_int_equal(memblock_remove(base, (phys_addr_t)len * UNIT), 0);
			for (u = first; u < first + len; u++)
				model_mem[u] = false;
			break;
		case 2:
			assert_int_equal(memblock_reserve(base, (phys_addr_t)len * UNIT, who), 0);
			for (u = first; u < first + len; u++)
				if (!model_res[u])
					model_res[u] = who;
			break;
		default:
			assert_int_equal(memblock_phys_free(base, (phys_addr_t)len * UNIT), 0);
			for (u = first; u < first + len; u++)
				model_res[u] = NULL;
			break;
		}
		checked();
		for (u = 0; u < UNITS; u++) {
			phys_addr_t a = RAM + (phys_addr_t)u * UNIT;
			const char *o = owner_at(a + UNIT - 1);

			assert_int_equal(memblock_is_memory(a), model_mem[u]);
			assert_int_equal(memblock_is_memory(a + UNIT - 1), model_mem[u]);
			assert_ptr_equal(owner_at(a), model_res[u]);
			assert_ptr_equal(o, model_res[u]);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_add_merges),
		T(test_reserve_owners),
		T(test_remove_and_free),
		T(test_alloc_top_down),
		T(test_alloc_failures),
		T(test_array_full),
		T(test_remove_split_when_full),
		T(test_nomap_mark_and_clear),
		T(test_free_all_skips_nomap),
		T(test_sparse_far_banks),
		T(test_sparse_extents),
		T(test_sparse_physmem_limit),
		T(test_free_all_reports_owners),
		T(test_free_all_needs_init),
		T(test_dump),
		T(test_random_against_model),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
