// SPDX-License-Identifier: MIT
/*
 * selftest=mm: process address spaces on the live kernel, driven from
 * kernel code (user mode comes with tasks). Each case builds address
 * spaces with mm_alloc()/do_mmap(), switches this hart to them with
 * use_mm(), and makes real page faults: through the uaccess helpers
 * (copy_to_user and friends, whose faults the exception table turns into
 * -EFAULT when the fault handler refuses them) and through plain loads
 * and stores with sstatus.SUM set (which the fault handler must serve as
 * it serves the helpers). The page tables are then read to see what the
 * fault did: the zero page, a fresh frame, a copy, the same frame.
 *
 * Every case ends with the same number of free frames as it began with
 * (slab caches shrunk, per-CPU lists drained), no address space left, and
 * vma_check() passing on every space it made.
 */
#include <string.h>

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmap_lock.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/sched/mm.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <asm/csr.h>
#include <asm/uaccess.h>

struct mm_baseline {
	unsigned long frames;
	unsigned long mms;
	unsigned long anon, shmem, pgtables;
};

static void settle(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
}

static void take_baseline(struct mm_baseline *b)
{
	settle();
	b->frames = nr_free_pages();
	b->mms = nr_mms();
	b->anon = global_node_page_state(NR_ANON_MAPPED);
	b->shmem = global_node_page_state(NR_SHMEM);
	b->pgtables = global_node_page_state(NR_PAGETABLE);
}

static void expect_clean(struct selftest *t, const struct mm_baseline *b)
{
	settle();
	ST_EXPECT_EQ(t, nr_mms(), b->mms);
	ST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED), b->anon);
	ST_EXPECT_EQ(t, global_node_page_state(NR_SHMEM), b->shmem);
	ST_EXPECT_EQ(t, global_node_page_state(NR_PAGETABLE), b->pgtables);
	ST_EXPECT_EQ(t, nr_free_pages(), b->frames);
}

/* A fresh space, made current; NULL (case failed) when out of memory. */
static struct mm_struct *enter_new_mm(struct selftest *t, struct mm_struct **prev)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm) {
		selftest_fail(t, __FILE__, __LINE__, "mm_alloc failed");
		return NULL;
	}
	*prev = use_mm(mm);
	return mm;
}

static void leave_mm(struct selftest *t, struct mm_struct *mm, struct mm_struct *prev)
{
	ST_EXPECT_EQ(t, vma_check(mm), 0);
	unuse_mm(mm, prev);
	mmput(mm);
	if (!prev)
		exit_lazy_mm();
}

/* Map len bytes of anonymous memory; 0 (case failed) on error. */
static unsigned long map_anon(struct selftest *t, struct mm_struct *mm, unsigned long len,
			      unsigned long prot, unsigned long flags)
{
	long addr = do_mmap(mm, 0, len, prot, flags | MAP_ANONYMOUS, 0);

	if (IS_ERR_VALUE(addr)) {
		selftest_fail(t, __FILE__, __LINE__, "do_mmap(%lu) failed: %ld", len, addr);
		return 0;
	}
	return addr;
}

/* The PTE mapping addr in mm (0 if none). */
static pte_t pte_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *p = pte_offset_map(pgd_offset(mm, addr), addr);

	return p ? ptep_get(p) : 0;
}

/* Plain accesses with SUM set: the fault handler serves them, no fixup. */
static u32 sum_load(unsigned long addr)
{
	u32 v;

	csr_set(sstatus, SR_SUM);
	v = *(volatile u32 *)addr;
	csr_clear(sstatus, SR_SUM);
	return v;
}

static void sum_store(unsigned long addr, u32 v)
{
	csr_set(sstatus, SR_SUM);
	*(volatile u32 *)addr = v;
	csr_clear(sstatus, SR_SUM);
}

static u32 user_word(unsigned long addr, int *err)
{
	u32 v __maybe_unused = 0;

	*err = get_user(v, (u32 __user *)addr);
	return v;
}

