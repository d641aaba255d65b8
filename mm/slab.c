// SPDX-License-Identifier: MIT
/*
 * The slab allocator (ULK ch. 8): slab geometry, slabs, objects and the
 * allocation and free paths. Caches as a whole (creation, tunables,
 * reclaim, bootstrap) are mm/slab_cache.c's.
 *
 * An allocation pops the newest object off this CPU's array with
 * interrupts off and nothing else: no lock, no page lookup. When the array
 * is empty, one trip under the cache lock moves `batchcount` objects into
 * it from the slabs, partial slabs first, then free ones; when there are
 * none, the cache grows by a slab taken from the buddy allocator, its
 * objects constructed once, and the trip is repeated. A free pushes the
 * object on the array after the page descriptor has confirmed the cache
 * (O(1): every frame of a slab points at its cache and descriptor); a full
 * array first gives its oldest `batchcount` objects back to their slabs.
 * So the slab lists see traffic only in batches, and objects come back
 * warm and still constructed.
 *
 * Debug caches and fault injection run without arrays: every allocation
 * and free goes to the slabs under the lock, where mm/slab_debug.c checks
 * each object.
 *
 * Slabs that become free stay on slabs_free until the cache holds more
 * than free_limit free objects; the reaper (every SLAB_REAP_PERIOD_MS, from
 * the tick), kmem_cache_shrink and the buddy allocator's low-watermark hook
 * give them back, running the destructor on each object.
 *
 * The layout of a slab and the invariants are in mm/slab.h.
 */
#define pr_fmt(fmt) "slab: " fmt

#include <stdio.h>
#include <string.h>

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "slab.h"

#define stat_inc(field) __atomic_fetch_add(&slab_stats.field, 1, __ATOMIC_RELAXED)

/* ---- slab geometry ---------------------------------------------------------- */

struct slab_geometry {
	unsigned int order, num, left, mgmt;
};

/* Descriptor bytes for num objects (struct slab and its bufctl array). */
static size_t slab_desc_bytes(unsigned int num)
{
	return sizeof(struct slab) + (size_t)num * sizeof(slab_bufctl_t);
}

/*
 * How many buffers of `size` fit a slab of 2^order frames, with the
 * descriptor inside (on-slab, aligned to align) or not; fills g.
 */
static void slab_estimate(unsigned int order, unsigned int size,
			  unsigned int align, bool off_slab,
			  struct slab_geometry *g)
{
	size_t bytes = PAGE_SIZE << order, mgmt = 0, num;

	if (off_slab) {
		num = bytes / size;
	} else {
		num = (bytes - sizeof(struct slab)) /
		      (size + sizeof(slab_bufctl_t));
		while (num && ALIGN(slab_desc_bytes((unsigned int)num), (size_t)align) +
			      num * size > bytes)
			num--;
	}
	if (num > SLAB_MAX_OBJS)
		num = SLAB_MAX_OBJS;
	if (!off_slab && num)
		mgmt = ALIGN(slab_desc_bytes((unsigned int)num), (size_t)align);
	g->order = order;
	g->num = (unsigned int)num;
	g->mgmt = (unsigned int)mgmt;
	g->left = (unsigned int)(bytes - num * size - mgmt);
}

/*
 * The smallest order whose left-over bytes stay under 1/8 of the slab; if
 * none does, the order with the smallest share of waste.
 */
static bool slab_choose_order(unsigned int size, unsigned int align,
			      bool off_slab, struct slab_geometry *best)
{
	struct slab_geometry g;
	unsigned int order;
	bool found = false;

	for (order = 0; order <= SLAB_MAX_ORDER; order++) {
		slab_estimate(order, size, align, off_slab, &g);
		if (!g.num)
			continue;
		if ((unsigned long)g.left * SLAB_WASTE_FRACTION < (PAGE_SIZE << order)) {
			*best = g;
			return true;
		}
		/* left/bytes smaller than best->left/best_bytes? */
		if (!found || (u64)g.left << best->order < (u64)best->left << order)
			*best = g;
		found = true;
	}
	return found;
}

