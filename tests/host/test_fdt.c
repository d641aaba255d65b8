// SPDX-License-Identifier: MIT
/*
 * Host tests of the device tree reader (drivers/of/fdt.c): lookups on DTBs
 * captured from QEMU's virt and sifive_u boards and on a hand-written board
 * (tests/data/dtb/), then malformed blobs made by patching copies of those
 * or by assembling tokens here. Every blob fdt_init() sees is an exact-size
 * heap copy, so AddressSanitizer reports any read past its end.
 *
 * Run from the repository root, or set FDT_TEST_DATA to the DTB directory.
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

#define DEFAULT_DATA_DIR	"tests/data/dtb"

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

static struct blob virt = { .file = "qemu-virt.dtb" };
static struct blob virt1g = { .file = "qemu-virt-1g-smp2.dtb" };
static struct blob sifive_u = { .file = "qemu-sifive-u.dtb" };
static struct blob board = { .file = "test-board.dtb" };
static struct blob *const blobs[] = { &virt, &virt1g, &sifive_u, &board };

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void put_be32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24);
	p[1] = (u8)(v >> 16);
	p[2] = (u8)(v >> 8);
	p[3] = (u8)v;
}

/* Exact-size heap copy of len bytes (at least one byte is allocated). */
static u8 *dup_bytes(const void *src, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, src, len);
	return p;
}

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

/* fdt_init() on b must succeed. */
static void init_ok(struct fdt *f, const struct blob *b)
{
	const char *why = "not set";
	int rc;

	rc = fdt_init(f, b->data, b->len, &why);
	if (rc)
		fail_msg("%s: fdt_init() = %d: %s", b->file, rc, why);
	assert_null(why);
}

/* Node at path p, which must exist. */
static int path_ok(const struct fdt *f, const char *p)
{
	int node = fdt_path_offset(f, p);

	if (node < 0)
		fail_msg("path \"%s\": %d", p, node);
	return node;
}

static void assert_reg(const struct fdt *f, int node, int index, u64 addr,
		       u64 size)
{
	u64 a = ~0ull, s = ~0ull;

	assert_int_equal(fdt_read_reg(f, node, index, &a, &s), 0);
	assert_int_equal(a, addr);
	assert_int_equal(s, size);
}

