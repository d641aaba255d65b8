// SPDX-License-Identifier: MIT
/*
 * The buddy allocator: zones, free lists, per-CPU lists, watermarks and
 * grouping by mobility.
 *
 * Free frames are kept as blocks of 2^order frames, order 0..MAX_PAGE_ORDER,
 * each block aligned to its size (its first pfn is a multiple of 2^order).
 * A block's buddy is the other half of the block of twice its size that
 * contains it: buddy_pfn = pfn ^ (1 << order). A request of order k takes
 * the first block of the smallest non-empty order >= k and splits it,
 * putting each upper half back on the list of its order ("expand"): 2^k
 * frames served from a block of order k + n leave one block each of orders
 * k + n - 1, ..., k. Freeing a block merges it with its buddy while the
 * buddy is a free block of the same order in the same zone, repeating one
 * order up each time, so that there are never two free buddies of equal
 * order ("__free_one_page"). Frames that are reserved, allocated, on a
 * per-CPU list or outside the zone stop the merge.
 *
 * Every list is further split by migratetype. Memory is cut into pageblocks
 * of 2^pageblock_order frames, each labelled unmovable, movable or
 * reclaimable; a free block goes on the list of its pageblock's label and a
 * request takes from its own type's lists first. When those are empty it
 * steals from another type, largest block first: a block of at least half
 * a pageblock (or any block, for unmovable and reclaimable requests) drags
 * the free blocks of its whole pageblock to the requester's lists, and the
 * pageblock changes label when at least half of it was free. Movable
 * requests that find only small foreign blocks take one without relabelling
 * anything. Long-lived unmovable pages thus pile up in few pageblocks and
 * the rest can coalesce into whole 4 MiB blocks again.
 *
 * Order-0 requests and frees go through per-CPU lists (struct
 * per_cpu_pages), refilled from and drained to the buddy lists `batch`
 * frames at a time under zone->lock, so that the common case touches only
 * this CPU's list, with its interrupts off and no lock at all (see
 * mmzone.h for who may touch which field). Their fast paths are here,
 * inlined into the entry points; the rest of them is page_alloc_pcp.c.
 *
 * Locking: a CPU's own per-CPU lists with its interrupts off; zone->lock,
 * with interrupts off, for the rest (nested inside the former when both).
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "page_alloc_internal.h"
#include "internal.h"

/* alloc_flags: which watermark to keep, and how far below it to go. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_MASK	0x3u
#define ALLOC_NO_WATERMARKS	0x4u
#define ALLOC_HIGH		0x8u	/* __GFP_HIGH: half of min is enough */

#define MAX_RECLAIM_HOOKS	4

/* What a free or allocated block keeps of its flags across the change. */
#define PAGE_FLAGS_KEEP		(PAGE_FLAGS_PLACE | PAGE_FLAG(PG_poison))
/* A pcp frame and an order-0 head of its type differ in just these. */
#define PAGE_FLAGS_PCP_TO_HEAD	(PAGE_FLAG(PG_pcp) | PAGE_FLAG(PG_head))
/*
 * Owner bits that may be set on a block that passes the free check;
 * cleared (the others are PAGE_FLAGS_OWNER_BAD_AT_FREE: see there).
 */
#define PAGE_FLAGS_OWNER						\
	(PAGE_FLAG(PG_referenced) | PAGE_FLAG(PG_uptodate) |		\
	 PAGE_FLAG(PG_dirty) | PAGE_FLAG(PG_swapbacked))
/* The order-0 fast paths flip and clear these with 12-bit immediates. */
BUILD_BUG_ON((PAGE_FLAGS_PCP_TO_HEAD | PAGE_FLAGS_OWNER) >= 0x800);

/* page_alloc_knobs: what the order-0 allocation fast path leaves to the slow path. */
#define KNOB_DEBUG		0x1u	/* page_alloc_debug: poison checks */
#define KNOB_FAIL		0x2u	/* fail_page_alloc_probability != 0 */

bool page_group_by_mobility_disabled;
bool page_alloc_debug;
unsigned long page_alloc_failures;

/* KNOB_* bits of the knobs that are on: one load on the fast path. */
static unsigned int page_alloc_knobs;

#ifdef __riscv
/*
 * The entry point's return address, read in its slow branch. _RET_IP_
 * makes GCC copy ra at function entry, an instruction on every fast path;
 * until the branch calls something, ra still holds it (as slab_caller()).
 */
#define fast_caller()	({ unsigned long __ra;				\
			   __asm__ volatile("mv %0, ra" : "=r"(__ra));	\
			   __ra; })
#else
#define fast_caller()	_RET_IP_
#endif

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable",
};

