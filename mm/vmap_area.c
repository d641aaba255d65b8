// SPDX-License-Identifier: MIT
/*
 * The vmalloc area allocator: which parts of [VMALLOC_START, VMALLOC_END)
 * are free, owned or waiting for a TLB purge (invariants in
 * mm/vmalloc_internal.h).
 *
 * Free ranges live in an address-ordered red-black tree in which every node
 * also records the largest free range in its subtree (subtree_max_size).
 * The lowest free range of at least L bytes is then found in O(log n) by
 * walking down from the root: go left while the left subtree has a range
 * of L bytes, else take this node if it is one, else go right. An aligned
 * request of size bytes is guaranteed to fit in any range of
 * size + align - PAGE_SIZE bytes (ranges are page aligned), so that is the
 * L the search uses; a node on the path that fits exactly is taken too.
 * Only when no range is that large does a linear scan look for a smaller
 * range that happens to be aligned, so a request fails only when nothing
 * in the range can hold it.
 *
 * Taking a range out of a free node shrinks it from either end or splits
 * it in two; giving a range back merges it with the free neighbours met on
 * the way down the tree, so no two free ranges are ever adjacent.
 *
 * A freed area is not given back at once: its PTEs are cleared, but a TLB
 * may still translate its addresses, so it waits in the lazy tree until
 * the lazy bytes pass a threshold (or the space runs out, or
 * vm_unmap_aliases), when one TLB flush covers all of them and they are
 * merged into the free tree. An address is therefore never handed out
 * again before the flush that follows its unmapping.
 *
 * The descriptors come from a small pool carved out of lowmem frames (the
 * slab allocator does not exist yet; kmalloc should replace the pool once
 * it does). A pool frame is given back when its last object is freed,
 * unless the pool would be left with less than one frame's worth of free
 * objects.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>

#include "vmalloc_internal.h"

#define VMALLOC_TOTAL		(VMALLOC_END - VMALLOC_START)
/* Default lazy-purge threshold: freed bytes waiting for a TLB flush. */
#define LAZY_MAX_DEFAULT	(8UL << 20)
#define POOL_OBJS_PER_PAGE	(PAGE_SIZE / sizeof(struct vmap_area))
/* Keep this many free descriptors rather than give an empty frame back. */
#define POOL_KEEP_FREE		POOL_OBJS_PER_PAGE
/* Descriptors an allocation may need: the area and a split-off free range. */
#define ALLOC_NODES		2
/* Poison in a pooled descriptor's state: catches a use after free. */
#define VA_POISON		0x7a7a7a7au

DEFINE_SPINLOCK(vmap_area_lock);
static struct rb_root free_vmap_root;
struct rb_root busy_vmap_root;
struct rb_root lazy_vmap_root;
LIST_HEAD(deferred_list);

/* All below: vmap_area_lock. Byte counts include guard pages. */
static unsigned long nr_free, free_bytes;
static unsigned long nr_busy, busy_bytes;
static unsigned long nr_lazy, lazy_bytes;
unsigned long nr_deferred;
static unsigned long nr_purges;
static unsigned long lazy_max = LAZY_MAX_DEFAULT;

/* The descriptor pool: frames on pool_pages (page->private = objects in use). */
static LIST_HEAD(pool_pages);
static LIST_HEAD(pool_free);
static unsigned long pool_nr_pages, pool_nr_free, pool_nr_used;

BUILD_BUG_ON(POOL_OBJS_PER_PAGE < 2 * ALLOC_NODES);

static inline unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static inline struct vmap_area *to_va(const struct rb_node *n)
{
	return rb_entry(n, struct vmap_area, rb_node);
}

/* ---- the descriptor pool ------------------------------------------------ */

static void __pool_add(struct page *page)
{
	struct vmap_area *objs = page_address(page);
	unsigned int i;

	page->private = 0;
	list_add(&page->lru, &pool_pages);
	for (i = 0; i < POOL_OBJS_PER_PAGE; i++) {
		objs[i].state = VA_POISON;
		list_add_tail(&objs[i].list, &pool_free);
	}
	pool_nr_pages++;
	pool_nr_free += POOL_OBJS_PER_PAGE;
}

