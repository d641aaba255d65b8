// SPDX-License-Identifier: MIT
/*
 * Flattened device tree reader, part one: blob validation (Devicetree
 * Specification v0.4, chapter 5). The accessors are in fdt_lookup.c.
 *
 * fdt_init() proves the blob well formed once; the accessors then walk the
 * structure block token by token. Every token, in either file, is decoded
 * by fdt_token(), which bounds-checks what it points at, so the accessors
 * stay inside the blob even when handed a handle that does not point at a
 * real node. Only fdt_init() asks it for messages.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of_fdt.h>
#include <linux/types.h>

#include <string.h>

#include "fdt_internal.h"

/* Header fields: byte offsets of big-endian u32s. */
#define FDT_HDR_MAGIC		0x00
#define FDT_HDR_TOTALSIZE	0x04
#define FDT_HDR_OFF_STRUCT	0x08
#define FDT_HDR_OFF_STRINGS	0x0c
#define FDT_HDR_OFF_RSVMAP	0x10
#define FDT_HDR_VERSION		0x14
#define FDT_HDR_LAST_COMP	0x18
#define FDT_HDR_BOOT_CPUID	0x1c
#define FDT_HDR_SIZE_STRINGS	0x20
#define FDT_HDR_SIZE_STRUCT	0x24	/* version 17 and later */
#define FDT_HDR_V16_SIZE	0x24
#define FDT_HDR_V17_SIZE	0x28
#define FDT_VERSION_SIZE_STRUCT	17	/* first version with size_dt_struct */
#define FDT_RSVMAP_ALIGN	8	/* of off_mem_rsvmap */

#define FDT_WHY_LEN		160

/* fdt_init()'s last failure message; see fdt_fail(). */
static char fdt_why_buf[FDT_WHY_LEN];

/* Append v to fdt_why_buf at *pos, in 0x-prefixed hex or in decimal. */
static void fdt_why_num(unsigned int *pos, u32 v, bool hex)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[10];
	unsigned int base = hex ? 16 : 10;
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (hex) {
		tmp[n++] = 'x';
		tmp[n++] = '0';
	}
	while (n > 0 && *pos < FDT_WHY_LEN - 1)
		fdt_why_buf[(*pos)++] = tmp[--n];
}

/*
 * Report an fdt_init() failure: if why is non-NULL, expand tmpl into
 * fdt_why_buf and point *why at it. In tmpl, "%s" stands for s, and each
 * "%x" (0x-hex) or "%u" (decimal) for the next of a, b, c. Accessors pass
 * why = NULL, so they never touch the shared buffer. Returns err.
 */
static int fdt_fail_s(const char **why, int err, const char *tmpl,
		      const char *s, u32 a, u32 b, u32 c)
{
	const u32 args[] = { a, b, c };
	unsigned int pos = 0, next = 0;

	if (!why)
		return err;
	while (*tmpl && pos < FDT_WHY_LEN - 1) {
		if (tmpl[0] == '%' && tmpl[1] == 's' && s) {
			while (*s && pos < FDT_WHY_LEN - 1)
				fdt_why_buf[pos++] = *s++;
			tmpl += 2;
		} else if (tmpl[0] == '%' && (tmpl[1] == 'x' || tmpl[1] == 'u') &&
			   next < ARRAY_SIZE(args)) {
			fdt_why_num(&pos, args[next++], tmpl[1] == 'x');
			tmpl += 2;
		} else {
			fdt_why_buf[pos++] = *tmpl++;
		}
	}
	fdt_why_buf[pos] = '\0';
	*why = fdt_why_buf;
	return err;
}

/* fdt_fail_s() for a template without "%s" and at most two numbers. */
static int fdt_fail(const char **why, int err, const char *tmpl, u32 a, u32 b)
{
	return fdt_fail_s(why, err, tmpl, NULL, a, b, 0);
}

/* fdt_fail() for the common case: -EINVAL, one number. */
static int fdt_bad(const char **why, const char *tmpl, u32 a)
{
	return fdt_fail_s(why, -EINVAL, tmpl, NULL, a, 0, 0);
}

/*
 * Decode the token at struct offset 'off'. fdt's struct and strings fields
 * must be set (fdt_init sets them before its walk). Checks that the token,
 * a node name with its NUL and padding, a property value with its padding
 * and a property's name string all lie inside their blocks. Returns 0, or
 * -EINVAL with *why set (why may be NULL).
 */
