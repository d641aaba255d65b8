// SPDX-License-Identifier: MIT
/*
 * vmalloc, vmap, ioremap and kernel stacks (ULK ch. 8, "Noncontiguous
 * Memory Area Management"), on top of the area allocator in vmap_area.c.
 *
 * An area goes through these states (vmalloc_internal.h), each change made
 * under vmap_area_lock while the slow work (allocating and mapping frames,
 * unmapping and freeing them) runs without it:
 *
 *   alloc_vmap_area -> VA_NEW --map--> VA_LIVE --vfree--> VA_DYING --unmap-->
 *   VA_LAZY --purge (TLB flush)--> free
 *
 * vfree in interrupt context only marks the area VA_DEFERRED, puts it on
 * the deferred list and queues vfree_work (Linux's vfree_deferred): a
 * worker finishes it in task context at once, so its frames come back
 * without waiting for another vmalloc-family call; vm_unmap_aliases also
 * finishes whatever is still queued. The frames of a freed area go back to the buddy allocator as
 * soon as its PTEs are clear; only the address range waits for the purge.
 *
 * Frames for vmalloc come from any zone (__GFP_HIGHMEM): they are reached
 * only through the area's own mapping, which is what makes vmalloc the way
 * to use high memory for kernel data on a 32-bit machine. Page tables come
 * from lowmem (prepare_tables), before any frame is taken, so that a
 * failure leaves nothing half-done.
 *
 * The mappings are init_mm's, made and read by the one page table walker
 * (<linux/pgtable.h>): apply_to_page_range to fill an area,
 * apply_to_existing_page_range to clear it, pgtable_count_present for the
 * checks. Kernel level-0 tables are never freed. flush_cache_vmap after
 * mapping and flush_cache_vunmap before unmapping are the arch hooks of
 * Linux's vmap paths (nothing to do on RISC-V; the host tests' TLB model
 * watches through them).
 */
#include <string.h>

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <asm/cacheflush.h>
#include <asm/tlbflush.h>

#include "vmalloc_internal.h"
#include "internal.h"

/* Frames allocated, then mapped, at a time (an array on the stack). */
#define VMALLOC_BATCH		16
/* Attempts at the descriptor cache and the first descriptor under failslab. */
#define INIT_TRIES_FAILSLAB	64
/* Allocation failures reported in the log; the rest are only counted. */
#define FAILURE_REPORTS_MAX	10

static bool vmalloc_ready;
/* Frames owned by VM_ALLOC areas (updated atomically, no lock). */
static unsigned long vmalloc_pages;
static unsigned long nr_bad_frees;
static unsigned long nr_failures;
static unsigned int failure_reports;

static inline void counter_add(unsigned long *c, long v)
{
	__atomic_fetch_add(c, v, __ATOMIC_RELAXED);
}

/* GFP for the page tables and descriptors of calls that take no gfp. */
static gfp_t context_gfp(void)
{
	return in_interrupt() ? GFP_ATOMIC : GFP_KERNEL;
}

/*
 * failslab (a boot argument) fails a share of every slab allocation from
 * kmem_cache_init on, cache creation included; Linux's exempts the cache
 * of caches and, by default, requests that may reclaim, so its
 * vmalloc_init never sees it. Injected failures are retried here: vmalloc is not
 * optional. Without failslab, no memory this early is fatal at once.
 */
void vmalloc_init(void)
{
	unsigned int tries = 0;

	while (vmap_area_init())
		if (!READ_ONCE(slab_fail_probability) || ++tries == INIT_TRIES_FAILSLAB)
			panic("vmalloc_init: no memory for the area descriptors");
	vmalloc_ready = true;
	pr_info("vmalloc: %08lx-%08lx (%lu MiB), every area followed by a guard page\n",
		VMALLOC_START, VMALLOC_END, (VMALLOC_END - VMALLOC_START) >> 20);
}

static void vmalloc_fail(unsigned long size, gfp_t gfp, const char *why,
			 const void *caller)
{
	char sym[KSYM_NAME_LEN + 32];

	counter_add(&nr_failures, 1);
	if (gfp & __GFP_NOWARN)
		return;
	if (__atomic_fetch_add(&failure_reports, 1, __ATOMIC_RELAXED) >= FAILURE_REPORTS_MAX)
		return;
	pr_warn("vmalloc error: size %lu, %s, gfp %#x, caller %s\n", size, why, gfp,
		sprint_symbol(sym, sizeof(sym), (unsigned long)caller));
}

