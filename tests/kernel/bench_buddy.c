// SPDX-License-Identifier: MIT
/*
 * bench=buddy: instructions per allocation+free pair.
 *   order0_pair  alloc_page + __free_page: the per-CPU list fast path
 *   order3_pair  alloc_pages(3) + __free_pages(3): the buddy lists, in the
 *                steady state where the order-3 list has a block (no split,
 *                and the freed block's buddy is busy, so no merge)
 */
#include <linux/bench.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>

static u32 order0_pair(void *arg)
{
	u32 start = bench_begin();

	__free_page(alloc_page(GFP_KERNEL));
	return bench_end(start);
}

/* Make sure an order-0 frame is on this CPU's list before sampling. */
static void *order0_prepare(int *err)
{
	order0_pair(NULL);
	return NULL;
}

BENCH(bench_order0, .name = "buddy.order0_pair", .prepare = order0_prepare,
      .op = order0_pair);

static u32 order3_pair(void *arg)
{
	u32 start = bench_begin();

	__free_pages(alloc_pages(GFP_KERNEL, 3), 3);
	return bench_end(start);
}

/*
 * Split an order-4 block and keep one half: the other half stays on the
 * order-3 list, and freeing it back cannot merge while its buddy is held.
 */
static void *order3_prepare(int *err)
{
	struct page *p = alloc_pages(GFP_KERNEL, 4);

	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	split_page(p, 4);
	__free_pages(p + 8, 0);	/* frames 8..15 back one by one ... */
	__free_pages(p + 9, 0);
	__free_pages(p + 10, 0);
	__free_pages(p + 11, 0);
	__free_pages(p + 12, 0);
	__free_pages(p + 13, 0);
	__free_pages(p + 14, 0);
	__free_pages(p + 15, 0);
	drain_all_pages();	/* ... merged into one order-3 block */
	return p;		/* frames 0..7 stay allocated: the buddy is busy */
}

static void order3_cleanup(void *arg)
{
	struct page *p = arg;
	unsigned int i;

	for (i = 0; i < 8; i++)
		__free_pages(p + i, 0);
	drain_all_pages();
}

BENCH(bench_order3, .name = "buddy.order3_pair", .prepare = order3_prepare,
      .op = order3_pair, .cleanup = order3_cleanup);