static void assert_string_prop(const struct fdt *f, int node, const char *name,
			       const char *want)
{
	const char *s = fdt_getprop_string(f, node, name);

	if (!s)
		fail_msg("%s: no string property %s", fdt_node_name(f, node), name);
	assert_string_equal(s, want);
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

/* ---- captured QEMU virt board ---- */

static void test_virt_header(void **state)
{
	struct fdt f;

	(void)state;
	init_ok(&f, &virt);
	assert_int_equal(f.size, virt.len);
	assert_int_equal(f.version, 17);
	assert_int_equal(f.nr_rsv, 0);
	assert_int_equal(f.boot_cpuid, 0);
	assert_int_equal(get_be32(f.dt_struct + f.struct_size - 4), TOK_END);
	assert_string_equal(fdt_node_name(&f, 0), "");
	assert_int_equal(fdt_path_offset(&f, "/"), 0);
	assert_string_equal(fdt_getprop_string(&f, 0, "model"),
			    "riscv-virtio,qemu");
}

static void test_virt_memory(void **state)
{
	struct fdt f;
	int mem;

	(void)state;
	init_ok(&f, &virt);
	mem = path_ok(&f, "/memory");
	assert_string_equal(fdt_node_name(&f, mem), "memory@80000000");
	assert_int_equal(path_ok(&f, "/memory@80000000"), mem);
	assert_int_equal(fdt_reg_count(&f, mem), 1);
	assert_reg(&f, mem, 0, 0x80000000, 0x8000000);
	assert_int_equal(fdt_node_by_device_type(&f, -1, "memory"), mem);
	assert_int_equal(fdt_node_by_device_type(&f, mem, "memory"), -ENOENT);
	assert_int_equal(fdt_address_cells(&f, 0), 2);
	assert_int_equal(fdt_size_cells(&f, 0), 2);
}

static void test_virt_cpus(void **state)
{
	const char *isa;
	struct fdt f;
	int cpus, cpu;
	u32 tb = 0;

	(void)state;
	init_ok(&f, &virt);
	cpus = path_ok(&f, "/cpus");
	assert_int_equal(fdt_read_u32(&f, cpus, "timebase-frequency", &tb), 0);
	assert_int_equal(tb, 10000000);
	cpu = path_ok(&f, "/cpus/cpu@0");
	assert_int_equal(fdt_parent(&f, cpu), cpus);
	isa = fdt_getprop_string(&f, cpu, "riscv,isa");
	assert_non_null(isa);
	assert_non_null(strstr(isa, "_sstc"));
	assert_true(strncmp(isa, "rv32", 4) == 0);
	assert_string_prop(&f, cpu, "mmu-type", "riscv,sv32");
	assert_true(fdt_node_is_available(&f, cpu));
	/* /cpus has #size-cells = <0>: reg is just the hart id. */
	assert_int_equal(fdt_size_cells(&f, cpus), 0);
	assert_reg(&f, cpu, 0, 0, 0);
	assert_int_equal(fdt_node_by_device_type(&f, -1, "cpu"), cpu);
	assert_int_equal(fdt_node_by_device_type(&f, cpu, "cpu"), -ENOENT);
}

static void test_virt_stdout_path(void **state)
{
	const char *sp;
	struct fdt f;
	int uart;

	(void)state;
	init_ok(&f, &virt);
	sp = fdt_getprop_string(&f, path_ok(&f, "/chosen"), "stdout-path");
	assert_non_null(sp);
	uart = path_ok(&f, sp);
	assert_string_equal(fdt_node_name(&f, uart), "serial@10000000");
	assert_true(fdt_node_is_compatible(&f, uart, "ns16550a"));
	assert_false(fdt_node_is_compatible(&f, uart, "ns16550"));
	assert_true(fdt_node_is_available(&f, uart));
	/* The parent /soc has #address-cells = #size-cells = 2. */
	assert_int_equal(fdt_address_cells(&f, fdt_parent(&f, uart)), 2);
	assert_int_equal(fdt_size_cells(&f, fdt_parent(&f, uart)), 2);
	assert_reg(&f, uart, 0, 0x10000000, 0x100);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "ns16550a"), uart);
	assert_int_equal(fdt_node_by_compatible(&f, uart, "ns16550a"), -ENOENT);
	/* virt has no /aliases. */
	assert_int_equal(fdt_path_offset(&f, "serial0"), -ENOENT);
}

static void test_virt_test_device(void **state)
{
	struct fdt f;
	int test;

	(void)state;
	init_ok(&f, &virt);
	test = fdt_node_by_compatible(&f, -1, "sifive,test0");
	assert_true(test > 0);
	assert_string_equal(fdt_node_name(&f, test), "test@100000");
	assert_int_equal(fdt_node_by_compatible(&f, -1, "sifive,test1"), test);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "syscon"), test);
	assert_int_equal(fdt_node_by_compatible(&f, test, "sifive,test0"),
			 -ENOENT);
	assert_int_equal(fdt_reg_count(&f, test), 1);
	assert_reg(&f, test, 0, 0x100000, 0x1000);
	assert_int_equal(fdt_read_reg(&f, test, 1, &(u64){ 0 }, &(u64){ 0 }),
			 -ENOENT);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "sifive,test2"),
			 -ENOENT);
}

static void test_virt_virtio_mmio(void **state)
{
	u64 seen = 0, addr, size;
	int node, last = -1;
	unsigned int n = 0;
	struct fdt f;

	(void)state;
	init_ok(&f, &virt);
	fdt_for_each_compatible(&f, node, "virtio,mmio") {
		assert_true(node > last);
		last = node;
		assert_int_equal(fdt_read_reg(&f, node, 0, &addr, &size), 0);
		assert_int_equal(size, 0x1000);
		assert_true(addr >= 0x10001000 && addr <= 0x10008000);
		seen |= 1ull << ((addr - 0x10001000) / 0x1000);
		n++;
	}
	assert_int_equal(node, -ENOENT);
	assert_int_equal(n, 8);
	assert_int_equal(seen, 0xff);
}

