// SPDX-License-Identifier: MIT
/*
 * Flattened device tree reader (Devicetree Specification v0.4, chapter 5).
 *
 * fdt_init() proves the blob well formed once; the accessors then walk the
 * structure block token by token. Every token is decoded by fdt_token(),
 * which bounds-checks what it points at, so the accessors stay inside the
 * blob even when handed a handle that does not point at a real node.
 * Handles only ever move forward through the struct block, which is what
 * bounds every loop here.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of_fdt.h>
#include <linux/types.h>

#include <string.h>

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
#define FDT_RSV_ENTRY_SIZE	16	/* u64 address, u64 size */
#define FDT_RSV_SIZE		8	/* offset of the size in an entry */
#define FDT_U64_CELLS		2
#define FDT_RSVMAP_ALIGN	8

#define FDT_DEFAULT_ADDR_CELLS	2
#define FDT_DEFAULT_SIZE_CELLS	1
#define FDT_REG_MAX_ADDR_CELLS	2	/* what fits a u64 */
#define FDT_REG_MAX_SIZE_CELLS	2

#define FDT_WHY_LEN		160

/* fdt_init()'s last failure message; see fdt_fail(). */
static char fdt_why_buf[FDT_WHY_LEN];

/* Big-endian loads byte by byte: the blob may sit at any alignment. */
static u32 fdt_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* Big-endian number of 'ncells' 32-bit cells (ncells <= FDT_U64_CELLS). */
static u64 fdt_read_cells(const u8 *p, int ncells)
{
	u64 v = 0;

	while (ncells-- > 0) {
		v = v << 32 | fdt_be32(p);
		p += FDT_CELL_SIZE;
	}
	return v;
}

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

/* One decoded structure-block token. */
struct fdt_token {
	u32 tag;
	u32 next;		/* struct offset of the following token */
	const char *name;	/* BEGIN_NODE: node name; PROP: property name */
	const u8 *val;		/* PROP: value, len bytes */
	u32 len;
};

/*
 * Decode the token at struct offset 'off'. fdt's struct and strings fields
 * must be set (fdt_init sets them before its walk). Checks that the token,
 * a node name with its NUL and padding, a property value with its padding
 * and a property's name string all lie inside their blocks. Returns 0, or
 * -EINVAL with *why set (why may be NULL).
 */
