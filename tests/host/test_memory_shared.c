// SPDX-License-Identifier: MIT
/*
 * Fork (copy_page_range) and copy-on-write, shared anonymous objects,
 * MAP_POPULATE and out-of-memory faults (see memory_tests.h).
 */
#include "memory_tests.h"

/* After fork both see the same frames read-only; a write copies. */
void test_fork_cow(void **state)
{
	struct test_mm *parent = tmm_new(), *child;
	unsigned long cow = vm_event_count(FAULT_COW);
	unsigned long reuse = vm_event_count(FAULT_COW_REUSE);
	struct page *shared;
	unsigned long i;

	(void)state;
	tmm_vma(parent, BASE, 4, VM_PRIVATE_RW, NULL, 0);
	for (i = 0; i < 4; i++)
		user_write(parent, BASE + i * P, (unsigned char)(0x10 + i));
	child = tmm_fork(parent);

	for (i = 0; i < 4; i++) {
		pte_t pp = pte_at(parent, BASE + i * P), cp = pte_at(child, BASE + i * P);

		assert_int_equal(pte_pfn(pp), pte_pfn(cp));
		assert_false(pte_write(pp));
		assert_false(pte_write(cp));
		assert_true(pte_present(cp) && pte_young(cp));
		assert_int_equal(page_mapcount(page_at(parent, BASE + i * P)), 2);
		assert_int_equal(page_ref_count(page_at(parent, BASE + i * P)), 2);
		assert_int_equal(user_read(child, BASE + i * P), 0x10 + i);
	}
	assert_int_equal(parent->mm.rss_stat[MM_ANONPAGES], 4);
	assert_int_equal(child->mm.rss_stat[MM_ANONPAGES], 4);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 4);

	/* the child writes: a copy, the parent keeps the old data */
	shared = page_at(parent, BASE);
	user_write(child, BASE, 0xc0);
	assert_int_equal(vm_event_count(FAULT_COW), cow + 1);
	assert_ptr_not_equal(page_at(child, BASE), shared);
	assert_user_frame(page_at(child, BASE));
	assert_true(pte_write(pte_at(child, BASE)) && pte_dirty(pte_at(child, BASE)));
	assert_false(pte_write(pte_at(parent, BASE)));
	assert_int_equal(user_read(child, BASE), 0xc0);
	assert_int_equal(user_read(parent, BASE), 0x10);
	/* the rest of the copied frame came along */
	assert_int_equal(user_read(child, BASE + 1), 0);
	assert_int_equal(page_mapcount(shared), 1);
	assert_int_equal(page_ref_count(shared), 1);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 5);

	/* the parent is now the frame's only user: it reuses it */
	user_write(parent, BASE, 0xa0);
	assert_int_equal(vm_event_count(FAULT_COW_REUSE), reuse + 1);
	assert_ptr_equal(page_at(parent, BASE), shared);
	assert_int_equal(user_read(child, BASE), 0xc0);
	assert_int_equal(user_read(parent, BASE), 0xa0);

	/* the parent writes page 1 while the child maps it: a copy too */
	user_write(parent, BASE + P, 0xa1);
	assert_int_equal(vm_event_count(FAULT_COW), cow + 2);
	assert_int_equal(user_read(child, BASE + P), 0x11);
	assert_int_equal(parent->mm.rss_stat[MM_ANONPAGES], 4);
	assert_int_equal(child->mm.rss_stat[MM_ANONPAGES], 4);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 6);
	tmm_free(child);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 4);
	tmm_free(parent);
}

/* The zero page stays the zero page across fork, uncounted. */
void test_fork_zero_page(void **state)
{
	struct test_mm *parent = tmm_new(), *child;
	unsigned long anon = vm_event_count(FAULT_ANON);

	(void)state;
	tmm_vma(parent, BASE, 2, VM_PRIVATE_RW, NULL, 0);
	assert_int_equal(user_read(parent, BASE), 0);
	child = tmm_fork(parent);
	assert_true(is_zero_pfn(pte_pfn(pte_at(child, BASE))));
	assert_true(pte_special(pte_at(child, BASE)));
	assert_int_equal(child->mm.rss_stat[MM_ANONPAGES], 0);
	assert_int_equal(page_mapcount(zero_page), 0);
	user_write(child, BASE, 3);
	assert_int_equal(vm_event_count(FAULT_ANON), anon + 1);
	assert_int_equal(user_read(parent, BASE), 0);
	assert_true(is_zero_pfn(pte_pfn(pte_at(parent, BASE))));
	tmm_free(parent);
	assert_int_equal(user_read(child, BASE), 3);
	tmm_free(child);
}

