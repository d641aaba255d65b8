// SPDX-License-Identifier: MIT
/*
 * Checking the buddy allocator: bad-free reports, page poisoning, fault
 * injection and buddy_check(), which re-derives every invariant of
 * mmzone.h from mem_map and the lists.
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
#include <linux/prng.h>
#include <linux/spinlock.h>
#include <asm/page.h>
#include <asm/smp.h>

/* Reports per buddy_check() call, so that one corruption cannot flood. */
#define CHECK_MAX_REPORTS	8
#define FAIL_DEFAULT_SEED	0x5eed5eedULL
/* Failure warnings: the first few, then one per this many failures. */
#define WARN_BURST		10
#define WARN_EVERY		1000

unsigned long page_alloc_bad_frees;
unsigned long page_alloc_poison_errors;
unsigned long page_alloc_injected;
unsigned int fail_page_alloc_probability;

static struct prng fail_prng = { FAIL_DEFAULT_SEED };
static DEFINE_SPINLOCK(fail_lock);

static DEFINE_SPINLOCK(warn_lock);
static unsigned long warn_printed, warn_missed;

static void *(*kmap_fn)(struct page *page);
static void (*kunmap_fn)(void *addr);

void page_alloc_debug_reset(void)
{
	page_alloc_bad_frees = 0;
	page_alloc_poison_errors = 0;
	page_alloc_injected = 0;
	fail_page_alloc_probability = 0;
	prng_seed(&fail_prng, FAIL_DEFAULT_SEED);
	kmap_fn = NULL;
	kunmap_fn = NULL;
	warn_printed = warn_missed = 0;
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
	    (page->flags & PAGE_FLAGS_CHECK_AT_FREE) != expect ||
	    page->_mapcount != -1 || page->mapping) {
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

void fail_page_alloc_set_probability(unsigned int percent)
{
	WRITE_ONCE(fail_page_alloc_probability, min(percent, 100u));
	page_alloc_knobs_update();
}

void fail_page_alloc_seed(u64 seed)
{
	unsigned long flags;

	spin_lock_irqsave(&fail_lock, flags);
	prng_seed(&fail_prng, seed);
	spin_unlock_irqrestore(&fail_lock, flags);
}

bool should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	unsigned int p = READ_ONCE(fail_page_alloc_probability);
	unsigned long flags;
	u32 r;

	(void)gfp;
	(void)order;
	if (!p)
		return false;
	spin_lock_irqsave(&fail_lock, flags);
	r = prng_below(&fail_prng, 100);
	spin_unlock_irqrestore(&fail_lock, flags);
	if (r >= p)
		return false;
	__atomic_fetch_add(&page_alloc_injected, 1, __ATOMIC_RELAXED);
	return true;
}

void warn_alloc(gfp_t gfp, unsigned int order, unsigned long caller)
{
	unsigned long flags, missed = 0;
	bool print = false;
	char line[128];
	struct zone *z;

	if (gfp & __GFP_NOWARN)
		return;
	spin_lock_irqsave(&warn_lock, flags);
	if (warn_printed < WARN_BURST || warn_missed >= WARN_EVERY) {
		print = true;
		missed = warn_missed;
		warn_missed = 0;
		warn_printed++;
	} else {
		warn_missed++;
	}
	spin_unlock_irqrestore(&warn_lock, flags);
	if (!print)
		return;
	pr_warn("page allocation failure: order:%u, mode:%#x, caller %#lx (%lu warnings suppressed)\n",
		order, gfp, caller, missed);
	for_each_zone(z)
		if (z->spanned_pages)
			pr_warn("%s\n", buddyinfo_line(z, line, sizeof(line)));
}

struct check_state {
	const struct zone *z;
	unsigned int reports;
	bool broken;
};