static void set_state(struct vmap_area *va, enum vmap_state state)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	va->state = state;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
}

/*
 * Reserve an area of guard_below + size + one guard page, va_start
 * align-aligned, inside [start, end); fill in its vm_struct. VA_NEW or NULL.
 */
static struct vmap_area *get_area(unsigned long size, unsigned long align,
				  unsigned long guard_below, unsigned long start,
				  unsigned long end, unsigned long flags, gfp_t gfp,
				  const void *caller)
{
	unsigned long total = guard_below + size + PAGE_SIZE;
	struct vmap_area *va;

	if (total < size)
		return NULL;
	va = alloc_vmap_area(total, align, start, end, gfp);
	if (!va)
		return NULL;
	va->vm.addr = (void *)(va->va_start + guard_below);
	va->vm.size = size + PAGE_SIZE;
	va->vm.flags = flags;
	va->vm.caller = caller;
	return va;
}

/* ---- the area's page table entries ------------------------------------------ */

/* What set_area_pte maps: frames from pages[], or from the frame of phys on. */
struct map_state {
	struct page *const *pages;
	phys_addr_t phys;
	pgprot_t prot;
	unsigned long i;
};

static int set_area_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct map_state *m = data;
	unsigned long pfn = m->pages ? page_to_pfn(m->pages[m->i]) : PFN_DOWN(m->phys) + m->i;

	if (!pte_none(ptep_get(pte)))
		panic("vmalloc: %08lx is already mapped", addr);
	set_pte_at(&init_mm, addr, pte, pfn_pte(pfn, m->prot));
	m->i++;
	return 0;
}

/*
 * Install the level-0 tables [addr, addr + size) needs (lowmem, gfp), so
 * that mapping it cannot fail. 0 or -ENOMEM; the tables made stay.
 */
static int prepare_tables(unsigned long addr, unsigned long size, gfp_t gfp)
{
	unsigned long end = addr + size;

	for (addr &= PGDIR_MASK; addr < end; addr += PGDIR_SIZE) {
		pgd_t *pgd = pgd_offset_k(addr);

		if (pgd_none(READ_ONCE(*pgd)) && __pte_alloc(&init_mm, pgd, gfp))
			return -ENOMEM;
	}
	return 0;
}

/* Map n frames at addr (prepared tables, clear entries); never fails. */
static void map_frames(unsigned long addr, struct page *const *pages, phys_addr_t phys,
		       unsigned long n, pgprot_t prot)
{
	struct map_state m = { .pages = pages, .phys = phys, .prot = prot };

	if (apply_to_page_range(&init_mm, addr, n << PAGE_SHIFT, set_area_pte, &m, GFP_ATOMIC))
		panic("vmalloc: prepared page tables went missing at %08lx", addr);
}

/* The frame init_mm maps at addr: true and *pfn, or false. */
static bool lookup_pfn(unsigned long addr, unsigned long *pfn)
{
	pte_t *ptep = pte_offset_map(pgd_offset_k(addr), addr);
	pte_t pte = ptep ? ptep_get(ptep) : 0;

	if (!pte_present(pte))
		return false;
	*pfn = pte_pfn(pte);
	return true;
}

static int clear_area_pte(pte_t *pte, unsigned long addr, void *data)
{
	pte_t old = ptep_get_and_clear(&init_mm, addr, pte);

	if (data && pte_present(old)) {	/* a VM_ALLOC area's own frame */
		__free_page(pte_page(old));
		counter_add(&vmalloc_pages, -1);
	}
	return 0;
}

/*
 * Clear the area's PTEs (freeing the frames of a VM_ALLOC area) and hand
 * the range to the lazy purge. Task context; the area is VA_NEW or
 * VA_DYING and owned by the caller.
 */
static void teardown_area(struct vmap_area *va)
{
	struct vm_struct *vm = &va->vm;

	unsigned long addr = (unsigned long)vm->addr;

	flush_cache_vunmap(addr, addr + get_vm_area_size(vm));
	apply_to_existing_page_range(&init_mm, addr, get_vm_area_size(vm), clear_area_pte,
				     vm->flags & VM_ALLOC ? vm : NULL);
	free_vmap_area_lazy(va);
}

