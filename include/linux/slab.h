/* SPDX-License-Identifier: MIT */
/*
 * The object allocator (ULK ch. 8, "the slab allocator"): caches of
 * equally sized objects carved out of slabs of 2^order page frames.
 *
 * Glossary
 *   cache    a struct kmem_cache: objects of one size, one constructor, the
 *            slabs that hold them and one object array per CPU
 *   slab     2^gfporder contiguous frames from the buddy allocator, cut into
 *            `num` buffers after a colour offset and (on-slab) the slab
 *            descriptor; every frame is PG_slab and points at its cache
 *   buffer   one object's slot in a slab: the object plus, in debug caches,
 *            its red zones and tracking record
 *   object   what a caller gets: `object_size` usable bytes
 *   colour   the offset (a multiple of colour_off) of a slab's first buffer;
 *            successive slabs take successive colours so that objects at the
 *            same index in different slabs fall on different cache lines
 *   array    a CPU's stack of free objects (struct array_cache): the fast
 *            paths push and pop there with interrupts off, and only batches
 *            of `batchcount` objects go to and from the slabs
 *
 * Constructors and destructors: the constructor runs on each object when its
 * slab is made, the destructor on each object when the slab's frames go
 * back to the buddy allocator. Freeing an object keeps it constructed, and
 * the next allocation hands it out as it is, so a caller must give objects
 * back in their constructed state. Both may run in interrupt context
 * (GFP_ATOMIC growth, a free from an interrupt) and must not sleep or take locks that the
 * interrupted code may hold. A cache with a constructor or a destructor is
 * never poisoned (the poison would destroy the constructed state).
 *
 * Every function here is safe from interrupt context with GFP_ATOMIC
 * (irq-safe locks), except kmem_cache_create/destroy/shrink and
 * kmem_cache_set_tunables, which are for task context.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/types.h>

/* Flags for kmem_cache_create (Linux's names; values are ours). */
#define SLAB_RED_ZONE		0x00000400UL	/* guard bytes before and after each object */
#define SLAB_POISON		0x00000800UL	/* 0x6b..0xa5 in free objects, checked on allocation */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* align objects on cache lines */
#define SLAB_STORE_USER		0x00010000UL	/* record the last allocating and freeing caller */
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL	/* slabs are reclaimable (pageblock grouping) */
#define SLAB_PANIC		0x00040000UL	/* panic if the cache cannot be created */
#define SLAB_DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)
#define SLAB_CREATE_MASK	(SLAB_DEBUG_FLAGS | SLAB_HWCACHE_ALIGN | \
				 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC)

#define L1_CACHE_BYTES		64	/* colouring step and SLAB_HWCACHE_ALIGN */
/* Longest cache name, in characters; no blanks or '=' (they go in records). */
#define KMEM_CACHE_NAME_MAX	31

/* Debug patterns (Linux's values). */
#define POISON_FREE		0x6b	/* free object bytes ... */
#define POISON_END		0xa5	/* ... and its last byte */
#define SLAB_RED_ACTIVE		0xcc	/* red zone of an allocated object */
#define SLAB_RED_INACTIVE	0xbb	/* red zone of a free object */

/*
 * General caches: kmalloc-8 .. kmalloc-131072, the powers of two plus 96
 * and 192. Larger requests (up to the buddy allocator's largest block) get
 * whole frames; kfree tells them apart by the page descriptor.
 */
#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	17
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << MAX_PAGE_ORDER)
/* kmalloc_caches[] indices: 1 and 2 are 96 and 192, 3..17 are 2^index. */
#define KMALLOC_NR_CACHES	(KMALLOC_SHIFT_HIGH + 1)