static page_reclaim_fn reclaim_hooks[MAX_RECLAIM_HOOKS];
static bool in_reclaim[NR_CPUS];
static unsigned int blocking_irq_warned;

/* Who a steal falls back to, in order (Linux's table). */
static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/* The zone index in a frame's flags. */
static __always_inline unsigned int page_flags_zonenum(unsigned long pf)
{
	return (pf & PAGE_ZONE_MASK) >> PAGE_ZONE_SHIFT;
}

static __always_inline int pfnblock_mt(unsigned long pfn)
{
	return pageblock_mt[(pfn - pageblock_base_pfn) >> pageblock_order];
}

int get_pfnblock_migratetype(unsigned long pfn)
{
	return pfnblock_mt(pfn);
}

void set_pageblock_migratetype(unsigned long pfn, int mt)
{
	if (page_group_by_mobility_disabled)
		mt = MIGRATE_UNMOVABLE;
	pageblock_mt[(pfn - pageblock_base_pfn) >> pageblock_order] = (u8)mt;
}

static __always_inline bool in_mem_map(const struct page *page)
{
	unsigned long off = (unsigned long)((const char *)page - (const char *)mem_map);

	return off < mem_map_bytes && off % sizeof(struct page) == 0;
}

bool page_in_mem_map(const struct page *page)
{
	return in_mem_map(page);
}

static unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

/*
 * The free list helpers keep nr_free; zone->free_pages changes once per
 * free or allocation, by its size, in the callers.
 */
static void add_to_free_list(struct page *page, struct zone *zone,
			     unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];

	page->private = order;
	page->flags |= PAGE_FLAG(PG_buddy);
	list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

static void del_from_free_list(struct page *page, struct zone *zone,
			       unsigned int order)
{
	/* A plain unlink: the links are rewritten when the frame is next listed. */
	page->lru.next->prev = page->lru.prev;
	page->lru.prev->next = page->lru.next;
	page->flags &= ~PAGE_FLAG(PG_buddy);
	zone->free_area[order].nr_free--;
}

/*
 * Put the block [pfn, pfn + 2^order) on the free lists, merging it with
 * its buddy as long as possible (see the comment at the top). zone->lock
 * held; the frames' descriptors carry no state flags.
 */
static __always_inline void
__free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
		unsigned int order, int mt)
{
	zone->free_pages += 1UL << order;
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (buddy_pfn - zone->zone_start_pfn >= zone->spanned_pages)
			break;		/* outside the zone */
		buddy = page + ((long)buddy_pfn - (long)pfn);
		if (!PageBuddy(buddy) || buddy_order(buddy) != order)
			break;
		del_from_free_list(buddy, zone, order);
		if (buddy_pfn < pfn) {
			page = buddy;
			pfn = buddy_pfn;
		}
		order++;
	}
	add_to_free_list(page, zone, order, mt);
}

/*
 * page heads a block of order high taken off the lists; keep its first
 * 2^low frames and give the upper halves back, one block per order.
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high, int mt)
{
	while (high > low) {
		high--;
		add_to_free_list(page + (1UL << high), zone, high, mt);
	}
}

static __always_inline struct page *
__rmqueue_smallest(struct zone *zone, unsigned int order, int mt)
{
	unsigned int o;

	for (o = order; o < NR_PAGE_ORDERS; o++) {
		struct list_head *list = &zone->free_area[o].free_list[mt];
		struct page *page;

		if (list_empty(list))
			continue;
		page = list_first_entry(list, struct page, lru);
		del_from_free_list(page, zone, o);
		expand(zone, page, order, o, mt);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* Move every free block of pfn's pageblock (within zone) to mt's lists. */
