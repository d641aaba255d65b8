// SPDX-License-Identifier: MIT
/*
 * The generic page fault handler and the page-level halves of fork, exit,
 * munmap and MAP_POPULATE ("Understanding the Linux Kernel", chapter 9,
 * "Page Fault Exception Handler"; Linux's mm/memory.c). Contracts in
 * <linux/mm.h> (handle_mm_fault, the zero page) and mm/internal.h; the
 * design, the copy-on-write rules and the locking are in docs/FAULTS.md.
 *
 * Frame bookkeeping of an anonymous frame mapped in user space:
 *   _mapcount + 1 == number of PTEs (all address spaces) mapping it
 *   _refcount     == one per such PTE (+ the shared object's own, + a
 *                    transient one while a copy-on-write copies it)
 *   mapping       NULL for a private frame; the struct shared_anon for a
 *                 frame of a shared object (index: its place there)
 *   a writable PTE of a private frame is that frame's only mapping
 * The zero page is none of this: its PTEs are special, it is never
 * counted, referenced or freed.
 *
 * Counters: NR_ANON_MAPPED counts private frames mapped at least once
 * (up when _mapcount leaves -1, down when it returns), mm->rss_stat
 * MM_ANONPAGES / MM_SHMEMPAGES the PTEs of each kind in that mm.
 */
#include <string.h>

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>

#include "internal.h"

struct page *zero_page;
/* No frame until zero_page_init(): is_zero_pfn() is false for every pfn. */
unsigned long zero_pfn = ~0UL;

/* Frames for user memory: highmem first, movable, as Linux's GFP_HIGHUSER_MOVABLE. */
#define USER_FRAME_GFP		GFP_HIGHUSER_MOVABLE
/* The same, without reclaim: to try under the PTE lock. */
#define USER_FRAME_GFP_NOWAIT	(GFP_NOWAIT | __GFP_NOWARN | __GFP_HIGHMEM | __GFP_MOVABLE)

int zero_page_init(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return -ENOMEM;
	zero_page = page;
	zero_pfn = page_to_pfn(page);
	return 0;
}

void zero_page_reset(void)
{
	zero_page = NULL;
	zero_pfn = ~0UL;
}

static void rss_add(struct mm_struct *mm, int member, long delta)
{
	if (delta)
		__atomic_fetch_add(&mm->rss_stat[member], delta, __ATOMIC_RELAXED);
}

/* A private frame gains a PTE; the first one makes it an anonymous page. */
static void anon_map_page(struct mm_struct *mm, struct page *page)
{
	if (__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED) == 0)
		inc_node_page_state(NR_ANON_MAPPED);
	rss_add(mm, MM_ANONPAGES, 1);
}

/*
 * A frame loses a PTE (the reference the PTE held is the caller's to
 * drop, after the TLB no longer names the frame). Returns the RSS counter
 * it came off.
 */
static int page_unmap_one(struct page *page)
{
	int last = __atomic_sub_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED) < 0;

	if (page->mapping)
		return MM_SHMEMPAGES;
	if (last)
		dec_node_page_state(NR_ANON_MAPPED);
	return MM_ANONPAGES;
}

/*
 * Copy a user frame through the allocator's kmap hook (kmap_atomic on the
 * board, the harness's arena on the host): either frame may be highmem.
 * Unmapped in reverse order, as kmap_atomic's slots are a stack.
 */
static inline void *user_frame_map(struct page *page)
{
	return PageHighMem(page) ? page_alloc_map(page) : page_address(page);
}

static inline void user_frame_unmap(struct page *page, void *va)
{
	if (PageHighMem(page))
		page_alloc_unmap(page, va);
}

static void copy_user_frame(struct page *to, struct page *from)
{
	void *src = user_frame_map(from);
	void *dst = user_frame_map(to);

	BUG_ON(!src || !dst);
	copy_page(dst, src);
	user_frame_unmap(to, dst);
	user_frame_unmap(from, src);
}

/*
 * A fresh user frame, zeroed here rather than with __GFP_ZERO (as Linux's
 * clear_user_highpage): the allocator's order-0 fast path serves no
 * zeroing request, and a fault is the hottest order-0 user there is.
 */
static struct page *alloc_zeroed_user_frame(void)
{
	struct page *page = alloc_page(USER_FRAME_GFP);
	void *va;

	if (!page)
		return NULL;
	va = user_frame_map(page);
	BUG_ON(!va);
	clear_page(va);
	user_frame_unmap(page, va);
	return page;
}

