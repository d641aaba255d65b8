/* SPDX-License-Identifier: MIT */
/*
 * mm->mmap_lock, with Linux's wrappers: read for page faults and lookups,
 * write for changes to the regions (include/linux/mm_types.h).
 */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H

#include <linux/mm_types.h>
#include <linux/rwsem.h>

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline bool mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

static inline void mmap_write_downgrade(struct mm_struct *mm)
{
	downgrade_write(&mm->mmap_lock);
}

static inline bool mmap_lock_is_write_locked(struct mm_struct *mm)
{
	return rwsem_is_write_locked(&mm->mmap_lock);
}

#endif /* _LINUX_MMAP_LOCK_H */
