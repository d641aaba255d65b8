// SPDX-License-Identifier: MIT
/*
 * Debugging the buddy allocator's frees: bad-free reports and page
 * poisoning (page_poison=), and the allocator's own access to the frames
 * it poisons. The checker is in page_alloc_check.c, fault injection in
 * fail_page_alloc.c, the failure warning with the reports.
 *
 * Bad frees are found in O(1) on every free (page_alloc.c compares the
 * head's flags with what an allocated block of that order must carry);
 * this file only works out which rule was broken and says so. The free is
 * then refused, so the lists never see it.
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "internal.h"

unsigned long page_alloc_bad_frees;
unsigned long page_alloc_poison_errors;

static void *(*kmap_fn)(struct page *page);
static void (*kunmap_fn)(void *addr);

void page_alloc_debug_reset(void)
{
	page_alloc_bad_frees = 0;
	page_alloc_poison_errors = 0;
	kmap_fn = NULL;
	kunmap_fn = NULL;
}

void page_alloc_set_kmap(void *(*map)(struct page *page),
			 void (*unmap)(void *addr))
{
	kmap_fn = map;
	kunmap_fn = unmap;
}

void *page_alloc_map(struct page *page)
{
	void *va = page_address(page);

	if (va)
		return va;
	return kmap_fn ? kmap_fn(page) : NULL;
}

void page_alloc_unmap(struct page *page, void *addr)
{
	if (!page_address(page) && kunmap_fn)
		kunmap_fn(addr);
}

struct page *find_free_block(const struct zone *z, unsigned long pfn)
{
	unsigned int o;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);
		struct page *p;

		if (!zone_spans_pfn(z, head))
			break;
		p = pfn_to_page(head);
		if (PageBuddy(p) && p->private >= o)
			return p;
	}
	return NULL;
}

/* Is pfn part of a free block or a per-CPU list frame? */
static bool frame_is_free(unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);
	struct zone *z = page_zone(page);
	unsigned long flags;
	bool free;

	if (PagePcp(page) || PageBuddy(page))
		return true;
	spin_lock_irqsave(&z->lock, flags);
	free = find_free_block(z, pfn) != NULL;
	spin_unlock_irqrestore(&z->lock, flags);
	return free;
}

void page_bad_free(struct page *page, unsigned int order, unsigned long caller)
{
	unsigned long pfn, flags;
	const char *why;

	__atomic_fetch_add(&page_alloc_bad_frees, 1, __ATOMIC_RELAXED);
	if (!page_in_mem_map(page)) {
		pr_err("BUG: Bad page free: %p is not a page frame (order %u) caller %#lx\n",
		       (void *)page, order, caller);
		return;
	}
	pfn = page_to_pfn(page);
	flags = page->flags;
	if (order > MAX_PAGE_ORDER)
		why = "order out of range";
	else if (frame_is_free(pfn))
		why = "double free: frame is already free";
	else if (flags & PAGE_FLAG(PG_reserved))
		why = "free of a reserved frame";
	else if (flags & PAGE_FLAG(PG_slab))
		why = "free of a slab frame";
	else if (!(flags & PAGE_FLAG(PG_head)))
		why = "not the first frame of an allocated block";
	else if (page_alloc_order(page) != order)
		why = "wrong order";
	else if (flags & PAGE_FLAG(PG_private))
		why = "PG_private set: owner data still attached";
	else if (flags & PAGE_FLAGS_OWNER_BAD_AT_FREE)
		why = "owner state left (locked, LRU, writeback or active)";
	else if (page->_mapcount != -1)
		why = "frame still mapped";
	else if (page->mapping)
		why = "non-NULL mapping";
	else if (page_ref_count(page) < 0)
		why = "reference count underflow: double free";
	else
		why = "bad flags";
	pr_err("BUG: Bad page free: pfn %#lx order %u: %s (allocated order %u flags %#lx refcount %d mapcount %d) caller %#lx\n",
	       pfn, order, why, page_alloc_order(page), flags,
	       page_ref_count(page), page_mapcount(page), caller);
}

