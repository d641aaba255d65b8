/* SPDX-License-Identifier: MIT */
/*
 * Frame <-> descriptor <-> address conversions, boot setup, accounting,
 * debug knobs and reports of the page frame allocator.
 *
 * Frame numbers that bound the zones:
 *
 *   mem_map_base_pfn  first RAM frame
 *   min_low_pfn       first frame of the linear map (phys_ram_base)
 *   max_low_pfn       first frame past the linear map = start of highmem
 *   max_pfn           first frame past RAM (at most MAX_PHYS_PFN)
 *
 * Only [min_low_pfn, max_low_pfn) has a kernel virtual address, and only
 * its RAM that is not MEMBLOCK_NOMAP is mapped.
 *
 * The descriptors are kept as Linux's classic SPARSEMEM keeps them, not as
 * one flat array from the first frame to the last: the physical address
 * space is cut into NR_MEM_SECTIONS sections of PAGES_PER_SECTION frames,
 * and a section with RAM has descriptors for one extent of it, the whole
 * MAX_ORDER blocks from its first RAM frame to its last (so a buddy of a
 * valid frame is always valid); a section without RAM has none. The
 * extents are packed in ascending order into one memblock allocation,
 * mem_map, of mem_map_bytes. Per section the table keeps:
 *
 *   mem_section_map[nr]     address of the descriptor of pfn 0 if the
 *                           section's extent started there:
 *                           pfn_to_page(pfn) = that + pfn (integer
 *                           arithmetic, 0 for a section without RAM)
 *   mem_section_extent[nr]  [start_pfn, end_pfn) with descriptors
 *
 * and each descriptor names its section in page->flags, so page_to_pfn()
 * is one subtraction from the same table. Holes inside an extent have
 * descriptors (PG_reserved, like the frames of no-map RAM); holes between
 * extents cost nothing. docs/ARCHITECTURE.md says why SPARSEMEM.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/types.h>
#include <asm/page.h>

#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define NR_MEM_SECTIONS		(1UL << (MAX_PHYSMEM_BITS - SECTION_SIZE_BITS))

_Static_assert(NR_MEM_SECTIONS - 1 <= PAGE_SECTION_MASK >> PAGE_SECTION_SHIFT,
	       "page->flags has too few bits for the section number");

struct mem_section_extent {
	unsigned long start_pfn;	/* first frame with a descriptor */
	unsigned long end_pfn;		/* first frame past them; == start: none */
};

extern struct page *mem_map;
extern unsigned long mem_section_map[NR_MEM_SECTIONS];
extern struct mem_section_extent mem_section_extent[NR_MEM_SECTIONS];
extern unsigned long mem_map_base_pfn;
extern unsigned long min_low_pfn;
extern unsigned long max_low_pfn;
extern unsigned long max_pfn;

static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

/* Does pfn have a descriptor? */
static inline bool pfn_valid(unsigned long pfn)
{
	const struct mem_section_extent *e;

	if (pfn_to_section_nr(pfn) >= NR_MEM_SECTIONS)
		return false;
	e = &mem_section_extent[pfn_to_section_nr(pfn)];
	return pfn - e->start_pfn < e->end_pfn - e->start_pfn;
}

/* pfn must be valid. */
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return (struct page *)(mem_section_map[pfn_to_section_nr(pfn)] +
			       pfn * sizeof(struct page));
}

/* page must be a descriptor in mem_map. */
static inline unsigned long page_to_pfn(const struct page *page)
{
	return ((unsigned long)page - mem_section_map[page_to_section(page)]) /
	       sizeof(struct page);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

/* True when va lies in the linear map's window at a frame with a descriptor. */
static inline bool virt_addr_valid(const void *va)
{
	unsigned long pfn = PFN_DOWN(__pa(va));

	return pfn >= min_low_pfn && pfn < max_low_pfn && pfn_valid(pfn);
}

/* va must be a linear-map address (virt_addr_valid). */
static inline struct page *virt_to_page(const void *va)
{
	return pfn_to_page(PFN_DOWN(__pa(va)));
}

/* Linear address of a lowmem frame; NULL for highmem (use kmap). */
static inline void *page_address(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn >= min_low_pfn && pfn < max_low_pfn)
		return __va(PFN_PHYS(pfn));
	return NULL;
}

/* Drop a reference; the last one frees the block with its recorded order. */
void put_page(struct page *page);

/*
 * mm/sparse.c. sparse_init() builds the section table and allocates
 * mem_map from memblock for every section with RAM below PHYSMEM_END
 * (RAM above it is logged and left out); the descriptors are zeroed and
 * free_area_init() fills them in. 0, or -ENOMEM when memblock has no room.
 */
int sparse_init(void);
/* The first frame at or after pfn with a descriptor; MAX_PHYS_PFN if none. */
unsigned long memmap_next_valid_pfn(unsigned long pfn);
/*
 * The end of the run of frames from pfn (valid) whose descriptors lie back
 * to back in mem_map, so that pfn_to_page(pfn) + i is the descriptor of
 * pfn + i before it; at most limit.
 */
