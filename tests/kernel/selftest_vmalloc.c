// SPDX-License-Identifier: MIT
/*
 * selftest=vmalloc: noncontiguous areas on the live kernel. The first cases
 * follow the scenarios of Linux's lib/test_vmalloc.c (written anew for this
 * kernel, with smaller loop counts); the rest check what this kernel
 * promises on top: guard pages fault, a directory made before a mapping
 * reaches it through the fault handler, vfree from an interrupt, bad
 * pointers, exhaustion, the lazy TLB purge, ioremap (and what it refuses),
 * kernel stacks and traps taken on a fresh one, and kmap's pool.
 *
 * Every case starts and ends with the lazy areas purged and the per-CPU
 * page lists drained, and must end with the same number of frames free,
 * counting the frames vmalloc keeps for itself (page tables, which are
 * never freed, and its descriptor cache (vmap_area)) as vmalloc_meta_pages() reports
 * them; vmalloc_check() must pass.
 */
#include <string.h>

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/prng.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/spinlock.h>
#include <linux/time.h>
#include <linux/vmalloc.h>
#include <asm/extable.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

struct vm_snapshot {
	unsigned long free;	/* buddy frames, per-CPU lists drained */
	unsigned long meta;	/* vmalloc_meta_pages() */
	unsigned long areas;
};

static void snapshot(struct vm_snapshot *s)
{
	struct vmalloc_stats st;

	vm_unmap_aliases();
	drain_all_pages();
	vmalloc_get_stats(&st);
	s->free = nr_free_pages();
	s->meta = st.meta_pages + st.pgtable_pages;
	s->areas = st.nr_busy;
}

static void expect_clean(struct selftest *t, const struct vm_snapshot *before)
{
	struct vm_snapshot now;

	snapshot(&now);
	ST_EXPECT_EQ(t, now.free + now.meta, before->free + before->meta);
	ST_EXPECT_EQ(t, now.areas, before->areas);
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
}

/* A word derived from the address and a seed, to catch misplaced pages. */
static u32 token(unsigned long addr, u32 seed)
{
	u32 x = (u32)addr * 0x9e3779b1u ^ seed;

	x ^= x >> 15;
	x *= 0x85ebca6bu;
	return x ^ (x >> 13);
}

/* Write a token every 64 words of [p, p + size), and the last word. */
static void fill(void *p, unsigned long size, u32 seed)
{
	u32 *w = p;
	unsigned long i, n = size / 4;

	for (i = 0; i < n; i += 64)
		w[i] = token((unsigned long)&w[i], seed);
	w[n - 1] = token((unsigned long)&w[n - 1], seed);
}

static bool verify(const void *p, unsigned long size, u32 seed)
{
	const u32 *w = p;
	unsigned long i, n = size / 4;

	for (i = 0; i < n; i += 64)
		if (w[i] != token((unsigned long)&w[i], seed))
			return false;
	return w[n - 1] == token((unsigned long)&w[n - 1], seed);
}

static void fix_size_alloc(struct selftest *t)
{
	struct vm_snapshot before;
	unsigned int i;

	snapshot(&before);
	for (i = 0; i < 1000; i++) {
		void *p = vmalloc(3 * PAGE_SIZE);

		ST_ASSERT(t, p != NULL);
		ST_EXPECT(t, is_vmalloc_addr(p));
		fill(p, 3 * PAGE_SIZE, i);
		ST_EXPECT(t, verify(p, 3 * PAGE_SIZE, i));
		vfree(p);
	}
	expect_clean(t, &before);
}

/*
 * Busy areas with one-page holes between them: a one-page request (plus
 * its guard) fits a hole exactly, and first fit fills them lowest first.
 */
static void full_fit_alloc(struct selftest *t)
{
	enum { N = 64 };
	void *keep[N], *junk[N], *fit[N];
	struct vmalloc_stats st;
	struct vm_snapshot before;
	unsigned int i;

	snapshot(&before);
	for (i = 0; i < N; i++) {
		keep[i] = vmalloc(PAGE_SIZE);
		junk[i] = vmalloc(PAGE_SIZE);
		ST_ASSERT(t, keep[i] && junk[i]);
	}
	vmalloc_get_stats(&st);
	for (i = 0; i < N; i++)
		vfree(junk[i]);
	vm_unmap_aliases();
	for (i = 0; i < N; i++) {
		fit[i] = vmalloc(PAGE_SIZE);
		ST_EXPECT(t, fit[i] == junk[i]);
	}
	/*
	 * The holes are used up exactly, nothing was split: the free ranges
	 * are those before the junk went (each junk area left a hole, or
	 * grew the free range next to it, and its fit took all of it back;
	 * where the run starts, below a kernel stack or at the top of the
	 * used space, does not matter).
	 */
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
	{
		struct vmalloc_stats after;

		vmalloc_get_stats(&after);
		ST_EXPECT_EQ(t, after.nr_free, st.nr_free);
	}
	for (i = 0; i < N; i++) {
		vfree(fit[i]);
		vfree(keep[i]);
	}
	expect_clean(t, &before);
}

