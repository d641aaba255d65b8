// SPDX-License-Identifier: MIT
/*
 * slab_check(): re-derive every invariant listed in mm/slab.h from the
 * slabs themselves (lists, chains, page descriptors, per-CPU arrays) and
 * compare with the counters; plus the live-object accounting and the
 * report of live objects that a refused kmem_cache_destroy prints.
 */
#define pr_fmt(fmt) "slab: " fmt

#include <string.h>

#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "slab.h"

/* Reports per cache and check, so that one corruption cannot flood. */
#define CHECK_MAX_REPORTS	8
/* Live objects listed by a refused destroy. */
#define LIVE_REPORT_MAX		16

struct check_state {
	const struct kmem_cache *c;
	unsigned int reports;
	bool broken;
};

#define check_fail(st, fmt, ...)					\
	do {								\
		(st)->broken = true;					\
		if ((st)->reports++ < CHECK_MAX_REPORTS)		\
			pr_err("slab_check: cache %s: " fmt "\n",	\
			       (st)->c->name, ##__VA_ARGS__);		\
	} while (0)

int slab_chain_map(const struct kmem_cache *c, const struct slab *s,
		   unsigned long *map)
{
	unsigned int i, n = 0;

	memset(map, 0, SLAB_MAP_WORDS * sizeof(*map));
	for (i = s->free; i != BUFCTL_END; i = s->bufctl[i]) {
		if (i >= c->num || slab_map_test(map, i))
			return -1;
		map[i / (8 * sizeof(long))] |= 1UL << (i % (8 * sizeof(long)));
		n++;
	}
	return (int)n;
}

/* The frames of s point back at c and s, and head a block of the right order. */
static void check_frames(struct check_state *st, const struct kmem_cache *c,
			 const struct slab *s)
{
	const void *base = slab_base(c, s);
	struct page *page = slab_virt_to_page(base);
	unsigned long i;

	if (!page || ((unsigned long)base & (PAGE_SIZE - 1))) {
		check_fail(st, "slab %#lx: base %#lx is not a frame", (unsigned long)s,
			   (unsigned long)base);
		return;
	}
	if (!PageHead(page) || page_alloc_order(page) != c->gfporder)
		check_fail(st, "slab %#lx: head frame flags %#lx, expected order %u",
			   (unsigned long)s, page->flags, c->gfporder);
	for (i = 0; i < (1UL << c->gfporder); i++)
		if (!PageSlab(page + i) || page[i].slab_cache != c ||
		    page[i].freelist != s)
			check_fail(st, "slab %#lx: frame %lu lacks PG_slab or its back-pointers",
				   (unsigned long)s, i);
}

/*
 * Every allocated index of s (off the chain map; in debug caches, in state
 * allocated) holds BUFCTL_ACTIVE, the mark the free paths test.
 */
static void check_active_marks(struct check_state *st, const struct kmem_cache *c,
			       const struct slab *s, const unsigned long *map)
{
	unsigned int idx;

	for (idx = 0; idx < c->num; idx++) {
		if (slab_map_test(map, idx) || s->bufctl[idx] == BUFCTL_ACTIVE)
			continue;
		if (cache_is_debug(c) &&
		    slab_meta(c, slab_buffer(c, s, idx))->state != SLAB_OBJ_ALLOCATED)
			continue;	/* quarantined: its entry is not used */
		check_fail(st, "slab %#lx: allocated object %u lacks its BUFCTL_ACTIVE mark (%#x)",
			   (unsigned long)s, idx, s->bufctl[idx]);
	}
}

struct check_sums {
	unsigned long slabs[SLAB_NR_LISTS];
	unsigned long active, free, quarantined;
};

static void check_slab_arrays(struct check_state *st, const struct kmem_cache *c,
			      const struct slab *s, const unsigned long *map,
			      unsigned int n);

static void check_slab(struct check_state *st, struct kmem_cache *c,
		       struct slab *s, unsigned int l, struct check_sums *sum,
		       unsigned long *map, unsigned int in_arrays)
{
	unsigned int used, want, colour_bytes, fixed;
	int nfree;

	if (s->list_id != l)
		check_fail(st, "slab %#lx on list %u says %u", (unsigned long)s, l, s->list_id);
	check_frames(st, c, s);
	fixed = (c->flags & CFLGS_OFF_SLAB) ? 0 : c->mgmt_size;
	colour_bytes = s->colouroff - fixed;
	if (s->colouroff < fixed || colour_bytes % c->colour_off ||
	    colour_bytes / c->colour_off >= max(c->colour, 1u))
		check_fail(st, "slab %#lx: colour offset %u is no colour", (unsigned long)s,
			   s->colouroff);
	if (!(c->flags & CFLGS_OFF_SLAB) &&
	    (char *)s != (char *)slab_base(c, s) + colour_bytes)
		check_fail(st, "slab %#lx: on-slab descriptor not after its colour",
			   (unsigned long)s);
	nfree = slab_chain_map(c, s, map);
	if (nfree < 0) {
		check_fail(st, "slab %#lx: free chain broken (bad index or loop)",
			   (unsigned long)s);
		return;
	}
	check_slab_arrays(st, c, s, map, in_arrays);
	check_active_marks(st, c, s, map);
	if (s->inuse + (unsigned int)nfree + s->quarantined != c->num)
		check_fail(st, "slab %#lx: inuse %u + free %d + quarantined %u != %u",
			   (unsigned long)s, s->inuse, nfree, s->quarantined, c->num);
	used = s->inuse + s->quarantined;
	want = used == 0 ? SLAB_LIST_FREE : used == c->num ? SLAB_LIST_FULL :
	       SLAB_LIST_PARTIAL;
	if (want != l)
		check_fail(st, "slab %#lx with %u used of %u is on list %u",
			   (unsigned long)s, used, c->num, l);
	sum->slabs[l]++;
	sum->active += s->inuse;
	sum->free += (unsigned int)nfree;
	sum->quarantined += s->quarantined;
}

/*
 * The objects in a cache's arrays, sorted by address, so that duplicates
 * are neighbours and each slab finds its own with a binary search.
 */
static void *array_objs[NR_CPUS * SLAB_MAX_LIMIT];
static DEFINE_SPINLOCK(array_objs_lock);

static void sort_ptrs(void **a, unsigned int n)
{
	unsigned int gap, i, j;

	for (gap = n / 2; gap; gap /= 2) {
		for (i = gap; i < n; i++) {
			void *v = a[i];

			for (j = i; j >= gap && (unsigned long)a[j - gap] > (unsigned long)v;
			     j -= gap)
				a[j] = a[j - gap];
			a[j] = v;
		}
	}
}

/* First index in the sorted array_objs[0..n) at or above p. */
static unsigned int lower_bound(unsigned int n, const void *p)
{
	unsigned int lo = 0, hi = n;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if ((unsigned long)array_objs[mid] < (unsigned long)p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Every CPU's array: in place, its own or none, tunables as the cache's.
 * Collects the objects into array_objs (sorted); returns how many, each
 * checked to be an object of c and listed once.
 */
static unsigned int check_arrays(struct check_state *st, struct kmem_cache *c)
{
	unsigned int cpu, i, n = 0;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct array_cache *ac = c->array[cpu];

		if (ac != &c->off_array && ac != c->cpu_ac[cpu])
			check_fail(st, "cpu %u: array is neither its own nor none", cpu);
		if (ac->top < ac->entry || ac->top > ac->end || ac->limit > SLAB_MAX_LIMIT ||
		    ac->end != ac->entry + ac->limit || ac->floor) {
			check_fail(st, "cpu %u: array top/end/floor out of place (limit %u)",
				   cpu, ac->limit);
			continue;
		}
		if (ac != &c->off_array &&
		    (ac->limit != c->limit || ac->batchcount != c->batchcount))
			check_fail(st, "cpu %u: array tunables %u/%u, cache says %u/%u",
				   cpu, ac->limit, ac->batchcount, c->limit, c->batchcount);
		for (i = 0; i < ac_avail(ac); i++)
			array_objs[n++] = ac->entry[i];
	}
	if (ac_avail(&c->off_array) || c->off_array.limit || c->off_array.floor ||
	    c->off_array.end != c->off_array.entry || c->off_array.cache != c)
		check_fail(st, "the arrays-off stub is not empty (%u objects, limit %u)",
			   ac_avail(&c->off_array), c->off_array.limit);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (c->cpu_ac[cpu] && c->cpu_ac[cpu]->cache != c)
			check_fail(st, "cpu %u: array belongs to another cache", cpu);
	sort_ptrs(array_objs, n);
	for (i = 0; i < n; i++) {
		unsigned int idx;
		long delta;

		if (i && array_objs[i] == array_objs[i - 1])
			check_fail(st, "array holds %#lx twice (double free)",
				   (unsigned long)array_objs[i]);
		if (!slab_find(c, array_objs[i], &idx, &delta))
			check_fail(st, "array holds %#lx, not an object of the cache",
				   (unsigned long)array_objs[i]);
	}
	if (slab_lowmem.va_start != (unsigned long)__va(PFN_PHYS(min_low_pfn)) ||
	    slab_lowmem.nr_pages != memmap_contig_end(min_low_pfn, max_low_pfn) - min_low_pfn ||
	    slab_lowmem.first != pfn_to_page(min_low_pfn))
		check_fail(st, "the fast paths' copy of the linear map is stale");
	return n;
}

/* The array objects inside slab s must not be on its free chain (map). */
static void check_slab_arrays(struct check_state *st, const struct kmem_cache *c,
			      const struct slab *s, const unsigned long *map,
			      unsigned int n)
{
	const char *end = (const char *)s->s_mem + (size_t)c->num * c->size;
	unsigned int i;

	for (i = lower_bound(n, s->s_mem); i < n && (const char *)array_objs[i] < end; i++) {
		unsigned long off = (unsigned long)((char *)array_objs[i] - (char *)s->s_mem) -
				    c->obj_offset;

		if (slab_map_test(map, (unsigned int)(off / c->size)))
			check_fail(st, "array holds %#lx, which is on its slab's free chain",
				   (unsigned long)array_objs[i]);
	}
}

/* c->lock held, irqs off. */
static int check_cache_locked(struct kmem_cache *c)
{
	struct check_state st = { c, 0, false };
	unsigned long map[SLAB_MAP_WORDS];
	struct check_sums sum = { { 0 }, 0, 0, 0 };
	unsigned int l, in_arrays;
	struct slab *s, *n;

	if (!c->num || c->num > SLAB_MAX_OBJS || c->size < c->object_size ||
	    c->size % c->align || (c->colour && !c->colour_off))
		check_fail(&st, "geometry: num %u size %u object_size %u align %u",
			   c->num, c->size, c->object_size, c->align);
	if (st.broken)
		return -EFAULT;
	/* debug caches: every object's state, red zones and poison first */
	for (l = 0; cache_is_debug(c) && l < SLAB_NR_LISTS; l++) {
		list_for_each_entry_safe(s, n, &c->slabs[l], list) {
			if (slab_chain_map(c, s, map) < 0)
				continue;	/* reported below */
			if (slab_debug_check_slab(c, s, map))
				st.broken = true;
			slab_fix_list(c, s);
		}
	}
	spin_lock(&array_objs_lock);
	in_arrays = check_arrays(&st, c);
	for (l = 0; l < SLAB_NR_LISTS; l++) {
		unsigned long seen = 0;

		list_for_each_entry(s, &c->slabs[l], list) {
			if (++seen > c->total_objs / c->num) {
				check_fail(&st, "list %u holds more slabs than the cache has", l);
				break;
			}
			check_slab(&st, c, s, l, &sum, map, in_arrays);
		}
		if (sum.slabs[l] != c->nr_slabs[l])
			check_fail(&st, "list %u: %lu slabs, nr_slabs says %lu", l,
				   sum.slabs[l], c->nr_slabs[l]);
	}
	spin_unlock(&array_objs_lock);
	if (c->total_objs !=
	    c->num * (c->nr_slabs[0] + c->nr_slabs[1] + c->nr_slabs[2]))
		check_fail(&st, "total_objs %lu != %u x %lu slabs", c->total_objs, c->num,
			   c->nr_slabs[0] + c->nr_slabs[1] + c->nr_slabs[2]);
	if (sum.active != c->active_objs || sum.free != c->free_objs ||
	    sum.quarantined != c->quarantined)
		check_fail(&st, "counted active %lu free %lu quarantined %lu, counters %lu %lu %lu",
			   sum.active, sum.free, sum.quarantined, c->active_objs,
			   c->free_objs, c->quarantined);
	if (c->active_objs + c->free_objs + c->quarantined != c->total_objs)
		check_fail(&st, "active %lu + free %lu + quarantined %lu != total %lu",
			   c->active_objs, c->free_objs, c->quarantined, c->total_objs);
	if (in_arrays > c->active_objs)
		check_fail(&st, "%u objects in arrays but only %lu allocated",
			   in_arrays, c->active_objs);
	return st.broken ? -EFAULT : 0;
}

int kmem_cache_check(struct kmem_cache *c)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&c->lock, flags);
	ret = check_cache_locked(c);
	spin_unlock_irqrestore(&c->lock, flags);
	return ret;
}