/* riscv's access_error(): what the region allows (PROT_WRITE alone reads). */
static bool vma_permits(const struct vm_area_struct *vma, unsigned int flags)
{
	if (flags & FAULT_FLAG_WRITE)
		return vma->vm_flags & VM_WRITE;
	if (flags & FAULT_FLAG_INSTRUCTION)
		return vma->vm_flags & VM_EXEC;
	return vma->vm_flags & (VM_READ | VM_WRITE);
}

/* What the PTE's own rights allow (A and D aside). */
static bool pte_permits(pte_t entry, unsigned int flags)
{
	if (pte_protnone(entry))
		return false;
	if (flags & FAULT_FLAG_WRITE)
		return pte_write(entry);
	if (flags & FAULT_FLAG_INSTRUCTION)
		return pte_exec(entry);
	return pte_read(entry) || pte_write(entry);
}

/* A fresh frame's PTE: the region's bits, written (A, D and W). */
static pte_t mk_written_pte(struct page *page, const struct vm_area_struct *vma)
{
	return pte_mkwrite(pte_mkdirty(pte_mkyoung(mk_pte(page, vma->vm_page_prot))));
}

/*
 * Install a new entry over orig at address: the caller allocated what it
 * maps; returns false (nothing installed) when the entry is no longer
 * orig, i.e. another hart handled the same fault first. A present orig is
 * cleared and flushed from every hart before the new frame appears, so no
 * hart keeps reading the old frame after another wrote the new one.
 */
/* Set entry over orig (the PTE lock held), flushing a present orig first. */
static void replace_pte(struct vm_area_struct *vma, unsigned long address, pte_t *ptep,
			pte_t orig, pte_t entry)
{
	struct mm_struct *mm = vma->vm_mm;

	/*
	 * Other harts that may hold the old entry lose it before the new
	 * frame appears; this hart's own copy goes with the flush below
	 * (it runs no user code in between), so a space only this hart has
	 * run needs no shootdown at all.
	 */
	if (!pte_none(orig)) {
		ptep_get_and_clear(mm, address, ptep);
		if (READ_ONCE(mm->cpu_mask) & ~tlb_hart_bit())
			flush_tlb_range(vma, address, address + PAGE_SIZE);
	}
	set_pte_at(mm, address, ptep, entry);
	/* This hart may cache the entry that faulted (RISC-V allows it). */
	local_flush_tlb_page(address);
}

/* Inlined: the fault paths' one lock pair stays in their frame. */
static __always_inline bool install_pte(struct vm_area_struct *vma, unsigned long address,
					pte_t *ptep, pte_t orig, pte_t entry, spinlock_t **ptlp)
{
	struct mm_struct *mm = vma->vm_mm;

	*ptlp = &mm->page_table_lock;
	spin_lock(*ptlp);
	if (ptep_get(ptep) != orig) {
		spin_unlock(*ptlp);
		return false;
	}
	replace_pte(vma, address, ptep, orig, entry);
	return true;
}

/* No entry, private region: the zero page for a read, a zeroed frame for a write. */
static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, unsigned long address,
				    pte_t *ptep, unsigned int flags)
{
	struct page *page;
	spinlock_t *ptl;

	if (!(flags & FAULT_FLAG_WRITE)) {
		pte_t entry = pte_mkspecial(pte_mkyoung(pte_wrprotect(
				pfn_pte(zero_pfn, vma->vm_page_prot))));

		if (install_pte(vma, address, ptep, 0, entry, &ptl)) {
			pte_unmap_unlock(ptep, ptl);
			count_vm_event(FAULT_ZERO_PAGE);
		}
		return 0;
	}

	page = alloc_zeroed_user_frame();
	if (!page)
		return VM_FAULT_OOM;
	if (!install_pte(vma, address, ptep, 0, mk_written_pte(page, vma), &ptl)) {
		put_page(page);
		return 0;
	}
	__SetPageSwapBacked(page);
	anon_map_page(vma->vm_mm, page);
	pte_unmap_unlock(ptep, ptl);
	count_vm_event(FAULT_ANON);
	return 0;
}

