// SPDX-License-Identifier: MIT
/*
 * Host tests of the slab allocator (mm/slab*.c, mm/kmalloc.c) on the real
 * buddy allocator booted on a host arena (slab_harness.c). Each test boots
 * afresh and ends with slab_check(); the random ones run it after every
 * step. The debug cases plant the bugs of Linux's SLUB KUnit tests.
 *
 * This file: caches (creation, constructors, geometry, per-CPU arrays,
 * reclaim), and main() with every case (see slab_tests.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "../../mm/slab.h"
#include "host_log.h"
#include "slab_harness.h"
#include "slab_tests.h"

static int setup(void **state)
{
	(void)state;
	host_log_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	slab_harness_teardown();
	return 0;
}

/* ---- boot and cache creation ------------------------------------------------ */

static void test_boot_general_caches(void **state)
{
	static const unsigned int sizes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512,
		1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072 };
	unsigned int i;

	(void)state;
	boot();
	assert_non_null(kmem_cache_find("kmem_cache"));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char name[32];
		struct kmem_cache *c;

		snprintf(name, sizeof(name), "kmalloc-%u", sizes[i]);
		c = kmem_cache_find(name);
		assert_non_null(c);
		assert_ptr_equal(c, kmalloc_caches[kmalloc_index(sizes[i])]);
		assert_int_equal(kmem_cache_size(c), sizes[i]);
		assert_true(info_of(c).limit > 0);
		/* the general caches are permanent */
		assert_int_equal(kmem_cache_destroy(c), -EPERM);
	}
	check();
}

static void test_create_rejects_nonsense(void **state)
{
	struct kmem_cache *c;

	(void)state;
	boot();
	c = kmem_cache_create("objs", 40, 0, 0, NULL, NULL);
	assert_non_null(c);
	assert_null(kmem_cache_create("objs", 40, 0, 0, NULL, NULL));
	assert_true(host_log_contains("kmem_cache_create(objs) failed with error -17"));
	assert_null(kmem_cache_create("kmalloc-64", 64, 0, 0, NULL, NULL));
	host_log_reset();
	assert_null(kmem_cache_create("zero", 0, 0, 0, NULL, NULL));
	assert_true(host_log_contains("kmem_cache_create(zero) failed with error -22"));
	assert_null(kmem_cache_create("huge", KMALLOC_MAX_CACHE_SIZE + 1, 0, 0, NULL, NULL));
	assert_null(kmem_cache_create("align3", 40, 3, 0, NULL, NULL));
	assert_null(kmem_cache_create("alignbig", 40, 2 * PAGE_SIZE, 0, NULL, NULL));
	assert_null(kmem_cache_create("has space", 40, 0, 0, NULL, NULL));
	assert_null(kmem_cache_create("", 40, 0, 0, NULL, NULL));
	assert_null(kmem_cache_create(NULL, 40, 0, 0, NULL, NULL));
	assert_null(kmem_cache_create("a-name-that-is-far-too-long-for-it", 40, 0, 0,
				      NULL, NULL));
	assert_null(kmem_cache_create("badflags", 40, 0, 0x1, NULL, NULL));
	assert_int_equal(host_log_errors(), 0);	/* warnings, not errors */
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_null(kmem_cache_find("objs"));
	/* the name is free again */
	c = kmem_cache_create("objs", 40, 0, 0, NULL, NULL);
	assert_non_null(c);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_alignment(void **state)
{
	struct kmem_cache *a, *h;
	void *p, *q;

	(void)state;
	boot();
	a = kmem_cache_create("align256", 40, 256, 0, NULL, NULL);
	h = kmem_cache_create("hwalign", 100, 0, SLAB_HWCACHE_ALIGN, NULL, NULL);
	assert_non_null(a);
	assert_non_null(h);
	p = kmem_cache_alloc(a, GFP_KERNEL);
	q = kmem_cache_alloc(h, GFP_KERNEL);
	assert_int_equal((unsigned long)p % 256, 0);
	assert_int_equal((unsigned long)q % L1_CACHE_BYTES, 0);
	assert_int_equal(info_of(a).size, 256);
	kmem_cache_free(a, p);
	kmem_cache_free(h, q);
	check();
	assert_int_equal(kmem_cache_destroy(a), 0);
	assert_int_equal(kmem_cache_destroy(h), 0);
	check();
}

/* ---- constructors and destructors ------------------------------------------- */

static unsigned int ctor_calls, dtor_calls;

void obj_ctor(void *p)
{
	struct ctor_obj *o = p;

	ctor_calls++;
	o->magic = CTOR_MAGIC;
	o->uses = 0;
}

void obj_dtor(void *p)
{
	struct ctor_obj *o = p;

	assert_int_equal(o->magic, CTOR_MAGIC);	/* still constructed */
	dtor_calls++;
}

static void test_ctor_once_per_object(void **state)
{
	struct kmem_cache *c;
	struct ctor_obj *o, *objs[64];
	unsigned int num, i, round;

	(void)state;
	boot();
	ctor_calls = dtor_calls = 0;
	c = kmem_cache_create("ctor-obj", sizeof(struct ctor_obj), 0, 0, obj_ctor,
			      obj_dtor);
	assert_non_null(c);
	assert_int_equal(ctor_calls, 0);	/* no slab yet */
	num = info_of(c).objperslab;
	o = kmem_cache_alloc(c, GFP_KERNEL);
	assert_non_null(o);
	assert_int_equal(ctor_calls, num);	/* one slab, every object */
	assert_int_equal(o->magic, CTOR_MAGIC);
	o->uses++;
	kmem_cache_free(c, o);
	/* freed and reallocated objects are not constructed again */
	for (round = 0; round < 50; round++) {
		for (i = 0; i < 16; i++) {
			objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
			assert_int_equal(objs[i]->magic, CTOR_MAGIC);
		}
		for (i = 0; i < 16; i++)
			kmem_cache_free(c, objs[i]);
		check();
	}
	assert_int_equal(ctor_calls, num);
	assert_int_equal(dtor_calls, 0);
	/* the destructor runs as the slab goes back, on each object */
	assert_int_equal(kmem_cache_shrink(c), 1UL << info_of(c).order);
	assert_int_equal(dtor_calls, num);
	assert_int_equal(info_of(c).num_objs, 0);
	/* a new slab: constructed again */
	o = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, 2 * num);
	assert_int_equal(o->uses, 0);
	kmem_cache_free(c, o);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_int_equal(dtor_calls, 2 * num);
	check();
}