static void __pool_release(struct page *page)
{
	struct vmap_area *objs = page_address(page);
	unsigned int i;

	for (i = 0; i < POOL_OBJS_PER_PAGE; i++)
		list_del(&objs[i].list);
	list_del(&page->lru);
	page->private = 0;
	pool_nr_pages--;
	pool_nr_free -= POOL_OBJS_PER_PAGE;
	__free_page(page);
}

/*
 * Take vmap_area_lock with at least n free descriptors in the pool,
 * growing it (without the lock) as needed. Returns 0 with the lock held,
 * or -ENOMEM without it.
 */
static int pool_reserve_lock(unsigned int n, gfp_t gfp, unsigned long *flags)
{
	for (;;) {
		struct page *page;

		spin_lock_irqsave(&vmap_area_lock, *flags);
		if (pool_nr_free >= n)
			return 0;
		spin_unlock_irqrestore(&vmap_area_lock, *flags);
		page = alloc_page(gfp & ~(__GFP_HIGHMEM | __GFP_ZERO));
		if (!page)
			return -ENOMEM;
		spin_lock_irqsave(&vmap_area_lock, *flags);
		__pool_add(page);
		spin_unlock_irqrestore(&vmap_area_lock, *flags);
	}
}

/* A zeroed descriptor; the caller reserved it. */
static struct vmap_area *__pool_get(void)
{
	struct vmap_area *va;

	if (list_empty(&pool_free))
		panic("vmap pool: no reserved descriptor");
	va = list_first_entry(&pool_free, struct vmap_area, list);
	list_del(&va->list);
	if (va->state != VA_POISON)
		panic("vmap pool: free descriptor %p was written", (void *)va);
	virt_to_page(va)->private++;
	pool_nr_free--;
	pool_nr_used++;
	memset(va, 0, sizeof(*va));
	INIT_LIST_HEAD(&va->list);
	return va;
}

static void __pool_put(struct vmap_area *va)
{
	struct page *page = virt_to_page(va);

	va->state = VA_POISON;
	list_add(&va->list, &pool_free);
	pool_nr_free++;
	pool_nr_used--;
	if (--page->private == 0 && pool_nr_free >= POOL_OBJS_PER_PAGE + POOL_KEEP_FREE)
		__pool_release(page);
}

/* ---- the trees ------------------------------------------------------------ */

static unsigned long subtree_max(const struct rb_node *n)
{
	return n ? to_va(n)->subtree_max_size : 0;
}

static void free_va_update(struct rb_node *n)
{
	unsigned long m = va_size(to_va(n));

	m = max(m, subtree_max(n->rb_left));
	m = max(m, subtree_max(n->rb_right));
	to_va(n)->subtree_max_size = m;
}

static const struct rb_augment_callbacks free_va_cb = { .update = free_va_update };

/* Insert va into an address-ordered tree; an overlap is a broken invariant. */
static void __tree_insert(struct rb_root *root, struct vmap_area *va,
			  const struct rb_augment_callbacks *cb)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct vmap_area *t = to_va(*link);

		parent = *link;
		if (va->va_end <= t->va_start)
			link = &parent->rb_left;
		else if (va->va_start >= t->va_end)
			link = &parent->rb_right;
		else
			panic("vmap: %08lx-%08lx overlaps %08lx-%08lx", va->va_start,
			      va->va_end, t->va_start, t->va_end);
	}
	rb_link_node(&va->rb_node, parent, link);
	if (cb) {
		va->subtree_max_size = va_size(va);
		rb_insert_augmented(&va->rb_node, root, cb);
	} else {
		rb_insert_color(&va->rb_node, root);
	}
}

static struct vmap_area *tree_find(const struct rb_root *root, unsigned long addr)
{
	const struct rb_node *n = root->rb_node;

