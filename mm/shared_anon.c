// SPDX-License-Identifier: MIT
/*
 * The shared anonymous object (contract in mm/internal.h): what a
 * MAP_SHARED|MAP_ANONYMOUS region maps, Linux's shmem file behind
 * /dev/zero. Every region that maps it (after split, mremap or fork)
 * sees the same frames; each holds a reference to the object.
 *
 * Index -> frame is a two-level table sized to the object: a directory
 * of one pointer per SHARED_ANON_LEAF_PAGES pages (4 MiB), allocated
 * with the object, and leaves of SHARED_ANON_LEAF_PAGES frame pointers
 * (one 4 KiB kmalloc object each), allocated the first time a page in
 * their 4 MiB is touched. Why: a lookup is two loads under the lock, and
 * an untouched part costs 4 bytes per 4 MiB (a 3 GiB object, the whole
 * user space, has a 3 KiB directory and nothing else); a touched part
 * costs 4 KiB per 4 MiB, 0.1% of what it maps. A balanced tree would
 * cost a node per frame and O(log n) per fault; a flat array would cost
 * 4 bytes per page of the object's size up front (3 MiB for 3 GiB). The
 * object never shrinks (no hole punching: MADV_DONTNEED only unmaps), so
 * leaves and frames live until the object goes.
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>

#include "internal.h"

#define SHARED_ANON_LEAF_SHIFT	10
#define SHARED_ANON_LEAF_PAGES	(1UL << SHARED_ANON_LEAF_SHIFT)
/* Largest object: the whole user part of an address space. */
#define SHARED_ANON_MAX_PAGES	(TASK_SIZE >> PAGE_SHIFT)

/*
 * Invariants (shared_anon_check re-derives them):
 *   nr_frames == the number of non-NULL leaf slots; each leaf holds one
 *   NR_SHMEM counts the frames of every object
 *   a frame at index i: mapping == obj, index == i, and it holds the
 *   object's reference plus one per PTE mapping it:
 *   _refcount >= 1 + page_mapcount (transient references may add more)
 */
struct shared_anon {
	spinlock_t lock;		/* the directory, the leaves, nr_frames */
	int refcount;			/* atomic: one per region mapping it */
	unsigned long nr_pages;		/* size, fixed at creation */
	unsigned long nr_frames;	/* frames allocated so far */
	unsigned long nr_leaves;	/* directory entries */
	struct page ***dir;		/* leaf per 4 MiB, NULL until touched */
};

struct shared_anon *shared_anon_create(unsigned long nr_pages)
{
	struct shared_anon *obj;

	if (!nr_pages || nr_pages > SHARED_ANON_MAX_PAGES)
		return NULL;
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return NULL;
	obj->nr_leaves = (nr_pages + SHARED_ANON_LEAF_PAGES - 1) >> SHARED_ANON_LEAF_SHIFT;
	obj->dir = kcalloc(obj->nr_leaves, sizeof(*obj->dir), GFP_KERNEL);
	if (!obj->dir) {
		kfree(obj);
		return NULL;
	}
	spin_lock_init(&obj->lock);
	obj->refcount = 1;
	obj->nr_pages = nr_pages;
	return obj;
}

void shared_anon_get(struct shared_anon *obj)
{
	__atomic_fetch_add(&obj->refcount, 1, __ATOMIC_RELAXED);
}

/* Give a frame back: unmapped by now (every region's PTEs are gone). */
static void shared_anon_free_frame(struct shared_anon *obj, struct page *page,
				   unsigned long index)
{
	if (page_mapcount(page))
		pr_err("shared_anon: freeing index %lu (pfn %#lx) still mapped %d times\n",
		       index, page_to_pfn(page), page_mapcount(page));
	page->mapping = NULL;
	page->index = 0;
	dec_node_page_state(NR_SHMEM);
	put_page(page);
}

void shared_anon_put(struct shared_anon *obj)
{
	unsigned long l, i;

	if (__atomic_sub_fetch(&obj->refcount, 1, __ATOMIC_ACQ_REL))
		return;
	for (l = 0; l < obj->nr_leaves; l++) {
		struct page **leaf = obj->dir[l];

		if (!leaf)
			continue;
		for (i = 0; i < SHARED_ANON_LEAF_PAGES; i++)
			if (leaf[i])
				shared_anon_free_frame(obj, leaf[i],
						       (l << SHARED_ANON_LEAF_SHIFT) + i);
		kfree(leaf);
	}
	kfree(obj->dir);
	kfree(obj);
}

