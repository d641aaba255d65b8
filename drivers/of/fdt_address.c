// SPDX-License-Identifier: MIT
/*
 * Flattened device tree reader, part three: bus addresses to CPU physical
 * addresses (Devicetree Specification v0.4, section 2.3.8, "ranges").
 *
 * A node's reg is an address in its parent's address space. Only the
 * root's children use the CPU's; every bus node on the way up maps its
 * children's space into its own parent's with its "ranges" property:
 *
 *   ranges = <child-bus-address parent-bus-address length> ...
 *
 * the child address in the bus's own #address-cells, the parent address in
 * its parent's #address-cells, the length in the bus's #size-cells. An
 * empty ranges means the two spaces are the same; a bus without ranges
 * maps nothing, so nothing below it has a CPU address. A region is
 * translated only if a single entry holds all of it (Linux translates the
 * first address and trusts the rest; a memory bank that runs past its
 * window is refused here instead).
 */
#include <linux/errno.h>
#include <linux/of_fdt.h>
#include <linux/types.h>

#include "fdt_internal.h"

#define FDT_RANGES_MAX_CELLS	2	/* what fits a u64 */

/*
 * Map [*addr, *addr + size) from bus's children's space into the space of
 * parent (bus's parent) through bus's ranges. Returns 0, -ENXIO if bus has
 * no ranges, -ERANGE if no entry holds the whole region, -EINVAL for a
 * malformed ranges.
 */
static int fdt_translate_one(const struct fdt *fdt, int bus, int parent,
			     u64 *addr, u64 size)
{
	const u8 *ranges;
	int len, ca, pa, sc, entry, i;

	ranges = fdt_getprop(fdt, bus, "ranges", &len);
	if (!ranges)
		return len == -ENOENT ? -ENXIO : len;
	if (len == 0)
		return 0;
	ca = fdt_address_cells(fdt, bus);
	sc = fdt_size_cells(fdt, bus);
	pa = fdt_address_cells(fdt, parent);
	if (ca < 1 || ca > FDT_RANGES_MAX_CELLS || pa < 1 ||
	    pa > FDT_RANGES_MAX_CELLS || sc < 1 || sc > FDT_RANGES_MAX_CELLS)
		return -EINVAL;
	entry = (ca + pa + sc) * FDT_CELL_SIZE;
	if (len % entry)
		return -EINVAL;
	for (i = 0; i < len / entry; i++) {
		const u8 *e = ranges + (size_t)i * (size_t)entry;
		u64 child = fdt_read_cells(e, ca);
		u64 to = fdt_read_cells(e + ca * FDT_CELL_SIZE, pa);
		u64 length = fdt_read_cells(e + (ca + pa) * FDT_CELL_SIZE, sc);
		u64 off = *addr - child;

		if (*addr < child || off >= length)
			continue;
		/* The region must fit the window, and the window the parent's space. */
		if (size > length - off || to + length - 1 < to)
			return -ERANGE;
		*addr = to + off;
		return 0;
	}
	return -ERANGE;
}

/* Walk up from node's parent to the root, translating at each bus. */
int fdt_translate_address(const struct fdt *fdt, int node, u64 *addr, u64 size)
{
	int bus = fdt_parent(fdt, node), parent, err;
	u64 a = *addr;

	if (bus < 0)
		return bus == -ENOENT ? -EINVAL : bus;	/* the root has no reg */
	while (bus != 0) {
		parent = fdt_parent(fdt, bus);
		if (parent < 0)
			return -EINVAL;
		err = fdt_translate_one(fdt, bus, parent, &a, size);
		if (err)
			return err;
		bus = parent;
	}
	*addr = a;
	return 0;
}

/* fdt_read_reg() first, so a bad reg gives fdt_read_reg()'s answer. */
int fdt_read_reg_phys(const struct fdt *fdt, int node, int index, u64 *addr,
		      u64 *size)
{
	u64 a, s;
	int err = fdt_read_reg(fdt, node, index, &a, &s);

	if (err)
		return err;
	if (s && a + (s - 1) < a)
		return -ERANGE;
	err = fdt_translate_address(fdt, node, &a, s);
	if (err)
		return err;
	*addr = a;
	*size = s;
	return 0;
}
