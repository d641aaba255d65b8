// SPDX-License-Identifier: MIT
/*
 * Host tests of the device tree reader (drivers/of/fdt.c): lookups on DTBs
 * captured from QEMU's virt and sifive_u boards and on a hand-written board
 * (tests/data/dtb/), then malformed blobs made by patching copies of those
 * or by assembling tokens here. Every blob fdt_init() sees is an exact-size
 * heap copy, so AddressSanitizer reports any read past its end.
 *
 * Run from the repository root, or set FDT_TEST_DATA to the DTB directory.
 *
 * This file: fdt_init()'s validation, valid layouts and malformed blobs,
 * and main() with every case; test_fdt_lookup.c: the lookups (see
 * fdt_tests.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <linux/errno.h>
#include <linux/of_fdt.h>

#include "fdt_tests.h"

#define DEFAULT_DATA_DIR	"tests/data/dtb"

struct blob virt = { .file = "qemu-virt.dtb" };
struct blob virt1g = { .file = "qemu-virt-1g-smp2.dtb" };
struct blob sifive_u = { .file = "qemu-sifive-u.dtb" };
struct blob board = { .file = "test-board.dtb" };
struct blob *const blobs[] = { &virt, &virt1g, &sifive_u, &board };

static int load_blob(struct blob *b)
{
	const char *dir = getenv("FDT_TEST_DATA");
	char path[512];
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : DEFAULT_DATA_DIR,
		 b->file);
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "test_fdt: cannot open %s\n", path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	b->len = (size_t)n;
	b->data = malloc(b->len);
	if (!b->data || fread(b->data, 1, b->len, f) != b->len) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++)
		if (load_blob(blobs[i]))
			return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		free(blobs[i]->data);
		blobs[i]->data = NULL;
	}
	return 0;
}

/*
 * fdt_init() on len bytes at buf (an exact-size heap block) must fail with
 * err and a message containing needle, and leave *fdt unusable.
 */
static void expect_reject(const u8 *buf, size_t len, int err, const char *needle)
{
	const char *why = NULL;
	struct fdt f;
	int rc;

	memset(&f, 0xa5, sizeof(f));
	rc = fdt_init(&f, buf, len, &why);
	if (rc != err)
		fail_msg("fdt_init() = %d, want %d (%s)", rc, err,
			 why ? why : "no message");
	assert_non_null(why);
	if (!strstr(why, needle))
		fail_msg("message \"%s\" lacks \"%s\"", why, needle);
	assert_int_equal(f.size, 0);
	assert_int_equal(f.struct_size, 0);
	assert_int_equal(fdt_path_offset(&f, "/"), -EINVAL);
	assert_int_equal(fdt_next_node(&f, -1), -EINVAL);
	/* Without why the result is the same. */
	assert_int_equal(fdt_init(&f, buf, len, NULL), err);
}

/* Patch header field 'field' of a copy of b to v; expect a rejection. */
static void expect_header_reject(const struct blob *b, size_t field, u32 v,
				 int err, const char *needle)
{
	u8 *p = dup_bytes(b->data, b->len);

	put_be32(p + field, v);
	expect_reject(p, b->len, err, needle);
	free(p);
}

/* Blob offset of the struct block in a blob fdt_init() accepted. */
static u32 struct_base(const struct fdt *f)
{
	return (u32)(f->dt_struct - f->blob);
}

/* Patch the u32 at struct offset 'off' of a copy of b; expect a rejection. */
static void expect_struct_reject(const struct blob *b, u32 off, u32 v, int err,
				 const char *needle)
{
	struct fdt f;
	u8 *p;

	init_ok(&f, b);
	p = dup_bytes(b->data, b->len);
	put_be32(p + struct_base(&f) + off, v);
	expect_reject(p, b->len, err, needle);
	free(p);
}

/*
 * A tiny DTB assembler for shapes dtc refuses to emit: tokens go into st[],
 * property names into str[], and finish() lays out header, an empty
 * reservation map, the struct block and the strings block.
 */
