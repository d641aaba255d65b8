/* SPDX-License-Identifier: MIT */
/*
 * memblock: the boot-time physical memory map and allocator.
 *
 * Two sorted arrays of non-overlapping ranges: memory (RAM from the device
 * tree) and reserved (firmware, kernel image, DTB, initrd, early
 * allocations), each reserved range tagged with its owner's name. Free
 * memory is memory minus reserved, minus MEMBLOCK_NOMAP memory. Allocations
 * search the free ranges top down inside the linear map and are recorded
 * as reserved by "memblock". memblock_free_all() ends its life: every free
 * frame goes to the buddy allocator and further memblock allocations fail.
 *
 * MEMBLOCK_NOMAP marks RAM that must never be mapped (a /reserved-memory
 * node with no-map: firmware that the CPU must not even prefetch from):
 * it stays out of the linear map and is never free, but is RAM all the
 * same, so its frames have descriptors (reserved ones), as in Linux.
 *
 * Invariants (memblock_check()): in each array, regions are sorted by base,
 * non-empty, non-overlapping, and adjacent regions of one owner and the
 * same flags are merged; reserved regions carry no flags.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define MEMBLOCK_MEMORY_REGIONS		32
#define MEMBLOCK_RESERVED_REGIONS	64
/* memblock_phys_alloc_range() end: up to the current limit. */
#define MEMBLOCK_ALLOC_ACCESSIBLE	0
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)

/* memblock_region.flags (Linux's values). */
#define MEMBLOCK_NONE		0x0
#define MEMBLOCK_NOMAP		0x4	/* memory: keep out of the linear map */

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	const char *owner;	/* reserved ranges: who holds it; memory: NULL */
	unsigned int flags;	/* MEMBLOCK_*; memory regions only */
};

struct memblock_type {
	unsigned int cnt;
	unsigned int max;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	bool bottom_up;			/* allocate upwards instead of top down */
	bool done;			/* memblock_free_all() has run */
	phys_addr_t current_limit;	/* allocations end below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* Add RAM; returns 0, -EINVAL for an empty range, -ENOSPC when full. */
int memblock_add(phys_addr_t base, phys_addr_t size);
/* Forget RAM (e.g. a mem= limit). */
int memblock_remove(phys_addr_t base, phys_addr_t size);
/*
 * Reserve [base, base + size) for owner (a string that outlives boot).
 * Parts already reserved keep their first owner.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size, const char *owner);
/* Drop a reservation (Linux's memblock_phys_free). */
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
/* Drop the reservation of a memblock_alloc() result. */
void memblock_free(void *ptr, size_t size);
/*
 * Set or clear MEMBLOCK_NOMAP on the RAM in [base, base + size), splitting
 * memory regions at the ends. All or nothing: 0, or -ENOSPC (logged) when
 * the memory array has no room for the split, -EINVAL for an empty range.
 * memblock_remove() and memblock_phys_free() are all or nothing the same way.
 */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);

static inline bool memblock_is_nomap(const struct memblock_region *r)
{
	return r->flags & MEMBLOCK_NOMAP;
}

/*
 * Allocate size bytes aligned to align (a power of two, 0 means a page)
 * inside the linear map, zeroed. NULL when nothing fits or after
 * memblock_free_all().
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
/* All of this kernel's lowmem is addressable: same as memblock_alloc. */
void *memblock_alloc_low(phys_addr_t size, phys_addr_t align);
/*
 * Allocate inside [start, end) (end MEMBLOCK_ALLOC_ACCESSIBLE: the current
 * limit). Not zeroed and not necessarily mapped (early page tables are
 * allocated before the linear map exists). Returns 0 on failure.
 */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);

/* Allocations end below limit; default phys_ram_base + LOWMEM_SIZE. */
void memblock_set_current_limit(phys_addr_t limit);
void memblock_set_bottom_up(bool enable);

phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
phys_addr_t memblock_phys_mem_size(void);
bool memblock_is_memory(phys_addr_t addr);
/* RAM that the linear map may map: memory and not MEMBLOCK_NOMAP. */
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_reserved(phys_addr_t addr);
/* Does any RAM share a byte with [base, base + size)? */
bool memblock_overlaps_memory(phys_addr_t base, phys_addr_t size);
/* Owner of the first reserved range sharing a byte with [base, base + size), or NULL. */
const char *memblock_reserved_owner(phys_addr_t base, phys_addr_t size);
/* Whole frames of RAM inside [start_pfn, end_pfn). */
unsigned long memblock_memory_pages(unsigned long start_pfn,
				    unsigned long end_pfn);

/*
 * Release every free frame to the buddy allocator in maximal aligned
 * blocks and log, per zone, how many frames it received and the reserved
 * frames grouped by owner. Needs free_area_init() first. Returns the number
 * of frames released.
 */
unsigned long memblock_free_all(void);

/* Log both arrays. */
void memblock_dump(void);
/* Check the invariants above; 0 or -EFAULT after printing what broke. */
int memblock_check(void);

#endif /* _LINUX_MEMBLOCK_H */
