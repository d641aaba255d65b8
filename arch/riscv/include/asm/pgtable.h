/* SPDX-License-Identifier: MIT */
/*
 * Sv32 page tables: a 1024-entry page directory (level 1) whose entries are
 * either 4 MiB megapages (leaf: R, W or X set) or pointers to a 1024-entry
 * page table (level 0) of 4 KiB pages.
 *
 *  31         20 19        10 9 8 7 6 5 4 3 2 1 0
 * +-------------+------------+---+-+-+-+-+-+-+-+-+
 * |   PPN[1]    |   PPN[0]   |RSW|D|A|G|U|X|W|R|V|
 * +-------------+------------+---+-+-+-+-+-+-+-+-+
 *
 * Virtual memory map (DESIGN.md section 3):
 *
 * 0x00000000 +------------------+
 *            | NULL guard       |
 * 0x00001000 +------------------+
 *            | user space       |
 * 0xc0000000 +------------------+ PAGE_OFFSET
 *            | linear map       |  kernel image first, then low memory
 * 0xe0000000 +------------------+ VMALLOC_START
 *            | vmalloc/ioremap  |
 * 0xf8000000 +------------------+ FIXADDR_AREA
 *            | fixmap, DTB      |
 * 0xffffffff +------------------+
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>

#define _PAGE_VALID	(1u << 0)
#define _PAGE_READ	(1u << 1)
#define _PAGE_WRITE	(1u << 2)
#define _PAGE_EXEC	(1u << 3)
#define _PAGE_USER	(1u << 4)
#define _PAGE_GLOBAL	(1u << 5)
#define _PAGE_ACCESSED	(1u << 6)
#define _PAGE_DIRTY	(1u << 7)
#define _PAGE_LEAF	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define _PAGE_PFN_SHIFT	10
/* A PTE's PPN has 22 bits: Sv32 reaches 34 bits of physical address space. */
#define _PAGE_PFN_BITS	22

#define PTRS_PER_PTE	1024
#define PTRS_PER_PGD	1024
#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)	/* 4 MiB: one megapage */
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))

/* Kernel mappings are global and pre-set A/D (no A/D update faults). */
#define _PAGE_KERNEL_BASE (_PAGE_VALID | _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL	 (_PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_WRITE)
#define PAGE_KERNEL_RO	 (_PAGE_KERNEL_BASE | _PAGE_READ)
#define PAGE_KERNEL_EXEC (_PAGE_KERNEL_BASE | _PAGE_READ | _PAGE_EXEC)
#define PAGE_KERNEL_IO	 PAGE_KERNEL
/* Only for the short-lived identity map in head.S. */
#define PAGE_KERNEL_RWX	 (PAGE_KERNEL | _PAGE_EXEC)

#define VMALLOC_START	0xe0000000UL
#define VMALLOC_END	0xf8000000UL
#define FIXADDR_AREA	0xf8000000UL

#ifndef __ASSEMBLER__

/* The first physical address no PTE can name (1 << 34). */
#define PTE_PHYS_LIMIT	((phys_addr_t)1 << (_PAGE_PFN_BITS + PAGE_SHIFT))

static inline unsigned int pgd_index(unsigned long va)
{
	return va >> PGDIR_SHIFT;
}

static inline unsigned int pte_index(unsigned long va)
{
	return (va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

static inline pte_t pfn_pte(unsigned long pfn, u32 prot)
{
	return ((pte_t)pfn << _PAGE_PFN_SHIFT) | prot;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return pte >> _PAGE_PFN_SHIFT;
}

static inline bool pte_present(pte_t pte)
{
	return pte & _PAGE_VALID;
}

static inline bool pte_leaf(pte_t pte)
{
	return pte & _PAGE_LEAF;
}

/* A non-leaf directory entry pointing at the page table at physical pa. */
static inline pgd_t pgd_table(phys_addr_t pa)
{
	return pfn_pte(PFN_DOWN(pa), _PAGE_VALID);
}

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/* Walk 'pgd' for 'va'; returns the leaf entry or 0, and the level via *level (0 or 1). */
pte_t pgtable_lookup(pgd_t *pgd, unsigned long va, int *level);

#endif /* __ASSEMBLER__ */
#endif /* _ASM_PGTABLE_H */