struct builder {
	u8 st[8192];
	size_t st_len;
	char str[512];
	size_t str_len;
};

static void b_u32(struct builder *b, u32 v)
{
	assert_true(b->st_len + 4 <= sizeof(b->st));
	put_be32(b->st + b->st_len, v);
	b->st_len += 4;
}

static void b_bytes(struct builder *b, const void *p, size_t n)
{
	assert_true(b->st_len + n + 3 <= sizeof(b->st));
	memcpy(b->st + b->st_len, p, n);
	b->st_len += n;
	while (b->st_len % 4)
		b->st[b->st_len++] = 0;
}

static void b_begin(struct builder *b, const char *name)
{
	b_u32(b, TOK_BEGIN_NODE);
	b_bytes(b, name, strlen(name) + 1);
}

static void b_prop(struct builder *b, const char *name, const void *val,
		   u32 len)
{
	size_t n = strlen(name) + 1;

	assert_true(b->str_len + n <= sizeof(b->str));
	b_u32(b, TOK_PROP);
	b_u32(b, len);
	b_u32(b, (u32)b->str_len);
	b_bytes(b, val, len);
	memcpy(b->str + b->str_len, name, n);
	b->str_len += n;
}

/* The assembled blob as an exact-size heap block of *lenp bytes. */
static u8 *b_finish(const struct builder *b, size_t *lenp)
{
	u32 off_struct = HDR_SIZE + RSV_ENTRY_SIZE;
	u32 off_strings = off_struct + (u32)b->st_len;
	u32 total = off_strings + (u32)b->str_len;
	u8 *p = calloc(1, total);

	assert_non_null(p);
	put_be32(p + HDR_MAGIC, FDT_MAGIC);
	put_be32(p + HDR_TOTALSIZE, total);
	put_be32(p + HDR_OFF_STRUCT, off_struct);
	put_be32(p + HDR_OFF_STRINGS, off_strings);
	put_be32(p + HDR_OFF_RSVMAP, HDR_SIZE);
	put_be32(p + HDR_VERSION, 17);
	put_be32(p + HDR_LAST_COMP, 16);
	put_be32(p + HDR_SIZE_STRINGS, (u32)b->str_len);
	put_be32(p + HDR_SIZE_STRUCT, (u32)b->st_len);
	memcpy(p + off_struct, b->st, b->st_len);
	memcpy(p + off_strings, b->str, b->str_len);
	*lenp = total;
	return p;
}

static void b_expect_reject(const struct builder *b, int err, const char *needle)
{
	size_t len;
	u8 *p = b_finish(b, &len);

	expect_reject(p, len, err, needle);
	free(p);
}

/* A builder holding a chain of 'depth' nested nodes (root included). */
static void b_nest(struct builder *b, int depth)
{
	memset(b, 0, sizeof(*b));
	b_begin(b, "");
	for (int i = 1; i < depth; i++)
		b_begin(b, "n");
	for (int i = 0; i < depth; i++)
		b_u32(b, TOK_END_NODE);
	b_u32(b, TOK_END);
}

/* ---- layout variants that are valid ---- */