/* A read maps the zero page read-only; the first write replaces it. */
static void zero_page_then_write(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long addr, zeros = vm_event_count(FAULT_ZERO_PAGE);
	u8 buf[64];
	pte_t pte;
	int err;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	addr = map_anon(t, mm, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (addr) {
		ST_EXPECT_EQ(t, user_word(addr + 8, &err), 0);
		ST_EXPECT_EQ(t, err, 0);
		pte = pte_at(mm, addr);
		ST_EXPECT(t, pte_present(pte));
		ST_EXPECT(t, is_zero_pfn(pte_pfn(pte)));
		ST_EXPECT(t, !pte_write(pte));
		ST_EXPECT_EQ(t, vm_event_count(FAULT_ZERO_PAGE), zeros + 1);
		ST_EXPECT_EQ(t, mm->rss_stat[MM_ANONPAGES], 0);
		/* the second page by a plain load: the zero page again */
		ST_EXPECT_EQ(t, sum_load(addr + PAGE_SIZE), 0);
		ST_EXPECT(t, is_zero_pfn(pte_pfn(pte_at(mm, addr + PAGE_SIZE))));

		ST_EXPECT_EQ(t, put_user(0x5a5a1234u, (u32 __user *)(addr + 8)), 0);
		pte = pte_at(mm, addr);
		ST_EXPECT(t, pte_present(pte) && pte_write(pte) && pte_dirty(pte));
		ST_EXPECT(t, !is_zero_pfn(pte_pfn(pte)));
		ST_EXPECT_EQ(t, mm->rss_stat[MM_ANONPAGES], 1);
		ST_EXPECT_EQ(t, copy_from_user(buf, (void __user *)addr, sizeof(buf)), 0);
		ST_EXPECT_EQ(t, buf[0], 0);
		ST_EXPECT_EQ(t, *(u32 *)(buf + 8), 0x5a5a1234u);
		/* the zero page itself is still zero */
		ST_EXPECT_EQ(t, sum_load(addr + PAGE_SIZE + 8), 0);
	}
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* A first write gets a zeroed frame at once (no zero page in between). */
static void demand_zero_write(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long addr, i, zeros = vm_event_count(FAULT_ZERO_PAGE);
	unsigned long faults = vm_event_count(PGFAULT);
	int bad = 0, err;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	addr = map_anon(t, mm, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (addr) {
		for (i = 0; i < 16; i++)
			sum_store(addr + i * PAGE_SIZE + 4, i + 1);
		ST_EXPECT_EQ(t, vm_event_count(FAULT_ZERO_PAGE), zeros);
		ST_EXPECT(t, vm_event_count(PGFAULT) >= faults + 16);
		ST_EXPECT_EQ(t, mm->rss_stat[MM_ANONPAGES], 16);
		for (i = 0; i < 16 * PAGE_SIZE; i += 4) {
			u32 want = (i % PAGE_SIZE == 4) ? i / PAGE_SIZE + 1 : 0;

			bad += user_word(addr + i, &err) != want || err;
		}
		ST_EXPECT_EQ(t, bad, 0);
		ST_EXPECT_EQ(t, clear_user((void __user *)addr, 16 * PAGE_SIZE), 0);
		ST_EXPECT_EQ(t, sum_load(addr + 4), 0);
	}
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/*
 * After dup_mm the two spaces share every frame read-only; a write in
 * either copies, and the other keeps what it had. Switching back and
 * forth checks the TLB is flushed on every switch.
 */
static void cow_isolation(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *parent, *child, *prev;
	unsigned long addr, cows = vm_event_count(FAULT_COW);
	pte_t pp, pc;
	int err;

	take_baseline(&b);
	parent = enter_new_mm(t, &prev);
	if (!parent)
		return;
	addr = map_anon(t, parent, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!addr)
		goto out;
	sum_store(addr, 111);
	sum_store(addr + PAGE_SIZE, 222);
	child = dup_mm(parent);
	ST_ASSERT(t, child != NULL);
	ST_EXPECT_EQ(t, vma_check(child), 0);
	pp = pte_at(parent, addr);
	pc = pte_at(child, addr);
	ST_EXPECT_EQ(t, pte_pfn(pp), pte_pfn(pc));
	ST_EXPECT(t, !pte_write(pp) && !pte_write(pc));
	ST_EXPECT_EQ(t, page_mapcount(pfn_to_page(pte_pfn(pp))), 2);

	/* the child writes: it gets a copy */
	use_mm(child);
	ST_EXPECT_EQ(t, user_word(addr, &err), 111);
	ST_EXPECT_EQ(t, put_user(333u, (u32 __user *)addr), 0);
	ST_EXPECT_EQ(t, user_word(addr, &err), 333);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_COW), cows + 1);
	ST_EXPECT(t, pte_pfn(pte_at(child, addr)) != pte_pfn(pp));

	/* the parent still has its value, then writes its other page */
	use_mm(parent);
	ST_EXPECT_EQ(t, user_word(addr, &err), 111);
	sum_store(addr + PAGE_SIZE, 444);
	use_mm(child);
	ST_EXPECT_EQ(t, sum_load(addr + PAGE_SIZE), 222);
	use_mm(parent);
	ST_EXPECT_EQ(t, sum_load(addr + PAGE_SIZE), 444);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_COW), cows + 2);
	ST_EXPECT_EQ(t, vma_check(child), 0);
	mmput(child);
out:
	leave_mm(t, parent, prev);
	expect_clean(t, &b);
}

