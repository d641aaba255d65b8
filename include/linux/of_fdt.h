/* SPDX-License-Identifier: MIT */
/*
 * Flattened device tree (DTB) reader.
 *
 * The firmware hands the kernel a blob it must not trust: fdt_init() checks
 * the header, the block layout and the whole structure block once, and only
 * then do the accessors below look at it. The accessors still bounds-check
 * every read, so a bogus node or property handle gives an error, never an
 * out-of-bounds access. (A handle that happens to land on a word inside a
 * property value that reads as a BEGIN_NODE token is decoded as a node: the
 * answers are meaningless but in bounds. fdt_parent() rejects it.)
 *
 * Glossary:
 *   blob       the whole DTB, big-endian, possibly unaligned in memory
 *   struct     the structure block: a token stream of BEGIN_NODE (name),
 *              PROP (len, nameoff, value), END_NODE, NOP and a final END
 *   strings    the strings block holding property names
 *   rsvmap     the memory reservation map (/memreserve/ entries)
 *   node       an int handle: the offset of a BEGIN_NODE token within the
 *              struct block; 0 is the root
 *   prop       an int handle: the offset of a PROP token within the struct block
 *
 * Invariants of a struct fdt that fdt_init() filled:
 *   blob + size <= blob + avail given to fdt_init()
 *   each block lies inside [header end, size) and no two blocks overlap
 *   dt_struct[0..struct_size) is a balanced token stream with exactly one
 *   root node, depth <= FDT_MAX_DEPTH, ending with its only FDT_END token
 *   every property name offset names a NUL-terminated string in dt_strings
 *   struct_size <= FDT_MAX_TOTALSIZE, so every offset fits in an int
 *
 * Error convention: 0 or a handle >= 0 on success, a negative Linux errno on
 * failure: -ENOENT for "not there", -EINVAL for a bad argument or malformed
 * data. fdt_init() adds -ERANGE (the blob claims more bytes than it was
 * given) and -E2BIG (the blob exceeds this reader's limits).
 *
 * The reader does not print, allocate or lock; struct fdt is read-only
 * after fdt_init(), so any number of readers may share it. The boot
 * memory scans at the end (fdt_memory.c) are the exception: they log and
 * feed memblock.
 */
#ifndef _LINUX_OF_FDT_H
#define _LINUX_OF_FDT_H

#include <linux/types.h>

#define FDT_MAGIC		0xd00dfeedu
#define FDT_FIRST_VERSION	16	/* oldest blob version accepted */
#define FDT_LAST_VERSION	17	/* newest format this reader speaks */
#define FDT_MAX_DEPTH		32	/* node nesting limit, root = depth 1 */
#define FDT_MAX_TOTALSIZE	0x7fffffffu /* so offsets fit in an int */
#define FDT_MAX_CELLS		4	/* largest #address-cells / #size-cells */

struct fdt {
	const u8 *blob;		/* start of the header */
	u32 size;		/* header totalsize, in bytes */
	const u8 *dt_struct;	/* structure block */
	u32 struct_size;	/* bytes up to and including FDT_END */
	const char *dt_strings;	/* strings block */
	u32 strings_size;	/* in bytes */
	const u8 *rsvmap;	/* memory reservation map */
	u32 nr_rsv;		/* entries, not counting the terminator */
	u32 version;		/* header version (16 or later) */
	u32 boot_cpuid;		/* header boot_cpuid_phys */
};

/*
 * Validate the blob at 'blob' (any alignment), of which 'avail' bytes may be
 * read, and fill *fdt. Nothing outside [blob, blob + avail) is read.
 * Returns 0, or a negative errno with *fdt zeroed (so accessors fail safely)
 * and, if why is non-NULL, *why pointing at a message such as "struct block
 * offset 0x1234 beyond totalsize 0x800". The message lives in a static
 * buffer that the next failing fdt_init() overwrites. On success *why = NULL.
 */
