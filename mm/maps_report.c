// SPDX-License-Identifier: MIT
/*
 * show_map(): an address space in the layout of Linux's /proc/<pid>/maps
 * (show_map_vma in fs/proc/task_mmu.c), one printk line per region:
 *
 *   start-end perms offset dev inode [padding name]
 *
 * as "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " and, when the region
 * has a name, spaces up to column 25 + 6 * sizeof(void *) - 1 (48 on
 * rv32) and one more before it, as Linux's seq_pad() writes them.
 * Private anonymous regions show offset 0 and device 00:00 inode 0; a
 * shared anonymous one is Linux's "/dev/zero (deleted)" shmem file on
 * device 00:01, with its offset into the object (inode numbers do not
 * exist here: 0). [heap] names the region holding start_brk..brk,
 * [stack] the one holding start_stack, as in Linux.
 */
#include <stdio.h>

#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched/mm.h>

#include "vma.h"

/* Linux's 25 + 6 * sizeof(void *) - 1 for rv32 (the host tests print the same). */
#define MAPS_NAME_COLUMN	(25 + 4 * 6 - 1)
#define MAPS_LINE_MAX		128
#define SHMEM_DEV_MINOR		1	/* Linux's shm mount: 00:01 */

static const char *map_name(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	if (vma->vm_shared)
		return "/dev/zero (deleted)";
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/* One line of the maps layout into buf (without the newline); returns its length. */
int show_map_line(const struct mm_struct *mm, const struct vm_area_struct *vma,
		  char *buf, size_t size)
{
	unsigned long long off = vma->vm_shared ? (unsigned long long)vma->vm_pgoff << PAGE_SHIFT : 0;
	unsigned long flags = vma->vm_flags;
	const char *name = map_name(mm, vma);
	int len;

	len = snprintf(buf, size, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		       vma->vm_start, vma->vm_end, flags & VM_READ ? 'r' : '-',
		       flags & VM_WRITE ? 'w' : '-', flags & VM_EXEC ? 'x' : '-',
		       flags & VM_MAYSHARE ? 's' : 'p', off, 0,
		       vma->vm_shared ? SHMEM_DEV_MINOR : 0, 0UL);
	if (name && len >= 0 && (size_t)len < size)
		len += snprintf(buf + len, size - len, "%*s %s",
				len < (int)MAPS_NAME_COLUMN ? (int)MAPS_NAME_COLUMN - len : 0,
				"", name);
	return len;
}

void show_map(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	char line[MAPS_LINE_MAX];

	down_read(&mm->mmap_lock);
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		show_map_line(mm, vma, line, sizeof(line));
		pr_info("%s\n", line);
	}
	up_read(&mm->mmap_lock);
}
