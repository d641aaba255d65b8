// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the device tree reader (drivers/of/fdt.c).
 *
 * The input is copied into an exactly-sized heap block, so AddressSanitizer
 * reports any read past its end. If fdt_init() accepts it, every node is
 * visited both by fdt_next_node() and by child/sibling links, every property
 * is read and cross-checked against fdt_getprop(), reg entries are decoded
 * and translated to CPU addresses through the buses' ranges,
 * paths and aliases are looked up, and compatible searches are run. Any
 * disagreement between two ways of reaching the same answer traps.
 *
 * Seed corpus: tests/fuzz/corpus/fdt/ (the DTBs of tests/data/dtb/).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/of_fdt.h>

#define FUZZ_PATH_MAX		512
/*
 * Some checks cost a pass over the tree each (fdt_parent() and so reg
 * decoding walk from the root, lookups skip whole subtrees). They run on
 * about FUZZ_DEEP_NODES nodes per input, picked by a stride and an offset
 * taken from the input, so a full board DTB stays cheap to run while
 * mutations still move the checks around the tree.
 */
#define FUZZ_DEEP_NODES		8
#define FUZZ_MAX_REG		2	/* reg entries decoded per node */
#define FUZZ_MAX_COMPAT_SCANS	4	/* full compatible scans per input */
#define FUZZ_MAX_SIBLINGS	64	/* names remembered to spot duplicates */
#define FUZZ_BOGUS_HANDLES	16	/* handles taken from the input's tail */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An inconsistency the sanitizers cannot see: crash so libFuzzer keeps it. */
#define fuzz_check(cond)			\
	do {					\
		if (!(cond))			\
			__builtin_trap();	\
	} while (0)

struct walk {
	const struct fdt *f;
	char path[FUZZ_PATH_MAX];
	unsigned int compat_scans;
	unsigned int index;	/* of the node being visited, document order */
	unsigned int stride;	/* deep-check every stride-th node... */
	unsigned int phase;	/* ...starting with this one */
};

/* Whether the node being visited gets the expensive checks. */
static bool deep_node(const struct walk *w)
{
	return w->index % w->stride == w->phase;
}

/* Run a full compatible scan for s; node must be among the hits. */
static void check_compat_scan(struct walk *w, int node, const char *s)
{
	int hit, last = -1;
	bool found = false;

	fdt_for_each_compatible(w->f, hit, s) {
		fuzz_check(hit > last);
		fuzz_check(fdt_node_is_compatible(w->f, hit, s));
		found |= hit == node;
		last = hit;
	}
	fuzz_check(hit == -ENOENT);
	fuzz_check(found);
}

static void check_props(struct walk *w, int node, bool deep)
{
	const struct fdt *f = w->f;
	const char *name, *s;
	const void *val, *first;
	int prop, len, flen, target, last = node;

	fdt_for_each_prop(f, node, prop) {
		fuzz_check(prop > last);
		last = prop;
		val = fdt_prop_value(f, prop, &name, &len);
		fuzz_check(val && name && len >= 0);
		/* getprop finds the first property of that name. */
		first = fdt_getprop(f, node, name, &flen);
		fuzz_check(first && first <= val && flen >= 0);
		if (first != val)
			continue;

		if (fdt_prop_is_string(val, len)) {
			fuzz_check(fdt_getprop_string(f, node, name) == val);
			/* Values such as stdout-path and aliases are paths. */
			if (deep) {
				target = fdt_path_offset(f, val);
				fuzz_check(target < 0 || fdt_node_name(f, target));
			}
		} else {
			fuzz_check(!fdt_getprop_string(f, node, name));
		}
		if (strcmp(name, "compatible"))
			continue;
		for (s = val; s < (const char *)val + len; s += strlen(s) + 1) {
			if (!memchr(s, '\0', (size_t)((const char *)val + len - s)))
				break;
			fuzz_check(fdt_node_is_compatible(f, node, s));
			if (w->compat_scans < FUZZ_MAX_COMPAT_SCANS) {
				w->compat_scans++;
				check_compat_scan(w, node, s);
			}
		}
	}
	fuzz_check(prop == -ENOENT);
}

/*
 * Entry i of node's reg is [addr, addr + size) in its parent's space: the
 * translated range is either refused with one of the documented errors or
 * the same length, in the CPU's space, and unchanged for the root's
 * children; fdt_translate_address() agrees with it.
 */
static void check_reg_phys(const struct fdt *f, int node, int i, u64 addr,
			   u64 size)
{
	u64 pa = ~addr, ps = ~size, ta = addr;
	int err = fdt_read_reg_phys(f, node, i, &pa, &ps);

	if (err) {
		fuzz_check(err == -ENXIO || err == -ERANGE || err == -EINVAL);
		fuzz_check(pa == ~addr && ps == ~size);
		return;
	}
	fuzz_check(ps == size);
	fuzz_check(!size || pa + (size - 1) >= pa);
	if (fdt_parent(f, node) == 0)
		fuzz_check(pa == addr);
	fuzz_check(fdt_translate_address(f, node, &ta, size) == 0 && ta == pa);
}

static void check_reg(const struct fdt *f, int node)
{
	int n = fdt_reg_count(f, node);
	u64 addr, size;
	u32 v;

	if (n > 0) {
		for (int i = 0; i < n && i < FUZZ_MAX_REG; i++) {
			fuzz_check(fdt_read_reg(f, node, i, &addr, &size) == 0);
			check_reg_phys(f, node, i, addr, size);
		}
		fuzz_check(fdt_read_reg(f, node, n, &addr, &size) == -ENOENT);
		fuzz_check(fdt_read_reg_phys(f, node, n, &addr, &size) == -ENOENT);
	} else {
		fuzz_check(fdt_read_reg(f, node, 0, &addr, &size) < 0);
		fuzz_check(fdt_read_reg_phys(f, node, 0, &addr, &size) < 0);
	}
	(void)fdt_address_cells(f, node);
	(void)fdt_size_cells(f, node);
	(void)fdt_read_u32(f, node, "timebase-frequency", &v);
	(void)fdt_read_u64(f, node, "linux,initrd-start", &addr);
	(void)fdt_node_is_available(f, node);
}

