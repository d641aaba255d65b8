/* SPDX-License-Identifier: MIT */
/*
 * Boots the real memblock + buddy allocator on a host buffer, the way the
 * kernel does on the board: memblock_add the RAM ranges, reserve, run
 * free_area_init, release the "hold" ranges, memblock_free_all. Physical
 * addresses start at HARNESS_RAM_BASE; lowmem is a host arena reached
 * through __va, highmem a second buffer reached through the kmap hook.
 */
#ifndef _BUDDY_HARNESS_H
#define _BUDDY_HARNESS_H

#include <linux/types.h>

#define HARNESS_RAM_BASE	0x80000000ULL
#define HARNESS_MAX_RANGES	8

struct harness_range {
	phys_addr_t base;
	phys_addr_t size;
	const char *owner;
};

struct harness_cfg {
	struct harness_range ram[HARNESS_MAX_RANGES];
	unsigned int nr_ram;
	struct harness_range reserved[HARNESS_MAX_RANGES];
	unsigned int nr_reserved;
	/* Reserved while mem_map is allocated, released before memblock_free_all. */
	struct harness_range hold[HARNESS_MAX_RANGES];
	unsigned int nr_hold;
	phys_addr_t lowmem_end;		/* free_area_init's limit */
	int min_free_kbytes;		/* -1: computed; 0: no watermarks */
	int pcp_high, pcp_batch;	/* -1: computed */
	bool debug;
	bool no_grouping;
};

/* One RAM range at HARNESS_RAM_BASE: low_mib of lowmem, high_mib of highmem. */
void harness_cfg_simple(struct harness_cfg *cfg, unsigned int low_mib,
			unsigned int high_mib);
/* Boot; 0 or a negative errno. Tears down any previous boot first. */
int harness_boot(const struct harness_cfg *cfg);
void harness_teardown(void);

/* Act as CPU cpu from now on (host_cpu and the allocator's per-CPU pointers). */
void harness_set_cpu(unsigned int cpu);
/*
 * Each CPU in turn drains its own per-CPU lists, as owners answer
 * drain_all_pages(); ends as CPU 0.
 */
void harness_drain_all(void);

/* Free blocks of one zone, sorted by pfn: the allocator's observable state. */
struct harness_snapshot {
	unsigned long nr_free[2][11];
	unsigned long free_pages[2];
	unsigned long nr_blocks;
	unsigned long *pfn;
	unsigned char *order;
};
void harness_snapshot(struct harness_snapshot *s);
bool harness_snapshot_equal(const struct harness_snapshot *a,
			    const struct harness_snapshot *b);
void harness_snapshot_free(struct harness_snapshot *s);

/* pfns on the free lists of one zone and order (all types); returns the count. */
unsigned int harness_list_pfns(int zone, unsigned int order, unsigned long *out,
			       unsigned int max);
/* The frame is the head of a free block of this order. */
bool harness_is_free_block(unsigned long pfn, unsigned int order);

/* Fill / verify a block with a token derived from its pfn and a tag. */
void harness_fill(struct page *page, unsigned int order, unsigned long tag);
bool harness_verify(struct page *page, unsigned int order, unsigned long tag);

#endif /* _BUDDY_HARNESS_H */
