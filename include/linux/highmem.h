/* SPDX-License-Identifier: MIT */
/*
 * Temporary kernel mappings of high-memory frames (ULK ch. 8, "Kernel
 * Mappings of High-Memory Page Frames"). A lowmem frame is always mapped in
 * the linear map, so these return page_address() for it.
 *
 * kmap()/kunmap(): persistent mappings from a pool of LAST_PKMAP slots; an
 * unused slot keeps its mapping until the pool runs out, then all unused
 * slots are unmapped with one TLB flush on every hart; when every slot
 * has a user, kmap sleeps until a kunmap frees one. Task context only (it
 * may sleep): in an interrupt they refuse (kmap returns NULL and says so).
 *
 * kmap_atomic()/kunmap_atomic(): per-CPU fixmap slots used as a stack,
 * KM_MAX_NEST deep, usable from interrupt context; unmap in reverse order.
 * kmap_atomic disables preemption (lowmem pages too, as Linux's) until the
 * matching kunmap_atomic: the slot is this CPU's, so the task must stay.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>

#define PKMAP_BASE	0xff800000UL
#define LAST_PKMAP	1024

/*
 * The page's address: page_address() for lowmem, else a pool slot (shared
 * with an existing kmap of the same page). When every slot has a user it
 * sleeps until a kunmap leaves one unused (Linux's kmap_high), so in task
 * context it never returns NULL; a sleeping kmap holding the last slots
 * others wait for is the caller's deadlock, as on Linux. NULL (with an
 * error line) only in interrupt context.
 */
void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);

/* Slots currently holding a mapping (used or not), for tests and reports. */
unsigned int kmap_pool_mapped(void);
/* kmap calls that found the pool full and slept, since boot. */
unsigned long kmap_pool_waits(void);

/* Install the pkmap page table in pgd (called by paging_init). */
void kmap_init(u32 *pgd);

#endif /* _LINUX_HIGHMEM_H */