/* Per-CPU array size by object size (Linux's enable_cpucache table). */
static unsigned int default_limit(unsigned int size)
{
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return 1;
	if (size > PAGE_SIZE)
		return 8;
	if (size > 1024)
		return 24;
	if (size > 256)
		return 54;
	return 120;
}

/*
 * Fill in a cache descriptor: alignment, debug layout, slab order, on- or
 * off-slab descriptor, colours. Returns 0 or -EINVAL (no slab fits).
 */
int slab_cache_setup(struct kmem_cache *c, const char *name, size_t size,
		       size_t align, unsigned long flags, kmem_ctor_t ctor,
		       kmem_ctor_t dtor)
{
	unsigned int a = SLAB_MIN_ALIGN, stride, cpu, l;
	struct slab_geometry g;
	bool off_slab = false;

	if (align > a)
		a = (unsigned int)align;
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = L1_CACHE_BYTES;

		while (size <= ralign / 2 && ralign > SLAB_MIN_ALIGN)
			ralign /= 2;
		a = max(a, ralign);
	}
	flags |= slab_debug_flags_for(name);
	if (ctor || dtor)
		flags &= ~SLAB_POISON;	/* poison would undo the constructor */
	if (flags & SLAB_DEBUG_FLAGS)
		flags |= CFLGS_DEBUG;

	strncpy(c->name, name, KMEM_CACHE_NAME_MAX);
	c->name[KMEM_CACHE_NAME_MAX] = '\0';
	c->flags = flags;
	c->align = a;
	c->object_size = (unsigned int)size;
	c->ctor = ctor;
	c->dtor = dtor;
	if (flags & CFLGS_DEBUG) {
		stride = slab_debug_layout(c, (unsigned int)size);
	} else {
		c->obj_offset = 0;
		c->meta_offset = 0;
		stride = (unsigned int)ALIGN(size, (size_t)a);
	}
	c->size = stride;

	if (stride >= SLAB_OFF_SLAB_MIN &&
	    slab_choose_order(stride, a, true, &g)) {
		struct kmem_cache *dc = NULL;
		size_t desc = slab_desc_bytes(g.num);

		if (desc <= KMALLOC_MAX_CACHE_SIZE)
			dc = kmalloc_caches[kmalloc_index(desc)];
		/* the descriptor's cache must exist and keep its own on-slab */
		if (dc && dc != c && !(dc->flags & CFLGS_OFF_SLAB)) {
			off_slab = true;
			c->slab_desc_cache = dc;
			c->flags |= CFLGS_OFF_SLAB;
			c->mgmt_size = (unsigned int)desc;
		}
	}
	if (!off_slab) {
		if (!slab_choose_order(stride, a, false, &g))
			return -EINVAL;
		c->mgmt_size = g.mgmt;
	}
	c->num = g.num;
	c->gfporder = g.order;
	c->colour_off = max((unsigned int)L1_CACHE_BYTES, a);
	c->colour = g.left / c->colour_off;
	c->colour_next = 0;
	c->allocflags = (flags & SLAB_RECLAIM_ACCOUNT) ? __GFP_RECLAIMABLE : 0;

	spin_lock_init(&c->lock);
	for (l = 0; l < SLAB_NR_LISTS; l++) {
		INIT_LIST_HEAD(&c->slabs[l]);
		c->nr_slabs[l] = 0;
	}
	memset(&c->off_array, 0, sizeof(c->off_array));
	c->off_array.top = c->off_array.end = c->off_array.entry;
	c->off_array.cache = c;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		c->array[cpu] = &c->off_array;
		c->cpu_ac[cpu] = NULL;
	}
	c->limit = default_limit(stride);
	c->batchcount = (c->limit + 1) / 2;
	c->free_limit = 2 * c->batchcount + c->num;
	return 0;
}

/* ---- slabs ------------------------------------------------------------------ */

void slab_fix_list(struct kmem_cache *c, struct slab *s)
{
	unsigned int used = s->inuse + s->quarantined;
	unsigned int to = used == 0 ? SLAB_LIST_FREE :
			  used == c->num ? SLAB_LIST_FULL : SLAB_LIST_PARTIAL;

	if (to == s->list_id)
		return;
	c->nr_slabs[s->list_id]--;
	c->nr_slabs[to]++;
	s->list_id = (u16)to;
	list_move(&s->list, &c->slabs[to]);
}