#define check_fail(s, fmt, ...)						\
	do {								\
		(s)->broken = true;					\
		if ((s)->reports++ < CHECK_MAX_REPORTS)			\
			pr_err("buddy_check: zone %s: " fmt "\n",	\
			       (s)->z->name, ##__VA_ARGS__);		\
	} while (0)

/* The free lists: every entry heads an aligned free block of that order. */
static void check_free_lists(struct check_state *s, unsigned long *listed)
{
	const struct zone *z = s->z;
	unsigned int o, mt;

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		listed[o] = 0;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			const struct list_head *head = &z->free_area[o].free_list[mt];
			const struct list_head *pos;

			for (pos = head->next; pos != head; pos = pos->next) {
				const struct page *p = list_entry(pos, struct page, lru);
				unsigned long pfn;

				if (pos->next->prev != pos) {
					check_fail(s, "order %u %s list: broken link",
						   o, migratetype_names[mt]);
					break;
				}
				if (++listed[o] > z->spanned_pages) {
					check_fail(s, "order %u %s list: loops",
						   o, migratetype_names[mt]);
					break;
				}
				if (!page_in_mem_map(p)) {
					check_fail(s, "order %u list holds %p, not a frame",
						   o, (const void *)p);
					break;
				}
				pfn = page_to_pfn(p);
				if (!zone_spans_pfn(z, pfn) ||
				    !zone_spans_pfn(z, pfn + (1UL << o) - 1))
					check_fail(s, "free block pfn %#lx order %u outside the zone",
						   pfn, o);
				if (!PageBuddy(p) || p->private != o)
					check_fail(s, "pfn %#lx on the order %u list but flags %#lx order %lu",
						   pfn, o, p->flags, p->private);
				if (pfn & ((1UL << o) - 1))
					check_fail(s, "free block pfn %#lx not aligned to order %u",
						   pfn, o);
			}
		}
		if (listed[o] != z->free_area[o].nr_free)
			check_fail(s, "order %u: %lu blocks listed, nr_free %lu",
				   o, listed[o], z->free_area[o].nr_free);
	}
}

/* A free frame is unmapped and has no mapping (see mm_types.h). */
static void check_free_frame(struct check_state *s, const struct page *p)
{
	if (p->_mapcount != -1 || p->mapping)
		check_fail(s, "free pfn %#lx mapcount %d mapping %p",
			   page_to_pfn(p), p->_mapcount, p->mapping);
}

/*
 * Every CPU's lists: each frame PG_pcp of this zone, unreferenced, filed
 * under the type in its mt field; the extra list empty; count right.
 */
static unsigned long check_pcp_lists(struct check_state *s)
{
	const unsigned long bad = PAGE_FLAG(PG_buddy) | PAGE_FLAG(PG_head) |
				  PAGE_FLAG(PG_reserved) | PAGE_ORDER_MASK;
	const struct zone *z = s->z;
	unsigned long total = 0;
	unsigned int cpu, mt;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &z->pcp[cpu];
		unsigned long n = 0;

		for (mt = 0; mt <= MIGRATE_PCPTYPES; mt++) {
			const struct list_head *pos;

			for (pos = pcp->lists[mt].next; pos != &pcp->lists[mt];
			     pos = pos->next) {
				const struct page *p = list_entry(pos, struct page, lru);

				if (++n > z->spanned_pages || !page_in_mem_map(p)) {
					check_fail(s, "cpu %u pcp list corrupt", cpu);
					return total;
				}
				if (!PagePcp(p) || (p->flags & bad) || page_zone(p) != z ||
				    ((p->flags & PAGE_MT_MASK) >> PAGE_MT_SHIFT) != mt ||
				    page_ref_count(p) != 0)
					check_fail(s, "cpu %u pcp list %u: pfn %#lx flags %#lx refcount %d",
						   cpu, mt, page_to_pfn(p), p->flags,
						   page_ref_count(p));
				check_free_frame(s, p);
			}
		}
		if (n != pcp->count)
			check_fail(s, "cpu %u pcp: %lu frames listed, count %u",
				   cpu, n, pcp->count);
		total += n;
	}
	return total;
}

/*
 * Walk mem_map over the zone: classify each frame, check free blocks'
 * tails and buddies, and count frames per state.
 */