/* No entry, shared region: the object's frame, with the region's bits. */
static vm_fault_t do_shared_page(struct vm_area_struct *vma, unsigned long address,
				 pte_t *ptep, unsigned int flags)
{
	unsigned long index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
	struct page *page;
	spinlock_t *ptl;
	pte_t entry;
	int err = 0;

	page = shared_anon_get_page(vma->vm_shared, index, USER_FRAME_GFP, &err);
	if (!page)
		return err == -EFAULT ? VM_FAULT_SIGBUS : VM_FAULT_OOM;
	entry = pte_mkyoung(mk_pte(page, vma->vm_page_prot));
	if (flags & FAULT_FLAG_WRITE)
		entry = pte_mkdirty(entry);
	if (!install_pte(vma, address, ptep, 0, entry, &ptl)) {
		put_page(page);
		return 0;
	}
	__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED);
	rss_add(vma->vm_mm, MM_SHMEMPAGES, 1);
	pte_unmap_unlock(ptep, ptl);
	count_vm_event(FAULT_SHARED);
	return 0;
}

/*
 * Write to a present read-only entry of a writable region; ptep locked,
 * unlocked on return. Shared region: the same frame, made writable.
 * The zero page: a zeroed frame replaces it. A private frame that this
 * PTE alone maps and references: reused, made writable. Otherwise a copy.
 */
static vm_fault_t do_wp_page(struct vm_area_struct *vma, unsigned long address,
			     pte_t *ptep, spinlock_t *ptl, pte_t orig)
{
	struct page *old = NULL, *page;
	pte_t entry;

	if (vma->vm_shared || !is_zero_pfn(pte_pfn(orig))) {
		old = pfn_to_page(pte_pfn(orig));
		if (vma->vm_shared ||
		    (page_mapcount(old) == 1 && page_ref_count(old) == 1)) {
			entry = pte_mkwrite(pte_mkdirty(pte_mkyoung(orig)));
			ptep_set_access_flags(vma, address, ptep, entry, 1);
			pte_unmap_unlock(ptep, ptl);
			if (!vma->vm_shared)
				count_vm_event(FAULT_COW_REUSE);
			return 0;
		}
		/*
		 * The common case copies without letting go of the PTE lock: a
		 * frame that needs no reclaim to find comes from the per-CPU
		 * list (GFP_NOWAIT), and the copy cannot fault. Otherwise the
		 * lock is dropped for a blocking allocation, with a reference
		 * on the old frame, and the entry re-checked after.
		 */
		page = alloc_page(USER_FRAME_GFP_NOWAIT);
		if (page) {
			copy_user_frame(page, old);
			replace_pte(vma, address, ptep, orig, mk_written_pte(page, vma));
			goto mapped;
		}
		get_page(old);
	}
	pte_unmap_unlock(ptep, ptl);

	page = old ? alloc_page(USER_FRAME_GFP) : alloc_zeroed_user_frame();
	if (!page) {
		if (old)
			put_page(old);
		return VM_FAULT_OOM;
	}
	if (old)
		copy_user_frame(page, old);
	if (!install_pte(vma, address, ptep, orig, mk_written_pte(page, vma), &ptl)) {
		put_page(page);
		if (old)
			put_page(old);
		return 0;
	}
	if (old)
		put_page(old);		/* the copy's reference */
mapped:
	__SetPageSwapBacked(page);
	anon_map_page(vma->vm_mm, page);
	if (old) {
		rss_add(vma->vm_mm, page_unmap_one(old), -1);
		put_page(old);		/* the old PTE's reference */
	}
	pte_unmap_unlock(ptep, ptl);
	count_vm_event(old ? FAULT_COW : FAULT_ANON);
	return 0;
}

static vm_fault_t do_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	bool write = flags & FAULT_FLAG_WRITE;
	spinlock_t *ptl;
	pte_t *ptep, entry;

	/*
	 * An empty entry is read without the lock: the fault path holds
	 * mmap_lock for reading and every zap (munmap, MADV_DONTNEED, exit)
	 * holds it for writing, so the table stays; install_pte() re-checks
	 * the entry under the lock before it sets it.
	 */
	ptep = pte_alloc_map(mm, address);
	if (!ptep)
		return VM_FAULT_OOM;
	if (pte_none(ptep_get(ptep))) {
		if (vma->vm_shared)
			return do_shared_page(vma, address, ptep, flags);
		return do_anonymous_page(vma, address, ptep, flags);
	}
	ptep = pte_offset_map_lock(mm, address, &ptl);
	if (!ptep)
		return 0;	/* gone meanwhile (cannot happen under mmap_lock): retry the access */
	entry = ptep_get(ptep);
	if (pte_permits(entry, flags)) {
		/*
		 * Only A (or D) was missing, or the fault was spurious (a
		 * stale TLB entry, another hart fixed it first): set the bits;
		 * not a new mapping, so nothing is counted.
		 */
		pte_t young = pte_mkyoung(write ? pte_mkdirty(entry) : entry);

		if (young == entry || !ptep_set_access_flags(vma, address, ptep, young, write))
			local_flush_tlb_page(address);
		pte_unmap_unlock(ptep, ptl);
		return 0;
	}
	if (write && !pte_protnone(entry))
		return do_wp_page(vma, address, ptep, ptl, entry);
	/*
	 * The region allows a read or fetch its PTE does not: the PTE's
	 * rights are narrower than the region's, which only a missed
	 * change_protection() leaves behind.
	 */
	pte_unmap_unlock(ptep, ptl);
	pr_warn("handle_mm_fault: pte %#x at %#lx narrower than region flags %#lx\n",
		(unsigned int)entry, address, vma->vm_flags);
	return VM_FAULT_SIGSEGV;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs)
{
	vm_fault_t ret;

	(void)regs;
	count_vm_event(PGFAULT);
	if (address < vma->vm_start || address >= vma->vm_end ||
	    !vma_permits(vma, flags))
		return VM_FAULT_SIGSEGV;
	ret = do_fault(vma, address & PAGE_MASK, flags);
	if (ret & VM_FAULT_OOM)
		count_vm_event(FAULT_OOM);
	return ret;
}

