// SPDX-License-Identifier: MIT
/*
 * Host tests of the buddy allocator (mm/page_alloc*.c, mm/page_report.c)
 * booted through the real memblock on a host arena (buddy_harness.c).
 * Every test ends with buddy_check(); the random ones run it after every
 * step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/prng.h>
#include <asm/smp.h>

#include "buddy_harness.h"
#include "host_log.h"

#define RAM	HARNESS_RAM_BASE
#define MIB	(1ULL << 20)
#define PFN(pa)	((unsigned long)((pa) >> 12))

static int setup(void **state)
{
	(void)state;
	host_log_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	harness_teardown();
	return 0;
}

static void boot(const struct harness_cfg *cfg)
{
	assert_int_equal(harness_boot(cfg), 0);
	assert_int_equal(buddy_check(), 0);
}

static struct zone *zone(int idx)
{
	return &contig_page_data.node_zones[idx];
}

/*
 * 8 MiB of lowmem; the upper 4 MiB is held while mem_map is placed, so it
 * comes up as exactly one free order-10 block at pfn 0x80400. No
 * watermarks, no per-CPU caching: the state is the pure buddy system.
 */
static void boot_pure(unsigned int high_mib)
{
	struct harness_cfg cfg;

	harness_cfg_simple(&cfg, 8, high_mib);
	cfg.hold[0] = (struct harness_range){ RAM + 4 * MIB, 4 * MIB, NULL };
	cfg.nr_hold = 1;
	cfg.min_free_kbytes = 0;
	cfg.pcp_high = 0;
	boot(&cfg);
	assert_true(harness_is_free_block(0x80400, 10));
}

/* The order-10 block at 0x80400 as 1024 separately freeable frames. */
static unsigned long grab_region(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 10);

	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), 0x80400);
	split_page(page, 10);
	return 0x80400;
}

static void free_pfn(unsigned long pfn)
{
	__free_page(pfn_to_page(pfn));
	assert_int_equal(buddy_check(), 0);
}

/* The example: 1 MiB from a 4 MiB block leaves one 2 MiB and one 1 MiB block. */
static void test_seed_example(void **state)
{
	struct harness_cfg cfg = { 0 };
	struct harness_snapshot before, after;
	unsigned long pfns[4];
	struct page *page;
	unsigned int o;

	(void)state;
	cfg.ram[0] = (struct harness_range){ RAM, 1 * MIB, NULL };
	cfg.ram[1] = (struct harness_range){ RAM + 4 * MIB, 4 * MIB, NULL };
	cfg.nr_ram = 2;
	cfg.hold[0] = cfg.ram[1];
	cfg.nr_hold = 1;
	cfg.lowmem_end = RAM + 8 * MIB;
	cfg.min_free_kbytes = 0;
	cfg.pcp_high = -1;
	cfg.pcp_batch = -1;
	boot(&cfg);

	assert_int_equal(harness_list_pfns(ZONE_NORMAL, 10, pfns, 4), 1);
	assert_int_equal(pfns[0], 0x80400);
	assert_int_equal(zone(ZONE_NORMAL)->free_area[9].nr_free, 0);
	assert_int_equal(zone(ZONE_NORMAL)->free_area[8].nr_free, 0);
	harness_snapshot(&before);

	page = alloc_pages(GFP_KERNEL, 8);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), 0x80400);
	assert_int_equal(harness_list_pfns(ZONE_NORMAL, 10, pfns, 4), 0);
	assert_int_equal(harness_list_pfns(ZONE_NORMAL, 9, pfns, 4), 1);
	assert_int_equal(pfns[0], 0x80600);
	assert_int_equal(harness_list_pfns(ZONE_NORMAL, 8, pfns, 4), 1);
	assert_int_equal(pfns[0], 0x80500);
	for (o = 0; o < 8; o++)
		assert_int_equal(zone(ZONE_NORMAL)->free_area[o].nr_free,
				 before.nr_free[ZONE_NORMAL][o]);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages,
			 before.free_pages[ZONE_NORMAL] - 256);
	assert_int_equal(buddy_check(), 0);

	__free_pages(page, 8);
	assert_int_equal(buddy_check(), 0);
	harness_snapshot(&after);
	assert_true(harness_snapshot_equal(&before, &after));
	harness_snapshot_free(&before);
	harness_snapshot_free(&after);
}

static void test_merge_control(void **state)
{
	unsigned long b, i;

	(void)state;
	boot_pure(0);
	b = grab_region();
	for (i = 0; i < 8; i++)
		free_pfn(b + i);
	assert_true(harness_is_free_block(b, 3));
	for (i = 1; i < 8; i++)
		assert_false(PageBuddy(pfn_to_page(b + i)));
}

static void test_merge_blocked_buddy_busy(void **state)
{
	unsigned long b, i;

	(void)state;
	boot_pure(0);
	b = grab_region();
	for (i = 0; i < 4; i++)
		free_pfn(b + i);
	/* b+4..b+7 stay allocated: the order-2 block cannot become order 3. */
	assert_true(harness_is_free_block(b, 2));
	assert_false(PageBuddy(pfn_to_page(b + 4)));
	assert_int_equal(zone(ZONE_NORMAL)->free_area[3].nr_free, 0);
}

static void test_merge_blocked_different_size(void **state)
{
	unsigned long b, i;

	(void)state;
	boot_pure(0);
	b = grab_region();
	for (i = 0; i < 4; i++)
		free_pfn(b + i);
	free_pfn(b + 4);
	free_pfn(b + 5);
	/* Order 2 at b, order 1 at b+4: buddies in place but not the same size. */
	assert_true(harness_is_free_block(b, 2));
	assert_true(harness_is_free_block(b + 4, 1));
	assert_int_equal(zone(ZONE_NORMAL)->free_area[3].nr_free, 0);
	/* Completing b+4's half lets the cascade run. */
	free_pfn(b + 6);
	free_pfn(b + 7);
	assert_true(harness_is_free_block(b, 3));
}

