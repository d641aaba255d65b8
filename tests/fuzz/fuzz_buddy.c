// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the input is a sequence of allocator operations
 * (allocate, free, drain, change a tunable, commit a bad free) run on the
 * real buddy allocator booted once on a host arena with a hole in lowmem
 * and a highmem zone, page_alloc_debug on.
 *
 * buddy_check() must pass after each of the first 4 operations, every 32nd
 * after that (a full check walks all of mem_map) and at the end; every live
 * block keeps a token that must survive; every planted bad free must be
 * counted and change nothing. At the end everything is freed and the free
 * blocks must be exactly those after boot.
 *
 * 100000 runs with -max_len=512 take under a minute.
 *
 * Input: byte 0 picks the tunables; then ops, one byte each plus operands.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"

#define SLOTS		64
#define FULL_CHECK_OPS	4
#define CHECK_EVERY	32

struct slot {
	struct page *page;
	unsigned int order;
	unsigned long tag;
};

static struct harness_snapshot boot_state;
static struct slot slots[SLOTS];
static unsigned int nr_slots;
static unsigned long expected_bad;

static const gfp_t gfp_kinds[] = {
	GFP_KERNEL, GFP_KERNEL | __GFP_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
	GFP_ATOMIC, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_ZERO,
	GFP_ATOMIC | __GFP_MEMALLOC, GFP_HIGHUSER | __GFP_ZERO,
};

static const struct { unsigned int high, batch; } pcp_kinds[] = {
	{ 0, 1 }, { 12, 2 }, { 96, 16 }, { 1000, 63 },
};

static const int min_free_kinds[] = { -1, 0, 256, 2048 };

static void die(const char *what)
{
	fprintf(stderr, "fuzz_buddy: %s\n", what);
	abort();
}

static void check(void)
{
	if (buddy_check())
		die("buddy_check failed");
	if (page_alloc_bad_frees != expected_bad)
		die("bad-free count differs from the planted bad frees");
	if (page_alloc_poison_errors)
		die("poison error: a free frame was written");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct harness_cfg cfg = { 0 };

	(void)argc;
	(void)argv;
	cfg.ram[0] = (struct harness_range){ HARNESS_RAM_BASE, 6 << 20, NULL };
	cfg.ram[1] = (struct harness_range){ HARNESS_RAM_BASE + (13 << 19), 11 << 19, NULL };
	cfg.nr_ram = 2;
	cfg.lowmem_end = HARNESS_RAM_BASE + (8 << 20);
	cfg.min_free_kbytes = -1;
	cfg.pcp_high = -1;
	cfg.debug = true;
	if (harness_boot(&cfg))
		die("boot failed");
	drain_all_pages();
	harness_snapshot(&boot_state);
	check();
	return 0;
}

static unsigned int take(const uint8_t **p, const uint8_t *end)
{
	return *p < end ? *(*p)++ : 0;
}

static void op_alloc(unsigned int a, unsigned int b, unsigned int c)
{
	unsigned int order = (a & 0x80) ? a % 11 : a % 4;
	gfp_t gfp = gfp_kinds[b % 8] | __GFP_NOWARN;
	struct page *page;

	if (nr_slots == SLOTS)
		return;
	harness_set_cpu(c % NR_CPUS);
	page = alloc_pages(gfp, order);
	if (!page)
		return;
	if (page_ref_count(page) != 1 || (page_to_pfn(page) & ((1UL << order) - 1)))
		die("allocated block has a bad refcount or alignment");
	if (!(gfp & __GFP_HIGHMEM) && PageHighMem(page))
		die("highmem frame for a lowmem request");
	if ((gfp & __GFP_ZERO) && page_address(page) &&
	    ((unsigned long *)page_address(page))[61] != 0)
		die("__GFP_ZERO frame not zeroed");
	slots[nr_slots].page = page;
	slots[nr_slots].order = order;
	slots[nr_slots].tag = (unsigned long)a << 16 | b << 8 | c;
	harness_fill(page, order, slots[nr_slots].tag);
	nr_slots++;
}

