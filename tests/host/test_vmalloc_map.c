// SPDX-License-Identifier: MIT
/*
 * Host tests of the vmalloc mappings that are not vmalloc's own frames:
 * vmap of the caller's frames and ioremap of device memory, each refusing
 * what it must not map, and kernel stacks (layout, flushed when mapped).
 * Same fixture and checks as test_vmalloc.c (vmalloc_tests.h).
 */
#include "../../mm/internal.h"
#include "vmalloc_tests.h"

void test_vmap_and_ioremap(void **state)
{
	struct page *pages[5];
	unsigned long before;
	char *m, *io;
	struct vm_struct *vm;
	unsigned int i;

	(void)state;
	for (i = 0; i < 5; i++)
		pages[i] = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL);
	before = settled_free() + vmalloc_meta_pages();
	m = vmap(pages, 5, 0, PAGE_KERNEL_RO);
	assert_non_null(m);
	CHECK();
	for (i = 0; i < 5; i++)
		assert_ptr_equal(vmalloc_to_page(m + i * P), pages[i]);
	assert_int_equal(host_kpt_prot(A(m)), PAGE_KERNEL_RO);
	vm = find_vm_area(m);
	assert_non_null(vm);
	assert_true(vm->flags & VM_MAP);
	assert_int_equal(vm->nr_pages, 5);
	assert_int_equal(get_vm_area_size(vm), 5 * P);
	vunmap(m);
	CHECK();
	/* vmap's frames stay the caller's */
	assert_int_equal(settled_free() + vmalloc_meta_pages(), before);
	assert_null(vmalloc_to_page(m));

	io = ioremap(0x10001234, 0x2000);	/* crosses into a third page */
	assert_non_null(io);
	assert_int_equal(A(io) & ~PAGE_MASK, 0x234);
	assert_int_equal(vmalloc_to_pfn(io), 0x10001);
	assert_int_equal(vmalloc_to_pfn(io + 0x2000), 0x10003);
	assert_null(vmalloc_to_page(io));	/* not RAM */
	vm = find_vm_area((void *)(A(io) & PAGE_MASK));
	assert_non_null(vm);
	assert_int_equal(vm->phys_addr, 0x10001000);
	assert_int_equal(vm->nr_pages, 3);
	CHECK();
	iounmap(io);
	CHECK();
	for (i = 0; i < 5; i++)
		__free_page(pages[i]);
}

/* Stacks: upper half of a THREAD_ALIGN block mapped, guard half and top page not. */
void test_thread_stack_layout(void **state)
{
	char *s;
	unsigned long i;

	(void)state;
	s = alloc_thread_stack();
	assert_non_null(s);
	CHECK();
	assert_int_equal((A(s) - THREAD_SIZE) & (THREAD_ALIGN - 1), 0);
	assert_true(A(s) & THREAD_SIZE);	/* what entry.S's check relies on */
	for (i = 0; i < THREAD_SIZE; i += P) {
		assert_non_null(vmalloc_to_page(s + i));
		assert_null(vmalloc_to_page(s - THREAD_SIZE + i));
	}
	assert_null(vmalloc_to_page(s + THREAD_SIZE));
	vfree(s + P);
	free_thread_stack(s);
	CHECK();
	assert_int_equal(stats().nr_busy, 0);
}

/*
 * A kernel stack is flushed from every TLB when it is mapped, because the
 * trap entry pushes onto it and must never fault (arch/riscv/entry.S);
 * other new mappings are left to the spurious-fault repair.
 */
void test_thread_stack_flushed(void **state)
{
	unsigned long flushes = kernel_tlb_flushes();
	char *v, *s;

	(void)state;
	v = vmalloc(2 * P);
	assert_non_null(v);
	assert_int_equal(host_kpt_unflushed_new(A(v), A(v) + 2 * P), 2);
	assert_int_equal(kernel_tlb_flushes(), flushes);
	s = alloc_thread_stack();
	assert_non_null(s);
	CHECK();
	assert_int_equal(host_kpt_unflushed_new(A(s), A(s) + THREAD_SIZE), 0);
	assert_int_equal(kernel_tlb_flushes(), flushes + 1);
	assert_int_equal(host_kpt_unflushed_new(A(v), A(v) + 2 * P), 2);
	free_thread_stack(s);
	vfree(v);
	CHECK();
}

/* Two RAM banks with a hole between them, all lowmem; slab and vmalloc on top. */
static void boot_two_banks(void)
{
	struct harness_cfg cfg;

	teardown(NULL);
	harness_cfg_simple(&cfg, 0, 0);
	cfg.ram[0].base = HARNESS_RAM_BASE;
	cfg.ram[0].size = 32 * MIB;
	cfg.ram[1].base = HARNESS_RAM_BASE + 48 * MIB;
	cfg.ram[1].size = 16 * MIB;
	cfg.nr_ram = 2;
	cfg.lowmem_end = HARNESS_RAM_BASE + 64 * MIB;
	cfg.debug = true;
	assert_int_equal(harness_boot(&cfg), 0);
	kmem_cache_init();
	vmalloc_reset();
	host_pgtable_reset();
	vmalloc_init();
	CHECK();
}

