// SPDX-License-Identifier: MIT
/*
 * General caches: kmalloc and friends on top of the object caches.
 *
 * Uncommon sizes are served by caches of fixed classes, the powers of two
 * from 8 to 128 KiB plus 96 and 192 (which halve the waste of requests just
 * above 64 and 128 bytes). A request takes the smallest class that holds
 * it. Above 128 KiB, kmalloc hands out whole frames from the buddy
 * allocator; the head frame's descriptor carries a tag in its freelist
 * field, so kfree tells such a block from a slab object (PG_slab) and from
 * a pointer it never handed out by looking at one page descriptor.
 */
#define pr_fmt(fmt) "slab: " fmt

#include <stdio.h>
#include <string.h>

#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <asm/page.h>

#include "slab.h"

/* page->freelist of the head frame of a large kmalloc block. */
#define KMALLOC_LARGE_TAG	((void *)0x6b6c6172UL)

struct kmem_cache *kmalloc_caches[KMALLOC_NR_CACHES];
unsigned long kmalloc_large_live;

/* Class index by (size - 1) / 8 for sizes 1..192. */
static const u8 size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,		/* 8 16 32 32 64 64 64 64 */
	1, 1, 1, 1, 7, 7, 7, 7,		/* 96 x4, 128 x4 */
	2, 2, 2, 2, 2, 2, 2, 2,		/* 192 x8 */
};

/* kmalloc_index() for sizes known only at run time (1..128 KiB). */
static unsigned int kmalloc_slab_index(size_t size)
{
	if (size <= 192)
		return size_index[(size - 1) / 8];
	/* fls(size - 1): the power of two at or above size */
	return (unsigned int)(8 * sizeof(unsigned long)) -
	       (unsigned int)__builtin_clzl((unsigned long)(size - 1));
}

void kmalloc_init(void)
{
	/* increasing size, so that off-slab caches find their descriptors' */
	static const u8 order[] = { 3, 4, 5, 6, 1, 7, 2, 8, 9, 10, 11, 12, 13,
				    14, 15, 16, 17 };
	unsigned int i;

	BUILD_BUG_ON(ARRAY_SIZE(order) != KMALLOC_NR_CACHES - 1);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		unsigned int idx = order[i];
		char name[KMEM_CACHE_NAME_MAX + 1];

		snprintf(name, sizeof(name), "kmalloc-%lu",
			 (unsigned long)kmalloc_class_size(idx));
		kmalloc_caches[idx] = kmem_cache_create_boot(name,
							     kmalloc_class_size(idx), 0);
	}
}

void kmalloc_reset(void)
{
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	kmalloc_large_live = 0;
}

static noinline void *kmalloc_large(size_t size, gfp_t gfp, unsigned long caller)
{
	struct page *page = NULL;

	if (size <= KMALLOC_MAX_SIZE && !slab_should_fail(NULL))
		page = alloc_pages(gfp & ~(__GFP_HIGHMEM | GFP_MOVABLE_MASK),
				   get_order(size));
	if (!page) {
		__atomic_fetch_add(&slab_stats.alloc_failures, 1, __ATOMIC_RELAXED);
		if (size > KMALLOC_MAX_SIZE && !(gfp & __GFP_NOWARN))
			pr_warn("kmalloc(%lu): larger than %lu bytes\n",
				(unsigned long)size, (unsigned long)KMALLOC_MAX_SIZE);
		return NULL;
	}
	page->freelist = KMALLOC_LARGE_TAG;
	__atomic_fetch_add(&kmalloc_large_live, 1, __ATOMIC_RELAXED);
	return page_address(page);
}

static __always_inline void *kmalloc_caller(size_t size, gfp_t gfp,
					    unsigned long caller)
{
	struct kmem_cache *c;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, gfp, caller);
	c = kmalloc_caches[kmalloc_slab_index(size)];
	if (WARN_ON_ONCE(!c))		/* before kmem_cache_init */
		return NULL;
	return slab_alloc_slow(c, gfp, size, caller);
}