int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end)
{
	unsigned int flags;
	unsigned long addr;

	if (vma->vm_flags & VM_WRITE)
		flags = FAULT_FLAG_WRITE;
	else if (vma->vm_flags & VM_READ)
		flags = 0;
	else if (vma->vm_flags & VM_EXEC)
		flags = FAULT_FLAG_INSTRUCTION;
	else
		return 0;	/* PROT_NONE: nothing to populate, as Linux */
	for (addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE) {
		vm_fault_t ret = handle_mm_fault(vma, addr, flags, NULL);

		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & VM_FAULT_ERROR)
			return -EFAULT;
	}
	return 0;
}

/* ---- unmapping (munmap, MADV_DONTNEED, exit) ----------------------------- */

/*
 * Frames whose PTEs are cleared but maybe still in some hart's TLB: they
 * are freed only after the flush (Linux's mmu_gather), so no hart can
 * write to a frame after it has been handed out again.
 */
#define ZAP_BATCH	32

struct zap_batch {
	struct vm_area_struct *vma;
	unsigned long flush_start;	/* first address cleared since the last flush */
	bool cleared;			/* a PTE was cleared since the last flush */
	unsigned int nr;
	struct page *pages[ZAP_BATCH];
	long rss[NR_MM_COUNTERS];
};

static void zap_flush(struct zap_batch *b, unsigned long end)
{
	unsigned int i;

	if (b->cleared)
		flush_tlb_range(b->vma, b->flush_start, end);
	for (i = 0; i < b->nr; i++)
		put_page(b->pages[i]);
	b->nr = 0;
	b->cleared = false;
	b->flush_start = end;
}

static int zap_pte(pte_t *ptep, unsigned long addr, void *data)
{
	struct zap_batch *b = data;
	pte_t entry = ptep_get(ptep);
	struct page *page;

	if (pte_none(entry))
		return 0;
	entry = ptep_get_and_clear(b->vma->vm_mm, addr, ptep);
	if (!b->cleared)
		b->flush_start = addr;
	b->cleared = true;
	if (pte_special(entry))
		return 0;	/* the zero page: never counted, never freed */
	if (!pfn_valid(pte_pfn(entry))) {
		pr_err("zap: pte %#x at %#lx names no frame\n", (unsigned int)entry, addr);
		return 0;
	}
	page = pfn_to_page(pte_pfn(entry));
	b->rss[page_unmap_one(page)]--;
	b->pages[b->nr++] = page;
	if (b->nr == ZAP_BATCH)
		zap_flush(b, addr + PAGE_SIZE);
	return 0;
}

void zap_page_range_single(struct vm_area_struct *vma, unsigned long address,
			   unsigned long size)
{
	struct mm_struct *mm = vma->vm_mm;
	struct zap_batch b = { .vma = vma, .flush_start = address };
	unsigned long end = address + size;
	int i;

	if (!size)
		return;
	apply_to_existing_page_range(mm, address, size, zap_pte, &b);
	zap_flush(&b, end);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		rss_add(mm, i, b.rss[i]);
	free_pgtables_range(mm, address, end);
}

/* ---- fork ----------------------------------------------------------------- */

struct copy_state {
	struct vm_area_struct *dst_vma, *src_vma;
	long rss[NR_MM_COUNTERS];
};