static void test_virt_flash_two_ranges(void **state)
{
	struct fdt f;
	int flash;

	(void)state;
	init_ok(&f, &virt);
	flash = fdt_node_by_compatible(&f, -1, "cfi-flash");
	assert_int_equal(flash, path_ok(&f, "/flash"));
	assert_int_equal(fdt_reg_count(&f, flash), 2);
	assert_reg(&f, flash, 0, 0x20000000, 0x2000000);
	assert_reg(&f, flash, 1, 0x22000000, 0x2000000);
	assert_int_equal(fdt_read_reg(&f, flash, 2, &(u64){ 0 }, &(u64){ 0 }),
			 -ENOENT);
	assert_int_equal(fdt_read_reg(&f, flash, -1, &(u64){ 0 }, &(u64){ 0 }),
			 -EINVAL);
}

/* Count nodes below 'node' by child/sibling links, checking parent links. */
static unsigned int count_subtree(const struct fdt *f, int node)
{
	unsigned int n = 1;
	int child;

	fdt_for_each_child(f, node, child) {
		assert_true(child > node);
		assert_int_equal(fdt_parent(f, child), node);
		n += count_subtree(f, child);
	}
	assert_int_equal(child, -ENOENT);
	return n;
}

static void test_tree_walks_agree(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		unsigned int n = 0;
		int node, last = -1;
		struct fdt f;

		init_ok(&f, blobs[i]);
		fdt_for_each_node(&f, node) {
			assert_true(node > last);
			assert_non_null(fdt_node_name(&f, node));
			last = node;
			n++;
		}
		assert_int_equal(node, -ENOENT);
		assert_int_equal(n, count_subtree(&f, 0));
		assert_true(n > 10);
		assert_int_equal(fdt_parent(&f, 0), -ENOENT);
		assert_int_equal(fdt_next_sibling(&f, 0), -ENOENT);
	}
}

static void test_props_match_getprop(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		unsigned int nprops = 0;
		int node, prop, len, glen;
		const char *name;
		const void *val;
		struct fdt f;

		init_ok(&f, blobs[i]);
		fdt_for_each_node(&f, node) {
			fdt_for_each_prop(&f, node, prop) {
				val = fdt_prop_value(&f, prop, &name, &len);
				assert_non_null(val);
				assert_true(len >= 0);
				assert_ptr_equal(fdt_getprop(&f, node, name, &glen),
						 val);
				assert_int_equal(glen, len);
				nprops++;
			}
			assert_int_equal(prop, -ENOENT);
		}
		assert_true(nprops > 20);
	}
}

/* ---- captured QEMU sifive_u board ---- */

static void test_sifive_u(void **state)
{
	int chosen, uart, alias, cpu0, cpu1, phy, eth;
	struct fdt f;
	u32 tb = 0;

	(void)state;
	init_ok(&f, &sifive_u);
	assert_int_equal(fdt_read_u32(&f, path_ok(&f, "/cpus"),
				      "timebase-frequency", &tb), 0);
	assert_int_equal(tb, 1000000);
	assert_reg(&f, path_ok(&f, "/memory"), 0, 0x80000000, 0x8000000);

	chosen = path_ok(&f, "/chosen");
	uart = path_ok(&f, fdt_getprop_string(&f, chosen, "stdout-path"));
	assert_string_equal(fdt_node_name(&f, uart), "serial@10010000");
	assert_true(fdt_node_is_compatible(&f, uart, "sifive,uart0"));
	assert_reg(&f, uart, 0, 0x10010000, 0x1000);

	alias = path_ok(&f, "serial0");
	assert_int_equal(alias, uart);
	assert_int_equal(path_ok(&f, "serial0:115200n8"), uart);
	assert_string_equal(fdt_node_name(&f, path_ok(&f, "serial1")),
			    "serial@10011000");
	/* An alias followed by more components. */
	phy = path_ok(&f, "ethernet0/ethernet-phy@0");
	eth = path_ok(&f, "/soc/ethernet@10090000");
	assert_int_equal(fdt_parent(&f, phy), eth);
	assert_int_equal(fdt_address_cells(&f, eth), 1);
	assert_int_equal(fdt_size_cells(&f, eth), 0);
	assert_reg(&f, phy, 0, 0, 0);
	assert_int_equal(fdt_reg_count(&f, eth), 2);
	assert_reg(&f, eth, 1, 0x100a0000, 0x1000);
	assert_int_equal(fdt_path_offset(&f, "serial2"), -ENOENT);

	/* The E51 monitor hart has no MMU; the U54 has Sv32. */
	cpu0 = path_ok(&f, "/cpus/cpu@0");
	cpu1 = path_ok(&f, "/cpus/cpu@1");
	assert_null(fdt_getprop(&f, cpu0, "mmu-type", NULL));
	assert_string_prop(&f, cpu1, "mmu-type", "riscv,sv32");
	assert_int_equal(fdt_node_by_device_type(&f, cpu0, "cpu"), cpu1);
	assert_reg(&f, cpu1, 0, 1, 0);
	assert_int_equal(fdt_next_sibling(&f, cpu0), cpu1);
	assert_int_equal(fdt_next_sibling(&f, cpu1), -ENOENT);
}