/* When the other space is gone, a write reuses the frame instead of copying. */
static void cow_reuse_sole_owner(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *parent, *child, *prev;
	unsigned long addr, pfn, cows, reuses = vm_event_count(FAULT_COW_REUSE);
	int err;

	take_baseline(&b);
	parent = enter_new_mm(t, &prev);
	if (!parent)
		return;
	addr = map_anon(t, parent, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!addr)
		goto out;
	sum_store(addr, 7);
	child = dup_mm(parent);
	ST_ASSERT(t, child != NULL);
	pfn = pte_pfn(pte_at(parent, addr));
	ST_EXPECT(t, !pte_write(pte_at(parent, addr)));
	mmput(child);
	ST_EXPECT_EQ(t, page_mapcount(pfn_to_page(pfn)), 1);
	cows = vm_event_count(FAULT_COW);
	ST_EXPECT_EQ(t, put_user(8u, (u32 __user *)addr), 0);
	ST_EXPECT_EQ(t, pte_pfn(pte_at(parent, addr)), pfn);
	ST_EXPECT(t, pte_write(pte_at(parent, addr)));
	ST_EXPECT_EQ(t, vm_event_count(FAULT_COW_REUSE), reuses + 1);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_COW), cows);
	ST_EXPECT_EQ(t, user_word(addr, &err), 8);
out:
	leave_mm(t, parent, prev);
	expect_clean(t, &b);
}

/* MAP_SHARED anonymous memory: both sides of dup_mm see each other's writes. */
static void shared_anon_across_dup(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *parent, *child, *prev;
	unsigned long addr;
	int err;

	take_baseline(&b);
	parent = enter_new_mm(t, &prev);
	if (!parent)
		return;
	addr = map_anon(t, parent, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (!addr)
		goto out;
	sum_store(addr, 1);
	child = dup_mm(parent);
	ST_ASSERT(t, child != NULL);
	ST_EXPECT(t, pte_write(pte_at(parent, addr)));
	use_mm(child);
	ST_EXPECT_EQ(t, user_word(addr, &err), 1);
	sum_store(addr, 2);
	/* a page neither side touched before the fork */
	sum_store(addr + 3 * PAGE_SIZE, 3);
	ST_EXPECT_EQ(t, child->rss_stat[MM_SHMEMPAGES], 2);
	use_mm(parent);
	ST_EXPECT_EQ(t, user_word(addr, &err), 2);
	ST_EXPECT_EQ(t, sum_load(addr + 3 * PAGE_SIZE), 3);
	ST_EXPECT_EQ(t, pte_pfn(pte_at(parent, addr)), pte_pfn(pte_at(child, addr)));
	ST_EXPECT(t, global_node_page_state(NR_SHMEM) >= b.shmem + 2);
	mmput(child);
	/* the object outlives the child's mapping */
	ST_EXPECT_EQ(t, sum_load(addr + 3 * PAGE_SIZE), 3);
out:
	leave_mm(t, parent, prev);
	expect_clean(t, &b);
}

/*
 * A MAP_GROWSDOWN region grows on an access below it, up to the stack
 * limit and never to within the guard gap of the mapping below it.
 */
static void stack_growth_and_guard_gap(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long below, stack, grows = vm_event_count(FAULT_STACK_GROW);
	struct vm_area_struct *vma;
	u32 v __maybe_unused = 0;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	/* a region, a gap of guard + 16 pages, then a 4-page stack */
	below = map_anon(t, mm, PAGE_SIZE, PROT_READ, MAP_PRIVATE);
	if (!below)
		goto out;
	stack = below + PAGE_SIZE + STACK_GUARD_GAP + 16 * PAGE_SIZE;
	ST_ASSERT(t, do_mmap(mm, stack, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0) ==
		     (long)stack);
	/* 3 pages below the stack: it grows to cover them */
	ST_EXPECT_EQ(t, put_user(5u, (u32 __user *)(stack - 3 * PAGE_SIZE)), 0);
	mmap_read_lock(mm);
	vma = vma_lookup(mm, stack - 3 * PAGE_SIZE);
	ST_EXPECT(t, vma && vma->vm_start == stack - 3 * PAGE_SIZE &&
		  vma->vm_end == stack + 4 * PAGE_SIZE && (vma->vm_flags & VM_GROWSDOWN));
	mmap_read_unlock(mm);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_STACK_GROW), grows + 1);
	ST_EXPECT_EQ(t, vma_check(mm), 0);
	/* into the guard gap above 'below': refused, nothing grows */
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(below + PAGE_SIZE + PAGE_SIZE)), -EFAULT);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_STACK_GROW), grows + 1);
	/* just above the gap: still allowed */
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(below + PAGE_SIZE + STACK_GUARD_GAP)), 0);
	ST_EXPECT_EQ(t, vm_event_count(FAULT_STACK_GROW), grows + 2);
	ST_EXPECT_EQ(t, vma_check(mm), 0);
