// SPDX-License-Identifier: MIT
/*
 * Kernel page tables: the early table that head.S turns paging on with, and
 * swapper_pg_dir, the master page directory built once the device tree has
 * told us where RAM is.
 *
 * Both share the two level-0 tables that map the kernel image with 4 KiB
 * pages (so text, rodata and data get their own permissions) and the
 * fixmap's level-0 table. Only the early table maps the kernel at its
 * physical address too (the identity map that covers the jump to the linked
 * address); swapper_pg_dir does not, so installing it removes that map.
 */
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <linux/setup.h>
#include <linux/bug.h>
#include <string.h>
#include <asm/csr.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/tlbflush.h>

#define KERNEL_PT_COUNT	2	/* 8 MiB of 4 KiB pages from PAGE_OFFSET */

unsigned long va_pa_offset;
phys_addr_t phys_ram_base;
phys_addr_t dtb_early_pa;
/* First byte after the linear map (a physical address). */
phys_addr_t lowmem_end;

pgd_t early_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);
pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(PAGE_SIZE);
static pte_t kernel_pt[KERNEL_PT_COUNT][PTRS_PER_PTE] __aligned(PAGE_SIZE);
static pte_t fixmap_pt[PTRS_PER_PTE] __aligned(PAGE_SIZE);

/* Permissions of the kernel-image page at offset off from PAGE_OFFSET. */
static u32 kernel_page_prot(unsigned long off)
{
	if (off < (unsigned long)(_srodata - _start_kernel))
		return PAGE_KERNEL_EXEC;
	if (off < (unsigned long)(_erodata - _start_kernel))
		return PAGE_KERNEL_RO;
	return PAGE_KERNEL;
}

/*
 * Build early_pg_dir with paging off (called from head.S). Runs at the
 * physical load address: it may only use pc-relative data (no absolute
 * pointers, no C library) and must not touch thread-local data.
 * Returns the satp value that turns paging on with that table.
 */
unsigned long setup_vm(unsigned long load_pa, unsigned long dtb_pa)
{
	unsigned long i, j;
	phys_addr_t pa;

	va_pa_offset = PAGE_OFFSET - (unsigned long)load_pa;
	phys_ram_base = load_pa;
	dtb_early_pa = dtb_pa;

	for (i = 0; i < KERNEL_PT_COUNT; i++) {
		for (j = 0; j < PTRS_PER_PTE; j++) {
			unsigned long off = (i * PTRS_PER_PTE + j) << PAGE_SHIFT;

			kernel_pt[i][j] = pfn_pte(PFN_DOWN(load_pa + off),
						  kernel_page_prot(off));
		}
		early_pg_dir[pgd_index(PAGE_OFFSET) + i] =
			pgd_table((phys_addr_t)(unsigned long)kernel_pt[i]);
	}

	/* identity map of the image: megapages around the load address */
	for (pa = load_pa & PGDIR_MASK; pa < load_pa + KERNEL_PT_COUNT * PGDIR_SIZE;
	     pa += PGDIR_SIZE)
		early_pg_dir[pgd_index((unsigned long)pa)] =
			pfn_pte(PFN_DOWN(pa), PAGE_KERNEL_RWX);

	early_pg_dir[pgd_index(FIXMAP_PT_BASE)] =
		pgd_table((phys_addr_t)(unsigned long)fixmap_pt);

	/* the DTB window: two read-only megapages from the DTB's megapage */
	for (i = 0; i < FDT_FIXMAP_SIZE / PGDIR_SIZE; i++)
		early_pg_dir[pgd_index(FDT_FIXMAP_BASE) + i] =
			pfn_pte(PFN_DOWN((dtb_pa & PGDIR_MASK) + i * PGDIR_SIZE),
				PAGE_KERNEL_RO);

	return SATP_MODE_SV32 | PFN_DOWN((unsigned long)early_pg_dir);
}

/* The DTB's virtual address in its fixmap window. */
void *early_dtb_va(void)
{
	return (void *)(FDT_FIXMAP_BASE + (unsigned long)(dtb_early_pa & ~PGDIR_MASK));
}

void __set_fixmap(enum fixed_addresses idx, phys_addr_t pa, u32 prot)
{
	unsigned long va = __fix_to_virt(idx);

	if (idx == FIX_HOLE || idx >= __end_of_fixed_addresses) {
		pr_err("fixmap: bad slot %d\n", idx);
		return;
	}
	fixmap_pt[pte_index(va)] = prot ? pfn_pte(PFN_DOWN(pa), prot) : 0;
	local_flush_tlb_page(va);
}

