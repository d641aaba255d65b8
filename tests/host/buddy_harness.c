// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"

static void *low_arena;
static void *high_arena;
static phys_addr_t high_base, high_size;

static void *harness_kmap(struct page *page)
{
	phys_addr_t pa = PFN_PHYS(page_to_pfn(page));

	if (!high_arena || pa < high_base || pa >= high_base + high_size)
		return NULL;
	return (char *)high_arena + (pa - high_base);
}

static void harness_kunmap(void *addr)
{
	(void)addr;
}

void harness_cfg_simple(struct harness_cfg *cfg, unsigned int low_mib,
			unsigned int high_mib)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->ram[0].base = HARNESS_RAM_BASE;
	cfg->ram[0].size = (phys_addr_t)(low_mib + high_mib) << 20;
	cfg->nr_ram = 1;
	cfg->lowmem_end = HARNESS_RAM_BASE + ((phys_addr_t)low_mib << 20);
	cfg->min_free_kbytes = -1;
	cfg->pcp_high = -1;
	cfg->pcp_batch = -1;
}

void harness_teardown(void)
{
	page_alloc_reset();
	memblock_reset();
	free(low_arena);
	free(high_arena);
	low_arena = high_arena = NULL;
	high_base = high_size = 0;
	va_pa_offset = 0;
	phys_ram_base = 0;
	host_cpu = 0;
	hardirq_nesting = 0;
}

void harness_set_cpu(unsigned int cpu)
{
	host_cpu = cpu;
	page_alloc_cpu_init();
}

void harness_drain_all(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		harness_set_cpu(cpu);
		drain_local_pages();
	}
	harness_set_cpu(0);
}

static void *arena_alloc(size_t size)
{
	void *p = aligned_alloc(PAGE_SIZE, size);

	if (p)
		memset(p, 0x5a, size);
	return p;
}

int harness_boot(const struct harness_cfg *cfg)
{
	phys_addr_t lo = ~(phys_addr_t)0, hi = 0, low_end;
	unsigned int i;
	int ret;

	harness_teardown();
	for (i = 0; i < cfg->nr_ram; i++) {
		lo = cfg->ram[i].base < lo ? cfg->ram[i].base : lo;
		if (cfg->ram[i].base + cfg->ram[i].size > hi)
			hi = cfg->ram[i].base + cfg->ram[i].size;
	}
	if (!cfg->nr_ram || hi <= lo)
		return -1;
	low_end = cfg->lowmem_end && cfg->lowmem_end < hi ? cfg->lowmem_end : hi;
	low_arena = arena_alloc(low_end - lo);
	if (!low_arena)
		return -1;
	phys_ram_base = lo;
	va_pa_offset = (unsigned long)low_arena - (unsigned long)lo;
	if (hi > low_end) {
		high_base = low_end;
		high_size = hi - low_end;
		high_arena = arena_alloc(high_size);
		if (!high_arena)
			return -1;
	}

	page_alloc_set_kmap(harness_kmap, harness_kunmap);
	page_alloc_debug = cfg->debug;
	page_group_by_mobility_disabled = cfg->no_grouping;
	if (cfg->min_free_kbytes >= 0)
		page_alloc_set_min_free_kbytes(cfg->min_free_kbytes);
	if (cfg->pcp_high >= 0)
		page_alloc_set_pcp((unsigned int)cfg->pcp_high,
				   (unsigned int)(cfg->pcp_batch > 0 ? cfg->pcp_batch : 1));

	memblock_set_current_limit(low_end);
	for (i = 0; i < cfg->nr_ram; i++)
		if ((ret = memblock_add(cfg->ram[i].base, cfg->ram[i].size)))
			return ret;
	for (i = 0; i < cfg->nr_reserved; i++)
		if ((ret = memblock_reserve(cfg->reserved[i].base, cfg->reserved[i].size,
					    cfg->reserved[i].owner)))
			return ret;
	for (i = 0; i < cfg->nr_hold; i++)
		if ((ret = memblock_reserve(cfg->hold[i].base, cfg->hold[i].size, "hold")))
			return ret;
	if ((ret = free_area_init(PFN_DOWN(low_end))))
		return ret;
	for (i = 0; i < cfg->nr_hold; i++)
		memblock_phys_free(cfg->hold[i].base, cfg->hold[i].size);
	memblock_free_all();
	return 0;
}