int fdt_token(const struct fdt *fdt, u32 off, struct fdt_token *t,
	      const char **why)
{
	u32 size = fdt->struct_size;
	const u8 *p, *nul;
	u32 nameoff;

	if (off > size || size - off < FDT_TAG_SIZE ||
	    !IS_ALIGNED(off, FDT_STRUCT_ALIGN))
		return fdt_bad(why, "struct offset %x: truncated token", off);
	p = fdt->dt_struct + off;
	t->tag = fdt_be32(p);
	t->next = off + FDT_TAG_SIZE;
	t->name = NULL;
	t->val = NULL;
	t->len = 0;

	switch (t->tag) {
	case FDT_BEGIN_NODE:
		nul = memchr(p + FDT_TAG_SIZE, '\0', size - off - FDT_TAG_SIZE);
		if (!nul)
			return fdt_bad(why, "struct offset %x: node name is not NUL-terminated",
				       off);
		t->name = (const char *)(p + FDT_TAG_SIZE);
		t->next = ALIGN((u32)(nul + 1 - fdt->dt_struct),
				(u32)FDT_STRUCT_ALIGN);
		if (t->next > size)
			return fdt_bad(why,
				       "struct offset %x: node name padding runs past the block",
				       off);
		return 0;
	case FDT_PROP:
		if (size - off < FDT_PROP_HDR_SIZE)
			return fdt_bad(why, "struct offset %x: truncated property", off);
		t->len = fdt_be32(p + FDT_PROP_LEN);
		nameoff = fdt_be32(p + FDT_PROP_NAMEOFF);
		if (t->len > size - off - FDT_PROP_HDR_SIZE)
			return fdt_fail(why, -EINVAL,
					"struct offset %x: property length %x runs past the block",
					off, t->len);
		t->val = p + FDT_PROP_HDR_SIZE;
		t->next = ALIGN(off + FDT_PROP_HDR_SIZE + t->len,
				(u32)FDT_STRUCT_ALIGN);
		if (t->next > size)
			return fdt_bad(why,
				       "struct offset %x: property padding runs past the block",
				       off);
		if (nameoff >= fdt->strings_size)
			return fdt_fail_s(why, -EINVAL,
					  "struct offset %x: name offset %x outside the %x-byte strings block",
					  NULL, off, nameoff, fdt->strings_size);
		t->name = fdt->dt_strings + nameoff;
		if (!memchr(t->name, '\0', fdt->strings_size - nameoff))
			return fdt_fail(why, -EINVAL,
					"struct offset %x: name at strings offset %x is not NUL-terminated",
					off, nameoff);
		return 0;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		return 0;
	default:
		return fdt_fail(why, -EINVAL, "struct offset %x: unknown token %x", off, t->tag);
	}
}

/*
 * Check that the block 'what' of 'size' bytes at 'off' lies between the
 * header and totalsize. Returns 0 or -EINVAL.
 */
static int fdt_check_block(const char *what, u32 off, u32 size, u32 hdr_size,
			   u32 total, const char **why)
{
	if (off < hdr_size)
		return fdt_fail_s(why, -EINVAL, "%s offset %x lies inside the %x-byte header",
				  what, off, hdr_size, 0);
	if (off > total)
		return fdt_fail_s(why, -EINVAL, "%s offset %x beyond totalsize %x",
				  what, off, total, 0);
	if (size > total - off)
		return fdt_fail_s(why, -EINVAL, "%s at %x with %x bytes runs past totalsize %x",
				  what, off, size, total);
	return 0;
}

/*
 * Fail with tmpl (whose two "%x" take a and b) if the non-empty blocks
 * [a, a + asize) and [b, b + bsize) share a byte.
 */
static int fdt_check_disjoint(u32 a, u32 asize, u32 b, u32 bsize,
			      const char *tmpl, const char **why)
{
	if (asize && bsize && a < b + bsize && b < a + asize)
		return fdt_fail(why, -EINVAL, tmpl, a, b);
	return 0;
}

/*
 * Check that the reservation map [rsv, rsv_end), the struct block and the
 * strings block do not overlap. Returns 0 or -EINVAL.
 */
