// SPDX-License-Identifier: MIT
/*
 * Host tests of the vmalloc area allocator and API (mm/vmap_area.c,
 * mm/vmalloc.c, mm/vmalloc_report.c) on the real buddy allocator booted
 * on a host arena (buddy_harness.c) and the real slab allocator on it
 * (the descriptors' cache), with the real page tables (mm/pgtable.c)
 * and a model of the TLB (host_tlb.h: reusing an address before its TLB
 * flush aborts). vmalloc_check() runs after every operation.
 *
 * Frames are never touched through vmalloc addresses here (they do not
 * exist on the host): tests look through vmalloc_to_page() at the frames.
 */
#include "vmalloc_tests.h"

static void test_init_one_free_range(void **state)
{
	struct vmalloc_stats st = stats();

	(void)state;
	assert_int_equal(st.nr_busy, 0);
	assert_int_equal(st.nr_free, 1);
	assert_int_equal(st.free_bytes, RANGE);
	assert_int_equal(st.largest_free, RANGE);
	assert_int_equal(st.pgtable_pages, 0);
	assert_false(is_vmalloc_addr((void *)(VMALLOC_START - 1)));
	assert_true(is_vmalloc_addr((void *)VMALLOC_START));
	assert_false(is_vmalloc_addr((void *)VMALLOC_END));
}

/* Lowest fit first; an area's guard page keeps its neighbour one page away. */
static void test_first_fit(void **state)
{
	void *a, *b, *c, *d, *e;

	(void)state;
	a = vmalloc(P);
	CHECK();
	b = vmalloc(3 * P);
	CHECK();
	c = vmalloc(P);
	CHECK();
	assert_int_equal(A(a), VMALLOC_START);
	assert_int_equal(A(b), VMALLOC_START + 2 * P);
	assert_int_equal(A(c), VMALLOC_START + 6 * P);
	vfree(b);
	CHECK();
	/* b's range waits for the purge: the next fit is above c */
	d = vmalloc(P);
	assert_int_equal(A(d), VMALLOC_START + 8 * P);
	vfree(d);
	vm_unmap_aliases();
	CHECK();
	/* the 4-page hole takes a 1-page area, and then has 2 pages left */
	d = vmalloc(P);
	assert_int_equal(A(d), VMALLOC_START + 2 * P);
	e = vmalloc(2 * P);	/* needs 3 pages: not in the hole */
	assert_int_equal(A(e), VMALLOC_START + 8 * P);
	CHECK();
	vfree(e);
	e = vmalloc(P);		/* fits the 2 pages left exactly */
	assert_int_equal(A(e), VMALLOC_START + 4 * P);
	CHECK();
	vfree(a);
	vfree(c);
	vfree(d);
	vfree(e);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 1);
}

/* Aligned requests: the lowest aligned address, the gap below stays free. */
static void test_alignment(void **state)
{
	static const unsigned long aligns[] = { 64 << 10, MIB, 4 * MIB, 32 * MIB };
	void *first, *p[4];
	unsigned int i;

	(void)state;
	first = vmalloc(P);
	assert_int_equal(A(first), VMALLOC_START);
	for (i = 0; i < 4; i++) {
		p[i] = __vmalloc_node(P, aligns[i], GFP_KERNEL, NUMA_NO_NODE, NULL);
		assert_non_null(p[i]);
		assert_int_equal(A(p[i]) & (aligns[i] - 1), 0);
		CHECK();
	}
	assert_int_equal(A(p[0]), VMALLOC_START + (64 << 10));
	assert_int_equal(A(p[1]), VMALLOC_START + MIB);
	assert_int_equal(A(p[2]), VMALLOC_START + 4 * MIB);
	assert_int_equal(A(p[3]), VMALLOC_START + 32 * MIB);
	/* a small request still finds the lowest gap */
	assert_int_equal(A(vmalloc(P)), VMALLOC_START + 2 * P);
	/* 512 MiB alignment: only VMALLOC_START itself, which is busy */
	assert_null(__vmalloc_node(P, 512 * MIB, GFP_KERNEL, NUMA_NO_NODE, NULL));
	/* 1 GiB and beyond: no aligned address in the range at all */
	assert_null(__vmalloc_node(P, 1UL << 30, GFP_KERNEL, NUMA_NO_NODE, NULL));
	assert_null(__vmalloc_node(P, 1UL << 31, GFP_KERNEL, NUMA_NO_NODE, NULL));
	/* not a power of two */
	assert_null(__vmalloc_node(P, 3 * P, GFP_KERNEL, NUMA_NO_NODE, NULL));
	/* below a page: a page */
	assert_non_null(__vmalloc_node(P, 8, GFP_KERNEL, NUMA_NO_NODE, NULL));
	CHECK();
}