out:
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* A stack may not grow past the stack limit. */
static void stack_limit(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long top = 0x80000000UL, stack = top - PAGE_SIZE;
	u32 v __maybe_unused = 0;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	ST_ASSERT(t, do_mmap(mm, stack, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, 0) ==
		     (long)stack);
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(top - STACK_RLIMIT)), 0);
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(top - STACK_RLIMIT - PAGE_SIZE)), -EFAULT);
	ST_EXPECT_EQ(t, vma_check(mm), 0);
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* Bad user pointers come back as -EFAULT through the fixup, never an oops. */
static void efault_through_fixup(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long addr, fixups = vm_event_count(FAULT_FIXUP);
	u8 buf[16] = { 0 };
	u32 v = 1;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	addr = map_anon(t, mm, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!addr)
		goto out;
	/* unmapped: the hole left by unmapping the middle page */
	ST_EXPECT_EQ(t, do_munmap(mm, addr + PAGE_SIZE, PAGE_SIZE), 0);
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(addr + PAGE_SIZE)), -EFAULT);
	ST_EXPECT_EQ(t, v, 0);
	ST_EXPECT_EQ(t, copy_to_user((void __user *)(addr + PAGE_SIZE), buf, sizeof(buf)),
		     sizeof(buf));
	/* a copy that runs into the hole copies the part before it */
	ST_EXPECT_EQ(t, copy_to_user((void __user *)(addr + PAGE_SIZE - 8), buf, sizeof(buf)), 8);
	ST_EXPECT(t, vm_event_count(FAULT_FIXUP) >= fixups + 3);
	/* PROT_NONE */
	ST_EXPECT_EQ(t, do_mprotect(mm, addr + 2 * PAGE_SIZE, PAGE_SIZE, PROT_NONE), 0);
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(addr + 2 * PAGE_SIZE)), -EFAULT);
	ST_EXPECT_EQ(t, put_user(1u, (u32 __user *)(addr + 2 * PAGE_SIZE)), -EFAULT);
	/* a kernel address as a user pointer: access_ok refuses it */
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)&v), -EFAULT);
	ST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)PAGE_OFFSET, 4), 4);
	/* NULL */
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)0), -EFAULT);
	ST_EXPECT_EQ(t, vma_check(mm), 0);