/* Set or clear the back-pointers of every frame of a slab. */
static void slab_mark_frames(struct kmem_cache *c, struct page *page,
			     struct kmem_cache *owner, struct slab *s)
{
	unsigned long i;

	for (i = 0; i < (1UL << c->gfporder); i++) {
		if (owner)
			__SetPageSlab(page + i);
		else
			__ClearPageSlab(page + i);
		page[i].slab_cache = owner;
		page[i].freelist = s;
	}
}

/*
 * Add a slab to c: frames from the buddy allocator, the next colour, the
 * descriptor, every object constructed. Runs with the caller's interrupt
 * state and no lock held (constructors may allocate). False: no memory.
 */
static bool cache_grow(struct kmem_cache *c, gfp_t gfp)
{
	gfp_t pgfp = (gfp & ~(__GFP_ZERO | __GFP_HIGHMEM | GFP_MOVABLE_MASK)) |
		     c->allocflags;
	unsigned int colour, i;
	unsigned long flags;
	struct page *page;
	struct slab *s;
	char *base;

	page = alloc_pages(pgfp, c->gfporder);
	if (!page)
		return false;
	base = page_address(page);

	spin_lock_irqsave(&c->lock, flags);
	colour = c->colour_next;
	if (++c->colour_next >= c->colour)
		c->colour_next = 0;
	spin_unlock_irqrestore(&c->lock, flags);

	if (c->flags & CFLGS_OFF_SLAB) {
		s = slab_alloc_caller(c->slab_desc_cache, gfp & ~__GFP_ZERO,
				      c->mgmt_size, _RET_IP_);
		if (!s) {
			__free_pages(page, c->gfporder);
			return false;
		}
		s->colouroff = colour * c->colour_off;
	} else {
		s = (struct slab *)(base + colour * c->colour_off);
		s->colouroff = colour * c->colour_off + c->mgmt_size;
	}
	s->s_mem = base + s->colouroff;
	s->inuse = 0;
	s->quarantined = 0;
	s->free = 0;
	slab_mark_frames(c, page, c, s);

	for (i = 0; i < c->num; i++) {
		void *buf = slab_buffer(c, s, i);

		if (cache_is_debug(c))
			slab_debug_init_object(c, buf);
		if (c->ctor)
			c->ctor((char *)buf + c->obj_offset);
		s->bufctl[i] = (slab_bufctl_t)(i + 1);
	}
	s->bufctl[c->num - 1] = BUFCTL_END;

	spin_lock_irqsave(&c->lock, flags);
	s->list_id = SLAB_LIST_FREE;
	list_add_tail(&s->list, &c->slabs[SLAB_LIST_FREE]);
	c->nr_slabs[SLAB_LIST_FREE]++;
	c->total_objs += c->num;
	c->free_objs += c->num;
	c->grown++;
	if (c->total_objs / c->num > c->high_slabs)
		c->high_slabs = c->total_objs / c->num;
	spin_unlock_irqrestore(&c->lock, flags);
	return true;
}

/*
 * Give an unlinked slab back to the buddy allocator: destructor on every
 * object (quarantined ones are not trusted and skipped), back-pointers
 * cleared, descriptor freed. No lock held. Returns the frames freed.
 */
static unsigned long slab_release(struct kmem_cache *c, struct slab *s)
{
	void *base = slab_base(c, s);
	struct page *page = virt_to_page(base);
	unsigned int i;

	if (cache_is_debug(c))
		slab_debug_release(c, s);
	if (c->dtor) {
		for (i = 0; i < c->num; i++) {
			void *buf = slab_buffer(c, s, i);

			if (cache_is_debug(c) &&
			    slab_meta(c, buf)->state == SLAB_OBJ_QUARANTINED)
				continue;
			c->dtor((char *)buf + c->obj_offset);
		}
	}
	slab_mark_frames(c, page, NULL, NULL);
	if (c->flags & CFLGS_OFF_SLAB)
		slab_free_caller(c->slab_desc_cache, s, _RET_IP_);
	__free_pages(page, c->gfporder);
	__atomic_fetch_add(&slab_stats.reaped_pages, 1UL << c->gfporder,
			   __ATOMIC_RELAXED);
	return 1UL << c->gfporder;
}

