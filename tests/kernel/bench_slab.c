// SPDX-License-Identifier: MIT
/*
 * bench=slab: instructions per allocation+free pair on the per-CPU fast
 * path (the array has objects and room, so neither side reaches the slabs).
 *   kmalloc64_pair   kfree(kmalloc(64)): constant size, class picked at
 *                    compile time; kfree finds the cache from the page
 *   kmalloc_var_pair the same with the size known only at run time
 *   cache_pair       kmem_cache_free(kmem_cache_alloc()) on a private cache
 */
#include <linux/bench.h>
#include <linux/errno.h>
#include <linux/slab.h>

static volatile size_t var_size = 64;

static u32 kmalloc64_pair(void *arg)
{
	u32 start = bench_begin();

	kfree(kmalloc(64, GFP_KERNEL));
	return bench_end(start);
}

static u32 kmalloc_var_pair(void *arg)
{
	u32 start = bench_begin();

	kfree(kmalloc(var_size, GFP_KERNEL));
	return bench_end(start);
}

/* One pair outside the samples puts an object in this CPU's array. */
static void *kmalloc_prepare(int *err)
{
	void *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		*err = -ENOMEM;
	kfree(p);
	return NULL;
}

BENCH(bench_kmalloc64, .name = "slab.kmalloc64_pair", .prepare = kmalloc_prepare,
      .op = kmalloc64_pair);
BENCH(bench_kmalloc_var, .name = "slab.kmalloc_var_pair", .prepare = kmalloc_prepare,
      .op = kmalloc_var_pair);

static u32 cache_pair(void *arg)
{
	struct kmem_cache *c = arg;
	u32 start = bench_begin();

	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	return bench_end(start);
}

static void *cache_prepare(int *err)
{
	struct kmem_cache *c = kmem_cache_create("bench-obj48", 48, 0, 0, NULL, NULL);
	void *p;

	if (!c) {
		*err = -ENOMEM;
		return NULL;
	}
	p = kmem_cache_alloc(c, GFP_KERNEL);
	if (!p) {
		kmem_cache_destroy(c);
		*err = -ENOMEM;
		return NULL;
	}
	kmem_cache_free(c, p);
	return c;
}

static void cache_cleanup(void *arg)
{
	kmem_cache_destroy(arg);
}

BENCH(bench_cache, .name = "slab.cache_pair", .prepare = cache_prepare,
      .op = cache_pair, .cleanup = cache_cleanup);
