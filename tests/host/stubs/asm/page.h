/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for <asm/page.h>: the "linear map" is a host buffer that a
 * test allocates; it sets va_pa_offset = (unsigned long)buffer - pa_base so
 * __va()/__pa() translate between the simulated physical addresses and the
 * buffer. PAGE_OFFSET has no meaning on the host.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define LOWMEM_SIZE	0x20000000UL

extern unsigned long va_pa_offset;
extern phys_addr_t phys_ram_base;

#define __pa(va)	((phys_addr_t)((unsigned long)(va) - va_pa_offset))
#define __va(pa)	((void *)((unsigned long)(pa) + va_pa_offset))

#define PFN_DOWN(pa)	((unsigned long)((pa) >> PAGE_SHIFT))
#define PFN_UP(pa)	((unsigned long)(((pa) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)

#endif /* _ASM_PAGE_H */