void free_pages_debug(struct page *page, unsigned int order,
		      unsigned long expect, unsigned long caller)
{
	int refs;

	if (!page_in_mem_map(page) || order > MAX_PAGE_ORDER ||
	    (page->flags & PAGE_FLAGS_CHECK_AT_FREE) != expect) {
		page_bad_free(page, order, caller);
		return;
	}
	if (order && page_tails_bad(page, order, caller))
		return;
	refs = __atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL);
	if (unlikely(refs < 0)) {
		page_bad_free(page, order, caller);
		return;
	}
	if (refs)
		return;
	/*
	 * Only the last reference must find the frame unmapped: a mapped
	 * user frame holds one reference per PTE, and dropping one of them
	 * (unmap, copy-on-write) is no free. A refused last free keeps its
	 * reference, so the frame stays a consistent allocated (leaked) one.
	 */
	if (page->_mapcount != -1 || page->mapping) {
		set_page_count(page, 1);
		page_bad_free(page, order, caller);
		return;
	}
	page_poison_block(page, order);
	free_the_page(page, order);
}

void page_bad_release(struct page *page, const char *why, unsigned long caller)
{
	__atomic_fetch_add(&page_alloc_bad_frees, 1, __ATOMIC_RELAXED);
	if (!page_in_mem_map(page)) {
		pr_err("BUG: Bad page free: free_reserved_page(%p): %s, caller %#lx\n",
		       (void *)page, why, caller);
		return;
	}
	pr_err("BUG: Bad page free: free_reserved_page: pfn %#lx: %s (flags %#lx), caller %#lx\n",
	       page_to_pfn(page), why, page->flags, caller);
}

void page_bad_free_addr(unsigned long addr, unsigned int order,
			unsigned long caller)
{
	__atomic_fetch_add(&page_alloc_bad_frees, 1, __ATOMIC_RELAXED);
	pr_err("BUG: Bad page free: address %#lx is not a page frame (order %u) caller %#lx\n",
	       addr, order, caller);
}

bool page_tails_bad(struct page *page, unsigned int order, unsigned long caller)
{
	const unsigned long bad = PAGE_FLAG(PG_buddy) | PAGE_FLAG(PG_pcp) |
				  PAGE_FLAG(PG_head) | PAGE_FLAG(PG_reserved) |
				  PAGE_FLAG(PG_slab) | PAGE_FLAGS_OWNER_BAD_AT_FREE;
	unsigned long i;

	for (i = 1; i < (1UL << order); i++) {
		struct page *t = page + i;

		if ((t->flags & bad) || t->_mapcount != -1 || t->mapping) {
			__atomic_fetch_add(&page_alloc_bad_frees, 1, __ATOMIC_RELAXED);
			pr_err("BUG: Bad page free: pfn %#lx order %u: tail pfn %#lx in use (flags %#lx mapcount %d) caller %#lx\n",
			       page_to_pfn(page), order, page_to_pfn(t), t->flags,
			       page_mapcount(t), caller);
			return true;
		}
	}
	return false;
}

void page_poison_block(struct page *page, unsigned int order)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		void *va = page_alloc_map(page + i);

		if (!va)
			continue;
		memset(va, PAGE_POISON, PAGE_SIZE);
		page_alloc_unmap(page + i, va);
		page[i].flags |= PAGE_FLAG(PG_poison);
	}
}

/* Offset of the first byte of va that is not PAGE_POISON, or PAGE_SIZE. */
static unsigned long poison_mismatch(const void *va)
{
	const unsigned char *b = va;
	unsigned long i;

	/* Every byte equals its successor and the first is poison: all are. */
	if (b[0] == PAGE_POISON && !memcmp(b, b + 1, PAGE_SIZE - 1))
		return PAGE_SIZE;
	for (i = 0; i < PAGE_SIZE; i++)
		if (b[i] != PAGE_POISON)
			break;
	return i;
}

void page_poison_check_block(struct page *page, unsigned int order,
			     unsigned long caller)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++) {
		struct page *p = page + i;
		unsigned long off;
		void *va;

		if (!(p->flags & PAGE_FLAG(PG_poison)))
			continue;
		p->flags &= ~PAGE_FLAG(PG_poison);
		va = page_alloc_map(p);
		if (!va)
			continue;
		off = poison_mismatch(va);
		if (off < PAGE_SIZE) {
			__atomic_fetch_add(&page_alloc_poison_errors, 1, __ATOMIC_RELAXED);
			pr_err("BUG: Bad page poison: pfn %#lx offset %#lx is %#x, not %#x (written after free; block order %u) caller %#lx\n",
			       page_to_pfn(p), off, ((unsigned char *)va)[off],
			       PAGE_POISON, order, caller);
		}
		page_alloc_unmap(p, va);
	}
}
