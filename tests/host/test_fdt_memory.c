// SPDX-License-Identifier: MIT
/*
 * Host tests of the boot memory scans (drivers/of/fdt_memory.c) and of bus
 * address translation (drivers/of/fdt_address.c), on device trees that
 * dtc builds from tests/data/dtb/mem-*.dts (see fdt_memory.mk) and on the
 * committed captures: what reaches memblock, what is dropped and logged,
 * and, for the far banks, the boot through free_area_init() and the buddy
 * allocator. memblock_check() runs after every scan.
 *
 * Run from the repository root, or set FDT_MEMORY_TEST_DATA to the
 * directory of the built DTBs (the captures are read from tests/data/dtb).
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
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/of_fdt.h>
#include <asm/page.h>

#include "../../mm/internal.h"
#include "host_log.h"
#include "linear_map.h"

#define BUILT_DTBS	"build/host/dtb"
#define CAPTURED_DTBS	"tests/data/dtb"
#define RAM		0x80000000ULL
#define MIB		(1ULL << 20)
#define ARENA		(16 * MIB)

static void *blob;
static struct fdt fdt;

/* The linear map: [RAM, RAM + ARENA) is a host buffer (linear_map.c). */
static int setup(void **state)
{
	(void)state;
	linear_map_setup(RAM, ARENA);
	memblock_set_current_limit(RAM + ARENA);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	linear_map_teardown();
	free(blob);
	blob = NULL;
	return 0;
}