static void op_free(unsigned int a, unsigned int c)
{
	unsigned int i;
	struct slot s;

	if (!nr_slots)
		return;
	i = a % nr_slots;
	s = slots[i];
	slots[i] = slots[--nr_slots];
	if (!harness_verify(s.page, s.order, s.tag))
		die("live block lost its contents");
	harness_set_cpu(c % NR_CPUS);
	__free_pages(s.page, s.order);
}

/* Plant one bad free; it must be reported and change nothing. */
static void op_bad(unsigned int a, unsigned int b)
{
	struct slot *s = nr_slots ? &slots[a % nr_slots] : NULL;

	switch (b % 7) {
	case 0:		/* double free */
		if (!s)
			return;
		__free_pages(s->page, s->order);
		__free_pages(s->page, s->order);
		expected_bad++;
		*s = slots[--nr_slots];
		return;
	case 1:		/* wrong order */
		if (!s)
			return;
		__free_pages(s->page, s->order == MAX_PAGE_ORDER ? 0 : s->order + 1);
		break;
	case 2:		/* a tail frame */
		if (!s || !s->order)
			return;
		__free_pages(s->page + (1UL << s->order) - 1, 0);
		break;
	case 4:		/* owner data still attached (PG_private), then dirty: fine */
		if (!s)
			return;
		SetPagePrivate(s->page);
		__free_pages(s->page, s->order);
		ClearPagePrivate(s->page);
		SetPageDirty(s->page);
		__free_pages(s->page, s->order);
		expected_bad++;
		*s = slots[--nr_slots];
		return;
	case 5:		/* a frame of the hole between the RAM banks, "released" */
		free_reserved_page(pfn_to_page(PFN_DOWN(HARNESS_RAM_BASE + (6 << 20)) + a % 128));
		break;
	case 3:		/* a reserved frame (mem_map's own) */
		__free_pages(virt_to_page(mem_map), 0);
		break;
	default:	/* not a frame address */
		free_pages((unsigned long)page_address(pfn_to_page(max_low_pfn - 1)) + 24, 0);
		break;
	}
	expected_bad++;
}

static void op_tune(unsigned int a)
{
	const unsigned int i = (a >> 2) % 4;

	switch (a % 4) {
	case 0:
		page_alloc_set_pcp(pcp_kinds[i].high, pcp_kinds[i].batch);
		break;
	case 1:
		page_alloc_set_min_free_kbytes(min_free_kinds[i]);
		break;
	case 2:
		page_group_by_mobility_disabled = !page_group_by_mobility_disabled;
		break;
	default:
		fail_page_alloc_set_probability(i * 10);
		fail_page_alloc_seed(a);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct harness_snapshot now;
	unsigned int cfg = take(&p, end), ops = 0;

	page_group_by_mobility_disabled = cfg & 1;
	page_alloc_set_pcp(pcp_kinds[(cfg >> 1) % 4].high, pcp_kinds[(cfg >> 1) % 4].batch);
	page_alloc_set_min_free_kbytes(min_free_kinds[(cfg >> 3) % 4]);
	fail_page_alloc_set_probability(0);

	while (p < end) {
		unsigned int op = take(&p, end);
		unsigned int a = take(&p, end), b = take(&p, end), c = take(&p, end);

		switch (op % 8) {
		case 0: case 1: case 2: case 3:
			op_alloc(a, b, c);
			break;
		case 4: case 5:
			op_free(a, c);
			break;
		case 6:
			if (a & 1)
				drain_all_pages();
			else
				drain_local_pages();
			break;
		default:
			if (b & 0x80)
				op_tune(a);
			else
				op_bad(a, b);
			break;
		}
		if (++ops <= FULL_CHECK_OPS || ops % CHECK_EVERY == 0)
			check();
	}

	while (nr_slots)
		op_free(0, 0);
	fail_page_alloc_set_probability(0);
	page_group_by_mobility_disabled = false;
	harness_drain_all();
	check();
	harness_snapshot(&now);
	if (!harness_snapshot_equal(&boot_state, &now))
		die("freeing everything did not restore the boot state");
	harness_snapshot_free(&now);
	return 0;
}
