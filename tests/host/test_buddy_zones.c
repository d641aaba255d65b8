// SPDX-License-Identifier: MIT
/*
 * Host tests of the buddy allocator, continued (see test_buddy.c): gfp
 * types, watermarks and reclaim hooks, the per-CPU lists, highmem,
 * grouping by mobility and fragmentation, and the reports and counters.
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
#include <linux/mm.h>
#include <linux/preempt.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "buddy_tests.h"
#include "host_log.h"
#include "../kernel/buddy_frag.h"

/* A gfp with both mobility bits names no type: it is served as unmovable. */
void test_gfp_without_type(void **state)
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

void test_watermarks(void **state)
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

/*
 * Only a request that may block runs the reclaim hooks, as only those run
 * Linux's shrinkers (__GFP_DIRECT_RECLAIM): GFP_ATOMIC and GFP_NOWAIT fail
 * at their watermark without emptying anybody's caches.
 */
void test_reclaim_only_when_blocking(void **state)
{
	struct harness_cfg cfg;
	unsigned long *held, n = 0, min;
	struct page *page;
	struct zone *z;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	cfg.pcp_high = 0;
	boot(&cfg);
	z = zone(ZONE_NORMAL);
	min = min_wmark_pages(z);
	held = calloc(8192, sizeof(*held));
	assert_int_equal(page_alloc_register_reclaim(reclaim_hook), 0);
	stash_n = 0;
	hook_calls = 0;
	while ((page = alloc_page(GFP_ATOMIC | __GFP_NOWARN)))
		held[n++] = (unsigned long)page_address(page);
	assert_int_equal(z->free_pages, min - min / 2);
	assert_null(alloc_page(GFP_NOWAIT | __GFP_NOWARN));
	assert_null(alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2));
	assert_int_equal(hook_calls, 0);
	/* A blocking request that fails does run them. */
	assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(hook_calls, 1);
	while (n)
		free_page(held[--n]);
	assert_int_equal(buddy_check(), 0);
	free(held);
}

static struct page *volatile irq_result;

/* An allocation "in an interrupt handler"; the store keeps the call a call. */
static noinline struct page *alloc_in_irq(gfp_t gfp,
					  unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	irq_result = page;
	return page;
}

/* The address the warning names as the caller, or 0. */
static unsigned long warned_caller(void)
{
	const char *at = strstr(host_log(), "from interrupt context, caller ");

	return at ? strtoul(at + strlen("from interrupt context, caller "), NULL, 0) : 0;
}

/*
 * A request that may block, made from an interrupt handler, is warned about
 * once with its caller (Linux's might_alloc); the request itself goes on.
 * GFP_ATOMIC there is fine. Checked whenever a request leaves the per-CPU
 * list, and on every request with page_alloc_debug.
 */
void test_blocking_alloc_in_irq_warns(void **state)
{
	unsigned long fn = (unsigned long)alloc_in_irq, caller;
	struct page *p[4];
	struct harness_cfg cfg;

	(void)state;
	harness_cfg_simple(&cfg, 16, 0);
	cfg.pcp_high = 0;	/* every order-0 request leaves the per-CPU list */
	boot(&cfg);
	host_log_reset();
	hardirq_nesting = 1;
	p[0] = alloc_in_irq(GFP_ATOMIC, 0);
	p[1] = alloc_in_irq(GFP_ATOMIC, 2);
	assert_non_null(p[0]);
	assert_non_null(p[1]);
	assert_int_equal(host_log_errors(), 0);
	p[2] = alloc_in_irq(GFP_KERNEL, 0);
	assert_non_null(p[2]);
	assert_int_equal(host_log_errors(), 1);
	caller = warned_caller();
	assert_true(caller > fn && caller < fn + 256);
	p[3] = alloc_in_irq(GFP_KERNEL, 1);	/* once */
	assert_non_null(p[3]);
	assert_int_equal(host_log_errors(), 1);
	hardirq_nesting = 0;
	__free_page(p[0]);
	__free_pages(p[1], 2);
	__free_page(p[2]);
	__free_pages(p[3], 1);
	assert_int_equal(buddy_check(), 0);

	/* page_alloc_debug: even a request the per-CPU list could serve. */
	harness_cfg_simple(&cfg, 16, 0);
	cfg.debug = true;
	boot(&cfg);
	__free_page(alloc_page(GFP_KERNEL));
	assert_false(list_empty(&zone(ZONE_NORMAL)->pcp[0].lists[MIGRATE_UNMOVABLE]));
	host_log_reset();
	hardirq_nesting = 1;
	p[0] = alloc_in_irq(GFP_KERNEL, 0);
	hardirq_nesting = 0;
	assert_non_null(p[0]);
	assert_int_equal(host_log_errors(), 1);
	caller = warned_caller();
	assert_true(caller > fn && caller < fn + 256);
	__free_page(p[0]);
	assert_int_equal(buddy_check(), 0);
}

void test_pcp_lists(void **state)
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
void test_pcp_drained_on_failure(void **state)
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

void test_highmem_zones(void **state)
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

void test_mobility_stealing(void **state)
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

void test_fragmentation_scenario(void **state)
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

void test_unusable_index(void **state)
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

void test_reports(void **state)
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

void test_accounting(void **state)
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