static noinline void *kmalloc_slow(size_t size, gfp_t gfp, unsigned long caller)
{
	return kmalloc_caller(size, gfp, caller);
}

void *__kmalloc(size_t size, gfp_t gfp)
{
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE)) {
		struct kmem_cache *c = kmalloc_caches[kmalloc_slab_index(size)];
		void *obj;

		if (likely(c) && (obj = slab_array_pop(c, gfp)))
			return obj;
	}
	return kmalloc_slow(size, gfp, slab_caller());
}

void *__kmalloc_cache_alloc(struct kmem_cache *c, gfp_t gfp, size_t size)
{
	return slab_alloc_fast(c, gfp, size);
}

void *kmalloc_array(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc_caller(bytes, gfp, _RET_IP_);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc_caller(bytes, gfp | __GFP_ZERO, _RET_IP_);
}

void kfree_large(const void *p, struct page *page, unsigned long caller)
{
	if (!page) {
		slab_bad_free(NULL, p, "not a linear-map address", caller);
		return;
	}
	if (!PageHead(page) || page->freelist != KMALLOC_LARGE_TAG) {
		slab_bad_free(NULL, p, "not allocated by kmalloc (or already freed)",
			      caller);
		return;
	}
	if (p != page_address(page)) {
		slab_bad_free(NULL, p, "not the start of a large kmalloc block",
			      caller);
		return;
	}
	page->freelist = NULL;
	__atomic_fetch_sub(&kmalloc_large_live, 1, __ATOMIC_RELAXED);
	__free_pages(page, page_alloc_order(page));
}

/* Everything kfree's fast path does not take: NULL, large, bad, full array. */
static noinline void kfree_slow(const void *p, unsigned long caller)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(p))
		return;
	page = slab_virt_to_page(p);
	if (page && PageSlab(page))
		slab_free_slow(page->slab_cache, (void *)p, caller);
	else
		kfree_large(p, page, caller);
}

/*
 * One page descriptor says which cache p belongs to. NULL and
 * ZERO_SIZE_PTR are not in the linear map, so they fall through to the
 * slow half with everything else that is not a slab object.
 */
void kfree(const void *p)
{
	struct page *page;

	if (likely(slab_page_of(p, &page) && (page->flags & PAGE_FLAG(PG_slab)) &&
		   slab_array_push(page->slab_cache, (void *)p)))
		return;
	kfree_slow(p, slab_caller());
}

/* Usable bytes at p without side effects; 0 if p is not kmalloc's. */
static size_t kmalloc_usable(const void *p, struct kmem_cache **cache)
{
	struct page *page;

	*cache = NULL;
	if (ZERO_OR_NULL_PTR(p))
		return 0;
	page = slab_virt_to_page(p);
	if (!page)
		return 0;
	if (PageSlab(page)) {
		*cache = page->slab_cache;
		return (*cache)->object_size;
	}
	if (PageHead(page) && page->freelist == KMALLOC_LARGE_TAG &&
	    p == page_address(page))
		return PAGE_SIZE << page_alloc_order(page);
	return 0;
}

size_t ksize(const void *p)
{
	struct kmem_cache *c;
	size_t n = kmalloc_usable(p, &c);

	if (c && cache_is_debug(c))
		slab_debug_widen(c, (void *)p, n);
	return n;
}

void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	struct kmem_cache *c;
	size_t old;
	void *n;

	if (ZERO_OR_NULL_PTR(p))
		return kmalloc_caller(new_size, gfp, _RET_IP_);
	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	old = kmalloc_usable(p, &c);
	if (!old) {
		slab_bad_free(NULL, p, "krealloc of a pointer kmalloc did not return",
			      _RET_IP_);
		return NULL;
	}
	if (new_size <= old) {
		if (c && cache_is_debug(c))
			slab_debug_widen(c, (void *)p, new_size);
		return (void *)p;
	}
	n = kmalloc_caller(new_size, gfp, _RET_IP_);
	if (!n)
		return NULL;
	memcpy(n, p, old);
	kfree(p);
	return n;
}
