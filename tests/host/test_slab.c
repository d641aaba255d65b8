// SPDX-License-Identifier: MIT
/*
 * Host tests of the slab allocator (mm/slab*.c, mm/kmalloc.c) on the real
 * buddy allocator booted on a host arena (slab_harness.c). Each test boots
 * afresh and ends with slab_check(); the random ones run it after every
 * step. The debug cases plant the bugs of Linux's SLUB KUnit tests.
 */
#include <limits.h>
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
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/prng.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "../../mm/slab.h"
#include "host_log.h"
#include "slab_harness.h"

#define DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

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

static void boot_cfg(const struct slab_harness_cfg *cfg)
{
	assert_int_equal(slab_harness_boot(cfg), 0);
	assert_int_equal(slab_check(), 0);
	host_log_reset();
}

static void boot(void)
{
	struct slab_harness_cfg cfg = { 0 };

	boot_cfg(&cfg);
}

static void check(void)
{
	assert_int_equal(slab_check(), 0);
}

static struct slab_cache_info info_of(struct kmem_cache *c)
{
	struct slab_cache_info i;

	kmem_cache_get_info(c, &i);
	return i;
}

static struct slab *slab_of(const void *obj)
{
	return virt_to_page(obj)->freelist;
}

static struct slab_stats stats(void)
{
	struct slab_stats st;

	slab_get_stats(&st);
	return st;
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

#define CTOR_MAGIC	0xc0ffee11u

struct ctor_obj {
	unsigned int magic;
	unsigned int uses;
	char pad[56];
};

static unsigned int ctor_calls, dtor_calls;

static void obj_ctor(void *p)
{
	struct ctor_obj *o = p;

	ctor_calls++;
	o->magic = CTOR_MAGIC;
	o->uses = 0;
}

static void obj_dtor(void *p)
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

/* ---- kmalloc ----------------------------------------------------------------- */

static size_t expected_class(size_t n)
{
	if (n <= 8)
		return 8;
	if (n > 64 && n <= 96)
		return 96;
	if (n > 128 && n <= 192)
		return 192;
	{
		size_t c = 8;

		while (c < n)
			c <<= 1;
		return c;
	}
}

static void check_class(size_t n)
{
	char name[32];
	void *p = kmalloc(n, GFP_KERNEL);
	struct page *page;

	assert_non_null(p);
	page = virt_to_page(p);
	assert_true(PageSlab(page));
	snprintf(name, sizeof(name), "kmalloc-%zu", expected_class(n));
	assert_string_equal(kmem_cache_name(page->slab_cache), name);
	assert_int_equal(ksize(p), expected_class(n));
	memset(p, 0x5a, n);
	kfree(p);
}

static void test_kmalloc_classes(void **state)
{
	size_t n, c;

	(void)state;
	boot();
	/* every size up to two pages, then each boundary and its neighbours */
	for (n = 1; n <= 2 * PAGE_SIZE; n++)
		check_class(n);
	for (c = 4 * PAGE_SIZE; c <= KMALLOC_MAX_CACHE_SIZE; c <<= 1) {
		check_class(c / 2 + 1);
		check_class(c - 1);
		check_class(c);
	}
	/* constant sizes take the inline path: same classes */
	assert_int_equal(ksize(kmalloc(65, GFP_KERNEL)), 96);
	assert_int_equal(ksize(kmalloc(129, GFP_KERNEL)), 192);
	assert_int_equal(ksize(kmalloc(1, GFP_KERNEL)), 8);
	assert_int_equal(ksize(kmalloc(131072, GFP_KERNEL)), 131072);
	check();
}

static void test_kmalloc_zero_null(void **state)
{
	char *p;
	size_t i;

	(void)state;
	boot();
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	kmem_cache_free(kmalloc_caches[5], NULL);
	assert_int_equal(ksize(NULL), 0);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	assert_int_equal(stats().bad_frees, 0);
	p = kmalloc(100, GFP_KERNEL);
	memset(p, 0xff, 128);
	kfree(p);
	p = kzalloc(100, GFP_KERNEL);	/* likely the same object: zeroed anyway */
	for (i = 0; i < 128; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	p = kcalloc(10, 10, GFP_KERNEL);
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	assert_null(kcalloc(SIZE_MAX / 2, 3, GFP_KERNEL));
	assert_null(kcalloc(3, SIZE_MAX / 2, GFP_KERNEL));
	assert_null(kmalloc_array(SIZE_MAX / 4 + 1, 4, GFP_KERNEL));
	assert_int_equal(host_log_errors(), 0);
	check();
}

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7);
}