/* Many small busy areas, then large requests that must search past them. */
static void long_busy_list_alloc(struct selftest *t)
{
	struct vm_snapshot before;
	unsigned long n, i;
	void **busy;

	snapshot(&before);
	n = min(15000UL, before.free / 4);
	busy = vmalloc(n * sizeof(*busy));
	ST_ASSERT(t, busy != NULL);
	for (i = 0; i < n; i++) {
		busy[i] = vmalloc(PAGE_SIZE);
		if (!busy[i])
			break;
	}
	ST_EXPECT_EQ(t, i, n);
	n = i;
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
	for (i = 0; i < 1000; i++) {
		void *p = vmalloc(100 * PAGE_SIZE);

		ST_ASSERT(t, p != NULL);
		fill(p, 100 * PAGE_SIZE, i);
		ST_EXPECT(t, verify(p, 100 * PAGE_SIZE, i));
		vfree(p);
	}
	for (i = 0; i < n; i++)
		vfree(busy[i]);
	vfree(busy);
	pr_info("vmalloc selftest: %lu busy areas, 1000 searches past them\n", n);
	expect_clean(t, &before);
}

static void random_size_alloc(struct selftest *t)
{
	struct vm_snapshot before;
	struct prng rng;
	unsigned int i;

	snapshot(&before);
	prng_seed(&rng, 0x7e57);
	for (i = 0; i < 1000; i++) {
		unsigned long size = (prng_below(&rng, 100) + 1) * PAGE_SIZE;
		void *p = vmalloc(size);

		ST_ASSERT(t, p != NULL);
		fill(p, size, i);
		ST_EXPECT(t, verify(p, size, i));
		vfree(p);
	}
	expect_clean(t, &before);
}

static bool all_zero(const void *p, unsigned long size)
{
	const u32 *w = p;
	unsigned long i;

	for (i = 0; i < size / 4; i += 61)
		if (w[i])
			return false;
	return w[size / 4 - 1] == 0;
}

static void fix_align_alloc(struct selftest *t)
{
	const unsigned long align = THREAD_ALIGN << 1;
	struct vm_snapshot before;
	unsigned int i;

	snapshot(&before);
	for (i = 0; i < 1000; i++) {
		void *p = __vmalloc_node(5 * PAGE_SIZE, align, GFP_KERNEL | __GFP_ZERO,
					 NUMA_NO_NODE, __builtin_return_address(0));

		ST_ASSERT(t, p != NULL);
		ST_EXPECT_EQ(t, (unsigned long)p & (align - 1), 0);
		ST_EXPECT(t, all_zero(p, 5 * PAGE_SIZE));
		vfree(p);
	}
	expect_clean(t, &before);
}

static void random_size_align_alloc(struct selftest *t)
{
	struct vm_snapshot before;
	struct prng rng;
	unsigned int i;

	snapshot(&before);
	prng_seed(&rng, 0xa119);
	for (i = 0; i < 1000; i++) {
		unsigned long align = PAGE_SIZE << prng_below(&rng, 11);
		unsigned long size = (prng_below(&rng, 100) + 1) * PAGE_SIZE;
		void *p = __vmalloc_node(size, align, GFP_KERNEL, NUMA_NO_NODE,
					 __builtin_return_address(0));

		ST_ASSERT(t, p != NULL);
		ST_EXPECT_EQ(t, (unsigned long)p & (align - 1), 0);
		fill(p, size, i);
		ST_EXPECT(t, verify(p, size, i));
		vfree(p);
	}
	expect_clean(t, &before);
}

/*
 * Every power-of-two alignment: up to 4 MiB there is room; from 1 GiB on
 * no address of the range is aligned, so the call must fail cleanly (NULL,
 * counted, nothing left behind). Odd alignments are refused.
 */
static void align_shift_alloc(struct selftest *t)
{
	struct vmalloc_stats st0, st1;
	struct vm_snapshot before;
	unsigned int shift;
	void *p;

	snapshot(&before);
	vmalloc_get_stats(&st0);
	for (shift = 0; shift < 32; shift++) {
		unsigned long align = 1UL << shift;

		p = __vmalloc_node(PAGE_SIZE, align, GFP_KERNEL | __GFP_NOWARN,
				   NUMA_NO_NODE, __builtin_return_address(0));
		if (shift <= 22)
			ST_EXPECT(t, p != NULL);
		if (shift >= 30)
			ST_EXPECT(t, p == NULL);
		if (p)
			ST_EXPECT_EQ(t, (unsigned long)p & (align - 1), 0);
		vfree(p);
		ST_EXPECT_EQ(t, vmalloc_check(), 0);
	}
	p = __vmalloc_node(PAGE_SIZE, 3 * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN,
			   NUMA_NO_NODE, __builtin_return_address(0));
	ST_EXPECT(t, p == NULL);
	vmalloc_get_stats(&st1);
	ST_EXPECT(t, st1.failures >= st0.failures + 3);
	expect_clean(t, &before);
}