/* When the other mm is gone (zapped), the survivor's write reuses every frame. */
void test_cow_reuse_after_zap(void **state)
{
	struct test_mm *parent = tmm_new(), *child;
	unsigned long reuse = vm_event_count(FAULT_COW_REUSE);
	unsigned long cow = vm_event_count(FAULT_COW);
	struct page *frames[8];
	unsigned long i;

	(void)state;
	tmm_vma(parent, BASE, 8, VM_PRIVATE_RW, NULL, 0);
	for (i = 0; i < 8; i++) {
		user_write(parent, BASE + i * P, (unsigned char)i);
		frames[i] = page_at(parent, BASE + i * P);
	}
	child = tmm_fork(parent);
	tmm_free(child);
	for (i = 0; i < 8; i++) {
		assert_false(pte_write(pte_at(parent, BASE + i * P)));
		assert_int_equal(page_mapcount(frames[i]), 1);
		user_write(parent, BASE + i * P + 1, 0xee);
		assert_ptr_equal(page_at(parent, BASE + i * P), frames[i]);
		assert_int_equal(user_read(parent, BASE + i * P), i);
	}
	assert_int_equal(vm_event_count(FAULT_COW_REUSE), reuse + 8);
	assert_int_equal(vm_event_count(FAULT_COW), cow);
	tmm_free(parent);
}

/* MAP_SHARED|MAP_ANONYMOUS: one object's frames in both mms, writable in both. */
void test_shared_across_fork(void **state)
{
	struct shared_anon *obj = shared_anon_create(4);
	struct test_mm *parent = tmm_new(), *child;
	unsigned long shared = vm_event_count(FAULT_SHARED);

	(void)state;
	assert_non_null(obj);
	tmm_vma(parent, BASE, 4, VM_SHARED_RW, obj, 0);
	shared_anon_put(obj);		/* the region holds it now */
	/* a read maps the object's (zeroed) frame, not the zero page */
	assert_int_equal(user_read(parent, BASE), 0);
	assert_false(is_zero_pfn(pte_pfn(pte_at(parent, BASE))));
	assert_false(pte_dirty(pte_at(parent, BASE)));
	user_write(parent, BASE, 0x42);		/* D only: same frame */
	assert_int_equal(vm_event_count(FAULT_SHARED), shared + 1);
	assert_user_frame(page_at(parent, BASE));
	assert_int_equal(global_node_page_state(NR_SHMEM), 1);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 0);
	assert_int_equal(parent->mm.rss_stat[MM_SHMEMPAGES], 1);

	child = tmm_fork(parent);
	assert_true(pte_write(pte_at(child, BASE)));
	assert_true(pte_write(pte_at(parent, BASE)));
	assert_int_equal(user_read(child, BASE), 0x42);
	user_write(child, BASE + 1, 0x43);
	assert_int_equal(user_read(parent, BASE + 1), 0x43);
	/* a page first touched by the child is the parent's too */
	user_write(child, BASE + 2 * P, 0x44);
	assert_int_equal(user_read(parent, BASE + 2 * P), 0x44);
	assert_ptr_equal(page_at(child, BASE + 2 * P), page_at(parent, BASE + 2 * P));
	assert_int_equal(page_mapcount(page_at(parent, BASE)), 2);
	/* the object's reference, one per PTE */
	assert_int_equal(page_ref_count(page_at(parent, BASE)), 3);
	assert_int_equal(shared_anon_nr_frames(obj), 2);
	assert_int_equal(global_node_page_state(NR_SHMEM), 2);
	assert_int_equal(child->mm.rss_stat[MM_SHMEMPAGES], 2);
	assert_int_equal(shared_anon_check(obj), 0);
	/* no copy-on-write anywhere */
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 0);

	/* the parent goes; the child still sees the data */
	tmm_free(parent);
	assert_int_equal(global_node_page_state(NR_SHMEM), 2);
	assert_int_equal(user_read(child, BASE), 0x42);
	assert_int_equal(shared_anon_check(obj), 0);
	tmm_free(child);	/* the last reference: the frames go */
}