/* ---- captured virt with -m 1G -smp 2 ---- */

static void test_virt_1g_smp2(void **state)
{
	int cpus, cpu, ncpu = 0;
	struct fdt f;
	u64 a, s;

	(void)state;
	init_ok(&f, &virt1g);
	assert_reg(&f, path_ok(&f, "/memory"), 0, 0x80000000, 0x40000000);
	cpus = path_ok(&f, "/cpus");
	fdt_for_each_child(&f, cpus, cpu) {
		const char *type = fdt_getprop_string(&f, cpu, "device_type");

		if (!type || strcmp(type, "cpu"))
			continue;
		assert_int_equal(fdt_read_reg(&f, cpu, 0, &a, &s), 0);
		assert_int_equal(a, (u64)ncpu);
		assert_string_prop(&f, cpu, "mmu-type", "riscv,sv32");
		ncpu++;
	}
	assert_int_equal(ncpu, 2);
}

/* ---- hand-written test board ---- */

static void test_board_chosen(void **state)
{
	struct fdt f;
	int chosen, console;
	u64 v = 0;
	u32 v32 = 0;

	(void)state;
	init_ok(&f, &board);
	chosen = path_ok(&f, "/chosen");
	assert_string_prop(&f, chosen, "bootargs",
			   "stress.duration=5 loglevel=7 shell");
	/* stdout-path = "console:115200n8": an alias, then options. */
	console = path_ok(&f, fdt_getprop_string(&f, chosen, "stdout-path"));
	assert_int_equal(console, path_ok(&f, "/soc/uart@10000000"));
	/* initrd bounds: one cell and two cells. */
	assert_int_equal(fdt_read_u64(&f, chosen, "linux,initrd-start", &v), 0);
	assert_int_equal(v, 0x84000000);
	assert_int_equal(fdt_read_u32(&f, chosen, "linux,initrd-start", &v32), 0);
	assert_int_equal(v32, 0x84000000);
	assert_int_equal(fdt_read_u64(&f, chosen, "linux,initrd-end", &v), 0);
	assert_int_equal(v, 0x84200000);
	assert_int_equal(fdt_read_u32(&f, chosen, "linux,initrd-end", &v32),
			 -EINVAL);
	assert_int_equal(fdt_read_u64(&f, chosen, "linux,initrd-size", &v),
			 -ENOENT);
}

static void test_board_memreserve(void **state)
{
	struct fdt f;
	u64 a = 0, s = 0;
	u32 rsv;
	u8 *p;

	(void)state;
	init_ok(&f, &board);
	rsv = (u32)(f.rsvmap - f.blob);
	assert_int_equal(f.nr_rsv, 2);
	assert_int_equal(fdt_get_mem_rsv(&f, 0, &a, &s), 0);
	assert_int_equal(a, 0x80000000);
	assert_int_equal(s, 0x40000);
	assert_int_equal(fdt_get_mem_rsv(&f, 1, &a, &s), 0);
	assert_int_equal(a, 0x87f00000);
	assert_int_equal(s, 0x100000);
	assert_int_equal(fdt_get_mem_rsv(&f, 2, &a, &s), -ENOENT);
	assert_int_equal(fdt_get_mem_rsv(&f, -1, &a, &s), -ENOENT);

	/* Only an all-zero entry terminates: a zero size alone does not. */
	p = dup_bytes(board.data, board.len);
	memset(p + rsv + RSV_ENTRY_SIZE + 8, 0, 8);
	assert_int_equal(fdt_init(&f, p, board.len, NULL), 0);
	assert_int_equal(f.nr_rsv, 2);
	assert_int_equal(fdt_get_mem_rsv(&f, 1, &a, &s), 0);
	assert_int_equal(a, 0x87f00000);
	assert_int_equal(s, 0);
	free(p);
}

