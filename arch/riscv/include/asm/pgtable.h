/* SPDX-License-Identifier: MIT */
/*
 * Sv32 page tables: the arch primitives under the walker (mm/pgtable.c,
 * <linux/pgtable.h>), with Linux's names. A 1024-entry page directory
 * (level 1) whose entries are either 4 MiB megapages (leaf: R, W or X set)
 * or pointers to a 1024-entry page table (level 0) of 4 KiB pages.
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
 * 0xc0000000 +------------------+ PAGE_OFFSET (TASK_SIZE)
 *            | linear map       |  kernel image first, then low memory
 * 0xe0000000 +------------------+ VMALLOC_START
 *            | vmalloc/ioremap  |
 * 0xf8000000 +------------------+ FIXADDR_AREA
 *            | fixmap, DTB      |
 * 0xffffffff +------------------+
 *
 * Entry rules (the walker's tests and checkers re-derive them):
 *   user leaf PTEs carry U and never G (their translations belong to one
 *   address space), with A preset (Linux riscv's _PAGE_BASE) and D set by
 *   the fault path when it grants a write; kernel leaves carry G and have
 *   A and D preset, because hardware may trap on a clear A/D bit instead
 *   of setting it (VexRiscv does) and kernel code must never take that trap;
 *   W never appears without R (RISC-V reserves W-only);
 *   a PROT_NONE PTE is V clear with _PAGE_PROT_NONE set: the hardware sees
 *   an invalid entry, the kernel sees a present page with no access.
 *
 * PROT_NONE marker: RSW bit 9, not the G bit Linux riscv borrows. The
 * hardware ignores both while V is clear; the RSW bit keeps "a user PTE
 * never has G" true of every entry, so no slip in pte_modify() can ever
 * leave a G bit behind on a valid user translation, and a checker can
 * assert the rule without exceptions. RSW bit 8 is _PAGE_SPECIAL, as in
 * Linux (_PAGE_SOFT).
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <asm/page.h>

#define _PAGE_VALID	(1u << 0)
#define _PAGE_PRESENT	_PAGE_VALID
#define _PAGE_READ	(1u << 1)
#define _PAGE_WRITE	(1u << 2)
#define _PAGE_EXEC	(1u << 3)
#define _PAGE_USER	(1u << 4)
#define _PAGE_GLOBAL	(1u << 5)
#define _PAGE_ACCESSED	(1u << 6)
#define _PAGE_DIRTY	(1u << 7)
#define _PAGE_SPECIAL	(1u << 8)	/* RSW: no struct page behind it (pte_special) */
#define _PAGE_PROT_NONE	(1u << 9)	/* RSW: PROT_NONE, V clear (see above) */
#define _PAGE_LEAF	(_PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define _PAGE_PFN_SHIFT	10
/* A PTE's PPN has 22 bits: Sv32 reaches 34 bits of physical address space. */
#define _PAGE_PFN_BITS	22
#define _PAGE_PFN_MASK	(~((1u << _PAGE_PFN_SHIFT) - 1))
/* What pte_modify() keeps: the frame, A, D and the special bit. */
#define _PAGE_CHG_MASK	(_PAGE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_SPECIAL)

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

/*
 * User protections (Linux riscv's): U, never G, A preset, D left to the
 * fault path. PAGE_WRITE is R+W because W alone is reserved; a private
 * writable mapping starts read-only (PAGE_COPY) and becomes writable at
 * its first write fault (copy-on-write or a fresh frame).
 */
