/* SPDX-License-Identifier: MIT */
/*
 * Boots the real buddy allocator (buddy_harness) and then the slab
 * allocator on it, and stands in for the kernel pieces the slab code uses
 * besides mm/: the tick (jiffies, tick hooks) and kallsyms.
 */
#ifndef _SLAB_HARNESS_H
#define _SLAB_HARNESS_H

#include <linux/types.h>

struct slab_harness_cfg {
	unsigned int low_mib;		/* lowmem size; 0: 16 MiB */
	bool debug_all;			/* slab_debug */
	const char *debug_caches;	/* slab_debug.caches (NULL: all) */
	bool page_debug;		/* page_poison */
};

/* Tear down whatever ran before, boot buddy + slab; 0 or a negative errno. */
int slab_harness_boot(const struct slab_harness_cfg *cfg);
/* Forget the slab allocator, then the buddy allocator and the arena. */
void slab_harness_teardown(void);
/* Advance jiffies by n ticks, running the hooks that fall due, as the tick does. */
void slab_harness_tick(unsigned long n);
/* Free frames, the buddy allocator's per-CPU lists included. */
unsigned long slab_harness_free_pages(void);

#endif /* _SLAB_HARNESS_H */