/* A version 16 header lacks size_dt_struct; the walk finds the end. */
static void test_version16(void **state)
{
	struct fdt f17, f16;
	const char *why = NULL;
	u8 *p;

	(void)state;
	init_ok(&f17, &board);
	p = dup_bytes(board.data, board.len);
	put_be32(p + HDR_VERSION, 16);
	put_be32(p + HDR_SIZE_STRUCT, 0xdeadbeef);	/* padding in v16 */
	assert_int_equal(fdt_init(&f16, p, board.len, &why), 0);
	assert_null(why);
	assert_int_equal(f16.version, 16);
	assert_int_equal(f16.struct_size, f17.struct_size);
	assert_int_equal(fdt_path_offset(&f16, "/soc/uart@10001000"),
			 fdt_path_offset(&f17, "/soc/uart@10001000"));
	free(p);

	/* The v16 header is 0x24 bytes, so the struct block may start there. */
	p = calloc(1, 0x48);
	assert_non_null(p);
	put_be32(p + HDR_MAGIC, FDT_MAGIC);
	put_be32(p + HDR_TOTALSIZE, 0x48);
	put_be32(p + HDR_OFF_STRUCT, 0x24);
	put_be32(p + HDR_OFF_RSVMAP, 0x38);
	put_be32(p + HDR_OFF_STRINGS, 0x48);
	put_be32(p + HDR_VERSION, 16);
	put_be32(p + HDR_LAST_COMP, 16);
	put_be32(p + 0x24, TOK_BEGIN_NODE);
	put_be32(p + 0x2c, TOK_END_NODE);
	put_be32(p + 0x30, TOK_END);
	assert_int_equal(fdt_init(&f16, p, 0x48, &why), 0);
	assert_int_equal(f16.struct_size, 0x10);
	assert_int_equal(fdt_first_child(&f16, 0), -ENOENT);
	put_be32(p + HDR_VERSION, 17);
	put_be32(p + HDR_SIZE_STRUCT, 0x10);
	expect_reject(p, 0x48, -EINVAL,
		      "struct block offset 0x24 lies inside the 0x28-byte header");
	free(p);
}

static void test_unaligned_blob(void **state)
{
	struct fdt f;
	u8 *buf = malloc(virt.len + 1);
	u32 tb = 0;

	(void)state;
	assert_non_null(buf);
	memcpy(buf + 1, virt.data, virt.len);
	assert_int_equal(fdt_init(&f, buf + 1, virt.len, NULL), 0);
	assert_int_equal(fdt_read_u32(&f, path_ok(&f, "/cpus"),
				      "timebase-frequency", &tb), 0);
	assert_int_equal(tb, 10000000);
	assert_reg(&f, path_ok(&f, "/memory"), 0, 0x80000000, 0x8000000);
	free(buf);
}

static void test_room_after_blob(void **state)
{
	struct fdt f;
	u8 *buf = calloc(1, virt.len + 4096);

	(void)state;
	assert_non_null(buf);
	memcpy(buf, virt.data, virt.len);
	assert_int_equal(fdt_init(&f, buf, virt.len + 4096, NULL), 0);
	assert_int_equal(f.size, virt.len);
	free(buf);
}

static void test_builder_minimal(void **state)
{
	struct builder b = { 0 };
	struct fdt f;
	size_t len;
	u8 *p;

	(void)state;
	b_begin(&b, "");
	b_u32(&b, TOK_NOP);
	b_prop(&b, "x", "", 1);
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	p = b_finish(&b, &len);
	assert_int_equal(fdt_init(&f, p, len, NULL), 0);
	assert_int_equal(fdt_next_node(&f, -1), 0);
	assert_int_equal(fdt_next_node(&f, 0), -ENOENT);
	assert_int_equal(fdt_first_child(&f, 0), -ENOENT);
	assert_string_equal(fdt_getprop_string(&f, 0, "x"), "");
	free(p);
}

/* ---- malformed blobs ---- */

static void test_truncated_every_length(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		const struct blob *b = blobs[i];

		for (size_t len = 0; len < b->len; len++) {
			u8 *p = dup_bytes(b->data, len);

			if (len < HDR_SIZE)
				expect_reject(p, len, -EINVAL, "shorter than");
			else
				expect_reject(p, len, -ERANGE, "exceeds");
			/* Same, with a header that admits the truncation. */
			if (len >= HDR_SIZE) {
				put_be32(p + HDR_TOTALSIZE, (u32)len);
				assert_int_equal(fdt_init(&(struct fdt){ 0 }, p,
							  len, NULL), -EINVAL);
			}
			free(p);
		}
	}
}

