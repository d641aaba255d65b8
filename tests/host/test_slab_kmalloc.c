// SPDX-License-Identifier: MIT
/*
 * Host tests of the slab allocator, continued (see test_slab.c): the
 * kmalloc size classes, zero sizes, krealloc and large sizes, bad frees
 * (double frees through the per-CPU arrays among them), and random operations on caches and kmalloc with slab_check() after
 * every step.
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
#include <linux/prng.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "../../mm/slab.h"
#include "host_log.h"
#include "slab_harness.h"
#include "slab_tests.h"

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

void test_kmalloc_classes(void **state)
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

void test_kmalloc_zero_null(void **state)
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

void test_krealloc(void **state)
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

void test_kmalloc_large(void **state)
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

void test_bad_frees_reported(void **state)
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
void test_bad_pointer_caught_on_flush(void **state)
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

/* ---- double frees through the per-CPU arrays ------------------------------------ */

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/*
 * After a refused double free the cache must hand out n objects that are
 * all different, none of them one of the nlive objects still held.
 */
static void assert_allocs_distinct(struct kmem_cache *c, unsigned int n,
				   void *const *live, unsigned int nlive)
{
	void **p = calloc(n, sizeof(*p));
	unsigned int i, k;

	assert_non_null(p);
	for (i = 0; i < n; i++) {
		p[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_non_null(p[i]);
		for (k = 0; k < nlive; k++)
			assert_ptr_not_equal(p[i], live[k]);
	}
	check();
	qsort(p, n, sizeof(*p), cmp_ptr);
	for (i = 1; i < n; i++)
		assert_ptr_not_equal(p[i], p[i - 1]);
	for (i = 0; i < n; i++)
		kmem_cache_free(c, p[i]);
	free(p);
	check();
}

/*
 * The second kfree of an object whose first free already went back to a
 * slab that still has objects in use: caught when its batch goes back.
 */
void test_double_free_live_slab(void **state)
{
	struct kmem_cache *c;
	void *x, *y;

	(void)state;
	boot();
	c = kmalloc_caches[kmalloc_index(64)];
	x = kmalloc(64, GFP_KERNEL);
	y = kmalloc(64, GFP_KERNEL);
	assert_ptr_equal(slab_of(x), slab_of(y));
	kfree(x);
	kmem_cache_shrink(c);		/* the first free reaches the slab */
	kfree(x);			/* the fast path takes it */
	assert_int_equal(stats().bad_frees, 0);
	kmem_cache_shrink(c);		/* the second reaches the slab */
	assert_int_equal(stats().bad_frees, 1);
	assert_int_equal(host_log_errors(), 1);
	assert_true(host_log_contains("BUG kmalloc-64: bad free of"));
	assert_true(host_log_contains("object already free (double free)"));
	assert_true(host_log_contains("caller unknown (freed through a per-CPU array), found when"));
	check();
	assert_allocs_distinct(c, 3 * c->num, &y, 1);
	kfree(y);
	check();
	assert_int_equal(host_log_errors(), 1);
}

/*
 * The same object freed twice into one array: both copies go back in one
 * flush (the array overflowing), the second is caught and dropped. With
 * the arrays off, the second free is caught at once, with its caller.
 */
void test_double_free_both_in_array(void **state)
{
	struct kmem_cache *c;
	void *o[5];
	unsigned int i;

	(void)state;
	boot();
	c = kmem_cache_create("df-array", 64, 0, 0, NULL, NULL);
	assert_int_equal(kmem_cache_set_tunables(c, 4, 2), 0);
	for (i = 0; i < 5; i++)
		o[i] = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_shrink(c);		/* the array starts empty */
	kmem_cache_free(c, o[0]);
	kmem_cache_free(c, o[0]);
	assert_int_equal(ac_avail(c->array[0]), 2);
	assert_int_not_equal(slab_check(), 0);	/* the checker sees the copies */
	assert_true(host_log_contains("twice (double free)"));
	host_log_reset();
	kmem_cache_free(c, o[2]);
	kmem_cache_free(c, o[3]);	/* the array is full: o0 o0 o2 o3 */
	assert_int_equal(stats().bad_frees, 0);
	kmem_cache_free(c, o[4]);	/* flushes the two oldest: both copies */
	assert_int_equal(stats().bad_frees, 1);
	assert_int_equal(host_log_errors(), 1);
	assert_true(host_log_contains("BUG df-array: bad free of"));
	assert_true(host_log_contains("object already free (double free)"));
	assert_true(host_log_contains("found when"));
	check();
	assert_allocs_distinct(c, 3 * c->num, &o[1], 1);

	assert_int_equal(kmem_cache_set_tunables(c, 0, 0), 0);
	host_log_reset();
	kmem_cache_free(c, o[1]);
	kmem_cache_free(c, o[1]);
	assert_int_equal(stats().bad_frees, 2);
	assert_int_equal(host_log_errors(), 1);
	assert_true(host_log_contains("object already free (double free); caller 0x"));
	check();
	assert_allocs_distinct(c, 3 * c->num, NULL, 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

/*
 * A cache whose slab S holds only x, both copies of x in an array of
 * limit 2, and the overflowing free of y (another slab) flushing the first
 * copy: S is then empty beyond free_limit and goes back to the buddy
 * allocator, while the second copy is still in the array. Returns x.
 */
static void *double_free_and_release(struct kmem_cache *c)
{
	unsigned int num = c->num, i;
	void **objs = calloc(num, sizeof(*objs));
	void *x, *y;

	assert_non_null(objs);
	assert_int_equal(kmem_cache_set_tunables(c, 2, 1), 0);
	for (i = 0; i < num; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	y = kmem_cache_alloc(c, GFP_KERNEL);
	x = objs[0];
	assert_ptr_equal(slab_of(objs[num - 1]), slab_of(x));
	assert_ptr_not_equal(slab_of(y), slab_of(x));
	for (i = 1; i < num; i++)
		kmem_cache_free(c, objs[i]);
	free(objs);
	kmem_cache_shrink(c);
	assert_int_equal(info_of(c).slabs[SLAB_LIST_FREE], 0);
	kmem_cache_free(c, x);
	kmem_cache_free(c, x);
	kmem_cache_free(c, y);		/* flushes one copy of x; x's slab goes */
	assert_ptr_equal(c->array[0]->entry[0], x);
	assert_false(PageSlab(virt_to_page(x)));
	assert_int_equal(stats().bad_frees, 0);
	return x;
}

/* The copy then finds a page of the buddy allocator: refused, nothing touched. */
void test_double_free_after_slab_released(void **state)
{
	struct kmem_cache *c;

	(void)state;
	boot();
	c = kmem_cache_create("df-released", 64, 0, 0, NULL, NULL);
	double_free_and_release(c);
	kmem_cache_shrink(c);		/* the copy reaches the page */
	assert_int_equal(stats().bad_frees, 1);
	assert_int_equal(host_log_errors(), 1);
	assert_true(host_log_contains("BUG df-released: bad free of"));
	assert_true(host_log_contains("its slab went back to the page allocator"));
	check();
	assert_allocs_distinct(c, 3 * c->num, NULL, 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

/* The copy finds the frame reused as another cache's slab: that slab is left alone. */
void test_double_free_after_slab_reused(void **state)
{
	struct kmem_cache *c, *d;
	struct page *page;
	void *x, *z;

	(void)state;
	boot();
	c = kmem_cache_create("df-first", 64, 0, 0, NULL, NULL);
	d = kmem_cache_create("df-reuser", 64, 0, 0, NULL, NULL);
	assert_int_equal(c->gfporder, d->gfporder);
	x = double_free_and_release(c);
	z = kmem_cache_alloc(d, GFP_KERNEL);	/* d grows: the frame comes back */
	page = virt_to_page(x);
	assert_true(PageSlab(page));
	assert_ptr_equal(page->slab_cache, d);
	kmem_cache_shrink(c);		/* the copy reaches d's slab */
	assert_int_equal(stats().bad_frees, 1);
	assert_int_equal(host_log_errors(), 1);
	assert_true(host_log_contains("BUG df-first: bad free of"));
	assert_true(host_log_contains("now in a slab of df-reuser"));
	check();
	assert_allocs_distinct(d, 3 * d->num, &z, 1);
	assert_allocs_distinct(c, 3 * c->num, NULL, 0);
	kmem_cache_free(d, z);
	assert_int_equal(kmem_cache_destroy(d), 0);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

/* ---- random operations --------------------------------------------------------- */

struct live {
	void *p;
	size_t size;
	struct kmem_cache *c;	/* NULL: kmalloc */
	unsigned int seed;
};

void test_random_ops(void **state)
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
