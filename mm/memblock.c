// SPDX-License-Identifier: MIT
/*
 * memblock: boot-time map of RAM and reserved ranges, early allocations,
 * and the hand-over of the free frames to the buddy allocator.
 *
 * Both arrays are static (no allocation is possible this early) and kept
 * sorted; an insertion that finds an array full fails with -ENOSPC and a
 * log line rather than dropping a range silently.
 */
#define pr_fmt(fmt) "memblock: " fmt

#include <stdio.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <asm/page.h>

#include "internal.h"

/* Owners shown separately in the reserved-pages summary. */
#define MEMBLOCK_MAX_OWNERS	16

static struct memblock_region memory_regions[MEMBLOCK_MEMORY_REGIONS];
static struct memblock_region reserved_regions[MEMBLOCK_RESERVED_REGIONS];

struct memblock memblock = {
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
	.memory = {
		.max = MEMBLOCK_MEMORY_REGIONS,
		.regions = memory_regions,
		.name = "memory",
	},
	.reserved = {
		.max = MEMBLOCK_RESERVED_REGIONS,
		.regions = reserved_regions,
		.name = "reserved",
	},
};

void memblock_reset(void)
{
	memset(memory_regions, 0, sizeof(memory_regions));
	memset(reserved_regions, 0, sizeof(reserved_regions));
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock.bottom_up = false;
	memblock.done = false;
}

static phys_addr_t region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/* End of [base, base + size), clipped so that it does not wrap. */
static phys_addr_t range_end(phys_addr_t base, phys_addr_t size)
{
	return size > MEMBLOCK_ALLOC_ANYWHERE - base ? MEMBLOCK_ALLOC_ANYWHERE
						      : base + size;
}

/*
 * Frame numbers of physical addresses, saturated at MAX_PHYS_PFN: a range
 * beyond what a PTE can reach never wraps into a low pfn.
 */
static unsigned long pfn_down_sat(phys_addr_t pa)
{
	return pa >= PHYSMEM_END ? MAX_PHYS_PFN : PFN_DOWN(pa);
}

static unsigned long pfn_up_sat(phys_addr_t pa)
{
	return pa >= PHYSMEM_END ? MAX_PHYS_PFN : PFN_UP(pa);
}

