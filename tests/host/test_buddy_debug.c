// SPDX-License-Identifier: MIT
/*
 * Host tests of the buddy allocator, continued (see test_buddy.c): what
 * page_alloc_debug catches (double, wrong-order and bad frees, poison,
 * bad tails), corruption that buddy_check() must find, and fault
 * injection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/gfp.h>
#include <linux/mm.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "buddy_tests.h"
#include "host_log.h"

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

void test_detect_double_free(void **state)
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

void test_detect_wrong_order(void **state)
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

void test_detect_reserved_and_slab(void **state)
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

/*
 * Owner state that Linux refuses at free (PAGE_FLAGS_CHECK_AT_FREE:
 * PG_private, PG_active, ...) is a bad free on the fast path and the
 * checked one alike; the owner bits Linux clears at free (PG_dirty,
 * PG_referenced, PG_uptodate, PG_swapbacked) are cleared without a report.
 */
void test_detect_owner_state_at_free(void **state)
{
	const unsigned long cleared = PAGE_FLAG(PG_dirty) | PAGE_FLAG(PG_referenced) |
				      PAGE_FLAG(PG_uptodate) | PAGE_FLAG(PG_swapbacked);
	struct harness_cfg cfg;
	struct page *page;
	unsigned long bad = 0;
	int debug;

	(void)state;
	for (debug = 0; debug < 2; debug++) {
		harness_cfg_simple(&cfg, 16, 0);
		cfg.debug = debug;
		boot(&cfg);
		host_log_reset();
		bad = 0;

		page = alloc_page(GFP_KERNEL);
		SetPagePrivate(page);
		__free_page(page);
		expect_bad(bad++, "PG_private", (void *)test_detect_owner_state_at_free);
		assert_int_equal(page_ref_count(page), 1);
		ClearPagePrivate(page);
		SetPageActive(page);
		__free_page(page);
		expect_bad(bad++, "owner state", (void *)test_detect_owner_state_at_free);
		ClearPageActive(page);
		SetPageDirty(page);
		SetPageReferenced(page);
		SetPageUptodate(page);
		SetPageSwapBacked(page);
		__free_page(page);
		assert_int_equal(page_alloc_bad_frees, bad);
		assert_true(PagePcp(page));
		assert_int_equal(page->flags & cleared, 0);

		page = alloc_pages(GFP_KERNEL, 2);
		SetPagePrivate(page);
		__free_pages(page, 2);
		expect_bad(bad++, "PG_private", (void *)test_detect_owner_state_at_free);
		ClearPagePrivate(page);
		SetPageDirty(page);
		__free_pages(page, 2);
		assert_int_equal(page_alloc_bad_frees, bad);
		assert_int_equal(host_log_errors(), 0);
		assert_int_equal(buddy_check(), 0);
	}
}

/*
 * free_reserved_page() takes only reserved frames of RAM: a frame of the
 * hole between two RAM banks is reserved in mem_map but has no memory.
 */
void test_free_reserved_page_checks(void **state)
{
	struct harness_cfg cfg;
	struct page *page, *hole;
	unsigned long managed;

	(void)state;
	harness_cfg_simple(&cfg, 24, 0);
	cfg.ram[0].size = 8 * MIB;
	cfg.ram[1] = (struct harness_range){ RAM + 16 * MIB, 8 * MIB, NULL };
	cfg.nr_ram = 2;
	cfg.reserved[0] = (struct harness_range){ RAM + 4 * MIB, PAGE_SIZE, "initrd" };
	cfg.nr_reserved = 1;
	boot(&cfg);
	host_log_reset();
	managed = zone(ZONE_NORMAL)->managed_pages;
	assert_int_equal(zone(ZONE_NORMAL)->present_pages,
			 zone(ZONE_NORMAL)->spanned_pages - PFN(8 * MIB));

	hole = pfn_to_page(PFN(RAM + 8 * MIB) + 5);
	assert_true(PageReserved(hole));
	free_reserved_page(hole);
	expect_bad(0, "not RAM", (void *)test_free_reserved_page_checks);
	assert_true(PageReserved(hole));
	assert_int_equal(zone(ZONE_NORMAL)->managed_pages, managed);

	page = alloc_page(GFP_KERNEL);
	free_reserved_page(page);
	expect_bad(1, "not a reserved frame", (void *)test_free_reserved_page_checks);
	__free_page(page);

	page = pfn_to_page(PFN(RAM + 4 * MIB));
	assert_true(PageReserved(page));
	free_reserved_page(page);
	assert_int_equal(page_alloc_bad_frees, 2);
	assert_int_equal(zone(ZONE_NORMAL)->managed_pages, managed + 1);
	assert_int_equal(buddy_check(), 0);
}

void test_detect_not_a_frame(void **state)
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

void test_detect_poison(void **state)
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

void test_detect_poison_highmem(void **state)
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

void test_detect_bad_tail(void **state)
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
void test_check_catches_corruption(void **state)
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
void test_check_catches_pcp_corruption(void **state)
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
void test_free_frames_unmapped(void **state)
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

void test_fault_injection_and_ratelimit(void **state)
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
void test_fault_injection_per_cpu_lists(void **state)
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
