/* SPDX-License-Identifier: MIT */
/*
 * What the buddy allocator's host tests share. They are one cmocka binary
 * (cases named host:buddy:<case>): test_buddy.c has main() and the case
 * list with the buddy system and allocation API cases, test_buddy_debug.c
 * the detection of misuse and corruption, test_buddy_zones.c zones,
 * watermarks, per-CPU lists, mobility and the reports.
 */
#ifndef _BUDDY_TESTS_H
#define _BUDDY_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/mm.h>
#include <linux/mmzone.h>

#include "buddy_harness.h"

#define RAM	HARNESS_RAM_BASE
#define MIB	(1ULL << 20)
#define PFN(pa)	((unsigned long)((pa) >> 12))

static inline void boot(const struct harness_cfg *cfg)
{
	assert_int_equal(harness_boot(cfg), 0);
	assert_int_equal(buddy_check(), 0);
}

static inline struct zone *zone(int idx)
{
	return &contig_page_data.node_zones[idx];
}

/*
 * 8 MiB of lowmem; the upper 4 MiB is held while mem_map is placed, so it
 * comes up as exactly one free order-10 block at pfn 0x80400. No
 * watermarks, no per-CPU caching: the state is the pure buddy system.
 */
static inline void boot_pure(unsigned int high_mib)
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

/* test_buddy_debug.c */
void test_detect_double_free(void **state);
void test_detect_wrong_order(void **state);
void test_detect_reserved_and_slab(void **state);
void test_detect_owner_state_at_free(void **state);
void test_free_reserved_page_checks(void **state);
void test_detect_not_a_frame(void **state);
void test_detect_poison(void **state);
void test_detect_poison_highmem(void **state);
void test_detect_bad_tail(void **state);
void test_check_catches_corruption(void **state);
void test_check_catches_pcp_corruption(void **state);
void test_free_frames_unmapped(void **state);
void test_fault_injection_and_ratelimit(void **state);
void test_fault_injection_per_cpu_lists(void **state);

/* test_buddy_zones.c */
void test_gfp_without_type(void **state);
void test_watermarks(void **state);
void test_reclaim_only_when_blocking(void **state);
void test_blocking_alloc_in_irq_warns(void **state);
void test_pcp_lists(void **state);
void test_pcp_drained_on_failure(void **state);
void test_highmem_zones(void **state);
void test_mobility_stealing(void **state);
void test_fragmentation_scenario(void **state);
void test_unusable_index(void **state);
void test_reports(void **state);
void test_accounting(void **state);

#endif /* _BUDDY_TESTS_H */
