// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the slab allocator against the system's malloc.
 *
 * The same mm/slab*.c, mm/kmalloc.c and buddy allocator sources that the
 * firmware runs are compiled natively (-O2) and booted on a host arena by
 * the test harness; the system allocator is whatever this binary was
 * linked with: glibc's malloc, jemalloc (-ljemalloc) or mimalloc
 * (mi_malloc/mi_free, -lmimalloc). Each workload runs RUNS times after a
 * warm-up; the median is printed in ns per operation (an allocation and a
 * free are one operation each), one line per allocator and workload:
 *
 *   <allocator> <workload> <ns/op median> <ns/op min> <ns/op max>
 *
 *   bench_host [--slab] [--system]
 *
 * The host build of the slab allocator has no real threads (its host
 * spinlock and interrupt flag stubs are single-threaded), so the
 * producer/consumer workload hands objects from a producer to a consumer
 * in one thread; the slab allocator plays them as CPU 0 and CPU 1, so the
 * frees land in another CPU's array, as they would across harts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/prng.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "slab_harness.h"

#if defined(BENCH_JEMALLOC)
#include <jemalloc/jemalloc.h>
#define SYS_NAME	"jemalloc"
#define sys_alloc(n)	malloc(n)
#define sys_free(p)	free(p)
#elif defined(BENCH_MIMALLOC)
#include <mimalloc.h>
#define SYS_NAME	"mimalloc"
#define sys_alloc(n)	mi_malloc(n)
#define sys_free(p)	mi_free(p)
#else
#define SYS_NAME	"glibc"
#define sys_alloc(n)	malloc(n)
#define sys_free(p)	free(p)
#endif

#define RUNS		7
#define PAIRS		2000000		/* fixed-size pairs per run */
#define BATCH		10000		/* objects held by the batch workload */
#define BATCH_ROUNDS	100
#define MIXED_SLOTS	4096
#define MIXED_STEPS	2000000
#define PC_QUEUE	256		/* objects handed over per round */
#define PC_ROUNDS	8000

static void *slots[MIXED_SLOTS > BATCH ? MIXED_SLOTS : BATCH];
static size_t sizes[MIXED_STEPS];
static unsigned int picks[MIXED_STEPS];
static struct kmem_cache *obj64;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sizes of the mixed workload: mostly small, a tail up to 32 KiB. */
static void make_inputs(void)
{
	struct prng r;
	unsigned int i;

	prng_seed(&r, 12345);
	for (i = 0; i < MIXED_STEPS; i++) {
		unsigned int c = prng_below(&r, 100);

		sizes[i] = c < 80 ? 8 + prng_below(&r, 249) :
			   c < 95 ? 257 + prng_below(&r, 3840) :
				    4097 + prng_below(&r, 28672);
		picks[i] = prng_below(&r, MIXED_SLOTS);
	}
}

/* The workloads, once per allocator: ALLOC(n), ALLOC64(), FREE(p), CPU(n). */
#define WORKLOADS(PFX, ALLOC, ALLOC64, FREE, CPU)				\
static unsigned long PFX##_fixed_pair(void)					\
{										\
	unsigned long i;							\
										\
	for (i = 0; i < PAIRS; i++) {						\
		void *p = ALLOC64();						\
										\
		*(volatile char *)p = 1;					\
		FREE(p);							\
	}									\
	return 2UL * PAIRS;							\
}										\
										\
static unsigned long PFX##_fixed_batch(void)					\
{										\
	unsigned long r, i;							\
										\
	for (r = 0; r < BATCH_ROUNDS; r++) {					\
		for (i = 0; i < BATCH; i++) {					\
			slots[i] = ALLOC64();					\
			*(volatile char *)slots[i] = 1;				\
		}								\
		for (i = 0; i < BATCH; i++) {					\
			FREE(slots[i]);						\
			slots[i] = NULL;					\
		}								\
	}									\
	return 2UL * BATCH * BATCH_ROUNDS;					\
}										\
										\
static unsigned long PFX##_mixed(void)						\
{										\
	unsigned long i, ops = 0;						\
										\
	for (i = 0; i < MIXED_STEPS; i++) {					\
		void **s = &slots[picks[i]];					\
										\
		if (*s) {							\
			FREE(*s);						\
			*s = NULL;						\
		} else {							\
			*s = ALLOC(sizes[i]);					\
			*(volatile char *)*s = 1;				\
		}								\
		ops++;								\
	}									\
	for (i = 0; i < MIXED_SLOTS; i++) {					\
		if (slots[i]) {							\
			FREE(slots[i]);						\
			slots[i] = NULL;					\
			ops++;							\
		}								\
	}									\
	return ops;								\
}										\
										\