/* The exact search beyond the conservative one: a small aligned hole is found. */
static void test_alignment_exact_small_hole(void **state)
{
	struct vm_struct *below, *hole, *above;
	void *p;

	(void)state;
	/* [START, +1M) busy, hole [1M, 1M + 64K), then busy up to the end */
	below = get_vm_area(MIB - P, 0);
	hole = get_vm_area((64 << 10) - P, 0);
	above = get_vm_area(RANGE - MIB - (64 << 10) - P, 0);
	assert_non_null(below);
	assert_non_null(hole);
	assert_non_null(above);
	assert_int_equal(stats().nr_free, 0);
	free_vm_area(hole);
	vm_unmap_aliases();
	CHECK();
	/* 64 KiB aligned, 64 KiB long: only the hole, exactly */
	p = __vmalloc_node((64 << 10) - P, 64 << 10, GFP_KERNEL, NUMA_NO_NODE, NULL);
	assert_int_equal(A(p), VMALLOC_START + MIB);
	CHECK();
	vfree(p);
	free_vm_area(below);
	free_vm_area(above);
	vm_unmap_aliases();
	CHECK();
}

/* A freed range merges with a free neighbour below, above, both, or none. */
static void test_merge_neighbours(void **state)
{
	void *a[6];
	unsigned int i;

	(void)state;
	for (i = 0; i < 6; i++)
		a[i] = vmalloc(P);
	assert_int_equal(stats().nr_free, 1);	/* the tail */
	vfree(a[1]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 2);	/* no neighbour: a new range */
	vfree(a[2]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 2);	/* merged below */
	vfree(a[4]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 3);
	vfree(a[5]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 2);	/* merged with the tail above */
	vfree(a[3]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 1);	/* both sides */
	vfree(a[0]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().nr_free, 1);
	assert_int_equal(stats().largest_free, RANGE);
}

/* Every other 1 MiB area freed: holes too small for 2 MiB; then the range runs out. */
static void test_fragmentation_then_exhaustion(void **state)
{
	enum { N = (int)(RANGE / (MIB + P)) };
	static struct vm_struct *areas[N];
	unsigned long budget = frame_budget();
	struct vm_struct *extra;
	unsigned int i, n = 0;

	(void)state;
	for (i = 0; i < N; i++) {
		areas[i] = get_vm_area(MIB, 0);
		if (!areas[i])
			break;
		n++;
	}
	assert_int_equal(n, N);
	CHECK();
	for (i = 0; i < n; i += 2)
		free_vm_area(areas[i]);
	vm_unmap_aliases();
	CHECK();
	assert_int_equal(stats().largest_free, MIB + P);
	assert_null(get_vm_area(2 * MIB, 0));
	assert_null(vmalloc(MIB + P));
	CHECK();
	/* each hole holds one more 1 MiB area exactly; the tail takes the rest */
	for (i = 0; i < n; i += 2) {
		areas[i] = get_vm_area(MIB, 0);
		assert_non_null(areas[i]);
	}
	assert_int_equal(stats().largest_free, RANGE - N * (MIB + P));
	assert_int_equal(stats().nr_free, 1);
	extra = get_vm_area(stats().largest_free - P, 0);
	assert_non_null(extra);
	CHECK();
	assert_int_equal(stats().nr_free, 0);
	assert_null(get_vm_area(P, 0));
	assert_null(vmalloc(P));
	assert_null(alloc_thread_stack());
	CHECK();
	free_vm_area(extra);
	for (i = 0; i < n; i++)
		free_vm_area(areas[i]);
	assert_int_equal(frame_budget(), budget);
	CHECK();
	assert_int_equal(stats().nr_free, 1);
}

