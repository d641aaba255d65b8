/* SPDX-License-Identifier: MIT */
/*
 * Fixed virtual addresses at the top of the address space, for mappings
 * that must exist before (or without) vmalloc: the device tree, early MMIO
 * and the per-CPU atomic kmap slots.
 *
 * 0xfe000000-0xfe7fffff  the DTB window (two megapages, read-only)
 * 0xffc00000-0xffffefff  4 KiB slots, slot i at FIXADDR_TOP - i * PAGE_SIZE
 * 0xfffff000             never mapped
 */
#ifndef _ASM_FIXMAP_H
#define _ASM_FIXMAP_H

#include <asm/pgtable.h>
#include <asm/smp.h>

#define FDT_FIXMAP_BASE	0xfe000000UL
#define FDT_FIXMAP_SIZE	(2 * PGDIR_SIZE)

#define FIXADDR_TOP	0xfffff000UL
#define FIXMAP_PT_BASE	0xffc00000UL

/* Atomic kmap slots each CPU may nest (task, softirq-like, irq, nmi-like). */
#define KM_MAX_NEST	4

enum fixed_addresses {
	FIX_HOLE,		/* FIXADDR_TOP itself stays unmapped */
	FIX_EARLYCON,
	FIX_POWEROFF,
	FIX_EARLY_IO_0,
	FIX_EARLY_IO_LAST = FIX_EARLY_IO_0 + 7,
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_NEST * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define __fix_to_virt(x)	(FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define FIXADDR_START		__fix_to_virt(__end_of_fixed_addresses - 1)

/* Map (prot != 0) or unmap (prot == 0) one fixmap slot, flushing the TLB entry. */
void __set_fixmap(enum fixed_addresses idx, phys_addr_t pa, u32 prot);
/* Map the page holding pa at a free early-I/O slot; returns the virtual address or NULL. */
void *early_ioremap(phys_addr_t pa, unsigned long size);

#endif /* _ASM_FIXMAP_H */