unsigned long memmap_contig_end(unsigned long pfn, unsigned long limit);

/*
 * Boot: after memblock knows RAM and the reserved ranges, free_area_init()
 * has sparse_init() allocate the descriptors from memblock, builds both
 * zones and marks every frame with a descriptor reserved;
 * memblock_free_all() then hands the free frames over.
 * max_low_pfn: first frame the linear map cannot reach. Returns 0, or
 * -ENOMEM when memblock cannot hold mem_map (the boot cannot go on).
 */
int free_area_init(unsigned long max_low_pfn);
/*
 * Give a reserved frame of RAM (e.g. the initrd's) to the buddy allocator.
 * A frame that is not reserved, or not RAM (a hole in mem_map), is a bad
 * free: reported with the caller and refused.
 */
void free_reserved_page(struct page *page);
/* Same for every whole frame in [start, end); returns the frame count. */
unsigned long free_reserved_area(phys_addr_t start, phys_addr_t end,
				 const char *what);

/*
 * Watermarks: min_free_kbytes = sqrt(16 * lowmem KiB), clamped to
 * [128, 65536], split among the lowmem zones by size; highmem gets
 * managed/1024 clamped to [32, 128]; low = min * 5/4, high = min * 3/2.
 * A negative kbytes returns to the computed default.
 */
extern int min_free_kbytes;
void page_alloc_set_min_free_kbytes(int kbytes);
void setup_per_zone_wmarks(void);
/*
 * Per-CPU list limits for every zone and CPU; high 0 turns the lists off.
 * This CPU's lists shrink at once, other CPUs' at their next refill or spill.
 */
void page_alloc_set_pcp(unsigned int high, unsigned int batch);
/*
 * Point this CPU's thread-local pointers at its per-CPU lists. Every CPU
 * runs it before it allocates: the boot hart from free_area_init(), a
 * secondary hart when it starts (none do yet), a host test when it
 * switches host_cpu.
 */
void page_alloc_cpu_init(void);

/* Frame accounting: total == free + pcp + used + reserved. */
struct page_totals {
	unsigned long total;	/* RAM frames (present) */
	unsigned long managed;	/* given to the buddy allocator */
	unsigned long free;	/* in buddy free lists */
	unsigned long pcp;	/* on per-CPU lists */
	unsigned long used;	/* allocated */
	unsigned long reserved;	/* never given to the buddy allocator */
	unsigned long high_total;
	unsigned long high_free;	/* buddy + pcp, ZONE_HIGHMEM */
};
void page_alloc_totals(struct page_totals *t);
/* Free frames, per-CPU lists included. */
unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);
unsigned long totalhigh_pages(void);

/*
 * Every free checks the head's flags, which refuses double frees, wrong
 * orders, tails, reserved and slab frames. page_alloc_debug adds: the
 * descriptor must lie in mem_map, be unmapped (mapcount, mapping) and have
 * clean tails; frames are poisoned (PAGE_POISON) when freed and the poison
 * is checked when they are handed out. Set it before memblock_free_all()
 * and leave it: memblock_free_all() latches it for the order-0 fast path.
 */
#define PAGE_POISON		0xaa
extern bool page_alloc_debug;
/* Bad frees reported (double, wrong order, reserved, slab, not a frame). */
extern unsigned long page_alloc_bad_frees;
extern unsigned long page_alloc_poison_errors;
/* Failed allocations, and how many of them fault injection caused. */
extern unsigned long page_alloc_failures;
extern unsigned long page_alloc_injected;

/*
 * Fault injection: fail this percentage (0..100) of allocations. The
 * bootarg sets the variable before memblock_free_all(); after that, change
 * it with fail_page_alloc_set_probability(), which tells the fast path.
 */
extern unsigned int fail_page_alloc_probability;
/* fail_page_alloc= as given at boot: armed by fault_injection_arm(). */
extern unsigned int fail_page_alloc_boot;
void fail_page_alloc_set_probability(unsigned int percent);
void fail_page_alloc_seed(u64 seed);

/*
 * Reclaim hook (Linux's shrinkers), run (no locks held, irqs as the caller
 * had them) when a request that may block (__GFP_DIRECT_RECLAIM, as
 * GFP_KERNEL) finds its zones below the low watermark; asked for nr_wanted
 * frames, returns how many it freed. GFP_ATOMIC and GFP_NOWAIT requests
 * never run it, so it does not run from interrupt handlers (a blocking
 * request from one is warned about). It must not sleep.
 * page_alloc_register_reclaim returns 0 or -ENOSPC (at most 4 hooks).
 */
typedef unsigned long (*page_reclaim_fn)(unsigned int nr_wanted, gfp_t gfp);
int page_alloc_register_reclaim(page_reclaim_fn fn);

/*
 * Temporary mapping of a highmem frame (kmap_atomic/kunmap_atomic), so that
 * __GFP_ZERO and poisoning work on highmem too. Without it, highmem frames
 * are neither zeroed (an error is logged) nor poisoned.
 */
void page_alloc_set_kmap(void *(*map)(struct page *page),
			 void (*unmap)(void *addr));

