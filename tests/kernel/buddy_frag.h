/* SPDX-License-Identifier: MIT */
/*
 * The fragmentation workload that selftest=buddy and the host tests run to
 * compare grouping by mobility on and off (docs/BENCHMARKS.md).
 */
#ifndef _TESTS_KERNEL_BUDDY_FRAG_H
#define _TESTS_KERNEL_BUDDY_FRAG_H

#include <linux/types.h>

/*
 * Fragmentation scenario on ZONE_NORMAL under the current grouping setting:
 * fill most free memory with order-0 pages, FRAG_MOVABLE_PER_UNMOVABLE
 * movable ones per unmovable one, free the movable ones, then count how many
 * order-10 blocks can be allocated. Everything is returned before it ends.
 * Returns 0, or -ENOMEM when the zone is too small to run it.
 */
#define FRAG_MOVABLE_PER_UNMOVABLE	15
struct frag_result {
	bool grouping;			/* grouping by mobility was on */
	unsigned long unmovable;	/* order-0 pages allocated of each kind */
	unsigned long movable;
	unsigned long free_pages;	/* zone free frames after the movable frees */
	unsigned int unusable_index;	/* at order 10, thousandths */
	unsigned long order10_blocks;	/* order-10 allocations that succeeded */
};
int buddy_frag_scenario(struct frag_result *res);

#endif /* _TESTS_KERNEL_BUDDY_FRAG_H */