static void test_merge_blocked_misaligned_pair(void **state)
{
	unsigned long b, i;

	(void)state;
	boot_pure(0);
	b = grab_region();
	for (i = 4; i < 12; i++)
		free_pfn(b + i);
	/* Adjacent, free, same size, but the pair would start at b+4 (not a multiple of 8). */
	assert_true(harness_is_free_block(b + 4, 2));
	assert_true(harness_is_free_block(b + 8, 2));
	assert_int_equal(zone(ZONE_NORMAL)->free_area[3].nr_free, 0);
}

/* The buddy's frames do not exist (a hole in RAM): no merge. */
static void test_merge_blocked_not_contiguous(void **state)
{
	struct harness_cfg cfg = { 0 };
	struct page *page;
	unsigned long i;

	(void)state;
	cfg.ram[0] = (struct harness_range){ RAM, 1 * MIB, NULL };
	cfg.ram[1] = (struct harness_range){ RAM + 4 * MIB, 2 * MIB, NULL };
	cfg.ram[2] = (struct harness_range){ RAM + 7 * MIB, 1 * MIB, NULL };
	cfg.nr_ram = 3;
	cfg.hold[0] = cfg.ram[1];
	cfg.hold[1] = cfg.ram[2];
	cfg.nr_hold = 2;
	cfg.lowmem_end = RAM + 8 * MIB;
	cfg.min_free_kbytes = 0;
	cfg.pcp_high = 0;
	boot(&cfg);
	assert_true(harness_is_free_block(0x80400, 9));
	/* 0x80600..0x806ff is a hole: described by mem_map, never free. */
	assert_true(PageReserved(pfn_to_page(0x80600)));
	assert_false(memblock_is_memory(0x80600000));
	assert_int_equal(zone(ZONE_NORMAL)->free_area[10].nr_free, 0);

	page = alloc_pages(GFP_KERNEL, 9);
	assert_int_equal(page_to_pfn(page), 0x80400);
	split_page(page, 9);
	for (i = 0; i < 512; i++)
		free_pfn(0x80400 + i);
	assert_true(harness_is_free_block(0x80400, 9));
	assert_int_equal(zone(ZONE_NORMAL)->free_area[10].nr_free, 0);
}

/* Contiguous free buddies in different zones stay apart. */
static void test_merge_blocked_zone_boundary(void **state)
{
	struct harness_cfg cfg;

	(void)state;
	harness_cfg_simple(&cfg, 6, 2);
	cfg.hold[0] = (struct harness_range){ RAM + 4 * MIB, 4 * MIB, NULL };
	cfg.nr_hold = 1;
	cfg.min_free_kbytes = 0;
	boot(&cfg);
	assert_true(harness_is_free_block(0x80400, 9));
	assert_true(harness_is_free_block(0x80600, 9));
	assert_ptr_equal(page_zone(pfn_to_page(0x80400)), zone(ZONE_NORMAL));
	assert_ptr_equal(page_zone(pfn_to_page(0x80600)), zone(ZONE_HIGHMEM));
	assert_int_equal(zone(ZONE_HIGHMEM)->free_area[9].nr_free, 1);
}

static void test_merge_cascade_to_order10(void **state)
{
	unsigned long b, i, perm[1024];
	unsigned long before;
	struct prng rng;

	(void)state;
	boot_pure(0);
	before = zone(ZONE_NORMAL)->free_area[10].nr_free;
	b = grab_region();
	for (i = 0; i < 1024; i++)
		perm[i] = i;
	prng_seed(&rng, 7);
	for (i = 1023; i > 0; i--) {
		unsigned long j = prng_below(&rng, (u32)(i + 1)), t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (i = 0; i < 1024; i++) {
		__free_page(pfn_to_page(b + perm[i]));
		assert_int_equal(buddy_check(), 0);
		if (i < 1023)
			assert_false(harness_is_free_block(b, 10));
	}
	assert_true(harness_is_free_block(b, 10));
	assert_int_equal(zone(ZONE_NORMAL)->free_area[10].nr_free, before);
}

struct held {
	struct page *page;
	unsigned int order;
};

static void test_exhaustion_and_restore(void **state)
{
	struct harness_snapshot before, after;
	struct harness_cfg cfg;
	struct held *held;
	unsigned long n = 0, i;
	struct prng rng;
	struct page *page;

	(void)state;
	harness_cfg_simple(&cfg, 16, 8);
	cfg.min_free_kbytes = 0;
	boot(&cfg);
	harness_snapshot(&before);
	held = calloc(8192, sizeof(*held));
	prng_seed(&rng, 42);

	/* Mixed orders from Normal until even an order-0 request fails. */
	for (;;) {
		unsigned int order = prng_below(&rng, 11);

		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
		if (!page) {
			page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
			order = 0;
		}
		if (!page)
			break;
		assert_false(PageHighMem(page));
		held[n].page = page;
		held[n++].order = order;
	}
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, 0);
	assert_int_equal(zone_pcp_pages(zone(ZONE_NORMAL)), 0);
	assert_null(alloc_pages(GFP_KERNEL, 3));
	assert_true(host_log_contains("page allocation failure: order:3"));
	assert_int_equal(__get_free_pages(GFP_KERNEL | __GFP_NOWARN, 0), 0);
	/* Highmem requests still find highmem, until it is gone too. */
	while ((page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0))) {
		assert_true(PageHighMem(page));
		held[n].page = page;
		held[n++].order = 0;
	}
	assert_int_equal(zone(ZONE_HIGHMEM)->free_pages, 0);
	assert_int_equal(nr_free_pages(), 0);
	assert_int_equal(buddy_check(), 0);

	for (i = 0; i < n; i++)
		__free_pages(held[i].page, held[i].order);
	drain_all_pages();
	assert_int_equal(buddy_check(), 0);
	harness_snapshot(&after);
	assert_true(harness_snapshot_equal(&before, &after));
	assert_int_equal(page_alloc_bad_frees, 0);
	harness_snapshot_free(&before);
	harness_snapshot_free(&after);
	free(held);
}

static void test_order_too_large(void **state)
{
	(void)state;
	boot_pure(0);
	assert_null(alloc_pages(GFP_KERNEL, 11));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0xffffffffu));
	assert_int_equal(__get_free_pages(GFP_KERNEL, 12), 0);
	assert_true(host_log_contains("order:11"));
	__free_pages(pfn_to_page(0x80400), 11);
	assert_int_equal(page_alloc_bad_frees, 1);
	assert_true(host_log_contains("order out of range"));
	assert_true(harness_is_free_block(0x80400, 10));
	assert_int_equal(buddy_check(), 0);
}

