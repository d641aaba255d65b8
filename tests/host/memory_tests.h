/* SPDX-License-Identifier: MIT */
/*
 * What the fault handler's host tests share (one cmocka binary, cases
 * host:memory:<case>): test_memory.c has main(), the fixtures and the
 * private-memory cases, test_memory_shared.c fork, shared anonymous
 * memory, populate and OOM.
 *
 * The tests build address spaces by hand (pgd_alloc, vm_area_structs with
 * vm_get_page_prot), without the region code, and play the MMU of a board
 * that traps on a clear A or D bit (VexRiscv): user_read()/user_write()
 * take the fault the hardware would take and only then touch the frame,
 * through the allocator's kmap hook (user frames may be highmem).
 */
#ifndef _MEMORY_TESTS_H
#define _MEMORY_TESTS_H

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
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "host_log.h"

#define P		PAGE_SIZE
#define BASE		0x10000000UL	/* where the tests' regions start */
#define MAX_VMAS	8

#define VM_PRIVATE_RW	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_SHARED_RW	(VM_PRIVATE_RW | VM_SHARED | VM_MAYSHARE)

/* A hand-made address space: its page directory and a few regions. */
struct test_mm {
	struct mm_struct mm;
	struct vm_area_struct vma[MAX_VMAS];
	unsigned int nr_vmas;
};

struct test_mm *tmm_new(void);
/* A region [start, start + pages * P) with flags; obj for a shared one (a reference is taken). */
struct vm_area_struct *tmm_vma(struct test_mm *t, unsigned long start,
			       unsigned long pages, unsigned long flags,
			       struct shared_anon *obj, unsigned long pgoff);
/* fork: a new mm with the same regions and copy_page_range of each. */
struct test_mm *tmm_fork(struct test_mm *src);
/* Zap every region, drop the objects, free the page directory. */
void tmm_free(struct test_mm *t);

/* The PTE at addr (0 when there is none). */
pte_t pte_at(struct test_mm *t, unsigned long addr);
/* The frame the PTE at addr maps (NULL when none). */
struct page *page_at(struct test_mm *t, unsigned long addr);
/* The vma holding addr (the test's own lookup: no region code). */
struct vm_area_struct *vma_at(struct test_mm *t, unsigned long addr);

/*
 * A user access as the hardware does it: fault (handle_mm_fault must
 * return 0) unless the PTE is present with the right permission and A
 * (and D for a write) set, then check the PTE allows it and touch the
 * frame.
 */
unsigned char user_read(struct test_mm *t, unsigned long addr);
void user_write(struct test_mm *t, unsigned long addr, unsigned char v);
vm_fault_t fault(struct test_mm *t, unsigned long addr, unsigned int flags);

/* Free frames with the caches shrunk and per-CPU lists drained. */
unsigned long free_frames(void);
/* Counters that every case must leave at zero, with every frame back. */
void assert_all_back(unsigned long free_before);
/* mm_pages_check() and buddy_check() of the whole state. */
void check(struct test_mm *t);

extern unsigned long case_free_before;
/* The case's board has highmem. */
extern bool with_highmem;
/* User frames come from highmem when there is some. */
void assert_user_frame(struct page *page);

void test_fork_cow(void **state);
void test_fork_zero_page(void **state);
void test_cow_reuse_after_zap(void **state);
void test_shared_across_fork(void **state);
void test_shared_pgoff_sigbus(void **state);
void test_shared_object_table(void **state);
void test_populate(void **state);
void test_oom(void **state);
void test_oom_fork(void **state);

#endif /* _MEMORY_TESTS_H */