static void test_board_reserved_memory(void **state)
{
	static const u64 want[][2] = {
		{ 0x80000000, 0x20000 },
		{ 0x80020000, 0x20000 },
	};
	int rmem, child, n = 0;
	struct fdt f;

	(void)state;
	init_ok(&f, &board);
	rmem = path_ok(&f, "/reserved-memory");
	assert_int_equal(fdt_address_cells(&f, rmem), 1);
	fdt_for_each_child(&f, rmem, child) {
		assert_true(n < 2);
		assert_reg(&f, child, 0, want[n][0], want[n][1]);
		assert_non_null(fdt_getprop(&f, child, "no-map", NULL));
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(fdt_subnode_offset(&f, rmem, "mmode_resv1"),
			 path_ok(&f, "/reserved-memory/mmode_resv1@80020000"));
}

static void test_board_memory_nodes(void **state)
{
	struct fdt f;
	int m0, m1;

	(void)state;
	init_ok(&f, &board);
	m0 = fdt_node_by_device_type(&f, -1, "memory");
	m1 = fdt_node_by_device_type(&f, m0, "memory");
	assert_true(m0 > 0 && m1 > m0);
	assert_int_equal(fdt_node_by_device_type(&f, m1, "memory"), -ENOENT);
	/* 1-cell addresses and sizes from the root. */
	assert_int_equal(fdt_reg_count(&f, m0), 2);
	assert_reg(&f, m0, 0, 0x80000000, 0x4000000);
	assert_reg(&f, m0, 1, 0x88000000, 0x2000000);
	assert_true(fdt_node_is_available(&f, m0));
	assert_false(fdt_node_is_available(&f, m1));
	assert_reg(&f, m1, 0, 0x90000000, 0x1000000);
}

static void test_board_status(void **state)
{
	struct fdt f;

	(void)state;
	init_ok(&f, &board);
	assert_true(fdt_node_is_available(&f, 0));
	assert_true(fdt_node_is_available(&f, path_ok(&f, "/cpus/cpu@0")));
	assert_false(fdt_node_is_available(&f, path_ok(&f, "/cpus/cpu@1")));
	assert_true(fdt_node_is_available(&f, path_ok(&f, "/soc/uart@10000000")));
	assert_false(fdt_node_is_available(&f, path_ok(&f, "/soc/uart@10001000")));
	assert_true(fdt_node_is_available(&f, path_ok(&f, "/soc/timer")));
	assert_false(fdt_node_is_available(&f, path_ok(&f, "/soc/broken-status")));
	assert_false(fdt_node_is_available(&f, -4));
}

static void test_board_reg_errors(void **state)
{
	int bad, dev, values;
	struct fdt f;
	u64 a, s;

	(void)state;
	init_ok(&f, &board);
	bad = path_ok(&f, "/soc/bad-reg");
	assert_int_equal(fdt_reg_count(&f, bad), -EINVAL);
	assert_int_equal(fdt_read_reg(&f, bad, 0, &a, &s), -EINVAL);
	/* #address-cells = <3> does not fit a u64. */
	assert_int_equal(fdt_address_cells(&f, path_ok(&f, "/soc/wide-bus")), 3);
	dev = path_ok(&f, "/soc/wide-bus/dev@0");
	assert_int_equal(fdt_read_reg(&f, dev, 0, &a, &s), -EINVAL);
	assert_int_equal(fdt_reg_count(&f, dev), -EINVAL);
	/* No reg at all. */
	values = path_ok(&f, "/values");
	assert_int_equal(fdt_reg_count(&f, values), 0);
	assert_int_equal(fdt_read_reg(&f, values, 0, &a, &s), -ENOENT);
	assert_int_equal(fdt_read_reg(&f, 0, 0, &a, &s), -ENOENT);
	/* Defaults when #address-cells / #size-cells are absent. */
	assert_int_equal(fdt_address_cells(&f, values), 2);
	assert_int_equal(fdt_size_cells(&f, values), 1);
}

static void test_board_values(void **state)
{
	const char *list;
	struct fdt f;
	int node, len = 0;
	u32 v32 = 0;
	u64 v64 = 0;

	(void)state;
	init_ok(&f, &board);
	node = path_ok(&f, "/values");
	assert_non_null(fdt_getprop(&f, node, "empty-flag", &len));
	assert_int_equal(len, 0);
	assert_null(fdt_getprop_string(&f, node, "empty-flag"));
	assert_null(fdt_getprop(&f, node, "no-such-prop", &len));
	assert_int_equal(len, -ENOENT);
	/* A name that is only a prefix of a property name. */
	assert_null(fdt_getprop(&f, node, "one", &len));

	assert_int_equal(fdt_read_u32(&f, node, "one-cell", &v32), 0);
	assert_int_equal(v32, 0x12345678);
	assert_int_equal(fdt_read_u64(&f, node, "one-cell", &v64), 0);
	assert_int_equal(v64, 0x12345678);
	assert_int_equal(fdt_read_u64(&f, node, "two-cells", &v64), 0);
	assert_int_equal(v64, 0x123456789ull);
	assert_int_equal(fdt_read_u32(&f, node, "two-cells", &v32), -EINVAL);
	assert_int_equal(fdt_read_u64(&f, node, "three-cells", &v64), -EINVAL);
	assert_int_equal(fdt_read_u32(&f, node, "empty-flag", &v32), -EINVAL);
	assert_int_equal(fdt_read_u32(&f, node, "absent", &v32), -ENOENT);

	assert_string_prop(&f, node, "one-string", "hello");
	assert_string_prop(&f, node, "empty-string", "");
	assert_null(fdt_getprop_string(&f, node, "string-list"));
	assert_null(fdt_getprop_string(&f, node, "unterminated"));
	assert_null(fdt_getprop_string(&f, node, "embedded-nul"));
	assert_null(fdt_getprop_string(&f, node, "one-cell"));

	list = fdt_getprop(&f, node, "string-list", &len);
	assert_non_null(list);
	assert_int_equal(len, 14);
	assert_int_equal(fdt_stringlist_contains(list, len, "first"), 1);
	assert_int_equal(fdt_stringlist_contains(list, len, "second"), 1);
	assert_int_equal(fdt_stringlist_contains(list, len, ""), 1);
	assert_int_equal(fdt_stringlist_contains(list, len, "fir"), 0);
	assert_int_equal(fdt_stringlist_contains(list, len, "firstsecond"), 0);
	assert_int_equal(fdt_stringlist_contains(list, 5, "first"), 0);
	assert_int_equal(fdt_stringlist_contains(list, 0, "first"), 0);
	assert_int_equal(fdt_stringlist_contains(list, -1, "first"), 0);
	assert_int_equal(fdt_stringlist_contains(NULL, 4, "first"), 0);
	list = fdt_getprop(&f, node, "unterminated", &len);
	assert_int_equal(fdt_stringlist_contains(list, len, "abc"), 0);

	assert_true(fdt_prop_is_string("x", 2));
	assert_false(fdt_prop_is_string("x", 1));
	assert_false(fdt_prop_is_string("x", 0));
	assert_false(fdt_prop_is_string(NULL, 2));
}

static void test_board_paths(void **state)
{
	int soc, uart0, uart1, serial;
	struct fdt f;

	(void)state;
	init_ok(&f, &board);
	soc = path_ok(&f, "/soc");
	uart0 = path_ok(&f, "/soc/uart@10000000");
	uart1 = path_ok(&f, "/soc/uart@10001000");
	assert_int_equal(fdt_parent(&f, uart1), soc);
	/* Without a unit address the first uart@ matches. */
	assert_int_equal(path_ok(&f, "/soc/uart"), uart0);
	/* ...but an exact name wins over an earlier name@unit. */
	serial = path_ok(&f, "/values/serial");
	assert_string_equal(fdt_node_name(&f, serial), "serial");
	assert_string_equal(fdt_node_name(&f, path_ok(&f, "/values/serial@1")),
			    "serial@1");
	assert_int_equal(fdt_subnode_offset(&f, path_ok(&f, "/values"), "serial"),
			 serial);
	/* Redundant and trailing slashes, options. */
	assert_int_equal(path_ok(&f, "//soc///uart@10000000/"), uart0);
	assert_int_equal(path_ok(&f, "/soc:opts/x"), soc);
	assert_int_equal(path_ok(&f, "/:x"), 0);
	/* Aliases. */
	assert_int_equal(path_ok(&f, "console"), uart0);
	assert_int_equal(path_ok(&f, "serial1"), uart1);
	assert_int_equal(path_ok(&f, "console:9600"), uart0);
	assert_int_equal(fdt_path_offset(&f, "console/x"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "bad-alias"), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, "nosuchalias"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, ":115200"), -EINVAL);
	/* Misses. */
	assert_int_equal(fdt_path_offset(&f, "/soc/uart@1000"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/soc/ua"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/nonexistent"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, "/soc/uart@10000000/x"), -ENOENT);
	assert_int_equal(fdt_path_offset(&f, ""), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, NULL), -EINVAL);
	assert_int_equal(fdt_subnode_offset(&f, 0, ""), -EINVAL);
}

