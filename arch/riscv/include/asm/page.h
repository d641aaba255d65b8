/* SPDX-License-Identifier: MIT */
/*
 * Page size and the linear map.
 *
 * Low memory is mapped at PAGE_OFFSET with a constant offset: the physical
 * address that the kernel image was loaded at (phys_ram_base, found at boot)
 * appears at PAGE_OFFSET, so va = pa + va_pa_offset for every linear-mapped
 * frame. RAM below the kernel image (OpenSBI's) is not in the linear map,
 * and RAM beyond LOWMEM_SIZE past phys_ram_base is high memory.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#ifndef __ASSEMBLER__
#include <linux/types.h>
#endif

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

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

#define PFN_DOWN(pa)	((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_UP(pa)	((unsigned long)(((pa) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)

#endif /* __ASSEMBLER__ */
#endif /* _ASM_PAGE_H */