static int fdt_check_layout(u32 rsv, u32 rsv_end, u32 st, u32 st_size,
			    u32 str, u32 str_size, const char **why)
{
	int err;

	err = fdt_check_disjoint(rsv, rsv_end - rsv, st, st_size,
				 "memory reservation map at %x overlaps the struct block at %x",
				 why);
	if (!err)
		err = fdt_check_disjoint(rsv, rsv_end - rsv, str, str_size,
					 "memory reservation map at %x overlaps the strings block at %x",
					 why);
	if (!err)
		err = fdt_check_disjoint(st, st_size, str, str_size,
					 "struct block at %x overlaps the strings block at %x",
					 why);
	return err;
}

/*
 * Find the terminator of the reservation map at blob offset 'off': the
 * entries must end inside f->size. Sets f->rsvmap, f->nr_rsv and *endp
 * (the offset just past the terminator). Returns 0 or -EINVAL.
 */
static int fdt_check_rsvmap(struct fdt *f, u32 off, u32 hdr_size, u32 *endp,
			    const char **why)
{
	u32 start = off;
	const u8 *e;
	int err;

	err = fdt_check_block("memory reservation map", off, 0, hdr_size,
			      f->size, why);
	if (err)
		return err;
	if (!IS_ALIGNED(off, FDT_RSVMAP_ALIGN))
		return fdt_bad(why, "memory reservation map offset %x is not 8-byte aligned", off);
	f->nr_rsv = 0;
	for (;; off += FDT_RSV_ENTRY_SIZE) {
		if (f->size - off < FDT_RSV_ENTRY_SIZE)
			return fdt_fail(why, -EINVAL,
					"memory reservation map at %x has no terminator before totalsize %x",
					start, f->size);
		e = f->blob + off;
		if (fdt_read_cells(e, FDT_U64_CELLS) == 0 &&
		    fdt_read_cells(e + FDT_RSV_SIZE, FDT_U64_CELLS) == 0)
			break;
		f->nr_rsv++;
	}
	f->rsvmap = f->blob + start;
	*endp = off + FDT_RSV_ENTRY_SIZE;
	return 0;
}

/*
 * Walk the whole structure block: every token decodes (fdt_token), exactly
 * one root sits at offset 0 with an empty name, other names are non-empty,
 * properties come inside a node and before its subnodes, nesting is
 * balanced and at most FDT_MAX_DEPTH deep, and FDT_END follows the root.
 * On success trims f->struct_size to end just after FDT_END.
 */
static int fdt_check_struct(struct fdt *f, const char **why)
{
	bool had_child[FDT_MAX_DEPTH + 1];
	bool had_root = false;
	struct fdt_token t;
	u32 depth = 0;
	u32 off = 0;
	int err;

	for (;; off = t.next) {
		if (off == f->struct_size)
			return fdt_bad(why, "struct block ends at %x without FDT_END", off);
		err = fdt_token(f, off, &t, why);
		if (err)
			return err;

		switch (t.tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && had_root)
				return fdt_bad(why, "struct offset %x: second root node", off);
			if (depth == 0 && off != 0)
				return fdt_bad(why, "struct offset %x: root node not at offset 0",
					       off);
			if (depth == 0 && t.name[0])
				return fdt_fail_s(why, -EINVAL, "root node has the name \"%s\"",
						  t.name, 0, 0, 0);
			if (depth > 0 && !t.name[0])
				return fdt_bad(why, "struct offset %x: empty node name", off);
			if (depth == FDT_MAX_DEPTH)
				return fdt_fail(why, -E2BIG,
						"struct offset %x: nodes nested deeper than %u",
						off, FDT_MAX_DEPTH);
			had_root = true;
			had_child[depth] = true;
			had_child[++depth] = false;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return fdt_bad(why, "struct offset %x: END_NODE closes no node",
					       off);
			depth--;
			break;
		case FDT_PROP:
			if (depth == 0)
				return fdt_bad(why, "struct offset %x: property outside any node",
					       off);
			if (had_child[depth])
				return fdt_bad(why, "struct offset %x: property after a subnode",
					       off);
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth)
				return fdt_fail(why, -EINVAL,
						"struct offset %x: FDT_END inside %u unclosed node(s)",
						off, depth);
			if (!had_root)
				return fdt_bad(why, "struct block has no root node", 0);
			f->struct_size = t.next;
			return 0;
		}
	}
}

/*
 * The contract is in <linux/of_fdt.h>; this says how it is met.
 *
 * fdt_init() works from the outside in (header, reservation map, struct and
 * strings block bounds, block overlaps, then the struct walk), so nothing is
 * read before the field that locates it has been checked, and the message
 * names the first thing wrong. *out is filled only once everything holds.
 */