/* Allocate and map every frame of a VA_NEW VM_ALLOC area. 0 or -ENOMEM. */
static int map_new_pages(struct vmap_area *va, gfp_t gfp, pgprot_t prot)
{
	struct vm_struct *vm = &va->vm;
	unsigned long addr = (unsigned long)vm->addr;
	unsigned int n = get_vm_area_size(vm) >> PAGE_SHIFT, done = 0;
	struct page *batch[VMALLOC_BATCH];

	if (prepare_tables(addr, get_vm_area_size(vm), gfp))
		return -ENOMEM;
	while (done < n) {
		unsigned int k = min(n - done, (unsigned int)VMALLOC_BATCH), i;

		for (i = 0; i < k; i++) {
			batch[i] = alloc_page(gfp | __GFP_HIGHMEM);
			if (!batch[i]) {
				while (i--)
					__free_page(batch[i]);
				return -ENOMEM;
			}
		}
		counter_add(&vmalloc_pages, k);
		map_frames(addr + ((unsigned long)done << PAGE_SHIFT), batch, 0, k, prot);
		done += k;
		vm->nr_pages = done;
	}
	flush_cache_vmap(addr, addr + get_vm_area_size(vm));
	return 0;
}

/* ---- finishing frees that interrupt context deferred --------------------- */

/* Finish every deferred area in task context (worker or vm_unmap_aliases). */
static void drain_deferred(void)
{
	struct vmap_area *va, *n;
	unsigned long flags;
	LIST_HEAD(todo);

	if (!READ_ONCE(nr_deferred) || in_interrupt())
		return;
	spin_lock_irqsave(&vmap_area_lock, flags);
	list_for_each_entry_safe(va, n, &deferred_list, list) {
		va->state = VA_DYING;
		list_move_tail(&va->list, &todo);
	}
	nr_deferred = 0;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	list_for_each_entry_safe(va, n, &todo, list) {
		list_del_init(&va->list);
		teardown_area(va);
	}
}

static void vfree_work_fn(struct work_struct *work)
{
	(void)work;
	drain_deferred();
}

/* Queued by every deferral; one pending item covers all deferred areas. */
static DECLARE_WORK(vfree_work, vfree_work_fn);

/* ---- bad pointers ---------------------------------------------------------- */

static const char *area_kind(unsigned long flags)
{
	if (flags & VM_IOREMAP)
		return "ioremap";
	if (flags & VM_THREAD_STACK)
		return "stack";
	if (flags & VM_ALLOC)
		return "vmalloc";
	if (flags & VM_MAP)
		return "vmap";
	return "vm_area";
}

/*
 * Find the live area that starts at ptr and whose kind is in want, and
 * mark it VA_DYING (or VA_DEFERRED and queue it, in interrupt context).
 * Anything else is a bad pointer: reported with the caller, nothing changes.
 */
static struct vmap_area *claim_area(const void *ptr, unsigned long want,
				    const char *fn, unsigned long caller, bool defer)
{
	unsigned long addr = (unsigned long)ptr, flags, start = 0, end = 0, kind = 0;
	char sym[KSYM_NAME_LEN + 32];
	struct vmap_area *va = NULL;
	const char *why = NULL;

	if (!is_vmalloc_addr(ptr)) {
		why = "is not a vmalloc address";
	} else if (addr & ~PAGE_MASK) {
		why = "is not page aligned";
	} else {
		spin_lock_irqsave(&vmap_area_lock, flags);
		va = __find_busy_area(addr);
		if (!va) {
			struct vmap_area *lazy = __find_lazy_area(addr);

			why = lazy && lazy->vm.addr == ptr ? "was already freed" :
			      "is not the start of an area";
		} else {
			start = va->va_start;
			end = va->va_end;
			kind = va->vm.flags;
			if (va->state == VA_NEW)
				why = "is in an area still being set up";
			else if (va->vm.addr != ptr)
				why = "is inside an area, not its start";
			else if (va->state != VA_LIVE)
				why = "was already freed";
			else if (!(va->vm.flags & want))
				why = "belongs to another kind of area";
		}
		if (!why && defer) {
			va->state = VA_DEFERRED;
			list_add_tail(&va->list, &deferred_list);
			nr_deferred++;
		} else if (!why) {
			va->state = VA_DYING;
		}
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		if (!why && defer)
			schedule_work(&vfree_work);
	}
	if (!why)
		return va;
	counter_add(&nr_bad_frees, 1);
	sprint_symbol(sym, sizeof(sym), caller);
	if (end)
		pr_err("%s: bad address %08lx: %s (%s area %08lx-%08lx), caller %s\n",
		       fn, addr, why, area_kind(kind), start, end, sym);
	else
		pr_err("%s: bad address %08lx: %s, caller %s\n", fn, addr, why, sym);
	return NULL;
}

