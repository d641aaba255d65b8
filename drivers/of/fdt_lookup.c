// SPDX-License-Identifier: MIT
/*
 * Flattened device tree reader, part two: the accessors. They run only on
 * a struct fdt that fdt_init() (fdt.c) filled, and walk its structure block
 * token by token through fdt_token(), which bounds-checks every token, so
 * they stay inside the blob even when handed a handle that does not point
 * at a real node. Handles only ever move forward through the struct block,
 * which is what bounds every loop here.
 *
 * Exported functions keep their contracts in <linux/of_fdt.h>; the comments
 * here say how they meet them.
 */
#include <linux/errno.h>
#include <linux/of_fdt.h>
#include <linux/types.h>

#include <string.h>

#include "fdt_internal.h"

#define FDT_DEFAULT_ADDR_CELLS	2
#define FDT_DEFAULT_SIZE_CELLS	1
#define FDT_REG_MAX_ADDR_CELLS	2	/* what fits a u64 */
#define FDT_REG_MAX_SIZE_CELLS	2

#define FDT_TAG_BIT(tag)	(1u << (tag))	/* tag set for fdt_scan() */

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