static void test_ctor_many_slabs(void **state)
{
	struct kmem_cache *c;
	void **objs;
	unsigned int num, n, i;

	(void)state;
	boot();
	ctor_calls = dtor_calls = 0;
	c = kmem_cache_create("ctor-many", sizeof(struct ctor_obj), 0, 0, obj_ctor,
			      obj_dtor);
	num = info_of(c).objperslab;
	n = 5 * num;
	objs = calloc(n, sizeof(*objs));
	for (i = 0; i < n; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(c, GFP_KERNEL));
	assert_int_equal(ctor_calls, info_of(c).num_objs);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_int_equal(dtor_calls, ctor_calls);
	check();
}

/* ---- slab geometry ---------------------------------------------------------- */

static void test_waste_under_an_eighth(void **state)
{
	static const size_t sizes[] = { 8, 24, 40, 100, 200, 333, 500, 700, 1000, 1500,
					3000, 5000, 10000, 70000, 131072 };
	unsigned int i;

	(void)state;
	boot();
	for (i = 0; i < KMALLOC_NR_CACHES; i++) {
		struct kmem_cache *c = kmalloc_caches[i];
		struct slab_cache_info in;
		unsigned long bytes, used;

		if (!c)
			continue;
		in = info_of(c);
		bytes = PAGE_SIZE << in.order;
		used = (unsigned long)in.objperslab * in.size +
		       ((in.flags & CFLGS_OFF_SLAB) ? 0 : c->mgmt_size);
		assert_true((bytes - used) * 8 < bytes);
		/* off-slab from PAGE_SIZE/8 up, on-slab below */
		assert_int_equal(!!(in.flags & CFLGS_OFF_SLAB), in.size >= PAGE_SIZE / 8);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char name[32];
		struct kmem_cache *c;
		struct slab_cache_info in;
		unsigned long bytes, used;

		snprintf(name, sizeof(name), "waste-%zu", sizes[i]);
		c = kmem_cache_create(name, sizes[i], 0, 0, NULL, NULL);
		assert_non_null(c);
		in = info_of(c);
		bytes = PAGE_SIZE << in.order;
		used = (unsigned long)in.objperslab * in.size +
		       ((in.flags & CFLGS_OFF_SLAB) ? 0 : c->mgmt_size);
		assert_true((bytes - used) * 8 < bytes);
		/* and no smaller order would have done */
		if (in.order) {
			unsigned long small = PAGE_SIZE << (in.order - 1);
			unsigned long n = small / in.size;

			assert_true(n == 0 || (small - n * in.size) * 8 >= small);
		}
		assert_int_equal(kmem_cache_destroy(c), 0);
	}
	check();
}