static int fdt_token(const struct fdt *fdt, u32 off, struct fdt_token *t,
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

/* Decode handle h as a token of kind 'tag'. Returns 0, or -EINVAL if it is not one. */
static int fdt_handle_token(const struct fdt *fdt, int h, u32 tag,
			    struct fdt_token *t)
{
	if (h < 0 || fdt_token(fdt, (u32)h, t, NULL) || t->tag != tag)
		return -EINVAL;
	return 0;
}

/* fdt_handle_token() for a node handle. */
static int fdt_node_token(const struct fdt *fdt, int node, struct fdt_token *t)
{
	return fdt_handle_token(fdt, node, FDT_BEGIN_NODE, t);
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
 * Exported functions keep their contracts in <linux/of_fdt.h>; the comments
 * here say how they meet them.
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

#define FDT_TAG_BIT(tag)	(1u << (tag))	/* tag set for fdt_scan() */

/*
 * Scan from struct offset 'off' (a token boundary) for the first token whose
 * tag is 'want', stepping over NOPs and the tags in the mask 'skip' (of
 * FDT_TAG_BIT()s). Returns its offset, -ENOENT if another tag comes first,
 * -EINVAL if a token does not decode.
 */
static int fdt_scan(const struct fdt *fdt, u32 off, u32 want, u32 skip)
{
	struct fdt_token t;

	for (;; off = t.next) {
		if (fdt_token(fdt, off, &t, NULL))
			return -EINVAL;
		if (t.tag == want)
			return (int)off;
		if (t.tag != FDT_NOP && !(skip & FDT_TAG_BIT(t.tag)))
			return -ENOENT;
	}
}

/* Properties sit right after the node's name, NOPs aside. */
int fdt_first_prop(const struct fdt *fdt, int node)
{
	struct fdt_token t;

	if (fdt_node_token(fdt, node, &t))
		return -EINVAL;
	return fdt_scan(fdt, t.next, FDT_PROP, 0);
}

/* The property list ends at the first subnode or END_NODE. */
int fdt_next_prop(const struct fdt *fdt, int prop)
{
	struct fdt_token t;

	if (fdt_handle_token(fdt, prop, FDT_PROP, &t))
		return -EINVAL;
	return fdt_scan(fdt, t.next, FDT_PROP, 0);
}

/* fdt_token() has checked that value and name lie inside their blocks. */
const void *fdt_prop_value(const struct fdt *fdt, int prop, const char **namep,
			   int *lenp)
{
	struct fdt_token t;

	if (fdt_handle_token(fdt, prop, FDT_PROP, &t)) {
		if (lenp)
			*lenp = -EINVAL;
		return NULL;
	}
	if (namep)
		*namep = t.name;
	if (lenp)
		*lenp = (int)t.len;
	return t.val;
}

/* fdt_getprop() for a name given as 'len' bytes, not NUL-terminated. */
static const void *fdt_getprop_namelen(const struct fdt *fdt, int node,
				       const char *name, size_t len, int *lenp)
{
	const char *pname;
	const void *val;
	int prop, plen;

	fdt_for_each_prop(fdt, node, prop) {
		val = fdt_prop_value(fdt, prop, &pname, &plen);
		/* pname is NUL-terminated, so strncmp stops in bounds. */
		if (val && !strncmp(pname, name, len) && pname[len] == '\0') {
			if (lenp)
				*lenp = plen;
			return val;
		}
	}
	if (lenp)
		*lenp = prop;
	return NULL;
}

/* A linear scan of the node's properties: the first of that name wins. */
const void *fdt_getprop(const struct fdt *fdt, int node, const char *name,
			int *lenp)
{
	return fdt_getprop_namelen(fdt, node, name, strlen(name), lenp);
}

/* The only NUL is the last byte: one string, no list, no raw cells. */
bool fdt_prop_is_string(const void *val, int len)
{
	return val && len > 0 &&
	       memchr(val, '\0', (size_t)len) == (const char *)val + len - 1;
}

/* fdt_getprop() filtered by fdt_prop_is_string(). */
const char *fdt_getprop_string(const struct fdt *fdt, int node, const char *name)
{
	const void *val;
	int len;

	val = fdt_getprop(fdt, node, name, &len);
	return fdt_prop_is_string(val, len) ? val : NULL;
}

/* Entries are compared whole; an unterminated tail entry never matches. */
int fdt_stringlist_contains(const char *list, int len, const char *s)
{
	size_t slen = strlen(s);
	const char *nul;

	if (!list)
		return 0;
	while (len > 0) {
		nul = memchr(list, '\0', (size_t)len);
		if (!nul)
			return 0;	/* unterminated last entry */
		if ((size_t)(nul - list) == slen && !memcmp(list, s, slen))
			return 1;
		len -= (int)(nul - list) + 1;
		list = nul + 1;
	}
	return 0;
}

/* The name follows the BEGIN_NODE tag; fdt_token() found its NUL. */
const char *fdt_node_name(const struct fdt *fdt, int node)
{
	struct fdt_token t;

	if (fdt_node_token(fdt, node, &t))
		return NULL;
	return t.name;
}

/* The first BEGIN_NODE after the node's properties, before its END_NODE. */
int fdt_first_child(const struct fdt *fdt, int node)
{
	struct fdt_token t;

	if (fdt_node_token(fdt, node, &t))
		return -EINVAL;
	return fdt_scan(fdt, t.next, FDT_BEGIN_NODE, FDT_TAG_BIT(FDT_PROP));
}

/* Skips node's whole subtree, so it costs the size of that subtree. */
int fdt_next_sibling(const struct fdt *fdt, int node)
{
	struct fdt_token t;
	int depth = 0;
	u32 off;

	if (fdt_node_token(fdt, node, &t))
		return -EINVAL;
	/* Skip node's subtree to just past its END_NODE. */
	for (off = (u32)node;; off = t.next) {
		if (fdt_token(fdt, off, &t, NULL))
			return -EINVAL;
		if (t.tag == FDT_BEGIN_NODE) {
			depth++;
		} else if (t.tag == FDT_END_NODE) {
			if (--depth == 0)
				break;
		} else if (t.tag == FDT_END) {
			return -EINVAL;
		}
	}
	return fdt_scan(fdt, t.next, FDT_BEGIN_NODE, 0);
}

/*
 * Blobs carry no parent links: walk from the root with a stack of the open
 * nodes, up to 'node'. A 'node' the walk steps over is not a real node, so
 * this is also the one accessor that tells real nodes from look-alikes.
 */
int fdt_parent(const struct fdt *fdt, int node)
{
	int stack[FDT_MAX_DEPTH];
	struct fdt_token t;
	int depth = 0;
	u32 off;

	if (fdt_node_token(fdt, node, &t))
		return -EINVAL;
	if (node == 0)
		return -ENOENT;
	for (off = 0; off <= (u32)node; off = t.next) {
		if (fdt_token(fdt, off, &t, NULL))
			return -EINVAL;
		if (t.tag == FDT_BEGIN_NODE) {
			if (off == (u32)node)
				return depth ? stack[depth - 1] : -EINVAL;
			if (depth == FDT_MAX_DEPTH)
				return -EINVAL;
			stack[depth++] = (int)off;
		} else if (t.tag == FDT_END_NODE) {
			if (depth == 0)
				return -EINVAL;
			depth--;
		} else if (t.tag == FDT_END) {
			return -EINVAL;
		}
	}
	return -EINVAL;
}

/* Document order is token order: the next BEGIN_NODE at any depth. */
int fdt_next_node(const struct fdt *fdt, int node)
{
	struct fdt_token t;

	if (node == -1)
		return fdt_node_token(fdt, 0, &t) ? -EINVAL : 0;
	if (fdt_node_token(fdt, node, &t))
		return -EINVAL;
	return fdt_scan(fdt, t.next, FDT_BEGIN_NODE,
			FDT_TAG_BIT(FDT_PROP) | FDT_TAG_BIT(FDT_END_NODE));
}

/*
 * Child of 'parent' named by the 'len' bytes at 'name' (no NUL among them):
 * an exact name match wins; failing that, if name has no unit address, the
 * first child whose name is name + "@unit".
 */
static int fdt_subnode_namelen(const struct fdt *fdt, int parent,
			       const char *name, size_t len)
{
	bool has_unit = memchr(name, '@', len) != NULL;
	int child, fallback = -ENOENT;
	const char *cname;

	if (len == 0)
		return -EINVAL;
	fdt_for_each_child(fdt, parent, child) {
		cname = fdt_node_name(fdt, child);
		/* cname is NUL-terminated, so strncmp stops in bounds. */
		if (!cname || strncmp(cname, name, len))
			continue;
		if (cname[len] == '\0')
			return child;
		if (!has_unit && cname[len] == '@' && fallback < 0)
			fallback = child;
	}
	return child == -ENOENT ? fallback : child;
}

/* Matching as for one path component; see fdt_subnode_namelen(). */
int fdt_subnode_offset(const struct fdt *fdt, int parent, const char *name)
{
	return fdt_subnode_namelen(fdt, parent, name, strlen(name));
}

/* Follow the '/'-separated components in [p, end) down from 'node'. */
static int fdt_walk_path(const struct fdt *fdt, int node, const char *p,
			 const char *end)
{
	struct fdt_token t;
	const char *q;

	if (fdt_node_token(fdt, node, &t))
		return -EINVAL;
	while (p < end) {
		if (*p == '/') {
			p++;
			continue;
		}
		for (q = p; q < end && *q != '/'; q++)
			;
		node = fdt_subnode_namelen(fdt, node, p, (size_t)(q - p));
		if (node < 0)
			return node;
		p = q;
	}
	return node;
}

/* Node named by the alias of 'len' bytes at 'name', via /aliases. */
static int fdt_resolve_alias(const struct fdt *fdt, const char *name,
			     size_t len)
{
	const char *target;
	int aliases, tlen;

	aliases = fdt_subnode_offset(fdt, 0, "aliases");
	if (aliases < 0)
		return aliases;
	target = fdt_getprop_namelen(fdt, aliases, name, len, &tlen);
	if (!target)
		return tlen;
	/* An alias must name an absolute path, never another alias. */
	if (!fdt_prop_is_string(target, tlen) || target[0] != '/')
		return -EINVAL;
	return fdt_walk_path(fdt, 0, target, target + strcspn(target, ":"));
}

/* Options after ':' are cut first, then a leading alias is resolved. */
int fdt_path_offset(const struct fdt *fdt, const char *path)
{
	const char *end, *q;
	int node = 0;

	if (!path || !*path)
		return -EINVAL;
	end = path + strcspn(path, ":");
	if (*path != '/') {
		for (q = path; q < end && *q != '/'; q++)
			;
		if (q == path)
			return -EINVAL;
		node = fdt_resolve_alias(fdt, path, (size_t)(q - path));
		if (node < 0)
			return node;
		path = q;
	}
	return fdt_walk_path(fdt, node, path, end);
}

/* Any entry of the "compatible" list, not just the most specific one. */
bool fdt_node_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	const char *list;
	int len;

	list = fdt_getprop(fdt, node, "compatible", &len);
	return list && fdt_stringlist_contains(list, len, compat);
}

/* Disabled nodes are returned too; callers check fdt_node_is_available(). */
int fdt_node_by_compatible(const struct fdt *fdt, int from, const char *compat)
{
	int node = from;

	for (;;) {
		node = fdt_next_node(fdt, node);
		if (node < 0 || fdt_node_is_compatible(fdt, node, compat))
			return node;
	}
}

/* As fdt_node_by_compatible(), matching the "device_type" string. */
int fdt_node_by_device_type(const struct fdt *fdt, int from, const char *type)
{
	const char *s;
	int node = from;

	for (;;) {
		node = fdt_next_node(fdt, node);
		if (node < 0)
			return node;
		s = fdt_getprop_string(fdt, node, "device_type");
		if (s && !strcmp(s, type))
			return node;
	}
}

/* A status that is not a string counts as unavailable, as does a bad node. */
bool fdt_node_is_available(const struct fdt *fdt, int node)
{
	const char *status;
	int len;

	status = fdt_getprop(fdt, node, "status", &len);
	if (!status)
		return len == -ENOENT;
	return fdt_prop_is_string(status, len) &&
	       (!strcmp(status, "okay") || !strcmp(status, "ok"));
}

/* *out is written only on success. */
int fdt_read_u32(const struct fdt *fdt, int node, const char *name, u32 *out)
{
	const u8 *val;
	int len;

	val = fdt_getprop(fdt, node, name, &len);
	if (!val)
		return len;
	if (len != FDT_CELL_SIZE)
		return -EINVAL;
	*out = fdt_be32(val);
	return 0;
}

/* One cell is zero-extended; two are high word first. */
int fdt_read_u64(const struct fdt *fdt, int node, const char *name, u64 *out)
{
	const u8 *val;
	int len;

	val = fdt_getprop(fdt, node, name, &len);
	if (!val)
		return len;
	if (len != FDT_CELL_SIZE && len != FDT_U64_CELLS * FDT_CELL_SIZE)
		return -EINVAL;
	*out = fdt_read_cells(val, len / FDT_CELL_SIZE);
	return 0;
}

/* Cell-count property 'name' of node, 'def' if absent. */
static int fdt_cells(const struct fdt *fdt, int node, const char *name, int def)
{
	u32 v;
	int err;

	err = fdt_read_u32(fdt, node, name, &v);
	if (err == -ENOENT)
		return def;
	if (err)
		return err;
	return v > FDT_MAX_CELLS ? -EINVAL : (int)v;
}

/* Only the node's own property counts: cell counts are not inherited. */
int fdt_address_cells(const struct fdt *fdt, int node)
{
	return fdt_cells(fdt, node, "#address-cells", FDT_DEFAULT_ADDR_CELLS);
}

/* As fdt_address_cells(). */
int fdt_size_cells(const struct fdt *fdt, int node)
{
	return fdt_cells(fdt, node, "#size-cells", FDT_DEFAULT_SIZE_CELLS);
}

/*
 * Locate node's reg and the parent's cell counts. Returns the number of
 * entries (>= 0), -ENOENT without reg, -EINVAL as for fdt_read_reg().
 */
static int fdt_reg_layout(const struct fdt *fdt, int node, const u8 **regp,
			  int *acp, int *scp)
{
	int parent, ac, sc, len;

	*regp = fdt_getprop(fdt, node, "reg", &len);
	if (!*regp)
		return len;
	parent = fdt_parent(fdt, node);
	if (parent < 0)
		return parent;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > FDT_REG_MAX_ADDR_CELLS ||
	    sc < 0 || sc > FDT_REG_MAX_SIZE_CELLS)
		return -EINVAL;
	if (len % ((ac + sc) * FDT_CELL_SIZE))
		return -EINVAL;
	*acp = ac;
	*scp = sc;
	return len / ((ac + sc) * FDT_CELL_SIZE);
}