/* Unlink up to max free slabs onto out; c->lock held. */
unsigned long slab_take_free(struct kmem_cache *c,
					   struct list_head *out,
					   unsigned long max)
{
	unsigned long n = 0;

	while (n < max && !list_empty(&c->slabs[SLAB_LIST_FREE])) {
		/* the tail: free the longest */
		struct slab *s = list_last_entry(&c->slabs[SLAB_LIST_FREE],
						 struct slab, list);

		list_move(&s->list, out);
		c->nr_slabs[SLAB_LIST_FREE]--;
		c->total_objs -= c->num;
		c->free_objs -= c->num;
		c->released++;
		n++;
	}
	return n;
}

unsigned long slab_release_list(struct kmem_cache *c,
					struct list_head *list)
{
	struct slab *s, *n;
	unsigned long frames = 0;

	list_for_each_entry_safe(s, n, list, list)
		frames += slab_release(c, s);
	return frames;
}

/* Free slabs beyond free_limit free objects; c->lock held, onto out. */
void slab_trim_locked(struct kmem_cache *c, struct list_head *out)
{
	if (c->free_objs <= c->free_limit)
		return;
	slab_take_free(c, out,
			      (c->free_objs - c->free_limit + c->num - 1) / c->num);
}

/* ---- objects on slabs --------------------------------------------------------- */

/* Take the first free object of s, marking it allocated; c->lock held, s has one. */
static unsigned int slab_get_obj(struct kmem_cache *c, struct slab *s)
{
	unsigned int idx = s->free;

	s->free = s->bufctl[idx];
	s->bufctl[idx] = BUFCTL_ACTIVE;
	s->inuse++;
	c->active_objs++;
	c->free_objs--;
	return idx;
}

/* The slab to allocate from: partial first, then free; c->lock held. */
static struct slab *cache_next_slab(struct kmem_cache *c)
{
	if (!list_empty(&c->slabs[SLAB_LIST_PARTIAL]))
		return list_first_entry(&c->slabs[SLAB_LIST_PARTIAL], struct slab, list);
	if (!list_empty(&c->slabs[SLAB_LIST_FREE]))
		return list_first_entry(&c->slabs[SLAB_LIST_FREE], struct slab, list);
	return NULL;
}

/* Move up to want objects from the slabs into ac; c->lock held. */
static unsigned int cache_refill_locked(struct kmem_cache *c,
					struct array_cache *ac, unsigned int want)
{
	unsigned int n = 0;
	struct slab *s;

	while (n < want && (s = cache_next_slab(c))) {
		while (n < want && s->free != BUFCTL_END) {
			*ac->top++ = slab_object(c, s, slab_get_obj(c, s));
			n++;
		}
		slab_fix_list(c, s);
	}
	return n;
}

/* One object straight from the slabs (arrays off); c->lock held. */
static void *cache_alloc_locked(struct kmem_cache *c, size_t orig_size,
				unsigned long caller)
{
	struct slab *s;

	while ((s = cache_next_slab(c))) {
		unsigned int idx = slab_get_obj(c, s);
		bool ok = true;

		if (cache_is_debug(c))
			ok = slab_debug_alloc(c, s, idx, orig_size, caller);
		slab_fix_list(c, s);
		if (ok)
			return slab_object(c, s, idx);
	}
	return NULL;
}

struct slab *slab_find(struct kmem_cache *c, const void *obj, unsigned int *idx,
		       long *delta)
{
	struct page *page = slab_virt_to_page(obj);
	struct slab *s;
	long off;

	*delta = 0;
	if (!page || !PageSlab(page) || page->slab_cache != c)
		return NULL;
	s = page->freelist;
	off = (long)((const char *)obj - (const char *)s->s_mem) - (long)c->obj_offset;
	if (off < 0) {
		*delta = off;
		return NULL;
	}
	*idx = (unsigned int)((unsigned long)off / c->size);
	*delta = (long)((unsigned long)off % c->size);
	if (*delta || *idx >= c->num)
		return NULL;
	return s;
}