static unsigned long objects_in_arrays(const struct kmem_cache *c)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		n += ac_avail(c->array[cpu]);
	return n;
}

int slab_check(void)
{
	unsigned long flags, caches = 0;
	struct kmem_cache *c, *d;
	int ret = 0;

	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next) {
		caches++;
		spin_lock(&c->lock);
		if (check_cache_locked(c))
			ret = -EFAULT;
		spin_unlock(&c->lock);
		for (d = list_entry(c->next.next, struct kmem_cache, next);
		     &d->next != &slab_chain;
		     d = list_entry(d->next.next, struct kmem_cache, next))
			if (!strcmp(c->name, d->name)) {
				pr_err("slab_check: two caches named %s\n", c->name);
				ret = -EFAULT;
			}
	}
	/* every cache but the static cache of caches is one of its objects */
	if (caches) {
		c = &kmem_cache_boot;
		spin_lock(&c->lock);
		if (c->active_objs - objects_in_arrays(c) != caches - 1) {
			pr_err("slab_check: %lu cache descriptors allocated, %lu caches\n",
			       c->active_objs - objects_in_arrays(c), caches - 1);
			ret = -EFAULT;
		}
		spin_unlock(&c->lock);
	}
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	return ret;
}

unsigned long slab_objects_in_use(void)
{
	unsigned long flags, n = READ_ONCE(kmalloc_large_live);
	struct kmem_cache *c;

	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next) {
		spin_lock(&c->lock);
		n += c->active_objs - objects_in_arrays(c);
		spin_unlock(&c->lock);
	}
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	return n;
}

