// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the slab allocator against the system's malloc.
 *
 * The same mm/slab*.c, mm/kmalloc.c and buddy allocator sources that the
 * firmware runs are compiled natively (-O2) and booted on a host arena by
 * the test harness; the system allocator is whatever this binary was
 * linked with: glibc's malloc, jemalloc (-ljemalloc) or mimalloc
 * (mi_malloc/mi_free, -lmimalloc). Each workload runs RUNS times after a
 * warm-up; one line per allocator and workload gives ns per operation (an
 * allocation and a free are one operation each) over those runs:
 *
 *   <allocator> <workload> <median> <min> <max>
 *
 * producer_consumer, on two threads, is wall-clock time; a second line,
 * producer_consumer_cpu, gives the CPU time the two threads used.
 *
 *   bench_host [--slab] [--system] [--only WORKLOAD] | --smoke
 *
 * SMP as on a multi-hart board: the host build of the allocators takes
 * real spinlocks (tools/bench_host/stubs/asm/spinlock.h) and each thread
 * is a CPU of its own (the thread-local host_cpu behind
 * smp_processor_id(), so its own per-CPU slab arrays and buddy lists).
 * The interrupt flag stays a per-thread word (tests/host/stubs): the host
 * has no interrupts, so saving and clearing it is all a CPU's "interrupts
 * off" section needs. The main thread is CPU 0 and runs the one-thread
 * workloads; producer/consumer runs a producer thread (CPU 1) and a
 * consumer thread (CPU 2) that hand objects over through a lock-free ring.
 *
 * --smoke runs producer/consumer briefly on the slab allocator only and
 * checks that every object arrived intact and in order, that every object
 * and frame came back, and that slab_check() finds nothing; it exits 1 on a
 * failure. `make test` runs it built with ThreadSanitizer.
 */
#define _GNU_SOURCE	/* pthread_setaffinity_np, CPU_SET */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/prng.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "buddy_harness.h"
#include "host_log.h"
#include "slab_harness.h"
#include "spsc_ring.h"

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
#define PC_OBJECTS	2000000		/* objects handed over per run */
#define SMOKE_OBJECTS	100000		/* per allocation interface in --smoke */
#define ARENA_MIB	256
#define SMOKE_ARENA_MIB	64

/* CPU ids: the main thread is the boot CPU; the other two are the pair's. */
#define MAIN_CPU	0
#define PRODUCER_CPU	1
#define CONSUMER_CPU	2
BUILD_BUG_ON(CONSUMER_CPU >= NR_CPUS);

static void *slots[MIXED_SLOTS > BATCH ? MIXED_SLOTS : BATCH];
static size_t sizes[MIXED_STEPS];
static unsigned int picks[MIXED_STEPS];
static struct kmem_cache *obj64;
static bool slab_up;			/* the harness booted the slab allocator */

static double clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
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

/* ---- CPUs ------------------------------------------------------------------- */

/* Bit n set: a live thread is CPU n. Two live threads never share an id. */
static unsigned int cpus_online = 1u << MAIN_CPU;

/*
 * Become CPU cpu, before the first allocation: the id behind
 * smp_processor_id() and the buddy allocator's thread-local pointer to
 * this CPU's lists. A CPU's arrays and lists outlive the thread, as a
 * hart's outlive what it ran: the next thread with that id finds them.
 */
static void bench_cpu_enter(unsigned int cpu)
{
	unsigned int bit = 1u << cpu;

	if (cpu >= NR_CPUS ||
	    (__atomic_fetch_or(&cpus_online, bit, __ATOMIC_ACQ_REL) & bit)) {
		fprintf(stderr, "bench_host: CPU %u is out of range or taken\n", cpu);
		abort();
	}
	if (slab_up)
		harness_set_cpu(cpu);
	else
		host_cpu = cpu;
}

static void bench_cpu_exit(void)
{
	__atomic_fetch_and(&cpus_online, ~(1u << host_cpu), __ATOMIC_RELEASE);
}

static void *noop_thread(void *arg)
{
	return arg;
}

/*
 * glibc takes lock-free shortcuts while a process has one thread and
 * leaves them for good at the first pthread_create: start one first, so
 * that every workload of every allocator runs its thread-safe paths, as
 * the slab allocator (real spinlocks) always does.
 */
static void go_multithreaded(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, noop_thread, NULL) || pthread_join(t, NULL)) {
		perror("bench_host: pthread_create");
		exit(1);
	}
}

/* ---- producer/consumer on two threads ---------------------------------------- */

