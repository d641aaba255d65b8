/* SPDX-License-Identifier: MIT */
/*
 * Private to the device tree reader: what the validator (fdt.c) and the
 * accessors (fdt_lookup.c) share. The structure block's token format, the
 * reservation map's entry format, big-endian loads and the token decoder.
 * Nothing outside drivers/of/ includes this; the API is <linux/of_fdt.h>.
 */
#ifndef _DRIVERS_OF_FDT_INTERNAL_H
#define _DRIVERS_OF_FDT_INTERNAL_H

#include <linux/of_fdt.h>
#include <linux/types.h>

/* Structure block tokens. */
#define FDT_BEGIN_NODE		0x1	/* name, NUL, pad to 4 */
#define FDT_END_NODE		0x2
#define FDT_PROP		0x3	/* len, nameoff, value, pad to 4 */
#define FDT_NOP			0x4
#define FDT_END			0x9

#define FDT_TAG_SIZE		4
#define FDT_CELL_SIZE		4
#define FDT_PROP_LEN		4	/* offsets within a PROP token... */
#define FDT_PROP_NAMEOFF	8
#define FDT_PROP_HDR_SIZE	12	/* ...whose value follows tag, len, nameoff */
#define FDT_STRUCT_ALIGN	4

/* Memory reservation map entries. */
#define FDT_RSV_ENTRY_SIZE	16	/* u64 address, u64 size */
#define FDT_RSV_SIZE		8	/* offset of the size in an entry */
#define FDT_U64_CELLS		2

/* One decoded structure-block token. */
struct fdt_token {
	u32 tag;
	u32 next;		/* struct offset of the following token */
	const char *name;	/* BEGIN_NODE: node name; PROP: property name */
	const u8 *val;		/* PROP: value, len bytes */
	u32 len;
};

/* Big-endian loads byte by byte: the blob may sit at any alignment. */
static inline u32 fdt_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* Big-endian number of 'ncells' 32-bit cells (ncells <= FDT_U64_CELLS). */
static inline u64 fdt_read_cells(const u8 *p, int ncells)
{
	u64 v = 0;

	while (ncells-- > 0) {
		v = v << 32 | fdt_be32(p);
		p += FDT_CELL_SIZE;
	}
	return v;
}

/*
 * Decode the token at struct offset 'off' of a blob whose struct and
 * strings fields are set, checking that all of it lies inside its blocks.
 * Returns 0, or -EINVAL with *why set to fdt_init()'s message buffer; the
 * accessors pass why = NULL. Defined in fdt.c.
 */
int fdt_token(const struct fdt *fdt, u32 off, struct fdt_token *t,
	      const char **why);

#endif /* _DRIVERS_OF_FDT_INTERNAL_H */