/*
 * vm_map_ram-style: frames allocated one by one with other allocations in
 * between (scattered, highmem ones when the board has it) become one
 * virtually contiguous mapping; both views see the same data.
 */
static void vmap_scattered_pages(struct selftest *t)
{
	enum { N = 64 };
	struct page *pages[N], *spacer[N];
	struct vm_snapshot before;
	unsigned int i;
	u32 *va, *k;

	snapshot(&before);
	for (i = 0; i < N; i++) {
		pages[i] = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL);
		spacer[i] = alloc_pages(GFP_KERNEL, i % 3);
		ST_ASSERT(t, pages[i] && spacer[i]);
		k = kmap_atomic(pages[i]);
		k[i] = token(i, 1);
		kunmap_atomic(k);
	}
	for (i = 0; i < N; i++)
		__free_pages(spacer[i], i % 3);
	va = vmap(pages, N, VM_MAP, PAGE_KERNEL);
	ST_ASSERT(t, va != NULL);
	for (i = 0; i < N; i++) {
		u32 *page_va = (u32 *)((char *)va + i * PAGE_SIZE);

		ST_EXPECT(t, vmalloc_to_page(page_va) == pages[i]);
		ST_EXPECT_EQ(t, page_va[i], token(i, 1));
		page_va[i + 1] = token(i, 2);
	}
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
	vunmap(va);
	vm_unmap_aliases();
	ST_EXPECT(t, vmalloc_to_page(va) == NULL);
	for (i = 0; i < N; i++) {
		k = kmap_atomic(pages[i]);
		ST_EXPECT_EQ(t, k[i + 1], token(i, 2));
		kunmap_atomic(k);
		__free_page(pages[i]);
	}
	expect_clean(t, &before);
}

/*
 * vmalloc with GFP_ATOMIC and vfree from the timer interrupt; the worker
 * finishes the deferred frees (vfree_work) without another vmalloc call.
 */
static struct {
	unsigned int runs, ok, failed, bad, not_irq;
	void *handoff;		/* made in task context, freed by the interrupt */
} irq_vm;

static void irq_vmalloc_hook(void *arg)
{
	unsigned long size = (irq_vm.runs % 4 + 1) * PAGE_SIZE;
	void *p;

	irq_vm.runs++;
	if (!in_interrupt())
		irq_vm.not_irq++;
	p = __vmalloc(size, GFP_ATOMIC);
	if (!p) {
		irq_vm.failed++;
		return;
	}
	fill(p, size, irq_vm.runs);
	if (!verify(p, size, irq_vm.runs))
		irq_vm.bad++;
	vfree(p);		/* deferred: this is interrupt context */
	if (irq_vm.handoff) {
		vfree(irq_vm.handoff);
		irq_vm.handoff = NULL;
	}
	irq_vm.ok++;
}

static void atomic_context_alloc(struct selftest *t)
{
	struct tick_hook hook = { .fn = irq_vmalloc_hook, .period = 1 };
	struct vm_snapshot before;
	struct vmalloc_stats st;
	unsigned long flags, pages0;
	unsigned int i;
	u64 end;
	void *p;

	snapshot(&before);
	/* task context with interrupts off: done at once, not deferred */
	local_irq_save(flags);
	p = __vmalloc(2 * PAGE_SIZE, GFP_ATOMIC);
	ST_EXPECT(t, p != NULL);
	if (p)
		fill(p, 2 * PAGE_SIZE, 7);
	ST_EXPECT(t, p && verify(p, 2 * PAGE_SIZE, 7));
	vfree(p);
	vmalloc_get_stats(&st);
	local_irq_restore(flags);
	ST_EXPECT_EQ(t, st.nr_deferred, 0);

	memset(&irq_vm, 0, sizeof(irq_vm));
	vmalloc_get_stats(&st);
	pages0 = st.vmalloc_pages;
	irq_vm.handoff = vmalloc(PAGE_SIZE);
	ST_ASSERT(t, irq_vm.handoff != NULL);
	tick_hook_register(&hook);
	end = ktime_get_ns() + 100 * NSEC_PER_MSEC;
	while (ktime_get_ns() < end)
		__asm__ __volatile__("wfi");
	tick_hook_unregister(&hook);
	ST_EXPECT(t, irq_vm.runs >= 5);
	ST_EXPECT_EQ(t, irq_vm.ok, irq_vm.runs);
	ST_EXPECT_EQ(t, irq_vm.failed + irq_vm.bad + irq_vm.not_irq, 0);
	ST_EXPECT(t, irq_vm.handoff == NULL);
	/*
	 * Every interrupt-context vfree queued vfree_work: the worker finishes
	 * them, so their frames come back with no further vmalloc-family call
	 * from here (sleeping only lets the worker run).
	 */
	for (i = 0; i < 10; i++) {
		vmalloc_get_stats(&st);
		if (!st.nr_deferred)
			break;
		msleep(10);
	}
	ST_EXPECT_EQ(t, st.nr_deferred, 0);
	ST_EXPECT_EQ(t, st.vmalloc_pages, pages0);
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
	expect_clean(t, &before);
}

