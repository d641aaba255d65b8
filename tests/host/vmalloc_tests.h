/* SPDX-License-Identifier: MIT */
/*
 * What the vmalloc host tests share. They are one cmocka binary (cases
 * named host:vmalloc:<case>): test_vmalloc.c has main(), the case list and
 * the area allocator and API cases, test_vmalloc_map.c the mappings of
 * given frames and device memory (vmap, ioremap) and kernel stacks.
 */
#ifndef _VMALLOC_TESTS_H
#define _VMALLOC_TESTS_H

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
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/prng.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <asm/tlbflush.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "host_kernel.h"
#include "host_log.h"
#include "host_tlb.h"
#include "../../mm/vmalloc_internal.h"

#define MIB		(1UL << 20)
#define P		PAGE_SIZE
#define RANGE		(VMALLOC_END - VMALLOC_START)

/* After every operation: the whole state must check out. */
#define CHECK()		assert_int_equal(vmalloc_check(), 0)


/* Buddy allocator (low + high MiB, page debugging), slab allocator, vmalloc. */
static inline void boot_mib(unsigned int low, unsigned int high)
{
	struct harness_cfg cfg;

	harness_cfg_simple(&cfg, low, high);
	cfg.debug = true;
	assert_int_equal(harness_boot(&cfg), 0);
	kmem_cache_init();
	vmalloc_reset();
	host_pgtable_reset();
	vmalloc_init();
	CHECK();
}

/* Every case's fixture: 64 MiB of lowmem and 16 MiB of highmem, then nothing. */
static inline int setup(void **state)
{
	(void)state;
	host_log_reset();
	boot_mib(64, 16);
	return 0;
}

static inline int teardown(void **state)
{
	(void)state;
	fail_page_alloc_set_probability(0);
	vmalloc_reset();
	host_pgtable_reset();
	slab_reset();
	harness_teardown();
	return 0;
}

static inline struct vmalloc_stats stats(void)
{
	struct vmalloc_stats st;

	vmalloc_get_stats(&st);
	return st;
}

static inline unsigned long settled_free(void)
{
	drain_all_pages();
	return nr_free_pages();
}

/*
 * Frames free plus vmalloc's own: invariant across any balanced sequence.
 * The caches are shrunk first: the buddy allocator's reclaim hook may have
 * emptied other caches' arrays and slabs meanwhile.
 */
static inline unsigned long frame_budget(void)
{
	vm_unmap_aliases();
	kmem_cache_shrink_all();
	return settled_free() + vmalloc_meta_pages();
}

/* Slab objects in use but vmalloc's own descriptors: the busy areas' and the rest. */
static inline unsigned long object_budget(void)
{
	vm_unmap_aliases();
	return slab_objects_in_use() - vmalloc_meta_objects();
}

static inline unsigned long A(const void *p)
{
	return (unsigned long)p;
}

void test_vmap_and_ioremap(void **state);
void test_vmap_bad_pages(void **state);
void test_ioremap_refuses_ram(void **state);
void test_ioremap_bounds(void **state);
void test_thread_stack_layout(void **state);
void test_thread_stack_flushed(void **state);

#endif /* _VMALLOC_TESTS_H */