int fdt_init(struct fdt *fdt, const void *blob, size_t avail, const char **why);

/*
 * Node lookup. fdt_path_offset() takes an absolute path ("/", "/chosen",
 * "/soc/serial@10000000") or one that starts with an alias from /aliases
 * ("serial0", "serial0/child"). Anything from the first ':' on is taken as
 * options and ignored ("/soc/serial@10000000:115200n8", as in stdout-path).
 * A component without "@unit" matches a node of exactly that name if there
 * is one, else the first node whose name before '@' equals it ("/memory"
 * finds "memory@80000000"). Returns the node or -ENOENT / -EINVAL.
 */
int fdt_path_offset(const struct fdt *fdt, const char *path);
/* Child of 'parent' named 'name', matched as one component of a path. */
int fdt_subnode_offset(const struct fdt *fdt, int parent, const char *name);

/*
 * Tree navigation. Each returns a node, -ENOENT when there is none (no
 * child, last sibling, parent of the root, end of the tree) or -EINVAL for
 * a handle that is not a BEGIN_NODE token. Results only ever move forward
 * in the blob (except fdt_parent), so loops over them terminate.
 */
int fdt_first_child(const struct fdt *fdt, int node);
int fdt_next_sibling(const struct fdt *fdt, int node);
int fdt_parent(const struct fdt *fdt, int node);
/* Next node in document order after 'node'; node = -1 gives the root. */
int fdt_next_node(const struct fdt *fdt, int node);

/* Name with unit address ("serial@10000000"), "" for the root, NULL if bad. */
const char *fdt_node_name(const struct fdt *fdt, int node);

/*
 * Property 'name' of 'node': a pointer to its value (any alignment) and its
 * length in *lenp (if non-NULL). NULL if absent (*lenp = -ENOENT) or if node
 * is bad (*lenp = -EINVAL).
 */
const void *fdt_getprop(const struct fdt *fdt, int node, const char *name,
			int *lenp);

/* Property iteration: handles of the node's PROP tokens, -ENOENT at the end. */
int fdt_first_prop(const struct fdt *fdt, int node);
int fdt_next_prop(const struct fdt *fdt, int prop);
/* Value of property 'prop'; its name in *namep and length in *lenp (each optional). */
const void *fdt_prop_value(const struct fdt *fdt, int prop, const char **namep,
			   int *lenp);

/* True if the len-byte value is exactly one NUL-terminated string. */
bool fdt_prop_is_string(const void *val, int len);
/* Value of property 'name' if it is one NUL-terminated string, else NULL. */
const char *fdt_getprop_string(const struct fdt *fdt, int node, const char *name);
/* 1 if the string list (len bytes of NUL-terminated strings) holds s, else 0. */
int fdt_stringlist_contains(const char *list, int len, const char *s);

bool fdt_node_is_compatible(const struct fdt *fdt, int node, const char *compat);
/*
 * Next node after 'from' (-1 = start at the root) in document order whose
 * "compatible" list holds compat. Returns the node, -ENOENT at the end.
 */
int fdt_node_by_compatible(const struct fdt *fdt, int from, const char *compat);
/* The same for nodes whose "device_type" is 'type' ("memory", "cpu"). */
int fdt_node_by_device_type(const struct fdt *fdt, int from, const char *type);
/* True if "status" is absent, "okay" or "ok". */
bool fdt_node_is_available(const struct fdt *fdt, int node);

/* One 4-byte cell. 0, -ENOENT if absent, -EINVAL for another length. */
int fdt_read_u32(const struct fdt *fdt, int node, const char *name, u32 *out);
/* One or two cells (4 or 8 bytes), as linux,initrd-start may be either. */
int fdt_read_u64(const struct fdt *fdt, int node, const char *name, u64 *out);

/*
 * The cell counts a node sets for its children's "reg": its own
 * #address-cells (default 2) and #size-cells (default 1). -EINVAL if the
 * property is not one cell or is above FDT_MAX_CELLS.
 */