/* What kmalloc(0) returns: not NULL, but any access faults (Linux's value). */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(p)	((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;
typedef void (*kmem_ctor_t)(void *obj);

/*
 * Bring up the cache of caches and the general caches, give them per-CPU
 * arrays, and start the reaper (per-CPU delayed work: workqueue_init_early
 * must have run) and the reclaim hook (buddy low watermark). Once, after
 * the buddy allocator has memory.
 */
void kmem_cache_init(void);

/*
 * A cache of objects of `size` bytes aligned to `align` (0: the minimum,
 * 8 bytes; else a power of two up to PAGE_SIZE). name is copied; it must be
 * unique, 1..KMEM_CACHE_NAME_MAX characters without blanks or '='. size is
 * 1..KMALLOC_MAX_CACHE_SIZE; flags are SLAB_CREATE_MASK bits. ctor/dtor may
 * be NULL. Returns NULL after a warning naming the error (-EINVAL,
 * -EEXIST, -ENOMEM); SLAB_PANIC panics instead.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, kmem_ctor_t ctor,
				     kmem_ctor_t dtor);
/*
 * Destroy an unused cache: per-CPU arrays drained, every slab given back.
 * If objects are still allocated, refuse with -EBUSY and report each one
 * (with its allocating caller when the cache has SLAB_STORE_USER); the
 * cache stays usable. Quarantined objects (debug) do not keep a cache
 * alive: their slabs are released here. The general caches and the cache of
 * caches are permanent (-EPERM). Returns 0 when the cache is gone.
 */
int kmem_cache_destroy(struct kmem_cache *cachep);
/*
 * Drain every CPU's array of this cache and give all free slabs back to
 * the buddy allocator. Returns the number of frames given back.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *cachep);

/* A zeroed object, or NULL (do not use on caches with a constructor). */
void *kmem_cache_zalloc(struct kmem_cache *cachep, gfp_t gfp);
/* kmem_cache_alloc for a gfp without __GFP_ZERO. */
void *__kmem_cache_alloc(struct kmem_cache *cachep, gfp_t gfp);

/*
 * An object, or NULL (out of memory, fault injection). The zeroing test is
 * made here, where gfp is usually a constant, not on the fast path.
 */
static __always_inline void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t gfp)
{
	if (gfp & __GFP_ZERO)
		return kmem_cache_zalloc(cachep, gfp);
	return __kmem_cache_alloc(cachep, gfp);
}
/*
 * Give obj back to cachep (NULL: nothing). A pointer that is not an object
 * of cachep is reported and refused; debug caches also catch double frees,
 * interior pointers and clobbered red zones (see SLAB_DEBUG_FLAGS).
 */
void kmem_cache_free(struct kmem_cache *cachep, void *obj);

/* Usable bytes of each object, and the name. */
unsigned int kmem_cache_size(const struct kmem_cache *cachep);
const char *kmem_cache_name(const struct kmem_cache *cachep);
/* Find a cache by name (NULL if none). */
struct kmem_cache *kmem_cache_find(const char *name);

/*
 * Per-CPU array tunables, as written to /proc/slabinfo: at most `limit`
 * objects cached per CPU, moved `batchcount` at a time
 * (1 <= batchcount <= limit). limit 0 turns the arrays off. Debug caches
 * and fault injection run without arrays. Returns 0, -EINVAL or -ENOMEM.
 */
int kmem_cache_set_tunables(struct kmem_cache *cachep, unsigned int limit,
			    unsigned int batchcount);

/* ---- general caches ------------------------------------------------------- */

extern struct kmem_cache *kmalloc_caches[KMALLOC_NR_CACHES];

/* Index in kmalloc_caches of the smallest class holding size (1..128 KiB). */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	if (size <= 8)
		return 3;
	if (size <= 16)
		return 4;
	if (size <= 32)
		return 5;
	if (size <= 64)
		return 6;
	if (size <= 96)
		return 1;
	if (size <= 128)
		return 7;
	if (size <= 192)
		return 2;
	if (size <= 256)
		return 8;
	if (size <= 512)
		return 9;
	if (size <= 1024)
		return 10;
	if (size <= 2048)
		return 11;
	if (size <= 4096)
		return 12;
	if (size <= 8192)
		return 13;
	if (size <= 16384)
		return 14;
	if (size <= 32768)
		return 15;
	if (size <= 65536)
		return 16;
	return 17;
}

/* Object size of the class at index i. */
static inline size_t kmalloc_class_size(unsigned int i)
{
	return i == 1 ? 96 : i == 2 ? 192 : (size_t)1 << i;
}

/*
 * An object of cachep for a request of `size` bytes (size <= the cache's
 * object size): debug caches treat the bytes past size as red zone. gfp
 * must not hold __GFP_ZERO. The inline kmalloc below calls it for constant
 * sizes.
 */
void *__kmalloc_cache_alloc(struct kmem_cache *cachep, gfp_t gfp, size_t size);
/* kmalloc for any size. */
void *__kmalloc(size_t size, gfp_t gfp);

/*
 * size bytes from the smallest general cache that holds them, or whole
 * frames above KMALLOC_MAX_CACHE_SIZE. kmalloc(0) returns ZERO_SIZE_PTR.
 * Objects are aligned to 8 bytes. Not before kmem_cache_init().
 */