/* Guard pages fault and are not "fixed" by the vmalloc fault path. */
static void guard_pages_fault(struct selftest *t)
{
	struct vm_snapshot before;
	unsigned long sync0 = vmalloc_sync_faults;
	char *p, *stack;
	u32 v;

	snapshot(&before);
	p = vmalloc(2 * PAGE_SIZE);
	ST_ASSERT(t, p != NULL);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, p + 2 * PAGE_SIZE - 4), 0);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, p + 2 * PAGE_SIZE), -EFAULT);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, p + 3 * PAGE_SIZE - 4), -EFAULT);
	vfree(p);
	vm_unmap_aliases();
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, p), -EFAULT);

	stack = alloc_thread_stack();
	ST_ASSERT(t, stack != NULL);
	ST_EXPECT_EQ(t, ((unsigned long)stack - THREAD_SIZE) & (THREAD_ALIGN - 1), 0);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, stack), 0);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, stack + THREAD_SIZE - 4), 0);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, stack - 4), -EFAULT);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, stack - THREAD_SIZE), -EFAULT);
	ST_EXPECT_EQ(t, get_kernel_nofault_u32(&v, stack + THREAD_SIZE), -EFAULT);
	free_thread_stack(stack);
	ST_EXPECT_EQ(t, vmalloc_sync_faults, sync0);
	expect_clean(t, &before);
}

/* A 4 MiB region of the range that has no level-1 entry in the master directory. */
static unsigned long unmapped_region(unsigned long skip)
{
	unsigned long r;

	for (r = VMALLOC_END - PGDIR_SIZE; r >= VMALLOC_START; r -= PGDIR_SIZE)
		if (r != skip && pgd_none(*pgd_offset_k(r)))
			return r;
	return 0;
}

/*
 * ULK's "Handling Noncontiguous Memory Area Accesses": a directory copied
 * from the master (as each mm's will be) before a mapping exists reaches
 * that mapping through the fault handler, which copies the master's
 * level-1 entry. An address the master does not map stays a fault.
 */
static void new_mapping_reaches_old_pgd(struct selftest *t)
{
	struct vm_snapshot before;
	unsigned long region, other, sync0, flags;
	struct mm_struct mm = { .task_size = TASK_SIZE };	/* only a directory */
	pgd_t *pgd;
	u32 *p, v = 0, w;
	int err;

	snapshot(&before);
	region = unmapped_region(0);
	other = unmapped_region(region);
	if (!region || !other)
		ST_SKIP(t, "every region of the range already has a page table");
	pgd = mm.pgd = pgd_alloc(&mm);
	ST_ASSERT(t, pgd != NULL);
	local_irq_save(flags);
	switch_mm(&init_mm, &mm);
	p = __vmalloc_node_range(PAGE_SIZE, PAGE_SIZE, region, region + PGDIR_SIZE,
				 GFP_ATOMIC, PAGE_KERNEL, 0, NUMA_NO_NODE,
				 __builtin_return_address(0));
	sync0 = vmalloc_sync_faults;
	if (p) {
		ST_EXPECT(t, pgd_present(*pgd_offset_k(region)));
		ST_EXPECT(t, pgd_none(*pgd_offset(&mm, region)));
		*p = 0x5ca1ab1e;	/* faults once: the entry is copied */
		v = *p;
	}
	err = get_kernel_nofault_u32(&w, (void *)other);
	switch_mm(&mm, &init_mm);
	local_irq_restore(flags);

	ST_ASSERT(t, p != NULL);
	ST_EXPECT_EQ(t, v, 0x5ca1ab1e);
	ST_EXPECT_EQ(t, vmalloc_sync_faults, sync0 + 1);
	ST_EXPECT_EQ(t, *pgd_offset(&mm, region), *pgd_offset_k(region));
	ST_EXPECT_EQ(t, err, -EFAULT);
	ST_EXPECT(t, pgd_none(*pgd_offset(&mm, other)));
	ST_EXPECT_EQ(t, mm.cpu_mask, 0);	/* switch_mm took this hart out again */
	vfree(p);
	pgd_free(&mm, pgd);
	expect_clean(t, &before);
}