/* Random alloc/free sequences with buddy_check() after every step. */
static void random_run(u64 seed, bool debug, bool no_grouping)
{
	struct harness_snapshot before, after;
	struct harness_cfg cfg;
	struct held held[256];
	unsigned int n = 0, step;
	struct prng rng;

	harness_cfg_simple(&cfg, 32, 16);
	cfg.debug = debug;
	cfg.no_grouping = no_grouping;
	boot(&cfg);
	drain_all_pages();
	harness_snapshot(&before);
	prng_seed(&rng, seed);

	for (step = 0; step < 3000; step++) {
		u32 r = prng_below(&rng, 100);

		if (r < 55 && n < 256) {
			static const gfp_t kinds[] = {
				GFP_KERNEL, GFP_KERNEL | __GFP_MOVABLE,
				GFP_KERNEL | __GFP_RECLAIMABLE, GFP_ATOMIC,
				GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_ZERO,
			};
			unsigned int order = prng_below(&rng, 4) ? prng_below(&rng, 4)
								 : prng_below(&rng, 11);
			gfp_t gfp = kinds[prng_below(&rng, ARRAY_SIZE(kinds))];
			struct page *page;

			harness_set_cpu(prng_below(&rng, NR_CPUS));
			page = alloc_pages(gfp | __GFP_NOWARN, order);
			if (page) {
				assert_int_equal(page_ref_count(page), 1);
				assert_int_equal(page_to_pfn(page) & ((1UL << order) - 1), 0);
				if (!(gfp & __GFP_HIGHMEM))
					assert_false(PageHighMem(page));
				if (gfp & __GFP_ZERO)
					assert_true(((unsigned long *)page_address(page))[7] == 0);
				harness_fill(page, order, seed);
				held[n].page = page;
				held[n++].order = order;
			}
		} else if (r < 97 && n) {
			unsigned int i = prng_below(&rng, n);

			harness_set_cpu(prng_below(&rng, NR_CPUS));
			assert_true(harness_verify(held[i].page, held[i].order, seed));
			__free_pages(held[i].page, held[i].order);
			held[i] = held[--n];
		} else {
			drain_all_pages();
		}
		assert_int_equal(buddy_check(), 0);
	}
	while (n) {
		n--;
		assert_true(harness_verify(held[n].page, held[n].order, seed));
		__free_pages(held[n].page, held[n].order);
	}
	harness_drain_all();
	assert_int_equal(buddy_check(), 0);
	harness_snapshot(&after);
	assert_true(harness_snapshot_equal(&before, &after));
	assert_int_equal(page_alloc_bad_frees, 0);
	assert_int_equal(page_alloc_poison_errors, 0);
	harness_snapshot_free(&before);
	harness_snapshot_free(&after);
}

static void test_random_sequences(void **state)
{
	(void)state;
	random_run(1, false, false);
	random_run(2, true, false);
	random_run(3, false, true);
}

/* A debug detection: counted, reported with the caller, lists untouched. */
static void expect_bad(unsigned long before, const char *what, void *fn)
{
	const char *at;
	unsigned long caller = 0;

	assert_int_equal(page_alloc_bad_frees, before + 1);
	assert_true(host_log_contains(what));
	at = strstr(host_log(), "caller 0x");
	assert_non_null(at);
	caller = strtoul(at + 7, NULL, 16);
	/* The return address lies inside the test function that freed. */
	assert_true(caller > (unsigned long)fn && caller < (unsigned long)fn + 0x10000);
	assert_int_equal(buddy_check(), 0);
	host_log_reset();
}

static void boot_debug(void)
{
	struct harness_cfg cfg;

	harness_cfg_simple(&cfg, 16, 8);
	cfg.debug = true;
	boot(&cfg);
}

static void test_detect_double_free(void **state)
{
	struct page *page, *a, *b;
	unsigned long bad = 0;

	(void)state;
	boot_debug();
	/* Order 0: the first free parks the frame on the per-CPU list. */
	page = alloc_page(GFP_KERNEL);
	__free_page(page);
	assert_true(PagePcp(page));
	__free_page(page);
	expect_bad(bad++, "double free", (void *)test_detect_double_free);

	/* Order 2, straight to the buddy lists. */
	page = alloc_pages(GFP_KERNEL, 2);
	__free_pages(page, 2);
	__free_pages(page, 2);
	expect_bad(bad++, "double free", (void *)test_detect_double_free);

	/* A frame inside a block that merged after its free. */
	page = alloc_pages(GFP_KERNEL, 1);
	split_page(page, 1);
	a = page;
	b = page + 1;
	__free_page(a);
	__free_page(b);
	drain_all_pages();
	assert_false(PageBuddy(b));
	__free_page(b);
	expect_bad(bad++, "double free", (void *)test_detect_double_free);
}

static void test_detect_wrong_order(void **state)
{
	struct page *page;

	(void)state;
	boot_debug();
	page = alloc_pages(GFP_KERNEL, 2);
	__free_pages(page, 1);
	expect_bad(0, "wrong order", (void *)test_detect_wrong_order);
	__free_pages(page, 3);
	expect_bad(1, "wrong order", (void *)test_detect_wrong_order);
	assert_int_equal(page_ref_count(page), 1);
	__free_pages(page, 2);
	assert_int_equal(page_alloc_bad_frees, 2);
	assert_int_equal(buddy_check(), 0);
}

static void test_detect_reserved_and_slab(void **state)
{
	struct page *page;

	(void)state;
	boot_debug();
	/* mem_map's own frame is reserved by memblock. */
	page = virt_to_page(mem_map);
	assert_true(PageReserved(page));
	__free_page(page);
	expect_bad(0, "reserved frame", (void *)test_detect_reserved_and_slab);

	page = alloc_page(GFP_KERNEL);
	__SetPageSlab(page);
	__free_page(page);
	expect_bad(1, "slab frame", (void *)test_detect_reserved_and_slab);
	__ClearPageSlab(page);
	__free_page(page);
	assert_int_equal(page_alloc_bad_frees, 2);
}