static void test_board_compatible(void **state)
{
	struct fdt f;
	int node, n = 0;

	(void)state;
	init_ok(&f, &board);
	assert_true(fdt_node_is_compatible(&f, 0, "acme,generic"));
	assert_true(fdt_node_is_compatible(&f, 0, "acme,fdt-test"));
	assert_false(fdt_node_is_compatible(&f, 0, "acme"));
	/* Disabled nodes are still found; callers check availability. */
	fdt_for_each_compatible(&f, node, "ns16550a")
		n++;
	assert_int_equal(n, 2);
	node = fdt_node_by_compatible(&f, -1, "riscv,clint0");
	assert_int_equal(node, path_ok(&f, "/soc/timer@2000000"));
	assert_reg(&f, node, 0, 0x2000000, 0x10000);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "acme,nothing"), -ENOENT);
	assert_int_equal(fdt_node_by_compatible(&f, -2, "ns16550a"), -EINVAL);
	assert_int_equal(fdt_node_by_compatible(&f, 3, "ns16550a"), -EINVAL);
}

static void test_board_deep(void **state)
{
	int leaf, node, depth = 0;
	struct fdt f;

	(void)state;
	init_ok(&f, &board);
	leaf = path_ok(&f, "/deep/a/b/c/d");
	assert_non_null(fdt_getprop(&f, leaf, "leaf", NULL));
	assert_int_equal(fdt_first_child(&f, leaf), -ENOENT);
	for (node = leaf; node > 0; node = fdt_parent(&f, node))
		depth++;
	assert_int_equal(node, 0);
	assert_int_equal(depth, 5);
}