#define _PAGE_BASE	 (_PAGE_VALID | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_NONE	 ((_PAGE_BASE & ~_PAGE_VALID) | _PAGE_PROT_NONE)
#define PAGE_READ	 (_PAGE_BASE | _PAGE_READ)
#define PAGE_WRITE	 (_PAGE_BASE | _PAGE_READ | _PAGE_WRITE)
#define PAGE_EXEC	 (_PAGE_BASE | _PAGE_EXEC)
#define PAGE_READ_EXEC	 (_PAGE_BASE | _PAGE_READ | _PAGE_EXEC)
#define PAGE_WRITE_EXEC	 (_PAGE_BASE | _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC)
#define PAGE_COPY	 PAGE_READ
#define PAGE_COPY_EXEC	 PAGE_READ_EXEC
#define PAGE_SHARED	 PAGE_WRITE
#define PAGE_SHARED_EXEC PAGE_WRITE_EXEC

#define VMALLOC_START	0xe0000000UL
#define VMALLOC_END	0xf8000000UL
#define FIXADDR_AREA	0xf8000000UL

#ifndef __ASSEMBLER__

#include <linux/compiler.h>

/* The first physical address no PTE can name (1 << 34). */
#define PTE_PHYS_LIMIT	((phys_addr_t)1 << (_PAGE_PFN_BITS + PAGE_SHIFT))

static inline unsigned int pgd_index(unsigned long va)
{
	return (va >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}

static inline unsigned int pte_index(unsigned long va)
{
	return (va >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

/* ---- leaf entries ---------------------------------------------------------- */

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return ((pte_t)pfn << _PAGE_PFN_SHIFT) | prot;
}

static inline unsigned long pte_pfn(pte_t pte)
{
	return pte >> _PAGE_PFN_SHIFT;
}

/* Macros: page_to_pfn/pfn_to_page come from <linux/mm.h>, which needs this file. */
#define mk_pte(page, prot)	pfn_pte(page_to_pfn(page), (prot))
#define pte_page(pte)		pfn_to_page(pte_pfn(pte))

static inline pgprot_t pte_pgprot(pte_t pte)
{
	return pte & ~_PAGE_PFN_MASK;
}

static inline bool pte_none(pte_t pte)
{
	return pte == 0;
}

/* Mapped for the kernel: valid to the hardware, or PROT_NONE. */
static inline bool pte_present(pte_t pte)
{
	return (pte & (_PAGE_VALID | _PAGE_PROT_NONE)) != 0;
}

static inline bool pte_protnone(pte_t pte)
{
	return (pte & (_PAGE_VALID | _PAGE_PROT_NONE)) == _PAGE_PROT_NONE;
}

static inline bool pte_leaf(pte_t pte)
{
	return (pte & _PAGE_LEAF) != 0;
}

static inline bool pte_read(pte_t pte)    { return (pte & _PAGE_READ) != 0; }
static inline bool pte_write(pte_t pte)   { return (pte & _PAGE_WRITE) != 0; }
static inline bool pte_exec(pte_t pte)    { return (pte & _PAGE_EXEC) != 0; }
static inline bool pte_user(pte_t pte)    { return (pte & _PAGE_USER) != 0; }
static inline bool pte_global(pte_t pte)  { return (pte & _PAGE_GLOBAL) != 0; }
static inline bool pte_young(pte_t pte)   { return (pte & _PAGE_ACCESSED) != 0; }
static inline bool pte_dirty(pte_t pte)   { return (pte & _PAGE_DIRTY) != 0; }
static inline bool pte_special(pte_t pte) { return (pte & _PAGE_SPECIAL) != 0; }

/* pte_mkwrite grants W with R (never W alone); the caller decides D. */
static inline pte_t pte_mkwrite(pte_t pte)   { return pte | _PAGE_WRITE | _PAGE_READ; }
static inline pte_t pte_wrprotect(pte_t pte) { return pte & ~_PAGE_WRITE; }
static inline pte_t pte_mkyoung(pte_t pte)   { return pte | _PAGE_ACCESSED; }
static inline pte_t pte_mkold(pte_t pte)     { return pte & ~_PAGE_ACCESSED; }
static inline pte_t pte_mkdirty(pte_t pte)   { return pte | _PAGE_DIRTY; }
static inline pte_t pte_mkclean(pte_t pte)   { return pte & ~_PAGE_DIRTY; }
static inline pte_t pte_mkspecial(pte_t pte) { return pte | _PAGE_SPECIAL; }

/* The same frame (and A, D, special) with the protection newprot (mprotect). */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	return (pte & _PAGE_CHG_MASK) | newprot;
}

static inline bool pte_same(pte_t a, pte_t b)
{
	return a == b;
}

/*
 * Entry updates. A single aligned 32-bit store is atomic; the read-modify-
 * write helpers are atomic too, because a hart that sets A/D itself may
 * update the entry between a load and a store. The caller flushes the TLB
 * (flush_tlb_page/_range) after a change that takes a right away.
 */
static inline pte_t ptep_get(pte_t *ptep)
{
	return READ_ONCE(*ptep);
}

static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
}

