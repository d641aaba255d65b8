/* SPDX-License-Identifier: MIT */
/*
 * Interfaces between mm/vmap_area.c (the area allocator), mm/vmalloc.c
 * (the API) and mm/vmalloc_report.c; not for use elsewhere.
 *
 * Every byte of [VMALLOC_START, VMALLOC_END) is in exactly one struct
 * vmap_area, which is in exactly one of three address-ordered red-black
 * trees according to its state:
 *
 *   free_vmap_root   VA_FREE   ranges anyone may take; augmented with
 *                              subtree_max_size; no two adjacent
 *   busy_vmap_root   VA_NEW, VA_LIVE, VA_DEFERRED, VA_DYING: areas with an
 *                              owner (guard pages included)
 *   lazy_vmap_root   VA_LAZY   freed, PTEs clear, TLB not yet flushed
 *
 * With |T| the node count and bytes(T) the sum of va_end - va_start:
 *   bytes(free) + bytes(busy) + bytes(lazy) == VMALLOC_END - VMALLOC_START
 *   |free| == nr_free, |busy| == nr_busy, |lazy| == nr_lazy
 *   bytes(lazy) == lazy_bytes;  |VA_DEFERRED| == nr_deferred
 *   for a free node: subtree_max_size == max(size, children's values)
 * Descriptors are objects of the "vmap_area" slab cache; with linked =
 * |free| + |busy| + |lazy| + (1 if the preload slot is filled):
 *   linked <= objects of the cache in use <= linked + in flight
 * (in flight: allocated outside the lock and not linked yet, or unlinked
 * and not freed yet; with nothing in flight, in use == linked).
 * __vmap_area_check() re-derives all of these under vmap_area_lock.
 *
 * Lock order: vmap_area_lock, then the slab cache's lock, then the buddy
 * allocator's zone lock. Descriptors are allocated before vmap_area_lock
 * is taken, never under it; they may be freed under it (kmem_cache_free
 * may give a slab back to the buddy allocator). Neither allocator calls
 * into vmalloc, so the order is never reversed.
 */
#ifndef _MM_VMALLOC_INTERNAL_H
#define _MM_VMALLOC_INTERNAL_H

#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

enum vmap_state {
	VA_FREE,	/* free tree */
	VA_LAZY,	/* lazy tree: unmapped, waiting for the purge */
	VA_NEW,		/* busy tree: reserved, being mapped */
	VA_LIVE,	/* busy tree: handed out */
	VA_DEFERRED,	/* busy tree: freed in interrupt context, on deferred_list */
	VA_DYING,	/* busy tree: being unmapped */
};

struct vmap_area {
	unsigned long va_start;		/* first byte */
	unsigned long va_end;		/* first byte after the area */
	struct rb_node rb_node;		/* in the tree of its state */
	struct list_head list;		/* VA_DEFERRED: on deferred_list */
	unsigned long subtree_max_size;	/* VA_FREE: largest va_end - va_start below */
	enum vmap_state state;
	struct vm_struct vm;		/* busy states: what the owner sees */
};

/* Protects the three trees, their counters, the preload slot, deferred_list. */
extern spinlock_t vmap_area_lock;
extern struct rb_root busy_vmap_root;
extern struct rb_root lazy_vmap_root;
extern struct list_head deferred_list;
extern unsigned long nr_deferred;

static inline bool va_is_busy(const struct vmap_area *va)
{
	return va->state >= VA_NEW;
}

/*
 * Reserve a busy area of size bytes (guards included, page multiple) whose
 * va_start is align-aligned, inside [vstart, vend): the lowest free range
 * that surely fits is taken (first fit; see find_lowest_fit). If nothing
 * fits, lazy areas are purged and the search repeated once. The area is
 * VA_NEW with vm zeroed. NULL when the range has no room or no descriptor
 * can be allocated (gfp). Descriptors are allocated before vmap_area_lock
 * is taken; the caller must not hold it.
 */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend, gfp_t gfp);
/*
 * A busy area whose PTEs are all clear goes to the lazy tree; the lazy
 * areas are purged when their bytes pass the threshold.
 */
void free_vmap_area_lazy(struct vmap_area *va);
/* Purge now (no-op if nothing is lazy). vmap_area_lock held. */
void __purge_vmap_area_lazy(void);
/* The busy area containing addr, or NULL. vmap_area_lock held. */
struct vmap_area *__find_busy_area(unsigned long addr);
/* The lazy area containing addr, or NULL. vmap_area_lock held. */
struct vmap_area *__find_lazy_area(unsigned long addr);
/* Lowest free range fitting size/align in [vstart, vend) (bench, tests). Lock held. */
unsigned long __vmap_find_lowest(unsigned long size, unsigned long align,
				 unsigned long vstart, unsigned long vend);
/* Area-layer invariants above. Lock held; returns the number of violations. */
unsigned int __vmap_area_check(void);
/* Counters for vmalloc_get_stats (all but the page counts). Lock held. */
void __vmap_area_stats(struct vmalloc_stats *st);
/* Frames of the descriptor cache's slabs. Lock not held. */
unsigned long vmap_area_cache_pages(void);
/*
 * Create the descriptor cache and the free tree (vmalloc_init; after
 * kmem_cache_init) / forget everything, the cache included (vmalloc_reset).
 */
int vmap_area_init(void);
void vmap_area_reset(void);
void vmap_set_lazy_max(unsigned long bytes);

#endif /* _MM_VMALLOC_INTERNAL_H */
