/* SPDX-License-Identifier: MIT */
/*
 * Reader-writer lock with Linux's rw_semaphore interface. There is no
 * scheduler yet, so a contended lock spins (with interrupts as the caller
 * had them); the tasks work makes waiters sleep behind the same calls.
 *
 *   count > 0    that many readers hold it
 *   count == 0   free
 *   count == -1  one writer holds it
 *
 * Never taken from interrupt context (it protects address spaces, which
 * interrupt handlers do not touch).
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/compiler.h>
#include <linux/types.h>

struct rw_semaphore {
	int count;
};

#define __RWSEM_INITIALIZER(name)	{ .count = 0 }

static inline void init_rwsem(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->count, 0, __ATOMIC_RELAXED);
}

static inline bool down_read_trylock(struct rw_semaphore *sem)
{
	int c = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (c >= 0)
		if (__atomic_compare_exchange_n(&sem->count, &c, c + 1, true,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

static inline void down_read(struct rw_semaphore *sem)
{
	while (!down_read_trylock(sem))
		;
}

static inline void up_read(struct rw_semaphore *sem)
{
	__atomic_fetch_sub(&sem->count, 1, __ATOMIC_RELEASE);
}

static inline bool down_write_trylock(struct rw_semaphore *sem)
{
	int c = 0;

	return __atomic_compare_exchange_n(&sem->count, &c, -1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void down_write(struct rw_semaphore *sem)
{
	while (!down_write_trylock(sem))
		;
}

static inline void up_write(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->count, 0, __ATOMIC_RELEASE);
}

/* The writer becomes a reader without letting another writer in. */
static inline void downgrade_write(struct rw_semaphore *sem)
{
	__atomic_store_n(&sem->count, 1, __ATOMIC_RELEASE);
}

static inline bool rwsem_is_locked(const struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) != 0;
}

static inline bool rwsem_is_write_locked(const struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) < 0;
}

#endif /* _LINUX_RWSEM_H */