static void test_header_errors(void **state)
{
	(void)state;
	expect_reject((const u8 *)"", 0, -EINVAL, "shorter than the header");
	expect_reject(NULL, 100, -EINVAL, "no device tree blob");
	expect_header_reject(&virt, HDR_MAGIC, 0xedfe0dd0, -EINVAL,
			     "bad magic 0xedfe0dd0");
	expect_header_reject(&virt, HDR_VERSION, 15, -EINVAL,
			     "version 15 is too old");
	expect_header_reject(&virt, HDR_VERSION, 1, -EINVAL, "too old");
	expect_header_reject(&virt, HDR_LAST_COMP, 18, -EINVAL,
			     "needs a version 18 reader");
	expect_header_reject(&virt, HDR_TOTALSIZE, 0xffffffff, -ERANGE,
			     "totalsize 0xffffffff exceeds");
	expect_header_reject(&virt, HDR_TOTALSIZE, (u32)virt.len + 1, -ERANGE,
			     "exceeds");
	expect_header_reject(&virt, HDR_TOTALSIZE, 8, -EINVAL,
			     "smaller than the 0x28-byte header");
}

/* totalsize above FDT_MAX_TOTALSIZE: only the header is read. */
static void test_totalsize_too_large(void **state)
{
	const char *why = NULL;
	struct fdt f;
	u8 *p = dup_bytes(virt.data, HDR_SIZE);

	(void)state;
	put_be32(p + HDR_TOTALSIZE, 0x80000000u);
	assert_int_equal(fdt_init(&f, p, (size_t)0x80000000u, &why), -E2BIG);
	assert_non_null(strstr(why, "too large"));
	free(p);
}

static void test_block_offsets(void **state)
{
	u32 total = (u32)virt.len;
	struct fdt f;
	u8 *p;

	(void)state;
	init_ok(&f, &virt);
	expect_header_reject(&virt, HDR_OFF_STRUCT, total + 4, -EINVAL,
			     "struct block offset");
	expect_header_reject(&virt, HDR_OFF_STRUCT, 0xfffffff0, -EINVAL,
			     "beyond totalsize");
	expect_header_reject(&virt, HDR_OFF_STRINGS, total + 1, -EINVAL,
			     "strings block offset");
	expect_header_reject(&virt, HDR_SIZE_STRUCT, total, -EINVAL,
			     "runs past totalsize");
	expect_header_reject(&virt, HDR_SIZE_STRINGS, 0xffffffff, -EINVAL,
			     "strings block at");
	expect_header_reject(&virt, HDR_OFF_STRUCT, 0x20, -EINVAL,
			     "inside the 0x28-byte header");
	expect_header_reject(&virt, HDR_OFF_RSVMAP, 0x8, -EINVAL,
			     "inside the 0x28-byte header");
	expect_header_reject(&virt, HDR_OFF_RSVMAP, (total - 8) & ~7u, -EINVAL,
			     "no terminator");
	expect_header_reject(&virt, HDR_OFF_RSVMAP, 0x2c, -EINVAL,
			     "not 8-byte aligned");
	expect_header_reject(&virt, HDR_OFF_STRUCT, struct_base(&f) + 2, -EINVAL,
			     "not 4-byte aligned");
	/* The exact wording, numbers included. */
	p = dup_bytes(virt.data, virt.len);
	put_be32(p + HDR_OFF_STRUCT, 0x2000);
	put_be32(p + HDR_TOTALSIZE, 0x1000);
	{
		const char *why = NULL;

		assert_int_equal(fdt_init(&f, p, virt.len, &why), -EINVAL);
		assert_string_equal(why,
				    "struct block offset 0x2000 beyond totalsize 0x1000");
	}
	free(p);
}