int fdt_init(struct fdt *out, const void *blob, size_t avail, const char **why)
{
	const u8 *b = blob;
	struct fdt f;
	u32 version, last_comp, hdr_size, total, magic;
	u32 off_struct, off_strings, off_rsv, rsv_end = 0;
	bool has_struct_size;
	int err;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	if (why)
		*why = NULL;
	if (!blob)
		return fdt_bad(why, "no device tree blob", 0);
	if (avail < FDT_HDR_V16_SIZE)
		return fdt_bad(why, "blob of %u bytes is shorter than the header", (u32)avail);
	magic = fdt_be32(b + FDT_HDR_MAGIC);
	if (magic != FDT_MAGIC)
		return fdt_bad(why, "bad magic %x (expected 0xd00dfeed)", magic);
	version = fdt_be32(b + FDT_HDR_VERSION);
	last_comp = fdt_be32(b + FDT_HDR_LAST_COMP);
	if (version < FDT_FIRST_VERSION)
		return fdt_fail(why, -EINVAL, "version %u is too old (need %u or later)",
				version, FDT_FIRST_VERSION);
	if (last_comp > FDT_LAST_VERSION)
		return fdt_fail(why, -EINVAL,
				"blob needs a version %u reader, this one reads up to %u",
				last_comp, FDT_LAST_VERSION);
	has_struct_size = version >= FDT_VERSION_SIZE_STRUCT;
	hdr_size = has_struct_size ? FDT_HDR_V17_SIZE : FDT_HDR_V16_SIZE;
	if (avail < hdr_size)
		return fdt_fail(why, -EINVAL,
				"blob of %u bytes is shorter than the version %u header",
				(u32)avail, version);

	total = fdt_be32(b + FDT_HDR_TOTALSIZE);
	if (total < hdr_size)
		return fdt_fail(why, -EINVAL, "totalsize %x is smaller than the %x-byte header",
				total, hdr_size);
	if (total > avail)
		return fdt_fail(why, -ERANGE,
				"totalsize %x exceeds the %x bytes available (truncated blob?)",
				total, (u32)min(avail, (size_t)FDT_MAX_TOTALSIZE));
	if (total > FDT_MAX_TOTALSIZE)
		return fdt_fail(why, -E2BIG, "totalsize %x is too large", total, 0);
	f.blob = b;
	f.size = total;
	f.version = version;
	f.boot_cpuid = fdt_be32(b + FDT_HDR_BOOT_CPUID);

	off_rsv = fdt_be32(b + FDT_HDR_OFF_RSVMAP);
	err = fdt_check_rsvmap(&f, off_rsv, hdr_size, &rsv_end, why);
	if (err)
		return err;

	off_struct = fdt_be32(b + FDT_HDR_OFF_STRUCT);
	if (!IS_ALIGNED(off_struct, FDT_STRUCT_ALIGN))
		return fdt_bad(why, "struct block offset %x is not 4-byte aligned", off_struct);
	/* A version 16 header has no struct size: the walk finds FDT_END. */
	f.struct_size = has_struct_size ? fdt_be32(b + FDT_HDR_SIZE_STRUCT) : 0;
	err = fdt_check_block("struct block", off_struct, f.struct_size,
			      hdr_size, total, why);
	if (err)
		return err;
	if (!has_struct_size)
		f.struct_size = total - off_struct;
	f.dt_struct = b + off_struct;

	off_strings = fdt_be32(b + FDT_HDR_OFF_STRINGS);
	f.strings_size = fdt_be32(b + FDT_HDR_SIZE_STRINGS);
	err = fdt_check_block("strings block", off_strings, f.strings_size,
			      hdr_size, total, why);
	if (err)
		return err;
	f.dt_strings = (const char *)b + off_strings;

	/*
	 * A v17 layout is checked before the walk, so the walk never reads
	 * another block's bytes as tokens; a v16 struct block's extent is only
	 * known once the walk has found FDT_END.
	 */
	if (has_struct_size)
		err = fdt_check_layout(off_rsv, rsv_end, off_struct,
				       f.struct_size, off_strings,
				       f.strings_size, why);
	if (!err)
		err = fdt_check_struct(&f, why);
	if (!err && !has_struct_size)
		err = fdt_check_layout(off_rsv, rsv_end, off_struct,
				       f.struct_size, off_strings,
				       f.strings_size, why);
	if (err)
		return err;

	*out = f;
	return 0;
}
