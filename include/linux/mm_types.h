/* SPDX-License-Identifier: MIT */
/*
 * struct page: one descriptor per physical page frame (mem_map[]).
 *
 * Glossary
 *   frame   a 4 KiB page of physical memory, named by its pfn
 *   block   2^order frames starting at a pfn that is a multiple of 2^order;
 *           the buddy allocator hands out and takes back whole blocks
 *   head    the first frame of a block; only the head's descriptor says
 *           anything about the block (its order, its state)
 *   buddy   the block of the same order that a block merges with:
 *           pfn ^ (1 << order)
 *
 * Frame states and what the descriptor holds in each
 *
 *   state            flags                  lru             private  _refcount
 *   reserved/hole    PG_reserved            unused          0        1
 *   free block head  PG_buddy               zone free list  order    0
 *   on a pcp list    PG_pcp, mt field       per-CPU list    -        0
 *   allocated head   PG_head, order, mt     owner's         owner's  >= 1
 *   tail of a block  none of the above      unused/owner's  -        0
 *
 * Exactly one of PG_reserved, PG_buddy, PG_pcp and PG_head is set on a head
 * frame; tails carry none of them. PG_slab is set by the slab allocator on
 * the frames it owns and must be cleared before they go back.
 *
 * Every free frame (a free block's head and tails, a pcp frame) has
 * _mapcount == -1 and mapping == NULL: owners must leave them so when they
 * free (page_alloc_debug refuses a free that does not, buddy_check() reports
 * a free frame that is not), and allocation does not rewrite them.
 *
 * The flags word: bits 0..14 are PG_* flags, bits 16..19 the order of an
 * allocated block, bits 20..21 a migratetype (of an allocated block: the
 * type it was allocated as; of a pcp frame: the list it is on), bits 22..23
 * the zone index, bits 24..31 the number of the memory section holding the
 * frame (page_to_pfn() reads it: see <linux/mm.h>). Zone and section are
 * the frame's place (PAGE_FLAGS_PLACE): set once when mem_map is built,
 * kept by every change of state.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <asm/page.h>

struct kmem_cache;

struct page {
	/*
	 * Free: link in a buddy free list (zone->lock) or a per-CPU list (its
	 * CPU, irqs off). Allocated: free for the owner's use. First, so that
	 * a descriptor and its link have the same address on the fast paths.
	 */
	struct list_head lru;
	/* PG_* bits, allocation order and zone; see the layout above. */
	unsigned long flags;
	/* PG_buddy: order of the free block. Allocated: owner's. */
	unsigned long private;
	union {
		struct {			/* page cache / anonymous pages */
			void *mapping;		/* must be NULL when freed */
			unsigned long index;	/* offset within the mapping, in pages */
		};
		struct {			/* PG_slab frames */
			struct kmem_cache *slab_cache;
			void *freelist;
		};
	};
	/* References: 0 while free, 1 after allocation; get_page/put_page. */
	int _refcount;
	/* Page table entries mapping this frame, minus one (-1: unmapped). */
	int _mapcount;
};

/* The size budget: 32 bytes per frame on rv32 (0.8% of RAM). */
#if __SIZEOF_POINTER__ == 4
_Static_assert(sizeof(struct page) <= 32, "struct page exceeds 32 bytes");
#endif

/*
 * Page flag bit numbers. The allocator's states come first and the owner
 * bits that a free clears follow, all below bit 11: the order-0 fast paths
 * switch a frame between PG_pcp and PG_head, and clear the owner bits, with
 * 12-bit immediates.
 */
enum pageflags {
	PG_buddy,		/* head of a free block on a buddy free list */
	PG_pcp,			/* free frame on a per-CPU list */
	PG_head,		/* head of an allocated block (order field valid) */
	PG_reserved,		/* never handed out: firmware, kernel, hole */
	PG_slab,		/* frame belongs to the slab allocator */
	PG_referenced,		/* owner: recently accessed */
	PG_uptodate,		/* owner: contents valid */
	PG_dirty,		/* owner: contents differ from backing store */
	PG_active,		/* owner: on the active LRU list (bad at free) */
	PG_private,		/* owner: private holds owner data (bad at free) */
	PG_swapbacked,		/* owner: anonymous memory */
	PG_locked,		/* owner: frame is locked for I/O (bad at free) */
	PG_lru,			/* owner: on an LRU list (bad at free) */
	PG_writeback,		/* owner: being written back (bad at free) */
	PG_poison,		/* contents poisoned by page_alloc_debug */
	NR_PAGEFLAGS
};