/* The common part of vfree, vunmap, iounmap, free_vm_area, free_thread_stack. */
static void release_area(const void *addr, unsigned long want, const char *fn,
			 unsigned long caller)
{
	bool defer = in_interrupt();
	struct vmap_area *va;

	va = claim_area(addr, want, fn, caller, defer);
	if (va && !defer)
		teardown_area(va);
}

/* ---- vmalloc ------------------------------------------------------------------ */

void *__vmalloc_node_range(unsigned long size, unsigned long align,
			   unsigned long start, unsigned long end, gfp_t gfp,
			   pgprot_t prot, unsigned long vm_flags, int node,
			   const void *caller)
{
	struct vmap_area *va;

	if (!vmalloc_ready) {
		vmalloc_fail(size, gfp, "vmalloc is not initialised", caller);
		return NULL;
	}
	if (!size) {
		vmalloc_fail(size, gfp, "zero size", caller);
		return NULL;
	}
	if (start < VMALLOC_START || end > VMALLOC_END || start >= end ||
	    size > end - start) {
		vmalloc_fail(size, gfp, "larger than the range", caller);
		return NULL;
	}
	if (align & (align - 1)) {
		vmalloc_fail(size, gfp, "alignment is not a power of two", caller);
		return NULL;
	}
	align = max(align, PAGE_SIZE);
	size = ALIGN(size, PAGE_SIZE);
	va = get_area(size, align, 0, start, end, VM_ALLOC | vm_flags, gfp, caller);
	if (!va) {
		vmalloc_fail(size, gfp, "no room in the vmalloc range", caller);
		return NULL;
	}
	if (map_new_pages(va, gfp, prot)) {
		teardown_area(va);
		vmalloc_fail(size, gfp, "out of memory", caller);
		return NULL;
	}
	set_state(va, VA_LIVE);
	return va->vm.addr;
}

void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp,
		     int node, const void *caller)
{
	return __vmalloc_node_range(size, align, VMALLOC_START, VMALLOC_END, gfp,
				    PAGE_KERNEL, 0, node, caller);
}

void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return __vmalloc_node(size, PAGE_SIZE, gfp, NUMA_NO_NODE,
			      __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL, NUMA_NO_NODE,
			      __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, PAGE_SIZE, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE,
			      __builtin_return_address(0));
}

void vfree(const void *addr)
{
	if (addr)
		release_area(addr, VM_ALLOC, "vfree", _RET_IP_);
}

/* ---- vmap, ioremap, bare areas ------------------------------------------------ */

/* Map prepared page tables for a VA_NEW area of pages or of [phys, ...). */
static void *map_area(struct vmap_area *va, struct page **pages, phys_addr_t phys,
		      pgprot_t prot, gfp_t gfp)
{
	struct vm_struct *vm = &va->vm;
	unsigned long addr = (unsigned long)vm->addr, size = get_vm_area_size(vm);

	if (prepare_tables(addr, size, gfp)) {
		teardown_area(va);
		return NULL;
	}
	map_frames(addr, pages, phys, size >> PAGE_SHIFT, prot);
	flush_cache_vmap(addr, addr + size);
	vm->nr_pages = size >> PAGE_SHIFT;
	set_state(va, VA_LIVE);
	return vm->addr;
}

/*
 * Every pages[i] names a RAM frame: a descriptor of mem_map (not NULL, not
 * outside it, not inside one) whose frame is memory, not a hole between
 * banks. Else report the first bad one with the caller (a caller bug, like
 * a bad free) and count a failure: vmap then maps nothing.
 */
