/* SPDX-License-Identifier: MIT */
/*
 * What the device tree reader's host tests share. They are one cmocka
 * binary (cases named host:fdt:<case>): test_fdt.c has main(), loads the
 * DTBs and holds the cases of fdt_init()'s validation (layouts that are
 * valid, malformed blobs); test_fdt_lookup.c has the lookups on the
 * captured QEMU boards and the hand-written board, and the accessors on
 * handles that are not nodes.
 */
#ifndef _FDT_TESTS_H
#define _FDT_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <linux/of_fdt.h>

/* Header field offsets and tokens, restated here from the spec. */
#define HDR_MAGIC		0x00
#define HDR_TOTALSIZE		0x04
#define HDR_OFF_STRUCT		0x08
#define HDR_OFF_STRINGS		0x0c
#define HDR_OFF_RSVMAP		0x10
#define HDR_VERSION		0x14
#define HDR_LAST_COMP		0x18
#define HDR_SIZE_STRINGS	0x20
#define HDR_SIZE_STRUCT		0x24
#define HDR_SIZE		0x28
#define RSV_ENTRY_SIZE		16

#define TOK_BEGIN_NODE		0x1
#define TOK_END_NODE		0x2
#define TOK_PROP		0x3
#define TOK_NOP			0x4
#define TOK_END			0x9

struct blob {
	const char *file;
	u8 *data;
	size_t len;
};

/* The DTBs of tests/data/dtb/, loaded by test_fdt.c before the first case. */
extern struct blob virt, virt1g, sifive_u, board;
extern struct blob *const blobs[4];	/* all four */

static inline u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

/* Exact-size heap copy of len bytes (at least one byte is allocated). */
static inline u8 *dup_bytes(const void *src, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, src, len);
	return p;
}

/* fdt_init() on b must succeed. */
static inline void init_ok(struct fdt *f, const struct blob *b)
{
	const char *why = "not set";
	int rc;

	rc = fdt_init(f, b->data, b->len, &why);
	if (rc)
		fail_msg("%s: fdt_init() = %d: %s", b->file, rc, why);
	assert_null(why);
}

/* Node at path p, which must exist. */
static inline int path_ok(const struct fdt *f, const char *p)
{
	int node = fdt_path_offset(f, p);

	if (node < 0)
		fail_msg("path \"%s\": %d", p, node);
	return node;
}

static inline void assert_reg(const struct fdt *f, int node, int index,
			      u64 addr, u64 size)
{
	u64 a = ~0ull, s = ~0ull;

	assert_int_equal(fdt_read_reg(f, node, index, &a, &s), 0);
	assert_int_equal(a, addr);
	assert_int_equal(s, size);
}

static inline void assert_string_prop(const struct fdt *f, int node,
				      const char *name, const char *want)
{
	const char *s = fdt_getprop_string(f, node, name);

	if (!s)
		fail_msg("%s: no string property %s", fdt_node_name(f, node), name);
	assert_string_equal(s, want);
}

/* test_fdt_lookup.c */
void test_virt_header(void **state);
void test_virt_memory(void **state);
void test_virt_cpus(void **state);
void test_virt_stdout_path(void **state);
void test_virt_test_device(void **state);
void test_virt_virtio_mmio(void **state);
void test_virt_flash_two_ranges(void **state);
void test_tree_walks_agree(void **state);
void test_props_match_getprop(void **state);
void test_sifive_u(void **state);
void test_virt_1g_smp2(void **state);
void test_board_chosen(void **state);
void test_board_memreserve(void **state);
void test_board_reserved_memory(void **state);
void test_board_memory_nodes(void **state);
void test_board_status(void **state);
void test_board_reg_errors(void **state);
void test_board_values(void **state);
void test_board_paths(void **state);
void test_board_compatible(void **state);
void test_board_deep(void **state);
void test_board_prop_order(void **state);
void test_bogus_handles(void **state);
void test_fake_node_in_value(void **state);
void test_failed_init_is_inert(void **state);

#endif /* _FDT_TESTS_H */
