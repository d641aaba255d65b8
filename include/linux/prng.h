/* SPDX-License-Identifier: MIT */
/*
 * Small seeded pseudo-random generator (splitmix64) for fault injection,
 * self-tests and the stress workload: fast, reproducible from a seed, not
 * for anything that needs secrecy. Not thread-safe: one state per user, or
 * a lock around it.
 */
#ifndef _LINUX_PRNG_H
#define _LINUX_PRNG_H

#include <linux/types.h>

struct prng {
	u64 state;
};

void prng_seed(struct prng *p, u64 seed);
u64 prng_u64(struct prng *p);
u32 prng_u32(struct prng *p);
/* Uniform in [0, n); 0 when n is 0. */
u32 prng_below(struct prng *p, u32 n);

#endif /* _LINUX_PRNG_H */