static void test_overlapping_blocks(void **state)
{
	struct fdt f;
	u32 st;
	u8 *p;

	(void)state;
	init_ok(&f, &virt);
	st = struct_base(&f);
	expect_header_reject(&virt, HDR_OFF_STRINGS, st + 8, -EINVAL,
			     "struct block at 0x38 overlaps the strings block");
	expect_header_reject(&virt, HDR_OFF_STRUCT, 0x28, -EINVAL,
			     "memory reservation map at 0x28 overlaps the struct block");
	/* One shared byte is enough; adjacent blocks (as in virt) are fine. */
	assert_int_equal((const u8 *)f.dt_strings, f.dt_struct + f.struct_size);
	expect_header_reject(&virt, HDR_OFF_STRINGS, st + f.struct_size - 1,
			     -EINVAL, "overlaps the strings block");
	/* Strings over the reservation map only. */
	p = dup_bytes(virt.data, virt.len);
	put_be32(p + HDR_OFF_STRINGS, 0x28);
	put_be32(p + HDR_SIZE_STRINGS, 0x10);
	expect_reject(p, virt.len, -EINVAL,
		      "memory reservation map at 0x28 overlaps the strings block");
	free(p);
	/* Reservation map terminated only inside the struct block. */
	init_ok(&f, &board);
	p = dup_bytes(board.data, board.len);
	memset(p + struct_base(&f) - RSV_ENTRY_SIZE, 0xff, RSV_ENTRY_SIZE);
	assert_int_equal(fdt_init(&f, p, board.len, NULL), -EINVAL);
	free(p);
}

/*
 * Blocks in an unusual order: struct block at 0x28, reservation map right
 * after it at 0x38, empty strings block at the end. A struct block one byte
 * longer overlaps the map.
 */
static void test_overlap_by_one_byte(void **state)
{
	u8 *p = calloc(1, 0x48);
	struct fdt f;

	(void)state;
	assert_non_null(p);
	put_be32(p + HDR_MAGIC, FDT_MAGIC);
	put_be32(p + HDR_TOTALSIZE, 0x48);
	put_be32(p + HDR_OFF_STRUCT, 0x28);
	put_be32(p + HDR_OFF_RSVMAP, 0x38);
	put_be32(p + HDR_OFF_STRINGS, 0x48);
	put_be32(p + HDR_VERSION, 17);
	put_be32(p + HDR_LAST_COMP, 16);
	put_be32(p + HDR_SIZE_STRUCT, 0x10);
	put_be32(p + 0x28, TOK_BEGIN_NODE);	/* name "" at 0x2c */
	put_be32(p + 0x30, TOK_END_NODE);
	put_be32(p + 0x34, TOK_END);
	assert_int_equal(fdt_init(&f, p, 0x48, NULL), 0);
	assert_int_equal(f.struct_size, 0x10);
	put_be32(p + HDR_SIZE_STRUCT, 0x11);
	expect_reject(p, 0x48, -EINVAL,
		      "memory reservation map at 0x38 overlaps the struct block at 0x28");
	free(p);
}

static void test_bad_properties(void **state)
{
	struct fdt f;
	u32 prop, strings_size;

	(void)state;
	init_ok(&f, &virt);
	prop = (u32)fdt_first_prop(&f, 0);
	strings_size = f.strings_size;
	assert_int_equal(get_be32(f.dt_struct + prop), TOK_PROP);
	expect_struct_reject(&virt, prop + 4, 0xfffffff0, -EINVAL,
			     "property length 0xfffffff0 runs past");
	expect_struct_reject(&virt, prop + 4, f.struct_size - prop - 12 + 1,
			     -EINVAL, "property length");
	expect_struct_reject(&virt, prop + 8, strings_size, -EINVAL,
			     "outside the");
	expect_struct_reject(&virt, prop + 8, 0xffffffff, -EINVAL,
			     "name offset 0xffffffff outside");
	expect_struct_reject(&virt, prop, 0x5, -EINVAL, "unknown token 0x5");
	expect_struct_reject(&virt, prop, 0x0, -EINVAL, "unknown token 0x0");
}

static void test_unterminated_strings(void **state)
{
	struct fdt f;
	u32 strings_off;
	u8 *p;

	(void)state;
	init_ok(&f, &virt);
	strings_off = (u32)((const u8 *)f.dt_strings - f.blob);
	p = dup_bytes(virt.data, virt.len);
	assert_int_equal(p[strings_off + f.strings_size - 1], 0);
	p[strings_off + f.strings_size - 1] = 'x';
	expect_reject(p, virt.len, -EINVAL, "is not NUL-terminated");
	free(p);
	/* The same by shrinking the strings block by one byte. */
	expect_header_reject(&virt, HDR_SIZE_STRINGS, f.strings_size - 1,
			     -EINVAL, "is not NUL-terminated");
}