/*
 * Visit node and its subtree by child and sibling links; returns the number
 * of nodes visited. w->path[0..plen) is the path of node's parent, or plen
 * is SIZE_MAX if no path is known to lead to node (a duplicated name above
 * it, or a name holding ':' or '/').
 */
static unsigned int walk_node(struct walk *w, int node, size_t plen)
{
	const struct fdt *f = w->f;
	const char *name = fdt_node_name(f, node);
	const char *seen[FUZZ_MAX_SIBLINGS];
	bool deep = deep_node(w);
	unsigned int n = 1, nseen = 0;
	int child, prev, found;
	size_t nlen;

	w->index++;
	fuzz_check(name);
	check_props(w, node, deep);
	if (deep)
		check_reg(f, node);

	nlen = strlen(name);
	if (node == 0) {
		strcpy(w->path, "/");
		plen = 0;
	} else if (plen != SIZE_MAX && plen + 1 + nlen < sizeof(w->path) &&
		   !strpbrk(name, ":/")) {
		w->path[plen] = '/';
		memcpy(w->path + plen + 1, name, nlen + 1);
		plen += 1 + nlen;
		if (deep)
			fuzz_check(fdt_path_offset(f, w->path) == node);
	} else {
		plen = SIZE_MAX;
	}

	prev = node;
	fdt_for_each_child(f, node, child) {
		const char *cname = fdt_node_name(f, child);
		bool known = nseen < FUZZ_MAX_SIBLINGS;	/* all earlier names seen */
		bool unique = known;

		fuzz_check(child > prev && cname);
		for (unsigned int i = 0; i < nseen; i++)
			unique &= strcmp(seen[i], cname) != 0;
		if (known)
			seen[nseen++] = cname;
		if (deep) {
			/* The first sibling of that exact name is found. */
			fuzz_check(fdt_parent(f, child) == node);
			found = fdt_subnode_offset(f, node, cname);
			fuzz_check(found > node && found <= child);
			fuzz_check(!known || unique == (found == child));
		}
		prev = child;
		n += walk_node(w, child, unique ? plen : SIZE_MAX);
	}
	fuzz_check(child == -ENOENT);
	return n;
}

/* Accessors on handles that are probably not nodes must stay in bounds. */
static void poke_handle(const struct fdt *f, int h)
{
	u64 a, s;
	int len;

	(void)fdt_node_name(f, h);
	(void)fdt_parent(f, h);
	fuzz_check(fdt_first_child(f, h) < 0 || fdt_first_child(f, h) > h);
	fuzz_check(fdt_next_sibling(f, h) < 0 || fdt_next_sibling(f, h) > h);
	fuzz_check(fdt_next_node(f, h) < 0 || fdt_next_node(f, h) > h);
	fuzz_check(fdt_next_prop(f, h) < 0 || fdt_next_prop(f, h) > h);
	(void)fdt_prop_value(f, h, NULL, &len);
	(void)fdt_getprop(f, h, "reg", &len);
	(void)fdt_read_reg(f, h, 0, &a, &s);
	(void)fdt_read_reg_phys(f, h, 0, &a, &s);
	(void)fdt_node_is_compatible(f, h, "ns16550a");
	(void)fdt_subnode_offset(f, h, "serial");
}

static void check_tree(const struct fdt *f, const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"/", "/chosen", "/aliases", "/memory", "/cpus/cpu@0",
		"/soc/serial", "serial0", "serial0:115200", "/reserved-memory",
	};
	struct walk w = { .f = f };
	unsigned int n = 0;
	int node, last = -1;
	u64 a, s;

	fdt_for_each_node(f, node) {
		fuzz_check(node > last);
		last = node;
		n++;
	}
	fuzz_check(node == -ENOENT);
	w.stride = n / FUZZ_DEEP_NODES + 1;
	w.phase = size ? data[size - 1] % w.stride : 0;
	fuzz_check(walk_node(&w, 0, 0) == n);

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		node = fdt_path_offset(f, paths[i]);
		fuzz_check(node < 0 || fdt_node_name(f, node));
	}
	for (node = -1; (node = fdt_node_by_device_type(f, node, "memory")) >= 0;)
		check_reg(f, node);
	for (u32 i = 0; i < f->nr_rsv; i++)
		fuzz_check(fdt_get_mem_rsv(f, (int)i, &a, &s) == 0);
	fuzz_check(fdt_get_mem_rsv(f, (int)f->nr_rsv, &a, &s) == -ENOENT);

	for (size_t i = 0; i < FUZZ_BOGUS_HANDLES && (i + 1) * 2 <= size; i++) {
		const uint8_t *p = data + size - (i + 1) * 2;

		poke_handle(f, (int)((p[0] << 8 | p[1]) % (f->struct_size + 8)));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	uint8_t *copy = malloc(size ? size : 1);
	struct fdt f;
	int rc;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	rc = fdt_init(&f, copy, size, &why);
	if (rc == 0) {
		fuzz_check(!why && f.size <= size);
		check_tree(&f, copy, size);
	} else {
		fuzz_check(rc == -EINVAL || rc == -ERANGE || rc == -E2BIG);
		fuzz_check(why && why[0]);
	}
	free(copy);
	return 0;
}
