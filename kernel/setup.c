// SPDX-License-Identifier: MIT
/*
 * Boot-time board discovery: everything the kernel needs to know about the
 * board comes from the device tree OpenSBI passed (a1), never from
 * constants: RAM, reserved ranges, harts, ISA, timebase, bootargs, initrd.
 */
#include <string.h>

#include <linux/bug.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <linux/setup.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/sections.h>

struct boot_info boot;
struct fdt boot_fdt;

extern pgd_t early_pg_dir[];

void setup_fdt(phys_addr_t dtb_pa, const void *va, size_t avail)
{
	const char *why = NULL;
	int err = fdt_init(&boot_fdt, va, avail, &why);

	if (err)
		panic("invalid device tree at 0x%08llx: %s (error %d)",
		      (unsigned long long)dtb_pa, why ? why : "?", err);
	boot.dtb_pa = dtb_pa;
	boot.dtb_size = boot_fdt.size;
}

/* Does a riscv,isa string list the multi-letter extension ext? */
static bool isa_has_ext(const char *isa, const char *ext)
{
	size_t n = strlen(ext);
	const char *p = strchr(isa, '_');

	while (p) {
		p++;
		if (!strncmp(p, ext, n) && (p[n] == '_' || p[n] == '\0'))
			return true;
		p = strchr(p, '_');
	}
	return false;
}

static void setup_cpus(void)
{
	int cpus = fdt_path_offset(&boot_fdt, "/cpus");
	int cpu;
	u32 tb = 0;

	if (cpus < 0)
		panic("device tree has no /cpus node");
	fdt_read_u32(&boot_fdt, cpus, "timebase-frequency", &tb);
	fdt_for_each_child(&boot_fdt, cpus, cpu) {
		const char *type = fdt_getprop_string(&boot_fdt, cpu, "device_type");
		u32 hart;

		if (!type || strcmp(type, "cpu") || !fdt_node_is_available(&boot_fdt, cpu))
			continue;
		if (fdt_read_u32(&boot_fdt, cpu, "reg", &hart))	/* #size-cells is 0 */
			continue;
		if (fdt_getprop_string(&boot_fdt, cpu, "mmu-type"))
			boot.nr_harts++;
		if (hart != boot.hartid)
			continue;
		boot.isa = fdt_getprop_string(&boot_fdt, cpu, "riscv,isa");
		boot.mmu = fdt_getprop_string(&boot_fdt, cpu, "mmu-type");
		if (!tb)
			fdt_read_u32(&boot_fdt, cpu, "timebase-frequency", &tb);
	}
	if (!boot.isa)
		panic("device tree has no cpu node for boot hart %lu", boot.hartid);
	if (!boot.mmu || strcmp(boot.mmu, "riscv,sv32"))
		pr_warn("cpu: boot hart mmu-type is '%s', expected riscv,sv32\n",
			boot.mmu ? boot.mmu : "(none)");
	if (!tb)
		panic("device tree gives no timebase-frequency");
	boot.timebase = tb;
	boot.has_sstc = isa_has_ext(boot.isa, "sstc");
}

/*
 * linux,initrd-start/-end may be one or two cells each (Linux reads either);
 * reserve_initrd_mem() judges the range once RAM is known.
 */
static void setup_chosen(void)
{
	int chosen = fdt_path_offset(&boot_fdt, "/chosen");
	u64 start, end;

	boot.bootargs = "";
	if (chosen < 0)
		return;
	boot.bootargs = fdt_getprop_string(&boot_fdt, chosen, "bootargs");
	if (!boot.bootargs)
		boot.bootargs = "";
	if (!fdt_read_u64(&boot_fdt, chosen, "linux,initrd-start", &start) &&
	    !fdt_read_u64(&boot_fdt, chosen, "linux,initrd-end", &end)) {
		boot.initrd_start = start;
		boot.initrd_end = end;
	}
}

void setup_board_info(void)
{
	const char *compat = fdt_getprop_string(&boot_fdt, 0, "compatible");

	boot.board = compat ? compat : "unknown";
	boot.model = fdt_getprop_string(&boot_fdt, 0, "model");
	if (!boot.model)
		boot.model = boot.board;
	setup_cpus();
	setup_chosen();
}

static void reserve_image_part(const char *start, const char *end, const char *owner)
{
	if (end > start)
		memblock_reserve(__pa(start), end - start, owner);
}

/*
 * memblock from the device tree: RAM (drivers/of/fdt_memory.c cuts it to
 * what Sv32 can map and logs what it drops), minus the RAM below the
 * kernel, then the kernel's own ranges, then the tree's reservations, which
 * come last so that a no-map reservation over the kernel, the DTB or the
 * initrd is refused rather than unmapping them.
 */
void setup_memory(void)
{
	early_init_dt_scan_memory(&boot_fdt);
	if (!memblock.memory.cnt)
		panic("device tree describes no RAM this kernel can use");
	boot.ram_start = memblock_start_of_DRAM();
	boot.ram_end = memblock_end_of_DRAM();

	/* The linear map starts at the kernel image: RAM below it is unusable. */
	if (boot.ram_start < phys_ram_base) {
		boot.ram_below_kernel = phys_ram_base - boot.ram_start;
		memblock_remove(boot.ram_start, boot.ram_below_kernel);
	}

	/* the early page tables first, so they keep their own owner name */
	memblock_reserve(__pa(early_pg_dir), PAGE_SIZE, "early page tables");
	memblock_reserve(__pa(swapper_pg_dir), PAGE_SIZE, "page tables");
	reserve_image_part(_start_kernel, _srodata, "kernel text");
	reserve_image_part(_srodata, _erodata, "kernel rodata");
	reserve_image_part(_sdata, _sbss, "kernel data");
	reserve_image_part(_sbss, _end, "kernel bss");
	memblock_reserve(boot.dtb_pa, boot.dtb_size, "device tree");
	reserve_initrd_mem(boot.initrd_start, boot.initrd_end);

	early_init_fdt_scan_reserved_mem(&boot_fdt);
}
