// SPDX-License-Identifier: MIT
/*
 * Host tests of the device tree reader, continued (see test_fdt.c): the
 * lookups of drivers/of/fdt_lookup.c on DTBs captured from QEMU's virt and
 * sifive_u boards and on the hand-written board (tests/data/dtb/), and
 * every accessor on handles that are not nodes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <linux/errno.h>
#include <linux/of_fdt.h>

#include "fdt_tests.h"

/* ---- captured QEMU virt board ---- */

void test_virt_header(void **state)
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

void test_virt_memory(void **state)
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

void test_virt_cpus(void **state)
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

void test_virt_stdout_path(void **state)
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

void test_virt_test_device(void **state)
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

void test_virt_virtio_mmio(void **state)
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

void test_virt_flash_two_ranges(void **state)
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

void test_tree_walks_agree(void **state)
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

void test_props_match_getprop(void **state)
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

void test_sifive_u(void **state)
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

void test_virt_1g_smp2(void **state)
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

void test_board_chosen(void **state)
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

void test_board_memreserve(void **state)
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

void test_board_reserved_memory(void **state)
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

void test_board_memory_nodes(void **state)
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

void test_board_status(void **state)
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

void test_board_reg_errors(void **state)
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

void test_board_values(void **state)
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

void test_board_paths(void **state)
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

void test_board_compatible(void **state)
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

void test_board_deep(void **state)
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

void test_board_prop_order(void **state)
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

void test_bogus_handles(void **state)
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
void test_fake_node_in_value(void **state)
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
void test_failed_init_is_inert(void **state)
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