static bool vmap_pages_valid(struct page **pages, unsigned int count, const void *caller)
{
	char sym[KSYM_NAME_LEN + 32];
	const char *why = NULL;
	unsigned long pfn = 0;
	unsigned int i;

	for (i = 0; i < count && !why; i++) {
		/* page_to_pfn reads the descriptor: only once it is one */
		pfn = 0;
		if (!pages[i])
			why = "is NULL";
		else if (!page_in_mem_map(pages[i]) ||
			 !pfn_valid(pfn = page_to_pfn(pages[i])) ||
			 pfn_to_page(pfn) != pages[i])
			why = "is not a struct page of mem_map";
		else if (!memblock_is_memory(PFN_PHYS(pfn)))
			why = "is a frame of no RAM bank";
	}
	if (!why)
		return true;
	counter_add(&nr_failures, 1);
	pr_err("vmap: pages[%u] (%p, pfn %#lx) %s, nothing mapped, caller %s\n", i - 1,
	       (void *)pages[i - 1], pfn, why,
	       sprint_symbol(sym, sizeof(sym), (unsigned long)caller));
	return false;
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	const void *caller = __builtin_return_address(0);
	unsigned long size = (unsigned long)count << PAGE_SHIFT;
	gfp_t gfp = context_gfp();
	struct vmap_area *va;
	void *addr;

	if (!count || count > (VMALLOC_END - VMALLOC_START) >> PAGE_SHIFT || !pages) {
		vmalloc_fail(size, gfp, "vmap: bad page count", caller);
		return NULL;
	}
	if (!vmap_pages_valid(pages, count, caller))
		return NULL;
	va = get_area(size, PAGE_SIZE, 0, VMALLOC_START, VMALLOC_END,
		      VM_MAP | (flags & ~(VM_ALLOC | VM_IOREMAP | VM_AREA)), gfp, caller);
	addr = va ? map_area(va, pages, 0, prot, gfp) : NULL;
	if (!addr)
		vmalloc_fail(size, gfp, "vmap: no room or no page table", caller);
	return addr;
}

void vunmap(const void *addr)
{
	if (addr)
		release_area(addr, VM_MAP, "vunmap", _RET_IP_);
}

/*
 * ioremap's physical range: inside what a PTE can name (a range past it
 * would wrap onto low frames through the 22-bit PPN), and no RAM. RAM is
 * mapped already (the linear map, or kmap for highmem) and belongs to the
 * page allocator: a second, device-typed alias of it is a caller bug.
 * Linux refuses both the same way (arm64's ioremap_prot: PHYS_MASK and
 * pfn_is_map_memory; x86's __ioremap_caller: "ioremap on RAM"; Linux maps
 * memory with memremap instead). RAM is what memblock lists as memory.
 */
static bool ioremap_range_valid(phys_addr_t phys, unsigned long size, const void *caller)
{
	char sym[KSYM_NAME_LEN + 32];
	const char *why;

	if (phys >= PTE_PHYS_LIMIT || size > PTE_PHYS_LIMIT - phys)
		why = "beyond the 34-bit physical address space";
	else if (memblock_memory_pages(PFN_DOWN(phys), PFN_UP(phys + size)))
		why = "RAM, not device memory";
	else
		return true;
	counter_add(&nr_failures, 1);
	pr_warn("ioremap: refusing %#llx-%#llx: %s, caller %s\n", (unsigned long long)phys,
		(unsigned long long)phys + size, why,
		sprint_symbol(sym, sizeof(sym), (unsigned long)caller));
	return false;
}

void *ioremap(phys_addr_t phys, unsigned long size)
{
	const void *caller = __builtin_return_address(0);
	unsigned long offset = (unsigned long)(phys & ~PAGE_MASK);
	gfp_t gfp = context_gfp();
	struct vmap_area *va;
	void *addr;

	if (!vmalloc_ready || !size || size > VMALLOC_END - VMALLOC_START) {
		vmalloc_fail(size, gfp, "ioremap: bad size", caller);
		return NULL;
	}
	if (!ioremap_range_valid(phys, size, caller))
		return NULL;
	va = get_area(ALIGN(offset + size, PAGE_SIZE), PAGE_SIZE, 0, VMALLOC_START,
		      VMALLOC_END, VM_IOREMAP, gfp, caller);
	if (va)
		va->vm.phys_addr = phys - offset;
	addr = va ? map_area(va, NULL, phys - offset, PAGE_KERNEL_IO, gfp) : NULL;
	if (!addr) {
		vmalloc_fail(size, gfp, "ioremap: no room or no page table", caller);
		return NULL;
	}
	return (char *)addr + offset;
}