out:
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* mprotect and munmap take effect at once: no stale TLB entry lets an access through. */
static void mprotect_munmap_immediate(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long addr;
	u32 v __maybe_unused = 0;
	int err;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	addr = map_anon(t, mm, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!addr)
		goto out;
	sum_store(addr + PAGE_SIZE, 42);	/* in the TLB now, writable */
	ST_EXPECT_EQ(t, do_mprotect(mm, addr + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	ST_EXPECT_EQ(t, mm->map_count, 3);
	ST_EXPECT_EQ(t, put_user(43u, (u32 __user *)(addr + PAGE_SIZE)), -EFAULT);
	ST_EXPECT_EQ(t, user_word(addr + PAGE_SIZE, &err), 42);
	ST_EXPECT_EQ(t, do_mprotect(mm, addr + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	ST_EXPECT_EQ(t, mm->map_count, 1);	/* merged back */
	ST_EXPECT_EQ(t, put_user(44u, (u32 __user *)(addr + PAGE_SIZE)), 0);
	ST_EXPECT_EQ(t, sum_load(addr + PAGE_SIZE), 44);
	ST_EXPECT_EQ(t, do_munmap(mm, addr + PAGE_SIZE, PAGE_SIZE), 0);
	ST_EXPECT_EQ(t, get_user(v, (u32 __user *)(addr + PAGE_SIZE)), -EFAULT);
	/* MADV_DONTNEED: the next read of a private page is zero again */
	sum_store(addr, 9);
	ST_EXPECT_EQ(t, do_madvise(mm, addr, PAGE_SIZE, MADV_DONTNEED), 0);
	ST_EXPECT_EQ(t, sum_load(addr), 0);
	ST_EXPECT_EQ(t, vma_check(mm), 0);
out:
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* Out of memory in a fault: the copy fails cleanly and nothing leaks. */
static void oom_in_fault(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned int saved = fail_page_alloc_probability;
	unsigned long addr, ooms = vm_event_count(FAULT_OOM), rss;
	u8 buf[32] = { 1 };
	pte_t pte;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	addr = map_anon(t, mm, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!addr)
		goto out;
	/* populate the page table first, so the fault needs only the frame */
	sum_store(addr + PAGE_SIZE, 1);
	rss = mm->rss_stat[MM_ANONPAGES];
	fail_page_alloc_set_probability(100);
	ST_EXPECT_EQ(t, copy_to_user((void __user *)addr, buf, sizeof(buf)), sizeof(buf));
	fail_page_alloc_set_probability(saved);
	ST_EXPECT(t, vm_event_count(FAULT_OOM) > ooms);
	pte = pte_at(mm, addr);
	ST_EXPECT(t, !pte_present(pte));
	ST_EXPECT_EQ(t, mm->rss_stat[MM_ANONPAGES], rss);
	/* and with memory back, the same copy works */
	ST_EXPECT_EQ(t, copy_to_user((void __user *)addr, buf, sizeof(buf)), 0);
	ST_EXPECT_EQ(t, vma_check(mm), 0);
out:
	fail_page_alloc_set_probability(saved);
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* dup_mm under fault injection: fails or succeeds, never leaks. */
static void dup_mm_oom(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev, *child;
	unsigned int saved = fail_page_alloc_probability;
	unsigned long addr, i;
	unsigned int failed = 0;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	addr = map_anon(t, mm, 64 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	if (!addr)
		goto out;
	for (i = 0; i < 64; i++)
		sum_store(addr + i * PAGE_SIZE, i);
	for (i = 0; i < 20; i++) {
		fail_page_alloc_set_probability(i < 10 ? 100 : 30);
		child = dup_mm(mm);
		fail_page_alloc_set_probability(saved);
		if (!child) {
			failed++;
			continue;
		}
		ST_EXPECT_EQ(t, vma_check(child), 0);
		mmput(child);
	}
	ST_EXPECT(t, failed >= 10);
	for (i = 0; i < 64; i++)
		ST_EXPECT_EQ(t, sum_load(addr + i * PAGE_SIZE), i);
out:
	fail_page_alloc_set_probability(saved);
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

/* exit_mmap gives back every frame and page table of a busy space. */
static void exit_mmap_returns_everything(struct selftest *t)
{
	struct mm_baseline b;
	struct mm_struct *mm, *prev;
	unsigned long addr, i;

	take_baseline(&b);
	mm = enter_new_mm(t, &prev);
	if (!mm)
		return;
	/* regions 8 MiB apart: each needs its own page table */
	for (i = 0; i < 8; i++) {
		addr = 0x10000000UL + i * (8UL << 20);
		if (do_mmap(mm, addr, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			    (i & 1 ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_FIXED, 0) !=
		    (long)addr) {
			selftest_fail(t, __FILE__, __LINE__, "MAP_FIXED at %#lx failed", addr);
			break;
		}
		sum_store(addr, i);
		sum_load(addr + PAGE_SIZE);
	}
	ST_EXPECT(t, mm->nr_ptes >= 8);
	ST_EXPECT(t, global_node_page_state(NR_PAGETABLE) >= b.pgtables + 8);
	leave_mm(t, mm, prev);
	expect_clean(t, &b);
}

static const struct selftest_case mm_cases[] = {
	{ "zero_page_then_write", zero_page_then_write },
	{ "demand_zero_write", demand_zero_write },
	{ "cow_isolation", cow_isolation },
	{ "cow_reuse_sole_owner", cow_reuse_sole_owner },
	{ "shared_anon_across_dup", shared_anon_across_dup },
	{ "stack_growth_and_guard_gap", stack_growth_and_guard_gap },
	{ "stack_limit", stack_limit },
	{ "efault_through_fixup", efault_through_fixup },
	{ "mprotect_munmap_immediate", mprotect_munmap_immediate },
	{ "oom_in_fault", oom_in_fault },
	{ "dup_mm_oom", dup_mm_oom },
	{ "exit_mmap_returns_everything", exit_mmap_returns_everything },
};

SELFTEST_SUITE(mm_suite, "mm", mm_cases);
