/* SPDX-License-Identifier: MIT */
/* Test-and-set spinlock on an AMO; acquire/release ordering via .aq/.rl. */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	volatile unsigned int lock;	/* 0 free, 1 held */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }

static inline void arch_spin_lock(spinlock_t *l)
{
	unsigned int old;

	do {
		while (l->lock)
			;
		__asm__ __volatile__("amoswap.w.aq %0, %2, %1"
				     : "=r"(old), "+A"(l->lock)
				     : "r"(1u) : "memory");
	} while (old);
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	__asm__ __volatile__("amoswap.w.rl zero, zero, %0"
			     : "+A"(l->lock) :: "memory");
}

static inline int arch_spin_is_locked(spinlock_t *l)
{
	return l->lock != 0;
}

#endif /* _ASM_SPINLOCK_H */