struct mm_struct;
struct vm_area_struct;

static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
			      pte_t pte)
{
	set_pte(ptep, pte);
}

static inline void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	set_pte(ptep, 0);
}

static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
				       pte_t *ptep)
{
	return __atomic_exchange_n(ptep, 0, __ATOMIC_RELAXED);
}

static inline void ptep_set_wrprotect(struct mm_struct *mm, unsigned long addr,
				      pte_t *ptep)
{
	__atomic_fetch_and(ptep, ~(pte_t)_PAGE_WRITE, __ATOMIC_RELAXED);
}

/*
 * Give *ptep the rights and A/D bits of entry (same frame, never fewer
 * rights: the fault path after an A/D or permission-upgrade fault).
 * Returns whether the entry changed; the change is flushed from this
 * hart's TLB (another hart holding the old entry takes one spurious fault,
 * which the fault path handles as this one). dirty says a write is being
 * granted (unused: the entry already says so).
 */
int ptep_set_access_flags(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
			  pte_t entry, int dirty);

/* ---- directory entries ------------------------------------------------------ */

static inline unsigned long pgd_pfn(pgd_t pgd)
{
	return pgd >> _PAGE_PFN_SHIFT;
}

static inline bool pgd_none(pgd_t pgd)
{
	return pgd == 0;
}

static inline bool pgd_present(pgd_t pgd)
{
	return (pgd & _PAGE_VALID) != 0;
}

/* A megapage (the linear map, the DTB window): no level-0 table below it. */
static inline bool pgd_leaf(pgd_t pgd)
{
	return pgd_present(pgd) && (pgd & _PAGE_LEAF) != 0;
}

/* Not none and not a plain pointer to a level-0 table. */
static inline bool pgd_bad(pgd_t pgd)
{
	return (pgd & ~_PAGE_PFN_MASK) != _PAGE_VALID;
}

/* A non-leaf directory entry pointing at the page table at physical pa. */
static inline pgd_t pgd_table(phys_addr_t pa)
{
	return pfn_pte(PFN_DOWN(pa), _PAGE_VALID);
}

/* The level-0 table a non-leaf entry names, through the linear map. */
static inline pte_t *pgd_page_vaddr(pgd_t pgd)
{
	return (pte_t *)__va(PFN_PHYS(pgd_pfn(pgd)));
}

static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)
{
	WRITE_ONCE(*pgdp, pgd);
}

static inline void pgd_clear(pgd_t *pgdp)
{
	set_pgd(pgdp, 0);
}

extern pgd_t swapper_pg_dir[PTRS_PER_PGD];

/*
 * Walk pgd for va, megapages included; returns the leaf entry or 0, and
 * the level via *level (0 or 1). For boot-time checks and the kernel
 * fault path, which must also see the linear map's megapages; everything
 * else walks with <linux/pgtable.h>.
 */
pte_t pgtable_lookup(pgd_t *pgd, unsigned long va, int *level);

#endif /* __ASSEMBLER__ */
#endif /* _ASM_PGTABLE_H */