/* vm_pgoff picks the object's page; past the object's end is SIGBUS. */
void test_shared_pgoff_sigbus(void **state)
{
	struct shared_anon *obj = shared_anon_create(4);
	struct test_mm *t = tmm_new();
	struct vm_area_struct *whole, *tail;
	unsigned long free0;

	(void)state;
	whole = tmm_vma(t, BASE, 4, VM_SHARED_RW, obj, 0);
	/* a region of 4 pages from the object's page 2 (as after mremap) */
	tail = tmm_vma(t, BASE + 16 * P, 4, VM_SHARED_RW, obj, 2);
	shared_anon_put(obj);
	user_write(t, BASE + 3 * P, 0x33);
	assert_int_equal(user_read(t, BASE + 17 * P), 0x33);
	assert_ptr_equal(page_at(t, BASE + 3 * P), page_at(t, BASE + 17 * P));
	free0 = free_frames();
	assert_int_equal(fault(t, BASE + 18 * P, 0), VM_FAULT_SIGBUS);
	assert_int_equal(fault(t, BASE + 19 * P, FAULT_FLAG_WRITE), VM_FAULT_SIGBUS);
	assert_true(pte_none(pte_at(t, BASE + 18 * P)));
	assert_int_equal(free_frames(), free0);
	/* a read-only view of the same object: no write, and reads see it */
	tmm_vma(t, BASE + 32 * P, 4, VM_READ | VM_MAYREAD | VM_SHARED | VM_MAYSHARE, obj, 0);
	assert_int_equal(user_read(t, BASE + 35 * P), 0x33);
	assert_false(pte_write(pte_at(t, BASE + 35 * P)));
	assert_int_equal(fault(t, BASE + 35 * P, FAULT_FLAG_WRITE), VM_FAULT_SIGSEGV);
	(void)whole;
	(void)tail;
	tmm_free(t);
}

/* The object's table: sparse, frames at any index, freed with it. */
void test_shared_object_table(void **state)
{
	/* 1 GiB: a 1 KiB directory and nothing else until touched */
	unsigned long pages = (1UL << 30) >> PAGE_SHIFT;
	unsigned long free0 = free_frames();
	struct shared_anon *obj = shared_anon_create(pages);
	unsigned long idx[] = { 0, 1, 1023, 1024, 200000, pages - 1 };
	struct page *page, *again;
	unsigned int i;
	int err = 0;

	(void)state;
	assert_non_null(obj);
	assert_int_equal(shared_anon_size(obj), pages);
	assert_int_equal(shared_anon_nr_frames(obj), 0);
	assert_true(free0 - free_frames() <= 1);
	for (i = 0; i < sizeof(idx) / sizeof(idx[0]); i++) {
		page = shared_anon_get_page(obj, idx[i], GFP_HIGHUSER_MOVABLE, &err);
		assert_non_null(page);
		assert_ptr_equal(page->mapping, obj);
		assert_int_equal(page->index, idx[i]);
		again = shared_anon_get_page(obj, idx[i], GFP_HIGHUSER_MOVABLE, &err);
		assert_ptr_equal(again, page);
		assert_int_equal(page_ref_count(page), 3);
		put_page(page);
		put_page(page);
		assert_int_equal(shared_anon_check(obj), 0);
	}
	assert_null(shared_anon_get_page(obj, pages, GFP_HIGHUSER_MOVABLE, &err));
	assert_int_equal(err, -EFAULT);
	assert_int_equal(shared_anon_nr_frames(obj), 6);
	assert_int_equal(global_node_page_state(NR_SHMEM), 6);
	/* 6 frames and 5 leaves (0-1023, 1024, 200000, the last): not a 1 MiB table */
	assert_true(free0 - free_frames() <= 6 + 5 + 2);
	/* out of memory: NULL, -ENOMEM, nothing kept */
	fail_page_alloc_set_probability(100);
	err = 0;
	assert_null(shared_anon_get_page(obj, 5000, GFP_HIGHUSER_MOVABLE, &err));
	assert_int_equal(err, -ENOMEM);
	fail_page_alloc_set_probability(0);
	assert_int_equal(shared_anon_nr_frames(obj), 6);
	assert_null(shared_anon_create(0));
	assert_null(shared_anon_create(TASK_SIZE / P + 1));
	shared_anon_put(obj);
	assert_int_equal(global_node_page_state(NR_SHMEM), 0);
	assert_int_equal(free_frames(), free0);
}