/* vmalloc maps distinct frames, highmem ones first, and no guard page. */
static void test_vmalloc_frames(void **state)
{
	unsigned long budget = frame_budget();
	struct page *pages[8];
	void *p;
	unsigned int i, j;

	(void)state;
	p = vzalloc(8 * P);
	assert_non_null(p);
	CHECK();
	for (i = 0; i < 8; i++) {
		pages[i] = vmalloc_to_page((char *)p + i * P + 123);
		assert_non_null(pages[i]);
		assert_int_equal(page_ref_count(pages[i]), 1);
		assert_true(PageHighMem(pages[i]));	/* vmalloc is how the kernel uses highmem */
		for (j = 0; j < i; j++)
			assert_ptr_not_equal(pages[i], pages[j]);
	}
	assert_null(vmalloc_to_page((char *)p + 8 * P));	/* the guard */
	assert_int_equal(host_kpt_prot(A(p)), PAGE_KERNEL);
	assert_int_equal(stats().vmalloc_pages, 8);
	vfree(p);
	CHECK();
	/* frames come back at once; the range waits for the purge */
	assert_int_equal(settled_free() + vmalloc_meta_pages(), budget);
	assert_int_equal(stats().vmalloc_pages, 0);
	assert_int_equal(stats().nr_lazy, 1);
	assert_int_equal(host_kpt_stale_pages(), 8);
	vm_unmap_aliases();
	assert_int_equal(host_kpt_stale_pages(), 0);
	CHECK();
}

/* vzalloc's frames are zero (freed frames are poisoned: page_alloc_debug). */
static void test_vzalloc_zeroes(void **state)
{
	const u8 *b;
	void *p;
	unsigned long i, j;

	(void)state;
	teardown(NULL);
	boot_mib(16, 0);	/* lowmem only: the frames are readable through __va */
	vfree(vmalloc(4 * P));
	vm_unmap_aliases();
	p = vzalloc(4 * P);
	assert_non_null(p);
	for (i = 0; i < 4; i++) {
		b = page_address(vmalloc_to_page((char *)p + i * P));
		for (j = 0; j < P; j++)
			assert_int_equal(b[j], 0);
	}
	p = vmalloc(P);		/* without __GFP_ZERO: poison shows */
	b = page_address(vmalloc_to_page(p));
	assert_int_equal(b[0], PAGE_POISON);
	CHECK();
}

/* vfree does not flush; the threshold batches a purge; no reuse before it. */
static void test_lazy_purge_threshold(void **state)
{
	unsigned long flushes = kernel_tlb_flushes();
	void *first;
	unsigned int i;

	(void)state;
	vmalloc_set_lazy_max(64 << 10);
	first = vmalloc(P);
	vfree(first);
	for (i = 0; i < 7; i++)		/* 8 areas of 8 KiB: at the threshold, not past it */
		vfree(vmalloc(P));
	CHECK();
	assert_int_equal(kernel_tlb_flushes(), flushes);
	assert_int_equal(stats().nr_lazy, 8);
	assert_int_equal(stats().lazy_bytes, 64 << 10);
	vfree(vmalloc(P));		/* past it: one flush for all nine */
	CHECK();
	assert_int_equal(kernel_tlb_flushes(), flushes + 1);
	assert_int_equal(stats().nr_lazy, 0);
	assert_int_equal(stats().purges, 1);
	assert_int_equal(host_kpt_stale_pages(), 0);
	/* flushed: first fit hands the lowest address out again */
	assert_ptr_equal(vmalloc(P), first);
	CHECK();
}

/* With the range full of lazy areas an allocation purges and succeeds. */
static void test_purge_on_exhaustion(void **state)
{
	struct vm_struct *big;
	void *p;

	(void)state;
	vmalloc_set_lazy_max(RANGE);
	big = get_vm_area(RANGE - P, 0);
	assert_non_null(big);
	assert_int_equal(stats().nr_free, 0);
	free_vm_area(big);
	CHECK();
	assert_int_equal(stats().nr_lazy, 1);
	p = vmalloc(16 * P);
	assert_int_equal(A(p), VMALLOC_START);
	assert_int_equal(stats().purges, 1);
	CHECK();
}