/*
 * One producer/consumer run: the producer (PRODUCER_CPU) allocates
 * `objects` objects of 64..456 bytes, writes its sequence number into the
 * first word of each and appends it to the ring; the consumer
 * (CONSUMER_CPU) takes them in order, checks the number and frees them.
 * The slab allocator's frees thus land in another CPU's array and go back
 * to their slabs in batches under the cache lock, from where the producer
 * refills; the system allocators do their own cross-thread frees.
 */
struct pc_state {
	struct spsc_ring ring;
	pthread_barrier_t start;	/* both threads, so that they start together */
	unsigned long objects;
	double t_start[2], t_end[2];	/* producer, consumer: CLOCK_MONOTONIC */
	double cpu_start[2], cpu_end[2];	/* the same, each thread's CPU time */
	unsigned long mismatches;	/* objects that arrived with a wrong number */
};
static struct pc_state pc;

static size_t pc_size(unsigned long i)
{
	return 64 + (i & 7) * 56;
}

/*
 * Keep the two sides on two host cores (side 0 on the first allowed core,
 * side 1 on the next), as two harts are two cores: otherwise the scheduler
 * sometimes runs both on one core, where the hand-off never leaves that
 * core's cache, and a run measures the placement rather than the
 * allocator. With one allowed core the threads are left where they are.
 */
static void pc_pin(unsigned int side)
{
	cpu_set_t allowed, one;
	unsigned int core, seen = 0;

	if (sched_getaffinity(0, sizeof(allowed), &allowed) || CPU_COUNT(&allowed) < 2)
		return;
	for (core = 0; core < CPU_SETSIZE; core++) {
		if (!CPU_ISSET(core, &allowed) || seen++ != side)
			continue;
		CPU_ZERO(&one);
		CPU_SET(core, &one);
		pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
		return;
	}
}

static void pc_begin(unsigned int cpu, unsigned int side)
{
	pc_pin(side);
	bench_cpu_enter(cpu);
	pthread_barrier_wait(&pc.start);
	pc.t_start[side] = now_ns();
	pc.cpu_start[side] = clock_ns(CLOCK_THREAD_CPUTIME_ID);
}

static void pc_end(unsigned int side)
{
	pc.cpu_end[side] = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	pc.t_end[side] = now_ns();
	bench_cpu_exit();
}

static void pc_no_memory(void)
{
	fprintf(stderr, "bench_host: producer: out of memory\n");
	abort();
}

/* The two thread bodies for one allocator: ALLOC(n), FREE(p). */
#define PC_THREADS(PFX, ALLOC, FREE)						\
static void *PFX##_producer(void *arg)						\
{										\
	unsigned long i;							\
										\
	pc_begin(PRODUCER_CPU, 0);						\
	for (i = 0; i < pc.objects; i++) {					\
		unsigned long *p = ALLOC(pc_size(i));				\
		unsigned int spins = 0;						\
										\
		if (!p)								\
			pc_no_memory();						\
		*p = i;								\
		while (!spsc_push(&pc.ring, p))					\
			spsc_wait(&spins);					\
	}									\
	pc_end(0);								\
	return arg;								\
}										\
										\
static void *PFX##_consumer(void *arg)						\
{										\
	unsigned long i, bad = 0;						\
										\
	pc_begin(CONSUMER_CPU, 1);						\
	for (i = 0; i < pc.objects; i++) {					\
		unsigned int spins = 0;						\
		unsigned long *p;						\
										\
		while (!(p = spsc_pop(&pc.ring)))				\
			spsc_wait(&spins);					\
		bad += *p != i;							\
		FREE(p);							\
	}									\
	pc.mismatches = bad;							\
	pc_end(1);								\
	return arg;								\
}

/*
 * Hand `objects` objects over; *ns: from the first thread's start to the
 * last one's end (thread creation is not timed); pc_cpu_ns: the CPU time
 * the two threads used meanwhile, waits for each other included (a wait
 * yields the CPU every SPSC_SPINS_PER_YIELD tries, so time spent
 * preempted by other work is not counted). Returns the operations;
 * pc.mismatches counts the objects that arrived wrong.
 */
static double pc_cpu_ns;