static bool same_owner(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Regions that touch merge when they have the same owner and flags. */
static bool same_kind(const struct memblock_region *r, const char *owner,
		      unsigned int flags)
{
	return r->flags == flags && same_owner(r->owner, owner);
}

static int memblock_insert(struct memblock_type *t, unsigned int idx,
			   phys_addr_t base, phys_addr_t size,
			   const char *owner, unsigned int flags)
{
	struct memblock_region *prev = idx ? &t->regions[idx - 1] : NULL;
	struct memblock_region *next = idx < t->cnt ? &t->regions[idx] : NULL;

	/* Growing a neighbour of the same kind needs no free slot. */
	if (prev && region_end(prev) == base && same_kind(prev, owner, flags)) {
		prev->size += size;
		return 0;
	}
	if (next && base + size == next->base && same_kind(next, owner, flags)) {
		next->base = base;
		next->size += size;
		return 0;
	}
	if (t->cnt >= t->max) {
		pr_err("%s array full (%u regions), cannot add [%#llx-%#llx]\n",
		       t->name, t->max, (unsigned long long)base,
		       (unsigned long long)(base + size - 1));
		return -ENOSPC;
	}
	memmove(&t->regions[idx + 1], &t->regions[idx],
		(t->cnt - idx) * sizeof(t->regions[0]));
	t->regions[idx].base = base;
	t->regions[idx].size = size;
	t->regions[idx].owner = owner;
	t->regions[idx].flags = flags;
	t->cnt++;
	return 0;
}

static void memblock_delete(struct memblock_type *t, unsigned int idx)
{
	memmove(&t->regions[idx], &t->regions[idx + 1],
		(t->cnt - idx - 1) * sizeof(t->regions[0]));
	t->cnt--;
}

/* Join neighbours that touch and are of the same kind. */
static void memblock_merge(struct memblock_type *t)
{
	unsigned int i = 0;

	while (i + 1 < t->cnt) {
		struct memblock_region *a = &t->regions[i], *b = a + 1;

		if (region_end(a) == b->base && same_kind(a, b->owner, b->flags)) {
			a->size += b->size;
			memblock_delete(t, i + 1);
		} else {
			i++;
		}
	}
}

/*
 * Add the parts of [base, base + size) that no region covers yet, tagged
 * with owner. Existing regions keep their owners.
 */
static int memblock_add_range(struct memblock_type *t, phys_addr_t base,
			      phys_addr_t size, const char *owner)
{
	phys_addr_t end, cur = base;
	unsigned int i;
	int ret = 0;

	if (!size)
		return -EINVAL;
	end = range_end(base, size);
	for (i = 0; i < t->cnt && cur < end; i++) {
		phys_addr_t rbase = t->regions[i].base;
		phys_addr_t rend = region_end(&t->regions[i]);

		if (rend <= cur)
			continue;
		if (rbase >= end)
			break;
		if (rbase > cur) {
			unsigned int cnt = t->cnt;

			ret = memblock_insert(t, i, cur, rbase - cur, owner, 0);
			if (ret)
				goto out;
			i += t->cnt - cnt;	/* back on rbase's region */
		}
		cur = rend;
	}
	if (cur < end)
		ret = memblock_insert(t, i, cur, end - cur, owner, 0);
out:
	memblock_merge(t);
	return ret;
}

/*
 * Split the regions of t that straddle base or base + size, so that the
 * range's regions are whole ones (to change their flags): on return [*first, *last) indexes the
 * regions inside [base, base + size) (empty if there are none). The room
 * for the splits (at most two) is checked before anything changes, so a
 * failure leaves t as it was (Linux's memblock_isolate_range grows the
 * array instead; these arrays are static). Returns 0, -EINVAL for an empty
 * range, or -ENOSPC (logged) when t has no room for the splits.
 */
static int memblock_isolate_range(struct memblock_type *t, phys_addr_t base,
				  phys_addr_t size, unsigned int *first,
				  unsigned int *last)
{
	phys_addr_t end;
	unsigned int i, splits = 0;

	if (!size)
		return -EINVAL;
	end = range_end(base, size);
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (r->base < base && region_end(r) > base)
			splits++;
		if (r->base < end && region_end(r) > end)
			splits++;
	}
	if (t->cnt + splits > t->max) {
		pr_err("%s array full (%u regions), cannot split at [%#llx-%#llx]\n",
		       t->name, t->max, (unsigned long long)base,
		       (unsigned long long)(end - 1));
		return -ENOSPC;
	}

	*first = *last = 0;
	for (i = 0; i < t->cnt; i++) {
		struct memblock_region *r = &t->regions[i];
		phys_addr_t rbase = r->base, rend = region_end(r);

		if (rend <= base)
			continue;
		if (rbase >= end)
			break;
		if (rbase < base || rend > end) {
			/* Keep [rbase, cut) in slot i and [cut, rend) in a new slot after it. */
			phys_addr_t cut = rbase < base ? base : end;

			memmove(r + 1, r, (t->cnt - i) * sizeof(*r));
			t->cnt++;
			r->size = cut - rbase;
			r[1].base = cut;
			r[1].size = rend - cut;
			if (rbase < base)
				continue;	/* slot i + 1, from base, is next */
		}
		if (*first == *last)
			*first = i;
		*last = i + 1;
	}
	return 0;
}

/*
 * Cut [base, base + size) out of every region of t. All or nothing: the
 * one case that needs a new slot, a region that holds the whole range with
 * something left on both sides, touches no other region, so the room is
 * checked before the region is cut. Returns 0, -EINVAL for an empty range,
 * -ENOSPC (logged) when that split finds t full.
 */
