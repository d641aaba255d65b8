/* SPDX-License-Identifier: MIT */
/*
 * The lifetime of an address space (kernel/fork.c in Linux; mm/mm_init.c
 * here) and which one a hart is using.
 *
 * mm_users counts the users of the user part: the last mmput() runs
 * exit_mmap() (every region, page and page table goes back) and drops
 * the users' shared mm_count reference. mm_count counts references to
 * the descriptor and its page directory: the last mmdrop() frees them. A
 * kernel thread owns no mm: it borrows the one the hart last ran as its
 * active_mm (mmgrab), so switching to it needs no page table switch.
 */
#ifndef _LINUX_SCHED_MM_H
#define _LINUX_SCHED_MM_H

#include <linux/mm_types.h>

/* The kernel's own address space: swapper_pg_dir, no regions. */
extern struct mm_struct init_mm;

/*
 * A new empty address space: its page directory shares the kernel half
 * of swapper_pg_dir, mm_users = mm_count = 1, mmap_base below the stack
 * gap, task_size = TASK_SIZE. NULL when out of memory.
 */
struct mm_struct *mm_alloc(void);

static inline void mmgrab(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_count, 1, __ATOMIC_RELAXED);
}

/* The last reference frees the page directory and the descriptor. */
void mmdrop(struct mm_struct *mm);

static inline void mmget(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_users, 1, __ATOMIC_RELAXED);
}

/* Take a user reference unless the space is already being torn down. */
bool mmget_not_zero(struct mm_struct *mm);

/* The last user runs exit_mmap() and then mmdrop(). */
void mmput(struct mm_struct *mm);

/*
 * fork's half of the address space: a new mm whose regions are copies of
 * oldmm's and whose page tables share its frames (dup_mmap: private
 * writable pages become copy-on-write in both, shared ones stay shared).
 * NULL when out of memory, with nothing left allocated.
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/* Tear down every region, page and page table of mm (mm_users reached 0). */
void exit_mmap(struct mm_struct *mm);

/*
 * This hart's current mm (the task's, NULL for a kernel thread) and
 * active_mm (the one whose page directory satp holds): current->mm and
 * current->active_mm. The scheduler switches them with the task; a
 * kernel thread works on a user address space with use_mm()/unuse_mm()
 * (Linux's kthread_use_mm), as the loader and the self-tests do.
 */
struct mm_struct *current_mm(void);
struct mm_struct *current_active_mm(void);

/*
 * Make mm this hart's current and active mm (switch_mm: satp and a TLB
 * flush when it differs), with a reference (mmgrab) held while it is
 * active; returns the previous current mm (may be NULL).
 */
struct mm_struct *use_mm(struct mm_struct *mm);
/*
 * Leave mm (current again becomes prev, NULL for the kernel): like a
 * kernel thread, the hart keeps mm as active_mm, borrowed (lazy TLB),
 * until another mm is used.
 */
void unuse_mm(struct mm_struct *mm, struct mm_struct *prev);
/*
 * Stop borrowing: a kernel thread (no current mm) switches to init_mm
 * and drops the reference its lazy active_mm held (the last one frees
 * it), so nothing is held for a user address space that is gone. For
 * code that must account for every frame (the self-tests, the end of a
 * run).
 */
void exit_lazy_mm(void);

/* Number of address spaces alive (for @vm mms=). */
unsigned long nr_mms(void);
/* Regions of every address space alive: the sum of map_count (for @vm vmas=). */
unsigned long nr_vmas(void);

/* Once at boot, after kmem_cache_init(): the "mm_struct" and "vm_area_struct" caches. */
void proc_caches_init(void);

/* vm.max_map_count (default DEFAULT_MAX_MAP_COUNT, boot argument vm.max_map_count=) */
#define DEFAULT_MAX_MAP_COUNT	65530
extern int sysctl_max_map_count;

#endif /* _LINUX_SCHED_MM_H */