int fdt_address_cells(const struct fdt *fdt, int node);
int fdt_size_cells(const struct fdt *fdt, int node);

/*
 * Entry 'index' of node's "reg", decoded with the parent's #address-cells
 * (1 or 2) and #size-cells (0, 1 or 2; 0 gives *size = 0, as for cpu nodes).
 * Returns 0, -ENOENT past the end or without reg (or for the root), -EINVAL
 * for other cell counts or a reg whose length is not a whole number of entries.
 */
int fdt_read_reg(const struct fdt *fdt, int node, int index, u64 *addr,
		 u64 *size);
/* Number of reg entries (0 without reg) or -EINVAL as for fdt_read_reg(). */
int fdt_reg_count(const struct fdt *fdt, int node);

/*
 * CPU physical address of [*addr, *addr + size), an address in the space
 * of node's parent (what fdt_read_reg() returns), translated through the
 * "ranges" of every bus between node and the root (fdt_address.c).
 * Returns 0 with *addr translated, -ENXIO if a bus on the way has no
 * ranges (its children are not memory-mapped), -ERANGE if a ranges has no
 * entry holding the whole region, -EINVAL for a malformed ranges or cell
 * count (above 2 cells) or for the root. *addr is changed only on success.
 */
int fdt_translate_address(const struct fdt *fdt, int node, u64 *addr, u64 size);
/*
 * Entry 'index' of node's "reg" as a CPU physical range: fdt_read_reg()
 * then fdt_translate_address(), with their errors, and -ERANGE for a
 * range that wraps. *addr and *size are written only on success.
 */
int fdt_read_reg_phys(const struct fdt *fdt, int node, int index, u64 *addr,
		      u64 *size);

/* Memory reservation map entry 'index'. 0, or -ENOENT past the end. */
int fdt_get_mem_rsv(const struct fdt *fdt, int index, u64 *addr, u64 *size);

/*
 * Boot memory from the tree (fdt_memory.c). Unlike everything above, these
 * log and feed memblock; they run once, before the buddy allocator exists.
 *
 * early_init_dt_add_memory_arch() adds the bank [base, base + size) of
 * node what: cut to whole pages and to PHYSMEM_END, each dropped part
 * logged with its range and the reason. early_init_dt_scan_memory() does
 * that for every reg entry of every available device_type = "memory" node,
 * translated to a CPU address (entries without one are logged and left
 * out). early_init_fdt_scan_reserved_mem() reserves, owned by the node's
 * name, every reg entry of the available children of /reserved-memory
 * (no-map ones also MEMBLOCK_NOMAP, unless they overlap something already
 * reserved, which must stay mapped), then the /memreserve/ entries (as
 * "dt memreserve"). Call it after the kernel's own ranges are reserved.
 */
void early_init_dt_add_memory_arch(const char *what, u64 base, u64 size);
void early_init_dt_scan_memory(const struct fdt *fdt);
void early_init_fdt_scan_reserved_mem(const struct fdt *fdt);

#define fdt_for_each_child(fdt, parent, child)				\
	for ((child) = fdt_first_child((fdt), (parent)); (child) >= 0;	\
	     (child) = fdt_next_sibling((fdt), (child)))

#define fdt_for_each_node(fdt, node)					\
	for ((node) = fdt_next_node((fdt), -1); (node) >= 0;		\
	     (node) = fdt_next_node((fdt), (node)))

#define fdt_for_each_prop(fdt, node, prop)				\
	for ((prop) = fdt_first_prop((fdt), (node)); (prop) >= 0;	\
	     (prop) = fdt_next_prop((fdt), (prop)))

#define fdt_for_each_compatible(fdt, node, compat)			\
	for ((node) = fdt_node_by_compatible((fdt), -1, (compat)); (node) >= 0; \
	     (node) = fdt_node_by_compatible((fdt), (node), (compat)))

#endif /* _LINUX_OF_FDT_H */