void harness_snapshot(struct harness_snapshot *s)
{
	unsigned long pfn, n = 0;
	struct zone *z;

	memset(s, 0, sizeof(*s));
	s->pfn = calloc(max_pfn - mem_map_base_pfn + 1, sizeof(*s->pfn));
	s->order = calloc(max_pfn - mem_map_base_pfn + 1, 1);
	for_each_zone(z) {
		unsigned int o, zi = zone_idx(z);

		for (o = 0; o < NR_PAGE_ORDERS; o++)
			s->nr_free[zi][o] = z->free_area[o].nr_free;
		s->free_pages[zi] = z->free_pages;
	}
	for (pfn = mem_map_base_pfn; pfn < max_pfn; pfn++) {
		struct page *p = pfn_to_page(pfn);

		if (!PageBuddy(p))
			continue;
		s->pfn[n] = pfn;
		s->order[n] = (unsigned char)p->private;
		n++;
		pfn += (1UL << p->private) - 1;
	}
	s->nr_blocks = n;
}

bool harness_snapshot_equal(const struct harness_snapshot *a,
			    const struct harness_snapshot *b)
{
	return !memcmp(a->nr_free, b->nr_free, sizeof(a->nr_free)) &&
	       !memcmp(a->free_pages, b->free_pages, sizeof(a->free_pages)) &&
	       a->nr_blocks == b->nr_blocks &&
	       !memcmp(a->pfn, b->pfn, a->nr_blocks * sizeof(*a->pfn)) &&
	       !memcmp(a->order, b->order, a->nr_blocks);
}

void harness_snapshot_free(struct harness_snapshot *s)
{
	free(s->pfn);
	free(s->order);
	s->pfn = NULL;
	s->order = NULL;
}

unsigned int harness_list_pfns(int zone, unsigned int order, unsigned long *out,
			       unsigned int max)
{
	struct zone *z = &contig_page_data.node_zones[zone];
	unsigned int n = 0, mt;
	struct page *p;

	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		list_for_each_entry(p, &z->free_area[order].free_list[mt], lru)
			if (n < max)
				out[n++] = page_to_pfn(p);
	return n;
}

bool harness_is_free_block(unsigned long pfn, unsigned int order)
{
	struct page *p;

	if (!pfn_valid(pfn))
		return false;
	p = pfn_to_page(pfn);
	return PageBuddy(p) && p->private == order;
}

static unsigned long token(unsigned long pfn, unsigned long tag, unsigned long i)
{
	unsigned long long x = ((unsigned long long)pfn << 20) ^ tag ^ (i * 0x9e3779b97f4a7c15ULL);

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	return (unsigned long)(x ^ (x >> 29));
}

static unsigned long *frame_va(struct page *page)
{
	void *va = page_address(page);

	return va ? va : harness_kmap(page);
}

void harness_fill(struct page *page, unsigned int order, unsigned long tag)
{
	unsigned long i, w;

	for (i = 0; i < (1UL << order); i++) {
		unsigned long *va = frame_va(page + i);

		for (w = 0; w < PAGE_SIZE / sizeof(long); w += 61)
			va[w] = token(page_to_pfn(page + i), tag, w);
	}
}

bool harness_verify(struct page *page, unsigned int order, unsigned long tag)
{
	unsigned long i, w;

	for (i = 0; i < (1UL << order); i++) {
		unsigned long *va = frame_va(page + i);

		for (w = 0; w < PAGE_SIZE / sizeof(long); w += 61)
			if (va[w] != token(page_to_pfn(page + i), tag, w))
				return false;
	}
	return true;
}