static int memblock_remove_range(struct memblock_type *t, phys_addr_t base,
				 phys_addr_t size)
{
	phys_addr_t end;
	unsigned int i = 0;

	if (!size)
		return -EINVAL;
	end = range_end(base, size);
	while (i < t->cnt) {
		struct memblock_region *r = &t->regions[i];
		phys_addr_t rbase = r->base, rend = region_end(r);

		if (rend <= base) {
			i++;
			continue;
		}
		if (rbase >= end)
			break;
		if (rbase < base && rend > end) {
			if (t->cnt >= t->max) {
				pr_err("%s array full (%u regions), cannot cut [%#llx-%#llx] out of [%#llx-%#llx]\n",
				       t->name, t->max, (unsigned long long)base,
				       (unsigned long long)(end - 1),
				       (unsigned long long)rbase,
				       (unsigned long long)(rend - 1));
				return -ENOSPC;
			}
			r->size = base - rbase;
			return memblock_insert(t, i + 1, end, rend - end, r->owner,
					       r->flags);
		}
		if (rbase < base) {
			r->size = base - rbase;
			i++;
		} else if (rend > end) {
			r->base = end;
			r->size = rend - end;
			break;
		} else {
			memblock_delete(t, i);
		}
	}
	return 0;
}

/* Set or clear flag on the memory regions in [base, base + size). */
static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size,
				unsigned int flag, bool set)
{
	struct memblock_type *t = &memblock.memory;
	unsigned int first, last, i;
	int ret = memblock_isolate_range(t, base, size, &first, &last);

	if (ret)
		return ret;
	for (i = first; i < last; i++) {
		if (set)
			t->regions[i].flags |= flag;
		else
			t->regions[i].flags &= ~flag;
	}
	memblock_merge(t);
	return 0;
}

int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, MEMBLOCK_NOMAP, true);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, MEMBLOCK_NOMAP, false);
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size, NULL);
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size, const char *owner)
{
	if (memblock.done)
		pr_warn("reserve of [%#llx-%#llx] by %s after memblock_free_all has no effect\n",
			(unsigned long long)base,
			(unsigned long long)(base + size - 1), owner);
	return memblock_add_range(&memblock.reserved, base, size,
				  owner ? owner : "unknown");
}

int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	return memblock_remove_range(&memblock.reserved, base, size);
}

void memblock_free(void *ptr, size_t size)
{
	if (ptr)
		memblock_phys_free(__pa(ptr), size);
}

typedef bool (*free_range_fn)(phys_addr_t start, phys_addr_t end, void *arg);

/*
 * Call fn for each maximal free range (memory minus reserved, never a
 * MEMBLOCK_NOMAP region), in ascending order, until it returns false.
 */
static void memblock_for_each_free_range(free_range_fn fn, void *arg)
{
	const struct memblock_type *mem = &memblock.memory;
	const struct memblock_type *res = &memblock.reserved;
	unsigned int m, r;

	for (m = 0; m < mem->cnt; m++) {
		phys_addr_t cur = mem->regions[m].base;
		phys_addr_t mend = region_end(&mem->regions[m]);

		if (memblock_is_nomap(&mem->regions[m]))
			continue;
		for (r = 0; r < res->cnt && cur < mend; r++) {
			phys_addr_t rbase = res->regions[r].base;
			phys_addr_t rend = region_end(&res->regions[r]);

			if (rend <= cur)
				continue;
			if (rbase >= mend)
				break;
			if (rbase > cur && !fn(cur, rbase, arg))
				return;
			cur = rend;
		}
		if (cur < mend && !fn(cur, mend, arg))
			return;
	}
}

struct memblock_find {
	phys_addr_t size, align;
	phys_addr_t start, end;		/* search window */
	phys_addr_t found;
	bool ok;
};

static bool memblock_find_cb(phys_addr_t fstart, phys_addr_t fend, void *arg)
{
	struct memblock_find *f = arg;
	phys_addr_t s = max(fstart, f->start), e = min(fend, f->end), cand;

	if (e <= s || e - s < f->size)
		return true;
	if (memblock.bottom_up) {
		cand = ALIGN(s, f->align);
		if (cand >= s && cand <= e - f->size) {
			f->found = cand;
			f->ok = true;
			return false;
		}
		return true;
	}
	/* Top down: ranges come in ascending order, the last fit wins. */
	cand = ALIGN_DOWN(e - f->size, f->align);
	if (cand >= s) {
		f->found = cand;
		f->ok = true;
	}
	return true;
}