static unsigned long move_freepages_block(struct zone *zone, unsigned long pfn,
					  int mt)
{
	unsigned long start = ALIGN_DOWN(pfn, pageblock_nr_pages);
	unsigned long end = start + pageblock_nr_pages, moved = 0;

	start = max(start, zone->zone_start_pfn);
	end = min(end, zone_end_pfn(zone));
	while (start < end) {
		struct page *page = pfn_to_page(start);
		unsigned int order;

		if (!PageBuddy(page)) {
			start++;
			continue;
		}
		order = buddy_order(page);
		list_move(&page->lru, &zone->free_area[order].free_list[mt]);
		start += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

static bool can_steal_fallback(unsigned int order, int start_mt)
{
	return order >= pageblock_order / 2 || start_mt != MIGRATE_MOVABLE ||
	       page_group_by_mobility_disabled;
}

static int find_fallback(const struct free_area *area, int start_mt)
{
	unsigned int i;

	for (i = 0; i < MIGRATE_TYPES - 1; i++) {
		int mt = fallbacks[start_mt][i];

		if (!list_empty(&area->free_list[mt]))
			return mt;
	}
	return -1;
}

/* Claim page's pageblock (or just its free blocks) for start_mt. */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int order, int start_mt)
{
	unsigned long pfn = page_to_pfn(page);

	if (order >= pageblock_order) {
		set_pageblock_migratetype(pfn, start_mt);
		list_move(&page->lru, &zone->free_area[order].free_list[start_mt]);
		return;
	}
	if (move_freepages_block(zone, pfn, start_mt) >= pageblock_nr_pages / 2 ||
	    page_group_by_mobility_disabled)
		set_pageblock_migratetype(pfn, start_mt);
}

static noinline struct page *__rmqueue_fallback(struct zone *zone,
						unsigned int order, int start_mt)
{
	struct page *page;
	int o, mt;

	/* Largest first: a whole foreign pageblock is the best thing to take. */
	for (o = MAX_PAGE_ORDER; o >= (int)order; o--) {
		mt = find_fallback(&zone->free_area[o], start_mt);
		if (mt < 0)
			continue;
		if (!can_steal_fallback((unsigned int)o, start_mt))
			break;
		page = list_first_entry(&zone->free_area[o].free_list[mt],
					struct page, lru);
		steal_suitable_fallback(zone, page, (unsigned int)o, start_mt);
		return __rmqueue_smallest(zone, order, start_mt);
	}
	/* Movable, and only small foreign blocks: borrow the smallest one. */
	for (o = (int)order; o < NR_PAGE_ORDERS; o++) {
		mt = find_fallback(&zone->free_area[o], start_mt);
		if (mt < 0)
			continue;
		page = list_first_entry(&zone->free_area[o].free_list[mt],
					struct page, lru);
		del_from_free_list(page, zone, (unsigned int)o);
		expand(zone, page, order, (unsigned int)o, mt);
		zone->free_pages -= 1UL << order;
		return page;
	}
	return NULL;
}

/* Take a block of order off zone's lists; zone->lock held. */
static __always_inline struct page *__rmqueue(struct zone *zone,
					      unsigned int order, int mt)
{
	struct page *page = __rmqueue_smallest(zone, order, mt);

	if (unlikely(!page))
		page = __rmqueue_fallback(zone, order, mt);
	return page;
}

/*
 * Would taking 2^order frames leave z above its mark? This is the
 * arithmetic half of Linux's __zone_watermark_ok; the other half, "is
 * there a free block of at least this order", is __rmqueue's own test,
 * which fails when there is none.
 */
static __always_inline bool zone_watermark_ok(const struct zone *z,
					      unsigned int order,
					      unsigned int alloc_flags,
					      enum zone_type classzone)
{
	long min = (long)z->_watermark[alloc_flags & ALLOC_WMARK_MASK];
	long free = (long)z->free_pages - ((1L << order) - 1);

	if (alloc_flags & ALLOC_NO_WATERMARKS)
		return free > 0;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	return free > min + (long)z->lowmem_reserve[classzone];
}

/*
 * Give `count` frames of this CPU's pcp back to the buddy lists, oldest
 * first, taking the lists in turn; irqs off.
 */
void free_pcppages_bulk(struct zone *zone, struct per_cpu_pages *pcp,
			unsigned int count)
{
	unsigned int mt = 0, tries;

	spin_lock(&zone->lock);
	while (count && pcp->count) {
		struct page *page;
		unsigned long pfn;

		for (tries = 0; list_empty(&pcp->lists[mt]); tries++) {
			if (tries == MIGRATE_PCPTYPES) {
				/* Never loop with irqs off: say so and stop. */
				pr_err("free_pcppages_bulk: count %u but the lists are empty\n",
				       pcp->count);
				pcp->drained += pcp->count;
				pcp->count = 0;
				goto out;
			}
			mt = (mt + 1) % MIGRATE_PCPTYPES;
		}
		page = list_last_entry(&pcp->lists[mt], struct page, lru);
		list_del(&page->lru);
		page->flags &= PAGE_FLAGS_KEEP;
		pcp->count--;
		pcp->drained++;
		count--;
		pfn = page_to_pfn(page);
		__free_one_page(zone, page, pfn, 0, pfnblock_mt(pfn));
		mt = (mt + 1) % MIGRATE_PCPTYPES;
	}
out:
	spin_unlock(&zone->lock);
}

/*
 * The buddy side of a per-CPU list refill (page_alloc_pcp.c): up to count
 * frames of type mt onto list, tagged as that list's, while the zone stays
 * above the watermark; irqs off.
 */
unsigned int rmqueue_bulk(struct zone *zone, unsigned int count, int mt,
			  struct list_head *list, unsigned int alloc_flags,
			  enum zone_type classzone)
{
	unsigned int n;

	spin_lock(&zone->lock);
	if (!zone_watermark_ok(zone, 0, alloc_flags, classzone)) {
		spin_unlock(&zone->lock);
		return 0;
	}
	for (n = 0; n < count; n++) {
		struct page *page = __rmqueue(zone, 0, mt);

		if (!page)
			break;
		page->flags = (page->flags & PAGE_FLAGS_KEEP) | PAGE_FLAG(PG_pcp) |
			      ((unsigned long)mt << PAGE_MT_SHIFT);
		list_add_tail(&page->lru, list);
	}
	spin_unlock(&zone->lock);
	return n;
}

static __always_inline struct page *rmqueue(struct zone *zone,
					    unsigned int order, int mt,
					    unsigned int alloc_flags,
					    enum zone_type classzone)
{
	struct page *page = NULL;
	unsigned long flags;

	if (likely(order == 0))
		return rmqueue_pcplist(zone, mt, alloc_flags, classzone);
	spin_lock_irqsave(&zone->lock, flags);
	if (zone_watermark_ok(zone, order, alloc_flags, classzone)) {
		page = __rmqueue(zone, order, mt);
		if (page)
			zone->pgalloc += 1UL << order;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return page;
}

/* The zones a request may use, highest first. */
static __always_inline enum zone_type gfp_classzone(gfp_t gfp)
{
	return (gfp & __GFP_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;
}

/*
 * Try each zone the request may use, highest first. Inlined, so that each
 * caller's alloc_flags fold into the watermark test.
 */
static __always_inline struct page *get_page_from_freelist(gfp_t gfp,
							   unsigned int order,
							   int mt,
							   unsigned int alloc_flags)
{
	enum zone_type classzone = gfp_classzone(gfp);
	int idx;

	for (idx = (int)classzone; idx >= 0; idx--) {
		struct zone *zone = &contig_page_data.node_zones[idx];
		struct page *page;

		if (!zone->managed_pages)
			continue;
		page = rmqueue(zone, order, mt, alloc_flags, classzone);
		if (page)
			return page;
	}
	return NULL;
}

/*
 * Run the reclaim hooks: the request failed at the low watermark, or found
 * no block large enough. They are asked for enough to reach high again.
 */
static void run_reclaim_hooks(gfp_t gfp, unsigned int order)
{
	const struct zone *z = &contig_page_data.node_zones[gfp_classzone(gfp)];
	unsigned long free = READ_ONCE(z->free_pages), want = 1UL << order;
	unsigned int cpu = smp_processor_id(), i;

	if (in_reclaim[cpu])
		return;		/* a hook is allocating: no recursion */
	if (high_wmark_pages(z) > free)
		want += high_wmark_pages(z) - free;
	in_reclaim[cpu] = true;
	for (i = 0; i < MAX_RECLAIM_HOOKS; i++) {
		page_reclaim_fn fn = READ_ONCE(reclaim_hooks[i]);

		if (fn)
			fn((unsigned int)want, gfp);
	}
	in_reclaim[cpu] = false;
}

/*
 * The fast path failed at the low watermark: reclaim, go down to min (or
 * further for __GFP_HIGH, or all the way for __GFP_MEMALLOC), and as a last
 * resort pull back the cached frames.
 *
 * Only a request that may block (__GFP_DIRECT_RECLAIM: GFP_KERNEL, not
 * GFP_ATOMIC or GFP_NOWAIT) runs the reclaim hooks, as only such requests
 * run Linux's shrinkers (__alloc_pages_slowpath goes to nopage before
 * direct reclaim without it): a hook empties caches wholesale, which an
 * interrupt handler must not pay for. There is no kswapd to wake for
 * __GFP_KSWAPD_RECLAIM; the slab reaper's work and the next blocking
 * request that fails do the reclaiming. The per-CPU lists are drained for
 * every request: a blocking one with drain_all_pages(), which queues a
 * drain on each CPU with frames and waits for it, as Linux's direct
 * reclaim does; any other moves this CPU's lists under its own
 * interrupts-off section and only asks the others, so an atomic request
 * may do it without sleeping.
 */
static noinline struct page *alloc_pages_slowpath(gfp_t gfp, unsigned int order,
						  int mt)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN;
	struct page *page;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if (gfp & __GFP_MEMALLOC)
		alloc_flags = ALLOC_NO_WATERMARKS;
	if (gfpflags_allow_blocking(gfp))
		run_reclaim_hooks(gfp, order);
	page = get_page_from_freelist(gfp, order, mt, alloc_flags);
	if (!page) {
		if (gfpflags_allow_blocking(gfp))
			drain_all_pages();
		else
			drain_all_pages_nowait();
		page = get_page_from_freelist(gfp, order, mt, alloc_flags);
	}
	return page;
}

/*
 * A request that may block (__GFP_DIRECT_RECLAIM, as in GFP_KERNEL) made
 * from an interrupt handler: Linux's might_alloc() catches this with
 * might_sleep_if(gfpflags_allow_blocking()); here nothing sleeps yet, but
 * such a request would run the reclaim hooks, and sleep once tasks can.
 * Warned about once per boot, with the caller; the request goes on.
 */
static noinline void warn_blocking_alloc_in_irq(gfp_t gfp, unsigned int order,
						unsigned long caller)
{
	char sym[KSYM_NAME_LEN + 32];

	if (__atomic_exchange_n(&blocking_irq_warned, 1, __ATOMIC_RELAXED))
		return;
	pr_err("BUG: allocation that may block (gfp %#x, order %u) from interrupt context, caller %s: use GFP_ATOMIC\n",
	       gfp, order, sprint_symbol(sym, sizeof(sym), caller));
}

/* Poison check and zeroing: the rare parts of handing a block out. */
static noinline struct page *prep_new_page_extra(struct page *page,
						 unsigned int order, gfp_t gfp,
						 unsigned long caller)
{
	unsigned long i;

	if (page_alloc_debug)
		page_poison_check_block(page, order, caller);
	if (!(gfp & __GFP_ZERO))
		return page;
	for (i = 0; i < (1UL << order); i++) {
		void *va = page_alloc_map(page + i);

		if (!va) {
			pr_err("cannot zero pfn %#lx: highmem and no kmap\n",
			       page_to_pfn(page + i));
			continue;
		}
		clear_page(va);
		page_alloc_unmap(page + i, va);
	}
	return page;
}

/*
 * Fill in a block just taken off the lists for its new owner. _mapcount
 * and mapping are -1 and NULL already: every free frame keeps them so.
 */
static __always_inline void prep_new_page(struct page *page, unsigned int order,
					  int mt)
{
	page->flags = (page->flags & PAGE_FLAGS_KEEP) | PAGE_FLAG(PG_head) |
		      ((unsigned long)order << PAGE_ORDER_SHIFT) |
		      ((unsigned long)mt << PAGE_MT_SHIFT);
	page->_refcount = 1;	/* nobody else can see the block yet */
}

/*
 * Everything but a hit on this CPU's list: orders above 0, knobs, zeroing,
 * refills, the buddy lists, reclaim.
 *
 * The context check is here, not on the order-0 fast path, which has no
 * instructions to spare for a thread-local load (tests/bench/targets.conf).
 * Linux too checks only in debug builds (CONFIG_DEBUG_ATOMIC_SLEEP). So a
 * blocking request from an interrupt handler is caught the first time it
 * leaves the per-CPU list: any order above 0, __GFP_ZERO, a refill or a
 * failure; with page_poison on, every request comes here and is checked.
 */
static noinline struct page *alloc_pages_slow(gfp_t gfp, unsigned int order,
					      unsigned long caller)
{
	int mt = gfp_migratetype(gfp);
	struct page *page;

	if (unlikely(gfpflags_allow_blocking(gfp) && in_interrupt()))
		warn_blocking_alloc_in_irq(gfp, order, caller);
	if (unlikely(order > MAX_PAGE_ORDER))
		goto fail;
	if (unlikely(READ_ONCE(fail_page_alloc_probability)) &&
	    should_fail_alloc_page(gfp, order))
		goto fail;
	page = get_page_from_freelist(gfp, order, mt, ALLOC_WMARK_LOW);
	if (unlikely(!page))
		page = alloc_pages_slowpath(gfp, order, mt);
	if (!page)
		goto fail;
	prep_new_page(page, order, mt);
	if (unlikely(page_alloc_debug || (gfp & __GFP_ZERO)))
		return prep_new_page_extra(page, order, gfp, caller);
	return page;
fail:
	__atomic_fetch_add(&page_alloc_failures, 1, __ATOMIC_RELAXED);
	warn_alloc(gfp, order, caller);
	return NULL;
}

/*
 * An order-0 frame from this CPU's list of zone zi and the gfp's type, or
 * NULL if that list is empty. The list index comes straight from the gfp:
 * "both mobility bits" indexes the always-empty extra list and so goes to
 * the slow path too.
 */
static __always_inline struct page *pcp_take(unsigned int zi, gfp_t gfp)
{
	struct per_cpu_pages *pcp;
	struct list_head *list, *first;
	struct page *page;
	unsigned long flags;

	local_irq_save(flags);
	pcp = this_cpu_pcp(zi);
	list = &pcp->lists[(gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT];
	first = list->next;
	if (unlikely(first == list)) {
		local_irq_restore(flags);
		return NULL;
	}
	/* Unlink without list_del's re-initialisation: lru is the owner's now. */
	list->next = first->next;
	first->next->prev = list;
	pcp->count--;
	pcp->taken++;
	page = list_entry(first, struct page, lru);
	/* prep_new_page for a pcp frame: its mt field is its list's type. */
	page->flags ^= PAGE_FLAGS_PCP_TO_HEAD;
	page->_refcount = 1;
	local_irq_restore(flags);
	return page;
}

/*
 * The fast path: an order-0 frame from this CPU's list, with no knob on and
 * no zeroing asked for; NULL sends the request to the slow path.
 */
static __always_inline struct page *alloc_pages_fast(gfp_t gfp, unsigned int order)
{
	unsigned int rare = order | READ_ONCE(page_alloc_knobs);

	if (unlikely(rare | (gfp & (__GFP_ZERO | __GFP_HIGHMEM)))) {
		if (rare | (gfp & __GFP_ZERO))
			return NULL;
		if (contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages)
			return pcp_take(ZONE_HIGHMEM, gfp);
	}
	return pcp_take(ZONE_NORMAL, gfp);
}

/*
 * The fast path calls nothing, and every way off it meets at the one call
 * of the slow path, so that GCC builds the entry point's frame there only
 * (shrink-wrapping): the fast path neither saves ra nor sets up the frame
 * pointer, and an oops backtrace through the slow path still shows the
 * entry point.
 */
static __always_inline struct page *alloc_pages_caller(gfp_t gfp,
						       unsigned int order,
						       unsigned long caller)
{
	struct page *page = alloc_pages_fast(gfp, order);

	if (likely(page))
		return page;
	return alloc_pages_slow(gfp, order, caller);
}

/* As alloc_pages_caller, with the caller read on the slow branch only. */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages_fast(gfp, order);

	if (likely(page))
		return page;
	return alloc_pages_slow(gfp, order, fast_caller());
}

struct page *alloc_page(gfp_t gfp)
{
	struct page *page = alloc_pages_fast(gfp, 0);

	if (likely(page))
		return page;
	return alloc_pages_slow(gfp, 0, fast_caller());
}

static unsigned long get_free_pages_caller(gfp_t gfp, unsigned int order,
					   unsigned long caller)
{
	struct page *page = alloc_pages_caller(gfp & ~__GFP_HIGHMEM, order, caller);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	return get_free_pages_caller(gfp, order, _RET_IP_);
}

unsigned long __get_free_page(gfp_t gfp)
{
	return get_free_pages_caller(gfp, 0, _RET_IP_);
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return get_free_pages_caller(gfp | __GFP_ZERO, 0, _RET_IP_);
}

/* What the free fast path leaves to free_pages_slow(). */
enum free_slow {
	FREE_DONE,
	FREE_DEBUG,	/* page_alloc_debug: the checked free */
	FREE_BAD,	/* the flags test failed: diagnose and refuse */
	FREE_UNDERFLOW,	/* the reference count went below zero */
	FREE_BLOCK,	/* the last reference to a block of order > 0: free_pages_ok */
	FREE_SPILL,	/* the frame filled this CPU's list of its zone */
};

/*
 * An order-0 frame whose last reference is gone goes to this CPU's list of
 * the type it was allocated as (the buddy lists, when it is drained there,
 * go by its pageblock). pf: the frame's flags, which passed the free check,
 * so that besides PG_head only owner bits, the mt and zone fields and
 * PG_poison can be set in it. Returns FREE_DONE, or FREE_SPILL when the
 * list has reached its high mark: the caller spills it, after the
 * interrupts are back on (so it goes by pf's zone: the frame itself may
 * be gone again by then).
 */
static __always_inline unsigned int free_unref_page(struct page *page,
						    unsigned long pf)
{
	unsigned int mt = (pf & PAGE_MT_MASK) >> PAGE_MT_SHIFT;
	struct per_cpu_pages *pcp;
	unsigned long flags;
	bool full;

	local_irq_save(flags);
	pcp = this_cpu_pcp(page_flags_zonenum(pf));
	page->flags = (pf ^ PAGE_FLAGS_PCP_TO_HEAD) & ~PAGE_FLAGS_OWNER;
	list_add(&page->lru, &pcp->lists[mt]);
	full = ++pcp->count >= pcp->high;
	local_irq_restore(flags);
	return unlikely(full) ? FREE_SPILL : FREE_DONE;
}

/* The last reference to a block of order > 0 is gone. */
static noinline void free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), flags;
	struct zone *zone = page_zone(page);

	page->flags &= PAGE_FLAGS_KEEP;
	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(zone, page, pfn, order, pfnblock_mt(pfn));
	zone->pgfree += 1UL << order;
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* The head's flags of an allocated block of this order, under PAGE_FLAGS_CHECK_AT_FREE. */
static __always_inline unsigned long free_expect(unsigned int order)
{
	return PAGE_FLAG(PG_head) | ((unsigned long)order << PAGE_ORDER_SHIFT);
}

/*
 * The fast path of a free: drop a reference and, on the last one, put an
 * order-0 frame on this CPU's list. The head's flags must say "allocated
 * block of this order" with no owner state left that Linux also refuses
 * at free (PAGE_FLAGS_CHECK_AT_FREE): one test that refuses double frees,
 * wrong orders, tails, reserved, slab and still-private frames before they
 * can reach a list. Returns what is left to do (enum free_slow); *pfp:
 * the flags the test saw.
 */
static __always_inline unsigned int free_pages_fast(struct page *page,
						    unsigned int order,
						    unsigned long *pfp)
{
	unsigned long pf;
	int refs;

	if (unlikely(READ_ONCE(page_alloc_debug)))
		return FREE_DEBUG;
	pf = *pfp = page->flags;
	if (unlikely(order > MAX_PAGE_ORDER ||
		     (pf & PAGE_FLAGS_CHECK_AT_FREE) != free_expect(order)))
		return FREE_BAD;
	refs = __atomic_sub_fetch(&page->_refcount, 1, __ATOMIC_ACQ_REL);
	if (unlikely(refs != 0))
		return refs < 0 ? FREE_UNDERFLOW : FREE_DONE;
	if (order)
		return FREE_BLOCK;
	return free_unref_page(page, pf);
}

/* Everything a free's fast path leaves (see enum free_slow); pf as it saw it. */
static noinline void free_pages_slow(struct page *page, unsigned int order,
				     unsigned int why, unsigned long pf,
				     unsigned long caller)
{
	switch (why) {
	case FREE_DEBUG:
		free_pages_debug(page, order, free_expect(order), caller);
		break;
	case FREE_BAD:
	case FREE_UNDERFLOW:
		page_bad_free(page, order, caller);
		break;
	case FREE_SPILL:
		pcp_spill(page_flags_zonenum(pf));
		break;
	}
}

void free_the_page(struct page *page, unsigned int order)
{
	unsigned long pf;

	if (order) {
		free_pages_ok(page, order);
		return;
	}
	pf = page->flags;
	if (free_unref_page(page, pf) != FREE_DONE)
		pcp_spill(page_flags_zonenum(pf));
}

/*
 * Drop a reference; free the block on the last one. Order 0 calls nothing
 * unless its list spills; as for allocations, every way off the fast path
 * meets at one call, so that only the slow path builds a frame.
 */
static __always_inline void free_pages_caller(struct page *page,
					      unsigned int order,
					      unsigned long caller)
{
	unsigned long pf = 0;
	unsigned int why = free_pages_fast(page, order, &pf);

	if (likely(why == FREE_DONE))
		return;
	if (why == FREE_BLOCK) {
		free_pages_ok(page, order);
		return;
	}
	free_pages_slow(page, order, why, pf, caller);
}

/* As free_pages_caller, with the caller read on the slow branch only. */
void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pf = 0;
	unsigned int why = free_pages_fast(page, order, &pf);

	if (likely(why == FREE_DONE))
		return;
	if (why == FREE_BLOCK) {
		free_pages_ok(page, order);
		return;
	}
	free_pages_slow(page, order, why, pf, fast_caller());
}