void iounmap(volatile void *addr)
{
	if (addr)
		release_area((void *)((unsigned long)addr & PAGE_MASK), VM_IOREMAP,
			     "iounmap", _RET_IP_);
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller)
{
	gfp_t gfp = context_gfp();
	struct vmap_area *va;

	if (!vmalloc_ready || !size || size > VMALLOC_END - VMALLOC_START) {
		vmalloc_fail(size, gfp, "get_vm_area: bad size", caller);
		return NULL;
	}
	va = get_area(ALIGN(size, PAGE_SIZE), PAGE_SIZE, 0, VMALLOC_START, VMALLOC_END,
		      VM_AREA | (flags & ~(VM_ALLOC | VM_MAP | VM_IOREMAP)), gfp, caller);
	if (!va) {
		vmalloc_fail(size, gfp, "get_vm_area: no room", caller);
		return NULL;
	}
	set_state(va, VA_LIVE);
	return &va->vm;
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return get_vm_area_caller(size, flags, __builtin_return_address(0));
}

void free_vm_area(struct vm_struct *area)
{
	if (area)
		release_area(area->addr, VM_AREA, "free_vm_area", _RET_IP_);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vm_struct *vm = NULL;
	struct vmap_area *va;
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	va = __find_busy_area((unsigned long)addr);
	if (va && va->state == VA_LIVE && va->vm.addr == addr)
		vm = &va->vm;
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return vm;
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned long pfn = vmalloc_to_pfn(addr);

	return pfn && pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

unsigned long vmalloc_to_pfn(const void *addr)
{
	unsigned long pfn;

	if (!is_vmalloc_addr(addr) || !lookup_pfn((unsigned long)addr, &pfn))
		return 0;
	return pfn;
}

void vm_unmap_aliases(void)
{
	unsigned long flags;

	drain_deferred();
	spin_lock_irqsave(&vmap_area_lock, flags);
	__purge_vmap_area_lazy();
	spin_unlock_irqrestore(&vmap_area_lock, flags);
}

/* ---- kernel stacks ----------------------------------------------------------------- */

BUILD_BUG_ON(THREAD_ALIGN != 2 * THREAD_SIZE);

void *alloc_thread_stack(void)
{
	const void *caller = __builtin_return_address(0);
	struct vmap_area *va;

	if (!vmalloc_ready)
		return NULL;
	/* the stack is the upper half of a THREAD_ALIGN block: see entry.S */
	va = get_area(THREAD_SIZE, THREAD_ALIGN, THREAD_SIZE, VMALLOC_START, VMALLOC_END,
		      VM_ALLOC | VM_THREAD_STACK, GFP_KERNEL, caller);
	if (!va) {
		vmalloc_fail(THREAD_SIZE, GFP_KERNEL, "no room for a kernel stack", caller);
		return NULL;
	}
	if (map_new_pages(va, GFP_KERNEL, PAGE_KERNEL)) {
		teardown_area(va);
		vmalloc_fail(THREAD_SIZE, GFP_KERNEL, "out of memory", caller);
		return NULL;
	}
	/*
	 * Unlike other new mappings, a stack is flushed from every hart's
	 * TLB now. Elsewhere a stale "invalid" entry costs one spurious
	 * fault that the fault handler repairs; on a stack the trap entry
	 * itself would take that fault while pushing its frame, and a fault
	 * there cannot be returned from (arch/riscv/entry.S).
	 */
	flush_tlb_kernel_range((unsigned long)va->vm.addr,
			       (unsigned long)va->vm.addr + THREAD_SIZE);
	set_state(va, VA_LIVE);
	mod_node_page_state(&contig_page_data, NR_KERNEL_STACK_KB, THREAD_SIZE / 1024);
	return va->vm.addr;
}

void free_thread_stack(void *stack)
{
	if (stack)
		mod_node_page_state(&contig_page_data, NR_KERNEL_STACK_KB, -(THREAD_SIZE / 1024));
	if (stack)
		release_area(stack, VM_THREAD_STACK, "free_thread_stack", _RET_IP_);
}

/* ---- checks and statistics --------------------------------------------------------- */

/*
 * One busy area: its layout, and for a settled one every page mapped (the
 * PTEs present from addr on are exactly nr_pages, the trailing guard page
 * included in the count's range), ioremap ones onto the right frames. Adds
 * its present PTEs to *present and its owned frames to *owned; an area
 * being (un)mapped sets *transient and is only counted.
 */
static unsigned int check_busy_area(const struct vmap_area *va, unsigned long *present,
				    unsigned long *owned, bool *transient)
{
	const struct vm_struct *vm = &va->vm;
	unsigned long addr = (unsigned long)vm->addr, pfn, n;
	unsigned long guard = vm->flags & VM_THREAD_STACK ? THREAD_SIZE : 0;
	unsigned long kinds = vm->flags & (VM_ALLOC | VM_MAP | VM_IOREMAP | VM_AREA);

	n = pgtable_count_present(&init_mm, va->va_start, va->va_end);
	*present += n;
	if (va->state == VA_NEW || va->state == VA_DYING) {
		if (vm->flags & VM_ALLOC)
			*owned += n;
		*transient = true;
		return 0;
	}
	if (addr != va->va_start + guard || addr + vm->size != va->va_end ||
	    vm->size < 2 * PAGE_SIZE || !kinds || (kinds & (kinds - 1))) {
		pr_err("vmalloc_check: area %08lx-%08lx: addr %08lx size %lu flags %#lx inconsistent\n",
		       va->va_start, va->va_end, addr, vm->size, vm->flags);
		return 1;
	}
	if (kinds == VM_AREA)	/* the owner may map into a bare area */
		return 0;
	if (vm->nr_pages != get_vm_area_size(vm) >> PAGE_SHIFT || n != vm->nr_pages ||
	    pgtable_count_present(&init_mm, addr, addr + get_vm_area_size(vm)) != n) {
		pr_err("vmalloc_check: area %08lx-%08lx: %lu of its %u pages mapped, size %lu\n",
		       va->va_start, va->va_end, n, vm->nr_pages, vm->size);
		return 1;
	}
	if (kinds == VM_IOREMAP) {
		unsigned long i;

		for (i = 0; i < vm->nr_pages; i++) {
			if (!lookup_pfn(addr + (i << PAGE_SHIFT), &pfn) ||
			    pfn != PFN_DOWN(vm->phys_addr) + i) {
				pr_err("vmalloc_check: ioremap of %llx at %08lx: page %lu is wrong\n",
				       (unsigned long long)vm->phys_addr, addr, i);
				return 1;
			}
		}
	}
	if (kinds == VM_ALLOC)
		*owned += vm->nr_pages;
	return 0;
}

int vmalloc_check(void)
{
	unsigned long flags, present = 0, owned = 0, ptes;
	bool transient = false;
	unsigned int errs;
	struct rb_node *n;

	spin_lock_irqsave(&vmap_area_lock, flags);
	errs = __vmap_area_check();
	for (n = rb_first(&busy_vmap_root); n; n = rb_next(n))
		errs += check_busy_area(rb_entry(n, struct vmap_area, rb_node), &present,
					&owned, &transient);
	/* guards, free and lazy ranges hold no PTE: every present one is accounted for */
	ptes = pgtable_count_present(&init_mm, VMALLOC_START, VMALLOC_END);
	if (ptes != present) {
		pr_err("vmalloc_check: %lu PTEs present in the range, areas account for %lu\n",
		       ptes, present);
		errs++;
	}
	/* frames and their counter agree when no area is half (un)mapped */
	if (!transient && owned != READ_ONCE(vmalloc_pages)) {
		pr_err("vmalloc_check: vmalloc areas map %lu frames, counter says %lu\n",
		       owned, READ_ONCE(vmalloc_pages));
		errs++;
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return errs ? -EFAULT : 0;
}

void vmalloc_get_stats(struct vmalloc_stats *st)
{
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	spin_lock_irqsave(&vmap_area_lock, flags);
	__vmap_area_stats(st);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	st->meta_pages = vmap_area_cache_pages();
	st->vmalloc_pages = READ_ONCE(vmalloc_pages);
	st->pgtable_pages = READ_ONCE(init_mm.nr_ptes);
	st->tlb_flushes = kernel_tlb_flushes();
	st->bad_frees = READ_ONCE(nr_bad_frees);
	st->failures = READ_ONCE(nr_failures);
	st->sync_faults = READ_ONCE(vmalloc_sync_faults);
}

unsigned long vmalloc_meta_pages(void)
{
	struct vmalloc_stats st;

	vmalloc_get_stats(&st);
	return st.meta_pages + st.pgtable_pages;
}

unsigned long vmalloc_meta_objects(void)
{
	struct vmalloc_stats st;

	vmalloc_get_stats(&st);
	return st.meta_objects;
}

void vmalloc_set_lazy_max(unsigned long bytes)
{
	vmap_set_lazy_max(bytes);
}

void vmalloc_reset(void)
{
	vmap_area_reset();
	vmalloc_ready = false;
	vmalloc_pages = nr_bad_frees = nr_failures = 0;
	failure_reports = 0;
}
