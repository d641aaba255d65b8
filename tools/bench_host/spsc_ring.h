/* SPDX-License-Identifier: MIT */
/*
 * A bounded lock-free single-producer single-consumer ring of pointers, the
 * hand-off queue of the host benchmark's producer/consumer workload.
 *
 * head counts the slots ever written (only the producer stores it), tail
 * the slots ever read (only the consumer stores it); slot[i % SPSC_SLOTS]
 * holds entry i. Invariant: tail <= head <= tail + SPSC_SLOTS (the counters
 * are unsigned long and only their difference is used, so wrapping is
 * harmless).
 *
 * Ordering: the producer writes the slot (and, before that, the object it
 * points at), then publishes head with a release store; the consumer's
 * acquire load of head makes both visible. The consumer publishes tail
 * with a release store after reading the slot, and the producer's acquire
 * load of tail keeps it from rewriting a slot that is still being read.
 *
 * Each side keeps its own index and a cached copy of the other side's on
 * one cache line, and reloads the other index only when the cached copy
 * says full (producer) or empty (consumer): the lines move between the
 * cores once per refresh, not once per entry.
 */
#ifndef _BENCH_HOST_SPSC_RING_H
#define _BENCH_HOST_SPSC_RING_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>

#include <asm/spinlock.h>	/* host_cpu_relax() */

#define SPSC_SLOTS		256	/* entries in flight at most; a power of two */
#define SPSC_LINE		64	/* cache line: the two sides' words stay apart */
#define SPSC_SPINS_PER_YIELD	64	/* waits between sched_yield() calls */

struct spsc_ring {
	/* the producer's line */
	unsigned long head __attribute__((aligned(SPSC_LINE)));
	unsigned long tail_seen;	/* the producer's last load of tail */
	/* the consumer's line */
	unsigned long tail __attribute__((aligned(SPSC_LINE)));
	unsigned long head_seen;	/* the consumer's last load of head */
	void *slot[SPSC_SLOTS] __attribute__((aligned(SPSC_LINE)));
};

/* An empty ring. Not concurrent with any push or pop. */
static inline void spsc_init(struct spsc_ring *r)
{
	r->head = r->tail_seen = 0;
	r->tail = r->head_seen = 0;
}

/* Producer only: append p; false when the ring is full. */
static inline bool spsc_push(struct spsc_ring *r, void *p)
{
	unsigned long h = __atomic_load_n(&r->head, __ATOMIC_RELAXED);

	if (h - r->tail_seen == SPSC_SLOTS) {
		r->tail_seen = __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE);
		if (h - r->tail_seen == SPSC_SLOTS)
			return false;
	}
	r->slot[h % SPSC_SLOTS] = p;
	__atomic_store_n(&r->head, h + 1, __ATOMIC_RELEASE);
	return true;
}

/* Consumer only: the oldest entry, or NULL when the ring is empty. */
static inline void *spsc_pop(struct spsc_ring *r)
{
	unsigned long t = __atomic_load_n(&r->tail, __ATOMIC_RELAXED);
	void *p;

	if (t == r->head_seen) {
		r->head_seen = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
		if (t == r->head_seen)
			return NULL;
	}
	p = r->slot[t % SPSC_SLOTS];
	__atomic_store_n(&r->tail, t + 1, __ATOMIC_RELEASE);
	return p;
}

/*
 * One wait for the other side (ring full or empty): a pause, and every
 * SPSC_SPINS_PER_YIELD waits the CPU for other threads, so that a side
 * whose partner was preempted on a shared machine does not spin a whole
 * time slice away. *spins counts the waits of this stall.
 */
static inline void spsc_wait(unsigned int *spins)
{
	if (++*spins % SPSC_SPINS_PER_YIELD == 0)
		sched_yield();
	else
		host_cpu_relax();
}

#endif /* _BENCH_HOST_SPSC_RING_H */