static void test_detect_not_a_frame(void **state)
{
	unsigned long addr;
	struct page *page;

	(void)state;
	boot_debug();
	addr = __get_free_page(GFP_KERNEL);
	free_page(addr + 8);
	expect_bad(0, "is not a page frame", (void *)test_detect_not_a_frame);
	free_pages((unsigned long)&addr & PAGE_MASK, 0);
	expect_bad(1, "is not a page frame", (void *)test_detect_not_a_frame);
	__free_page((struct page *)((char *)mem_map + 3));
	expect_bad(2, "is not a page frame", (void *)test_detect_not_a_frame);
	__free_page(mem_map - 1);
	expect_bad(3, "is not a page frame", (void *)test_detect_not_a_frame);
	free_page(addr);

	/* A tail frame of an allocated block. */
	page = alloc_pages(GFP_KERNEL, 2);
	__free_page(page + 1);
	expect_bad(4, "not the first frame", (void *)test_detect_not_a_frame);
	__free_pages(page, 2);
	assert_int_equal(page_alloc_bad_frees, 5);
	assert_int_equal(buddy_check(), 0);
}

static void test_detect_poison(void **state)
{
	unsigned char *va;
	struct page *page;

	(void)state;
	boot_debug();
	page = alloc_pages(GFP_KERNEL, 1);
	va = page_address(page);
	__free_pages(page, 1);
	assert_int_equal(va[100], PAGE_POISON);
	va[PAGE_SIZE + 5] = 0x11;	/* use after free */
	page = alloc_pages(GFP_KERNEL, 1);
	assert_ptr_equal(page_address(page), va);
	assert_int_equal(page_alloc_poison_errors, 1);
	assert_true(host_log_contains("Bad page poison"));
	assert_true(host_log_contains("offset 0x5"));
	__free_pages(page, 1);
	assert_int_equal(buddy_check(), 0);
}

static void test_detect_poison_highmem(void **state)
{
	struct page *page;

	(void)state;
	boot_debug();
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_true(PageHighMem(page));
	assert_null(page_address(page));
	harness_fill(page, 0, 1);
	__free_page(page);
	/* Poisoned through the kmap hook. */
	assert_true(page->flags & PAGE_FLAG(PG_poison));
	assert_false(harness_verify(page, 0, 1));
	harness_fill(page, 0, 2);	/* use after free */
	assert_ptr_equal(alloc_page(GFP_HIGHUSER_MOVABLE), page);
	assert_int_equal(page_alloc_poison_errors, 1);
	__free_page(page);
	assert_int_equal(buddy_check(), 0);
}

static void test_detect_bad_tail(void **state)
{
	struct page *page;

	(void)state;
	boot_debug();
	page = alloc_pages(GFP_KERNEL, 2);
	__SetPageReserved(page + 3);
	__free_pages(page, 2);
	assert_int_equal(page_alloc_bad_frees, 1);
	assert_true(host_log_contains("tail pfn"));
	/* Refused before the reference was dropped: the owner still has it. */
	assert_int_equal(page_ref_count(page), 1);
	__ClearPageReserved(page + 3);
	__free_pages(page, 2);
	assert_int_equal(page_alloc_bad_frees, 1);
	assert_int_equal(buddy_check(), 0);
}

/* buddy_check() itself must fail on planted corruption. */
static void test_check_catches_corruption(void **state)
{
	struct page *page;
	struct zone *z;

	(void)state;
	boot_pure(0);
	z = zone(ZONE_NORMAL);
	z->free_area[3].nr_free++;
	assert_int_not_equal(buddy_check(), 0);
	z->free_area[3].nr_free--;
	assert_int_equal(buddy_check(), 0);

	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	page->flags |= PAGE_FLAG(PG_buddy);
	assert_int_not_equal(buddy_check(), 0);
	page->flags &= ~PAGE_FLAG(PG_buddy);
	assert_int_equal(buddy_check(), 0);

	/* Two free buddies of one order, unmerged. */
	page = alloc_pages(GFP_KERNEL, 10);
	assert_non_null(page);
	split_page(page, 10);
	page->flags &= ~PAGE_FLAG(PG_head);
	page[1].flags &= ~PAGE_FLAG(PG_head);
	set_page_count(page, 0);
	set_page_count(page + 1, 0);
	page->flags |= PAGE_FLAG(PG_buddy);
	page[1].flags |= PAGE_FLAG(PG_buddy);
	page->private = page[1].private = 0;
	list_add(&page->lru, &z->free_area[0].free_list[0]);
	list_add(&page[1].lru, &z->free_area[0].free_list[0]);
	z->free_area[0].nr_free += 2;
	z->free_pages += 2;
	assert_int_not_equal(buddy_check(), 0);
	assert_true(host_log_contains("not merged"));
}