static phys_addr_t memblock_alloc_range(phys_addr_t size, phys_addr_t align,
					phys_addr_t start, phys_addr_t end,
					unsigned long caller)
{
	struct memblock_find f = { .size = size, .align = align };

	if (memblock.done) {
		pr_err("allocation of %llu bytes after memblock_free_all (caller %#lx)\n",
		       (unsigned long long)size, caller);
		return 0;
	}
	if (!align)
		f.align = PAGE_SIZE;
	if (!size || (f.align & (f.align - 1))) {
		pr_err("bad allocation: size %llu align %#llx (caller %#lx)\n",
		       (unsigned long long)size, (unsigned long long)f.align,
		       caller);
		return 0;
	}
	/* Address 0 means failure: never hand out the first page. */
	f.start = max(start, (phys_addr_t)PAGE_SIZE);
	f.end = end;
	if (f.end <= f.start)
		return 0;
	memblock_for_each_free_range(memblock_find_cb, &f);
	if (!f.ok || memblock_reserve(f.found, size, "memblock"))
		return 0;
	return f.found;
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;
	return memblock_alloc_range(size, align, start, end, _RET_IP_);
}

/* End of what memblock_alloc() may return: the linear map and the limit. */
static phys_addr_t memblock_lowmem_end(void)
{
	return min(memblock.current_limit,
		   phys_ram_base + (phys_addr_t)LOWMEM_SIZE);
}

static void *memblock_alloc_mapped(phys_addr_t size, phys_addr_t align,
				   unsigned long caller)
{
	phys_addr_t pa = memblock_alloc_range(size, align, phys_ram_base,
					      memblock_lowmem_end(), caller);
	void *va;

	if (!pa)
		return NULL;
	va = __va(pa);
	memset(va, 0, size);
	return va;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_mapped(size, align, _RET_IP_);
}

void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_mapped(size, align, _RET_IP_);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	unsigned int n = memblock.memory.cnt;

	return n ? region_end(&memblock.memory.regions[n - 1]) : 0;
}

phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;
	unsigned int i;

	for (i = 0; i < memblock.memory.cnt; i++)
		total += memblock.memory.regions[i].size;
	return total;
}

static bool memblock_contains(const struct memblock_type *t, phys_addr_t addr)
{
	unsigned int i;

	for (i = 0; i < t->cnt; i++)
		if (addr >= t->regions[i].base && addr < region_end(&t->regions[i]))
			return true;
	return false;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_contains(&memblock.memory, addr);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_contains(&memblock.reserved, addr);
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	const struct memblock_type *t = &memblock.memory;
	unsigned int i;

	for (i = 0; i < t->cnt; i++)
		if (addr >= t->regions[i].base && addr < region_end(&t->regions[i]))
			return !memblock_is_nomap(&t->regions[i]);
	return false;
}

bool memblock_overlaps_memory(phys_addr_t base, phys_addr_t size)
{
	const struct memblock_type *t = &memblock.memory;
	phys_addr_t end = range_end(base, size);
	unsigned int i;

	for (i = 0; i < t->cnt; i++)
		if (t->regions[i].base < end && region_end(&t->regions[i]) > base)
			return true;
	return false;
}

const char *memblock_reserved_owner(phys_addr_t base, phys_addr_t size)
{
	const struct memblock_type *t = &memblock.reserved;
	phys_addr_t end = range_end(base, size);
	unsigned int i;

	for (i = 0; i < t->cnt; i++)
		if (t->regions[i].base < end && region_end(&t->regions[i]) > base)
			return t->regions[i].owner;
	return NULL;
}

unsigned long memblock_memory_pages(unsigned long start_pfn,
				    unsigned long end_pfn)
{
	unsigned long pages = 0;
	unsigned int i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long s = max(pfn_up_sat(r->base), start_pfn);
		unsigned long e = min(pfn_down_sat(region_end(r)), end_pfn);

		if (e > s)
			pages += e - s;
	}
	return pages;
}