static unsigned long PFX##_producer_consumer(void)				\
{										\
	unsigned long r, i;							\
										\
	for (r = 0; r < PC_ROUNDS; r++) {					\
		CPU(0);								\
		for (i = 0; i < PC_QUEUE; i++) {				\
			slots[i] = ALLOC(64 + (i & 7) * 56);			\
			*(volatile char *)slots[i] = 1;				\
		}								\
		CPU(1);								\
		for (i = 0; i < PC_QUEUE; i++) {				\
			FREE(slots[i]);						\
			slots[i] = NULL;					\
		}								\
	}									\
	CPU(0);									\
	return 2UL * PC_QUEUE * PC_ROUNDS;					\
}

#define SLAB_ALLOC(n)	__kmalloc((n), GFP_KERNEL)
#define SLAB_ALLOC64()	kmalloc(64, GFP_KERNEL)
#define SLAB_FREE(p)	kfree(p)
#define SLAB_CPU(n)	(host_cpu = (n))
WORKLOADS(slab, SLAB_ALLOC, SLAB_ALLOC64, SLAB_FREE, SLAB_CPU)

#define CACHE_ALLOC(n)	kmem_cache_alloc(obj64, GFP_KERNEL)
#define CACHE_ALLOC64()	kmem_cache_alloc(obj64, GFP_KERNEL)
#define CACHE_FREE(p)	kmem_cache_free(obj64, p)
/* only the fixed-size workloads make sense for a cache */
static unsigned long cache_fixed_pair(void)
{
	unsigned long i;

	for (i = 0; i < PAIRS; i++) {
		void *p = CACHE_ALLOC64();

		*(volatile char *)p = 1;
		CACHE_FREE(p);
	}
	return 2UL * PAIRS;
}

static unsigned long cache_fixed_batch(void)
{
	unsigned long r, i;

	for (r = 0; r < BATCH_ROUNDS; r++) {
		for (i = 0; i < BATCH; i++) {
			slots[i] = CACHE_ALLOC(64);
			*(volatile char *)slots[i] = 1;
		}
		for (i = 0; i < BATCH; i++) {
			CACHE_FREE(slots[i]);
			slots[i] = NULL;
		}
	}
	return 2UL * BATCH * BATCH_ROUNDS;
}

#define SYS_ALLOC(n)	sys_alloc(n)
#define SYS_ALLOC64()	sys_alloc(64)
#define SYS_FREE(p)	sys_free(p)
#define SYS_CPU(n)	((void)(n))
WORKLOADS(sys, SYS_ALLOC, SYS_ALLOC64, SYS_FREE, SYS_CPU)

static void measure(const char *who, const char *what, unsigned long (*fn)(void))
{
	double ns[RUNS];
	unsigned int i;

	fn();	/* warm-up: first touch of the memory is not the steady state */
	for (i = 0; i < RUNS; i++) {
		double t0 = now_ns();
		unsigned long ops = fn();

		ns[i] = (now_ns() - t0) / (double)ops;
	}
	qsort(ns, RUNS, sizeof(ns[0]), cmp_double);
	printf("%s %s %.2f %.2f %.2f\n", who, what, ns[RUNS / 2], ns[0], ns[RUNS - 1]);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct slab_harness_cfg cfg = { .low_mib = 256 };
	int slab = 0, sys = 0, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--slab"))
			slab = 1;
		else if (!strcmp(argv[i], "--system"))
			sys = 1;
		else {
			fprintf(stderr, "usage: %s [--slab] [--system]\n", argv[0]);
			return 2;
		}
	}
	if (!slab && !sys)
		slab = sys = 1;
	make_inputs();
	if (slab) {
		if (slab_harness_boot(&cfg)) {
			fprintf(stderr, "bench_host: cannot boot the allocators\n");
			return 1;
		}
		obj64 = kmem_cache_create("bench-64", 64, 0, 0, NULL, NULL);
		measure("slab", "fixed64_pair", slab_fixed_pair);
		measure("slab", "fixed64_batch", slab_fixed_batch);
		measure("slab", "mixed", slab_mixed);
		measure("slab", "producer_consumer", slab_producer_consumer);
		measure("slab-cache", "fixed64_pair", cache_fixed_pair);
		measure("slab-cache", "fixed64_batch", cache_fixed_batch);
		if (slab_check()) {
			fprintf(stderr, "bench_host: the slab allocator is inconsistent\n");
			return 1;
		}
	}
	if (sys) {
		measure(SYS_NAME, "fixed64_pair", sys_fixed_pair);
		measure(SYS_NAME, "fixed64_batch", sys_fixed_batch);
		measure(SYS_NAME, "mixed", sys_mixed);
		measure(SYS_NAME, "producer_consumer", sys_producer_consumer);
	}
	return 0;
}