/*
 * Why obj cannot go back to a slab of c, or NULL if it can (*sp, *idxp
 * then say where). buf holds a message that needs formatting. Checks what
 * the fast paths did not: that the page is still a slab of c (it may have
 * gone back to the buddy allocator, or to another cache, while obj waited
 * in an array), the position, and the object's BUFCTL_ACTIVE mark.
 */
static const char *slab_put_refused(struct kmem_cache *c, const void *obj,
				    struct slab **sp, unsigned int *idxp,
				    char *buf, size_t len)
{
	struct page *page = slab_virt_to_page(obj);
	unsigned long off;
	struct slab *s;

	if (!page)
		return "not a linear-map address";
	if (!PageSlab(page))
		return "its slab went back to the page allocator before this free reached it (double free, or never an object)";
	if (page->slab_cache != c) {
		snprintf(buf, len, "now in a slab of %s: its slab went back and was reused before this free reached it (double free, or never an object)",
			 page->slab_cache->name);
		return buf;
	}
	s = page->freelist;
	off = (unsigned long)((const char *)obj - (const char *)s->s_mem) - c->obj_offset;
	if (off % c->size || off / c->size >= c->num)
		return "not the start of an object";
	if (s->bufctl[off / c->size] != BUFCTL_ACTIVE)
		return "object already free (double free)";
	*sp = s;
	*idxp = (unsigned int)(off / c->size);
	return NULL;
}

/* A refused free found in a per-CPU array: its freer was not recorded. */
static void slab_bad_array_free(const struct kmem_cache *c, const void *p,
				const char *why, unsigned long by)
{
	char sym[KSYM_NAME_LEN + 32];

	stat_inc(bad_frees);
	sprint_symbol(sym, sizeof(sym), by);
	pr_err("BUG %s: bad free of %#lx: %s; caller unknown (freed through a per-CPU array), found when %s gave the batch back\n",
	       c->name, (unsigned long)p, why, sym);
}

void slab_free_block(struct kmem_cache *c, void **objs, unsigned int n,
		     bool from_array, unsigned long caller)
{
	char buf[160];
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned int idx = 0;
		struct slab *s = NULL;
		const char *why = slab_put_refused(c, objs[i], &s, &idx, buf,
						   sizeof(buf));

		if (unlikely(why)) {
			if (from_array)
				slab_bad_array_free(c, objs[i], why, caller);
			else
				slab_bad_free(c, objs[i], why, caller);
			continue;
		}
		s->bufctl[idx] = s->free;
		s->free = (slab_bufctl_t)idx;
		s->inuse--;
		c->active_objs--;
		c->free_objs++;
		slab_fix_list(c, s);
	}
}

void slab_flush_locked(struct kmem_cache *c, struct array_cache *ac,
		       unsigned int n, unsigned long by)
{
	unsigned int avail = ac_avail(ac);

	if (n > avail)
		n = avail;
	slab_free_block(c, ac_first(ac), n, true, by);
	memmove(ac_first(ac), ac_first(ac) + n, (avail - n) * sizeof(void *));
	ac->top -= n;
}

/* ---- allocation and free ---------------------------------------------------------- */

/*
 * Everything but a hit in this CPU's array: fault injection, a batch from
 * the slabs (or one object, arrays off), growing the cache.
 */
static void *cache_alloc_refill(struct kmem_cache *c, gfp_t gfp,
				size_t orig_size, unsigned long caller)
{
	if (unlikely(slab_should_fail(c)))
		return NULL;
	for (;;) {
		struct array_cache *ac;
		unsigned long flags;
		void *obj = NULL;

		local_irq_save(flags);
		ac = c->array[smp_processor_id()];
		if (ac_avail(ac)) {	/* __GFP_ZERO, or an interrupt refilled it */
			obj = *--ac->top;
		} else {
			spin_lock(&c->lock);
			if (ac->limit) {
				if (cache_refill_locked(c, ac, ac->batchcount)) {
					ac->touched = 1;
					obj = *--ac->top;
				}
			} else {
				obj = cache_alloc_locked(c, orig_size, caller);
			}
			spin_unlock(&c->lock);
		}
		local_irq_restore(flags);
		if (obj || !cache_grow(c, gfp))
			return obj;
	}
}

