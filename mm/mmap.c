// SPDX-License-Identifier: MIT
/*
 * mmap, munmap, brk and stack growth for anonymous memory, with Linux's
 * semantics and errno values (contracts in <linux/mm.h>; docs/MM.md has
 * the errno table), and the teardown of an address space (exit_mmap).
 *
 * Every operation validates everything and reserves the region
 * descriptors it may need before it changes anything: a call that fails
 * leaves the address space as it was, MAP_FIXED included (Linux can fail
 * after unmapping the old mappings; this kernel cannot).
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>

#include "internal.h"
#include "vma.h"

/* Regions an mmap may need: two for the splits of MAP_FIXED's unmap, one new. */
#define MMAP_SPARES	3

unsigned long mmap_base_default(void)
{
	unsigned long gap = STACK_RLIMIT + STACK_GUARD_GAP;

	gap = clamp(gap, MMAP_MIN_GAP, MMAP_MAX_GAP);
	return PAGE_ALIGN(TASK_SIZE - gap);
}

/*
 * Linux's protection_map as riscv fills it: a private writable region
 * gets no W bit (PAGE_COPY), so the first write faults and the fault
 * handler decides between a fresh frame, a copy and reuse.
 */
static const pgprot_t protection_map[16] = {
	[VM_NONE]					= PAGE_NONE,
	[VM_READ]					= PAGE_READ,
	[VM_WRITE]					= PAGE_COPY,
	[VM_WRITE | VM_READ]				= PAGE_COPY,
	[VM_EXEC]					= PAGE_EXEC,
	[VM_EXEC | VM_READ]				= PAGE_READ_EXEC,
	[VM_EXEC | VM_WRITE]				= PAGE_COPY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]			= PAGE_COPY_READ_EXEC,
	[VM_SHARED]					= PAGE_NONE,
	[VM_SHARED | VM_READ]				= PAGE_READ,
	[VM_SHARED | VM_WRITE]				= PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]		= PAGE_SHARED,
	[VM_SHARED | VM_EXEC]				= PAGE_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ]			= PAGE_READ_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE]		= PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ]	= PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}

bool vma_spares_alloc(struct mm_struct *mm, struct vm_area_struct **spare, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		spare[i] = vm_area_alloc(mm);
		if (!spare[i]) {
			vma_spares_free(spare, i);
			return false;
		}
	}
	return true;
}

void vma_spares_free(struct vm_area_struct **spare, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (spare[i])
			vm_area_free(spare[i]);
		spare[i] = NULL;
	}
}

/*
 * The gap search of get_unmapped_area over the subtree at node: the
 * highest (topdown) or lowest address a of a free range [a, a + len)
 * inside [low, high) that keeps the guard gap below a stack region, or
 * -ENOMEM. Subtrees whose largest gap is smaller than len are skipped,
 * and so are those wholly above high (topdown) or below low.
 */
static unsigned long gap_search(struct rb_node *node, unsigned long len,
				unsigned long low, unsigned long high, bool topdown)
{
	struct vm_area_struct *vma;
	struct rb_node *first, *second;
	unsigned long lo, hi, r;

	if (!node)
		return -ENOMEM;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < len)
		return -ENOMEM;
	first = topdown ? node->rb_right : node->rb_left;
	second = topdown ? node->rb_left : node->rb_right;
	if (topdown ? vma->vm_end < high : vma->vm_start > low) {
		r = gap_search(first, len, low, high, topdown);
		if (!IS_ERR_VALUE(r))
			return r;
	}
	lo = max(vma->vm_prev ? vma->vm_prev->vm_end : 0, low);
	hi = min(vm_start_gap(vma), high);
	if (hi > lo && hi - lo >= len)
		return topdown ? hi - len : lo;
	if (topdown ? vma->vm_start > low : vma->vm_end < high)
		return gap_search(second, len, low, high, topdown);
	return -ENOMEM;
}

/* The free range above the last region, [highest_vm_end, TASK_SIZE) in [low, high). */
static unsigned long top_gap(struct mm_struct *mm, unsigned long len,
			     unsigned long low, unsigned long high, bool topdown)
{
	unsigned long lo = max(mm->highest_vm_end, low), hi = high;

	if (hi > lo && hi - lo >= len)
		return topdown ? hi - len : lo;
	return -ENOMEM;
}

static unsigned long unmapped_area(struct mm_struct *mm, unsigned long len,
				   unsigned long low, unsigned long high, bool topdown)
{
	unsigned long r;

	if (topdown) {
		r = top_gap(mm, len, low, high, true);
		if (IS_ERR_VALUE(r))
			r = gap_search(mm->mm_rb.rb_node, len, low, high, true);
	} else {
		r = gap_search(mm->mm_rb.rb_node, len, low, high, false);
		if (IS_ERR_VALUE(r))
			r = top_gap(mm, len, low, high, false);
	}
	return r;
}

