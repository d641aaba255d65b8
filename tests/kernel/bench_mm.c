// SPDX-License-Identifier: MIT
/*
 * bench=mm: instructions per address-space operation (-icount shift=0).
 *
 *   demand_zero_fault  a store to an untouched page of a private region,
 *                      from the trap entry to the return: decode, region
 *                      lookup, a frame allocated and zeroed, the PTE set
 *   zero_page_fault    a load from an untouched page: the zero page mapped
 *   cow_copy_fault     a store to a page shared with a forked space: a new
 *                      frame and a 4 KiB copy
 *   cow_reuse_fault    the same once the other space is gone: the frame is
 *                      made writable in place
 *   find_vma_<n>       find_vma() alone among n regions (mmap_lock taken
 *                      outside the bracket), at a different region each time
 *   mmap_munmap_page   do_mmap of one anonymous page and its do_munmap
 *   dup_exit_1m        dup_mm of a space with 1 MiB touched, then mmput of
 *                      the copy (dup_mmap + exit_mmap)
 *
 * A fault row's bracket holds one plain load or store with sstatus.SUM set
 * (set and cleared outside the bracket): the count is everything the trap
 * costs. Each sample touches its own page, so the region is samples pages
 * long; the one sample in 1024 that also allocates a page table shows in
 * max, not in the median.
 */
#include <linux/bench.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/printk.h>
#include <linux/prng.h>
#include <linux/sched/mm.h>
#include <asm/csr.h>

#define FAULT_SAMPLES	1001
/* the harness makes one warm-up call before the samples */
#define FAULT_PAGES	(FAULT_SAMPLES + 1)
#define DUP_SAMPLES	31
#define DUP_PAGES	256	/* 1 MiB */

struct mm_bench {
	struct mm_struct *mm, *prev, *child;
	unsigned long base;		/* start of the region the samples use */
	unsigned long next;		/* next page (fault rows) or region (find rows) */
	unsigned long n;		/* regions (find rows) */
	struct prng rng;
};

static struct mm_bench mb;

static void bench_leave(struct mm_bench *b)
{
	if (b->child)
		mmput(b->child);
	if (b->mm) {
		unuse_mm(b->mm, b->prev);
		mmput(b->mm);
		if (!b->prev)
			exit_lazy_mm();
	}
	b->mm = b->child = NULL;
}

/* A current space with a private read-write region of pages pages. */
static void *bench_enter(unsigned long pages, int *err)
{
	long addr;

	mb = (struct mm_bench){ 0 };
	mb.mm = mm_alloc();
	if (!mb.mm) {
		*err = -ENOMEM;
		return NULL;
	}
	mb.prev = use_mm(mb.mm);
	addr = do_mmap(mb.mm, 0, pages << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr)) {
		bench_leave(&mb);
		*err = (int)addr;
		return NULL;
	}
	mb.base = addr;
	return &mb;
}

static void touch_all(struct mm_bench *b, unsigned long pages)
{
	unsigned long i;

	csr_set(sstatus, SR_SUM);
	for (i = 0; i < pages; i++)
		*(volatile u32 *)(b->base + (i << PAGE_SHIFT)) = i;
	csr_clear(sstatus, SR_SUM);
}

static void fault_cleanup(void *arg)
{
	bench_leave(arg);
}

static void *fault_prepare(int *err)
{
	return bench_enter(FAULT_PAGES, err);
}

static u32 demand_zero_op(void *arg)
{
	struct mm_bench *b = arg;
	volatile u32 *p = (u32 *)(b->base + (b->next++ << PAGE_SHIFT));
	u32 start, n;

	csr_set(sstatus, SR_SUM);
	start = bench_begin();
	*p = 1;
	n = bench_end(start);
	csr_clear(sstatus, SR_SUM);
	return n;
}

static u32 zero_page_op(void *arg)
{
	struct mm_bench *b = arg;
	volatile u32 *p = (u32 *)(b->base + (b->next++ << PAGE_SHIFT));
	u32 start, n;

	csr_set(sstatus, SR_SUM);
	start = bench_begin();
	(void)*p;
	n = bench_end(start);
	csr_clear(sstatus, SR_SUM);
	return n;
}

/* Every page touched, then shared with a forked copy (kept alive). */
static void *cow_copy_prepare(int *err)
{
	struct mm_bench *b = bench_enter(FAULT_PAGES, err);

	if (!b)
		return NULL;
	touch_all(b, FAULT_PAGES);
	b->child = dup_mm(b->mm);
	if (!b->child) {
		bench_leave(b);
		*err = -ENOMEM;
		return NULL;
	}
	return b;
}

/* The same, with the copy gone again: every frame has one user. */
static void *cow_reuse_prepare(int *err)
{
	struct mm_bench *b = cow_copy_prepare(err);

	if (b) {
		mmput(b->child);
		b->child = NULL;
	}
	return b;
}

