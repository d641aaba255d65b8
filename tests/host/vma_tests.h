/* SPDX-License-Identifier: MIT */
/*
 * What the region host tests share. One cmocka binary (host:vma:<case>):
 * test_vma.c has main(), the case list, and the tree, merge, split,
 * munmap, mprotect and get_unmapped_area cases; test_vma_ops.c the errno
 * table of every call, mremap, madvise, brk, stack growth, fork, the maps
 * report and vm.max_map_count; test_vma_random.c random operation
 * sequences against the reference model (vma_model.c, which the fuzzer
 * shares).
 *
 * Each case runs on the real buddy and slab allocators (slab_harness),
 * the production region code and page-table walker, with one fresh mm;
 * the teardown drops it and checks that every frame and object came back.
 */
#ifndef _VMA_TESTS_H
#define _VMA_TESTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "../../mm/internal.h"
#include "../../mm/vma.h"
#include "slab_harness.h"

#define P		PAGE_SIZE
#define BASE		0x10000000UL
#define A(n)		(BASE + (unsigned long)(n) * P)
#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define FIXED		(ANON | MAP_FIXED)

/* The mm of the running case. */
extern struct mm_struct *tmm;

/* After every step the whole region state must check out. */
#define CHECK()		assert_int_equal(vma_check(tmm), 0)

int vma_setup(void **state);
int vma_teardown(void **state);

/* mmap of n pages at page index i (MAP_FIXED), checked; returns the address. */
unsigned long map_fixed(unsigned long i, unsigned long n, unsigned long prot);
/* The number of regions and the region at address a (or NULL). */
struct vm_area_struct *region(unsigned long a);
/* Touch the page at a (write if write), as a fault would; the fault result. */
vm_fault_t touch(unsigned long a, bool write);

void test_errno_mmap(void **state);
void test_errno_munmap(void **state);
void test_errno_mprotect(void **state);
void test_errno_mremap(void **state);
void test_errno_madvise(void **state);
void test_mremap_shrink_grow_move(void **state);
void test_mremap_fixed(void **state);
void test_madvise_dontneed(void **state);
void test_madvise_dontfork(void **state);
void test_brk(void **state);
void test_expand_stack(void **state);
void test_fork_and_exit(void **state);
void test_show_map(void **state);
void test_max_map_count_param(void **state);
void test_shared_refs(void **state);
void test_random_vs_model(void **state);
void test_random_low_max(void **state);

#endif /* _VMA_TESTS_H */