/* Bad input is refused, reported with the caller, and changes nothing. */
static void bad_input(struct selftest *t)
{
	static u32 not_vmalloc;
	struct vmalloc_stats st0, st1;
	struct vm_snapshot before;
	char *p;

	ST_EXPECT_ERRORS(t, "is not page aligned", "is inside an area, not its start",
			 "is not a vmalloc address", "is not the start of an area",
			 "vunmap: bad address", "iounmap: bad address",
			 "free_thread_stack: bad address", "was already freed",
			 "is not the start of an area");
	snapshot(&before);
	vmalloc_get_stats(&st0);
	ST_EXPECT(t, vmalloc(0) == NULL);
	ST_EXPECT(t, vmalloc(VMALLOC_END - VMALLOC_START + 1) == NULL);
	ST_EXPECT(t, vzalloc(~0UL) == NULL);
	ST_EXPECT(t, ioremap(0x10000000, 0) == NULL);
	ST_EXPECT(t, vmap(NULL, 1, 0, PAGE_KERNEL) == NULL);
	p = vmalloc(2 * PAGE_SIZE);
	ST_ASSERT(t, p != NULL);
	fill(p, 2 * PAGE_SIZE, 3);
	vfree(p + 1);			/* not page aligned */
	vfree(p + PAGE_SIZE);		/* inside the area */
	vfree(&not_vmalloc);		/* not a vmalloc address */
	vfree((void *)(VMALLOC_END - PAGE_SIZE));	/* no area there */
	vunmap(p);			/* a vmalloc area, not a vmap one */
	iounmap(p);			/* nor an ioremap one */
	free_thread_stack(p);		/* nor a stack */
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
	ST_EXPECT(t, verify(p, 2 * PAGE_SIZE, 3));	/* untouched */
	vfree(p);
	vfree(p);			/* double free: the area is lazy */
	vm_unmap_aliases();
	vfree(p);			/* and now it is a free range */
	vmalloc_get_stats(&st1);
	ST_EXPECT_EQ(t, st1.bad_frees, st0.bad_frees + 9);
	ST_EXPECT_EQ(t, st1.failures, st0.failures + 5);
	expect_clean(t, &before);
}

/* Fill the range with bare areas until nothing fits; everything then fails cleanly. */
static void range_exhaustion(struct selftest *t)
{
	enum { MAX_RESERVED = 128 };
	struct vm_struct *res[MAX_RESERVED];
	unsigned long size = 64UL << 20, frames;
	struct vm_snapshot before;
	struct vmalloc_stats st;
	unsigned int n = 0, i;

	snapshot(&before);
	while (size >= PAGE_SIZE && n < MAX_RESERVED) {
		struct vm_struct *a = get_vm_area(size, 0);

		if (a)
			res[n++] = a;
		else
			size >>= 1;
	}
	vmalloc_get_stats(&st);
	ST_EXPECT(t, size < PAGE_SIZE);
	/* a free range of one page holds nothing: every area has a guard page */
	ST_EXPECT(t, st.largest_free < 2 * PAGE_SIZE);
	drain_all_pages();
	frames = nr_free_pages();
	ST_EXPECT(t, vmalloc(PAGE_SIZE) == NULL);
	ST_EXPECT(t, vzalloc(8 * PAGE_SIZE) == NULL);
	ST_EXPECT(t, alloc_thread_stack() == NULL);
	ST_EXPECT(t, ioremap(0x10000000, PAGE_SIZE) == NULL);
	drain_all_pages();
	ST_EXPECT_EQ(t, nr_free_pages(), frames);
	ST_EXPECT_EQ(t, vmalloc_check(), 0);
	for (i = 0; i < n; i++)
		free_vm_area(res[i]);
	pr_info("vmalloc selftest: range full after %u reservations\n", n);
	expect_clean(t, &before);
}

/*
 * vfree does not flush the TLB: the range waits, unusable, until one purge
 * flushes for a whole batch; after it the range is handed out again.
 */