void __free_page(struct page *page)
{
	unsigned long pf = 0;
	unsigned int why = free_pages_fast(page, 0, &pf);

	if (likely(why == FREE_DONE))
		return;
	free_pages_slow(page, 0, why, pf, fast_caller());
}

static void free_pages_addr(unsigned long addr, unsigned int order,
			    unsigned long caller)
{
	if (!addr)
		return;
	if (unlikely(!IS_ALIGNED(addr, PAGE_SIZE) || !mem_map ||
		     !virt_addr_valid((void *)addr))) {
		page_bad_free_addr(addr, order, caller);
		return;
	}
	free_pages_caller(virt_to_page((void *)addr), order, caller);
}

void free_pages(unsigned long addr, unsigned int order)
{
	free_pages_addr(addr, order, _RET_IP_);
}

void free_page(unsigned long addr)
{
	free_pages_addr(addr, 0, _RET_IP_);
}

void put_page(struct page *page)
{
	unsigned int order = 0;

	if (page_in_mem_map(page))
		order = page_alloc_order(page);
	free_pages_caller(page, order, _RET_IP_);
}

void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	if (!page_in_mem_map(page) || !PageHead(page) ||
	    page_alloc_order(page) != order || page_ref_count(page) != 1) {
		pr_err("split_page: %p is not a singly owned order-%u block\n",
		       (void *)page, order);
		return;
	}
	page->flags &= ~PAGE_ORDER_MASK;
	for (i = 1; i < (1UL << order); i++) {
		page[i].flags = (page[i].flags & PAGE_FLAGS_KEEP) |
				(page->flags & PAGE_MT_MASK) | PAGE_FLAG(PG_head);
		page[i]._mapcount = -1;
		set_page_count(page + i, 1);
	}
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	unsigned int order;
	unsigned long addr, used, end;

	if (!size)
		return NULL;
	order = get_order(size);
	addr = get_free_pages_caller(gfp, order, _RET_IP_);
	if (!addr)
		return NULL;
	split_page(virt_to_page((void *)addr), order);
	used = addr + ALIGN(size, PAGE_SIZE);
	end = addr + (PAGE_SIZE << order);
	for (; used < end; used += PAGE_SIZE)
		free_pages_addr(used, 0, _RET_IP_);
	return (void *)addr;
}