	while (n) {
		struct vmap_area *va = to_va(n);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

struct vmap_area *__find_busy_area(unsigned long addr)
{
	return tree_find(&busy_vmap_root, addr);
}

struct vmap_area *__find_lazy_area(unsigned long addr)
{
	return tree_find(&lazy_vmap_root, addr);
}

/*
 * Give [va->va_start, va->va_end) back to the free tree, merged with the
 * free ranges on either side; va is reused as the free node or returned to
 * the pool. The neighbours are the last nodes the descent passed on its
 * right (next) and on its left (prev).
 */
static void __insert_free(struct vmap_area *va)
{
	struct rb_node **link = &free_vmap_root.rb_node, *parent = NULL;
	struct vmap_area *prev = NULL, *next = NULL;
	unsigned long size = va_size(va);
	bool to_prev, to_next;

	while (*link) {
		struct vmap_area *t = to_va(*link);

		parent = *link;
		if (va->va_end <= t->va_start) {
			next = t;
			link = &parent->rb_left;
		} else if (va->va_start >= t->va_end) {
			prev = t;
			link = &parent->rb_right;
		} else {
			panic("vmap: freeing %08lx-%08lx, already free as %08lx-%08lx",
			      va->va_start, va->va_end, t->va_start, t->va_end);
		}
	}
	to_prev = prev && prev->va_end == va->va_start;
	to_next = next && next->va_start == va->va_end;
	if (to_prev && to_next) {
		unsigned long end = next->va_end;

		rb_erase_augmented(&next->rb_node, &free_vmap_root, &free_va_cb);
		__pool_put(next);
		nr_free--;
		prev->va_end = end;
		rb_augment_propagate(&prev->rb_node, &free_va_cb);
		__pool_put(va);
	} else if (to_prev) {
		prev->va_end = va->va_end;
		rb_augment_propagate(&prev->rb_node, &free_va_cb);
		__pool_put(va);
	} else if (to_next) {
		next->va_start = va->va_start;
		rb_augment_propagate(&next->rb_node, &free_va_cb);
		__pool_put(va);
	} else {
		va->state = VA_FREE;
		va->subtree_max_size = size;
		rb_link_node(&va->rb_node, parent, link);
		rb_insert_augmented(&va->rb_node, &free_vmap_root, &free_va_cb);
		nr_free++;
	}
	free_bytes += size;
}

/*
 * Take [addr, addr + size) out of the free range f: drop f, shrink it from
 * one end, or split it (the upper part needs a reserved descriptor).
 */
static void __carve(struct vmap_area *f, unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size;

	if (addr == f->va_start && end == f->va_end) {
		rb_erase_augmented(&f->rb_node, &free_vmap_root, &free_va_cb);
		__pool_put(f);
		nr_free--;
	} else if (addr == f->va_start) {
		f->va_start = end;
		rb_augment_propagate(&f->rb_node, &free_va_cb);
	} else if (end == f->va_end) {
		f->va_end = addr;
		rb_augment_propagate(&f->rb_node, &free_va_cb);
	} else {
		struct vmap_area *upper = __pool_get();

		upper->va_start = end;
		upper->va_end = f->va_end;
		upper->state = VA_FREE;
		f->va_end = addr;
		rb_augment_propagate(&f->rb_node, &free_va_cb);
		__tree_insert(&free_vmap_root, upper, &free_va_cb);
		nr_free++;
	}
	free_bytes -= size;
}

/* ---- finding a free range ------------------------------------------------ */

/* Lowest align-aligned start of a size-byte block inside va and [vstart, vend), or 0. */
static unsigned long fit_in(const struct vmap_area *va, unsigned long size,
			    unsigned long align, unsigned long vstart, unsigned long vend)
{
	unsigned long start = max(va->va_start, vstart);
	unsigned long end = min(va->va_end, vend);
	unsigned long a;

	if (start >= end)
		return 0;
	a = ALIGN(start, align);
	if (a < start || a >= end || end - a < size)
		return 0;
	return a;
}

/*
 * The lowest node of the subtree at n, within [vstart, vend), that holds
 * the block, looking only into subtrees with a range of need bytes. Left
 * subtrees recurse, right ones loop: the recursion depth is the tree
 * height. A subtree that has a need-byte range entirely inside the bounds
 * always succeeds, so only the subtrees cut by vstart or vend can fail
 * after being entered: O(log n) nodes in all.
 */
static struct vmap_area *lowest_fit(const struct rb_node *n, unsigned long size,
				    unsigned long align, unsigned long need,
				    unsigned long vstart, unsigned long vend,
				    unsigned long *addr)
{
	while (n && subtree_max(n) >= need) {
		struct vmap_area *va = to_va(n), *r;

		if (vstart < va->va_start) {
			r = lowest_fit(n->rb_left, size, align, need, vstart, vend, addr);
			if (r)
				return r;
		}
		if (va->va_start >= vend)
			return NULL;
		*addr = fit_in(va, size, align, vstart, vend);
		if (*addr)
			return va;
		n = n->rb_right;
	}
	return NULL;
}

/* In address order; for aligned requests that the tree search could not place. */
static struct vmap_area *scan_fit(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend,
				  unsigned long *addr)
{
	struct rb_node *n;

	for (n = rb_first(&free_vmap_root); n; n = rb_next(n)) {
		struct vmap_area *va = to_va(n);

		if (va->va_start >= vend)
			break;
		if (va_size(va) >= size && (*addr = fit_in(va, size, align, vstart, vend)))
			return va;
	}
	return NULL;
}

static struct vmap_area *__find_fit(unsigned long size, unsigned long align,
				    unsigned long vstart, unsigned long vend,
				    unsigned long *addr)
{
	unsigned long waste = align > PAGE_SIZE ? align - PAGE_SIZE : 0;
	unsigned long need = waste > ~0UL - size ? ~0UL : size + waste;
	struct vmap_area *va;

	va = lowest_fit(free_vmap_root.rb_node, size, align, need, vstart, vend, addr);
	if (!va && waste)
		va = scan_fit(size, align, vstart, vend, addr);
	return va;
}

unsigned long __vmap_find_lowest(unsigned long size, unsigned long align,
				 unsigned long vstart, unsigned long vend)
{
	unsigned long addr = 0;

	return __find_fit(size, align, vstart, vend, &addr) ? addr : 0;
}

/* ---- allocation, lazy freeing, purging ------------------------------------ */

struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend, gfp_t gfp)
{
	struct vmap_area *f, *va;
	unsigned long flags, addr;

	if (!size || align < PAGE_SIZE || (size | align) & ~PAGE_MASK ||
	    align & (align - 1))
		return NULL;
	if (pool_reserve_lock(ALLOC_NODES, gfp, &flags))
		return NULL;
	f = __find_fit(size, align, vstart, vend, &addr);
	if (!f && nr_lazy) {
		/* lazy ranges may close the gap: purge them and look again */
		__purge_vmap_area_lazy();
		f = __find_fit(size, align, vstart, vend, &addr);
	}
	if (!f) {
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		return NULL;
	}
	va = __pool_get();
	__carve(f, addr, size);
	va->va_start = addr;
	va->va_end = addr + size;
	va->state = VA_NEW;
	__tree_insert(&busy_vmap_root, va, NULL);
	nr_busy++;
	busy_bytes += size;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return va;
}

void __purge_vmap_area_lazy(void)
{
	struct rb_node *n;

	if (RB_EMPTY_ROOT(&lazy_vmap_root))
		return;
	flush_tlb_kernel_range(to_va(rb_first(&lazy_vmap_root))->va_start,
			       to_va(rb_last(&lazy_vmap_root))->va_end);
	while ((n = rb_first(&lazy_vmap_root))) {
		rb_erase(n, &lazy_vmap_root);
		__insert_free(to_va(n));
	}
	nr_lazy = 0;
	lazy_bytes = 0;
	nr_purges++;
}

void free_vmap_area_lazy(struct vmap_area *va)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	rb_erase(&va->rb_node, &busy_vmap_root);
	nr_busy--;
	busy_bytes -= va_size(va);
	va->state = VA_LAZY;
	__tree_insert(&lazy_vmap_root, va, NULL);
	nr_lazy++;
	lazy_bytes += va_size(va);
	if (lazy_bytes > lazy_max)
		__purge_vmap_area_lazy();
	spin_unlock_irqrestore(&vmap_area_lock, flags);
}