static __always_inline void *kmalloc(size_t size, gfp_t gfp)
{
	if (__builtin_constant_p(size) && size && size <= KMALLOC_MAX_CACHE_SIZE &&
	    !(gfp & __GFP_ZERO))
		return __kmalloc_cache_alloc(kmalloc_caches[kmalloc_index(size)],
					     gfp, size);
	return __kmalloc(size, gfp);
}

static __always_inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/* n * size bytes; NULL when the product overflows. */
void *kmalloc_array(size_t n, size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
/*
 * Resize p (NULL: kmalloc) keeping the first min(old, new) bytes. p stays
 * where it is when new_size fits in its object; new_size 0 frees p and
 * returns ZERO_SIZE_PTR. On failure p is untouched and NULL returned.
 */
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
/*
 * Bytes usable at p (the class size, or the frames of a large allocation);
 * 0 for NULL and ZERO_SIZE_PTR. In debug caches the caller may then use
 * them all: the kmalloc red zone past the requested size is lifted.
 */
size_t ksize(const void *p);
/* Free a kmalloc object or large allocation; NULL and ZERO_SIZE_PTR are no-ops. */
void kfree(const void *p);

/* ---- reclaim, checks and reports ------------------------------------------ */

/*
 * One pass of the reaper (each CPU's reaper work runs it there every
 * SLAB_REAP_PERIOD_MS, in that CPU's kworker, as Linux's cache_reap):
 * each cache drains part of this CPU's array if it was not refilled since
 * the last pass, and gives back up to a fifth of its free slabs.
 */
void slab_reap(void);
/*
 * Start cpu's reaper work (kmem_cache_init does it for every online CPU;
 * a CPU brought up later calls it). Idempotent.
 */
void slab_start_cpu_reaper(unsigned int cpu);
/* Reaper passes cpu's work has made, for tests and reports. */
unsigned long slab_reap_passes(unsigned int cpu);
/*
 * The buddy allocator's low-watermark hook: drain this CPU's arrays and
 * give back free slabs until nr_wanted frames are freed. Returns the frames
 * freed. Callable with no slab locks held, from any context.
 */
unsigned long slab_reclaim(unsigned int nr_wanted, gfp_t gfp);
/* kmem_cache_shrink on every cache; returns the frames given back. */
unsigned long kmem_cache_shrink_all(void);

/*
 * Re-derive every invariant of every cache (see mm/slab.h) and, in debug
 * caches, check each object's red zones and poison. Findings are reported;
 * a corrupted free object is quarantined. Returns 0 or -EFAULT.
 */
int slab_check(void);
int kmem_cache_check(struct kmem_cache *cachep);

/*
 * Objects handed out to callers and not freed, over all caches (objects in
 * per-CPU arrays and quarantined ones are not counted), plus live large
 * kmalloc allocations. The allocator's own bookkeeping (cache descriptors,
 * per-CPU arrays, off-slab slab descriptors) counts too: compare two
 * readings to find leaks.
 */
unsigned long slab_objects_in_use(void);

/* /proc/slabinfo (version 2.1), one printk line per cache. */
void slab_show_slabinfo(void);
/*
 * End-of-run report: drain and shrink every cache (so that the frame
 * accounting that follows sees only live objects' slabs), then one
 * "@slab cache= active= total= size= perslab= pages=" record per cache and
 * /proc/slabinfo.
 */
void slab_report(void);

/* Counters (cumulative since boot). */
struct slab_stats {
	unsigned long alloc_failures;	/* allocations that returned NULL */
	unsigned long injected;		/* of those, caused by failslab */
	unsigned long bad_frees;	/* frees reported and refused */
	unsigned long debug_errors;	/* red zone, poison, double free findings */
	unsigned long quarantined;	/* objects withdrawn for good */
	unsigned long reaped_pages;	/* frames given back by reaper/reclaim/shrink */
	unsigned long large_allocs;	/* live kmalloc allocations of whole frames */
};
void slab_get_stats(struct slab_stats *st);

/* ---- knobs (bootargs in mm/slab_params.c) ---------------------------------- */

/* slab_debug: red zones, poison and user tracking on every cache. */
extern bool slab_debug_all;
/* slab_debug.caches=<names>: only these caches (with slab_debug). */
extern char slab_debug_caches[128];
/* failslab: percentage (0..100) of object allocations that fail. */
extern unsigned int slab_fail_probability;
/* failslab= as given at boot, armed by slab_fault_arm() when the boot is complete. */
extern unsigned int failslab_boot;
void slab_fault_arm(void);
/* Change failslab at run time (arrays go off while it is non-zero). */
void slab_set_fail_probability(unsigned int percent, u64 seed);


#endif /* _LINUX_SLAB_H */