/* Per-CPU list corruption: a frame filed under the wrong type, the extra list. */
static void test_check_catches_pcp_corruption(void **state)
{
	struct harness_cfg cfg;
	struct per_cpu_pages *pcp;
	struct page *page;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	boot(&cfg);
	pcp = &zone(ZONE_NORMAL)->pcp[0];
	page = alloc_page(GFP_KERNEL);
	__free_page(page);
	assert_true(PagePcp(page));
	page->flags ^= 1UL << PAGE_MT_SHIFT;
	assert_int_not_equal(buddy_check(), 0);
	page->flags ^= 1UL << PAGE_MT_SHIFT;
	assert_int_equal(buddy_check(), 0);

	list_move(&page->lru, &pcp->lists[MIGRATE_PCPTYPES]);
	assert_int_not_equal(buddy_check(), 0);
	list_move(&page->lru, &pcp->lists[MIGRATE_UNMOVABLE]);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Free frames keep _mapcount -1 and mapping NULL, so allocation does not
 * reset them: buddy_check() finds a free frame that breaks this, and
 * page_alloc_debug refuses the free that would.
 */
static void test_free_frames_unmapped(void **state)
{
	struct harness_cfg cfg;
	struct page *page;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	boot(&cfg);
	page = alloc_pages(GFP_KERNEL, 2);
	assert_int_equal(page_mapcount(page), 0);
	assert_null(page->mapping);
	page[3].mapping = page;		/* an owner forgets to clear it */
	__free_pages(page, 2);
	assert_int_not_equal(buddy_check(), 0);
	assert_true(host_log_contains("mapping"));
	page[3].mapping = NULL;
	assert_int_equal(buddy_check(), 0);

	page = alloc_page(GFP_KERNEL);
	page->_mapcount = 0;
	__free_page(page);
	assert_int_not_equal(buddy_check(), 0);
	page->_mapcount = -1;
	assert_int_equal(buddy_check(), 0);

	boot_debug();
	page = alloc_page(GFP_KERNEL);
	page->_mapcount = 0;
	__free_page(page);
	expect_bad(0, "frame still mapped", (void *)test_free_frames_unmapped);
	page->_mapcount = -1;
	page->mapping = page;
	__free_page(page);
	expect_bad(1, "non-NULL mapping", (void *)test_free_frames_unmapped);
	page->mapping = NULL;
	__free_page(page);
	assert_int_equal(page_alloc_bad_frees, 2);
	assert_int_equal(buddy_check(), 0);
}

/* A gfp with both mobility bits names no type: it is served as unmovable. */
static void test_gfp_without_type(void **state)
{
	const gfp_t both = GFP_KERNEL | __GFP_MOVABLE | __GFP_RECLAIMABLE;
	struct harness_cfg cfg;
	struct per_cpu_pages *pcp;
	struct page *page;
	int i;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	boot(&cfg);
	pcp = &zone(ZONE_NORMAL)->pcp[0];
	for (i = 0; i < 2; i++) {	/* empty lists, then a filled one */
		page = alloc_page(both);
		assert_non_null(page);
		assert_int_equal((page->flags & PAGE_MT_MASK) >> PAGE_MT_SHIFT,
				 MIGRATE_UNMOVABLE);
		__free_page(page);
		assert_true(list_empty(&pcp->lists[MIGRATE_PCPTYPES]));
		assert_false(list_empty(&pcp->lists[MIGRATE_UNMOVABLE]));
		assert_int_equal(buddy_check(), 0);
	}
}

static void test_alloc_pages_exact(void **state)
{
	unsigned long free0;
	char *p;

	(void)state;
	boot_pure(0);
	free0 = nr_free_pages();
	p = alloc_pages_exact(5 * PAGE_SIZE + 1, GFP_KERNEL | __GFP_ZERO);
	assert_non_null(p);
	assert_int_equal(nr_free_pages(), free0 - 6);
	assert_int_equal(p[6 * PAGE_SIZE - 1], 0);
	memset(p, 1, 6 * PAGE_SIZE);
	assert_int_equal(buddy_check(), 0);
	free_pages_exact(p, 5 * PAGE_SIZE + 1);
	assert_int_equal(nr_free_pages(), free0);
	assert_true(harness_is_free_block(0x80400, 10));
	assert_int_equal(page_alloc_bad_frees, 0);
	assert_null(alloc_pages_exact(8 * MIB, GFP_KERNEL | __GFP_NOWARN));
}

static void test_zeroed_and_addresses(void **state)
{
	struct harness_cfg cfg;
	unsigned long addr;
	struct page *page;
	unsigned int i;

	(void)state;
	harness_cfg_simple(&cfg, 16, 8);
	boot(&cfg);
	addr = get_zeroed_page(GFP_KERNEL);
	assert_true(addr);
	for (i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(((unsigned char *)addr)[i], 0);
	page = virt_to_page((void *)addr);
	assert_ptr_equal(page_address(page), (void *)addr);
	assert_ptr_equal(pfn_to_page(page_to_pfn(page)), page);
	assert_true(virt_addr_valid((void *)addr));
	free_page(addr);

	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	assert_true(PageHighMem(page));
	assert_null(page_address(page));
	assert_true(page_to_pfn(page) >= max_low_pfn);
	__free_page(page);
	/* __get_free_pages never returns highmem. */
	addr = __get_free_pages(GFP_HIGHUSER, 0);
	assert_true(virt_addr_valid((void *)addr));
	free_page(addr);
	assert_int_equal(buddy_check(), 0);
}

static unsigned long stash_pages[64];
static unsigned int stash_n, hook_calls, hook_wanted;

static unsigned long reclaim_hook(unsigned int nr_wanted, gfp_t gfp)
{
	unsigned long freed = 0;

	(void)gfp;
	hook_calls++;
	hook_wanted = nr_wanted;
	while (stash_n && freed < nr_wanted) {
		free_page(stash_pages[--stash_n]);
		freed++;
	}
	return freed;
}

static void test_watermarks(void **state)
{
	struct harness_cfg cfg;
	unsigned long min, low, high, n = 0, free_at_fail;
	unsigned long *held;
	struct page *page;
	struct zone *z;

	(void)state;
	harness_cfg_simple(&cfg, 16, 8);
	cfg.pcp_high = 0;
	boot(&cfg);
	z = zone(ZONE_NORMAL);
	/* Linux's formula: sqrt(16 * lowmem KiB) KiB, at least 128. */
	assert_int_equal(min_free_kbytes,
			 (int)__builtin_sqrt((double)(z->managed_pages * 4 * 16)));
	min = min_wmark_pages(z);
	low = low_wmark_pages(z);
	high = high_wmark_pages(z);
	assert_int_equal(min, (unsigned long)min_free_kbytes / 4);
	assert_int_equal(low, min + min / 4);
	assert_int_equal(high, min + min / 2);
	assert_true(min_wmark_pages(zone(ZONE_HIGHMEM)) >= 32);
	assert_true(min_wmark_pages(zone(ZONE_HIGHMEM)) <= 128);
	assert_int_equal(z->lowmem_reserve[ZONE_HIGHMEM],
			 zone(ZONE_HIGHMEM)->managed_pages / 32);

	held = calloc(8192, sizeof(*held));
	assert_int_equal(page_alloc_register_reclaim(reclaim_hook), 0);
	/* GFP_KERNEL stops at min (the hook ran once it went below low). */
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		held[n++] = (unsigned long)page_address(page);
	free_at_fail = z->free_pages;
	assert_int_equal(free_at_fail, min);
	assert_true(hook_calls > 0);
	/* GFP_ATOMIC goes on to min/2. */
	while ((page = alloc_page(GFP_ATOMIC | __GFP_NOWARN)))
		held[n++] = (unsigned long)page_address(page);
	assert_int_equal(z->free_pages, min - min / 2);
	/* __GFP_MEMALLOC takes the rest. */
	while ((page = alloc_page(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN)))
		held[n++] = (unsigned long)page_address(page);
	assert_int_equal(z->free_pages, 0);

	/* The hook's frees let a failing request succeed on the retry. */
	stash_n = 0;
	while (stash_n < 64)
		stash_pages[stash_n++] = held[--n];
	hook_calls = 0;
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	assert_true(hook_calls == 1);
	assert_true(hook_wanted >= high);
	assert_null(page);	/* 64 frames are still below min */
	stash_n = 0;
	for (unsigned long i = 0; i < min + 8; i++)
		free_page(held[--n]);
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	assert_non_null(page);
	__free_page(page);
	while (n)
		free_page(held[--n]);
	assert_int_equal(buddy_check(), 0);
	free(held);
}

static void test_pcp_lists(void **state)
{
	struct harness_cfg cfg;
	struct per_cpu_pages *pcp;
	struct page *pages[200];
	unsigned int i;
	unsigned long free0;

	(void)state;
	harness_cfg_simple(&cfg, 128, 0);
	boot(&cfg);
	pcp = &zone(ZONE_NORMAL)->pcp[0];
	assert_int_equal(pcp->batch, 16);
	assert_int_equal(pcp->high, 96);
	free0 = zone(ZONE_NORMAL)->free_pages;

	pages[0] = alloc_page(GFP_KERNEL);
	/* A refill takes one batch from the buddy lists. */
	assert_int_equal(pcp->count, 15);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, free0 - 16);
	__free_page(pages[0]);
	assert_int_equal(pcp->count, 16);
	assert_true(PagePcp(pages[0]));
	assert_ptr_equal(alloc_page(GFP_KERNEL), pages[0]);	/* LIFO: cache-hot */
	__free_page(pages[0]);

	/* Another CPU has its own list. */
	harness_set_cpu(1);
	pages[0] = alloc_page(GFP_KERNEL);
	assert_int_equal(zone(ZONE_NORMAL)->pcp[1].count, 15);
	__free_page(pages[0]);
	harness_set_cpu(0);

	/*
	 * drain_all_pages() empties this CPU's lists and asks CPU 1 to empty
	 * its own, which it does at its next refill...
	 */
	drain_all_pages();
	assert_int_equal(pcp->count, 0);
	assert_int_equal(zone(ZONE_NORMAL)->pcp[1].count, 16);
	assert_true(zone(ZONE_NORMAL)->pcp[1].drain_requested);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, free0 - 16);
	assert_int_equal(buddy_check(), 0);
	harness_set_cpu(1);
	pages[0] = alloc_page(GFP_KERNEL | __GFP_MOVABLE);	/* an empty list */
	assert_false(zone(ZONE_NORMAL)->pcp[1].drain_requested);
	assert_int_equal(zone(ZONE_NORMAL)->pcp[1].count, 15);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, free0 - 16);
	/* ...or at its next spill, which then gives back everything. */
	drain_all_pages();	/* now on behalf of CPU 1: nothing to ask */
	assert_int_equal(zone(ZONE_NORMAL)->pcp[1].count, 0);
	__free_page(pages[0]);
	harness_set_cpu(0);
	pages[0] = alloc_page(GFP_KERNEL);
	drain_all_pages();
	assert_true(zone(ZONE_NORMAL)->pcp[1].drain_requested);
	harness_set_cpu(1);
	page_alloc_set_pcp(2, 1);
	__free_page(pages[0]);	/* count 2 reaches high: drains all */
	assert_int_equal(zone(ZONE_NORMAL)->pcp[1].count, 0);
	assert_false(zone(ZONE_NORMAL)->pcp[1].drain_requested);
	harness_set_cpu(0);
	page_alloc_set_pcp(96, 16);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, free0);
	assert_int_equal(buddy_check(), 0);

	/* Reaching high spills a batch. */
	for (i = 0; i < 200; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < 200; i++) {
		__free_page(pages[i]);
		assert_true(pcp->count < pcp->high);
	}
	assert_int_equal(buddy_check(), 0);
	drain_all_pages();
	assert_int_equal(zone_pcp_pages(zone(ZONE_NORMAL)), 0);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, free0);
	assert_int_equal(buddy_check(), 0);
}

