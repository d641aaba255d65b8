// SPDX-License-Identifier: MIT
/*
 * splitmix64 (Steele, Lea, Flood: "Fast splittable pseudorandom number
 * generators", 2014): a Weyl sequence through a 64-bit finaliser. Every
 * seed, zero included, gives a full-period stream.
 */
#include <linux/prng.h>

#define SPLITMIX_GAMMA	0x9e3779b97f4a7c15ULL

void prng_seed(struct prng *p, u64 seed)
{
	p->state = seed;
}

u64 prng_u64(struct prng *p)
{
	u64 z;

	p->state += SPLITMIX_GAMMA;
	z = p->state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

u32 prng_u32(struct prng *p)
{
	return (u32)(prng_u64(p) >> 32);
}

/*
 * Lemire's multiply-shift: the high half of x * n is uniform in [0, n) once
 * the low half is outside the short, biased interval [0, 2^32 mod n).
 */
u32 prng_below(struct prng *p, u32 n)
{
	u32 threshold;
	u64 m;

	if (n == 0)
		return 0;
	threshold = (u32)(-n) % n;
	do {
		m = (u64)prng_u32(p) * n;
	} while ((u32)m < threshold);
	return (u32)(m >> 32);
}

void prng_shared_seed(struct prng_shared *p, u64 seed)
{
	unsigned long flags;

	spin_lock_irqsave(&p->lock, flags);
	prng_seed(&p->prng, seed);
	spin_unlock_irqrestore(&p->lock, flags);
}

bool prng_shared_chance(struct prng_shared *p, unsigned int percent)
{
	unsigned long flags;
	u32 r;

	if (!percent)
		return false;
	spin_lock_irqsave(&p->lock, flags);
	r = prng_below(&p->prng, 100);
	spin_unlock_irqrestore(&p->lock, flags);
	return r < percent;
}