/* In interrupt context vfree only queues; its work item finishes the job. */
static void test_vfree_in_interrupt_deferred(void **state)
{
	unsigned long budget = frame_budget(), objects = object_budget();
	void *p, *q;

	(void)state;
	p = vmalloc(4 * P);
	hardirq_nesting = 1;
	assert_true(in_interrupt());
	vfree(p);
	assert_int_equal(stats().nr_deferred, 1);
	assert_int_equal(stats().vmalloc_pages, 4);	/* nothing unmapped yet */
	CHECK();
	vfree(p);					/* double free, even deferred */
	assert_int_equal(stats().bad_frees, 1);
	q = __vmalloc(P, GFP_ATOMIC);			/* allocation works in irq */
	assert_non_null(q);
	vfree(q);
	assert_int_equal(stats().nr_deferred, 2);
	hardirq_nesting = 0;
	CHECK();
	vfree(vmalloc(P));			/* a vmalloc call no longer drains the queue */
	assert_int_equal(stats().nr_deferred, 2);
	host_run_work();			/* the worker that the first vfree queued does */
	assert_int_equal(stats().nr_deferred, 0);
	assert_int_equal(stats().vmalloc_pages, 0);
	CHECK();
	assert_int_equal(frame_budget(), budget);
	assert_int_equal(object_budget(), objects);
}

/* Bad pointers: reported with the caller, counted, nothing changes. */
static void test_bad_frees(void **state)
{
	static int not_vmalloc;
	struct vm_struct *bare;
	char *p;
	void *m, *io;
	struct page *pg = alloc_page(GFP_KERNEL);

	(void)state;
	p = vmalloc(2 * P);
	m = vmap(&pg, 1, 0, PAGE_KERNEL);
	io = ioremap(0x10000010, 8);
	bare = get_vm_area(P, 0);
	host_log_reset();
	vfree(p + 1);
	assert_true(host_log_contains("is not page aligned"));
	vfree(p + P);
	assert_true(host_log_contains("is inside an area, not its start"));
	vfree(&not_vmalloc);
	assert_true(host_log_contains("is not a vmalloc address"));
	vfree((void *)(VMALLOC_END - P));
	assert_true(host_log_contains("is not the start of an area"));
	vunmap(p);
	vfree(m);
	vfree(io);
	iounmap(m);
	free_vm_area((struct vm_struct *)find_vm_area(m));
	free_thread_stack(p);
	assert_true(host_log_contains("belongs to another kind of area"));
	assert_true(host_log_contains("caller 0x"));
	assert_int_equal(stats().bad_frees, 10);
	assert_int_equal(host_log_errors(), 10);
	CHECK();
	assert_int_equal(stats().nr_busy, 4);
	vfree(p);
	vunmap(m);
	iounmap(io);
	free_vm_area(bare);
	CHECK();
	vfree(p);
	assert_true(host_log_contains("was already freed"));
	vm_unmap_aliases();
	vunmap(m);
	assert_int_equal(stats().bad_frees, 12);
	vfree(NULL);
	vunmap(NULL);
	iounmap(NULL);
	assert_int_equal(stats().bad_frees, 12);
	assert_int_equal(stats().nr_busy, 0);
	__free_page(pg);
	CHECK();
}

static void test_bad_sizes(void **state)
{
	(void)state;
	host_log_reset();
	assert_null(vmalloc(0));
	assert_true(host_log_contains("zero size"));
	assert_null(vmalloc(RANGE + 1));
	assert_null(vzalloc(~0UL));
	assert_true(host_log_contains("larger than the range"));
	assert_null(__vmalloc(~0UL - 10, GFP_KERNEL | __GFP_NOWARN));
	assert_null(vmap(NULL, 1, 0, PAGE_KERNEL));
	assert_null(ioremap(0x10000000, 0));
	assert_null(get_vm_area(0, 0));
	assert_int_equal(stats().failures, 7);
	assert_int_equal(host_log_errors(), 0);	/* failures are warnings */
	/* the whole range minus the guard page fits exactly once */
	assert_non_null(get_vm_area(RANGE - P, 0));
	assert_null(get_vm_area(P, 0));
	CHECK();
}