/* A higher-order request that fails drains the per-CPU lists and retries. */
static void test_pcp_drained_on_failure(void **state)
{
	struct harness_cfg cfg;
	struct page **pages;
	struct page *big;
	unsigned long n = 0, i;

	(void)state;
	harness_cfg_simple(&cfg, 8, 0);
	cfg.min_free_kbytes = 0;
	cfg.pcp_high = 4096;
	cfg.pcp_batch = 64;
	boot(&cfg);
	pages = calloc(4096, sizeof(*pages));
	while ((pages[n] = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		n++;
	for (i = 0; i < n; i++)
		__free_page(pages[i]);
	assert_int_equal(zone(ZONE_NORMAL)->free_pages, 0);
	assert_int_equal(zone_pcp_pages(zone(ZONE_NORMAL)), n);
	big = alloc_pages(GFP_KERNEL, 10);
	assert_non_null(big);
	assert_int_equal(zone_pcp_pages(zone(ZONE_NORMAL)), 0);
	__free_pages(big, 10);
	assert_int_equal(buddy_check(), 0);
	free(pages);
}

static void test_highmem_zones(void **state)
{
	struct harness_cfg cfg;
	struct page *page;
	unsigned long n = 0;
	struct page **held;

	(void)state;
	harness_cfg_simple(&cfg, 16, 8);
	cfg.min_free_kbytes = 0;
	boot(&cfg);
	assert_int_equal(max_low_pfn, PFN(RAM + 16 * MIB));
	assert_int_equal(zone(ZONE_HIGHMEM)->zone_start_pfn, max_low_pfn);
	assert_int_equal(zone(ZONE_HIGHMEM)->managed_pages, 2048);
	assert_int_equal(totalhigh_pages(), 2048);
	page = alloc_page(GFP_KERNEL);
	assert_false(PageHighMem(page));
	__free_page(page);
	held = calloc(4096, sizeof(*held));
	/* Highmem first, then Normal. */
	while (n < 2048 + 10 && (page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN))) {
		assert_true(PageHighMem(page) == (n < 2048));
		held[n++] = page;
	}
	assert_int_equal(n, 2048 + 10);
	while (n)
		__free_page(held[--n]);
	assert_int_equal(buddy_check(), 0);
	free(held);
}

static void test_mobility_stealing(void **state)
{
	struct harness_cfg cfg;
	struct page *u, *m;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	cfg.hold[0] = (struct harness_range){ RAM + 8 * MIB, 8 * MIB, NULL };
	cfg.nr_hold = 1;
	boot(&cfg);
	/* Boot leaves every pageblock movable... */
	assert_int_equal(get_pfnblock_migratetype(0x80800), MIGRATE_MOVABLE);
	m = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_int_equal(get_pfnblock_migratetype(page_to_pfn(m)), MIGRATE_MOVABLE);
	/* ...an unmovable request claims a whole pageblock for its type. */
	u = alloc_page(GFP_KERNEL);
	assert_int_equal(get_pfnblock_migratetype(page_to_pfn(u)), MIGRATE_UNMOVABLE);
	assert_true(page_to_pfn(u) >> 10 != page_to_pfn(m) >> 10 ||
		    get_pfnblock_migratetype(page_to_pfn(m)) == MIGRATE_UNMOVABLE);
	__free_page(u);
	__free_page(m);
	assert_int_equal(buddy_check(), 0);

	/* With grouping off everything is unmovable. */
	harness_cfg_simple(&cfg, 16, 0);
	cfg.no_grouping = true;
	boot(&cfg);
	assert_int_equal(get_pfnblock_migratetype(0x80800), MIGRATE_UNMOVABLE);
	assert_int_equal(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_UNMOVABLE);
}

static void test_fragmentation_scenario(void **state)
{
	struct frag_result on, off;
	struct harness_snapshot a, b;
	struct harness_cfg cfg;

	(void)state;
	harness_cfg_simple(&cfg, 64, 0);
	cfg.no_grouping = true;
	boot(&cfg);
	assert_int_equal(buddy_frag_scenario(&off), 0);
	assert_int_equal(buddy_check(), 0);

	harness_cfg_simple(&cfg, 64, 0);
	boot(&cfg);
	drain_all_pages();
	harness_snapshot(&a);
	assert_int_equal(buddy_frag_scenario(&on), 0);
	assert_int_equal(buddy_check(), 0);
	harness_snapshot(&b);
	assert_int_equal(a.free_pages[0], b.free_pages[0]);
	harness_snapshot_free(&a);
	harness_snapshot_free(&b);

	print_message("grouping on: %lu order-10 blocks, unusable %u; off: %lu, unusable %u\n",
		      on.order10_blocks, on.unusable_index, off.order10_blocks,
		      off.unusable_index);
	assert_false(off.grouping);
	assert_true(on.grouping);
	assert_true(on.unmovable > 0 && on.movable > on.unmovable);
	assert_true(on.order10_blocks >= 8);
	assert_true(on.order10_blocks >= 4 * off.order10_blocks + 4);
	assert_true(on.unusable_index < off.unusable_index);
	assert_true(off.unusable_index > 500);
	assert_true(host_log_contains("frag: grouping=on"));
	assert_true(host_log_contains("frag: grouping=off"));
	/* Running it again from the same state gives the same result. */
	harness_cfg_simple(&cfg, 64, 0);
	boot(&cfg);
	assert_int_equal(buddy_frag_scenario(&off), 0);
	assert_int_equal(off.order10_blocks, on.order10_blocks);

	/* Both on one running system, toggling the switch as a self-test would. */
	assert_int_equal(buddy_frag_scenario(&on), 0);
	page_group_by_mobility_disabled = true;
	assert_int_equal(buddy_frag_scenario(&off), 0);
	page_group_by_mobility_disabled = false;
	assert_true(on.order10_blocks > 2 * off.order10_blocks);
	assert_true(on.unusable_index < off.unusable_index);
	assert_int_equal(buddy_check(), 0);
	/* And grouping recovers once it is back on. */
	assert_int_equal(buddy_frag_scenario(&on), 0);
	assert_true(on.order10_blocks > 2 * off.order10_blocks);
}

static void test_unusable_index(void **state)
{
	struct zone *z;

	(void)state;
	boot_pure(0);
	z = zone(ZONE_NORMAL);
	/* free = F; suitable = one order-10 block. */
	assert_int_equal(unusable_free_index(z, 10),
			 (unsigned int)((z->free_pages - 1024) * 1000 / z->free_pages));
	assert_int_equal(unusable_free_index(z, 0), 0);
}

static void test_reports(void **state)
{
	char expect[256];
	struct zone *z;

	(void)state;
	boot_pure(0);
	z = zone(ZONE_NORMAL);
	host_log_reset();
	buddy_show_buddyinfo();
	snprintf(expect, sizeof(expect),
		 "Node 0, zone   Normal %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu      1 \n",
		 z->free_area[0].nr_free, z->free_area[1].nr_free,
		 z->free_area[2].nr_free, z->free_area[3].nr_free,
		 z->free_area[4].nr_free, z->free_area[5].nr_free,
		 z->free_area[6].nr_free, z->free_area[7].nr_free,
		 z->free_area[8].nr_free, z->free_area[9].nr_free);
	assert_string_equal(host_log(), expect);

	host_log_reset();
	buddy_show_pagetypeinfo();
	assert_true(host_log_contains("Page block order: 10\nPages per block:  1024\n\n"));
	assert_true(host_log_contains("Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"));
	assert_true(host_log_contains("Node    0, zone   Normal, type    Unmovable "));
	assert_true(host_log_contains("Node    0, zone   Normal, type      Movable "));
	assert_true(host_log_contains("Number of blocks type     Unmovable      Movable  Reclaimable \n"));
	assert_true(host_log_contains("Node 0, zone   Normal            0            2            0 \n"));

	host_log_reset();
	buddy_show_meminfo();
	snprintf(expect, sizeof(expect), "MemTotal:       %8lu kB\n", z->managed_pages * 4);
	assert_true(host_log_contains(expect));
	snprintf(expect, sizeof(expect), "MemFree:        %8lu kB\n", nr_free_pages() * 4);
	assert_true(host_log_contains(expect));
	assert_true(host_log_contains("HighTotal:             0 kB\n"));

	host_log_reset();
	buddy_report();
	snprintf(expect, sizeof(expect), "@buddy zone=Normal free=%lu pcp=0 o0=%lu",
		 z->free_pages, z->free_area[0].nr_free);
	assert_true(host_log_contains(expect));
	assert_true(host_log_contains(" o10=1\n"));
}

static void test_accounting(void **state)
{
	struct harness_cfg cfg;
	struct page_totals t;
	struct page *page;

	(void)state;
	harness_cfg_simple(&cfg, 16, 8);
	cfg.reserved[0] = (struct harness_range){ RAM, 512 * 1024, "OpenSBI" };
	cfg.reserved[1] = (struct harness_range){ RAM + 2 * MIB, 300 * 1024 + 1, "kernel" };
	cfg.nr_reserved = 2;
	boot(&cfg);
	page = alloc_pages(GFP_KERNEL, 3);
	page_alloc_totals(&t);
	assert_int_equal(t.total, 6144);
	assert_int_equal(t.free + t.pcp + t.used + t.reserved, t.total);
	assert_int_equal(t.used, 8);
	assert_int_equal(t.high_total, 2048);
	assert_true(host_log_contains("OpenSBI=128"));
	assert_true(host_log_contains("kernel=76"));
	assert_true(host_log_contains("zone Normal: received"));
	assert_true(host_log_contains("zone HighMem: received 2048 pages"));
	assert_int_equal(t.reserved, 128 + 76 + (zone(ZONE_NORMAL)->present_pages -
						   zone(ZONE_NORMAL)->managed_pages - 204));
	__free_pages(page, 3);
	page_alloc_totals(&t);
	assert_int_equal(t.used, 0);
	assert_int_equal(buddy_check(), 0);
}

static void test_fault_injection_and_ratelimit(void **state)
{
	unsigned int i, fails = 0, warnings = 0;
	const char *p;

	(void)state;
	boot_pure(0);
	fail_page_alloc_set_probability(100);
	assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(page_alloc_injected, 1);
	assert_false(host_log_contains("page allocation failure"));
	for (i = 0; i < 30; i++)
		assert_null(alloc_page(GFP_ATOMIC));
	for (p = host_log(); (p = strstr(p, "page allocation failure")); p++)
		warnings++;
	assert_int_equal(warnings, 10);

	fail_page_alloc_set_probability(30);
	fail_page_alloc_seed(99);
	for (i = 0; i < 1000; i++) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_NOWARN);

		if (page)
			__free_page(page);
		else
			fails++;
	}
	assert_true(fails > 200 && fails < 400);
	fail_page_alloc_set_probability(0);
	assert_int_equal(buddy_check(), 0);
}

