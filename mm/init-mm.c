// SPDX-License-Identifier: MIT
/*
 * The kernel's own address space (contract in <linux/sched/mm.h>): the
 * master page directory swapper_pg_dir and no regions. Its level-0 tables
 * (the vmalloc range) are installed by the walker and never freed; a hart
 * running no user mm has it as its active mm. mm_users is 2, as Linux's,
 * so that no mmput can ever tear it down.
 */
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>

struct mm_struct init_mm = {
	.task_size	 = TASK_SIZE,
	.pgd		 = swapper_pg_dir,
	.page_table_lock = __SPIN_LOCK_UNLOCKED,
	.mm_users	 = 2,
	.mm_count	 = 1,
	.mmap_lock	 = __RWSEM_INITIALIZER(init_mm.mmap_lock),
	.mmlist		 = LIST_HEAD_INIT(init_mm.mmlist),
};
