/* SPDX-License-Identifier: MIT */
/*
 * Small seeded pseudo-random generator (splitmix64) for fault injection,
 * self-tests and the stress workload: fast, reproducible from a seed, not
 * for anything that needs secrecy. Not thread-safe: one state per user, or
 * a lock around it.
 */
#ifndef _LINUX_PRNG_H
#define _LINUX_PRNG_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct prng {
	u64 state;
};

void prng_seed(struct prng *p, u64 seed);
u64 prng_u64(struct prng *p);
u32 prng_u32(struct prng *p);
/* Uniform in [0, n); 0 when n is 0. */
u32 prng_below(struct prng *p, u32 n);

/*
 * A generator that every CPU and the timer interrupt draw from: the state
 * under an irq-safe lock. Fault injection (fail_page_alloc=, failslab=)
 * draws its failures from one, so a seed repeats a failing run.
 */
struct prng_shared {
	spinlock_t lock;
	struct prng prng;	/* lock */
};
#define PRNG_SHARED_INIT(seed)	{ __SPIN_LOCK_UNLOCKED, { seed } }

void prng_shared_seed(struct prng_shared *p, u64 seed);
/* True with probability percent/100 (percent <= 100; 0 never draws). */
bool prng_shared_chance(struct prng_shared *p, unsigned int percent);

#endif /* _LINUX_PRNG_H */
