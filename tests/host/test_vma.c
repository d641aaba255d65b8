// SPDX-License-Identifier: MIT
/*
 * Host tests of the regions (see vma_tests.h): the harness, main(), and
 * the tree, merge, split, munmap, mprotect, get_unmapped_area, MAP_FIXED
 * and max_map_count cases.
 */
#include "vma_tests.h"

struct mm_struct *tmm;
static unsigned long base_free, base_objects;

int vma_setup(void **state)
{
	struct slab_harness_cfg cfg = { .low_mib = 32 };

	mm_reset();
	assert_int_equal(slab_harness_boot(&cfg), 0);
	proc_caches_init();
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	kmem_cache_shrink_all();
	base_free = nr_free_pages();
	base_objects = slab_objects_in_use();
	tmm = mm_alloc();
	assert_non_null(tmm);
	assert_int_equal(nr_mms(), 1);
	CHECK();
	return 0;
}

int vma_teardown(void **state)
{
	CHECK();
	mmput(tmm);
	assert_int_equal(nr_mms(), 0);
	assert_int_equal(slab_objects_in_use(), base_objects);
	kmem_cache_shrink_all();
	assert_int_equal(nr_free_pages(), base_free);
	assert_int_equal(slab_check(), 0);
	slab_harness_teardown();
	mm_reset();
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	return 0;
}

unsigned long map_fixed(unsigned long i, unsigned long n, unsigned long prot)
{
	long r = do_mmap(tmm, A(i), n * P, prot, FIXED, 0);

	assert_int_equal(r, (long)A(i));
	CHECK();
	return (unsigned long)r;
}

struct vm_area_struct *region(unsigned long a)
{
	return vma_lookup(tmm, a);
}

vm_fault_t touch(unsigned long a, bool write)
{
	struct vm_area_struct *vma = vma_lookup(tmm, a);
	vm_fault_t r;

	assert_non_null(vma);
	down_read(&tmm->mmap_lock);
	r = handle_mm_fault(vma, a, write ? FAULT_FLAG_WRITE : 0, NULL);
	up_read(&tmm->mmap_lock);
	return r;
}

static void assert_region(unsigned long a, unsigned long start, unsigned long end,
			  unsigned long access)
{
	struct vm_area_struct *v = region(a);

	assert_non_null(v);
	assert_int_equal(v->vm_start, start);
	assert_int_equal(v->vm_end, end);
	assert_int_equal(v->vm_flags & VM_ACCESS_FLAGS, access);
}

static void test_tree_insert_lookup(void **state)
{
	struct vm_area_struct *v, *prev;
	unsigned long i;

	/* 200 one-page regions with one-page holes, inserted in a shuffled order */
	for (i = 0; i < 200; i++)
		map_fixed(((i * 7) % 200) * 2, 1, RW);
	assert_int_equal(tmm->map_count, 200);
	assert_int_equal(tmm->total_vm, 200);
	assert_int_equal(tmm->data_vm, 200);
	assert_int_equal(tmm->highest_vm_end, A(399));
	for (i = 0; i < 200; i++) {
		v = find_vma(tmm, A(2 * i));
		assert_non_null(v);
		assert_int_equal(v->vm_start, A(2 * i));
		v = find_vma(tmm, A(2 * i + 1));	/* in a hole: the next region */
		if (i < 199)
			assert_int_equal(v->vm_start, A(2 * i + 2));
		else
			assert_null(v);
		assert_null(vma_lookup(tmm, A(2 * i + 1)));
		assert_null(find_vma_intersection(tmm, A(2 * i + 1), A(2 * i + 2)));
		if (i < 199)
			assert_non_null(find_vma_intersection(tmm, A(2 * i + 1),
							      A(2 * i + 2) + 1));
		v = find_vma_prev(tmm, A(2 * i), &prev);
		if (i)
			assert_int_equal(prev->vm_start, A(2 * i - 2));
		else
			assert_null(prev);
	}
	assert_non_null(find_vma(tmm, 0));
	assert_int_equal(find_vma(tmm, 0)->vm_start, A(0));
	v = find_vma_prev(tmm, A(1000), &prev);
	assert_null(v);
	assert_int_equal(prev->vm_start, A(398));
	for (i = 0; i < 200; i += 2)
		assert_int_equal(do_munmap(tmm, A(2 * i), P), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 100);
}

