// SPDX-License-Identifier: MIT
/*
 * selftest=boot: what the boot path promises, checked on the live kernel:
 * permissions of the kernel mapping (never W+X), the identity map gone,
 * NULL unmapped, the linear map (without no-map RAM) and fixmap in place,
 * the exception table,
 * the symbol table and the tick.
 */
#include <string.h>

#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/selftest.h>
#include <linux/setup.h>
#include <linux/time.h>
#include <asm/extable.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/sections.h>

extern phys_addr_t lowmem_end;

/* Every valid leaf in swapper_pg_dir: never writable and executable at once. */
static void wx_none(struct selftest *t)
{
	unsigned int i, j, leaves = 0, wx = 0;

	for (i = 0; i < PTRS_PER_PGD; i++) {
		pgd_t e = swapper_pg_dir[i];
		pte_t *pt;

		if (!pte_present(e))
			continue;
		if (pte_leaf(e)) {
			leaves++;
			ST_EXPECT(t, !((e & _PAGE_WRITE) && (e & _PAGE_EXEC)));
			continue;
		}
		pt = __va(PFN_PHYS(pte_pfn(e)));
		for (j = 0; j < PTRS_PER_PTE; j++) {
			if (!pte_present(pt[j]))
				continue;
			leaves++;
			if ((pt[j] & _PAGE_WRITE) && (pt[j] & _PAGE_EXEC) && wx++ < 4)
				selftest_fail(t, __FILE__, __LINE__, "W+X at %08x",
					      (i << PGDIR_SHIFT) | (j << PAGE_SHIFT));
		}
	}
	ST_EXPECT(t, leaves > 0);
	ST_EXPECT_EQ(t, wx, 0);
}

static void expect_prot(struct selftest *t, const void *va, u32 want, u32 deny)
{
	int level;
	pte_t pte = pgtable_lookup(swapper_pg_dir, (unsigned long)va, &level);

	ST_EXPECT(t, pte_present(pte));
	ST_EXPECT_EQ(t, pte & want, want);
	ST_EXPECT_EQ(t, pte & deny, 0);
	ST_EXPECT_EQ(t, pte & _PAGE_USER, 0);
	ST_EXPECT_EQ(t, level, 0);	/* the image uses 4 KiB pages */
}

static void kernel_sections(struct selftest *t)
{
	extern u8 boot_hart_area[];

	expect_prot(t, _stext, _PAGE_READ | _PAGE_EXEC, _PAGE_WRITE);
	expect_prot(t, (void *)((unsigned long)_etext - 1), _PAGE_READ | _PAGE_EXEC, _PAGE_WRITE);
	expect_prot(t, _srodata, _PAGE_READ, _PAGE_WRITE | _PAGE_EXEC);
	expect_prot(t, (void *)((unsigned long)_erodata - 1), _PAGE_READ, _PAGE_WRITE | _PAGE_EXEC);
	expect_prot(t, _sdata, _PAGE_READ | _PAGE_WRITE, _PAGE_EXEC);
	expect_prot(t, boot_hart_area, _PAGE_READ | _PAGE_WRITE, _PAGE_EXEC);
}

static void identity_unmapped(struct selftest *t)
{
	u32 v;

	ST_EXPECT_EQ(t, pgtable_lookup(swapper_pg_dir, (unsigned long)phys_ram_base, NULL), 0);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, (void *)(unsigned long)phys_ram_base),
		     -EFAULT);
}

static void null_unmapped(struct selftest *t)
{
	u32 v = 1;

	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, NULL), -EFAULT);
	ST_EXPECT_EQ(t, v, 0);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, (void *)(PAGE_SIZE - 4)), -EFAULT);
}

static void linear_map(struct selftest *t)
{
	u32 v;
	void *last = __va(lowmem_end - 4);

	ST_EXPECT_EQ(t, (unsigned long)__va(phys_ram_base), PAGE_OFFSET);
	ST_EXPECT_EQ(t, __pa(_stext), phys_ram_base);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, last), 0);
	/* just past the end of low memory nothing is mapped */
	if (lowmem_end < phys_ram_base + LOWMEM_SIZE)
		ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, (char *)last + 4), -EFAULT);
	ST_EXPECT(t, memblock_is_memory(lowmem_end - 1));
}

/*
 * The linear map holds lowmem RAM and nothing else: the first and last
 * word of every RAM region in it read, a MEMBLOCK_NOMAP region's fault.
 */
static void linear_map_regions(struct selftest *t)
{
	unsigned int i;
	u32 v;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		phys_addr_t end = min(r->base + r->size, lowmem_end);
		int want = memblock_is_nomap(r) ? -EFAULT : 0;

		if (r->base < phys_ram_base || r->base >= end)
			continue;
		ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, __va(r->base)), want);
		ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, __va(end - 4)), want);
	}
}

static void fixmap_dtb(struct selftest *t)
{
	u32 magic;
	extern void *early_dtb_va(void);

	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&magic, early_dtb_va()), 0);
	ST_EXPECT_EQ(t, magic, 0xedfe0dd0);	/* 0xd00dfeed, big-endian */
	ST_EXPECT(t, boot_fdt.blob == early_dtb_va());
	ST_EXPECT(t, memblock_is_reserved(boot.dtb_pa));
	/* the top page of the address space stays a hole */
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&magic, (void *)FIXADDR_TOP), -EFAULT);
}

static void kallsyms_names(struct selftest *t)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup((unsigned long)kallsyms_names + 2, &size, &off);

	ST_ASSERT(t, name != NULL);
	ST_EXPECT(t, !strcmp(name, "kallsyms_names"));
	ST_EXPECT_EQ(t, off, 2);
	ST_EXPECT(t, size > 2);
	ST_EXPECT_EQ(t, kallsyms_lookup_name("start_kernel") != 0, 1);
	ST_EXPECT(t, kallsyms_lookup((unsigned long)_srodata, NULL, NULL) == NULL);
}

static void tick_advances(struct selftest *t)
{
	unsigned long j0 = jiffies;
	u64 end = ktime_get_ns() + 50 * NSEC_PER_MSEC;
	u64 expect = (u64)tick_hz * 50 / 1000;

	while (ktime_get_ns() < end)
		__asm__ __volatile__("wfi");
	ST_EXPECT(t, jiffies - j0 + 1 >= expect);
	ST_EXPECT(t, jiffies - j0 <= expect + 2);
}

static const struct selftest_case boot_cases[] = {
	{ "wx_none", wx_none },
	{ "kernel_sections", kernel_sections },
	{ "identity_unmapped", identity_unmapped },
	{ "null_unmapped", null_unmapped },
	{ "linear_map", linear_map },
	{ "linear_map_regions", linear_map_regions },
	{ "fixmap_dtb", fixmap_dtb },
	{ "kallsyms_names", kallsyms_names },
	{ "tick_advances", tick_advances },
};
SELFTEST_SUITE(boot_suite, "boot", boot_cases);