/* The knobs reach the order-0 fast path: a frame on the list is not served. */
static void test_fault_injection_per_cpu_lists(void **state)
{
	struct harness_cfg cfg;
	struct page *page;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	boot(&cfg);
	__free_page(alloc_page(GFP_KERNEL));
	assert_true(zone(ZONE_NORMAL)->pcp[0].count > 0);
	fail_page_alloc_set_probability(100);
	assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(page_alloc_injected, 1);
	fail_page_alloc_set_probability(0);
	page = alloc_page(GFP_KERNEL);
	assert_non_null(page);
	__free_page(page);
	assert_int_equal(buddy_check(), 0);
}

static void test_free_reserved_area(void **state)
{
	struct harness_cfg cfg;
	unsigned long before;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	cfg.reserved[0] = (struct harness_range){ RAM + 4 * MIB, 64 * 1024, "initrd" };
	cfg.nr_reserved = 1;
	boot(&cfg);
	before = zone(ZONE_NORMAL)->managed_pages;
	assert_true(PageReserved(pfn_to_page(0x80400)));
	assert_int_equal(free_reserved_area(RAM + 4 * MIB, RAM + 4 * MIB + 64 * 1024, "initrd"), 16);
	assert_int_equal(zone(ZONE_NORMAL)->managed_pages, before + 16);
	assert_true(host_log_contains("Freeing initrd memory: 64K"));
	assert_int_equal(buddy_check(), 0);
}

