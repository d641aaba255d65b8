/* SPDX-License-Identifier: MIT */
/*
 * What the slab allocator's host tests share. They are one cmocka binary
 * (cases named host:slab:<case>): test_slab.c has main() and the case list
 * with the cache cases (creation, constructors, geometry, per-CPU arrays,
 * reclaim), test_slab_kmalloc.c kmalloc, bad frees and the random
 * operations, test_slab_debug.c live-object reports, slab_debug's planted
 * bugs, interrupts, fault injection, the reports and slab_check().
 */
#ifndef _SLAB_TESTS_H
#define _SLAB_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/mm.h>
#include <linux/slab.h>

#include "../../mm/slab.h"
#include "host_log.h"
#include "slab_harness.h"

#define DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static inline void boot_cfg(const struct slab_harness_cfg *cfg)
{
	assert_int_equal(slab_harness_boot(cfg), 0);
	assert_int_equal(slab_check(), 0);
	host_log_reset();
}

static inline void boot(void)
{
	struct slab_harness_cfg cfg = { 0 };

	boot_cfg(&cfg);
}

static inline void check(void)
{
	assert_int_equal(slab_check(), 0);
}

static inline struct slab_cache_info info_of(struct kmem_cache *c)
{
	struct slab_cache_info i;

	kmem_cache_get_info(c, &i);
	return i;
}

static inline struct slab *slab_of(const void *obj)
{
	return virt_to_page(obj)->freelist;
}

static inline struct slab_stats stats(void)
{
	struct slab_stats st;

	slab_get_stats(&st);
	return st;
}

/* Objects of the constructor tests: test_slab.c counts the calls. */
#define CTOR_MAGIC	0xc0ffee11u

struct ctor_obj {
	unsigned int magic;
	unsigned int uses;
	char pad[56];
};

void obj_ctor(void *p);
void obj_dtor(void *p);

/* test_slab_kmalloc.c */
void test_kmalloc_classes(void **state);
void test_kmalloc_zero_null(void **state);
void test_krealloc(void **state);
void test_kmalloc_large(void **state);
void test_bad_frees_reported(void **state);
void test_bad_pointer_caught_on_flush(void **state);
void test_double_free_live_slab(void **state);
void test_double_free_both_in_array(void **state);
void test_double_free_after_slab_released(void **state);
void test_double_free_after_slab_reused(void **state);
void test_random_ops(void **state);

/* test_slab_debug.c */
void test_destroy_reports_live_objects(void **state);
void test_debug_clobber_redzone_left(void **state);
void test_debug_clobber_redzone_right(void **state);
void test_debug_clobber_redzone_free(void **state);
void test_debug_write_after_free_first_word(void **state);
void test_debug_write_after_free_byte50(void **state);
void test_debug_kmalloc_redzone(void **state);
void test_debug_double_free(void **state);
void test_debug_interior_pointer(void **state);
void test_debug_tracks_callers(void **state);
void test_debug_destroy_with_leak(void **state);
void test_debug_caches_list(void **state);
void test_irqs_off_atomic(void **state);
void test_failslab_no_leaks(void **state);
void test_reports(void **state);
void test_check_catches_corruption(void **state);

#endif /* _SLAB_TESTS_H */
