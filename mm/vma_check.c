// SPDX-License-Identifier: MIT
/*
 * vma_check(): re-derive every invariant written at struct mm_struct
 * (include/linux/mm_types.h) from the list and the tree, without trusting
 * any counter. Host tests call it after every step, the workload on a
 * timer. mmap_lock held (or the mm is private to the caller).
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/rbtree.h>
#include <linux/sched/mm.h>

#include "internal.h"
#include "vma.h"

#define NO_REGION	((const struct vm_area_struct *)NULL)
#define vma_bad(mm, vma, fmt, ...)						\
	pr_err("vma_check: mm %p region %08lx-%08lx: " fmt "\n", (void *)(mm),	\
	       (vma) ? (vma)->vm_start : 0UL, (vma) ? (vma)->vm_end : 0UL,	\
	       ##__VA_ARGS__)

/* The largest own gap in the subtree at node; *bad set on a wrong rb_subtree_gap. */
static unsigned long check_gaps(struct mm_struct *mm, struct rb_node *node, bool *bad)
{
	struct vm_area_struct *vma;
	unsigned long gap;

	if (!node)
		return 0;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	gap = vma->vm_start - (vma->vm_prev ? vma->vm_prev->vm_end : 0);
	gap = max(gap, check_gaps(mm, node->rb_left, bad));
	gap = max(gap, check_gaps(mm, node->rb_right, bad));
	if (gap != vma->rb_subtree_gap) {
		vma_bad(mm, vma, "rb_subtree_gap %lu, its subtree's largest gap is %lu",
			vma->rb_subtree_gap, gap);
		*bad = true;
	}
	return gap;
}

/* Per-region rules; false after reporting the first broken one. */
static bool check_region(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev)
{
	if (vma->vm_mm != mm)
		return vma_bad(mm, vma, "vm_mm is %p", (void *)vma->vm_mm), false;
	if (offset_in_page(vma->vm_start) || offset_in_page(vma->vm_end))
		return vma_bad(mm, vma, "not page aligned"), false;
	if (vma->vm_start >= vma->vm_end || vma->vm_end > mm->task_size)
		return vma_bad(mm, vma, "empty or past the user part"), false;
	if (vma->vm_prev != prev)
		return vma_bad(mm, vma, "vm_prev does not name the previous region"), false;
	if (prev && prev->vm_end > vma->vm_start)
		return vma_bad(mm, vma, "overlaps or precedes the previous one"), false;
	if (prev && prev->vm_end == vma->vm_start && vma_mergeable(prev, vma))
		return vma_bad(mm, vma, "mergeable with the previous one, not merged"), false;
	if (vma->vm_page_prot != vm_get_page_prot(vma->vm_flags))
		return vma_bad(mm, vma, "vm_page_prot %#lx for flags %#lx",
			       (unsigned long)vma->vm_page_prot, vma->vm_flags), false;
	if (!!(vma->vm_flags & VM_SHARED) != !!vma->vm_shared)
		return vma_bad(mm, vma, "VM_SHARED without an object or the reverse"), false;
	if ((vma->vm_flags & VM_SHARED) && (vma->vm_flags & VM_GROWSDOWN))
		return vma_bad(mm, vma, "shared and growing down"), false;
	if (!vma->vm_shared && vma->vm_pgoff != vma->vm_start >> PAGE_SHIFT)
		return vma_bad(mm, vma, "private with vm_pgoff %#lx", vma->vm_pgoff), false;
	return true;
}

int vma_check(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct mm_struct totals = { .total_vm = 0 };
	struct rb_node *node = rb_first(&mm->mm_rb);
	unsigned long nodes = 0, n = 0;
	bool bad = false;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next) {
		if (!check_region(mm, vma, prev))
			return -EFAULT;
		if (node != &vma->vm_rb) {
			vma_bad(mm, vma, "the tree's region %lu is another one", n);
			return -EFAULT;
		}
		node = rb_next(node);
		vm_stat_account(&totals, vma->vm_flags, vma_pages(vma));
		n++;
	}
	if (node) {
		vma_bad(mm, prev, "the tree holds more regions than the list");
		return -EFAULT;
	}
	if (rb_validate(&mm->mm_rb, &nodes) < 0 || nodes != n) {
		vma_bad(mm, NO_REGION, "red-black rules broken or %lu nodes for %lu regions",
			nodes, n);
		return -EFAULT;
	}
	check_gaps(mm, mm->mm_rb.rb_node, &bad);
	if (bad)
		return -EFAULT;
	if ((unsigned long)mm->map_count != n || mm->map_count > sysctl_max_map_count) {
		vma_bad(mm, NO_REGION, "map_count %d, %lu regions, max_map_count %d",
			mm->map_count, n, sysctl_max_map_count);
		return -EFAULT;
	}
	if (mm->highest_vm_end != (prev ? prev->vm_end : 0)) {
		vma_bad(mm, prev, "highest_vm_end %08lx", mm->highest_vm_end);
		return -EFAULT;
	}
	if (mm->total_vm != totals.total_vm || mm->data_vm != totals.data_vm ||
	    mm->exec_vm != totals.exec_vm || mm->stack_vm != totals.stack_vm ||
	    mm->locked_vm != totals.locked_vm) {
		vma_bad(mm, NO_REGION,
			"total/data/exec/stack/locked_vm %lu/%lu/%lu/%lu/%lu, regions give %lu/%lu/%lu/%lu/%lu",
			mm->total_vm, mm->data_vm, mm->exec_vm, mm->stack_vm, mm->locked_vm,
			totals.total_vm, totals.data_vm, totals.exec_vm, totals.stack_vm,
			totals.locked_vm);
		return -EFAULT;
	}
	return 0;
}