unsigned long shared_anon_size(const struct shared_anon *obj)
{
	return obj->nr_pages;
}

unsigned long shared_anon_nr_frames(const struct shared_anon *obj)
{
	return __atomic_load_n(&obj->nr_frames, __ATOMIC_RELAXED);
}

/* The slot for index (< nr_pages), or NULL when its leaf is missing; lock held. */
static struct page **shared_anon_slot(struct shared_anon *obj, unsigned long index)
{
	struct page **leaf = obj->dir[index >> SHARED_ANON_LEAF_SHIFT];

	return leaf ? &leaf[index & (SHARED_ANON_LEAF_PAGES - 1)] : NULL;
}

/*
 * Allocation happens outside the lock (the frame zeroed, the leaf from
 * kmalloc); the result is installed under it, and whatever another
 * context installed first wins: ours goes back.
 */
struct page *shared_anon_get_page(struct shared_anon *obj, unsigned long index,
				  gfp_t gfp, int *err)
{
	gfp_t leaf_gfp = gfp & ~(__GFP_HIGHMEM | GFP_MOVABLE_MASK | __GFP_ZERO);
	struct page **slot, **leaf = NULL, *page, *fresh;

	if (index >= obj->nr_pages) {
		*err = -EFAULT;
		return NULL;
	}
	spin_lock(&obj->lock);
	slot = shared_anon_slot(obj, index);
	page = slot ? *slot : NULL;
	if (page) {
		get_page(page);
		spin_unlock(&obj->lock);
		return page;
	}
	spin_unlock(&obj->lock);

	if (!slot) {
		leaf = kzalloc(SHARED_ANON_LEAF_PAGES * sizeof(*leaf), leaf_gfp);
		if (!leaf) {
			*err = -ENOMEM;
			return NULL;
		}
	}
	fresh = alloc_page(gfp | __GFP_ZERO);
	if (!fresh) {
		kfree(leaf);
		*err = -ENOMEM;
		return NULL;
	}

	spin_lock(&obj->lock);
	if (!obj->dir[index >> SHARED_ANON_LEAF_SHIFT]) {
		obj->dir[index >> SHARED_ANON_LEAF_SHIFT] = leaf;
		leaf = NULL;
	}
	slot = shared_anon_slot(obj, index);
	page = *slot;
	if (!page) {
		page = fresh;
		fresh = NULL;
		page->mapping = obj;
		page->index = index;
		__SetPageSwapBacked(page);
		*slot = page;
		obj->nr_frames++;
		inc_node_page_state(NR_SHMEM);
	}
	get_page(page);
	spin_unlock(&obj->lock);

	kfree(leaf);
	if (fresh)
		put_page(fresh);
	return page;
}

int shared_anon_check(struct shared_anon *obj)
{
	unsigned long l, i, frames = 0;
	int bad = 0;

	spin_lock(&obj->lock);
	for (l = 0; l < obj->nr_leaves; l++) {
		struct page **leaf = obj->dir[l];

		if (!leaf)
			continue;
		for (i = 0; i < SHARED_ANON_LEAF_PAGES; i++) {
			unsigned long index = (l << SHARED_ANON_LEAF_SHIFT) + i;
			struct page *page = leaf[i];

			if (!page)
				continue;
			frames++;
			if (index >= obj->nr_pages || page->mapping != obj ||
			    page->index != index ||
			    page_ref_count(page) < 1 + page_mapcount(page)) {
				pr_err("shared_anon_check: index %lu (pfn %#lx): mapping %p index %lu ref %d map %d\n",
				       index, page_to_pfn(page), page->mapping,
				       page->index, page_ref_count(page),
				       page_mapcount(page));
				bad = 1;
			}
		}
	}
	if (frames != obj->nr_frames) {
		pr_err("shared_anon_check: %lu frames in the table, nr_frames %lu\n",
		       frames, obj->nr_frames);
		bad = 1;
	}
	spin_unlock(&obj->lock);
	return bad ? -EFAULT : 0;
}