/* Free frames: whole frames of [s, e) inside the zones, in aligned blocks. */
static unsigned long release_pfn_range(unsigned long s, unsigned long e)
{
	unsigned long released = e > s ? e - s : 0;

	while (s < e) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order && ((s & ((1UL << order) - 1)) || s + (1UL << order) > e))
			order--;
		__free_pages_core(pfn_to_page(s), order);
		s += 1UL << order;
	}
	return released;
}

struct release_ctx {
	unsigned long released;
	unsigned long unmapped;	/* free RAM frames below the linear map */
};

static bool release_cb(phys_addr_t start, phys_addr_t end, void *arg)
{
	struct release_ctx *c = arg;
	unsigned long s = max(pfn_up_sat(start), mem_map_base_pfn);
	unsigned long e = min(pfn_down_sat(end), max_pfn);

	if (e <= s)
		return true;
	if (s < min_low_pfn) {
		unsigned long stop = min(e, min_low_pfn);

		c->unmapped += stop - s;
		s = stop;
	}
	/* Blocks never straddle the Normal/HighMem boundary. */
	if (s < max_low_pfn && e > max_low_pfn) {
		c->released += release_pfn_range(s, max_low_pfn);
		s = max_low_pfn;
	}
	c->released += release_pfn_range(s, e);
	return true;
}

struct owner_pages {
	const char *owner;
	unsigned long pages;
};

static void count_owner(struct owner_pages *o, unsigned int *n,
			const char *owner, unsigned long pages)
{
	unsigned int i;

	if (!pages)
		return;
	for (i = 0; i < *n; i++) {
		if (same_owner(o[i].owner, owner)) {
			o[i].pages += pages;
			return;
		}
	}
	if (*n == MEMBLOCK_MAX_OWNERS) {
		i = *n - 1;
		o[i].owner = "other";
		o[i].pages += pages;
		return;
	}
	o[*n].owner = owner;
	o[*n].pages = pages;
	(*n)++;
}

/* Frames of MEMBLOCK_NOMAP RAM that no reserved range touches. */
static unsigned long nomap_unreserved_pages(void)
{
	const struct memblock_type *res = &memblock.reserved;
	const struct memblock_type *mem = &memblock.memory;
	unsigned long pages = 0;
	unsigned int m, r;

	for (m = 0; m < mem->cnt; m++) {
		unsigned long s = pfn_up_sat(mem->regions[m].base);
		unsigned long e = pfn_down_sat(region_end(&mem->regions[m]));

		if (!memblock_is_nomap(&mem->regions[m]) || e <= s)
			continue;
		for (r = 0; r < res->cnt && s < e; r++) {
			unsigned long rs = pfn_down_sat(res->regions[r].base);
			unsigned long re = pfn_up_sat(region_end(&res->regions[r]));

			if (re <= s)
				continue;
			if (rs >= e)
				break;
			if (rs > s)
				pages += rs - s;
			s = re;
		}
		if (e > s)
			pages += e - s;
	}
	return pages;
}

/*
 * Frames of RAM that any reserved range touches, each counted once for the
 * first owner that touches it, and the no-map RAM that none touches. With
 * the free frames below the linear map, these are exactly the frames the
 * buddy allocator did not receive.
 */
