// SPDX-License-Identifier: MIT
/*
 * Host tests of the region calls (see vma_tests.h): every errno case,
 * mremap, madvise, brk, stack growth, fork and exit, the maps report,
 * the vm.max_map_count boot argument and shared-object references.
 */
#include <linux/bootparam.h>

#include "vma_tests.h"

#define SHARED	(MAP_SHARED | MAP_ANONYMOUS)

/* The first word of the frame mapped at a (NULL: no PTE). */
static u32 *word(struct mm_struct *mm, unsigned long a)
{
	pte_t *pte = pte_offset_map(pgd_offset(mm, a), a);

	if (!pte || pte_none(*pte))
		return NULL;
	return page_address(pfn_to_page(pte_pfn(*pte)));
}

/* Write-fault the page at a and put token in it. */
static void put_token(unsigned long a, u32 token)
{
	assert_int_equal(touch(a, true), 0);
	assert_non_null(word(tmm, a));
	*word(tmm, a) = token;
}

void test_errno_mmap(void **state)
{
	map_fixed(0, 4, RW);
	assert_int_equal(do_mmap(tmm, 0, 0, RW, ANON, 0), -EINVAL);
	assert_int_equal(do_mmap(tmm, 0, -P + 1, RW, ANON, 0), -ENOMEM);
	assert_int_equal(do_mmap(tmm, 0, P, RW, MAP_PRIVATE, 0), -EBADF);
	assert_int_equal(do_mmap(tmm, 0, P, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, 0), -EINVAL);
	assert_int_equal(do_mmap(tmm, 0, P, RW, MAP_ANONYMOUS, 0), -EINVAL);
	assert_int_equal(do_mmap(tmm, 0, P, RW, 0x4 | MAP_ANONYMOUS, 0), -EINVAL);
	assert_int_equal(do_mmap(tmm, 0, P, RW, SHARED | MAP_GROWSDOWN, 0), -EINVAL);
	assert_int_equal(do_mmap(tmm, A(10) + 8, P, RW, FIXED, 0), -EINVAL);
	assert_int_equal(do_mmap(tmm, 0, P, RW, FIXED, 0), -EPERM);
	assert_int_equal(do_mmap(tmm, TASK_SIZE - P, 2 * P, RW, FIXED, 0), -ENOMEM);
	assert_int_equal(do_mmap(tmm, TASK_SIZE, P, RW, FIXED, 0), -ENOMEM);
	assert_int_equal(do_mmap(tmm, A(2), P, RW, ANON | MAP_FIXED_NOREPLACE, 0), -EEXIST);
	assert_int_equal(do_mmap(tmm, 0, P, RW, ANON | MAP_HUGETLB, 0), -ENOSYS);
	assert_int_equal(do_mmap(tmm, 0, P, RW, ANON, ~0UL), -EOVERFLOW);
	assert_int_equal(do_mmap(tmm, 0, 0xb0000000UL, RW, ANON, 0), -ENOMEM);
	CHECK();
	assert_int_equal(tmm->map_count, 1);
	/* hints: outside the user part ignored, unaligned rounded down */
	assert_true((unsigned long)do_mmap(tmm, TASK_SIZE + P, P, RW, ANON, 0) < tmm->mmap_base);
	assert_int_equal(do_mmap(tmm, A(10) + 123, P, PROT_READ, ANON, 0), (long)A(10));
	CHECK();
	/* MAP_POPULATE faults every page in; MAP_NONBLOCK turns it off */
	assert_int_equal(do_mmap(tmm, A(20), 3 * P, RW, FIXED | MAP_POPULATE, 0), (long)A(20));
	assert_int_equal(pgtable_count_present(tmm, A(20), A(23)), 3);
	assert_int_equal(do_mmap(tmm, A(30), 3 * P, RW, FIXED | MAP_POPULATE | MAP_NONBLOCK, 0),
			 (long)A(30));
	assert_int_equal(pgtable_count_present(tmm, A(30), A(33)), 0);
	CHECK();
}