/*
 * Re-derive every invariant of the allocator from mem_map (see mmzone.h).
 * Returns 0, or -EFAULT after printing what is broken.
 */
int buddy_check(void);

/* Reports in Linux's layouts (page_report.c), printed with printk. */
void buddy_show_buddyinfo(void);	/* /proc/buddyinfo */
void buddy_show_pagetypeinfo(void);	/* /proc/pagetypeinfo */
void buddy_show_meminfo(void);		/* /proc/meminfo subset */
void buddy_report(void);		/* @buddy records, one per zone */
/* Linux's unusable free space index at order, in thousandths. */
unsigned int unusable_free_index(const struct zone *z, unsigned int order);

/* ---- Address spaces: regions (mm/mmap.c and friends) --------------------- */

struct pt_regs;

/* vm_flags (Linux's values) */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL	/* what mprotect may turn on */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* a stack: grows down on a fault below it */
#define VM_LOCKED	0x00002000UL
#define VM_DONTCOPY	0x00020000UL	/* not copied by fork (MADV_DONTFORK) */
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)

/*
 * User space ends at TASK_SIZE (DESIGN.md section 3); mmap_min_addr keeps
 * the NULL page unmapped; the stack limit is Linux's default RLIMIT_STACK
 * and the gap below a stack Linux's stack_guard_gap (256 pages).
 */
#define TASK_SIZE		PAGE_OFFSET
#define MMAP_MIN_ADDR		PAGE_SIZE
#define STACK_RLIMIT		(8UL << 20)
#define STACK_GUARD_GAP		(256UL << PAGE_SHIFT)
#define STACK_TOP		TASK_SIZE

/*
 * find_vma: the first region with vm_end > addr (it may not contain
 * addr), or NULL; O(log n) in the rb-tree. mmap_lock held.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The same, with the region before it in *pprev (NULL if none). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* The first region overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start, unsigned long end);
/* The region containing addr, or NULL. */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);

/* PTE protection bits for vm_flags (Linux's protection_map, riscv's values). */
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/*
 * System-call level operations on the current address space (they take
 * mm->mmap_lock themselves). Return values and errno values are Linux's:
 * do_mmap returns the address, or -errno in the last MAX_ERRNO values
 * (IS_ERR_VALUE: user addresses above 2 GiB are negative as a long), the
 * others 0 or -errno; do_brk returns the new break (the old one when the
 * request fails), as the brk system call does.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long pgoff, unsigned long flags);
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags, unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot);
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr);
int do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, int behavior);

/*
 * Grow a VM_GROWSDOWN region down to cover address (page aligned down),
 * within STACK_RLIMIT and never to within STACK_GUARD_GAP of the region
 * below. 0, or -ENOMEM. mmap_lock held (read is enough: the region's
 * bounds change under mm->page_table_lock as in Linux).
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address);

/*
 * Re-derive every invariant of mm's regions (see struct mm_struct).
 * Returns 0, or -EFAULT after printing what is broken.
 */
int vma_check(struct mm_struct *mm);

/* /proc/<pid>/maps layout, printed with printk. */
void show_map(struct mm_struct *mm);

/* ---- Address spaces: page faults (mm/memory.c) --------------------------- */

typedef unsigned int vm_fault_t;

/* handle_mm_fault results (Linux's values) */
#define VM_FAULT_OOM		0x000001
#define VM_FAULT_SIGBUS		0x000002
#define VM_FAULT_MAJOR		0x000004
#define VM_FAULT_SIGSEGV	0x000040
#define VM_FAULT_NOPAGE		0x000100
#define VM_FAULT_RETRY		0x000400
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* fault flags (Linux's values) */
#define FAULT_FLAG_WRITE	0x0001
#define FAULT_FLAG_USER		0x0040
#define FAULT_FLAG_REMOTE	0x0080
#define FAULT_FLAG_INSTRUCTION	0x0100

/*
 * The generic page fault handler: address lies in vma (the caller found
 * it under mmap_lock held for reading and checked nothing else). Does the
 * access flags allow it (vma rights), and does the page have a frame yet?
 * Read of an untouched private page: the zero page, read-only. Write:
 * a fresh zeroed frame, or for a copy-on-write page a copy (or the same
 * frame when this mapping is its only user). Shared anonymous regions
 * map their object's frame. A present PTE that faulted only for its A
 * or D bit gets them set. Returns 0, VM_FAULT_SIGSEGV (access not
 * allowed), VM_FAULT_SIGBUS (past a shared object's end) or VM_FAULT_OOM
 * (nothing leaked); regs may be NULL (not a trap, e.g. MAP_POPULATE).
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, struct pt_regs *regs);

/*
 * The shared zero page (read faults of private anonymous memory map it):
 * one zeroed lowmem frame from zero_page_init() at boot (0 or -ENOMEM),
 * never freed, never counted in RSS; its PTEs are special.
 */
extern struct page *zero_page;
int zero_page_init(void);
static inline bool is_zero_pfn(unsigned long pfn)
{
	extern unsigned long zero_pfn;
	return pfn == zero_pfn;
}

#endif /* _LINUX_MM_H */