/*
 * Each call finds the parent afresh (a walk from the root); reading every
 * entry of a large reg costs one walk per entry, which boot-time use affords.
 */
int fdt_read_reg(const struct fdt *fdt, int node, int index, u64 *addr,
		 u64 *size)
{
	const u8 *reg;
	int n, ac = 0, sc = 0;

	n = fdt_reg_layout(fdt, node, &reg, &ac, &sc);
	if (n < 0)
		return n;
	if (index < 0)
		return -EINVAL;
	if (index >= n)
		return -ENOENT;
	reg += (size_t)index * (size_t)(ac + sc) * FDT_CELL_SIZE;
	*addr = fdt_read_cells(reg, ac);
	*size = fdt_read_cells(reg + ac * FDT_CELL_SIZE, sc);
	return 0;
}

/* A node without reg has zero entries rather than an error. */
int fdt_reg_count(const struct fdt *fdt, int node)
{
	const u8 *reg;
	int n, ac, sc;

	n = fdt_reg_layout(fdt, node, &reg, &ac, &sc);
	return n == -ENOENT ? 0 : n;
}

/* fdt_init() has counted the entries before the all-zero terminator. */
int fdt_get_mem_rsv(const struct fdt *fdt, int index, u64 *addr, u64 *size)
{
	const u8 *e;

	if (index < 0 || (u32)index >= fdt->nr_rsv)
		return -ENOENT;
	e = fdt->rsvmap + (size_t)index * FDT_RSV_ENTRY_SIZE;
	*addr = fdt_read_cells(e, FDT_U64_CELLS);
	*size = fdt_read_cells(e + FDT_RSV_SIZE, FDT_U64_CELLS);
	return 0;
}