/* Out of frames (not of range): NULL, and every frame and range comes back. */
static void test_out_of_frames(void **state)
{
	unsigned long budget, objects;
	void *p;

	(void)state;
	teardown(NULL);
	boot_mib(8, 0);
	budget = frame_budget();
	objects = object_budget();
	p = vmalloc(16 * MIB);
	assert_null(p);
	CHECK();
	assert_int_equal(frame_budget(), budget);
	assert_int_equal(object_budget(), objects);
	assert_int_equal(stats().nr_busy, 0);
	assert_int_equal(stats().vmalloc_pages, 0);
	/* a smaller one still works afterwards */
	p = vmalloc(MIB);
	assert_non_null(p);
	vfree(p);
	assert_int_equal(frame_budget(), budget);
	CHECK();
}

/*
 * Page allocation failures anywhere (frames, tables, slabs) and failing
 * descriptor allocations (failslab), aligned requests included so that
 * splits need the preload: clean NULLs, nothing left behind.
 */
static void test_fault_injection(void **state)
{
	enum { SLOTS = 32 };
	void *slot[SLOTS] = { 0 };
	unsigned long budget = frame_budget(), objects = object_budget(), nulls = 0;
	struct prng rng;
	unsigned int i;

	(void)state;
	prng_seed(&rng, 99);
	fail_page_alloc_seed(7);
	fail_page_alloc_set_probability(20);
	slab_set_fail_probability(20, 11);
	for (i = 0; i < 3000; i++) {
		unsigned int s = prng_below(&rng, SLOTS);

		if (slot[s]) {
			vfree(slot[s]);
			slot[s] = NULL;
		} else {
			slot[s] = __vmalloc_node((prng_below(&rng, 40) + 1) * P,
						 P << prng_below(&rng, 6),
						 GFP_KERNEL | __GFP_NOWARN, NUMA_NO_NODE, NULL);
			nulls += !slot[s];
		}
		if (i % 16 == 0)
			vm_unmap_aliases();
		CHECK();
	}
	fail_page_alloc_set_probability(0);
	slab_set_fail_probability(0, 0);
	assert_true(nulls > 0);
	for (i = 0; i < SLOTS; i++)
		vfree(slot[i]);
	assert_int_equal(frame_budget(), budget);
	assert_int_equal(object_budget(), objects);
	assert_int_equal(stats().vmalloc_pages, 0);
	CHECK();
}

/*
 * Descriptors are objects of the "vmap_area" cache: one per area, free and
 * lazy range, plus the preloaded one. The first allocation fills the
 * preload; a split consumes it; the next allocation refills it.
 */
static void test_descriptors_from_cache(void **state)
{
	struct kmem_cache *c = kmem_cache_find("vmap_area");
	unsigned long objs0 = slab_objects_in_use();
	void *a, *b, *d;

	(void)state;
	assert_non_null(c);
	assert_int_equal(kmem_cache_size(c), sizeof(struct vmap_area));
	assert_int_equal(stats().meta_objects, 1);	/* the range; no preload yet */
	assert_true(stats().meta_pages >= 1);
	a = vmalloc(P);		/* shrinks the free range: no split */
	assert_int_equal(stats().meta_objects, 2);	/* the range and the preload */
	assert_int_equal(slab_objects_in_use(), objs0 + 2);
	b = __vmalloc_node(P, 64 << 10, GFP_KERNEL, NUMA_NO_NODE, NULL);	/* splits */
	assert_int_equal(A(b), VMALLOC_START + (64 << 10));
	assert_int_equal(stats().nr_free, 2);
	assert_int_equal(stats().meta_objects, 2);	/* two ranges, the preload used */
	assert_int_equal(slab_objects_in_use(), objs0 + 3);	/* a, b, the upper range */
	CHECK();
	d = vmalloc(P);		/* the lower hole; the preload is refilled first */
	assert_int_equal(A(d), VMALLOC_START + 2 * P);
	assert_int_equal(stats().meta_objects, 3);
	assert_int_equal(slab_objects_in_use(), objs0 + 5);
	CHECK();
	vfree(a);
	vfree(b);
	vfree(d);
	assert_int_equal(stats().nr_lazy, 3);
	assert_int_equal(slab_objects_in_use(), objs0 + 5);	/* 3 lazy, a range, preload */
	vm_unmap_aliases();	/* merging gives all but the range back to the cache */
	assert_int_equal(stats().meta_objects, 2);
	assert_int_equal(slab_objects_in_use(), objs0 + 1);
	CHECK();
}