static void report_reserved(unsigned long unmapped)
{
	struct owner_pages owners[MEMBLOCK_MAX_OWNERS];
	const struct memblock_type *res = &memblock.reserved;
	const struct memblock_type *mem = &memblock.memory;
	unsigned long nomap = nomap_unreserved_pages();
	unsigned long next = 0, total = unmapped + nomap;
	unsigned int n = 0, r, m, i;
	char line[256];
	int len;

	for (r = 0; r < res->cnt; r++) {
		unsigned long rs = max(pfn_down_sat(res->regions[r].base), next);
		unsigned long re = pfn_up_sat(region_end(&res->regions[r]));

		for (m = 0; m < mem->cnt; m++) {
			unsigned long s = max(rs, pfn_up_sat(mem->regions[m].base));
			unsigned long e = min(re, pfn_down_sat(region_end(&mem->regions[m])));

			if (e > s) {
				count_owner(owners, &n, res->regions[r].owner, e - s);
				total += e - s;
			}
		}
		next = max(next, re);
	}
	count_owner(owners, &n, "unmapped", unmapped);
	count_owner(owners, &n, "no-map", nomap);

	len = snprintf(line, sizeof(line), "reserved %lu pages:", total);
	for (i = 0; i < n && len > 0 && (unsigned int)len < sizeof(line); i++)
		len += snprintf(line + len, sizeof(line) - (unsigned int)len,
				" %s=%lu", owners[i].owner, owners[i].pages);
	pr_info("%s\n", line);
}

unsigned long memblock_free_all(void)
{
	struct release_ctx ctx = { 0, 0 };

	if (!mem_map) {
		pr_err("memblock_free_all before free_area_init\n");
		return 0;
	}
	if (memblock.done) {
		pr_err("memblock_free_all called twice\n");
		return 0;
	}
	memblock_for_each_free_range(release_cb, &ctx);
	memblock.done = true;
	page_alloc_init_late();
	report_reserved(ctx.unmapped);
	return ctx.released;
}

unsigned long free_reserved_area(phys_addr_t start, phys_addr_t end,
				 const char *what)
{
	unsigned long pfn, n = 0;

	for (pfn = pfn_up_sat(start); pfn < pfn_down_sat(end); pfn++) {
		if (pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)) &&
		    memblock_is_map_memory(PFN_PHYS(pfn))) {
			__free_pages_core(pfn_to_page(pfn), 0);
			n++;
		}
	}
	pr_info("Freeing %s memory: %luK\n", what, n << (PAGE_SHIFT - 10));
	return n;
}

static void memblock_dump_type(const struct memblock_type *t)
{
	unsigned int i;

	pr_info(" %s.cnt = %u\n", t->name, t->cnt);
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		pr_info(" %s[%u] [%#010llx-%#010llx], %#llx bytes%s%s%s\n",
			t->name, i, (unsigned long long)r->base,
			(unsigned long long)(region_end(r) - 1),
			(unsigned long long)r->size, r->owner ? " by " : "",
			r->owner ? r->owner : "",
			memblock_is_nomap(r) ? " no-map" : "");
	}
}

void memblock_dump(void)
{
	pr_info("memory size = %#llx reserved regions = %u\n",
		(unsigned long long)memblock_phys_mem_size(),
		memblock.reserved.cnt);
	memblock_dump_type(&memblock.memory);
	memblock_dump_type(&memblock.reserved);
}

static int memblock_check_type(const struct memblock_type *t)
{
	unsigned int i;

	if (t->cnt > t->max) {
		pr_err("check: %s count %u > max %u\n", t->name, t->cnt, t->max);
		return -EFAULT;
	}
	for (i = 0; i < t->cnt; i++) {
		const struct memblock_region *r = &t->regions[i];

		if (!r->size || region_end(r) < r->base) {
			pr_err("check: %s[%u] empty or wraps\n", t->name, i);
			return -EFAULT;
		}
		if (r->flags & ~(t == &memblock.memory ? MEMBLOCK_NOMAP : MEMBLOCK_NONE)) {
			pr_err("check: %s[%u] has flags %#x\n", t->name, i, r->flags);
			return -EFAULT;
		}
		if (i == 0)
			continue;
		if (region_end(r - 1) > r->base) {
			pr_err("check: %s[%u] overlaps or is out of order\n",
			       t->name, i);
			return -EFAULT;
		}
		if (region_end(r - 1) == r->base && same_kind(r - 1, r->owner, r->flags)) {
			pr_err("check: %s[%u] not merged with its neighbour\n",
			       t->name, i);
			return -EFAULT;
		}
	}
	return 0;
}

int memblock_check(void)
{
	int ret = memblock_check_type(&memblock.memory);

	return ret ? ret : memblock_check_type(&memblock.reserved);
}