/* MAP_POPULATE: every page faulted as the region's rights allow. */
void test_populate(void **state)
{
	struct shared_anon *obj = shared_anon_create(8);
	struct test_mm *t = tmm_new();
	struct vm_area_struct *rw, *ro, *sh, *none;
	unsigned long i;

	(void)state;
	rw = tmm_vma(t, BASE, 8, VM_PRIVATE_RW, NULL, 0);
	ro = tmm_vma(t, BASE + 16 * P, 8, VM_READ | VM_MAYREAD, NULL, 0);
	sh = tmm_vma(t, BASE + 32 * P, 8, VM_SHARED_RW, obj, 0);
	none = tmm_vma(t, BASE + 48 * P, 8, VM_NONE, NULL, 0);
	shared_anon_put(obj);
	assert_int_equal(populate_vma_page_range(rw, rw->vm_start, rw->vm_end), 0);
	assert_int_equal(populate_vma_page_range(ro, ro->vm_start, ro->vm_end), 0);
	assert_int_equal(populate_vma_page_range(sh, sh->vm_start, sh->vm_end), 0);
	assert_int_equal(populate_vma_page_range(none, none->vm_start, none->vm_end), 0);
	check(t);
	for (i = 0; i < 8; i++) {
		pte_t w = pte_at(t, BASE + i * P), r = pte_at(t, BASE + (16 + i) * P);
		pte_t s = pte_at(t, BASE + (32 + i) * P);

		assert_true(pte_write(w) && pte_dirty(w) && pte_young(w));
		assert_true(is_zero_pfn(pte_pfn(r)) && !pte_write(r));
		assert_true(pte_write(s) && pte_dirty(s));
		assert_true(pte_none(pte_at(t, BASE + (48 + i) * P)));
	}
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 8);
	assert_int_equal(t->mm.rss_stat[MM_SHMEMPAGES], 8);
	assert_int_equal(global_node_page_state(NR_SHMEM), 8);
	/* populating again changes nothing */
	assert_int_equal(populate_vma_page_range(rw, rw->vm_start, rw->vm_end), 0);
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 8);
	tmm_free(t);
}

/* Out of memory in every kind of fault: VM_FAULT_OOM, nothing leaked. */
void test_oom(void **state)
{
	struct shared_anon *obj = shared_anon_create(4);
	struct test_mm *t = tmm_new(), *child;
	unsigned long oom = vm_event_count(FAULT_OOM);
	unsigned long free0;
	struct vm_area_struct *rw;

	(void)state;
	rw = tmm_vma(t, BASE, 4, VM_PRIVATE_RW, NULL, 0);
	tmm_vma(t, BASE + PGDIR_SIZE, 4, VM_SHARED_RW, obj, 0);
	shared_anon_put(obj);
	user_write(t, BASE, 1);
	assert_int_equal(user_read(t, BASE + P), 0);
	child = tmm_fork(t);
	free0 = free_frames();

	fail_page_alloc_set_probability(100);
	/* demand zero, zero page write, COW copy */
	assert_int_equal(fault(t, BASE + 2 * P, FAULT_FLAG_WRITE), VM_FAULT_OOM);
	assert_int_equal(fault(t, BASE + P, FAULT_FLAG_WRITE), VM_FAULT_OOM);
	assert_int_equal(fault(child, BASE, FAULT_FLAG_WRITE), VM_FAULT_OOM);
	/* no table for it yet, and a shared object's frame */
	assert_int_equal(fault(t, BASE + PGDIR_SIZE, 0), VM_FAULT_OOM);
	assert_int_equal(populate_vma_page_range(rw, rw->vm_start, rw->vm_end), -ENOMEM);
	/* a read of the zero page needs no frame once the table is there */
	assert_int_equal(fault(t, BASE + 3 * P, 0), 0);
	fail_page_alloc_set_probability(0);
	assert_int_equal(vm_event_count(FAULT_OOM), oom + 5);
	assert_int_equal(free_frames(), free0);
	/* the state is unchanged: the child still shares page 0 read-only */
	assert_false(pte_write(pte_at(child, BASE)));
	assert_int_equal(page_mapcount(page_at(t, BASE)), 2);
	assert_true(is_zero_pfn(pte_pfn(pte_at(t, BASE + P))));
	assert_true(pte_none(pte_at(t, BASE + 2 * P)));
	/* and works once memory is back */
	user_write(child, BASE, 2);
	assert_int_equal(user_read(t, BASE), 1);
	host_log_reset();	/* warn_alloc's lines are expected */
	tmm_free(child);
	tmm_free(t);
}

/* fork out of memory: -ENOMEM, and the partial child tears down cleanly. */
void test_oom_fork(void **state)
{
	struct test_mm *parent = tmm_new(), *child = tmm_new();
	struct vm_area_struct *src, *dst;

	(void)state;
	src = tmm_vma(parent, BASE, 4, VM_PRIVATE_RW, NULL, 0);
	tmm_vma(parent, BASE + 2 * PGDIR_SIZE, 1, VM_PRIVATE_RW, NULL, 0);
	user_write(parent, BASE, 1);
	user_write(parent, BASE + 2 * PGDIR_SIZE, 2);
	dst = tmm_vma(child, BASE, 4, VM_PRIVATE_RW, NULL, 0);
	fail_page_alloc_set_probability(100);
	assert_int_equal(copy_page_range(dst, src), -ENOMEM);
	fail_page_alloc_set_probability(0);
	check(parent);
	check(child);
	assert_int_equal(child->mm.rss_stat[MM_ANONPAGES], 0);
	host_log_reset();
	tmm_free(child);
	assert_int_equal(user_read(parent, BASE), 1);
	tmm_free(parent);
}