/* failslab at 100%: every call that needs a descriptor fails and changes nothing. */
static void test_no_descriptor(void **state)
{
	unsigned long budget = frame_budget(), objects = object_budget();
	struct page *pg = alloc_page(GFP_KERNEL);
	void *p;

	(void)state;
	p = vmalloc(P);		/* fills the preload, then goes */
	vfree(p);
	slab_set_fail_probability(100, 1);
	assert_null(vmalloc(P));
	assert_null(__vmalloc_node(P, MIB, GFP_ATOMIC | __GFP_NOWARN, NUMA_NO_NODE, NULL));
	assert_null(vmap(&pg, 1, 0, PAGE_KERNEL));
	assert_null(ioremap(0x10000000, P));
	assert_null(get_vm_area(P, 0));
	assert_null(alloc_thread_stack());
	CHECK();
	assert_int_equal(stats().nr_busy, 0);
	assert_int_equal(stats().vmalloc_pages, 0);
	assert_int_equal(stats().failures, 6);
	slab_set_fail_probability(0, 0);
	p = vmalloc(P);
	assert_non_null(p);
	vfree(p);
	__free_page(pg);
	assert_int_equal(frame_budget(), budget);
	assert_int_equal(object_budget(), objects);
	CHECK();
}

/* vmalloc_check notices corrupted state (and the test puts it back). */
static void test_check_detects_corruption(void **state)
{
	struct vmap_area *va;
	void *p, *stray;
	pte_t pte;

	(void)state;
	p = vmalloc(2 * P);
	vmalloc(P);
	va = rb_entry(busy_vmap_root.rb_node, struct vmap_area, rb_node);
	host_log_reset();
	va->vm.nr_pages++;
	assert_int_equal(vmalloc_check(), -EFAULT);
	va->vm.nr_pages--;
	CHECK();
	va->va_end += P;
	assert_int_equal(vmalloc_check(), -EFAULT);
	va->va_end -= P;
	CHECK();
	pte = ptep_get_and_clear(&init_mm, A(p), host_kpte(A(p)));
	assert_int_equal(vmalloc_check(), -EFAULT);
	assert_true(host_log_contains("of its 2 pages mapped"));
	set_pte(host_kpte(A(p)), pte);
	CHECK();
	/* a descriptor taken from the cache behind vmalloc's back: one too many */
	stray = kmem_cache_alloc(kmem_cache_find("vmap_area"), GFP_KERNEL);
	assert_int_equal(vmalloc_check(), -EFAULT);
	assert_true(host_log_contains("objects of the cache in use"));
	kmem_cache_free(kmem_cache_find("vmap_area"), stray);
	CHECK();
}

/* /proc/vmallocinfo lines, in address order, lazy areas as unpurged. */
static void test_vmallocinfo_layout(void **state)
{
	struct page *pg = alloc_page(GFP_KERNEL);
	void *p, *m, *io, *dead;

	(void)state;
	p = vmalloc(3 * P);
	m = vmap(&pg, 1, 0, PAGE_KERNEL);
	io = ioremap(0x10000000, 0x100);
	dead = vmalloc(P);
	vfree(dead);
	host_log_reset();
	vmalloc_report();
	assert_true(host_log_contains("@vmalloc areas=3 bytes=32768 "));
	assert_true(host_log_contains("0xe0000000-0xe0004000   16384 0x"));
	assert_true(host_log_contains(" pages=3 vmalloc\n"));
	assert_true(host_log_contains("0xe0004000-0xe0006000    8192 0x"));
	assert_true(host_log_contains(" pages=1 vmap\n"));
	assert_true(host_log_contains(" phys=0x10000000 ioremap\n"));
	assert_true(host_log_contains("0xe0008000-0xe000a000    8192 unpurged vm_area\n"));
	vfree(p);
	vunmap(m);
	iounmap(io);
	__free_page(pg);
	CHECK();
}

