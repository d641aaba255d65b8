/* SPDX-License-Identifier: MIT */
/*
 * The host benchmark's <asm/spinlock.h>: a real spinlock, because the
 * benchmark runs the slab and buddy allocators on several threads at once
 * (one CPU each). It shadows the unit tests' single-threaded stand-in
 * (tests/host/stubs/asm/spinlock.h), which is a flag that aborts on a
 * recursive lock.
 *
 * Test-and-test-and-set, as the board's amoswap lock: an atomic exchange
 * with acquire ordering takes the lock; while it is held, waiters spin on
 * plain (relaxed) loads with a pause between them, so they do not bounce
 * the line with writes; a release store frees it. There is no yield: on
 * the board the holder runs with interrupts off and cannot be preempted,
 * on the host it can, and its waiters then spin until it runs again, which
 * is what a user-space spinlock costs under oversubscription.
 */
#ifndef _ASM_SPINLOCK_H
#define _ASM_SPINLOCK_H

typedef struct {
	unsigned int lock;	/* 0 free, 1 held; only through __atomic builtins */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }

/* The spin-wait hint (x86 PAUSE, Arm YIELD; nothing elsewhere). */
static inline void host_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#endif
}

static inline void arch_spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->lock, 1u, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->lock, __ATOMIC_RELAXED))
			host_cpu_relax();
}

static inline void arch_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->lock, 0u, __ATOMIC_RELEASE);
}

static inline int arch_spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->lock, __ATOMIC_RELAXED) != 0;
}

#endif /* _ASM_SPINLOCK_H */