/*
 * Linux's get_unmapped_area for anonymous memory with the top-down
 * layout: MAP_FIXED takes addr as it is (ENOMEM past TASK_SIZE, EINVAL
 * unaligned, EPERM below mmap_min_addr); a hint is taken when the range
 * there is free and clear of the stack guard gap; otherwise the highest
 * hole below mmap_base, then (Linux's fallback) the lowest from
 * TASK_UNMAPPED_BASE up. mmap_lock held.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long pgoff, unsigned long flags)
{
	unsigned long low = max(PAGE_SIZE, (unsigned long)MMAP_MIN_ADDR);
	struct vm_area_struct *vma, *prev;

	if (len > TASK_SIZE - low)
		return -ENOMEM;
	if (!(flags & MAP_FIXED) && addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma_prev(mm, addr, &prev);
		if (addr && TASK_SIZE - len >= addr && addr >= low &&
		    (!vma || addr + len <= vm_start_gap(vma)) &&
		    (!prev || addr >= prev->vm_end))
			return addr;
	}
	if (!(flags & MAP_FIXED)) {
		addr = unmapped_area(mm, len, low, mm->mmap_base, true);
		if (IS_ERR_VALUE(addr))
			addr = unmapped_area(mm, len, TASK_UNMAPPED_BASE, TASK_SIZE, false);
		if (IS_ERR_VALUE(addr))
			return addr;
	}
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (offset_in_page(addr))
		return -EINVAL;
	if (addr < MMAP_MIN_ADDR)
		return -EPERM;
	return addr;
}

void __do_munmap(struct mm_struct *mm, unsigned long start, unsigned long end,
		 struct vm_area_struct **spare)
{
	struct vm_area_struct *v = find_vma(mm, start), *next;
	int s = 0;

	if (!v || v->vm_start >= end)
		return;
	if (v->vm_start < start) {
		while (!spare[s])
			s++;
		__split_vma(mm, v, start, 1, spare[s]);
		spare[s] = NULL;
	}
	for (; v && v->vm_start < end; v = next) {
		if (v->vm_end > end) {
			while (!spare[s])
				s++;
			__split_vma(mm, v, end, 0, spare[s]);
			spare[s] = NULL;
		}
		next = v->vm_next;
		zap_page_range_single(v, v->vm_start, v->vm_end - v->vm_start);
		vma_unlink(mm, v);
		vm_area_free(v);
	}
}

/* Boundary splits an unmap of [start, end) needs (0..2). */
static int munmap_splits(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);
	int n = 0;

	if (v && v->vm_start < start && v->vm_end > start)
		n++;
	v = find_vma(mm, end - 1);
	if (v && v->vm_start < end && v->vm_end > end)
		n++;
	return n;
}

/* unmap [start, end) with mmap_lock held: the count check and the spares. */
static int munmap_locked(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *spare[2] = { NULL, NULL };
	int n;

	if (!find_vma_intersection(mm, start, end))
		return 0;
	if (vma_count_after_unmap(mm, start, end) > sysctl_max_map_count)
		return -ENOMEM;
	n = munmap_splits(mm, start, end);
	if (!vma_spares_alloc(mm, spare, n))
		return -ENOMEM;
	__do_munmap(mm, start, end, spare);
	vma_spares_free(spare, n);
	return 0;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	int err;

	if (offset_in_page(start) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	down_write(&mm->mmap_lock);
	err = munmap_locked(mm, start, start + len);
	up_write(&mm->mmap_lock);
	return err;
}

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0) |
	       (flags & MAP_NORESERVE ? VM_NORESERVE : 0);
}

/*
 * Map [addr, addr + len) with vm_flags (mmap_lock held for writing, every
 * argument valid): the count forecast, the spares and the shared object
 * first, then the old mappings go (MAP_FIXED), and the range joins a
 * neighbour or becomes a new region. Returns the region, or an ERR value.
 */
static long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
			unsigned long vm_flags, unsigned long pgoff,
			struct vm_area_struct **out)
{
	struct vm_area_struct *spare[MMAP_SPARES] = { NULL, NULL, NULL };
	struct vm_area_struct *vma, *prev;
	struct shared_anon *obj = NULL;
	unsigned long end = addr + len;
	int splits = munmap_splits(mm, addr, end);