static void test_unterminated_node_name(void **state)
{
	struct fdt f;
	u32 node;
	u8 *p;

	(void)state;
	init_ok(&f, &virt);
	node = (u32)fdt_first_child(&f, 0);
	assert_true(strlen(fdt_node_name(&f, node)) >= 3);
	/* The struct block ends two bytes into the name. */
	expect_header_reject(&virt, HDR_SIZE_STRUCT, node + 6, -EINVAL,
			     "node name is not NUL-terminated");
	/* A name that runs on into the following tokens. */
	p = dup_bytes(virt.data, virt.len);
	memset(p + struct_base(&f) + node + 4, 'a',
	       ((strlen(fdt_node_name(&f, node)) + 4) & ~3u));
	assert_int_equal(fdt_init(&f, p, virt.len, NULL), -EINVAL);
	free(p);
	/* Builder: a name that fills the block with no NUL at all. */
	{
		struct builder b = { 0 };

		b_begin(&b, "");
		b_u32(&b, TOK_BEGIN_NODE);
		memcpy(b.st + b.st_len, "abcd", 4);
		b.st_len += 4;
		b_expect_reject(&b, -EINVAL, "node name is not NUL-terminated");
	}
}

static void test_bad_nesting(void **state)
{
	struct fdt f;
	u32 end;

	(void)state;
	init_ok(&f, &virt);
	end = f.struct_size - 4;
	assert_int_equal(get_be32(f.dt_struct + end), TOK_END);
	assert_int_equal(get_be32(f.dt_struct + end - 4), TOK_END_NODE);
	expect_struct_reject(&virt, end, TOK_END_NODE, -EINVAL,
			     "END_NODE closes no node");
	expect_struct_reject(&virt, end - 4, TOK_NOP, -EINVAL,
			     "inside 1 unclosed node(s)");
	expect_struct_reject(&virt, end, TOK_NOP, -EINVAL, "without FDT_END");
	expect_struct_reject(&virt, end, TOK_BEGIN_NODE, -EINVAL,
			     "not NUL-terminated");
}

static void test_deep_nesting(void **state)
{
	struct builder b;
	char path[3 * FDT_MAX_DEPTH];
	struct fdt f;
	size_t len;
	int node, depth;
	u8 *p;

	(void)state;
	/* Exactly FDT_MAX_DEPTH levels are fine, and fully navigable. */
	b_nest(&b, FDT_MAX_DEPTH);
	p = b_finish(&b, &len);
	assert_int_equal(fdt_init(&f, p, len, NULL), 0);
	path[0] = '\0';
	for (int i = 1; i < FDT_MAX_DEPTH; i++)
		strcat(path, "/n");
	node = path_ok(&f, path);
	for (depth = 1; node > 0; depth++)
		node = fdt_parent(&f, node);
	assert_int_equal(node, 0);
	assert_int_equal(depth, FDT_MAX_DEPTH);
	free(p);

	b_nest(&b, FDT_MAX_DEPTH + 1);
	b_expect_reject(&b, -E2BIG, "nested deeper than 32");
	b_nest(&b, 100);
	b_expect_reject(&b, -E2BIG, "nested deeper than 32");
}

