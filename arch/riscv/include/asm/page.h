/* SPDX-License-Identifier: MIT */
/*
 * Page size and the linear map.
 *
 * Low memory is mapped at PAGE_OFFSET with a constant offset: the physical
 * address that the kernel image was loaded at (phys_ram_base, found at boot)
 * appears at PAGE_OFFSET, so va = pa + va_pa_offset for every linear-mapped
 * frame. RAM below the kernel image (OpenSBI's) is not in the linear map,
 * and RAM beyond LOWMEM_SIZE past phys_ram_base is high memory.
 *
 * Physical addresses: an Sv32 PTE holds a 22-bit PPN, so only the first
 * 2^34 bytes (16 GiB) can be mapped at all; a pfn at or above MAX_PHYS_PFN
 * would alias a lower frame in a PTE. The device tree scan drops RAM there.
 * The frame descriptors are kept per section of 2^SECTION_SIZE_BITS bytes
 * (SPARSEMEM, see <linux/mm.h>).
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#ifndef __ASSEMBLER__
#include <linux/types.h>
#endif

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define MAX_PHYSMEM_BITS	34
#define SECTION_SIZE_BITS	26	/* 64 MiB sections: 256 of them */

#define PAGE_OFFSET	0xc0000000UL
/* Size of the linear map: 0xc0000000..0xdfffffff (DESIGN.md section 3). */
#define LOWMEM_SIZE	0x20000000UL

#ifndef __ASSEMBLER__

/* va - pa of the linear map; set once by setup_vm() before paging is on. */
extern unsigned long va_pa_offset;
/* Physical address mapped at PAGE_OFFSET. */
extern phys_addr_t phys_ram_base;

#define __pa(va)	((phys_addr_t)((unsigned long)(va) - va_pa_offset))
#define __va(pa)	((void *)((unsigned long)(pa) + va_pa_offset))

/* First physical address and pfn a PTE cannot reach. */
#define PHYSMEM_END	((phys_addr_t)1 << MAX_PHYSMEM_BITS)
#define MAX_PHYS_PFN	(1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT))

#define PFN_DOWN(pa)	((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_UP(pa)	((unsigned long)(((pa) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)

/*
 * Page table entry types (Sv32: 32-bit entries at both levels) and the
 * protection bits of a leaf entry (PAGE_KERNEL, PAGE_READ, ...), here as in
 * Linux so that mm_types.h can name them without the page table code.
 */
typedef u32 pte_t;
typedef u32 pgd_t;
typedef u32 pgprot_t;

/*
 * Zero, or copy, one whole frame at a page-aligned kernel address
 * (arch/riscv/lib/page.S: word loops, much faster than picolibc's
 * size-built memset/memcpy; the host tests' stand-ins use those).
 */
void clear_page(void *page);
void copy_page(void *to, const void *from);

#endif /* __ASSEMBLER__ */
#endif /* _ASM_PAGE_H */