#define PAGE_ORDER_SHIFT	16
#define PAGE_ORDER_MASK		(0xfUL << PAGE_ORDER_SHIFT)
#define PAGE_MT_SHIFT		20
#define PAGE_MT_MASK		(0x3UL << PAGE_MT_SHIFT)
#define PAGE_ZONE_SHIFT		22
#define PAGE_ZONE_MASK		(0x3UL << PAGE_ZONE_SHIFT)
#define PAGE_SECTION_SHIFT	24
#define PAGE_SECTION_MASK	(0xffUL << PAGE_SECTION_SHIFT)
#define PAGE_FLAGS_PLACE	(PAGE_ZONE_MASK | PAGE_SECTION_MASK)

#define PAGE_FLAG(bit)		(1UL << (bit))

/*
 * Owner-visible flag helpers. SetPageX/ClearPageX are atomic (other bits of
 * the word may change concurrently); __SetPageX/__ClearPageX are for frames
 * the caller owns exclusively.
 */
#define PAGEFLAG(name, bit)						\
static inline bool Page##name(const struct page *p)			\
{									\
	return (READ_ONCE(p->flags) & PAGE_FLAG(bit)) != 0;		\
}									\
static inline void SetPage##name(struct page *p)			\
{									\
	__atomic_fetch_or(&p->flags, PAGE_FLAG(bit), __ATOMIC_RELAXED);	\
}									\
static inline void ClearPage##name(struct page *p)			\
{									\
	__atomic_fetch_and(&p->flags, ~PAGE_FLAG(bit), __ATOMIC_RELAXED); \
}									\
static inline void __SetPage##name(struct page *p)			\
{									\
	p->flags |= PAGE_FLAG(bit);					\
}									\
static inline void __ClearPage##name(struct page *p)			\
{									\
	p->flags &= ~PAGE_FLAG(bit);					\
}

PAGEFLAG(Locked, PG_locked)
PAGEFLAG(Referenced, PG_referenced)
PAGEFLAG(Uptodate, PG_uptodate)
PAGEFLAG(Dirty, PG_dirty)
PAGEFLAG(LRU, PG_lru)
PAGEFLAG(Active, PG_active)
PAGEFLAG(Writeback, PG_writeback)
PAGEFLAG(Private, PG_private)
PAGEFLAG(SwapBacked, PG_swapbacked)
PAGEFLAG(Slab, PG_slab)
PAGEFLAG(Reserved, PG_reserved)

#undef PAGEFLAG

/* Allocator-owned states: read-only outside mm/page_alloc*.c. */
static inline bool PageBuddy(const struct page *p)
{
	return (p->flags & PAGE_FLAG(PG_buddy)) != 0;
}

static inline bool PagePcp(const struct page *p)
{
	return (p->flags & PAGE_FLAG(PG_pcp)) != 0;
}

static inline bool PageHead(const struct page *p)
{
	return (p->flags & PAGE_FLAG(PG_head)) != 0;
}

/* Order of an allocated block; meaningful only when PageHead(). */
static inline unsigned int page_alloc_order(const struct page *p)
{
	return (p->flags & PAGE_ORDER_MASK) >> PAGE_ORDER_SHIFT;
}

static inline unsigned int page_zonenum(const struct page *p)
{
	return (p->flags & PAGE_ZONE_MASK) >> PAGE_ZONE_SHIFT;
}

/* Memory section of the frame (the section table's index). */
static inline unsigned long page_to_section(const struct page *p)
{
	return (p->flags & PAGE_SECTION_MASK) >> PAGE_SECTION_SHIFT;
}

/* Reference counting (Linux's page_ref_* / get_page / put_page_testzero). */
static inline int page_ref_count(const struct page *p)
{
	return __atomic_load_n(&p->_refcount, __ATOMIC_RELAXED);
}

static inline void set_page_count(struct page *p, int v)
{
	__atomic_store_n(&p->_refcount, v, __ATOMIC_RELAXED);
}

static inline void get_page(struct page *p)
{
	__atomic_fetch_add(&p->_refcount, 1, __ATOMIC_RELAXED);
}

/* Drop a reference; true when it was the last one. */
static inline bool put_page_testzero(struct page *p)
{
	return __atomic_sub_fetch(&p->_refcount, 1, __ATOMIC_ACQ_REL) == 0;
}

static inline int page_mapcount(const struct page *p)
{
	return __atomic_load_n(&p->_mapcount, __ATOMIC_RELAXED) + 1;
}