static void test_bad_structure(void **state)
{
	struct builder b;

	(void)state;
	/* Two roots. */
	memset(&b, 0, sizeof(b));
	b_begin(&b, "");
	b_u32(&b, TOK_END_NODE);
	b_begin(&b, "");
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "second root node");
	/* No root at all. */
	memset(&b, 0, sizeof(b));
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "no root node");
	/* An empty struct block. */
	memset(&b, 0, sizeof(b));
	b_expect_reject(&b, -EINVAL, "without FDT_END");
	/* Root not at offset 0. */
	memset(&b, 0, sizeof(b));
	b_u32(&b, TOK_NOP);
	b_begin(&b, "");
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "root node not at offset 0");
	/* A named root, an unnamed child. */
	memset(&b, 0, sizeof(b));
	b_begin(&b, "root");
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "root node has the name \"root\"");
	memset(&b, 0, sizeof(b));
	b_begin(&b, "");
	b_begin(&b, "");
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "empty node name");
	/* Properties outside a node and after a subnode. */
	memset(&b, 0, sizeof(b));
	b_prop(&b, "x", "", 1);
	b_begin(&b, "");
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "property outside any node");
	memset(&b, 0, sizeof(b));
	b_begin(&b, "");
	b_begin(&b, "child");
	b_u32(&b, TOK_END_NODE);
	b_prop(&b, "late", "", 1);
	b_u32(&b, TOK_END_NODE);
	b_u32(&b, TOK_END);
	b_expect_reject(&b, -EINVAL, "property after a subnode");
	/* A property whose padding would leave the block. */
	memset(&b, 0, sizeof(b));
	b_begin(&b, "");
	b_u32(&b, TOK_PROP);
	b_u32(&b, 1);
	b_u32(&b, 0);
	b.st[b.st_len++] = 'x';
	b.str[b.str_len++] = 'x';
	b.str[b.str_len++] = '\0';
	b_expect_reject(&b, -EINVAL, "property padding runs past");
	/* A node name whose NUL fits but whose padding does not. */
	memset(&b, 0, sizeof(b));
	b_begin(&b, "");
	b_begin(&b, "ab");
	b.st_len--;
	b_expect_reject(&b, -EINVAL, "node name padding runs past");
	/* A truncated property header. */
	memset(&b, 0, sizeof(b));
	b_begin(&b, "");
	b_u32(&b, TOK_PROP);
	b_u32(&b, 0);
	b_expect_reject(&b, -EINVAL, "truncated property");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt_header),
		cmocka_unit_test(test_virt_memory),
		cmocka_unit_test(test_virt_cpus),
		cmocka_unit_test(test_virt_stdout_path),
		cmocka_unit_test(test_virt_test_device),
		cmocka_unit_test(test_virt_virtio_mmio),
		cmocka_unit_test(test_virt_flash_two_ranges),
		cmocka_unit_test(test_tree_walks_agree),
		cmocka_unit_test(test_props_match_getprop),
		cmocka_unit_test(test_sifive_u),
		cmocka_unit_test(test_virt_1g_smp2),
		cmocka_unit_test(test_board_chosen),
		cmocka_unit_test(test_board_memreserve),
		cmocka_unit_test(test_board_reserved_memory),
		cmocka_unit_test(test_board_memory_nodes),
		cmocka_unit_test(test_board_status),
		cmocka_unit_test(test_board_reg_errors),
		cmocka_unit_test(test_board_values),
		cmocka_unit_test(test_board_paths),
		cmocka_unit_test(test_board_compatible),
		cmocka_unit_test(test_board_deep),
		cmocka_unit_test(test_board_prop_order),
		cmocka_unit_test(test_version16),
		cmocka_unit_test(test_unaligned_blob),
		cmocka_unit_test(test_room_after_blob),
		cmocka_unit_test(test_builder_minimal),
		cmocka_unit_test(test_truncated_every_length),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_totalsize_too_large),
		cmocka_unit_test(test_block_offsets),
		cmocka_unit_test(test_overlapping_blocks),
		cmocka_unit_test(test_overlap_by_one_byte),
		cmocka_unit_test(test_bad_properties),
		cmocka_unit_test(test_unterminated_strings),
		cmocka_unit_test(test_unterminated_node_name),
		cmocka_unit_test(test_bad_nesting),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_bad_structure),
		cmocka_unit_test(test_bogus_handles),
		cmocka_unit_test(test_fake_node_in_value),
		cmocka_unit_test(test_failed_init_is_inert),
	};

	return cmocka_run_group_tests_name("fdt", tests, group_setup,
					   group_teardown);
}