/*
 * Random operations against a model: each live area remembers its frames,
 * which must stay where they are; vmalloc_check after every step; at the
 * end everything is returned.
 */
static void test_random_ops(void **state)
{
	enum { SLOTS = 48, OPS = 4000 };
	struct {
		char *addr;
		unsigned int kind, pages;
		struct page *first, *last;
	} s[SLOTS];
	unsigned long budget = frame_budget(), objects = object_budget();
	struct prng rng;
	unsigned int op, i;

	(void)state;
	memset(s, 0, sizeof(s));
	prng_seed(&rng, 2024);
	vmalloc_set_lazy_max(256 << 10);
	for (op = 0; op < OPS; op++) {
		unsigned int k = prng_below(&rng, SLOTS), r = prng_below(&rng, 100);

		if (s[k].addr) {
			/* the frames have not moved */
			if (s[k].kind == 0) {
				assert_ptr_equal(vmalloc_to_page(s[k].addr), s[k].first);
				assert_ptr_equal(vmalloc_to_page(s[k].addr + (s[k].pages - 1) * P),
						 s[k].last);
			}
			if (r < 10)
				hardirq_nesting = 1;
			if (s[k].kind == 0)
				vfree(s[k].addr);
			else if (s[k].kind == 1)
				free_thread_stack(s[k].addr);
			else
				free_vm_area(find_vm_area(s[k].addr));
			hardirq_nesting = 0;
			s[k].addr = NULL;
		} else if (r < 70) {
			unsigned int pages = prng_below(&rng, 64) + 1;
			unsigned long align = P << prng_below(&rng, r < 20 ? 12 : 1);

			s[k].addr = __vmalloc_node(pages * P, align, GFP_KERNEL, NUMA_NO_NODE, NULL);
			assert_non_null(s[k].addr);
			assert_int_equal(A(s[k].addr) & (align - 1), 0);
			s[k].kind = 0;
			s[k].pages = pages;
			s[k].first = vmalloc_to_page(s[k].addr);
			s[k].last = vmalloc_to_page(s[k].addr + (pages - 1) * P);
		} else if (r < 80) {
			s[k].addr = alloc_thread_stack();
			s[k].kind = 1;
			assert_non_null(s[k].addr);
		} else if (r < 95) {
			struct vm_struct *vm = get_vm_area((prng_below(&rng, 2000) + 1) * P, 0);

			assert_non_null(vm);
			s[k].addr = vm->addr;
			s[k].kind = 2;
		} else if (r < 98) {
			vm_unmap_aliases();
		} else {
			/* the reaper, or a shrink, takes slabs from under the descriptors */
			if (r == 98)
				slab_reap();
			else
				kmem_cache_shrink_all();
		}
		CHECK();
	}
	for (i = 0; i < SLOTS; i++) {
		if (!s[i].addr)
			continue;
		if (s[i].kind == 0)
			vfree(s[i].addr);
		else if (s[i].kind == 1)
			free_thread_stack(s[i].addr);
		else
			free_vm_area(find_vm_area(s[i].addr));
	}
	assert_int_equal(frame_budget(), budget);
	assert_int_equal(object_budget(), objects);
	assert_int_equal(stats().nr_free, 1);
	assert_int_equal(stats().bad_frees, 0);
	CHECK();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_init_one_free_range),
		T(test_first_fit),
		T(test_alignment),
		T(test_alignment_exact_small_hole),
		T(test_merge_neighbours),
		T(test_fragmentation_then_exhaustion),
		T(test_vmalloc_frames),
		T(test_vzalloc_zeroes),
		T(test_lazy_purge_threshold),
		T(test_purge_on_exhaustion),
		T(test_vfree_in_interrupt_deferred),
		T(test_bad_frees),
		T(test_bad_sizes),
		T(test_out_of_frames),
		T(test_fault_injection),
		T(test_descriptors_from_cache),
		T(test_no_descriptor),
		T(test_vmap_and_ioremap),
		T(test_thread_stack_layout),
		T(test_thread_stack_flushed),
		T(test_vmap_bad_pages),
		T(test_ioremap_refuses_ram),
		T(test_ioremap_bounds),
		T(test_check_detects_corruption),
		T(test_vmallocinfo_layout),
		T(test_random_ops),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