static void test_merge_prev_next_both_neither(void **state)
{
	map_fixed(0, 4, RW);
	map_fixed(4, 4, RW);			/* extends the previous one */
	assert_int_equal(tmm->map_count, 1);
	assert_region(A(0), A(0), A(8), VM_READ | VM_WRITE);

	map_fixed(20, 4, RW);
	map_fixed(16, 4, RW);			/* extends the next one down */
	assert_int_equal(tmm->map_count, 2);
	assert_region(A(16), A(16), A(24), VM_READ | VM_WRITE);
	assert_int_equal(region(A(16))->vm_pgoff, A(16) >> PAGE_SHIFT);

	map_fixed(8, 8, RW);			/* fills the hole: all three become one */
	assert_int_equal(tmm->map_count, 1);
	assert_region(A(10), A(0), A(24), VM_READ | VM_WRITE);
	assert_int_equal(tmm->total_vm, 24);

	map_fixed(30, 2, RW);			/* neither: holes on both sides */
	assert_int_equal(tmm->map_count, 2);
	assert_region(A(30), A(30), A(32), VM_READ | VM_WRITE);
}

static void test_merge_refused(void **state)
{
	long r;

	map_fixed(0, 4, RW);
	map_fixed(4, 4, PROT_READ);		/* different rights */
	assert_int_equal(tmm->map_count, 2);
	r = do_mmap(tmm, A(8), 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0);
	assert_int_equal(r, (long)A(8));	/* shared next to private */
	CHECK();
	r = do_mmap(tmm, A(12), 4 * P, RW, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0);
	assert_int_equal(r, (long)A(12));	/* another object */
	CHECK();
	r = do_mmap(tmm, A(16), 4 * P, RW, FIXED | MAP_NORESERVE, 0);
	assert_int_equal(r, (long)A(16));	/* VM_NORESERVE differs */
	CHECK();
	assert_int_equal(tmm->map_count, 5);
	assert_int_equal(region(A(16))->vm_flags & VM_NORESERVE, VM_NORESERVE);
	assert_ptr_not_equal(region(A(8))->vm_shared, region(A(12))->vm_shared);
}

static void test_split_start_middle_end(void **state)
{
	struct vm_area_struct *v;

	map_fixed(0, 12, RW);
	v = region(A(0));
	assert_int_equal(split_vma(tmm, v, A(3), 1), 0);	/* new below */
	assert_int_equal(tmm->map_count, 2);
	assert_region(A(0), A(0), A(3), VM_READ | VM_WRITE);
	assert_region(A(3), A(3), A(12), VM_READ | VM_WRITE);
	assert_int_equal(region(A(3))->vm_pgoff, A(3) >> PAGE_SHIFT);
	assert_int_equal(tmm->total_vm, 12);
	/* a split leaves mergeable neighbours: vma_check must say so */
	assert_int_not_equal(vma_check(tmm), 0);
	assert_int_equal(do_mprotect(tmm, A(0), 3 * P, PROT_READ), 0);
	CHECK();

	/* mprotect at the start, in the middle and at the end of a region */
	assert_int_equal(do_mprotect(tmm, A(3), P, PROT_NONE), 0);	/* start */
	CHECK();
	assert_region(A(3), A(3), A(4), 0);
	assert_int_equal(do_mprotect(tmm, A(6), 2 * P, PROT_EXEC), 0);	/* middle */
	CHECK();
	assert_region(A(6), A(6), A(8), VM_EXEC);
	assert_region(A(5), A(4), A(6), VM_READ | VM_WRITE);
	assert_region(A(8), A(8), A(12), VM_READ | VM_WRITE);
	assert_int_equal(do_mprotect(tmm, A(11), P, PROT_READ), 0);	/* end */
	CHECK();
	assert_region(A(11), A(11), A(12), VM_READ);
	assert_int_equal(tmm->map_count, 6);
	assert_int_equal(tmm->exec_vm, 2);
	assert_int_equal(tmm->data_vm, 5);
	assert_int_equal(tmm->total_vm, 12);
}

static void test_munmap_hole_spanning_three(void **state)
{
	map_fixed(0, 4, RW);
	map_fixed(4, 4, PROT_READ);
	map_fixed(8, 4, PROT_READ | PROT_EXEC);
	assert_int_equal(touch(A(1), true), 0);
	assert_int_equal(touch(A(3), true), 0);
	assert_int_equal(touch(A(5), false), 0);
	assert_int_equal(touch(A(9), false), 0);
	assert_int_equal(tmm->map_count, 3);
	assert_int_equal(do_munmap(tmm, A(2), 8 * P), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 2);
	assert_region(A(0), A(0), A(2), VM_READ | VM_WRITE);
	assert_region(A(10), A(10), A(12), VM_READ | VM_EXEC);
	assert_null(find_vma_intersection(tmm, A(2), A(10)));
	assert_int_equal(tmm->total_vm, 4);
	assert_int_equal(pgtable_count_present(tmm, A(2), A(10)), 0);
	assert_int_equal(pgtable_count_present(tmm, A(0), A(2)), 1);
	/* unmapping nothing is fine */
	assert_int_equal(do_munmap(tmm, A(4), 4 * P), 0);
	CHECK();
}