void vmap_set_lazy_max(unsigned long bytes)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	lazy_max = bytes ? bytes : LAZY_MAX_DEFAULT;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
}

/* ---- set-up, statistics, checks --------------------------------------------- */

int vmap_area_init(void)
{
	struct vmap_area *va;
	unsigned long flags;

	if (pool_reserve_lock(1, GFP_KERNEL, &flags))
		return -ENOMEM;
	if (!RB_EMPTY_ROOT(&free_vmap_root) || !RB_EMPTY_ROOT(&busy_vmap_root)) {
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		return -EBUSY;
	}
	va = __pool_get();
	va->va_start = VMALLOC_START;
	va->va_end = VMALLOC_END;
	__insert_free(va);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return 0;
}

void vmap_area_reset(void)
{
	free_vmap_root = RB_ROOT;
	busy_vmap_root = RB_ROOT;
	lazy_vmap_root = RB_ROOT;
	INIT_LIST_HEAD(&deferred_list);
	INIT_LIST_HEAD(&pool_pages);
	INIT_LIST_HEAD(&pool_free);
	nr_free = free_bytes = nr_busy = busy_bytes = nr_lazy = lazy_bytes = 0;
	nr_deferred = nr_purges = 0;
	pool_nr_pages = pool_nr_free = pool_nr_used = 0;
	lazy_max = LAZY_MAX_DEFAULT;
	spin_lock_init(&vmap_area_lock);
}