static bool verify(const unsigned char *p, size_t n, unsigned int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 131 + i * 7))
			return false;
	return true;
}

static void test_krealloc(void **state)
{
	unsigned char *p, *q;

	(void)state;
	boot();
	p = krealloc(NULL, 20, GFP_KERNEL);	/* NULL: kmalloc */
	assert_non_null(p);
	fill(p, 20, 1);
	q = krealloc(p, 30, GFP_KERNEL);	/* still fits kmalloc-32: in place */
	assert_ptr_equal(q, p);
	assert_true(verify(q, 20, 1));
	fill(q, 30, 2);
	p = krealloc(q, 1000, GFP_KERNEL);	/* grows: moves, contents kept */
	assert_ptr_not_equal(p, q);
	assert_true(verify(p, 30, 2));
	assert_int_equal(ksize(p), 1024);
	fill(p, 1000, 3);
	q = krealloc(p, 300000, GFP_KERNEL);	/* into whole frames */
	assert_non_null(q);
	assert_true(verify(q, 1000, 3));
	assert_int_equal(ksize(q), 512 * 1024);
	fill(q, 300000, 4);
	p = krealloc(q, 100, GFP_KERNEL);	/* shrinks: kept in place */
	assert_ptr_equal(p, q);
	assert_true(verify(p, 100, 4));
	assert_ptr_equal(krealloc(p, 0, GFP_KERNEL), ZERO_SIZE_PTR);	/* frees */
	assert_int_equal(stats().large_allocs, 0);
	/* a failed krealloc leaves the object alone */
	p = kmalloc(64, GFP_KERNEL);
	fill(p, 64, 5);
	assert_null(krealloc(p, KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	assert_true(verify(p, 64, 5));
	kfree(p);
	check();
}

static void test_kmalloc_large(void **state)
{
	unsigned long before;
	unsigned char *p;
	struct page *page;

	(void)state;
	boot();
	before = slab_harness_free_pages();
	p = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal((unsigned long)p % PAGE_SIZE, 0);
	page = virt_to_page(p);
	assert_false(PageSlab(page));
	assert_true(PageHead(page));
	assert_int_equal(page_alloc_order(page), 6);
	assert_int_equal(ksize(p), 64 * PAGE_SIZE);
	assert_int_equal(stats().large_allocs, 1);
	assert_int_equal(slab_harness_free_pages(), before - 64);
	fill(p, KMALLOC_MAX_CACHE_SIZE + 1, 9);
	assert_true(verify(p, KMALLOC_MAX_CACHE_SIZE + 1, 9));
	kfree(p);
	assert_int_equal(stats().large_allocs, 0);
	assert_int_equal(slab_harness_free_pages(), before);
	/* beyond the buddy allocator's largest block */
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	assert_true(host_log_contains("larger than"));
	p = kzalloc(200000, GFP_KERNEL);
	assert_int_equal(p[0] | p[199999], 0);
	kfree(p);
	check();
}

/* ---- bad frees -------------------------------------------------------------- */

static void test_bad_frees_reported(void **state)
{
	struct kmem_cache *c;
	unsigned long on_stack;
	struct page *page;
	char *big, *obj;

	(void)state;
	boot();
	kfree(&on_stack);
	assert_true(host_log_contains("not a linear-map address"));
	page = alloc_page(GFP_KERNEL);
	kfree(page_address(page));
	assert_true(host_log_contains("not allocated by kmalloc"));
	__free_page(page);
	big = kmalloc(300000, GFP_KERNEL);
	kfree(big + PAGE_SIZE);
	kfree(big + 8);
	assert_true(host_log_contains("not the start of a large kmalloc block"));
	kfree(big);
	kfree(big);	/* double free of a large block */
	c = kmem_cache_create("victim", 64, 0, 0, NULL, NULL);
	obj = kmalloc(64, GFP_KERNEL);
	kmem_cache_free(c, obj);	/* wrong cache */
	assert_true(host_log_contains("object of another cache"));
	kfree(obj);
	assert_int_equal(stats().bad_frees, 6);
	assert_int_equal(host_log_errors(), 6);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

/* Without debugging, an interior pointer is caught when its batch is flushed. */
static void test_bad_pointer_caught_on_flush(void **state)
{
	struct kmem_cache *c;
	char *p, *q;

	(void)state;
	boot();
	c = kmem_cache_create("flushcheck", 64, 0, 0, NULL, NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	q = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p + 8);
	kmem_cache_shrink(c);	/* drains the array */
	assert_true(host_log_contains("not the start of an object"));
	assert_int_equal(stats().bad_frees, 1);
	kmem_cache_free(c, p);
	kmem_cache_free(c, q);
	check();
	assert_int_equal(kmem_cache_destroy(c), 0);
}

/* ---- destroy with live objects ---------------------------------------------- */

static noinline void *leak_one(struct kmem_cache *c)
{
	return kmem_cache_alloc(c, GFP_KERNEL);
}

static void test_destroy_reports_live_objects(void **state)
{
	struct kmem_cache *c, *t;
	void *a, *b, *d;
	char line[64];

	(void)state;
	boot();
	c = kmem_cache_create("leaky", 40, 0, 0, NULL, NULL);
	a = leak_one(c);
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	assert_true(host_log_contains("Slab cache still has objects: 1 in use"));
	snprintf(line, sizeof(line), "object %#lx in use", (unsigned long)a);
	assert_true(host_log_contains(line));
	assert_true(host_log_contains("caller not recorded"));
	/* the cache stays usable */
	kmem_cache_free(c, a);
	check();
	assert_int_equal(kmem_cache_destroy(c), 0);

	/* with caller tracking: each object with who allocated it */
	host_log_reset();
	t = kmem_cache_create("tracked", 40, 0, SLAB_STORE_USER, NULL, NULL);
	a = leak_one(t);
	b = leak_one(t);
	d = kmem_cache_alloc(t, GFP_KERNEL);
	kmem_cache_free(t, d);
	assert_int_equal(kmem_cache_destroy(t), -EBUSY);
	assert_true(host_log_contains("Slab cache still has objects: 2 in use"));
	snprintf(line, sizeof(line), "object %#lx in use, 40 bytes, allocated by 0x",
		 (unsigned long)a);
	assert_true(host_log_contains(line));
	snprintf(line, sizeof(line), "object %#lx in use", (unsigned long)b);
	assert_true(host_log_contains(line));
	snprintf(line, sizeof(line), "object %#lx in use", (unsigned long)d);
	assert_false(host_log_contains(line));
	kmem_cache_free(t, a);
	kmem_cache_free(t, b);
	assert_int_equal(kmem_cache_destroy(t), 0);
	check();
}

/* ---- debug: planted bugs (Linux's SLUB KUnit cases) ------------------------- */

static struct kmem_cache *debug_cache(const char *name, size_t size)
{
	struct kmem_cache *c = kmem_cache_create(name, size, 0, DEBUG_FLAGS, NULL, NULL);

	assert_non_null(c);
	assert_true(info_of(c).flags & CFLGS_DEBUG);
	assert_int_equal(info_of(c).limit, 0);	/* no arrays */
	return c;
}

/* One finding reported, the object quarantined, everything else consistent. */
static void expect_finding(const char *what, long offset)
{
	char at[48];

	assert_true(host_log_contains(what));
	if (offset != LONG_MIN) {
		snprintf(at, sizeof(at), "offset %ld (", offset);
		assert_true(host_log_contains(at));
	}
	assert_true(host_log_errors() >= 1);
	check();
}

static void test_debug_clobber_redzone_left(void **state)
{
	struct kmem_cache *c;
	unsigned char *p;

	(void)state;
	boot();
	c = debug_cache("TestRZ_left", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[-1] = 0x12;
	kmem_cache_free(c, p);
	expect_finding("BUG TestRZ_left: Left Redzone overwritten", -1);
	assert_true(host_log_contains("object quarantined"));
	assert_int_equal(info_of(c).quarantined, 1);
	assert_int_equal(stats().debug_errors, 1);
	/* a quarantined object is never handed out again */
	assert_ptr_not_equal(kmem_cache_alloc(c, GFP_KERNEL), p);
	assert_int_equal(slab_objects_in_use() > 0, 1);
}

static void test_debug_clobber_redzone_right(void **state)
{
	struct kmem_cache *c;
	unsigned char *p;
	unsigned long live;

	(void)state;
	boot();
	c = debug_cache("TestRZ_right", 64);
	live = slab_objects_in_use();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[64] = 0x12;
	/* found by validation while allocated (SLUB's test_clobber_zone) ... */
	check();
	expect_finding("Right Redzone overwritten", 64);
	assert_int_equal(stats().debug_errors, 1);
	check();	/* ... once */
	assert_int_equal(stats().debug_errors, 1);
	/* ... and again when freed, which quarantines it */
	kmem_cache_free(c, p);
	assert_int_equal(stats().debug_errors, 2);
	assert_int_equal(info_of(c).quarantined, 1);
	/* quarantined objects are not leaks, and do not block destroy */
	assert_int_equal(slab_objects_in_use(), live);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_true(host_log_contains("releasing 1 quarantined objects"));
	check();
}

static void test_debug_clobber_redzone_free(void **state)
{
	struct kmem_cache *c;
	unsigned char *p;

	(void)state;
	boot();
	c = debug_cache("TestRZ_free", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	p[64] = 0xab;
	check();
	expect_finding("Right Redzone overwritten", 64);
	assert_int_equal(info_of(c).quarantined, 1);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

static void write_after_free(unsigned int offset)
{
	struct kmem_cache *c;
	unsigned char *p, *q;

	boot();
	c = debug_cache("TestPoison", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	p[offset] = 0x12;
	/* the next allocation checks the poison and skips the object */
	q = kmem_cache_alloc(c, GFP_KERNEL);
	assert_non_null(q);
	assert_ptr_not_equal(q, p);
	expect_finding("Poison overwritten (write after free)", offset);
	assert_true(host_log_contains("0x12 instead of 0x6b"));
	assert_int_equal(info_of(c).quarantined, 1);
	kmem_cache_free(c, q);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_debug_write_after_free_first_word(void **state)
{
	(void)state;
	write_after_free(0);
}

static void test_debug_write_after_free_byte50(void **state)
{
	(void)state;
	write_after_free(50);
}

static void test_debug_kmalloc_redzone(void **state)
{
	struct slab_harness_cfg cfg = { .debug_all = true };
	unsigned char *p;
	size_t i;

	(void)state;
	boot_cfg(&cfg);
	assert_true(info_of(kmalloc_caches[5]).flags & CFLGS_DEBUG);
	p = kmalloc(18, GFP_KERNEL);
	assert_int_equal(ksize(p), 32);		/* widens: no finding */
	kfree(p);
	assert_int_equal(stats().debug_errors, 0);
	p = kmalloc(18, GFP_KERNEL);
	for (i = 0; i < 18; i++)
		p[i] = 1;
	p[18] = 0xab;
	p[19] = 0xab;
	kfree(p);
	expect_finding("BUG kmalloc-32: kmalloc Redzone overwritten", 18);
	assert_int_equal(info_of(kmalloc_caches[5]).quarantined, 1);
	/* kzalloc zeroes what was asked for, and the red zone holds */
	p = kzalloc(18, GFP_KERNEL);
	for (i = 0; i < 18; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	assert_int_equal(stats().debug_errors, 1);
	/* krealloc shrinking in place moves the red zone down */
	p = kmalloc(30, GFP_KERNEL);
	p = krealloc(p, 10, GFP_KERNEL);
	p[12] = 0;
	kfree(p);
	assert_int_equal(stats().debug_errors, 2);
	check();
}

static void test_debug_double_free(void **state)
{
	struct kmem_cache *c;
	void *p;

	(void)state;
	boot();
	c = debug_cache("TestDouble", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	expect_finding("Object already free (double free)", LONG_MIN);
	assert_int_equal(info_of(c).quarantined, 1);
	/* and a third time: it is quarantined by now */
	kmem_cache_free(c, p);
	assert_true(host_log_contains("free of a quarantined object"));
	assert_ptr_not_equal(kmem_cache_alloc(c, GFP_KERNEL), p);
	check();
}

static void test_debug_interior_pointer(void **state)
{
	struct kmem_cache *c;
	char *p;

	(void)state;
	boot();
	c = debug_cache("TestInterior", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p + 8);
	assert_true(host_log_contains("not the start of an object (offset 8 into object"));
	assert_int_equal(stats().bad_frees, 1);
	assert_int_equal(info_of(c).quarantined, 0);	/* the object is someone's */
	kmem_cache_free(c, p);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_debug_tracks_callers(void **state)
{
	struct kmem_cache *c;
	struct slab_obj_meta *m;
	unsigned char *p;

	(void)state;
	boot();
	c = debug_cache("TestTrack", 64);
	p = leak_one(c);
	m = slab_meta(c, p - c->obj_offset);
	assert_int_equal(m->state, SLAB_OBJ_ALLOCATED);
	assert_true(m->alloc.caller != 0);
	assert_int_equal(m->free.caller, 0);
	kmem_cache_free(c, p);
	assert_int_equal(m->state, SLAB_OBJ_FREE);
	assert_true(m->free.caller != 0);
	/* free objects are poisoned, last byte 0xa5, red zones inactive */
	assert_int_equal(p[0], POISON_FREE);
	assert_int_equal(p[62], POISON_FREE);
	assert_int_equal(p[63], POISON_END);
	assert_int_equal(p[64], SLAB_RED_INACTIVE);
	assert_int_equal(p[-1], SLAB_RED_INACTIVE);
	check();
}

static void test_debug_destroy_with_leak(void **state)
{
	struct slab_harness_cfg cfg = { .debug_all = true };
	struct kmem_cache *c;
	char line[80];
	void *p;

	(void)state;
	boot_cfg(&cfg);
	c = kmem_cache_create("TestLeak", 64, 0, 0, NULL, NULL);	/* debug by bootarg */
	p = leak_one(c);
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	snprintf(line, sizeof(line), "TestLeak: object %#lx in use, 64 bytes, allocated by",
		 (unsigned long)p);
	assert_true(host_log_contains(line));
	kmem_cache_free(c, p);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_debug_caches_list(void **state)
{
	struct slab_harness_cfg cfg = { .debug_all = true, .debug_caches = "kmalloc-32,only" };
	struct kmem_cache *a, *b;

	(void)state;
	boot_cfg(&cfg);
	assert_true(info_of(kmalloc_caches[5]).flags & CFLGS_DEBUG);
	assert_false(info_of(kmalloc_caches[6]).flags & CFLGS_DEBUG);
	a = kmem_cache_create("only", 40, 0, 0, NULL, NULL);
	b = kmem_cache_create("other", 40, 0, 0, NULL, NULL);
	assert_true(info_of(a).flags & CFLGS_DEBUG);
	assert_false(info_of(b).flags & CFLGS_DEBUG);
	/* a constructor turns poison off (it would undo the construction) */
	assert_int_equal(kmem_cache_destroy(a), 0);
	a = kmem_cache_create("only", 40, 0, 0, obj_ctor, NULL);
	assert_false(info_of(a).flags & SLAB_POISON);
	assert_true(info_of(a).flags & SLAB_RED_ZONE);
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
	/* the reaper runs from the tick, every SLAB_REAP_PERIOD_MS */
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

/* ---- interrupts, fault injection, reports ----------------------------------- */

static void test_irqs_off_atomic(void **state)
{
	unsigned long flags;
	void *p;

	(void)state;
	boot();
	/* as from an interrupt handler: irqs off, GFP_ATOMIC, growth included */
	local_irq_save(flags);
	p = kmalloc(3000, GFP_ATOMIC);
	assert_non_null(p);
	assert_true(irqs_disabled());
	kfree(p);
	assert_true(irqs_disabled());
	local_irq_restore(flags);
	assert_false(irqs_disabled());
	check();
}

static void test_failslab_no_leaks(void **state)
{
	struct kmem_cache *c;
	void *objs[256] = { NULL };
	unsigned long pages, objs_before;
	unsigned int i, fails = 0;
	struct prng r;

	(void)state;
	boot();
	c = kmem_cache_create("faulty", 100, 0, 0, obj_ctor, NULL);
	kmem_cache_shrink_all();
	pages = slab_harness_free_pages();
	objs_before = slab_objects_in_use();
	slab_set_fail_probability(30, 7);
	assert_int_equal(info_of(c).limit, 0);		/* arrays off meanwhile */
	prng_seed(&r, 3);
	for (i = 0; i < 5000; i++) {
		unsigned int k = prng_below(&r, 256);

		if (objs[k]) {
			if (k & 1)
				kmem_cache_free(c, objs[k]);
			else
				kfree(objs[k]);
			objs[k] = NULL;
		} else {
			objs[k] = (k & 1) ? kmem_cache_alloc(c, GFP_KERNEL) :
				  kmalloc(1 + prng_below(&r, 5000), GFP_KERNEL);
			fails += !objs[k];
		}
		if (i % 64 == 0)
			check();
	}
	assert_true(fails > 0);
	/* a failed slab growth may have had its descriptor injected too */
	assert_true(stats().injected >= fails);
	assert_true(stats().alloc_failures >= fails);
	slab_set_fail_probability(0, 0);
	assert_true(info_of(c).limit > 0);
	for (i = 0; i < 256; i++) {
		if (objs[i] && (i & 1))
			kmem_cache_free(c, objs[i]);
		else
			kfree(objs[i]);
	}
	kmem_cache_shrink_all();
	assert_int_equal(slab_objects_in_use(), objs_before);
	assert_int_equal(slab_harness_free_pages(), pages);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

static void test_reports(void **state)
{
	void *p;

	(void)state;
	boot();
	p = kmalloc(64, GFP_KERNEL);
	slab_show_slabinfo();
	assert_true(host_log_contains("slabinfo - version: 2.1"));
	assert_true(host_log_contains("# name            <active_objs> <num_objs> <objsize> "
				      "<objperslab> <pagesperslab> : tunables <limit> "
				      "<batchcount> <sharedfactor> : slabdata <active_slabs> "
				      "<num_slabs> <sharedavail>"));
	assert_true(host_log_contains("kmalloc-64  "));
	host_log_reset();
	slab_report();
	assert_true(host_log_contains("@slab cache=kmalloc-64 active="));
	assert_true(host_log_contains(" size=64 perslab="));
	assert_true(host_log_contains("@slab cache=kmem_cache "));
	assert_true(host_log_contains("@slab cache=kmalloc-131072 active=0 total=0 "));
	kfree(p);
	check();
}

static void test_check_catches_corruption(void **state)
{
	struct kmem_cache *c;
	slab_bufctl_t saved;
	struct slab *s;
	void *p;

	(void)state;
	boot();
	c = kmem_cache_create("corrupt", 64, 0, 0, NULL, NULL);
	assert_int_equal(kmem_cache_set_tunables(c, 4, 2), 0);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	c->active_objs++;
	assert_int_equal(slab_check(), -EFAULT);
	c->active_objs--;
	s = slab_of(p);
	saved = s->bufctl[s->free];
	s->bufctl[s->free] = s->free;			/* a loop in the chain */
	assert_int_equal(slab_check(), -EFAULT);
	assert_true(host_log_contains("free chain broken"));
	s->bufctl[s->free] = saved;
	*c->array[0]->top++ = p;			/* a double free ... */
	*c->array[0]->top++ = p;			/* ... that reached the array */
	assert_int_equal(slab_check(), -EFAULT);
	assert_true(host_log_contains("twice (double free)"));
	c->array[0]->top -= 2;
	host_log_reset();
	check();
	kmem_cache_free(c, p);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

/* ---- random operations --------------------------------------------------------- */

struct live {
	void *p;
	size_t size;
	struct kmem_cache *c;	/* NULL: kmalloc */
	unsigned int seed;
};

static void test_random_ops(void **state)
{
	enum { SLOTS = 512, STEPS = 6000 };
	struct kmem_cache *caches[4];
	struct live *live = calloc(SLOTS, sizeof(*live));
	unsigned long pages, objs_before;
	struct prng r;
	unsigned int i;

	(void)state;
	boot();
	caches[0] = kmem_cache_create("rnd-24", 24, 0, 0, NULL, NULL);
	caches[1] = kmem_cache_create("rnd-300", 300, 0, SLAB_HWCACHE_ALIGN, NULL, NULL);
	caches[2] = kmem_cache_create("rnd-3000", 3000, 0, 0, obj_ctor, obj_dtor);
	caches[3] = kmem_cache_create("rnd-dbg", 72, 0, DEBUG_FLAGS, NULL, NULL);
	kmem_cache_set_tunables(caches[0], 8, 3);
	kmem_cache_shrink_all();
	pages = slab_harness_free_pages();
	objs_before = slab_objects_in_use();
	prng_seed(&r, 42);
	for (i = 0; i < STEPS; i++) {
		unsigned int k = prng_below(&r, SLOTS), op = prng_below(&r, 100);
		struct live *l = &live[k];

		host_cpu = prng_below(&r, 8) == 0 ? 1 : 0;
		if (l->p) {
			assert_true(verify(l->p, l->size, l->seed));
			if (op < 10 && !l->c) {
				size_t n = 1 + prng_below(&r, 9000);
				void *q = krealloc(l->p, n, GFP_KERNEL);

				assert_non_null(q);
				assert_true(verify(q, n < l->size ? n : l->size, l->seed));
				l->p = q;
				l->size = n;
				fill(q, n, l->seed);
			} else {
				if (l->c)
					kmem_cache_free(l->c, l->p);
				else
					kfree(l->p);
				l->p = NULL;
			}
		} else if (op < 3) {
			kmem_cache_shrink(caches[prng_below(&r, 4)]);
		} else if (op < 5) {
			slab_reap();
		} else {
			unsigned int which = prng_below(&r, 6);

			l->seed = i;
			if (which < 4) {
				l->c = caches[which];
				l->size = kmem_cache_size(l->c);
				l->p = kmem_cache_alloc(l->c, GFP_KERNEL);
			} else {
				l->c = NULL;
				l->size = 1 + prng_below(&r, which == 4 ? 512 : 200000);
				l->p = kmalloc(l->size, GFP_KERNEL);
			}
			assert_non_null(l->p);
			if (l->c == caches[2])
				assert_int_equal(((struct ctor_obj *)l->p)->magic, CTOR_MAGIC);
			fill(l->p, l->c == caches[2] ? 0 : l->size, l->seed);
			if (l->c == caches[2])
				l->size = 0;
		}
		assert_int_equal(slab_check(), 0);
	}
	host_cpu = 0;
	for (i = 0; i < SLOTS; i++) {
		if (!live[i].p)
			continue;
		if (live[i].c)
			kmem_cache_free(live[i].c, live[i].p);
		else
			kfree(live[i].p);
	}
	free(live);
	assert_int_equal(stats().debug_errors + stats().bad_frees, 0);
	assert_int_equal(host_log_errors(), 0);
	/* emptied arrays and slabs: back to where it started, off-slab descriptors too */
	kmem_cache_shrink_all();
	assert_int_equal(slab_objects_in_use(), objs_before);
	assert_int_equal(slab_harness_free_pages(), pages);
	for (i = 0; i < 4; i++)
		assert_int_equal(kmem_cache_destroy(caches[i]), 0);
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
