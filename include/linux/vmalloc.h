/* SPDX-License-Identifier: MIT */
/*
 * Noncontiguous memory areas (ULK ch. 8, "Noncontiguous Memory Area
 * Management"): virtually contiguous kernel memory in
 * [VMALLOC_START, VMALLOC_END) built from frames that need not be
 * contiguous (vmalloc), from frames the caller has (vmap), or over device
 * registers (ioremap). Linux's names and semantics; docs/VMALLOC.md has the
 * design.
 *
 * Glossary
 *   area     a busy range of the vmalloc space: what one vmalloc, vmap or
 *            ioremap (or get_vm_area) call owns, guard pages included
 *   guard    an address range of an area that is never mapped: every area
 *            ends with one guard page, so running off its end faults; a
 *            kernel stack also has THREAD_SIZE of guard below it
 *   lazy     a freed area whose PTEs are clear but which some TLB may still
 *            cache; it returns to the free ranges only after the TLB purge
 *   purge    one TLB flush covering every lazy area, then their ranges are
 *            given back (merged with their free neighbours)
 *
 * Layout of an area (struct vm_struct describes the part from addr on):
 *
 *   va_start           addr                      addr+size-PAGE_SIZE  va_end
 *   | guard below      | mapped pages ...        | guard page         |
 *   | (stacks only)    |<---------- vm->size ---------------------->|
 *
 * All of the API may be called with interrupts disabled; vmalloc needs a
 * gfp that allows it (GFP_ATOMIC) in interrupt context, where vfree,
 * vunmap and iounmap defer their work to the next call in task context.
 * Bad pointers passed to vfree/vunmap/iounmap are reported with the
 * caller and change nothing.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/gfp.h>
#include <linux/types.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>

struct page;

/*
 * Kernel-mode faults in the vmalloc range that the fault handler fixed
 * (arch/riscv/mm/fault.c): a level-1 entry copied from the master
 * directory, or a stale TLB entry for a present PTE flushed.
 */
extern unsigned long vmalloc_sync_faults;
extern unsigned long vmalloc_spurious_faults;

/* vm_struct.flags: what made the area (exactly one of the first three). */
#define VM_IOREMAP	0x00000001u	/* ioremap: device memory at phys_addr */
#define VM_ALLOC	0x00000002u	/* vmalloc: owns nr_pages frames */
#define VM_MAP		0x00000004u	/* vmap: maps nr_pages frames of the caller */
#define VM_THREAD_STACK	0x00000008u	/* with VM_ALLOC: a kernel stack (guard below) */
#define VM_AREA		0x00000010u	/* get_vm_area: address space only, nothing mapped */

/* One node only. */
#define NUMA_NO_NODE	(-1)

struct vm_struct {
	void *addr;		/* first byte after any guard below; page aligned */
	unsigned long size;	/* bytes from addr to the end of the trailing guard page */
	unsigned long flags;	/* VM_* */
	unsigned int nr_pages;	/* frames mapped from addr on (VM_ALLOC, VM_MAP, VM_IOREMAP) */
	phys_addr_t phys_addr;	/* VM_IOREMAP: the physical address mapped at addr */
	const void *caller;	/* return address of the call that made the area */
};

/* Bytes usable from vm->addr on: the size without the trailing guard page. */
static inline unsigned long get_vm_area_size(const struct vm_struct *vm)
{
	return vm->size - PAGE_SIZE;
}

static inline bool is_vmalloc_addr(const void *x)
{
	unsigned long a = (unsigned long)x;

	return a >= VMALLOC_START && a < VMALLOC_END;
}

/*
 * Once, after kmem_cache_init(): the descriptor cache is created and the
 * whole range becomes one free range.
 */
void vmalloc_init(void);

/*
 * size bytes (rounded up to pages) of virtually contiguous memory, frames
 * from any zone (highmem included). NULL for size 0, a size larger than the
 * range, no room in the range or no frames; nothing is left allocated on
 * failure. vzalloc zeroes it.
 */
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
/* As vmalloc with the caller's gfp (GFP_ATOMIC in interrupt context; __GFP_ZERO). */
void *__vmalloc(unsigned long size, gfp_t gfp);
/* align: a power of two (smaller than a page means a page); node is ignored. */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp,
		     int node, const void *caller);
/* The general form: the area must lie inside [start, end). */
void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end, gfp_t gfp,
			   pgprot_t prot, unsigned long vm_flags, int node,
			   const void *caller);
/* Free a vmalloc area (NULL is ignored). Frames go back at once, the range after the purge. */
void vfree(const void *addr);