void *slab_alloc_slow(struct kmem_cache *c, gfp_t gfp, size_t orig_size,
		      unsigned long caller)
{
	void *obj;

	if (!orig_size || orig_size > c->object_size)
		orig_size = c->object_size;
	obj = cache_alloc_refill(c, gfp, orig_size, caller);
	if (unlikely(!obj)) {
		stat_inc(alloc_failures);
		return NULL;
	}
	/* debug: only what was asked for, the rest is kmalloc red zone */
	if (gfp & __GFP_ZERO)
		memset(obj, 0, cache_is_debug(c) ? orig_size : c->object_size);
	return obj;
}

/* The array is full (or off): a batch goes back to the slabs first. */
void slab_free_slow(struct kmem_cache *c, void *obj, unsigned long caller)
{
	struct array_cache *ac;
	unsigned long flags;
	LIST_HEAD(surplus);

	local_irq_save(flags);
	ac = c->array[smp_processor_id()];
	if (ac->top < ac->end) {	/* an interrupt made room */
		*ac->top++ = obj;
		local_irq_restore(flags);
		return;
	}
	spin_lock(&c->lock);
	if (ac->limit) {
		slab_flush_locked(c, ac, ac->batchcount, caller);
		*ac->top++ = obj;
	} else if (cache_is_debug(c)) {
		slab_debug_free(c, obj, caller);
	} else {
		slab_free_block(c, &obj, 1, false, caller);
	}
	slab_trim_locked(c, &surplus);
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	slab_release_list(c, &surplus);
}

void *slab_alloc_caller(struct kmem_cache *c, gfp_t gfp, size_t orig_size,
			unsigned long caller)
{
	return slab_alloc_slow(c, gfp, orig_size, caller);
}

void slab_free_checked(struct kmem_cache *c, void *obj, unsigned long caller)
{
	struct page *page = slab_virt_to_page(obj);

	if (unlikely(!page || !PageSlab(page) || page->slab_cache != c)) {
		slab_bad_free(c, obj, NULL, caller);
		return;
	}
	slab_free_slow(c, obj, caller);
}

void slab_free_caller(struct kmem_cache *c, void *obj, unsigned long caller)
{
	slab_free_checked(c, obj, caller);
}

void *__kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	return slab_alloc_fast(c, gfp, 0);
}

void *kmem_cache_zalloc(struct kmem_cache *c, gfp_t gfp)
{
	return slab_alloc_slow(c, gfp | __GFP_ZERO, 0, _RET_IP_);
}

/*
 * The page descriptor must say "slab of c" before the object goes on the
 * array; anything else (including a NULL obj) takes the checked path.
 */
void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *page;

	if (likely(slab_page_of(obj, &page) &&
		   (page->flags & PAGE_FLAG(PG_slab)) && page->slab_cache == c &&
		   slab_array_push(c, obj)))
		return;
	slab_free_checked(c, obj, slab_caller());
}

void slab_bad_free(const struct kmem_cache *c, const void *p, const char *why,
		   unsigned long caller)
{
	char sym[KSYM_NAME_LEN + 32];
	struct page *page;

	if (!p)
		return;
	stat_inc(bad_frees);
	if (!why) {
		page = slab_virt_to_page(p);
		if (!page)
			why = "not a linear-map address";
		else if (!PageSlab(page))
			why = "not in a slab";
		else
			why = "object of another cache";
	}
	if (caller)
		sprint_symbol(sym, sizeof(sym), caller);
	else
		strcpy(sym, "unknown");
	pr_err("BUG %s: bad free of %#lx: %s; caller %s\n",
	       c ? c->name : "kfree", (unsigned long)p, why, sym);
}