void __vmap_area_stats(struct vmalloc_stats *st)
{
	st->nr_busy = nr_busy;
	st->busy_bytes = busy_bytes;
	st->nr_free = nr_free;
	st->free_bytes = free_bytes;
	st->largest_free = subtree_max(free_vmap_root.rb_node);
	st->nr_lazy = nr_lazy;
	st->lazy_bytes = lazy_bytes;
	st->nr_deferred = nr_deferred;
	st->meta_pages = pool_nr_pages;
	st->purges = nr_purges;
}

static unsigned int check_errors;

static void __printf(1, 2) check_fail(const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	if (check_errors++ >= 8)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err("vmalloc_check: %s\n", msg);
}

/* Recompute subtree_max_size below n; report stale values. */
static unsigned long check_augment(const struct rb_node *n)
{
	unsigned long m;

	if (!n)
		return 0;
	m = max(va_size(to_va(n)), check_augment(n->rb_left));
	m = max(m, check_augment(n->rb_right));
	if (to_va(n)->subtree_max_size != m)
		check_fail("free range %08lx-%08lx: subtree_max_size %lu, should be %lu",
			   to_va(n)->va_start, to_va(n)->va_end,
			   to_va(n)->subtree_max_size, m);
	return m;
}

static void check_tree_shape(const struct rb_root *root, const char *name,
			     unsigned long count)
{
	unsigned long nodes;

	if (rb_validate(root, &nodes) < 0)
		check_fail("%s tree is not a valid red-black tree", name);
	else if (nodes != count)
		check_fail("%s tree has %lu nodes, counter says %lu", name, nodes, count);
}

static bool state_ok(const struct vmap_area *va, const struct rb_root *root)
{
	if (root == &free_vmap_root)
		return va->state == VA_FREE;
	if (root == &lazy_vmap_root)
		return va->state == VA_LAZY;
	return va_is_busy(va) && va->state <= VA_DYING;
}

/*
 * Walk the three trees together in address order: each range must start
 * where the previous one ended, from VMALLOC_START to VMALLOC_END.
 */