/* vmap of an array with one bad entry: refused with the caller, nothing mapped or kept. */
static void expect_vmap_refused(struct page **pages, unsigned int n, const char *why)
{
	unsigned long budget = frame_budget(), objects = object_budget();
	unsigned long failures = stats().failures, busy = stats().nr_busy;

	host_log_reset();
	assert_null(vmap(pages, n, 0, PAGE_KERNEL));
	assert_true(host_log_contains("vmap: pages[1] "));
	assert_true(host_log_contains(why));
	assert_true(host_log_contains("nothing mapped, caller "));
	assert_int_equal(host_log_errors(), 1);
	assert_int_equal(stats().failures, failures + 1);
	assert_int_equal(stats().nr_busy, busy);
	assert_int_equal(pgtable_count_present(&init_mm, VMALLOC_START, VMALLOC_END), 0);
	CHECK();
	assert_int_equal(frame_budget(), budget);
	assert_int_equal(object_budget(), objects);
}

/* vmap checks every pages[i]: NULL, not a descriptor of mem_map, a hole frame. */
void test_vmap_bad_pages(void **state)
{
	struct page fake, *pages[3];
	unsigned long hole = PFN_DOWN(HARNESS_RAM_BASE + 40 * MIB);
	char *m;

	(void)state;
	boot_two_banks();
	pages[0] = alloc_page(GFP_KERNEL);
	pages[2] = alloc_page(GFP_KERNEL);
	assert_non_null(pages[0]);
	assert_non_null(pages[2]);

	pages[1] = NULL;
	expect_vmap_refused(pages, 3, "is NULL");
	pages[1] = &fake;
	expect_vmap_refused(pages, 3, "is not a struct page of mem_map");
	pages[1] = (struct page *)((char *)pages[0] + 1);	/* inside a descriptor */
	expect_vmap_refused(pages, 3, "is not a struct page of mem_map");
	if (pfn_valid(hole)) {		/* a flat mem_map describes the hole too */
		pages[1] = pfn_to_page(hole);
		expect_vmap_refused(pages, 3, "is a frame of no RAM bank");
	}
	/* the same frames with a good middle entry map */
	pages[1] = pages[0];
	m = vmap(pages, 3, 0, PAGE_KERNEL);
	assert_non_null(m);
	assert_ptr_equal(vmalloc_to_page(m + P), pages[0]);
	vunmap(m);
	CHECK();
	__free_page(pages[0]);
	__free_page(pages[2]);
}

/*
 * ioremap refuses RAM (any frame of the range, lowmem or highmem) with a
 * warning naming the caller; device memory right next to RAM maps.
 */
void test_ioremap_refuses_ram(void **state)
{
	phys_addr_t ram_end = HARNESS_RAM_BASE + 80 * MIB;	/* setup: 64 + 16 MiB */
	unsigned long failures = stats().failures;
	char *io;

	(void)state;
	host_log_reset();
	assert_null(ioremap(HARNESS_RAM_BASE + 0x1040, 64));
	assert_true(host_log_contains("ioremap: refusing 0x80001040-0x80001080: RAM"));
	assert_true(host_log_contains("caller "));
	assert_null(ioremap(ram_end - 0x100, 0x200));		/* ends past RAM */
	assert_null(ioremap(HARNESS_RAM_BASE - 0x100, 0x200));	/* starts before it */
	assert_null(ioremap(HARNESS_RAM_BASE + 70 * MIB, P));	/* highmem is RAM too */
	assert_int_equal(host_log_warnings(), 4);
	assert_int_equal(stats().failures, failures + 4);
	assert_int_equal(stats().nr_busy, 0);
	CHECK();
	io = ioremap(ram_end, P);
	assert_non_null(io);
	assert_int_equal(vmalloc_to_pfn(io), PFN_DOWN(ram_end));
	iounmap(io);
	io = ioremap(HARNESS_RAM_BASE - P, P);
	assert_non_null(io);
	iounmap(io);
	CHECK();
}

/* ioremap stays inside Sv32's 34-bit physical space: no wrap through the PPN, no overflow. */
void test_ioremap_bounds(void **state)
{
	unsigned long failures = stats().failures;
	char *io;

	(void)state;
	host_log_reset();
	assert_null(ioremap(PTE_PHYS_LIMIT, P));
	assert_null(ioremap(PTE_PHYS_LIMIT - P, 2 * P));
	assert_null(ioremap(~(phys_addr_t)0 - 0x10, 0x100));	/* phys + size wraps */
	assert_true(host_log_contains("beyond the 34-bit physical address space, caller "));
	assert_int_equal(host_log_warnings(), 3);
	assert_int_equal(stats().failures, failures + 3);
	assert_int_equal(stats().nr_busy, 0);
	CHECK();
	io = ioremap(PTE_PHYS_LIMIT - P + 0x10, P - 0x10);	/* the last frame */
	assert_non_null(io);
	assert_int_equal(vmalloc_to_pfn(io), PFN_DOWN(PTE_PHYS_LIMIT) - 1);
	iounmap(io);
	CHECK();
}