static void test_colour_cycles(void **state)
{
	struct kmem_cache *c;
	struct slab_cache_info in;
	unsigned int i, s, nslabs;
	void **objs;

	(void)state;
	boot();
	/* 200-byte objects, on-slab: 19 a page with 232 bytes left, 3 colours */
	/* the first object size from 100 up whose slabs have 3 or more colours */
	for (i = 100;; i += 4) {
		c = kmem_cache_create("colours", i, 0, 0, NULL, NULL);
		if (info_of(c).colour >= 3 && !(info_of(c).flags & CFLGS_OFF_SLAB))
			break;
		assert_int_equal(kmem_cache_destroy(c), 0);
		assert_true(i < PAGE_SIZE / 8);
	}
	assert_int_equal(kmem_cache_set_tunables(c, 0, 0), 0);	/* one by one */
	in = info_of(c);
	assert_int_equal(in.colour_off, L1_CACHE_BYTES);
	nslabs = 2 * in.colour + 1;
	objs = calloc((size_t)nslabs * in.objperslab, sizeof(*objs));
	for (s = 0; s < nslabs; s++) {
		struct slab *sl;

		for (i = 0; i < in.objperslab; i++)
			objs[s * in.objperslab + i] = kmem_cache_alloc(c, GFP_KERNEL);
		sl = slab_of(objs[s * in.objperslab]);
		/* every object of this batch is in the same, full slab */
		assert_ptr_equal(slab_of(objs[s * in.objperslab + in.objperslab - 1]), sl);
		assert_int_equal(sl->colouroff - c->mgmt_size, (s % in.colour) * in.colour_off);
		assert_ptr_equal(objs[s * in.objperslab],
				 (char *)page_address(virt_to_page(objs[s * in.objperslab])) +
				 (s % in.colour) * in.colour_off + c->mgmt_size);
		check();
	}
	for (i = 0; i < nslabs * in.objperslab; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_list_transitions(void **state)
{
	struct kmem_cache *c;
	struct slab_cache_info in;
	void *objs[128];
	unsigned int i, num;

	(void)state;
	boot();
	c = kmem_cache_create("lists", 256, 0, 0, NULL, NULL);
	assert_int_equal(kmem_cache_set_tunables(c, 0, 0), 0);
	num = info_of(c).objperslab;
	assert_true(num > 2 && num < 128);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	in = info_of(c);
	assert_int_equal(in.slabs[SLAB_LIST_PARTIAL], 1);
	assert_int_equal(in.slabs[SLAB_LIST_FULL] + in.slabs[SLAB_LIST_FREE], 0);
	for (i = 1; i < num; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	in = info_of(c);
	assert_int_equal(in.slabs[SLAB_LIST_FULL], 1);
	assert_int_equal(in.slabs[SLAB_LIST_PARTIAL], 0);
	assert_int_equal(in.active_objs, num);
	check();
	objs[num] = kmem_cache_alloc(c, GFP_KERNEL);	/* a second slab */
	in = info_of(c);
	assert_int_equal(in.slabs[SLAB_LIST_FULL], 1);
	assert_int_equal(in.slabs[SLAB_LIST_PARTIAL], 1);
	kmem_cache_free(c, objs[num]);			/* partial -> free */
	in = info_of(c);
	assert_int_equal(in.slabs[SLAB_LIST_FREE], 1);
	assert_int_equal(in.slabs[SLAB_LIST_FULL], 1);
	check();
	kmem_cache_free(c, objs[3]);			/* full -> partial */
	in = info_of(c);
	assert_int_equal(in.slabs[SLAB_LIST_PARTIAL], 1);
	assert_int_equal(in.slabs[SLAB_LIST_FULL], 0);
	/* more than free_limit (num, no arrays) free objects: the free slab goes */
	assert_int_equal(in.slabs[SLAB_LIST_FREE], 0);
	assert_int_equal(in.num_objs, num);
	check();
	for (i = 0; i < num; i++)
		if (i != 3)
			kmem_cache_free(c, objs[i]);
	in = info_of(c);
	assert_int_equal(in.slabs[SLAB_LIST_FREE], 1);
	assert_int_equal(in.slabs[SLAB_LIST_PARTIAL], 0);
	assert_int_equal(in.active_objs, 0);
	assert_int_equal(kmem_cache_shrink(c), 1);
	assert_int_equal(info_of(c).num_objs, 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

/* ---- per-CPU arrays ----------------------------------------------------------- */

static void test_array_refill_and_flush(void **state)
{
	struct kmem_cache *c;
	struct slab_cache_info in;
	void *objs[8];
	unsigned int i;

	(void)state;
	boot();
	c = kmem_cache_create("batches", 64, 0, 0, NULL, NULL);
	assert_int_equal(kmem_cache_set_tunables(c, 4, 2), 0);
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);	/* refill: 2 taken, 1 left */
	in = info_of(c);
	assert_int_equal(in.active_objs, 2);
	assert_int_equal(in.in_arrays, 1);
	objs[1] = kmem_cache_alloc(c, GFP_KERNEL);	/* from the array */
	assert_int_equal(info_of(c).active_objs, 2);
	assert_int_equal(info_of(c).in_arrays, 0);
	objs[2] = kmem_cache_alloc(c, GFP_KERNEL);	/* refill again */
	assert_int_equal(info_of(c).active_objs, 4);
	for (i = 3; i < 7; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	check();
	/* 7 handed out, 8 taken from the slabs: one waits in the array */
	assert_int_equal(info_of(c).in_arrays, 1);
	assert_int_equal(info_of(c).active_objs, 8);
	/* the newest free comes back first (LIFO) */
	kmem_cache_free(c, objs[6]);
	assert_ptr_equal(kmem_cache_alloc(c, GFP_KERNEL), objs[6]);
	for (i = 0; i < 3; i++)
		kmem_cache_free(c, objs[i]);
	in = info_of(c);
	assert_int_equal(in.in_arrays, 4);	/* full, nothing flushed yet */
	assert_int_equal(in.active_objs, 8);
	kmem_cache_free(c, objs[3]);		/* full: the 2 oldest go back first */
	in = info_of(c);
	assert_int_equal(in.in_arrays, 3);
	assert_int_equal(in.active_objs, 6);
	check();
	kmem_cache_free(c, objs[4]);
	kmem_cache_free(c, objs[5]);		/* full again: 2 more go back */
	assert_int_equal(info_of(c).in_arrays, 3);
	assert_int_equal(info_of(c).active_objs, 4);
	kmem_cache_free(c, objs[6]);
	assert_int_equal(info_of(c).in_arrays, 4);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_arrays_per_cpu(void **state)
{
	struct kmem_cache *c;
	void *a, *b;

	(void)state;
	boot();
	c = kmem_cache_create("percpu", 32, 0, 0, NULL, NULL);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	host_cpu = 1;
	b = kmem_cache_alloc(c, GFP_KERNEL);	/* CPU 1 refills its own array */
	assert_ptr_not_equal(a, b);
	kmem_cache_free(c, a);			/* freed on CPU 1: CPU 1's array */
	assert_ptr_equal(kmem_cache_alloc(c, GFP_KERNEL), a);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	host_cpu = 0;
	check();
	/* CPU 0 never sees CPU 1's cached objects */
	assert_ptr_not_equal(kmem_cache_alloc(c, GFP_KERNEL), a);
	slab_drain_cpu(c, 0);
	slab_drain_cpu(c, 1);
	assert_int_equal(info_of(c).in_arrays, 0);
	/* destroy drains every CPU and finds the object CPU 0 still holds */
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	assert_true(host_log_contains("in use"));
	check();
}

static void test_set_tunables(void **state)
{
	struct kmem_cache *c;
	void *p;

	(void)state;
	boot();
	c = kmem_cache_create("tunables", 48, 0, 0, NULL, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(kmem_cache_set_tunables(c, 4, 5), -EINVAL);
	assert_int_equal(kmem_cache_set_tunables(c, 4, 0), -EINVAL);
	assert_int_equal(kmem_cache_set_tunables(c, 5000, 10), -EINVAL);
	assert_int_equal(kmem_cache_set_tunables(NULL, 4, 2), -EINVAL);
	assert_int_equal(kmem_cache_set_tunables(c, 16, 8), 0);
	assert_int_equal(info_of(c).limit, 16);
	assert_int_equal(info_of(c).in_arrays, 0);	/* drained on the change */
	kmem_cache_free(c, p);
	assert_int_equal(info_of(c).in_arrays, 1);
	check();
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

/* ---- reclaim ---------------------------------------------------------------- */

static void test_reaper_on_tick(void **state)
{
	struct kmem_cache *c;
	void *objs[400];
	unsigned int i, n = 400, ticks = 0;
	unsigned long before;

	(void)state;
	boot();
	before = slab_harness_free_pages();
	c = kmem_cache_create("reaped", 256, 0, 0, NULL, NULL);
	for (i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	assert_true(info_of(c).slabs[SLAB_LIST_FREE] > 0 || info_of(c).in_arrays > 0);
	/* the reaper is delayed work, queued by its timer every SLAB_REAP_PERIOD_MS */
	while (info_of(c).num_objs && ticks < 100 * tick_hz) {
		slab_harness_tick(1);
		ticks++;
		check();
	}
	assert_int_equal(info_of(c).num_objs, 0);
	assert_true(ticks >= SLAB_REAP_PERIOD_MS * tick_hz / 1000);
	assert_int_equal(info_of(c).in_arrays, 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	kmem_cache_shrink_all();
	assert_int_equal(slab_harness_free_pages(), before);
	check();
}

static void test_reclaim_hook(void **state)
{
	struct kmem_cache *c;
	void **objs;
	struct page *p, *pages = NULL;
	unsigned int i, n = 2000;
	unsigned long got = 0;

	(void)state;
	boot();
	c = kmem_cache_create("reclaimable", 1024, 0, SLAB_RECLAIM_ACCOUNT, NULL, NULL);
	objs = calloc(n, sizeof(*objs));
	for (i = 0; i < n; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	assert_true(info_of(c).num_objs > 0);
	/* direct call */
	assert_true(slab_reclaim(1, GFP_KERNEL) > 0);
	check();
	/* through the buddy allocator: exhaust memory; the hook gives slabs back */
	for (i = 0; i < 300; i++)
		kfree(kmalloc(1024, GFP_KERNEL));
	assert_true(info_of(kmalloc_caches[10]).num_objs > 0 ||
		    info_of(kmalloc_caches[10]).in_arrays > 0);
	while ((p = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		p->lru.next = (void *)pages;
		pages = p;
		got++;
	}
	assert_int_equal(info_of(kmalloc_caches[10]).slabs[SLAB_LIST_FREE], 0);
	assert_int_equal(info_of(c).num_objs, 0);
	while (pages) {
		p = pages;
		pages = (void *)p->lru.next;
		__free_page(p);
	}
	assert_true(got > 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_boot_general_caches),
		T(test_create_rejects_nonsense),
		T(test_alignment),
		T(test_ctor_once_per_object),
		T(test_ctor_many_slabs),
		T(test_waste_under_an_eighth),
		T(test_colour_cycles),
		T(test_list_transitions),
		T(test_array_refill_and_flush),
		T(test_arrays_per_cpu),
		T(test_set_tunables),
		T(test_kmalloc_classes),
		T(test_kmalloc_zero_null),
		T(test_krealloc),
		T(test_kmalloc_large),
		T(test_bad_frees_reported),
		T(test_bad_pointer_caught_on_flush),
		T(test_double_free_live_slab),
		T(test_double_free_both_in_array),
		T(test_double_free_after_slab_released),
		T(test_double_free_after_slab_reused),
		T(test_destroy_reports_live_objects),
		T(test_debug_clobber_redzone_left),
		T(test_debug_clobber_redzone_right),
		T(test_debug_clobber_redzone_free),
		T(test_debug_write_after_free_first_word),
		T(test_debug_write_after_free_byte50),
		T(test_debug_kmalloc_redzone),
		T(test_debug_double_free),
		T(test_debug_interior_pointer),
		T(test_debug_tracks_callers),
		T(test_debug_destroy_with_leak),
		T(test_debug_caches_list),
		T(test_reaper_on_tick),
		T(test_reclaim_hook),
		T(test_irqs_off_atomic),
		T(test_failslab_no_leaks),
		T(test_reports),
		T(test_check_catches_corruption),
		T(test_random_ops),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