static void lazy_tlb_purge(struct selftest *t)
{
	struct vmalloc_stats st0, st1;
	struct vm_snapshot before;
	unsigned long flushes;
	void *p, *q;
	unsigned int i;

	snapshot(&before);
	vmalloc_get_stats(&st0);
	flushes = kernel_tlb_flushes();
	p = vmalloc(PAGE_SIZE);
	ST_ASSERT(t, p != NULL);
	vfree(p);
	q = vmalloc(PAGE_SIZE);
	ST_EXPECT(t, q != p);		/* p's range waits for its flush */
	vfree(q);
	for (i = 0; i < 100; i++)
		vfree(vmalloc(PAGE_SIZE));
	vmalloc_get_stats(&st1);
	ST_EXPECT_EQ(t, kernel_tlb_flushes(), flushes);
	ST_EXPECT_EQ(t, st1.nr_lazy, 102);
	vm_unmap_aliases();
	ST_EXPECT_EQ(t, kernel_tlb_flushes(), flushes + 1);
	vmalloc_get_stats(&st1);
	ST_EXPECT_EQ(t, st1.nr_lazy, 0);
	ST_EXPECT_EQ(t, st1.purges, st0.purges + 1);
	q = vmalloc(PAGE_SIZE);
	ST_EXPECT(t, q == p);		/* flushed: first fit finds it again */
	vfree(q);
	/* 10 MiB of frees pass the 8 MiB threshold: a purge on its own */
	vm_unmap_aliases();
	vmalloc_get_stats(&st0);
	for (i = 0; i < 10; i++)
		vfree(vmalloc(1UL << 20));
	vmalloc_get_stats(&st1);
	ST_EXPECT_EQ(t, st1.purges, st0.purges + 1);
	expect_clean(t, &before);
}

/*
 * ioremap maps device memory, never RAM (a RAM frame is refused with a
 * warning naming the caller) and nothing past Sv32's 34-bit physical
 * space; the first page past RAM maps onto the right frame, offset kept
 * (not touched: nothing need be there). vmap refuses a NULL page.
 */
static void ioremap_refuses_ram(struct selftest *t)
{
	struct vmalloc_stats st0, st1;
	struct vm_snapshot before;
	phys_addr_t past_ram = memblock_end_of_DRAM();
	struct page *pages[2];
	struct vm_struct *vm;
	u32 *io;

	ST_EXPECT_ERRORS(t, "vmap: pages[");	/* the refused vmap is a caller bug */
	snapshot(&before);
	vmalloc_get_stats(&st0);
	pages[0] = alloc_page(GFP_KERNEL);
	ST_ASSERT(t, pages[0] != NULL);
	ST_EXPECT(t, ioremap(PFN_PHYS(page_to_pfn(pages[0])) + 0x40, 64) == NULL);
	ST_EXPECT(t, ioremap(past_ram - 8, 16) == NULL);	/* its last bytes are RAM */
	ST_EXPECT(t, ioremap(PTE_PHYS_LIMIT - PAGE_SIZE, 2 * PAGE_SIZE) == NULL);
	pages[1] = NULL;
	ST_EXPECT(t, vmap(pages, 2, 0, PAGE_KERNEL) == NULL);
	vmalloc_get_stats(&st1);
	ST_EXPECT_EQ(t, st1.failures, st0.failures + 4);
	ST_EXPECT_EQ(t, st1.nr_busy, st0.nr_busy);
	__free_page(pages[0]);

	io = ioremap(past_ram + 0x40, 64);
	ST_ASSERT(t, io != NULL);
	ST_EXPECT_EQ(t, (unsigned long)io & ~PAGE_MASK, 0x40);
	ST_EXPECT_EQ(t, vmalloc_to_pfn(io), PFN_DOWN(past_ram));
	ST_EXPECT(t, vmalloc_to_page(io) == NULL);
	vm = find_vm_area((void *)((unsigned long)io & PAGE_MASK));
	ST_EXPECT(t, vm && (vm->flags & VM_IOREMAP));
	iounmap(io);
	expect_clean(t, &before);
}

/* Kernel stacks: THREAD_ALIGN layout, usable, many at once, all returned. */
static void kernel_stacks(struct selftest *t)
{
	enum { N = 32 };
	struct vm_snapshot before;
	void *s[N];
	unsigned int i;

	snapshot(&before);
	for (i = 0; i < N; i++) {
		s[i] = alloc_thread_stack();
		ST_ASSERT(t, s[i] != NULL);
		ST_EXPECT(t, (unsigned long)s[i] & THREAD_SIZE);
		fill(s[i], THREAD_SIZE, i);
	}
	for (i = 0; i < N; i++) {
		ST_EXPECT(t, verify(s[i], THREAD_SIZE, i));
		free_thread_stack(s[i]);
	}
	expect_clean(t, &before);
}

/* The tick hook's view of a trap taken on the fresh stack. */
static struct {
	unsigned int runs;
	unsigned long sp;	/* sp in the first run (interrupt context) */
} fresh_irq;