/*
 * Map count frames (any zone, scattered) contiguously with prot; flags are
 * VM_* extras (VM_MAP is implied). The frames stay the caller's: vunmap
 * only removes the mapping. NULL on failure, and when a pages[i] is NULL,
 * not a struct page of mem_map or a frame of no RAM bank (reported with
 * the caller; nothing is mapped).
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);

/*
 * Map the device registers [phys, phys + size) uncached-ordered
 * (PAGE_KERNEL_IO); phys need not be page aligned, the offset is kept.
 * NULL, with a warning naming the caller, if the range holds RAM or does
 * not end inside the 34-bit physical space (PTE_PHYS_LIMIT).
 */
void *ioremap(phys_addr_t phys, unsigned long size);
void iounmap(volatile void *addr);

/* The frame mapped at a vmalloc/vmap address, or NULL (not mapped, MMIO). */
struct page *vmalloc_to_page(const void *addr);
/* The same as a pfn (0 if nothing is mapped): works for ioremap too. */
unsigned long vmalloc_to_pfn(const void *addr);

/* Reserve address space only (flags VM_*, VM_AREA implied). */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller);
void free_vm_area(struct vm_struct *area);
/* The live area whose vm->addr is addr, or NULL. */
struct vm_struct *find_vm_area(const void *addr);

/*
 * Finish every deferred free (task context) and purge every lazy area now:
 * one TLB flush, then their ranges are free again.
 */
void vm_unmap_aliases(void);

/*
 * Kernel stacks for tasks: THREAD_SIZE bytes from vmalloc, THREAD_ALIGN
 * aligned, with THREAD_SIZE of unmapped guard below and a guard page above,
 * so an overflow faults and entry.S reports it. Returns the lowest address
 * of the stack (its top is + THREAD_SIZE) or NULL.
 */
void *alloc_thread_stack(void);
void free_thread_stack(void *stack);

/*
 * Re-derive every invariant of the vmalloc space (docs/VMALLOC.md,
 * mm/vmalloc_internal.h): trees ordered and balanced, augmented values
 * right, free ranges merged, busy + lazy + free ranges covering the range
 * exactly, counters adding up, every live area mapped and its guards not,
 * no stray PTE. Returns 0, or -EFAULT after printing what is broken.
 */
int vmalloc_check(void);

struct vmalloc_stats {
	unsigned long nr_busy, busy_bytes;	/* areas handed out; guards included */
	unsigned long nr_free, free_bytes;	/* free ranges */
	unsigned long largest_free;		/* bytes of the largest free range */
	unsigned long nr_lazy, lazy_bytes;	/* freed, waiting for the purge */
	unsigned long nr_deferred;		/* vfree'd in interrupt context, not done yet */
	unsigned long vmalloc_pages;		/* frames owned by VM_ALLOC areas */
	unsigned long meta_pages;		/* frames of the "vmap_area" cache's slabs */
	unsigned long meta_objects;		/* descriptors of free ranges, lazy areas, the preload */
	unsigned long pgtable_pages;		/* level-0 tables of the range */
	unsigned long purges;			/* lazy purges (each one TLB flush) */
	unsigned long tlb_flushes;
	unsigned long bad_frees;		/* bad pointers reported */
	unsigned long failures;			/* allocations that returned NULL */
	unsigned long sync_faults;		/* level-1 entries copied by the fault handler */
};
void vmalloc_get_stats(struct vmalloc_stats *st);
/*
 * Frames vmalloc keeps for itself (the slabs of its descriptor cache, and
 * level-0 page tables, never freed): memory a leak check must not count as
 * lost.
 */
unsigned long vmalloc_meta_pages(void);
/*
 * Slab objects vmalloc keeps for itself: the descriptors of free ranges,
 * of lazy areas and the preloaded one (a busy area's descriptor belongs to
 * its owner). Their number changes as the range fragments and merges; a
 * leak check must not count it as lost either.
 */
unsigned long vmalloc_meta_objects(void);

/* /proc/vmallocinfo layout, one line per area, lazy ones as "unpurged". */
void vmalloc_show_vmallocinfo(void);
/* The @vmalloc record (DESIGN.md section 7) and the vmallocinfo dump. */
void vmalloc_report(void);

/* Lazy-purge threshold in bytes of freed areas; 0 restores the default. */
void vmalloc_set_lazy_max(unsigned long bytes);
/*
 * Forget all state, the descriptor cache included (host tests, before the
 * slab allocator and the arena under it are reset).
 */

#endif /* _LINUX_VMALLOC_H */