void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + ALIGN(size, PAGE_SIZE);

	for (; addr < end; addr += PAGE_SIZE)
		free_pages_addr(addr, 0, _RET_IP_);
}

int page_alloc_register_reclaim(page_reclaim_fn fn)
{
	unsigned int i;

	for (i = 0; i < MAX_RECLAIM_HOOKS; i++) {
		if (!reclaim_hooks[i]) {
			WRITE_ONCE(reclaim_hooks[i], fn);
			return 0;
		}
	}
	return -ENOSPC;
}

/*
 * A frame the boot left reserved becomes the buddy allocator's: memblock's
 * free ranges at the end of boot, free_reserved_page() and
 * free_reserved_area() later. The caller has made sure it is RAM.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long i, n = 1UL << order, pfn = page_to_pfn(page), flags;
	struct zone *zone = page_zone(page);

	for (i = 0; i < n; i++) {
		page[i].flags &= PAGE_FLAGS_PLACE;
		set_page_count(page + i, 0);
	}
	if (page_alloc_debug)
		page_poison_block(page, order);
	spin_lock_irqsave(&zone->lock, flags);
	zone->managed_pages += n;
	__free_one_page(zone, page, pfn, order, pfnblock_mt(pfn));
	zone->pgfree += n;
	spin_unlock_irqrestore(&zone->lock, flags);
}

/*
 * Only a frame of RAM that the boot left reserved may be handed over: a
 * frame of a hole (between RAM banks, or anything memblock does not call
 * RAM) is PG_reserved too but has no memory behind it, and a frame that is
 * not reserved belongs to the allocator already. Either is a bad free.
 */
void free_reserved_page(struct page *page)
{
	unsigned long pfn;

	if (!page_in_mem_map(page)) {
		page_bad_release(page, "not a page frame", _RET_IP_);
		return;
	}
	pfn = page_to_pfn(page);
	if (!memblock_is_memory(PFN_PHYS(pfn)) ||
	    !zone_spans_pfn(page_zone(page), pfn))
		page_bad_release(page, "not RAM: a hole in the memory map", _RET_IP_);
	else if (!PageReserved(page))
		page_bad_release(page, "not a reserved frame", _RET_IP_);
	else
		__free_pages_core(page, 0);
}

void page_alloc_knobs_update(void)
{
	WRITE_ONCE(page_alloc_knobs,
		   (page_alloc_debug ? KNOB_DEBUG : 0) |
		   (READ_ONCE(fail_page_alloc_probability) ? KNOB_FAIL : 0));
}

void page_alloc_core_reset(void)
{
	page_group_by_mobility_disabled = false;
	page_alloc_debug = false;
	page_alloc_knobs = 0;
	memset(reclaim_hooks, 0, sizeof(reclaim_hooks));
	memset(in_reclaim, 0, sizeof(in_reclaim));
	blocking_irq_warned = 0;
	page_alloc_failures = 0;
}