void test_errno_munmap(void **state)
{
	map_fixed(0, 4, RW);
	assert_int_equal(do_munmap(tmm, A(0) + 1, P), -EINVAL);
	assert_int_equal(do_munmap(tmm, A(0), 0), -EINVAL);
	assert_int_equal(do_munmap(tmm, TASK_SIZE + P, P), -EINVAL);
	assert_int_equal(do_munmap(tmm, TASK_SIZE - P, 2 * P), -EINVAL);
	assert_int_equal(do_munmap(tmm, A(100), P), 0);
	sysctl_max_map_count = 1;
	assert_int_equal(do_munmap(tmm, A(1), P), -ENOMEM);
	assert_int_equal(do_munmap(tmm, A(3), 10), 0);		/* length rounded up */
	CHECK();
	assert_int_equal(region(A(0))->vm_end, A(3));
}

void test_errno_mprotect(void **state)
{
	map_fixed(0, 4, RW);
	map_fixed(6, 2, RW);
	assert_int_equal(do_mprotect(tmm, A(0) + 1, P, PROT_READ), -EINVAL);
	assert_int_equal(do_mprotect(tmm, A(0), P, 0x10), -EINVAL);
	assert_int_equal(do_mprotect(tmm, A(0), 0, PROT_READ), 0);
	assert_int_equal(do_mprotect(tmm, A(4), P, PROT_READ), -ENOMEM);
	assert_int_equal(do_mprotect(tmm, A(0), 8 * P, PROT_READ), -ENOMEM);	/* a hole */
	assert_int_equal(do_mprotect(tmm, 0xfffff000UL, 2 * P, PROT_READ), -ENOMEM);
	assert_int_equal(do_mprotect(tmm, A(0), P, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP),
			 -EINVAL);
	assert_int_equal(do_mprotect(tmm, A(0), P, PROT_READ | PROT_GROWSDOWN), -EINVAL);
	assert_int_equal(do_mprotect(tmm, A(0), P, PROT_READ | PROT_GROWSUP), -EINVAL);
	CHECK();
	assert_int_equal(region(A(0))->vm_flags & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	assert_int_equal(tmm->map_count, 2);
	/* PROT_GROWSDOWN: from the start of the stack region */
	assert_int_equal(do_mmap(tmm, A(10), 10 * P, RW, FIXED | MAP_GROWSDOWN, 0), (long)A(10));
	assert_int_equal(do_mprotect(tmm, A(15), P, PROT_READ | PROT_GROWSDOWN), 0);
	CHECK();
	assert_int_equal(region(A(10))->vm_end, A(16));
	assert_int_equal(region(A(10))->vm_flags & VM_ACCESS_FLAGS, VM_READ);
	assert_int_equal(region(A(16))->vm_flags & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	assert_int_equal(do_mprotect(tmm, A(0), P, PROT_READ | 0x8 /* PROT_SEM */), 0);
	CHECK();
}

void test_errno_mremap(void **state)
{
	map_fixed(0, 4, RW);
	map_fixed(4, 2, PROT_READ);
	assert_int_equal(do_mremap(tmm, A(0), P, P, 8, 0), -EINVAL);
	assert_int_equal(do_mremap(tmm, A(0), P, P, MREMAP_FIXED, A(20)), -EINVAL);
	assert_int_equal(do_mremap(tmm, A(0) + 1, P, P, 0, 0), -EINVAL);
	assert_int_equal(do_mremap(tmm, A(0), P, 0, 0, 0), -EINVAL);
	assert_int_equal(do_mremap(tmm, A(10), P, 2 * P, 0, 0), -EFAULT);
	assert_int_equal(do_mremap(tmm, A(2), 4 * P, 8 * P, MREMAP_MAYMOVE, 0), -EFAULT);
	assert_int_equal(do_mremap(tmm, A(0), 4 * P, 8 * P, 0, 0), -ENOMEM);	/* next in the way */
	assert_int_equal(do_mremap(tmm, A(0), 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, A(2)),
			 -EINVAL);					/* overlap */
	assert_int_equal(do_mremap(tmm, A(0), 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
				   A(20) + 4), -EINVAL);
	assert_int_equal(do_mremap(tmm, A(0), 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
				   TASK_SIZE), -EINVAL);
	assert_int_equal(do_mremap(tmm, A(0), 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
				   0), -EINVAL);
	CHECK();
	assert_int_equal(tmm->map_count, 2);
	assert_int_equal(region(A(0))->vm_end, A(4));
}

void test_errno_madvise(void **state)
{
	map_fixed(0, 4, RW);
	map_fixed(6, 2, RW);
	assert_int_equal(do_madvise(tmm, A(0), P, MADV_FREE), -EINVAL);
	assert_int_equal(do_madvise(tmm, A(0), P, 1234), -EINVAL);
	assert_int_equal(do_madvise(tmm, A(0) + 1, P, MADV_DONTNEED), -EINVAL);
	assert_int_equal(do_madvise(tmm, A(0), 0, MADV_DONTNEED), 0);
	assert_int_equal(do_madvise(tmm, A(0), 8 * P, MADV_NORMAL), -ENOMEM);
	assert_int_equal(do_madvise(tmm, A(0), 4 * P, MADV_RANDOM), 0);
	assert_int_equal(do_madvise(tmm, A(0), 4 * P, MADV_SEQUENTIAL), 0);
	assert_int_equal(do_madvise(tmm, A(0), 4 * P, MADV_WILLNEED), 0);
	assert_int_equal(do_madvise(tmm, A(20), P, MADV_WILLNEED), -ENOMEM);
	assert_int_equal(do_mmap(tmm, A(10), P, RW, FIXED | MAP_LOCKED, 0), (long)A(10));
	assert_int_equal(tmm->locked_vm, 1);
	assert_int_equal(do_madvise(tmm, A(10), P, MADV_DONTNEED), -EINVAL);
	/* the mapped parts get the advice even when there is a hole */
	assert_int_equal(touch(A(1), true), 0);
	assert_int_equal(touch(A(6), true), 0);
	assert_int_equal(do_madvise(tmm, A(0), 8 * P, MADV_DONTNEED), -ENOMEM);
	assert_int_equal(pgtable_count_present(tmm, A(0), A(8)), 0);
	CHECK();
}

void test_mremap_shrink_grow_move(void **state)
{
	long r;

	map_fixed(0, 8, RW);
	put_token(A(0), 0x11);
	put_token(A(7), 0x77);
	r = do_mremap(tmm, A(0), 8 * P, 6 * P, 0, 0);		/* shrink */
	assert_int_equal(r, (long)A(0));
	CHECK();
	assert_int_equal(region(A(0))->vm_end, A(6));
	assert_int_equal(tmm->total_vm, 6);
	r = do_mremap(tmm, A(0), 6 * P, 10 * P, 0, 0);		/* grow in place */
	assert_int_equal(r, (long)A(0));
	CHECK();
	assert_int_equal(region(A(0))->vm_end, A(10));
	assert_null(word(tmm, A(7)));				/* the old page is gone */
	map_fixed(10, 2, PROT_READ);
	r = do_mremap(tmm, A(0), 10 * P, 12 * P, MREMAP_MAYMOVE, 0);	/* must move */
	assert_true(r > 0 && (unsigned long)r != A(0));
	CHECK();
	assert_null(region(A(0)));
	assert_int_equal(region(r)->vm_end, (unsigned long)r + 12 * P);
	assert_int_equal(*word(tmm, r), 0x11);			/* the frame moved along */
	assert_int_equal(pgtable_count_present(tmm, A(0), A(10)), 0);
	assert_int_equal(tmm->total_vm, 14);
	/* grow in place, then a new neighbour with the same rights merges */
	r = do_mremap(tmm, A(10), 2 * P, 4 * P, 0, 0);
	assert_int_equal(r, (long)A(10));
	map_fixed(14, 2, PROT_READ);
	CHECK();
	assert_int_equal(region(A(10))->vm_end, A(16));
}

void test_mremap_fixed(void **state)
{
	long r;

	map_fixed(0, 4, RW);
	put_token(A(1), 0xabc);
	map_fixed(20, 8, PROT_READ);
	r = do_mremap(tmm, A(0), 4 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, A(22));
	assert_int_equal(r, (long)A(22));
	CHECK();
	assert_null(find_vma_intersection(tmm, A(0), A(4)));	/* all of the old range goes */
	assert_int_equal(region(A(22))->vm_end, A(24));
	assert_int_equal(region(A(22))->vm_flags & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	assert_int_equal(*word(tmm, A(23)), 0xabc);
	assert_int_equal(tmm->map_count, 3);
	assert_int_equal(tmm->total_vm, 8);
	/* moved next to a matching region: merged */
	map_fixed(40, 2, RW);
	r = do_mremap(tmm, A(22), 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, A(42));
	assert_int_equal(r, (long)A(42));
	CHECK();
	assert_int_equal(region(A(40))->vm_end, A(44));
	assert_int_equal(*word(tmm, A(43)), 0xabc);
}

void test_madvise_dontneed(void **state)
{
	long r;

	map_fixed(0, 4, RW);
	put_token(A(1), 0x1234);
	assert_int_equal(do_madvise(tmm, A(0), 4 * P, MADV_DONTNEED), 0);
	CHECK();
	assert_null(word(tmm, A(1)));
	assert_int_equal(touch(A(1), false), 0);		/* zero-fill again */
	assert_int_equal(*word(tmm, A(1)), 0);
	/* shared: the object's frame comes back */
	r = do_mmap(tmm, A(10), 2 * P, RW, SHARED | MAP_FIXED, 0);
	assert_int_equal(r, (long)A(10));
	put_token(A(11), 0x5555);
	assert_int_equal(do_madvise(tmm, A(10), 2 * P, MADV_DONTNEED), 0);
	assert_null(word(tmm, A(11)));
	assert_int_equal(touch(A(11), false), 0);
	assert_int_equal(*word(tmm, A(11)), 0x5555);
	CHECK();
}

void test_madvise_dontfork(void **state)
{
	struct mm_struct *child;

	map_fixed(0, 8, RW);
	assert_int_equal(do_madvise(tmm, A(2), 2 * P, MADV_DONTFORK), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 3);
	assert_true(region(A(2))->vm_flags & VM_DONTCOPY);
	child = dup_mm(tmm);
	assert_non_null(child);
	assert_int_equal(vma_check(child), 0);
	assert_int_equal(child->map_count, 2);
	assert_null(vma_lookup(child, A(2)));
	assert_non_null(vma_lookup(child, A(4)));
	mmput(child);
	assert_int_equal(do_madvise(tmm, A(0), 8 * P, MADV_DOFORK), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 1);
}

void test_brk(void **state)
{
	const unsigned long start = A(100) + 0x10;

	tmm->start_brk = tmm->brk = start;
	assert_int_equal(do_brk(tmm, start + 10), start + 10);	/* same page: no region */
	assert_null(region(A(100) + P));
	assert_int_equal(do_brk(tmm, A(103) + 5), A(103) + 5);
	CHECK();
	assert_int_equal(region(A(101))->vm_start, A(101));
	assert_int_equal(region(A(101))->vm_end, A(104));
	assert_int_equal(do_brk(tmm, A(110)), A(110));		/* grows the same region */
	CHECK();
	assert_int_equal(tmm->map_count, 1);
	assert_int_equal(region(A(101))->vm_end, A(110));
	assert_int_equal(touch(A(108), true), 0);
	assert_int_equal(do_brk(tmm, A(105)), A(105));		/* shrink: unmapped */
	CHECK();
	assert_int_equal(region(A(101))->vm_end, A(105));
	assert_int_equal(pgtable_count_present(tmm, A(105), A(110)), 0);
	assert_int_equal(do_brk(tmm, start - 1), A(105));	/* below start_brk */
	map_fixed(120, 1, PROT_READ);
	assert_int_equal(do_brk(tmm, A(119) + 1), A(105));	/* would touch a mapping */
	assert_int_equal(do_brk(tmm, A(119)), A(119));		/* one page short of it */
	assert_int_equal(do_brk(tmm, TASK_SIZE + P), A(119));
	CHECK();
	/* not within the guard gap of a stack */
	assert_int_equal(do_mmap(tmm, A(500), P, RW, FIXED | MAP_GROWSDOWN, 0), (long)A(500));
	assert_int_equal(do_munmap(tmm, A(120), P), 0);
	assert_int_equal(do_brk(tmm, A(500) - STACK_GUARD_GAP + 1), A(119));
	assert_int_equal(do_brk(tmm, A(500) - STACK_GUARD_GAP - P), A(500) - STACK_GUARD_GAP - P);
	CHECK();
}

void test_expand_stack(void **state)
{
	struct vm_area_struct *v;

	assert_int_equal(do_mmap(tmm, A(2600), 10 * P, RW, FIXED | MAP_GROWSDOWN, 0), (long)A(2600));
	v = region(A(2600));
	assert_int_equal(tmm->stack_vm, 10);
	assert_int_equal(expand_stack(v, A(2600) - 5), 0);
	CHECK();
	assert_int_equal(v->vm_start, A(2599));
	assert_int_equal(tmm->stack_vm, 11);
	assert_int_equal(expand_stack(v, A(2610) - STACK_RLIMIT - P), -ENOMEM);
	assert_int_equal(expand_stack(v, A(2610) - STACK_RLIMIT), 0);
	CHECK();
	assert_int_equal(tmm->stack_vm, STACK_RLIMIT / P);
	/* the guard gap to a region below */
	map_fixed(5300, 1, RW);
	assert_int_equal(do_mmap(tmm, A(5600), 10 * P, RW, FIXED | MAP_GROWSDOWN, 0),
			 (long)A(5600));
	v = region(A(5600));
	assert_int_equal(expand_stack(v, A(5301) + STACK_GUARD_GAP - P), -ENOMEM);
	assert_int_equal(expand_stack(v, A(5301) + STACK_GUARD_GAP), 0);
	CHECK();
	assert_int_equal(v->vm_start, A(5301) + STACK_GUARD_GAP);
	/* not a stack */
	assert_int_equal(expand_stack(region(A(5300)), A(5299)), -ENOMEM);
}

void test_fork_and_exit(void **state)
{
	struct mm_struct *child;
	unsigned long free_before;
	long r;

	map_fixed(0, 4, RW);
	put_token(A(0), 0xaa);
	put_token(A(3), 0xbb);
	r = do_mmap(tmm, A(10), 2 * P, RW, SHARED | MAP_FIXED, 0);
	assert_int_equal(r, (long)A(10));
	put_token(A(10), 0xcc);
	map_fixed(20, 2, PROT_READ);
	tmm->start_brk = tmm->brk = A(30);
	free_before = nr_free_pages();

	child = dup_mm(tmm);
	assert_non_null(child);
	assert_int_equal(nr_mms(), 2);
	assert_int_equal(nr_vmas(), 6);
	assert_int_equal(vma_check(child), 0);
	assert_int_equal(child->map_count, 3);
	assert_int_equal(child->total_vm, tmm->total_vm);
	assert_int_equal(child->brk, A(30));
	assert_int_equal(*word(child, A(0)), 0xaa);
	assert_int_equal(*word(child, A(3)), 0xbb);
	assert_int_equal(*word(child, A(10)), 0xcc);
	assert_ptr_equal(vma_lookup(child, A(10))->vm_shared, region(A(10))->vm_shared);
	assert_int_equal(pgtable_count_present(child, 0, TASK_SIZE), 3);
	CHECK();

	/* the child's exit gives everything back */
	mmput(child);
	assert_int_equal(nr_mms(), 1);
	kmem_cache_shrink_all();
	assert_true(nr_free_pages() >= free_before);
	assert_int_equal(*word(tmm, A(10)), 0xcc);
	CHECK();
}

void test_show_map(void **state)
{
	char line[128];
	long r;

	map_fixed(0, 2, RW);
	r = do_mmap(tmm, A(4), P, PROT_READ | PROT_EXEC, SHARED | MAP_FIXED, 0);
	assert_int_equal(r, (long)A(4));
	tmm->start_brk = tmm->brk = A(8);
	assert_int_equal(do_brk(tmm, A(10)), A(10));
	assert_int_equal(do_mmap(tmm, A(20), P, RW, FIXED | MAP_GROWSDOWN, 0), (long)A(20));
	tmm->start_stack = A(20) + 100;

	show_map_line(tmm, region(A(0)), line, sizeof(line));
	assert_string_equal(line, "10000000-10002000 rw-p 00000000 00:00 0 ");
	show_map_line(tmm, region(A(4)), line, sizeof(line));
	assert_string_equal(line, "10004000-10005000 r-xs 00000000 00:01 0"
			    "          /dev/zero (deleted)");
	show_map_line(tmm, region(A(8)), line, sizeof(line));
	assert_string_equal(line, "10008000-1000a000 rw-p 00000000 00:00 0"
			    "          [heap]");
	show_map_line(tmm, region(A(20)), line, sizeof(line));
	assert_string_equal(line, "10014000-10015000 rw-p 00000000 00:00 0"
			    "          [stack]");
	assert_int_equal(strlen(line) - strlen("[stack]"), 49);
	show_map(tmm);
	CHECK();
}

void test_max_map_count_param(void **state)
{
	assert_int_equal(vm_max_map_count_param("100"), 0);
	assert_int_equal(sysctl_max_map_count, 100);
	assert_int_equal(vm_max_map_count_param("abc"), -EINVAL);
	assert_int_equal(vm_max_map_count_param("12x"), -EINVAL);
	assert_int_equal(vm_max_map_count_param("-1"), -EINVAL);
	assert_int_equal(vm_max_map_count_param("2147483648"), -EINVAL);
	assert_int_equal(vm_max_map_count_param("99999999999999999999"), -EINVAL);
	assert_int_equal(sysctl_max_map_count, 100);
	assert_int_equal(vm_max_map_count_param("2147483647"), 0);
	assert_int_equal(sysctl_max_map_count, 2147483647);
	assert_int_equal(vm_max_map_count_param("0"), 0);
	assert_int_equal(sysctl_max_map_count, 0);
	/* through the boot argument parser, as the kernel reads it */
	assert_int_equal(parse_kernel_bootargs("vm.max_map_count=300"), 0);
	assert_int_equal(sysctl_max_map_count, 300);
	parse_kernel_bootargs("vm.max_map_count=lots");
	assert_int_equal(sysctl_max_map_count, 300);
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
}

void test_shared_refs(void **state)
{
	struct shared_anon *obj;
	long r;

	r = do_mmap(tmm, A(0), 8 * P, RW, SHARED | MAP_FIXED, 0);
	assert_int_equal(r, (long)A(0));
	obj = region(A(0))->vm_shared;
	assert_int_equal(shared_anon_size(obj), 8);
	put_token(A(6), 0x66);
	/* split in three: each part maps the object at its own offset */
	assert_int_equal(do_mprotect(tmm, A(2), 2 * P, PROT_READ), 0);
	CHECK();
	assert_int_equal(tmm->map_count, 3);
	assert_ptr_equal(region(A(5))->vm_shared, obj);
	assert_int_equal(region(A(5))->vm_pgoff, 4);
	/* the parts holding the object keep it alive */
	assert_int_equal(do_munmap(tmm, A(0), 4 * P), 0);
	CHECK();
	assert_int_equal(*word(tmm, A(6)), 0x66);
	assert_int_equal(shared_anon_nr_frames(obj), 1);
	/* moved: the part keeps its offset into the object */
	r = do_mremap(tmm, A(4), 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, A(40));
	assert_int_equal(r, (long)A(40));
	CHECK();
	assert_int_equal(region(A(40))->vm_pgoff, 4);
	assert_int_equal(*word(tmm, A(42)), 0x66);
	/* grown past the object: the new pages have no frame (SIGBUS) */
	r = do_mremap(tmm, A(40), 4 * P, 6 * P, 0, 0);
	assert_int_equal(r, (long)A(40));
	CHECK();
	assert_int_equal(touch(A(45), false), VM_FAULT_SIGBUS);
}