/*
 * Address spaces ("Understanding the Linux Kernel", chapter 9).
 *
 * Glossary
 *   mm       struct mm_struct, the memory descriptor: one address space
 *   region   struct vm_area_struct, a memory region (VMA): an interval
 *            [vm_start, vm_end) of pages with the same rights and flags
 *   users    mm_users: tasks (and kernel code, mmget) using the user part
 *   count    mm_count: references to the descriptor itself; all users
 *            together hold one; a kernel thread borrowing an mm as its
 *            active_mm holds another (mmgrab)
 *
 * Invariants of an mm (vma_check() re-derives every one of them):
 *   regions are page aligned, vm_start < vm_end <= TASK_SIZE, sorted,
 *   and never overlap: vma->vm_end <= vma->vm_next->vm_start
 *   the rb-tree mm_rb and the list mmap hold the same regions in the
 *   same order; map_count == number of regions <= max_map_count
 *   rb_subtree_gap of a node == the largest free gap below any region of
 *   its subtree (the gap below a region: vm_start - previous vm_end, or
 *   vm_start for the first)
 *   highest_vm_end == vm_end of the last region (0 for none)
 *   total_vm == sum of region sizes in pages; stack_vm, data_vm, exec_vm
 *   as Linux's vm_stat_account() classifies regions
 *   no two neighbours with vm_end == next vm_start are mergeable
 *   (same flags, same object, contiguous vm_pgoff)
 */
struct mm_struct;
struct shared_anon;

struct vm_area_struct {
	/* mm->mmap_lock (written with it held for writing) */
	unsigned long vm_start;		/* first byte of the region */
	unsigned long vm_end;		/* the first byte after our end address */
	struct vm_area_struct *vm_next, *vm_prev;	/* sorted list, by address */
	struct rb_node vm_rb;		/* mm->mm_rb, by address */
	/*
	 * Largest free gap (bytes) below any region in this subtree,
	 * including this one's own gap: lets get_unmapped_area find a hole
	 * in O(log n).
	 */
	unsigned long rb_subtree_gap;
	struct mm_struct *vm_mm;	/* the address space we belong to */
	pgprot_t vm_page_prot;		/* PTE bits for vm_flags (vm_get_page_prot) */
	unsigned long vm_flags;		/* VM_* */
	/*
	 * Offset of vm_start in pages: in the shared object for a
	 * MAP_SHARED anonymous region, vm_start >> PAGE_SHIFT for a
	 * private one (as Linux keeps it, so merging checks one rule).
	 */
	unsigned long vm_pgoff;
	/* MAP_SHARED|MAP_ANONYMOUS: the object whose frames every mapping sees */
	struct shared_anon *vm_shared;
};

/* Per-mm RSS counters (Linux's MM_* indexes of rss_stat). */
enum {
	MM_FILEPAGES,	/* never used: no files */
	MM_ANONPAGES,	/* private anonymous frames mapped (the zero page excluded) */
	MM_SWAPENTS,	/* never used: no swap */
	MM_SHMEMPAGES,	/* frames of shared anonymous objects mapped */
	NR_MM_COUNTERS
};

struct mm_struct {
	/* the regions: mmap_lock */
	struct vm_area_struct *mmap;	/* first region of the sorted list */
	struct rb_root mm_rb;		/* the same regions, by address */
	int map_count;			/* number of regions */
	unsigned long highest_vm_end;	/* vm_end of the last region */
	unsigned long mmap_base;	/* top-down get_unmapped_area starts below */
	unsigned long task_size;	/* end of the user part (TASK_SIZE) */

	/* page tables: page_table_lock for the entries, pgd fixed for the mm's life */
	pgd_t *pgd;
	spinlock_t page_table_lock;	/* PTEs and the level-1 entries of user tables */
	unsigned long nr_ptes;		/* level-0 tables of the user part, page_table_lock */

	/* lifetime (atomic) */
	int mm_users;			/* mmget/mmput: the last one tears the space down */
	int mm_count;			/* mmgrab/mmdrop: the last one frees the descriptor */

	struct rw_semaphore mmap_lock;	/* read: faults, lookups; write: region changes */

	/* layout, as Linux's (mmap_lock) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;

	/* pages (mmap_lock for writing, or read plus atomics for the fault path) */
	unsigned long total_vm;		/* pages in regions */
	unsigned long locked_vm;	/* VM_LOCKED pages */
	unsigned long data_vm;		/* VM_WRITE & ~VM_SHARED & ~VM_STACK */
	unsigned long exec_vm;		/* VM_EXEC & ~VM_WRITE & ~VM_STACK */
	unsigned long stack_vm;		/* VM_STACK (VM_GROWSDOWN) */
	long rss_stat[NR_MM_COUNTERS];	/* atomic: frames mapped, by kind */

	/* harts that may hold this mm's translations (TLB shootdown), atomic */
	unsigned long cpu_mask;
	/* link in the list of every mm (mm_list_lock), for reports */
	struct list_head mmlist;
};
/*
 * TLB note: the user part of every mm is translated with ASID 0, so a
 * switch flushes the hart's TLB (switch_mm); a hart that ran an mm stays
 * in cpu_mask until then and is shot down with it (flush_tlb_mm/_range).
 */

#endif /* _LINUX_MM_TYPES_H */