void slab_report_live(struct kmem_cache *c)
{
	unsigned long map[SLAB_MAP_WORDS], shown = 0, live = 0;
	char sym[KSYM_NAME_LEN + 32];
	unsigned int l, idx;
	struct slab *s;

	for (l = SLAB_LIST_FULL; l <= SLAB_LIST_PARTIAL; l++) {
		list_for_each_entry(s, &c->slabs[l], list) {
			if (slab_chain_map(c, s, map) < 0)
				continue;
			for (idx = 0; idx < c->num; idx++) {
				void *buf = slab_buffer(c, s, idx);
				struct slab_obj_meta *m = slab_meta(c, buf);

				if (slab_map_test(map, idx) ||
				    (cache_is_debug(c) && m->state != SLAB_OBJ_ALLOCATED))
					continue;
				if (live++ >= LIVE_REPORT_MAX)
					continue;
				shown++;
				if (!cache_is_debug(c) || !m->alloc.caller) {
					pr_err("  %s: object %#lx in use (allocating caller not recorded: create the cache with SLAB_STORE_USER or boot with slab_debug)\n",
					       c->name, (unsigned long)slab_object(c, s, idx));
					continue;
				}
				sprint_symbol(sym, sizeof(sym), m->alloc.caller);
				pr_err("  %s: object %#lx in use, %u bytes, allocated by %s cpu %u jiffies %lu\n",
				       c->name, (unsigned long)slab_object(c, s, idx),
				       m->orig_size, sym, m->alloc.cpu, m->alloc.when);
			}
		}
	}
	if (live > shown)
		pr_err("  %s: ... and %lu more objects in use\n", c->name, live - shown);
}

void kmem_cache_get_info(struct kmem_cache *c, struct slab_cache_info *info)
{
	unsigned long flags;
	unsigned int l;

	memset(info, 0, sizeof(*info));
	spin_lock_irqsave(&c->lock, flags);
	memcpy(info->name, c->name, sizeof(info->name));
	info->active_objs = c->active_objs;
	info->num_objs = c->total_objs;
	info->in_arrays = objects_in_arrays(c);
	info->quarantined = c->quarantined;
	for (l = 0; l < SLAB_NR_LISTS; l++)
		info->slabs[l] = c->nr_slabs[l];
	info->grown = c->grown;
	info->released = c->released;
	info->object_size = c->object_size;
	info->size = c->size;
	info->objperslab = c->num;
	info->order = c->gfporder;
	info->limit = c->array[0] == &c->off_array ? 0 : c->limit;
	info->batchcount = c->array[0] == &c->off_array ? 0 : c->batchcount;
	info->colour = c->colour;
	info->colour_off = c->colour_off;
	info->flags = c->flags;
	spin_unlock_irqrestore(&c->lock, flags);
}
