// SPDX-License-Identifier: MIT
/*
 * Boot memory from the device tree (Linux's early_init_dt_scan_memory and
 * early_init_fdt_scan_reserved_mem in drivers/of/fdt.c): RAM banks and
 * reserved ranges into memblock. Unlike the reader (fdt.c, fdt_lookup.c,
 * fdt_address.c) this logs and changes memblock.
 *
 * The tree is trusted only as far as this kernel can honour it: every reg
 * is translated through the ranges of its buses; RAM is cut to whole pages
 * and to what an Sv32 PTE can reach (PHYSMEM_END), and each part that is
 * dropped gets a line saying which range and why; a no-map reservation is
 * kept out of the linear map unless something the kernel already holds
 * there must stay mapped.
 */
#define pr_fmt(fmt) "of: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/of_fdt.h>
#include <linux/printk.h>
#include <asm/page.h>

/* Why fdt_translate_address() gave up on an entry, for the log. */
static const char *translate_error(int err)
{
	switch (err) {
	case -ENXIO:
		return "a bus above it has no ranges, so it has no CPU address";
	case -ERANGE:
		return "it lies outside its bus's ranges";
	default:
		return "its bus's ranges is malformed";
	}
}

/*
 * Entry i of node's reg (what: the node's name, for the log) as a CPU
 * physical range. Returns 1 with *base and *size set; -1 (logged) if
 * entry i has no CPU address but later entries may; 0 past the last entry
 * or (logged) at a malformed reg.
 */
static int read_phys_entry(const struct fdt *fdt, int node, int i,
			   const char *what, u64 *base, u64 *size)
{
	int err = fdt_read_reg(fdt, node, i, base, size);

	if (err == -ENOENT)
		return 0;
	if (err) {
		pr_err("%s: malformed reg (error %d): ignored\n", what, err);
		return 0;
	}
	err = fdt_translate_address(fdt, node, base, *size);
	if (err) {
		pr_err("%s: reg %d [0x%llx+0x%llx] ignored: %s\n", what, i,
		       (unsigned long long)*base, (unsigned long long)*size,
		       translate_error(err));
		return -1;
	}
	return 1;
}

/* Log [base, base + size) of what as ignored, and why. */
static void ignore_range(const char *what, u64 base, u64 size, const char *why)
{
	pr_warn("%s: RAM [0x%llx-0x%llx] ignored: %s\n", what,
		(unsigned long long)base, (unsigned long long)(base + size - 1), why);
}

void early_init_dt_add_memory_arch(const char *what, u64 base, u64 size)
{
	u64 end = base + size, start = ALIGN(base, (u64)PAGE_SIZE);

	if (!size)
		return;
	if (end < base) {
		ignore_range(what, base, ~0ULL - base + 1, "it wraps the address space");
		return;
	}
	if (start >= PHYSMEM_END) {
		ignore_range(what, base, size,
			     "above the 34-bit physical limit of Sv32 (16 GiB): a PTE cannot map it");
		return;
	}
	if (end > PHYSMEM_END) {
		ignore_range(what, PHYSMEM_END, end - PHYSMEM_END,
			     "above the 34-bit physical limit of Sv32 (16 GiB): a PTE cannot map it");
		end = PHYSMEM_END;
	}
	end = ALIGN_DOWN(end, (u64)PAGE_SIZE);
	if (end <= start) {
		ignore_range(what, base, size, "no whole page in it");
		return;
	}
	if (start != base || end != base + size)
		pr_warn("%s: RAM [0x%llx-0x%llx] trimmed to whole pages [0x%llx-0x%llx]\n",
			what, (unsigned long long)base,
			(unsigned long long)(base + size - 1),
			(unsigned long long)start, (unsigned long long)(end - 1));
	if (memblock_add(start, end - start))
		pr_err("%s: cannot add RAM [0x%llx-0x%llx]\n", what,
		       (unsigned long long)start, (unsigned long long)(end - 1));
}

void early_init_dt_scan_memory(const struct fdt *fdt)
{
	int node, i, got;
	u64 base, size;

	for (node = fdt_node_by_device_type(fdt, -1, "memory"); node >= 0;
	     node = fdt_node_by_device_type(fdt, node, "memory")) {
		const char *name = fdt_node_name(fdt, node);

		if (!fdt_node_is_available(fdt, node))
			continue;
		for (i = 0; (got = read_phys_entry(fdt, node, i, name, &base, &size)); i++)
			if (got > 0)
				early_init_dt_add_memory_arch(name, base, size);
	}
}

/*
 * A no-map range must not be mapped at all: take every page it touches.
 * Something already reserved there (the kernel, the DTB, the initrd) must
 * stay mapped, so then the range is only reserved, as Linux refuses such a
 * no-map (early_init_dt_reserve_memory returns -EBUSY).
 */
static void reserve_nomap(const char *name, u64 base, u64 size)
{
	u64 start = ALIGN_DOWN(base, (u64)PAGE_SIZE);
	u64 end = ALIGN(base + size, (u64)PAGE_SIZE);
	const char *holder = memblock_reserved_owner(start, end - start);

	if (holder) {
		pr_err("%s: [0x%llx-0x%llx] no-map refused: it overlaps %s, which stays mapped\n",
		       name, (unsigned long long)base,
		       (unsigned long long)(base + size - 1), holder);
		memblock_reserve(base, size, name);
		return;
	}
	if (memblock_reserve(start, end - start, name) ||
	    memblock_mark_nomap(start, end - start)) {
		pr_err("%s: [0x%llx-0x%llx] no-map failed: the memblock arrays are full\n",
		       name, (unsigned long long)base,
		       (unsigned long long)(base + size - 1));
		return;
	}
	if (memblock_overlaps_memory(start, end - start))
		pr_info("%s: [0x%llx-0x%llx] no-map: its RAM is kept out of the linear map\n",
			name, (unsigned long long)start, (unsigned long long)(end - 1));
}

/* The static reservations: children of /reserved-memory with a reg. */
static void scan_reserved_memory(const struct fdt *fdt)
{
	int node = fdt_path_offset(fdt, "/reserved-memory"), child, i, got;
	u64 base, size;

	if (node < 0)
		return;
	fdt_for_each_child(fdt, node, child) {
		const char *name = fdt_node_name(fdt, child);
		bool nomap = fdt_getprop(fdt, child, "no-map", NULL) != NULL;

		if (!fdt_node_is_available(fdt, child))
			continue;
		if (fdt_reg_count(fdt, child) == 0) {
			pr_info("%s: no reg (a reservation for a driver to place): nothing reserved\n",
				name);
			continue;
		}
		for (i = 0; (got = read_phys_entry(fdt, child, i, name, &base, &size)); i++) {
			if (got < 0)
				continue;
			if (!size)
				continue;
			if (nomap)
				reserve_nomap(name, base, size);
			else if (memblock_reserve(base, size, name))
				pr_err("%s: [0x%llx-0x%llx] not reserved: the reserved array is full\n",
				       name, (unsigned long long)base,
				       (unsigned long long)(base + size - 1));
		}
	}
}

void early_init_fdt_scan_reserved_mem(const struct fdt *fdt)
{
	u64 base, size;
	int i;

	scan_reserved_memory(fdt);
	for (i = 0; !fdt_get_mem_rsv(fdt, i, &base, &size); i++)
		if (size && memblock_reserve(base, size, "dt memreserve"))
			pr_err("memreserve [0x%llx-0x%llx] not reserved: the reserved array is full\n",
			       (unsigned long long)base,
			       (unsigned long long)(base + size - 1));
}