/* One source entry into the (allocated, locked) destination table. */
static int copy_pte(pte_t *src_pte, unsigned long addr, void *data)
{
	struct copy_state *c = data;
	struct mm_struct *dst_mm = c->dst_vma->vm_mm;
	pte_t entry = ptep_get(src_pte);
	pte_t *dst_pte;
	struct page *page;

	if (pte_none(entry))
		return 0;
	dst_pte = pte_offset_map(pgd_offset(dst_mm, addr), addr);
	if (!dst_pte)
		return -ENOMEM;
	if (!pte_special(entry)) {
		page = pfn_to_page(pte_pfn(entry));
		get_page(page);
		__atomic_add_fetch(&page->_mapcount, 1, __ATOMIC_RELAXED);
		if (page->mapping) {
			c->rss[MM_SHMEMPAGES]++;
		} else {
			c->rss[MM_ANONPAGES]++;
			/* Private: from now on a write copies (or reuses). */
			if (pte_write(entry)) {
				ptep_set_wrprotect(c->src_vma->vm_mm, addr, src_pte);
				entry = pte_wrprotect(entry);
			}
		}
	}
	set_pte_at(dst_mm, addr, dst_pte, entry);
	return 0;
}

int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	struct copy_state c = { .dst_vma = dst_vma, .src_vma = src_vma };
	unsigned long addr, next, end = src_vma->vm_end;
	int ret = 0, i;

	for (addr = src_vma->vm_start; addr < end && !ret; addr = next) {
		next = (addr & PGDIR_MASK) + PGDIR_SIZE;
		if (next > end || next == 0)
			next = end;
		if (!pte_offset_map(pgd_offset(src_mm, addr), addr))
			continue;
		/* Allocate first: the walk below holds the source's lock. */
		if (!pte_alloc_map(dst_mm, addr)) {
			ret = -ENOMEM;
			break;
		}
		/* dst before src, as Linux nests the two page table locks. */
		spin_lock(&dst_mm->page_table_lock);
		ret = apply_to_existing_page_range(src_mm, addr, next - addr, copy_pte, &c);
		spin_unlock(&dst_mm->page_table_lock);
	}
	for (i = 0; i < NR_MM_COUNTERS; i++)
		rss_add(dst_mm, i, c.rss[i]);
	return ret;
}

/* ---- checker ------------------------------------------------------------- */

struct pages_check {
	long rss[NR_MM_COUNTERS];
	int bad;
};

static int check_pte(pte_t *ptep, unsigned long addr, void *data)
{
	struct pages_check *pc = data;
	pte_t entry = ptep_get(ptep);
	struct page *page;

	if (pte_none(entry))
		return 0;
	if (is_zero_pfn(pte_pfn(entry))) {
		if (!pte_special(entry) || pte_write(entry)) {
			pr_err("mm_pages_check: %#lx: zero page pte %#x\n", addr,
			       (unsigned int)entry);
			pc->bad = 1;
		}
		return 0;
	}
	if (pte_special(entry) || !pfn_valid(pte_pfn(entry))) {
		pr_err("mm_pages_check: %#lx: pte %#x names no user frame\n", addr,
		       (unsigned int)entry);
		pc->bad = 1;
		return 0;
	}
	page = pfn_to_page(pte_pfn(entry));
	pc->rss[page->mapping ? MM_SHMEMPAGES : MM_ANONPAGES]++;
	if (page_mapcount(page) < 1 ||
	    page_ref_count(page) < page_mapcount(page) + (page->mapping ? 1 : 0) ||
	    (!page->mapping && pte_write(entry) && page_mapcount(page) != 1)) {
		pr_err("mm_pages_check: %#lx: pfn %#lx pte %#x map %d ref %d mapping %p\n",
		       addr, page_to_pfn(page), (unsigned int)entry, page_mapcount(page),
		       page_ref_count(page), page->mapping);
		pc->bad = 1;
	}
	return 0;
}

int mm_pages_check(struct mm_struct *mm)
{
	struct pages_check pc = { .bad = 0 };
	int i;

	apply_to_existing_page_range(mm, 0, TASK_SIZE, check_pte, &pc);
	for (i = 0; i < NR_MM_COUNTERS; i++) {
		long have = __atomic_load_n(&mm->rss_stat[i], __ATOMIC_RELAXED);

		if (have != pc.rss[i]) {
			pr_err("mm_pages_check: rss_stat[%d] %ld, page tables say %ld\n",
			       i, have, pc.rss[i]);
			pc.bad = 1;
		}
	}
	return pc.bad ? -EFAULT : 0;
}