static void test_mprotect_middle_and_back(void **state)
{
	map_fixed(0, 12, RW);
	assert_int_equal(touch(A(5), true), 0);
	assert_int_equal(do_mprotect(tmm, A(4), 4 * P, PROT_READ), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 3);
	assert_region(A(5), A(4), A(8), VM_READ);
	assert_int_equal(pgtable_count_present(tmm, A(5), A(6)), 1);	/* frame kept */
	assert_int_equal(tmm->data_vm, 8);
	assert_int_equal(do_mprotect(tmm, A(4), 4 * P, RW), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 1);
	assert_region(A(0), A(0), A(12), VM_READ | VM_WRITE);
	assert_int_equal(tmm->data_vm, 12);
	/* over two regions and back to one */
	assert_int_equal(do_mprotect(tmm, A(0), 6 * P, PROT_READ), 0);
	CHECK();
	assert_int_equal(do_mprotect(tmm, A(4), 8 * P, PROT_READ), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 1);
	assert_region(A(0), A(0), A(12), VM_READ);
}

static void test_get_unmapped_area_fragmented(void **state)
{
	const unsigned long B = tmm->mmap_base;
	long r;
	int i;

	assert_int_equal(B, 0xb8000000UL);
	assert_int_equal(B, mmap_base_default());
	/* many small regions low down, so the tree is deep */
	for (i = 0; i < 1000; i++)
		map_fixed(2 * i, 1, RW);
	/* below mmap_base: holes of 1, 3 and 2 pages between four regions */
	assert_int_equal(do_mmap(tmm, B - 4 * P, 4 * P, RW, FIXED, 0), (long)(B - 4 * P));
	assert_int_equal(do_mmap(tmm, B - 10 * P, 5 * P, PROT_READ, FIXED, 0), (long)(B - 10 * P));
	assert_int_equal(do_mmap(tmm, B - 20 * P, 7 * P, RW, FIXED, 0), (long)(B - 20 * P));
	assert_int_equal(do_mmap(tmm, B - 30 * P, 8 * P, PROT_READ, FIXED, 0), (long)(B - 30 * P));
	CHECK();
	r = do_mmap(tmm, 0, 2 * P, RW, ANON, 0);
	assert_int_equal(r, (long)(B - 12 * P));	/* top of the 3-page hole */
	CHECK();
	r = do_mmap(tmm, 0, P, PROT_EXEC, ANON, 0);
	assert_int_equal(r, (long)(B - 5 * P));		/* the 1-page hole */
	CHECK();
	r = do_mmap(tmm, 0, 3 * P, PROT_EXEC, ANON, 0);
	assert_int_equal(r, (long)(B - 33 * P));	/* nothing fits above: below all four */
	CHECK();
	/* a free hint is taken, a busy one ignored */
	r = do_mmap(tmm, A(5000), P, RW, ANON, 0);
	assert_int_equal(r, (long)A(5000));
	r = do_mmap(tmm, A(0), P, PROT_EXEC, ANON, 0);
	assert_int_equal(r, (long)(B - 13 * P));	/* the last 1-page hole */
	CHECK();
}

static void test_get_unmapped_area_guard_gap(void **state)
{
	const unsigned long B = tmm->mmap_base;
	long r;

	r = do_mmap(tmm, B - 4 * P, 4 * P, RW, FIXED | MAP_GROWSDOWN, 0);
	assert_int_equal(r, (long)(B - 4 * P));
	map_fixed((B - 400 * P - BASE) / P, 100, RW);	/* [B-400p, B-300p) */
	r = do_mmap(tmm, 0, 10 * P, RW, ANON, 0);
	assert_int_equal(r, (long)(B - 4 * P - STACK_GUARD_GAP - 10 * P));
	CHECK();
	r = do_mmap(tmm, 0, 40 * P, RW, ANON, 0);	/* 30 pages left above: too few */
	assert_int_equal(r, (long)(B - 440 * P));
	CHECK();
	/* a hint inside the guard gap is not taken */
	r = do_mmap(tmm, B - 6 * P, P, RW, ANON, 0);
	assert_int_not_equal(r, (long)(B - 6 * P));
	CHECK();
}

static void test_get_unmapped_area_fallback(void **state)
{
	const unsigned long B = tmm->mmap_base;
	long r;

	/* everything below mmap_base taken: the bottom-up search finds mmap_base */
	r = do_mmap(tmm, PAGE_SIZE, B - PAGE_SIZE, PROT_NONE, FIXED, 0);
	assert_int_equal(r, (long)PAGE_SIZE);
	CHECK();
	r = do_mmap(tmm, 0, 2 * P, RW, ANON, 0);
	assert_int_equal(r, (long)B);
	CHECK();
	r = do_mmap(tmm, 0, TASK_SIZE - B, RW, ANON, 0);
	assert_int_equal(r, -ENOMEM);
	CHECK();
}