static void fresh_stack_hook(void *arg)
{
	unsigned long sp;

	__asm__ __volatile__("mv %0, sp" : "=r"(sp));
	if (!fresh_irq.runs++)
		fresh_irq.sp = sp;
}

/*
 * Runs on the fresh stack: a page fault fixed up through the exception
 * table, then a wait for the tick (the interrupt's frame is pushed here).
 * Returns the fixed-up access's result.
 */
static noinline long traps_on_this_stack(unsigned long unmapped)
{
	struct tick_hook hook = { .fn = fresh_stack_hook, .period = 1 };
	u64 end = ktime_get_ns() + 100 * NSEC_PER_MSEC;
	long err;
	u32 v;

	err = get_kernel_nofault_u32(&v, (void *)unmapped);
	tick_hook_register(&hook);	/* every run until unregistered is on this stack */
	while (!READ_ONCE(fresh_irq.runs) && ktime_get_ns() < end)
		__asm__ __volatile__("wfi");
	tick_hook_unregister(&hook);
	return err;
}

/* fn(arg) with sp at top (the way a task runs on its stack). */
static long call_on_stack(long (*fn)(unsigned long), unsigned long arg, unsigned long top)
{
	register long a0 __asm__("a0") = (long)arg;

	__asm__ __volatile__(
		"	mv	s1, sp\n"
		"	mv	sp, %1\n"
		"	jalr	%2\n"
		"	mv	sp, s1\n"
		: "+r"(a0) : "r"(top), "r"(fn)
		: "s1", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
		  "a1", "a2", "a3", "a4", "a5", "a6", "a7", "memory");
	return a0;
}

/*
 * Traps on a stack fresh from alloc_thread_stack(): the trap entry pushes
 * its frame onto pages nothing touched before, which must not fault
 * (arch/riscv/entry.S). QEMU caches no invalid translation, so what shows
 * here is that such traps work (an exception fixed up, a timer interrupt
 * whose handler ran on this stack) and that the stack was flushed from the
 * TLB when it was mapped (one shootdown), which real harts rely on.
 */
static void trap_on_fresh_stack(struct selftest *t)
{
	struct vm_snapshot before;
	unsigned long flushes, top;
	char *stack;
	long err;

	snapshot(&before);
	flushes = kernel_tlb_flushes();
	stack = alloc_thread_stack();
	ST_ASSERT(t, stack != NULL);
	ST_EXPECT_EQ(t, kernel_tlb_flushes(), flushes + 1);
	top = (unsigned long)stack + THREAD_SIZE;
	memset(&fresh_irq, 0, sizeof(fresh_irq));
	err = call_on_stack(traps_on_this_stack, (unsigned long)stack - PAGE_SIZE, top);
	ST_EXPECT_EQ(t, err, -EFAULT);	/* the guard below faulted, fixed up */
	ST_EXPECT(t, fresh_irq.runs > 0);
	ST_EXPECT(t, fresh_irq.sp >= (unsigned long)stack && fresh_irq.sp < top);
	free_thread_stack(stack);
	expect_clean(t, &before);
}

/*
 * kmap's pool (LAST_PKMAP slots in the pkmap window) on high memory: a
 * kmap of a mapped page shares its slot; when every slot has a user kmap
 * sleeps (a kernel thread blocks in it, still blocked after 30 ms) until
 * the test's kunmap leaves a slot unused, and then recycles it through
 * one TLB shootdown of the window (flush_tlb_kernel_range: every hart).
 * kmap in interrupt context is refused.
 */
static struct {
	struct page *page;
	void *va;
	bool done;
} kmap_sleeper;

static int kmap_sleeper_fn(void *arg)
{
	(void)arg;
	kmap_sleeper.va = kmap(kmap_sleeper.page);
	WRITE_ONCE(kmap_sleeper.done, true);
	return 0;
}

static struct page *kmap_irq_page;
static void *kmap_irq_result;
static unsigned int kmap_irq_runs;

static void kmap_irq_hook(void *arg)
{
	if (!kmap_irq_runs++)
		kmap_irq_result = kmap(kmap_irq_page);
}