static void check_frames(struct check_state *s, const unsigned long *listed,
			 unsigned long pcp_listed)
{
	const unsigned long states = PAGE_FLAG(PG_buddy) | PAGE_FLAG(PG_pcp) |
				     PAGE_FLAG(PG_head) | PAGE_FLAG(PG_reserved);
	const struct zone *z = s->z;
	unsigned long blocks[NR_PAGE_ORDERS] = { 0 };
	unsigned long free = 0, pcp = 0, reserved = 0, used = 0, sum = 0;
	unsigned long pfn = z->zone_start_pfn, end = zone_end_pfn(z);
	unsigned int o;

	while (pfn < end) {
		const struct page *p;
		unsigned long st, i;

		if (!pfn_valid(pfn)) {
			/* Between sparse extents: no descriptors, a hole like the reserved. */
			unsigned long next = min(memmap_next_valid_pfn(pfn), end);

			reserved += next - pfn;
			pfn = next;
			continue;
		}
		p = pfn_to_page(pfn);
		st = p->flags & states;
		if (page_zone(p) != z)
			check_fail(s, "pfn %#lx has zone bits of another zone", pfn);
		if (st & (st - 1))
			check_fail(s, "pfn %#lx in two states: flags %#lx", pfn, p->flags);
		if (!(st & PAGE_FLAG(PG_buddy))) {
			if (st & PAGE_FLAG(PG_pcp))
				pcp++;
			else if (st & PAGE_FLAG(PG_reserved))
				reserved++;
			else
				used++;
			pfn++;
			continue;
		}
		o = (unsigned int)p->private;
		if (o > MAX_PAGE_ORDER || (pfn & ((1UL << o) - 1)) ||
		    pfn + (1UL << o) > end) {
			check_fail(s, "free block pfn %#lx has bad order %u", pfn, o);
			pfn++;
			continue;
		}
		if (page_ref_count(p) != 0)
			check_fail(s, "free block pfn %#lx refcount %d", pfn,
				   page_ref_count(p));
		check_free_frame(s, p);
		for (i = 1; i < (1UL << o); i++) {
			if (p[i].flags & states)
				check_fail(s, "pfn %#lx inside free block %#lx order %u has flags %#lx",
					   pfn + i, pfn, o, p[i].flags);
			check_free_frame(s, p + i);
		}
		if (o < MAX_PAGE_ORDER && zone_spans_pfn(z, pfn ^ (1UL << o))) {
			const struct page *b = pfn_to_page(pfn ^ (1UL << o));

			if (PageBuddy(b) && b->private == o)
				check_fail(s, "free buddies pfn %#lx and %#lx of order %u not merged",
					   pfn, pfn ^ (1UL << o), o);
		}
		blocks[o]++;
		free += 1UL << o;
		pfn += 1UL << o;
	}

	for (o = 0; o < NR_PAGE_ORDERS; o++) {
		if (blocks[o] != listed[o])
			check_fail(s, "order %u: %lu free blocks in mem_map, %lu on lists",
				   o, blocks[o], listed[o]);
		sum += z->free_area[o].nr_free << o;
	}
	if (free != z->free_pages || sum != z->free_pages)
		check_fail(s, "free_pages %lu, but %lu in free blocks and %lu by nr_free",
			   z->free_pages, free, sum);
	if (pcp != pcp_listed)
		check_fail(s, "%lu pcp frames in mem_map, %lu on the lists", pcp, pcp_listed);
	if (reserved != z->spanned_pages - z->managed_pages)
		check_fail(s, "%lu reserved frames, expected spanned %lu - managed %lu",
			   reserved, z->spanned_pages, z->managed_pages);
	if (free + pcp + used + reserved != z->spanned_pages ||
	    used != z->managed_pages - z->free_pages - pcp_listed)
		check_fail(s, "free %lu + pcp %lu + used %lu + reserved %lu != spanned %lu (managed %lu)",
			   free, pcp, used, reserved, z->spanned_pages, z->managed_pages);
}

static void check_zone_misc(struct check_state *s)
{
	const struct zone *z = s->z;
	unsigned long pfn;

	if (z->managed_pages > z->present_pages || z->present_pages > z->spanned_pages)
		check_fail(s, "managed %lu > present %lu or present > spanned %lu",
			   z->managed_pages, z->present_pages, z->spanned_pages);
	if (min_wmark_pages(z) > low_wmark_pages(z) ||
	    low_wmark_pages(z) > high_wmark_pages(z))
		check_fail(s, "watermarks out of order: %lu %lu %lu", min_wmark_pages(z),
			   low_wmark_pages(z), high_wmark_pages(z));
	for (pfn = ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages);
	     pfn < zone_end_pfn(z); pfn += pageblock_nr_pages) {
		int mt = get_pfnblock_migratetype(max(pfn, z->zone_start_pfn));

		if (mt < 0 || mt >= MIGRATE_TYPES)
			check_fail(s, "pageblock at pfn %#lx has type %d", pfn, mt);
	}
}

/*
 * Irqs off keeps this CPU's lists still and zone->lock the buddy lists.
 * Other CPUs' lists are read as they are: exact while those CPUs do not
 * run, which holds with one hart (with more, each would have to check its
 * own lists, as Linux's drains run on the owner).
 */
static int zone_check(struct zone *z)
{
	struct check_state s = { z, 0, false };
	unsigned long listed[NR_PAGE_ORDERS], pcp, flags;

	if (!z->spanned_pages)
		return 0;
	spin_lock_irqsave(&z->lock, flags);
	check_free_lists(&s, listed);
	pcp = check_pcp_lists(&s);
	if (!s.broken)	/* the walk trusts what the lists said */
		check_frames(&s, listed, pcp);
	check_zone_misc(&s);
	spin_unlock_irqrestore(&z->lock, flags);
	return s.broken ? -EFAULT : 0;
}

int buddy_check(void)
{
	struct zone *z;
	int ret = 0;

	if (!mem_map)
		return 0;
	for_each_zone(z)
		if (zone_check(z))
			ret = -EFAULT;
	return ret;
}