static void test_map_fixed_over_several(void **state)
{
	long r;

	map_fixed(0, 2, PROT_READ);
	map_fixed(3, 2, RW);
	map_fixed(6, 2, PROT_READ | PROT_EXEC);
	assert_int_equal(touch(A(1), false), 0);
	assert_int_equal(touch(A(3), true), 0);
	assert_int_equal(touch(A(6), false), 0);
	r = do_mmap(tmm, A(1), 6 * P, RW, FIXED, 0);
	assert_int_equal(r, (long)A(1));
	CHECK();
	assert_int_equal(tmm->map_count, 3);
	assert_region(A(0), A(0), A(1), VM_READ);
	assert_region(A(1), A(1), A(7), VM_READ | VM_WRITE);
	assert_region(A(7), A(7), A(8), VM_READ | VM_EXEC);
	assert_int_equal(pgtable_count_present(tmm, A(0), A(8)), 0);

	/* validated before anything goes: at the limit, a split-making MAP_FIXED fails */
	assert_int_equal(touch(A(2), true), 0);
	sysctl_max_map_count = tmm->map_count;
	r = do_mmap(tmm, A(2), P, PROT_READ, FIXED, 0);
	assert_int_equal(r, -ENOMEM);
	CHECK();
	assert_region(A(2), A(1), A(7), VM_READ | VM_WRITE);
	assert_int_equal(pgtable_count_present(tmm, A(2), A(3)), 1);
	/* one that merges needs no new region */
	r = do_mmap(tmm, A(1), 6 * P, PROT_READ, FIXED, 0);
	assert_int_equal(r, (long)A(1));
	CHECK();
	assert_int_equal(tmm->map_count, 2);
	/* MAP_FIXED_NOREPLACE over a mapping: EEXIST, nothing changed */
	r = do_mmap(tmm, A(7), 2 * P, RW, ANON | MAP_FIXED_NOREPLACE, 0);
	assert_int_equal(r, -EEXIST);
	r = do_mmap(tmm, A(8), 2 * P, RW, ANON | MAP_FIXED_NOREPLACE, 0);
	assert_int_equal(r, (long)A(8));
	CHECK();
}

static void test_max_map_count(void **state)
{
	int i;

	sysctl_max_map_count = 5;
	for (i = 0; i < 5; i++)
		map_fixed(10 * i, 4, RW);
	assert_int_equal(do_mmap(tmm, A(100), P, RW, FIXED, 0), -ENOMEM);
	assert_int_equal(do_mmap(tmm, 0, P, RW, ANON, 0), -ENOMEM);
	assert_int_equal(do_munmap(tmm, A(1), P), -ENOMEM);	/* a hole in the middle */
	assert_int_equal(do_mprotect(tmm, A(1), P, PROT_READ), -ENOMEM);
	assert_int_equal(split_vma(tmm, region(A(0)), A(1), 0), -ENOMEM);
	CHECK();
	assert_int_equal(tmm->map_count, 5);
	/* what needs no new region still works at the limit */
	map_fixed(4, 2, RW);					/* joins [A0, A4) */
	assert_int_equal(do_munmap(tmm, A(0), P), 0);		/* trims */
	assert_int_equal(do_mprotect(tmm, A(1), 5 * P, PROT_READ), 0); /* a whole region */
	CHECK();
	assert_int_equal(do_mprotect(tmm, A(1), P, RW), -ENOMEM);	/* a split */
	assert_int_equal(tmm->map_count, 5);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, vma_setup, vma_teardown)
	const struct CMUnitTest tests[] = {
		T(test_tree_insert_lookup),
		T(test_merge_prev_next_both_neither),
		T(test_merge_refused),
		T(test_split_start_middle_end),
		T(test_munmap_hole_spanning_three),
		T(test_mprotect_middle_and_back),
		T(test_get_unmapped_area_fragmented),
		T(test_get_unmapped_area_guard_gap),
		T(test_get_unmapped_area_fallback),
		T(test_map_fixed_over_several),
		T(test_max_map_count),
		T(test_errno_mmap),
		T(test_errno_munmap),
		T(test_errno_mprotect),
		T(test_errno_mremap),
		T(test_errno_madvise),
		T(test_mremap_shrink_grow_move),
		T(test_mremap_fixed),
		T(test_madvise_dontneed),
		T(test_madvise_dontfork),
		T(test_brk),
		T(test_expand_stack),
		T(test_fork_and_exit),
		T(test_show_map),
		T(test_max_map_count_param),
		T(test_shared_refs),
		T(test_random_vs_model),
		T(test_random_low_max),
	};

	return cmocka_run_group_tests_name("vma", tests, NULL, NULL);
}