static void check_coverage(void)
{
	static const char *const names[3] = { "free", "busy", "lazy" };
	struct rb_root *roots[3] = { &free_vmap_root, &busy_vmap_root, &lazy_vmap_root };
	struct rb_node *it[3];
	unsigned long expect = VMALLOC_START, bytes[3] = { 0, 0, 0 }, deferred = 0;
	bool prev_free = false;
	unsigned int i;

	for (i = 0; i < 3; i++)
		it[i] = rb_first(roots[i]);
	while (it[0] || it[1] || it[2]) {
		struct vmap_area *va = NULL;

		for (i = 0; i < 3; i++) {
			if (it[i] && to_va(it[i])->va_start == expect) {
				va = to_va(it[i]);
				break;
			}
		}
		if (!va) {
			check_fail("nothing covers %08lx (a gap or an overlap)", expect);
			return;
		}
		if (va->va_end <= va->va_start || (va->va_start | va->va_end) & ~PAGE_MASK)
			check_fail("bad range %08lx-%08lx", va->va_start, va->va_end);
		if (!state_ok(va, roots[i]))
			check_fail("%08lx-%08lx in the %s tree has state %u", va->va_start,
				   va->va_end, names[i], (unsigned int)va->state);
		if (i == 0 && prev_free)
			check_fail("free ranges not merged at %08lx", va->va_start);
		prev_free = i == 0;
		deferred += va->state == VA_DEFERRED;
		bytes[i] += va_size(va);
		expect = va->va_end;
		it[i] = rb_next(it[i]);
	}
	if (expect != VMALLOC_END)
		check_fail("ranges end at %08lx, not at VMALLOC_END", expect);
	if (bytes[0] != free_bytes || bytes[1] != busy_bytes || bytes[2] != lazy_bytes)
		check_fail("bytes free %lu/%lu busy %lu/%lu lazy %lu/%lu (walked/counted)",
			   bytes[0], free_bytes, bytes[1], busy_bytes, bytes[2], lazy_bytes);
	if (free_bytes + busy_bytes + lazy_bytes != VMALLOC_TOTAL)
		check_fail("free + busy + lazy bytes = %lu, not the range's %lu",
			   free_bytes + busy_bytes + lazy_bytes, VMALLOC_TOTAL);
	if (deferred != nr_deferred)
		check_fail("%lu deferred areas, counter says %lu", deferred, nr_deferred);
}

static void check_pool(void)
{
	unsigned long pages = 0, used = 0, free = 0;
	struct vmap_area *va;
	struct page *page;
	struct list_head *pos;

	list_for_each_entry(page, &pool_pages, lru) {
		pages++;
		used += page->private;
	}
	list_for_each(pos, &pool_free) {
		va = list_entry(pos, struct vmap_area, list);
		free++;
		if (va->state != VA_POISON)
			check_fail("free descriptor %p in use (state %u)", (void *)va,
				   (unsigned int)va->state);
	}
	list_for_each_entry(va, &deferred_list, list)
		if (va->state != VA_DEFERRED)
			check_fail("%08lx on the deferred list is not deferred", va->va_start);
	if (pages != pool_nr_pages || free != pool_nr_free || used != pool_nr_used ||
	    used + free != pages * POOL_OBJS_PER_PAGE)
		check_fail("pool: %lu frames, %lu used, %lu free (counted %lu/%lu/%lu)",
			   pages, used, free, pool_nr_pages, pool_nr_used, pool_nr_free);
	if (pool_nr_used != nr_free + nr_busy + nr_lazy)
		check_fail("pool: %lu descriptors in use, trees hold %lu", pool_nr_used,
			   nr_free + nr_busy + nr_lazy);
}

unsigned int __vmap_area_check(void)
{
	check_errors = 0;
	check_tree_shape(&free_vmap_root, "free", nr_free);
	check_tree_shape(&busy_vmap_root, "busy", nr_busy);
	check_tree_shape(&lazy_vmap_root, "lazy", nr_lazy);
	check_augment(free_vmap_root.rb_node);
	check_coverage();
	check_pool();
	return check_errors;
}
