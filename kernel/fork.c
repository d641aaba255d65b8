// SPDX-License-Identifier: MIT
/*
 * The lifetime of address spaces (contracts in <linux/sched/mm.h>):
 * mm_alloc, the mm_users and mm_count references, fork's dup_mm, and
 * which mm a task uses (use_mm/unuse_mm: a kernel thread working on a
 * user address space, as Linux's kthread_use_mm).
 *
 * Every live mm is on mm_list (mm_list_lock, a spinlock never taken from
 * interrupt context) for the reports: nr_mms() and nr_vmas().
 *
 * The current mm is current->mm (NULL: a kernel thread), the active one
 * current->active_mm (NULL: init_mm), the one whose page directory satp
 * holds; the active one is held with mmgrab (see <linux/sched.h>), so a
 * task that keeps an mm active lazily after unuse_mm keeps its page
 * directory alive; the scheduler moves and drops these references.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

#include "../mm/internal.h"
#include "../mm/vma.h"

static struct kmem_cache *mm_cachep;
static LIST_HEAD(mm_list);
static DEFINE_SPINLOCK(mm_list_lock);
static unsigned long mm_nr;


/* Injected failures (failslab) a boot-time cache creation is retried through. */
#define INIT_TRIES_FAILSLAB	64

/*
 * A cache the kernel cannot run without: failslab (armed from
 * kmem_cache_init on, cache creation included) is retried, as
 * vmalloc_init does; a real failure this early is fatal.
 */
static struct kmem_cache *boot_cache(const char *name, size_t size)
{
	struct kmem_cache *c;
	unsigned int tries = 0;

	while (!(c = kmem_cache_create(name, size, 0, 0, NULL, NULL)))
		if (!READ_ONCE(slab_fail_probability) || ++tries == INIT_TRIES_FAILSLAB)
			panic("proc_caches_init: no memory for the %s cache", name);
	return c;
}

void proc_caches_init(void)
{
	mm_cachep = boot_cache("mm_struct", sizeof(struct mm_struct));
	vm_area_cachep = boot_cache("vm_area_struct", sizeof(struct vm_area_struct));
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->mm_rb = RB_ROOT;
	mm->mmap_base = mmap_base_default();
	mm->task_size = TASK_SIZE;
	spin_lock_init(&mm->page_table_lock);
	init_rwsem(&mm->mmap_lock);
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	spin_lock(&mm_list_lock);
	list_add_tail(&mm->mmlist, &mm_list);
	mm_nr++;
	spin_unlock(&mm_list_lock);
	return mm;
}

void mmdrop(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_count, 1, __ATOMIC_ACQ_REL))
		return;
	BUG_ON(mm == &init_mm || mm->mmap || mm->nr_ptes);
	spin_lock(&mm_list_lock);
	list_del(&mm->mmlist);
	mm_nr--;
	spin_unlock(&mm_list_lock);
	pgd_free(mm, mm->pgd);
	kmem_cache_free(mm_cachep, mm);
}

bool mmget_not_zero(struct mm_struct *mm)
{
	int users = __atomic_load_n(&mm->mm_users, __ATOMIC_RELAXED);

	while (users)
		if (__atomic_compare_exchange_n(&mm->mm_users, &users, users + 1, true,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

void mmput(struct mm_struct *mm)
{
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL))
		return;
	exit_mmap(mm);
	mmdrop(mm);
}

/*
 * Copy oldmm's regions into the empty mm, skipping VM_DONTCOPY ones, and
 * their page tables (copy_page_range: copy-on-write for private pages);
 * the parent's TLB is flushed because its PTEs lost their write bits.
 * Both mmap_locks held for writing. 0 or -ENOMEM (the caller drops mm).
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp, *prev = NULL;
	int err = 0;

	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		if (mpnt->vm_flags & VM_DONTCOPY)
			continue;
		tmp = vm_area_dup(mpnt);
		if (!tmp) {
			err = -ENOMEM;
			break;
		}
		vma_link(mm, tmp, prev);
		prev = tmp;
		err = copy_page_range(tmp, mpnt);
		if (err)
			break;
	}
	flush_tlb_mm(oldmm);
	return err;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	int err;

	if (!mm)
		return NULL;
	down_write(&oldmm->mmap_lock);
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->mmap_base = oldmm->mmap_base;
	down_write(&mm->mmap_lock);
	err = dup_mmap(mm, oldmm);
	up_write(&mm->mmap_lock);
	up_write(&oldmm->mmap_lock);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

struct mm_struct *current_mm(void)
{
	return current->mm;
}

struct mm_struct *current_active_mm(void)
{
	return current->active_mm ? current->active_mm : &init_mm;
}

/* Make next this hart's active mm (held with mmgrab), switching satp. */
static void activate(struct mm_struct *next)
{
	struct mm_struct *old = current_active_mm();

	if (old == next)
		return;
	if (next != &init_mm)
		mmgrab(next);
	switch_mm(old, next);
	current->active_mm = next == &init_mm ? NULL : next;
	if (old != &init_mm)
		mmdrop(old);
}

struct mm_struct *use_mm(struct mm_struct *mm)
{
	struct mm_struct *prev = current->mm;

	activate(mm);
	current->mm = mm;
	return prev;
}

void unuse_mm(struct mm_struct *mm, struct mm_struct *prev)
{
	BUG_ON(current->mm != mm);
	current->mm = prev;
	if (prev)
		activate(prev);
}

void exit_lazy_mm(void)
{
	BUG_ON(current->mm);
	activate(&init_mm);
}

unsigned long nr_mms(void)
{
	unsigned long n;

	spin_lock(&mm_list_lock);
	n = mm_nr;
	spin_unlock(&mm_list_lock);
	return n;
}

unsigned long nr_vmas(void)
{
	struct mm_struct *mm;
	unsigned long n = 0;

	spin_lock(&mm_list_lock);
	list_for_each_entry(mm, &mm_list, mmlist)
		n += (unsigned long)READ_ONCE(mm->map_count);
	spin_unlock(&mm_list_lock);
	return n;
}

void mm_reset(void)
{
	zero_page_reset();
	INIT_LIST_HEAD(&mm_list);
	mm_nr = 0;
	mm_cachep = NULL;
	vm_area_cachep = NULL;
	current->mm = NULL;
	current->active_mm = NULL;
}
