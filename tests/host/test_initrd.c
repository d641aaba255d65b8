// SPDX-License-Identifier: MIT
/*
 * Host tests of the initrd's lifecycle (kernel/initrd.c) on a simulated
 * 16 MiB board (tests/host/linear_map.c): the checks before memblock
 * reserves it, the whole pages reserved, the listing through the linear
 * map, and free_initrd_mem() giving exactly those pages to the buddy
 * allocator.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/cpio.h>
#include <linux/errno.h>
#include <linux/initrd.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <asm/page.h>

#include "../../mm/internal.h"
#include "host_log.h"
#include "linear_map.h"

#define RAM	0x80000000ULL
#define MIB	(1ULL << 20)
#define ARENA	(16 * MIB)
#define KERNEL	(2 * MIB)	/* reserved at RAM, like the image */

static int setup(void **state)
{
	(void)state;
	linear_map_setup(RAM, ARENA);
	assert_int_equal(memblock_add(RAM, ARENA), 0);
	assert_int_equal(memblock_reserve(RAM, KERNEL, "kernel text"), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	initrd = (struct initrd){ 0 };
	linear_map_teardown();
	return 0;
}

static unsigned long free_frames(void)
{
	struct page_totals t;

	page_alloc_totals(&t);
	return t.free + t.pcp;
}

/* A two-member newc archive at va: a text file and the trailer. */
static size_t write_archive(u8 *va)
{
	static const char text[] = "hello\n";
	size_t n = 0;
	int i;

	for (i = 0; i < 2; i++) {
		const char *name = i ? CPIO_TRAILER : "greeting";
		u32 size = i ? 0 : sizeof(text) - 1;

		n += sprintf((char *)va + n, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
			     1, i ? 0 : CPIO_S_IFREG | 0644, 0, 0, 1, 0, size, 0, 0, 0, 0,
			     (u32)strlen(name) + 1, 0);
		strcpy((char *)va + n, name);
		n = ALIGN(n + strlen(name) + 1, CPIO_ALIGN);
		memcpy(va + n, text, size);
		n = ALIGN(n + size, CPIO_ALIGN);
	}
	return n;
}

static void test_none(void **state)
{
	(void)state;
	assert_int_equal(reserve_initrd_mem(0, 0), 0);
	assert_int_equal(initrd.size, 0);
	assert_int_equal(memblock.reserved.cnt, 1);
	initrd_map();
	initrd_show();
	assert_int_equal(free_initrd_mem(), 0);
	assert_string_equal(host_log(), "");
}

/* Reserve an unaligned initrd, list it, free it: exactly its pages come back. */
static void test_lifecycle(void **state)
{
	phys_addr_t start = RAM + 4 * MIB + 0x100;
	size_t len;
	unsigned long before;

	(void)state;
	len = write_archive(__va(start));
	assert_int_equal(reserve_initrd_mem(start, start + len), 0);
	assert_int_equal(initrd.start, start);
	assert_int_equal(initrd.size, len);
	assert_string_equal(memblock_reserved_owner(start - 0x100, 1), "initrd");
	assert_string_equal(memblock_reserved_owner(start + len, 1), "initrd");	/* rest of the page */
	assert_null(memblock_reserved_owner(RAM + 4 * MIB + PAGE_SIZE, 1));

	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	memblock_free_all();
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(start))));
	initrd_map();
	assert_ptr_equal(initrd.va, __va(start));
	host_log_reset();
	initrd_show();
	assert_true(host_log_contains("greeting"));
	assert_true(host_log_contains("not an ELF file"));
	assert_true(host_log_contains("@initrd start=0x80400100 size="));
	assert_true(host_log_contains("members=1 elf=0 bad_elf=0 cpio_error=0"));
	assert_int_equal(host_log_warnings(), 0);

	before = free_frames();
	assert_int_equal(free_initrd_mem(), 1);
	assert_int_equal(free_frames(), before + 1);
	assert_false(PageReserved(pfn_to_page(PFN_DOWN(start))));
	assert_true(host_log_contains("Freeing initrd memory: 4K"));
	assert_int_equal(initrd.size, 0);
	assert_null(initrd.va);
	assert_int_equal(buddy_check(), 0);
	/* a second call frees nothing (no double free report) */
	host_log_reset();
	assert_int_equal(free_initrd_mem(), 0);
	assert_int_equal(host_log_errors(), 0);
}

static void test_multi_page_free(void **state)
{
	phys_addr_t start = RAM + 8 * MIB + 0xff0, end = RAM + 8 * MIB + 5 * PAGE_SIZE + 1;
	unsigned long before;

	(void)state;
	assert_int_equal(reserve_initrd_mem(start, end), 0);
	assert_int_equal(free_area_init(PFN_DOWN(RAM + ARENA)), 0);
	memblock_free_all();
	before = free_frames();
	/* pages 0..5 of the range are touched: 6 frames */
	assert_int_equal(free_initrd_mem(), 6);
	assert_int_equal(free_frames(), before + 6);
	assert_int_equal(buddy_check(), 0);
}

static void test_refused(void **state)
{
	(void)state;
	assert_int_equal(reserve_initrd_mem(RAM + 5 * MIB, RAM + 5 * MIB), -EINVAL);
	assert_true(host_log_contains("empty or inverted"));
	assert_int_equal(reserve_initrd_mem(RAM + 5 * MIB, RAM + 4 * MIB), -EINVAL);
	/* outside RAM, and running over its end */
	assert_int_equal(reserve_initrd_mem(0x10000000, 0x10001000), -EINVAL);
	assert_int_equal(reserve_initrd_mem(RAM + ARENA - PAGE_SIZE, RAM + ARENA + 1), -EINVAL);
	assert_true(host_log_contains("is not all RAM this kernel manages"));
	/* beyond what a PTE can map */
	assert_int_equal(reserve_initrd_mem(PHYSMEM_END, PHYSMEM_END + PAGE_SIZE), -EINVAL);
	/* sharing a page with the kernel image, even by one byte */
	assert_int_equal(reserve_initrd_mem(RAM + KERNEL - 1, RAM + KERNEL + PAGE_SIZE), -EBUSY);
	assert_int_equal(reserve_initrd_mem(RAM + KERNEL - PAGE_SIZE + 0x800, RAM + KERNEL + 0x100),
			 -EBUSY);
	assert_true(host_log_contains("shares memory with the kernel text: ignored"));
	assert_int_equal(host_log_errors(), 7);
	assert_int_equal(initrd.size, 0);
	assert_int_equal(memblock.reserved.cnt, 1);	/* only the kernel */
	/* the first page after the kernel is fine */
	assert_int_equal(reserve_initrd_mem(RAM + KERNEL, RAM + KERNEL + 1), 0);
	assert_int_equal(memblock_check(), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_none),
		T(test_lifecycle),
		T(test_multi_page_free),
		T(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