static void kmap_pool(struct selftest *t)
{
	enum { N = LAST_PKMAP + 1 };
	struct tick_hook hook = { .fn = kmap_irq_hook, .period = 1 };
	struct task_struct *sleeper;
	struct vm_snapshot before;
	unsigned long flushes, waits;
	struct page **pages;
	unsigned int i, n = 0;
	int status = -1;
	pid_t pid;
	u64 end;
	u32 *va;

	ST_EXPECT_ERRORS(t, "in interrupt context (caller");
	snapshot(&before);
	pages = vmalloc(N * sizeof(*pages));
	ST_ASSERT(t, pages != NULL);
	while (n < N && (pages[n] = alloc_page(GFP_HIGHUSER)) && PageHighMem(pages[n]))
		n++;
	if (n < N) {
		if (pages[n])
			__free_page(pages[n]);
		while (n--)
			__free_page(pages[n]);
		vfree(pages);
		expect_clean(t, &before);	/* leaves no lazy area behind either */
		ST_SKIP(t, "needs LAST_PKMAP + 1 free high memory frames");
	}
	for (i = 0; i < LAST_PKMAP; i++) {
		va = kmap(pages[i]);
		ST_ASSERT(t, va != NULL);
		*va = token(page_to_pfn(pages[i]), 11);
	}
	ST_EXPECT_EQ(t, kmap_pool_mapped(), LAST_PKMAP);
	ST_EXPECT(t, kmap(pages[7]) == kmap(pages[7]));	/* shared slot, two more users */
	kunmap(pages[7]);
	kunmap(pages[7]);
	/* every slot has a user: the thread's kmap sleeps */
	memset(&kmap_sleeper, 0, sizeof(kmap_sleeper));
	kmap_sleeper.page = pages[LAST_PKMAP];
	sleeper = kthread_create(kmap_sleeper_fn, NULL, "kmap-sleeper");
	ST_ASSERT(t, sleeper != NULL);
	pid = sleeper->pid;
	/* after the new stack's own flush */
	flushes = kernel_tlb_flushes();
	waits = kmap_pool_waits();
	wake_up_process(sleeper);
	msleep(30);
	ST_EXPECT(t, !READ_ONCE(kmap_sleeper.done));
	ST_EXPECT_EQ(t, kmap_pool_waits(), waits + 1);
	ST_EXPECT_EQ(t, kernel_tlb_flushes(), flushes);
	kunmap(pages[3]);		/* wakes it: it recycles pages[3]'s slot */
	for (i = 0; i < 20 && !READ_ONCE(kmap_sleeper.done); i++)
		msleep(5);
	ST_EXPECT(t, READ_ONCE(kmap_sleeper.done));
	va = kmap_sleeper.va;
	ST_EXPECT(t, va != NULL);
	ST_EXPECT_EQ(t, kernel_tlb_flushes(), flushes + 1);
	ST_EXPECT_EQ(t, kmap_pool_mapped(), LAST_PKMAP);
	ST_EXPECT_EQ(t, kernel_wait4(pid, &status, 0), pid);
	ST_EXPECT_EQ(t, status, 0);
	if (va)
		*va = token(page_to_pfn(pages[LAST_PKMAP]), 11);

	kmap_irq_page = pages[5];
	kmap_irq_runs = 0;
	kmap_irq_result = pages;	/* anything but NULL */
	tick_hook_register(&hook);
	end = ktime_get_ns() + 100 * NSEC_PER_MSEC;
	while (!READ_ONCE(kmap_irq_runs) && ktime_get_ns() < end)
		__asm__ __volatile__("wfi");
	tick_hook_unregister(&hook);
	ST_EXPECT(t, kmap_irq_runs > 0);
	ST_EXPECT(t, kmap_irq_result == NULL);

	for (i = 0; i < N; i++) {
		if (i == 3)
			continue;
		kunmap(pages[i]);
	}
	for (i = 0; i < N; i++) {
		va = kmap_atomic(pages[i]);
		ST_EXPECT_EQ(t, *va, token(page_to_pfn(pages[i]), 11));
		kunmap_atomic(va);
		__free_page(pages[i]);
	}
	vfree(pages);
	expect_clean(t, &before);
}

static const struct selftest_case vmalloc_cases[] = {
	{ "fix_size_alloc", fix_size_alloc },
	{ "full_fit_alloc", full_fit_alloc },
	{ "long_busy_list_alloc", long_busy_list_alloc },
	{ "random_size_alloc", random_size_alloc },
	{ "fix_align_alloc", fix_align_alloc },
	{ "random_size_align_alloc", random_size_align_alloc },
	{ "align_shift_alloc", align_shift_alloc },
	{ "vmap_scattered_pages", vmap_scattered_pages },
	{ "atomic_context_alloc", atomic_context_alloc },
	{ "guard_pages_fault", guard_pages_fault },
	{ "new_mapping_reaches_old_pgd", new_mapping_reaches_old_pgd },
	{ "bad_input", bad_input },
	{ "range_exhaustion", range_exhaustion },
	{ "lazy_tlb_purge", lazy_tlb_purge },
	{ "ioremap_refuses_ram", ioremap_refuses_ram },
	{ "kernel_stacks", kernel_stacks },
	{ "trap_on_fresh_stack", trap_on_fresh_stack },
	{ "kmap_pool", kmap_pool },
};

SELFTEST_SUITE(vmalloc_suite, "vmalloc", vmalloc_cases);