static void test_board_prop_order(void **state)
{
	static const char *const want[] = {
		"empty-flag", "one-cell", "two-cells", "three-cells",
		"one-string", "empty-string", "string-list", "unterminated",
		"embedded-nul", "fake-node",
	};
	const char *name;
	struct fdt f;
	int prop;
	size_t n = 0;

	(void)state;
	init_ok(&f, &board);
	fdt_for_each_prop(&f, path_ok(&f, "/values"), prop) {
		assert_true(n < sizeof(want) / sizeof(want[0]));
		assert_non_null(fdt_prop_value(&f, prop, &name, NULL));
		assert_string_equal(name, want[n]);
		n++;
	}
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	assert_int_equal(fdt_first_prop(&f, path_ok(&f, "/deep/a")), -ENOENT);
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

/* ---- accessors on handles that are not nodes ---- */

/* Offsets that look like a BEGIN_NODE token: the only ones that may get a name. */
static bool looks_like_node(const struct fdt *f, long off)
{
	return off >= 0 && off % 4 == 0 && (u32)off + 4 <= f->struct_size &&
	       get_be32(f->dt_struct + off) == TOK_BEGIN_NODE;
}

/* Call every accessor on bogus handle 'off'; results must stay sane. */
static void poke_bogus(const struct fdt *f, int off)
{
	const char *name = fdt_node_name(f, off);
	u64 a, s;
	u32 v;
	int r, len;

	if (!looks_like_node(f, off))
		assert_null(name);
	assert_int_equal(fdt_parent(f, off), -EINVAL);
	r = fdt_first_child(f, off);
	assert_true(r < 0 || (r > off && (u32)r < f->struct_size));
	r = fdt_next_sibling(f, off);
	assert_true(r < 0 || (r > off && (u32)r < f->struct_size));
	r = fdt_next_node(f, off);
	assert_true(r < 0 || r > off);
	r = fdt_node_by_compatible(f, off, "ns16550a");
	assert_true(r < 0 || r > off);
	r = fdt_first_prop(f, off);
	assert_true(r < 0 || r > off);
	r = fdt_next_prop(f, off);
	assert_true(r < 0 || r > off);
	if (!fdt_prop_value(f, off, NULL, &len))
		assert_int_equal(len, -EINVAL);
	if (!fdt_getprop(f, off, "reg", &len))
		assert_true(len == -EINVAL || len == -ENOENT);
	(void)fdt_getprop_string(f, off, "compatible");
	(void)fdt_node_is_available(f, off);
	(void)fdt_node_is_compatible(f, off, "ns16550a");
	(void)fdt_read_u32(f, off, "#address-cells", &v);
	(void)fdt_address_cells(f, off);
	/* reg decoding needs the parent, which a bogus handle lacks. */
	assert_true(fdt_read_reg(f, off, 0, &a, &s) < 0);
	assert_true(fdt_reg_count(f, off) <= 0);
	(void)fdt_subnode_offset(f, off, "serial");
}

static void test_bogus_handles(void **state)
{
	static const int fixed[] = { -1000, -8, -2, -1, 1, 2, 3, 0x7ffffffc,
				     0x7fffffff };

	(void)state;
	for (size_t i = 0; i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		struct fdt f;
		u8 *is_node;
		int node;

		init_ok(&f, blobs[i]);
		is_node = calloc(f.struct_size + 8, 1);
		assert_non_null(is_node);
		fdt_for_each_node(&f, node)
			is_node[node] = 1;
		for (int off = 0; off < (int)f.struct_size + 8; off++)
			if (!is_node[off])
				poke_bogus(&f, off);
		for (size_t j = 0; j < sizeof(fixed) / sizeof(fixed[0]); j++)
			poke_bogus(&f, fixed[j]);
		free(is_node);
	}
}

/* A handle into a property value that mimics a node is in bounds, never real. */
static void test_fake_node_in_value(void **state)
{
	const u8 *val;
	struct fdt f;
	int fake, len;

	(void)state;
	init_ok(&f, &board);
	val = fdt_getprop(&f, path_ok(&f, "/values"), "fake-node", &len);
	assert_non_null(val);
	assert_int_equal(len, 16);
	fake = (int)(val - f.dt_struct);
	assert_string_equal(fdt_node_name(&f, fake), "fake");
	assert_int_equal(fdt_first_child(&f, fake), -ENOENT);
	assert_int_equal(fdt_parent(&f, fake), -EINVAL);
}

/* A failed fdt_init() leaves a struct that every accessor rejects. */
static void test_failed_init_is_inert(void **state)
{
	struct fdt f;
	u64 a, s;

	(void)state;
	assert_int_equal(fdt_init(&f, virt.data, 10, NULL), -EINVAL);
	assert_null(fdt_node_name(&f, 0));
	assert_int_equal(fdt_first_child(&f, 0), -EINVAL);
	assert_int_equal(fdt_next_node(&f, -1), -EINVAL);
	assert_int_equal(fdt_node_by_compatible(&f, -1, "x"), -EINVAL);
	assert_int_equal(fdt_path_offset(&f, "serial0"), -EINVAL);
	assert_null(fdt_getprop(&f, 0, "x", NULL));
	assert_int_equal(fdt_get_mem_rsv(&f, 0, &a, &s), -ENOENT);
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