static unsigned long pc_run(void *(*producer)(void *), void *(*consumer)(void *),
			    unsigned long objects, double *ns)
{
	pthread_t th[2];

	spsc_init(&pc.ring);
	pc.objects = objects;
	pc.mismatches = 0;
	if (pthread_barrier_init(&pc.start, NULL, 2) ||
	    pthread_create(&th[0], NULL, producer, NULL) ||
	    pthread_create(&th[1], NULL, consumer, NULL)) {
		perror("bench_host: threads");
		exit(1);
	}
	pthread_join(th[0], NULL);
	pthread_join(th[1], NULL);
	pthread_barrier_destroy(&pc.start);
	*ns = (pc.t_end[0] > pc.t_end[1] ? pc.t_end[0] : pc.t_end[1]) -
	      (pc.t_start[0] < pc.t_start[1] ? pc.t_start[0] : pc.t_start[1]);
	pc_cpu_ns = pc.cpu_end[0] - pc.cpu_start[0] + pc.cpu_end[1] - pc.cpu_start[1];
	return 2UL * objects;
}

/* A timed run must not hide a broken hand-off. */
static void pc_verified(void)
{
	if (pc.mismatches) {
		fprintf(stderr, "bench_host: %lu objects arrived corrupted or out of order\n",
			pc.mismatches);
		exit(1);
	}
}

/* ---- the workloads ---------------------------------------------------------- */

/*
 * Once per allocator: ALLOC(n), ALLOC64(), FREE(p). Each returns the
 * operations it did and sets *ns to the time they took.
 */
#define WORKLOADS(PFX, ALLOC, ALLOC64, FREE)					\
static unsigned long PFX##_fixed_pair(double *ns)				\
{										\
	double t0 = now_ns();							\
	unsigned long i;							\
										\
	for (i = 0; i < PAIRS; i++) {						\
		void *p = ALLOC64();						\
										\
		*(volatile char *)p = 1;					\
		FREE(p);							\
	}									\
	*ns = now_ns() - t0;							\
	return 2UL * PAIRS;							\
}										\
										\
static unsigned long PFX##_fixed_batch(double *ns)				\
{										\
	double t0 = now_ns();							\
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
	*ns = now_ns() - t0;							\
	return 2UL * BATCH * BATCH_ROUNDS;					\
}										\
										\
static unsigned long PFX##_mixed(double *ns)					\
{										\
	double t0 = now_ns();							\
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
	*ns = now_ns() - t0;							\
	return ops;								\
}										\
										\
PC_THREADS(PFX, ALLOC, FREE)							\
										\
