// SPDX-License-Identifier: MIT
/*
 * Host tests of the buddy allocator (mm/page_alloc*.c, mm/page_report.c)
 * booted through the real memblock on a host arena (buddy_harness.c).
 * Every test ends with buddy_check(); the random ones run it after every
 * step.
 *
 * This file: splitting and merging, exhaustion, random sequences and the
 * allocation API, and main() with every case (see buddy_tests.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/prng.h>
#include <asm/smp.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "buddy_tests.h"
#include "host_log.h"

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
		T(test_detect_owner_state_at_free),
		T(test_free_reserved_page_checks),
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
		T(test_reclaim_only_when_blocking),
		T(test_blocking_alloc_in_irq_warns),
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