void *early_ioremap(phys_addr_t pa, unsigned long size)
{
	static unsigned int next = FIX_EARLY_IO_0;
	unsigned long off = (unsigned long)(pa & ~PAGE_MASK);

	if (size == 0 || off + size > PAGE_SIZE || next > FIX_EARLY_IO_LAST)
		return NULL;
	__set_fixmap(next, pa & PAGE_MASK, PAGE_KERNEL_IO);
	return (void *)(__fix_to_virt(next++) + off);
}

pte_t pgtable_lookup(pgd_t *pgd, unsigned long va, int *level)
{
	pgd_t e = pgd[pgd_index(va)];
	pte_t *pt;

	if (!pte_present(e))
		return 0;
	if (pte_leaf(e)) {
		if (level)
			*level = 1;
		return e;
	}
	pt = __va(PFN_PHYS(pte_pfn(e)));
	if (level)
		*level = 0;
	return pt[pte_index(va)];
}

/* Map [pa, pa + size) at va in swapper_pg_dir: megapages where aligned. */
static int map_linear(unsigned long va, phys_addr_t pa, phys_addr_t size)
{
	while (size) {
		pgd_t *e = &swapper_pg_dir[pgd_index(va)];
		pte_t *pt;

		if (IS_ALIGNED(va, PGDIR_SIZE) && IS_ALIGNED(pa, PGDIR_SIZE) &&
		    size >= PGDIR_SIZE && !pte_present(*e)) {
			*e = pfn_pte(PFN_DOWN(pa), PAGE_KERNEL);
			va += PGDIR_SIZE;
			pa += PGDIR_SIZE;
			size -= PGDIR_SIZE;
			continue;
		}
		if (!pte_present(*e)) {
			/* from the image window: the only RAM mapped so far */
			phys_addr_t t = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE,
					phys_ram_base, phys_ram_base + KERNEL_PT_COUNT * PGDIR_SIZE);

			if (!t)
				return -ENOMEM;
			memset(__va(t), 0, PAGE_SIZE);
			*e = pgd_table(t);
		}
		if (pte_leaf(*e))
			return -EINVAL;
		pt = __va(PFN_PHYS(pte_pfn(*e)));
		pt[pte_index(va)] = pfn_pte(PFN_DOWN(pa), PAGE_KERNEL);
		va += PAGE_SIZE;
		pa += PAGE_SIZE;
		size -= PAGE_SIZE;
	}
	return 0;
}

/*
 * Build swapper_pg_dir from memblock's view of RAM and switch to it. The
 * linear map covers the RAM in [phys_ram_base, lowmem_end) except what is
 * MEMBLOCK_NOMAP: RAM below the kernel image is outside it, RAM beyond
 * LOWMEM_SIZE is high memory, and lowmem_end is the end of the last RAM
 * in the window. Panics if a page table cannot be allocated: nothing can
 * run without the linear map.
 */
void paging_init(void)
{
	phys_addr_t img_end = phys_ram_base + KERNEL_PT_COUNT * PGDIR_SIZE;
	phys_addr_t window_end = phys_ram_base + LOWMEM_SIZE;
	unsigned int i, j;

	lowmem_end = phys_ram_base;
	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (r->base < window_end)
			lowmem_end = max(lowmem_end, min(r->base + r->size, window_end));
	}

	for (i = 0; i < KERNEL_PT_COUNT; i++) {
		/* drop image-window pages that are not RAM to map */
		for (j = 0; j < PTRS_PER_PTE; j++) {
			phys_addr_t pa = phys_ram_base +
				((phys_addr_t)(i * PTRS_PER_PTE + j) << PAGE_SHIFT);

			if (!memblock_is_map_memory(pa) || pa >= lowmem_end)
				kernel_pt[i][j] = 0;
		}
		swapper_pg_dir[pgd_index(PAGE_OFFSET) + i] =
			pgd_table(__pa(kernel_pt[i]));
	}
	swapper_pg_dir[pgd_index(FIXMAP_PT_BASE)] = pgd_table(__pa(fixmap_pt));
	kmap_init(swapper_pg_dir);
	for (i = 0; i < FDT_FIXMAP_SIZE / PGDIR_SIZE; i++)
		swapper_pg_dir[pgd_index(FDT_FIXMAP_BASE) + i] =
			early_pg_dir[pgd_index(FDT_FIXMAP_BASE) + i];

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		phys_addr_t start = max(r->base, img_end);
		phys_addr_t end = min(r->base + r->size, lowmem_end);

		if (start >= end || memblock_is_nomap(r))
			continue;
		if (map_linear((unsigned long)__va(start), start, end - start))
			panic("paging_init: cannot map %#llx-%#llx",
			      (unsigned long long)start, (unsigned long long)end);
	}

	csr_write(satp, SATP_MODE_SV32 | PFN_DOWN(__pa(swapper_pg_dir)));
	local_flush_tlb_all();
	/* from here on this hart caches kernel translations: it takes part in shootdowns */
	tlb_hart_online(boot.hartid);
}
