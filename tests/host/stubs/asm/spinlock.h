/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for the spinlock: the tests are single threaded, so a lock
 * is a flag, and taking a held lock (a self-deadlock on the board) aborts.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

#include <stdio.h>
#include <stdlib.h>

typedef struct {
	volatile unsigned int lock;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }

static inline void arch_spin_lock(spinlock_t *l)
{
	if (l->lock) {
		fprintf(stderr, "host spinlock: recursive lock of %p\n", (void *)l);
		abort();
	}
	l->lock = 1;
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	if (!l->lock) {
		fprintf(stderr, "host spinlock: unlock of free lock %p\n", (void *)l);
		abort();
	}
	l->lock = 0;
}

static inline int arch_spin_is_locked(spinlock_t *l)
{
	return l->lock != 0;
}

#endif /* _ASM_SPINLOCK_H */
