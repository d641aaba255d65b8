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
 * The descriptors are objects of their own slab cache, "vmap_area". Nothing
 * is allocated under vmap_area_lock: alloc_vmap_area takes the area's
 * descriptor from the cache before it takes the lock, and a second one, for
 * the upper part of a free range that a request splits, waits in the
 * preload slot (Linux's "preload" idea). The slot is filled outside the
 * lock, with the caller's gfp, and consumed under it; if a split finds it
 * empty (an interrupt or another hart used it in between), the lock is
 * dropped, the slot filled again and the search repeated. Descriptors that merging or an exact fit make redundant
 * go back to the cache under the lock: the slab takes only its own cache
 * lock and the buddy allocator's zone lock inside it, and neither ever
 * calls into vmalloc, so vmap_area_lock -> slab -> buddy is the only order
 * in which these locks nest.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <asm/tlbflush.h>

#include "slab.h"
#include "vmalloc_internal.h"
#include "internal.h"

#define VMALLOC_TOTAL		(VMALLOC_END - VMALLOC_START)
/* Default lazy-purge threshold: freed bytes waiting for a TLB flush. */
#define LAZY_MAX_DEFAULT	(8UL << 20)
/* Written into a descriptor's state as it goes back to the cache: stale pointers show. */
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
/* A descriptor set aside for the next split of a free range, or NULL. */
static struct vmap_area *vmap_preload;

/* Set once by vmap_area_init. */
static struct kmem_cache *vmap_area_cachep;
/*
 * Descriptors taken from the cache and in no tree nor the preload slot
 * (atomic adds): being allocated, not yet linked, or about to go back.
 * Counted up before kmem_cache_alloc and down after kmem_cache_free, so
 * that at any instant (see check_descriptors)
 *   linked <= objects of the cache in use <= linked + nr_in_flight
 */
static unsigned long nr_in_flight;

static inline unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static inline struct vmap_area *to_va(const struct rb_node *n)
{
	return rb_entry(n, struct vmap_area, rb_node);
}

/* ---- descriptors -------------------------------------------------------- */

static inline void in_flight_add(long v)
{
	__atomic_fetch_add(&nr_in_flight, v, __ATOMIC_RELAXED);
}

/*
 * A zeroed descriptor from the cache, in flight until it is linked; NULL
 * when the cache has none for gfp. vmap_area_lock not held.
 */
static struct vmap_area *va_alloc(gfp_t gfp)
{
	struct vmap_area *va;

	in_flight_add(1);
	va = kmem_cache_alloc(vmap_area_cachep, gfp & ~__GFP_ZERO);
	if (!va) {
		in_flight_add(-1);
		return NULL;
	}
	memset(va, 0, sizeof(*va));
	INIT_LIST_HEAD(&va->list);
	return va;
}

/* A descriptor that was in flight back to the cache. vmap_area_lock not held. */
static void va_free_unlinked(struct vmap_area *va)
{
	va->state = VA_POISON;
	kmem_cache_free(vmap_area_cachep, va);
	in_flight_add(-1);
}

/* A descriptor just taken out of a tree back to the cache. Lock held. */
static void __va_free(struct vmap_area *va)
{
	va->state = VA_POISON;
	kmem_cache_free(vmap_area_cachep, va);
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
 * free ranges on either side; va is reused as the free node or goes back
 * to the cache. The neighbours are the last nodes the descent passed on its
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
		__va_free(next);
		nr_free--;
		prev->va_end = end;
		rb_augment_propagate(&prev->rb_node, &free_va_cb);
		__va_free(va);
	} else if (to_prev) {
		prev->va_end = va->va_end;
		rb_augment_propagate(&prev->rb_node, &free_va_cb);
		__va_free(va);
	} else if (to_next) {
		next->va_start = va->va_start;
		rb_augment_propagate(&next->rb_node, &free_va_cb);
		__va_free(va);
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
 * Taking [addr, addr + size) out of the free range f splits it in two: the
 * upper part then needs the preloaded descriptor.
 */
static inline bool carve_splits(const struct vmap_area *f, unsigned long addr,
				unsigned long size)
{
	return addr != f->va_start && addr + size != f->va_end;
}

/*
 * Take [addr, addr + size) out of the free range f: drop f, shrink it from
 * one end, or split it (the upper part takes vmap_preload).
 */
static void __carve(struct vmap_area *f, unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size;

	if (addr == f->va_start && end == f->va_end) {
		rb_erase_augmented(&f->rb_node, &free_vmap_root, &free_va_cb);
		__va_free(f);
		nr_free--;
	} else if (addr == f->va_start) {
		f->va_start = end;
		rb_augment_propagate(&f->rb_node, &free_va_cb);
	} else if (end == f->va_end) {
		f->va_end = addr;
		rb_augment_propagate(&f->rb_node, &free_va_cb);
	} else {
		struct vmap_area *upper = vmap_preload;

		if (!upper)
			panic("vmap: splitting %08lx-%08lx with no preloaded descriptor",
			      f->va_start, f->va_end);
		vmap_preload = NULL;
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
	struct vmap_area *va, *pre, *f;
	unsigned long flags, addr;
	bool filling;

	if (!size || align < PAGE_SIZE || (size | align) & ~PAGE_MASK ||
	    align & (align - 1))
		return NULL;
	va = va_alloc(gfp);
	if (!va)
		return NULL;
	for (;;) {
		/*
		 * Fill the slot if it looks empty. Until the lock is taken an
		 * interrupt or another hart may fill or use it: pre goes in only
		 * if it is still empty, and a split checks it under the lock.
		 */
		filling = !READ_ONCE(vmap_preload);
		pre = filling ? va_alloc(gfp) : NULL;
		spin_lock_irqsave(&vmap_area_lock, flags);
		if (pre && !vmap_preload) {
			vmap_preload = pre;
			in_flight_add(-1);
			pre = NULL;
		}
		f = __find_fit(size, align, vstart, vend, &addr);
		if (!f && nr_lazy) {
			/* lazy ranges may close the gap: purge them and look again */
			__purge_vmap_area_lazy();
			f = __find_fit(size, align, vstart, vend, &addr);
		}
		if (!f || vmap_preload || !carve_splits(f, addr, size))
			break;
		/* a split and an empty slot: pre failed, or the slot was used since */
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		if (filling) {
			va_free_unlinked(va);
			return NULL;
		}
	}
	if (f) {
		__carve(f, addr, size);
		va->va_start = addr;
		va->va_end = addr + size;
		va->state = VA_NEW;
		__tree_insert(&busy_vmap_root, va, NULL);
		in_flight_add(-1);
		nr_busy++;
		busy_bytes += size;
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	if (pre)
		va_free_unlinked(pre);
	if (!f) {
		va_free_unlinked(va);
		return NULL;
	}
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

	if (!vmap_area_cachep)
		vmap_area_cachep = kmem_cache_create("vmap_area", sizeof(struct vmap_area),
						     0, 0, NULL, NULL);
	if (!vmap_area_cachep)
		return -ENOMEM;
	va = va_alloc(GFP_KERNEL);
	if (!va)
		return -ENOMEM;
	spin_lock_irqsave(&vmap_area_lock, flags);
	if (!RB_EMPTY_ROOT(&free_vmap_root) || !RB_EMPTY_ROOT(&busy_vmap_root)) {
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		va_free_unlinked(va);
		return -EBUSY;
	}
	va->va_start = VMALLOC_START;
	va->va_end = VMALLOC_END;
	__insert_free(va);
	in_flight_add(-1);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return 0;
}

void vmap_area_reset(void)
{
	free_vmap_root = RB_ROOT;
	busy_vmap_root = RB_ROOT;
	lazy_vmap_root = RB_ROOT;
	INIT_LIST_HEAD(&deferred_list);
	nr_free = free_bytes = nr_busy = busy_bytes = nr_lazy = lazy_bytes = 0;
	nr_deferred = nr_purges = 0;
	lazy_max = LAZY_MAX_DEFAULT;
	vmap_preload = NULL;
	vmap_area_cachep = NULL;
	nr_in_flight = 0;
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
	st->meta_objects = nr_free + nr_lazy + (vmap_preload != NULL);
	st->purges = nr_purges;
}

unsigned long vmap_area_cache_pages(void)
{
	struct slab_cache_info info;
	unsigned long slabs = 0;
	unsigned int l;

	if (!vmap_area_cachep)
		return 0;
	kmem_cache_get_info(vmap_area_cachep, &info);
	for (l = 0; l < SLAB_NR_LISTS; l++)
		slabs += info.slabs[l];
	return slabs << info.order;
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

/*
 * Every descriptor vmalloc holds is an object of its cache in use, and
 * every such object is one of them: linked (a tree node or the preload) or
 * in flight. The cache's lock nests inside vmap_area_lock, as on a free.
 */
static void check_descriptors(void)
{
	unsigned long linked = nr_free + nr_busy + nr_lazy + (vmap_preload != NULL);
	unsigned long in_flight = READ_ONCE(nr_in_flight), used;
	struct slab_cache_info info;
	struct vmap_area *va;

	list_for_each_entry(va, &deferred_list, list)
		if (va->state != VA_DEFERRED)
			check_fail("%08lx on the deferred list is not deferred", va->va_start);
	if (vmap_preload && vmap_preload->state != VA_FREE)
		check_fail("the preloaded descriptor was written (state %u)",
			   (unsigned int)vmap_preload->state);
	if (!vmap_area_cachep) {
		if (linked)
			check_fail("%lu descriptors and no cache", linked);
		return;
	}
	kmem_cache_get_info(vmap_area_cachep, &info);
	used = info.active_objs - info.in_arrays;
	if (used < linked || used > linked + in_flight)
		check_fail("descriptors: %lu objects of the cache in use, %lu linked, %lu in flight",
			   used, linked, in_flight);
}

unsigned int __vmap_area_check(void)
{
	check_errors = 0;
	check_tree_shape(&free_vmap_root, "free", nr_free);
	check_tree_shape(&busy_vmap_root, "busy", nr_busy);
	check_tree_shape(&lazy_vmap_root, "lazy", nr_lazy);
	check_augment(free_vmap_root.rb_node);
	check_coverage();
	check_descriptors();
	return check_errors;
}