/* Load dir/name into an exact-size heap block and fdt_init() it into fdt. */
static void load(const char *dir, const char *name)
{
	const char *env = getenv("FDT_MEMORY_TEST_DATA");
	const char *why = NULL;
	char path[512];
	FILE *f;
	long n;

	if (env && !strcmp(dir, BUILT_DTBS))
		dir = env;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (built by make host-tests)", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	free(blob);
	blob = malloc((size_t)n);
	assert_non_null(blob);
	assert_int_equal(fread(blob, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (fdt_init(&fdt, blob, (size_t)n, &why))
		fail_msg("%s: %s", path, why);
}

static void expect_log(const char *needle)
{
	if (!host_log_contains(needle))
		fail_msg("the log lacks \"%s\":\n%s", needle, host_log());
}

static void assert_memory(unsigned int i, phys_addr_t base, phys_addr_t size,
			  unsigned int flags)
{
	const struct memblock_region *r = &memblock.memory.regions[i];

	assert_true(i < memblock.memory.cnt);
	if (r->base != base || r->size != size || r->flags != flags)
		fail_msg("memory[%u] is [%#llx+%#llx] flags %#x, want [%#llx+%#llx] flags %#x",
			 i, (unsigned long long)r->base, (unsigned long long)r->size,
			 r->flags, (unsigned long long)base, (unsigned long long)size, flags);
}

static void assert_owner(phys_addr_t addr, const char *owner)
{
	const char *got = memblock_reserved_owner(addr, 1);

	if (!got || strcmp(got, owner))
		fail_msg("%#llx is reserved by %s, want %s", (unsigned long long)addr,
			 got ? got : "nobody", owner);
}

static int node(const char *path)
{
	int n = fdt_path_offset(&fdt, path);

	if (n < 0)
		fail_msg("no node %s", path);
	return n;
}

/* ---- RAM the kernel must cut --------------------------------------------- */

static void test_limits(void **state)
{
	(void)state;
	load(BUILT_DTBS, "mem-limits.dtb");
	early_init_dt_scan_memory(&fdt);
	assert_int_equal(memblock_check(), 0);
	assert_int_equal(memblock.memory.cnt, 4);
	assert_memory(0, RAM, 16 * MIB, MEMBLOCK_NONE);
	assert_memory(1, 0x90000000, MIB, MEMBLOCK_NONE);
	assert_memory(2, 0x90101000, PAGE_SIZE, MEMBLOCK_NONE);
	/* The straddling bank ends exactly at the limit. */
	assert_memory(3, 0x3f0000000ULL, PHYSMEM_END - 0x3f0000000ULL, MEMBLOCK_NONE);
	expect_log("memory@3f0000000: RAM [0x400000000-0x40fffffff] ignored: above the 34-bit physical limit of Sv32 (16 GiB)");
	expect_log("memory@500000000: RAM [0x500000000-0x5ffffffff] ignored: above the 34-bit physical limit");
	expect_log("memory@90100800: RAM [0x90100800-0x901027ff] trimmed to whole pages [0x90101000-0x90101fff]");
	expect_log("memory@a0000100: RAM [0xa0000100-0xa00008ff] ignored: no whole page in it");
	expect_log("memory@fffffffffffff000: RAM [0xfffffffffffff000-0xffffffffffffffff] ignored: it wraps");
	assert_false(memblock_is_memory(0xb0000000));	/* disabled */

	/* The frames: none past the limit, so no pfn can alias in a PTE. */
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	assert_int_equal(max_pfn, MAX_PHYS_PFN);
	assert_false(host_log_contains("lies above"));
	assert_int_equal(mem_map_bytes, (4096 + 1024 + 65536) * sizeof(struct page));
	memblock_free_all();
	assert_int_equal(buddy_check(), 0);
	assert_int_equal(contig_page_data.node_zones[ZONE_HIGHMEM].managed_pages,
			 65536 + 256 + 1);
}

/* ---- reservations ------------------------------------------------------ */

static void test_reserved(void **state)
{
	unsigned long pfn;

	(void)state;
	load(BUILT_DTBS, "mem-reserved.dtb");
	early_init_dt_scan_memory(&fdt);
	/* what setup_memory() reserves before the tree's reservations */
	assert_int_equal(memblock_reserve(0x80400000, 0x2000, "kernel text"), 0);
	early_init_fdt_scan_reserved_mem(&fdt);
	assert_int_equal(memblock_check(), 0);

	assert_int_equal(memblock.memory.cnt, 5);
	assert_memory(0, RAM, 0x100000, MEMBLOCK_NONE);
	assert_memory(1, 0x80100000, 0x20000, MEMBLOCK_NOMAP);
	assert_memory(2, 0x80120000, 0xe0000, MEMBLOCK_NONE);
	assert_memory(3, 0x80200000, PAGE_SIZE, MEMBLOCK_NOMAP);
	assert_memory(4, 0x80201000, 16 * MIB - 0x201000, MEMBLOCK_NONE);
	expect_log("fw@80100000: [0x80100000-0x8011ffff] no-map: its RAM is kept out of the linear map");
	expect_log("mailbox@80200800: [0x80200000-0x80200fff] no-map");

	/* Over the kernel: reserved, but the kernel stays mapped. */
	assert_true(memblock_is_map_memory(0x80400000));
	expect_log("over-kernel@80400000: [0x80400000-0x80400fff] no-map refused: it overlaps kernel text, which stays mapped");
	assert_owner(0x80400000, "kernel text");

	assert_owner(0x80100000, "fw@80100000");
	assert_owner(0x80200000, "mailbox@80200800");
	assert_owner(0x80300000, "shared@80300000");
	assert_true(memblock_is_map_memory(0x80300000));
	assert_owner(0x80f00000, "dt memreserve");
	assert_false(memblock_is_reserved(0x80500000));		/* disabled */
	expect_log("dma-pool: no reg (a reservation for a driver to place): nothing reserved");
	/* Not RAM: reserved, and no line about keeping RAM unmapped. */
	assert_owner(0x90000000, "sram@90000000");
	assert_false(host_log_contains("sram@90000000: ["));

	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	memblock_free_all();
	assert_int_equal(buddy_check(), 0);
	expect_log(" fw@80100000=32 ");
	expect_log(" mailbox@80200800=1 ");
	for (pfn = PFN_DOWN(0x80100000); pfn < PFN_DOWN(0x80120000); pfn++)
		assert_true(PageReserved(pfn_to_page(pfn)));
}

/* ---- banks far apart ----------------------------------------------------- */

/*
 * A flat mem_map over [2 GiB, 8.25 GiB) needs 1.6 M descriptors, far more
 * than this board's 16 MiB of lowmem: free_area_init() failed, and the
 * kernel panicked in mm_init(). The sections need 69632.
 */
static void test_far_banks(void **state)
{
	struct page *p;

	(void)state;
	load(BUILT_DTBS, "mem-far-banks.dtb");
	early_init_dt_scan_memory(&fdt);
	assert_int_equal(memblock.memory.cnt, 2);
	assert_int_equal(memblock_reserve(RAM, 0x4000, "kernel text"), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	assert_int_equal(mem_map_bytes, 69632 * sizeof(struct page));
	assert_true(mem_map_bytes < ARENA / 4);
	memblock_free_all();
	assert_int_equal(buddy_check(), 0);
	p = alloc_pages(GFP_KERNEL | __GFP_HIGHMEM, 4);
	assert_non_null(p);
	assert_true(page_to_pfn(p) >= PFN_DOWN(0x200000000ULL));
	__free_pages(p, 4);
	assert_int_equal(buddy_check(), 0);
}

/* ---- ranges ---------------------------------------------------------------- */

static void expect_phys(const char *path, u64 addr, u64 size)
{
	u64 a = ~0ULL, s = ~0ULL;
	int err = fdt_read_reg_phys(&fdt, node(path), 0, &a, &s);

	if (err || a != addr || s != size)
		fail_msg("%s: %d [%#llx+%#llx], want [%#llx+%#llx]", path, err,
			 (unsigned long long)a, (unsigned long long)s,
			 (unsigned long long)addr, (unsigned long long)size);
}

static void expect_phys_error(const char *path, int want)
{
	u64 a = 0x1234, s = 0x5678;

	assert_int_equal(fdt_read_reg_phys(&fdt, node(path), 0, &a, &s), want);
	assert_int_equal(a, 0x1234);		/* untouched on failure */
	assert_int_equal(s, 0x5678);
}

static void test_ranges_translate(void **state)
{
	u64 a = 0x40;

	(void)state;
	load(BUILT_DTBS, "mem-ranges.dtb");
	expect_phys("/soc/uart@10000000", 0x10000000, 0x100);
	expect_phys("/soc/memory@0", 0x80000000, 0x800000);
	expect_phys("/soc/sub/memory@100", 0x80800000, 0x100000);
	expect_phys("/wide/memory@1,0", 0x88000000, 0x400000);
	expect_phys("/reserved-memory/buf@100000", 0x80100000, 0x10000);
	expect_phys_error("/soc/memory@f00000", -ERANGE);	/* past its window */
	expect_phys_error("/soc/dev@20000000", -ERANGE);	/* in no window */
	expect_phys_error("/isolated/memory@0", -ENXIO);
	expect_phys_error("/broken/dev@0", -EINVAL);
	/* fdt_read_reg's own errors come first. */
	expect_phys_error("/soc", -ENOENT);
	assert_int_equal(fdt_translate_address(&fdt, 0, &a, 4), -EINVAL);
	assert_int_equal(a, 0x40);
	/* A window is entered by its first address, and the size must fit it. */
	a = 0xffff00;
	assert_int_equal(fdt_translate_address(&fdt, node("/soc/memory@0"), &a, 0x100), 0);
	assert_int_equal(a, 0x80ffff00);
	a = 0xffff00;
	assert_int_equal(fdt_translate_address(&fdt, node("/soc/memory@0"), &a, 0x101), -ERANGE);

	/* Identity ranges of the captured boards change nothing. */
	load(CAPTURED_DTBS, "qemu-virt.dtb");
	expect_phys("/soc/serial@10000000", 0x10000000, 0x100);
	expect_phys("/memory@80000000", 0x80000000, 0x8000000);
	load(CAPTURED_DTBS, "qemu-sifive-u.dtb");
	expect_phys("/soc/serial@10010000", 0x10010000, 0x1000);
}

static void test_ranges_scan(void **state)
{
	(void)state;
	load(BUILT_DTBS, "mem-ranges.dtb");
	early_init_dt_scan_memory(&fdt);
	early_init_fdt_scan_reserved_mem(&fdt);
	assert_int_equal(memblock_check(), 0);
	/* soc's two banks touch in CPU space and merge around buf's no-map. */
	assert_int_equal(memblock.memory.cnt, 4);
	assert_memory(0, RAM, 0x100000, MEMBLOCK_NONE);
	assert_memory(1, 0x80100000, 0x10000, MEMBLOCK_NOMAP);
	assert_memory(2, 0x80110000, 0x900000 - 0x110000, MEMBLOCK_NONE);
	assert_memory(3, 0x88000000, 0x400000, MEMBLOCK_NONE);
	expect_log("memory@f00000: reg 0 [0xf00000+0x200000] ignored: it lies outside its bus's ranges");
	expect_log("memory@0: reg 0 [0x0+0x100000] ignored: a bus above it has no ranges, so it has no CPU address");
	assert_owner(0x80100000, "buf@100000");
	expect_log("stray@2000000: reg 0 [0x2000000+0x1000] ignored: it lies outside its bus's ranges");
	assert_false(memblock_is_reserved(0x2000000));
	assert_false(memblock_is_reserved(0x82000000));
}

/* ---- the committed boards ------------------------------------------------ */

static void test_captured_boards(void **state)
{
	(void)state;
	load(CAPTURED_DTBS, "qemu-virt.dtb");
	early_init_dt_scan_memory(&fdt);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_memory(0, RAM, 128 * MIB, MEMBLOCK_NONE);
	assert_int_equal(host_log_warnings() + host_log_errors(), 0);

	/*
	 * The hand-written board repeats its no-map reservation as a
	 * /memreserve/ entry: the nodes go first (as in Linux), so the entry
	 * does not stop the no-map.
	 */
	memblock_reset();
	load(CAPTURED_DTBS, "test-board.dtb");
	early_init_dt_scan_memory(&fdt);
	early_init_fdt_scan_reserved_mem(&fdt);
	assert_int_equal(memblock_check(), 0);
	assert_memory(0, RAM, 0x40000, MEMBLOCK_NOMAP);
	assert_memory(1, RAM + 0x40000, 64 * MIB - 0x40000, MEMBLOCK_NONE);
	assert_memory(2, 0x88000000, 32 * MIB, MEMBLOCK_NONE);
	assert_int_equal(memblock.memory.cnt, 3);
	assert_owner(RAM, "mmode_resv0@80000000");
	assert_owner(RAM + 0x20000, "mmode_resv1@80020000");
	assert_owner(0x87f00000, "dt memreserve");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_limits),
		T(test_reserved),
		T(test_far_banks),
		T(test_ranges_translate),
		T(test_ranges_scan),
		T(test_captured_boards),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