	if (vm_flags & VM_SHARED) {
		obj = shared_anon_create(len >> PAGE_SHIFT);
		if (!obj)
			return -ENOMEM;
	}
	if (vma_count_after_map(mm, addr, end, vm_flags, obj, pgoff) > sysctl_max_map_count ||
	    !vma_spares_alloc(mm, spare, splits + 1)) {
		if (obj)
			shared_anon_put(obj);
		return -ENOMEM;
	}
	__do_munmap(mm, addr, end, spare);
	find_vma_prev(mm, addr, &prev);
	vma = vma_merge(mm, prev, addr, end, vm_flags, obj, pgoff);
	if (!vma) {
		vma = spare[splits];
		spare[splits] = NULL;
		vma->vm_start = addr;
		vma->vm_end = end;
		vma->vm_flags = vm_flags;
		vma->vm_page_prot = vm_get_page_prot(vm_flags);
		vma->vm_pgoff = pgoff;
		vma->vm_shared = obj;
		vma_link(mm, vma, prev);
	} else if (obj) {
		shared_anon_put(obj);	/* cannot happen: a new object joins nothing */
	}
	vma_spares_free(spare, MMAP_SPARES);
	*out = vma;
	return 0;
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	unsigned long vm_flags;
	long err;

	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;		/* no files: as Linux for fd -1 */
	if (flags & MAP_HUGETLB)
		return -ENOSYS;		/* as Linux without hugetlbfs */
	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED)) {
		addr &= PAGE_MASK;
		if (addr && addr < MMAP_MIN_ADDR)
			addr = PAGE_ALIGN(MMAP_MIN_ADDR);
	}
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;

	down_write(&mm->mmap_lock);
	err = -ENOMEM;
	if (mm->map_count > sysctl_max_map_count)
		goto out;
	addr = get_unmapped_area(mm, addr, len, pgoff, flags);
	err = (long)addr;
	if (IS_ERR_VALUE(addr))
		goto out;
	err = -EEXIST;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		goto out;

	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	err = -EINVAL;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (vm_flags & VM_GROWSDOWN)
			goto out;
		pgoff = 0;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		break;
	case MAP_PRIVATE:
		pgoff = addr >> PAGE_SHIFT;
		break;
	default:
		goto out;
	}

	err = mmap_region(mm, addr, len, vm_flags, pgoff, &vma);
	if (err)
		goto out;
	if ((vm_flags & VM_LOCKED) ||
	    (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		populate_vma_page_range(vma, addr, addr + len); /* errors ignored, as Linux */
	err = (long)addr;
out:
	up_write(&mm->mmap_lock);
	return err;
}

/* The flags of brk's region (Linux's VM_DATA_DEFAULT_FLAGS on riscv). */
#define VM_BRK_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* Extend the heap over [addr, addr + len) (free, checked); 0 or -ENOMEM. */
static int do_brk_flags(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long pgoff = addr >> PAGE_SHIFT, end = addr + len;
	struct vm_area_struct *vma, *prev;

	if (vma_count_after_map(mm, addr, end, VM_BRK_FLAGS, NULL, pgoff) >
	    sysctl_max_map_count)
		return -ENOMEM;
	find_vma_prev(mm, addr, &prev);
	if (vma_merge(mm, prev, addr, end, VM_BRK_FLAGS, NULL, pgoff))
		return 0;
	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = end;
	vma->vm_flags = VM_BRK_FLAGS;
	vma->vm_page_prot = vm_get_page_prot(VM_BRK_FLAGS);
	vma->vm_pgoff = pgoff;
	vma_link(mm, vma, prev);
	return 0;
}

unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk, oldbrk;
	struct vm_area_struct *next;

	down_write(&mm->mmap_lock);
	if (brk < mm->start_brk)
		goto out;
	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (newbrk == oldbrk) {
		mm->brk = brk;
		goto out;
	}
	if (brk <= mm->brk) {
		if (munmap_locked(mm, newbrk, oldbrk))
			goto out;
		mm->brk = brk;
		goto out;
	}
	if (!newbrk || newbrk > TASK_SIZE)
		goto out;
	next = find_vma(mm, oldbrk);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		goto out;
	if (do_brk_flags(mm, oldbrk, newbrk - oldbrk))
		goto out;
	mm->brk = brk;
out:
	brk = mm->brk;
	up_write(&mm->mmap_lock);
	return brk;
}

int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long grow;

	address &= PAGE_MASK;
	if (!(vma->vm_flags & VM_GROWSDOWN) || address < MMAP_MIN_ADDR)
		return -ENOMEM;
	if (address >= vma->vm_start)
		return 0;
	if (prev && (address < prev->vm_end ||
		     (!(prev->vm_flags & VM_GROWSDOWN) &&
		      (prev->vm_flags & VM_ACCESS_FLAGS) &&
		      address - prev->vm_end < STACK_GUARD_GAP)))
		return -ENOMEM;
	if (vma->vm_end - address > STACK_RLIMIT)
		return -ENOMEM;

	spin_lock(&mm->page_table_lock);
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	vma->vm_start = address;
	vma->vm_pgoff -= grow;
	vm_stat_account(mm, vma->vm_flags, grow);
	vma_gap_update(vma);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	down_write(&mm->mmap_lock);
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		zap_page_range_single(vma, vma->vm_start, vma->vm_end - vma->vm_start);
	while ((vma = mm->mmap)) {
		vma_unlink(mm, vma);
		vm_area_free(vma);
	}
	free_pgtables_range(mm, 0, TASK_SIZE);
	up_write(&mm->mmap_lock);
}