static void test_put_page_refcount(void **state)
{
	struct page *page;
	unsigned long free0;

	(void)state;
	boot_pure(0);
	free0 = nr_free_pages();
	page = alloc_pages(GFP_KERNEL, 1);
	get_page(page);
	__free_pages(page, 1);
	assert_int_equal(nr_free_pages(), free0 - 2);
	put_page(page);
	assert_int_equal(nr_free_pages(), free0);
	assert_int_equal(page_alloc_bad_frees, 0);
	assert_int_equal(buddy_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_seed_example),
		T(test_merge_control),
		T(test_merge_blocked_buddy_busy),
		T(test_merge_blocked_different_size),
		T(test_merge_blocked_misaligned_pair),
		T(test_merge_blocked_not_contiguous),
		T(test_merge_blocked_zone_boundary),
		T(test_merge_cascade_to_order10),
		T(test_exhaustion_and_restore),
		T(test_order_too_large),
		T(test_random_sequences),
		T(test_detect_double_free),
		T(test_detect_wrong_order),
		T(test_detect_reserved_and_slab),
		T(test_detect_not_a_frame),
		T(test_detect_poison),
		T(test_detect_poison_highmem),
		T(test_detect_bad_tail),
		T(test_check_catches_corruption),
		T(test_check_catches_pcp_corruption),
		T(test_free_frames_unmapped),
		T(test_gfp_without_type),
		T(test_alloc_pages_exact),
		T(test_zeroed_and_addresses),
		T(test_watermarks),
		T(test_pcp_lists),
		T(test_pcp_drained_on_failure),
		T(test_highmem_zones),
		T(test_mobility_stealing),
		T(test_fragmentation_scenario),
		T(test_unusable_index),
		T(test_reports),
		T(test_accounting),
		T(test_fault_injection_and_ratelimit),
		T(test_fault_injection_per_cpu_lists),
		T(test_free_reserved_area),
		T(test_put_page_refcount),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