static unsigned long PFX##_producer_consumer(double *ns)			\
{										\
	unsigned long ops = pc_run(PFX##_producer, PFX##_consumer, PC_OBJECTS, ns); \
										\
	pc_verified();								\
	return ops;								\
}

#define SLAB_ALLOC(n)	__kmalloc((n), GFP_KERNEL)
#define SLAB_ALLOC64()	kmalloc(64, GFP_KERNEL)
#define SLAB_FREE(p)	kfree(p)
WORKLOADS(slab, SLAB_ALLOC, SLAB_ALLOC64, SLAB_FREE)

/* A 64-byte cache: the fixed-size workloads, and a hand-off in --smoke. */
#define CACHE_ALLOC(n)	kmem_cache_alloc(obj64, GFP_KERNEL)
#define CACHE_ALLOC64()	kmem_cache_alloc(obj64, GFP_KERNEL)
#define CACHE_FREE(p)	kmem_cache_free(obj64, p)
static unsigned long cache_fixed_pair(double *ns)
{
	double t0 = now_ns();
	unsigned long i;

	for (i = 0; i < PAIRS; i++) {
		void *p = CACHE_ALLOC64();

		*(volatile char *)p = 1;
		CACHE_FREE(p);
	}
	*ns = now_ns() - t0;
	return 2UL * PAIRS;
}

static unsigned long cache_fixed_batch(double *ns)
{
	double t0 = now_ns();
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
	*ns = now_ns() - t0;
	return 2UL * BATCH * BATCH_ROUNDS;
}

PC_THREADS(cache, CACHE_ALLOC, CACHE_FREE)

#define SYS_ALLOC(n)	sys_alloc(n)
#define SYS_ALLOC64()	sys_alloc(64)
#define SYS_FREE(p)	sys_free(p)
WORKLOADS(sys, SYS_ALLOC, SYS_ALLOC64, SYS_FREE)

static void report(const char *who, const char *what, double *ns)
{
	qsort(ns, RUNS, sizeof(ns[0]), cmp_double);
	printf("%s %s %.2f %.2f %.2f\n", who, what, ns[RUNS / 2], ns[0], ns[RUNS - 1]);
	fflush(stdout);
}

/*
 * Warm up, then RUNS timed runs: wall-clock ns per operation, and for the
 * two-thread workload (threaded) also CPU ns per operation as a second
 * line "<what>_cpu" (pc_cpu_ns), which other work on the machine disturbs
 * less.
 */
static const char *only_workload;	/* --only: run just this one */

static void measure(const char *who, const char *what,
		    unsigned long (*fn)(double *ns), bool threaded)
{
	double ns[RUNS], cpu[RUNS], t;
	char name[64];
	unsigned int i;

	if (only_workload && strcmp(only_workload, what))
		return;
	fn(&t);	/* warm-up: first touch of the memory is not the steady state */
	for (i = 0; i < RUNS; i++) {
		unsigned long ops = fn(&t);

		ns[i] = t / (double)ops;
		cpu[i] = pc_cpu_ns / (double)ops;
	}
	report(who, what, ns);
	if (threaded) {
		snprintf(name, sizeof(name), "%s_cpu", what);
		report(who, name, cpu);
	}
}

static int boot_slab(unsigned int mib)
{
	struct slab_harness_cfg cfg = { .low_mib = mib };

	if (slab_harness_boot(&cfg)) {
		fprintf(stderr, "bench_host: cannot boot the allocators\n");
		return -1;
	}
	obj64 = kmem_cache_create("bench-64", 64, 0, 0, NULL, NULL);
	if (!obj64) {
		fprintf(stderr, "bench_host: cannot create the 64-byte cache\n");
		return -1;
	}
	slab_up = true;
	return 0;
}

/* ---- --smoke ---------------------------------------------------------------- */

static unsigned int smoke_failures, smoke_cases;

static void smoke_expect(bool ok, const char *what)
{
	printf("%s %u - %s\n", ok ? "ok" : "not ok", ++smoke_cases, what);
	smoke_failures += !ok;
}

/*
 * Two CPUs hand objects over through kmalloc/kfree, then through a cache.
 * Afterwards, with the threads gone, slab_check() must find the lists,
 * slabs and arrays consistent, and once every cache is shrunk (which
 * empties every CPU's array, safe now; and releases the free slabs with
 * the off-slab descriptors they hold) the objects held by callers and the
 * free frames must be what they were before.
 */
static int smoke(void)
{
	unsigned long in_use, frames, bad;
	double ns;

	if (boot_slab(SMOKE_ARENA_MIB))
		return 1;
	printf("1..5\n");
	kmem_cache_shrink_all();
	in_use = slab_objects_in_use();
	frames = slab_harness_free_pages();
	pc_run(slab_producer, slab_consumer, SMOKE_OBJECTS, &ns);
	bad = pc.mismatches;
	pc_run(cache_producer, cache_consumer, SMOKE_OBJECTS, &ns);
	bad += pc.mismatches;
	smoke_expect(bad == 0, "every object arrived intact and in order");
	smoke_expect(slab_check() == 0, "slab_check() finds nothing");
	kmem_cache_shrink_all();
	smoke_expect(slab_objects_in_use() == in_use,
		     "objects held by callers are back to what they were");
	smoke_expect(slab_harness_free_pages() == frames,
		     "every frame is back after shrinking the caches");
	smoke_expect(host_log_errors() == 0, "no errors were logged");
	if (host_log_errors())
		fputs(host_log(), stderr);
	return smoke_failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	int slab = 0, sys = 0, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--slab"))
			slab = 1;
		else if (!strcmp(argv[i], "--system"))
			sys = 1;
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only_workload = argv[++i];
		else if (!strcmp(argv[i], "--smoke") && argc == 2)
			return smoke();
		else {
			fprintf(stderr, "usage: %s [--slab] [--system] [--only WORKLOAD] | --smoke\n",
				argv[0]);
			return 2;
		}
	}
	if (!slab && !sys)
		slab = sys = 1;
	make_inputs();
	go_multithreaded();
	if (slab) {
		if (boot_slab(ARENA_MIB))
			return 1;
		measure("slab", "fixed64_pair", slab_fixed_pair, false);
		measure("slab", "fixed64_batch", slab_fixed_batch, false);
		measure("slab", "mixed", slab_mixed, false);
		measure("slab", "producer_consumer", slab_producer_consumer, true);
		measure("slab-cache", "fixed64_pair", cache_fixed_pair, false);
		measure("slab-cache", "fixed64_batch", cache_fixed_batch, false);
		if (slab_check()) {
			fprintf(stderr, "bench_host: the slab allocator is inconsistent\n");
			return 1;
		}
	}
	if (sys) {
		measure(SYS_NAME, "fixed64_pair", sys_fixed_pair, false);
		measure(SYS_NAME, "fixed64_batch", sys_fixed_batch, false);
		measure(SYS_NAME, "mixed", sys_mixed, false);
		measure(SYS_NAME, "producer_consumer", sys_producer_consumer, true);
	}
	return 0;
}