BENCH(bench_mm_demand_zero, .name = "mm.demand_zero_fault", .samples = FAULT_SAMPLES,
      .prepare = fault_prepare, .op = demand_zero_op, .cleanup = fault_cleanup);
BENCH(bench_mm_zero_page, .name = "mm.zero_page_fault", .samples = FAULT_SAMPLES,
      .prepare = fault_prepare, .op = zero_page_op, .cleanup = fault_cleanup);
BENCH(bench_mm_cow_copy, .name = "mm.cow_copy_fault", .samples = FAULT_SAMPLES,
      .prepare = cow_copy_prepare, .op = demand_zero_op, .cleanup = fault_cleanup);
BENCH(bench_mm_cow_reuse, .name = "mm.cow_reuse_fault", .samples = FAULT_SAMPLES,
      .prepare = cow_reuse_prepare, .op = demand_zero_op, .cleanup = fault_cleanup);

/*
 * n one-page regions back to back, alternately read-only and read-write
 * so that no two merge: a tree of n nodes, no gaps.
 */
static void *find_prepare(unsigned long n, int *err)
{
	struct mm_bench *b = bench_enter(1, err);
	unsigned long i, addr;
	long r;

	if (!b)
		return NULL;
	addr = b->base;
	for (i = 1; i < n; i++) {
		addr -= PAGE_SIZE;
		r = do_mmap(b->mm, addr, PAGE_SIZE, i & 1 ? PROT_READ : PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, 0);
		if (r != (long)addr) {
			pr_err("bench: find_vma_%lu: region %lu at %#lx: %ld\n", n, i, addr, r);
			bench_leave(b);
			*err = IS_ERR_VALUE(r) ? (int)r : -EINVAL;
			return NULL;
		}
	}
	if (b->mm->map_count != (int)n) {
		pr_err("bench: find_vma_%lu: %d regions, not %lu\n", n, b->mm->map_count, n);
		bench_leave(b);
		*err = -EINVAL;
		return NULL;
	}
	b->base = addr;
	b->n = n;
	prng_seed(&b->rng, n);
	return b;
}

static void *find_10_prepare(int *err)
{
	return find_prepare(10, err);
}

static void *find_1000_prepare(int *err)
{
	return find_prepare(1000, err);
}

static void *find_60000_prepare(int *err)
{
	return find_prepare(60000, err);
}

static u32 find_op(void *arg)
{
	struct mm_bench *b = arg;
	unsigned long addr = b->base + (prng_below(&b->rng, b->n) << PAGE_SHIFT) + 8;
	struct vm_area_struct *vma;
	u32 start, n;

	mmap_read_lock(b->mm);
	start = bench_begin();
	vma = find_vma(b->mm, addr);
	n = bench_end(start);
	mmap_read_unlock(b->mm);
	if (!vma || vma->vm_start > addr)
		pr_err("bench: find_vma(%#lx) found no region\n", addr);
	return n;
}

BENCH(bench_mm_find_10, .name = "mm.find_vma_10", .prepare = find_10_prepare,
      .op = find_op, .cleanup = fault_cleanup);
BENCH(bench_mm_find_1000, .name = "mm.find_vma_1000", .prepare = find_1000_prepare,
      .op = find_op, .cleanup = fault_cleanup);
BENCH(bench_mm_find_60000, .name = "mm.find_vma_60000", .prepare = find_60000_prepare,
      .op = find_op, .cleanup = fault_cleanup);

static void *mmap_prepare(int *err)
{
	return bench_enter(16, err);
}

static u32 mmap_munmap_op(void *arg)
{
	struct mm_bench *b = arg;
	u32 start = bench_begin();
	long addr = do_mmap(b->mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, 0);

	if (!IS_ERR_VALUE(addr))
		do_munmap(b->mm, addr, PAGE_SIZE);
	return bench_end(start);
}

BENCH(bench_mm_mmap, .name = "mm.mmap_munmap_page", .prepare = mmap_prepare,
      .op = mmap_munmap_op, .cleanup = fault_cleanup);

static void *dup_prepare(int *err)
{
	struct mm_bench *b = bench_enter(DUP_PAGES, err);

	if (b)
		touch_all(b, DUP_PAGES);
	return b;
}

static u32 dup_exit_op(void *arg)
{
	struct mm_bench *b = arg;
	u32 start = bench_begin();
	struct mm_struct *child = dup_mm(b->mm);

	if (child)
		mmput(child);
	return bench_end(start);
}

BENCH(bench_mm_dup, .name = "mm.dup_exit_1m", .samples = DUP_SAMPLES,
      .prepare = dup_prepare, .op = dup_exit_op, .cleanup = fault_cleanup);
