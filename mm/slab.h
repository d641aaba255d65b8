/* SPDX-License-Identifier: MIT */
/*
 * Internals of the slab allocator, shared by mm/slab*.c, mm/kmalloc.c and
 * the tests; not for other users (see <linux/slab.h>).
 *
 * A slab (ULK fig. 8-3/8-4):
 *
 *   page_address(page)                                     + PAGE_SIZE << order
 *   |<- colour * colour_off ->|<- mgmt ->|<- size ->|<- size ->|...|<- left over ->|
 *                              struct slab  buffer 0   buffer 1
 *                              + bufctl[]   ^ s_mem
 *
 * On-slab caches keep the descriptor (struct slab and its bufctl array) in
 * the slab itself, right after the colour; off-slab caches (buffers of
 * PAGE_SIZE/8 or more) take it from a general cache, so that large objects
 * pack without a descriptor-sized hole.
 *
 * A buffer, in a debug cache (SLAB_RED_ZONE etc.):
 *
 *   |<- obj_offset ->|<- object_size ->|<- right red zone ->|<- meta ->|pad|
 *    left red zone    object (returned)                     struct slab_obj_meta
 *
 * Without debugging a buffer is just the object padded to `align`.
 *
 * The free objects of a slab form a chain of indices (ULK's kmem_bufctl_t):
 * slab->free is the first free index, bufctl[i] the one after i, and
 * BUFCTL_END ends the chain. An allocated object's entry holds
 * BUFCTL_ACTIVE (as Linux 2.6's SLAB kept under DEBUG, slab_get_obj and
 * slab_put_obj in mm/slab.c): a free that reaches the slab checks it, so a
 * second free of the same object is caught in O(1) even when the slab has
 * other objects in use, and even when the first free already went back
 * from a per-CPU array.
 *
 * Invariants (slab_check() re-derives each one). Per slab s of cache c:
 *   s->inuse + |chain(s)| + s->quarantined == c->num
 *   chain(s) has no repeats and only indices < c->num
 *   i allocated (handed out or in an array)  =>  s->bufctl[i] == BUFCTL_ACTIVE
 *   (without debugging every index off the chain is allocated; in debug
 *   caches a quarantined index keeps whatever it held)
 *   s is on slabs_free    iff s->inuse + s->quarantined == 0
 *   s is on slabs_full    iff s->inuse + s->quarantined == c->num
 *   s is on slabs_partial otherwise;  s->list_id names that list
 *   every frame f of s: PG_slab, f->slab_cache == c, f->freelist == s
 *   s->colouroff == colour * c->colour_off (+ c->mgmt_size on-slab),
 *   with colour < max(c->colour, 1)
 * Per cache c, summing over its slabs:
 *   c->nr_slabs[L] == number of slabs on list L
 *   c->total_objs  == c->num * (sum of c->nr_slabs[])
 *   c->active_objs == sum of s->inuse           (handed out or in an array)
 *   c->free_objs   == sum of |chain(s)|
 *   c->quarantined == sum of s->quarantined
 *   c->active_objs + c->free_objs + c->quarantined == c->total_objs
 *   sum over CPUs of ac_avail(c->array[cpu]) <= c->active_objs, each entry
 *   is a distinct, allocated object of c
 *   objects held by callers == c->active_objs - sum of ac_avail
 * Debug caches, per object: meta->state says free, allocated or
 * quarantined, agreeing with the chain; free objects carry
 * SLAB_RED_INACTIVE red zones and (SLAB_POISON) the poison; allocated ones
 * SLAB_RED_ACTIVE red zones from orig_size on.
 *
 * Locking: c->lock (irqs off) protects a cache's lists, slabs and counters;
 * slab_chain_lock (irqs off) the list of caches, taken before any c->lock.
 * A CPU's array is touched only by that CPU with interrupts off, never
 * under c->lock alone (see slab_on_cpu()).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <asm/smp.h>

typedef u16 slab_bufctl_t;
#define BUFCTL_END		((slab_bufctl_t)0xffff)
/* bufctl entry of an allocated object: never a chain link (>= SLAB_MAX_OBJS). */
#define BUFCTL_ACTIVE		((slab_bufctl_t)0xfffe)
/* Most objects a slab may hold (slab_check's bitmap is this big). */
#define SLAB_MAX_OBJS		1024
BUILD_BUG_ON(SLAB_MAX_OBJS >= BUFCTL_ACTIVE);
/* Largest per-CPU array kmem_cache_set_tunables accepts. */
#define SLAB_MAX_LIMIT		1024
/* Largest slab: 2^SLAB_MAX_ORDER frames. */
#define SLAB_MAX_ORDER		MAX_PAGE_ORDER
/* Minimum alignment: 64-bit loads must not trap. */
#define SLAB_MIN_ALIGN		8
/* Smallest red zone on each side of an object, in bytes. */
#define SLAB_REDZONE_MIN	8
/* Buffers of at least this size get an off-slab descriptor. */
#define SLAB_OFF_SLAB_MIN	(PAGE_SIZE / 8)
/* Waste (left over bytes) of a slab must stay below 1/SLAB_WASTE_FRACTION. */
#define SLAB_WASTE_FRACTION	8
/* Each CPU's reaper work runs this often, in its kworker. */
#define SLAB_REAP_PERIOD_MS	2000

/* Internal cache flags. */
#define CFLGS_OFF_SLAB		0x80000000UL	/* descriptor in slab_desc_cache */
#define CFLGS_PERMANENT		0x40000000UL	/* kmalloc caches, cache of caches */
#define CFLGS_DEBUG		0x20000000UL	/* buffers carry slab_obj_meta */

enum slab_list { SLAB_LIST_FULL, SLAB_LIST_PARTIAL, SLAB_LIST_FREE, SLAB_NR_LISTS };

/*
 * A CPU's stack of free objects: entry[0..top) with top[-1] the most
 * recently freed (the warmest), handed out first. `floor` sits right below
 * entry[0] and is always NULL, so that a pop reads top[-1] and learns that
 * the stack is empty from the NULL, without comparing pointers. The fast
 * paths move `top` only.
 *   entry <= top <= end == entry + limit,  floor == NULL
 */
struct array_cache {
	void **top;			/* next free slot */
	void **end;			/* full when top == end */
	struct kmem_cache *cache;	/* owner (what the slow paths need) */
	unsigned int limit;		/* at most this many; 0: the array is off */
	unsigned int batchcount;	/* objects moved per refill or flush */
	unsigned int touched;		/* refilled since the last reap */
	void *floor;			/* NULL: what top[-1] reads when empty */
	void *entry[];
};
BUILD_BUG_ON(offsetof(struct array_cache, entry) !=
	     offsetof(struct array_cache, floor) + sizeof(void *));

/* The oldest object's slot. */
static inline void **ac_first(struct array_cache *ac)
{
	return ac->entry;
}

static inline unsigned int ac_avail(const struct array_cache *ac)
{
	return (unsigned int)(ac->top - ac->entry);
}

struct slab {
	struct list_head list;		/* on a slabs_* list of the cache (c->lock) */
	void *s_mem;			/* buffer 0 */
	unsigned int colouroff;		/* bytes from the slab's first byte to s_mem */
	u16 inuse;			/* objects allocated (callers' or in arrays) */
	u16 free;			/* first free index, or BUFCTL_END */
	u16 quarantined;		/* debug: objects withdrawn for good */
	u16 list_id;			/* enum slab_list: where list is linked */
	slab_bufctl_t bufctl[];		/* next free index after each free one */
};

/* Debug: last allocation or free of an object. */
struct slab_track {
	unsigned long caller;		/* return address in the caller */
	unsigned long when;		/* jiffies */
	unsigned int cpu;
};

enum slab_obj_state {
	SLAB_OBJ_FREE = 0x46,		/* on its slab's chain */
	SLAB_OBJ_ALLOCATED = 0xa1,	/* handed out */
	SLAB_OBJ_QUARANTINED = 0x51,	/* withdrawn after a finding */
};

/* Debug caches: the record after each object's right red zone. */
struct slab_obj_meta {
	struct slab_track alloc;
	struct slab_track free;
	unsigned int orig_size;		/* bytes requested; red zone from here on */
	u16 state;			/* enum slab_obj_state */
	u16 reported;			/* slab_check already reported this object */
};

struct kmem_cache {
	/* ---- fast path: read with irqs off, no lock ---- */
	/* This CPU's array: cpu_ac[cpu], or &off_array when arrays are off. */
	struct array_cache *array[NR_CPUS];
	unsigned int object_size;	/* bytes the caller may use */
	unsigned int size;		/* buffer stride, multiple of align */
	unsigned long flags;		/* SLAB_* and CFLGS_* */

	/* ---- geometry, fixed at creation ---- */
	unsigned int align;
	unsigned int obj_offset;	/* object within its buffer */
	unsigned int meta_offset;	/* debug: slab_obj_meta within its buffer */
	unsigned int num;		/* objects per slab */
	unsigned int gfporder;		/* frames per slab: 2^gfporder */
	gfp_t allocflags;		/* added to every slab's gfp */
	unsigned int colour;		/* colours available (0: one) */
	unsigned int colour_off;	/* bytes per colour */
	unsigned int mgmt_size;		/* descriptor bytes (on-slab: aligned, before s_mem) */
	struct kmem_cache *slab_desc_cache;	/* off-slab: descriptor source */
	kmem_ctor_t ctor;
	kmem_ctor_t dtor;

	/* ---- per-CPU arrays (changed by set_tunables in task context) ---- */
	struct array_cache *cpu_ac[NR_CPUS];	/* allocated arrays, or NULL */
	unsigned int limit;
	unsigned int batchcount;
	/* free objects kept before free slabs go back at once (c->lock readers) */
	unsigned long free_limit;

	/* ---- c->lock protects everything below ---- */
	spinlock_t lock;
	struct list_head slabs[SLAB_NR_LISTS];
	unsigned long nr_slabs[SLAB_NR_LISTS];
	unsigned long total_objs;
	unsigned long active_objs;
	unsigned long free_objs;
	unsigned long quarantined;
	unsigned int colour_next;	/* colour of the next slab */
	unsigned long grown;		/* slabs made */
	unsigned long released;		/* slabs given back */
	unsigned long high_slabs;	/* most slabs at once */

	struct list_head next;		/* on slab_chain (slab_chain_lock) */
	char name[KMEM_CACHE_NAME_MAX + 1];
	/*
	 * What every CPU uses while the arrays are off (debug, failslab,
	 * limit 0): empty with limit 0, so both fast paths fall through.
	 * Last: its entry[] has no room.
	 */
	struct array_cache off_array;
};

extern struct list_head slab_chain;
extern spinlock_t slab_chain_lock;
extern struct kmem_cache kmem_cache_boot;	/* the cache of caches */

/* Counters behind slab_get_stats (atomic adds). */
extern struct slab_stats slab_stats;

static inline bool cache_is_debug(const struct kmem_cache *c)
{
	return (c->flags & CFLGS_DEBUG) != 0;
}

/* The slab's first byte (where the colour begins). */
static inline void *slab_base(const struct kmem_cache *c, const struct slab *s)
{
	return (char *)s->s_mem - s->colouroff;
}

static inline void *slab_buffer(const struct kmem_cache *c, const struct slab *s,
				unsigned int idx)
{
	return (char *)s->s_mem + (size_t)idx * c->size;
}

static inline void *slab_object(const struct kmem_cache *c, const struct slab *s,
				unsigned int idx)
{
	return (char *)slab_buffer(c, s, idx) + c->obj_offset;
}

static inline struct slab_obj_meta *slab_meta(const struct kmem_cache *c,
					      void *buffer)
{
	return (struct slab_obj_meta *)((char *)buffer + c->meta_offset);
}

/*
 * Page descriptor of a linear-map address, or NULL if there is none: the
 * O(1) step of every free (slow paths; the fast paths use slab_page_of).
 */
static inline struct page *slab_virt_to_page(const void *p)
{
	unsigned long pfn = PFN_DOWN(__pa(p));

	if (pfn - min_low_pfn >= max_low_pfn - min_low_pfn || !pfn_valid(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/*
 * The linear map as the fast paths need it, copied from mm.h's globals by
 * kmem_cache_init (they do not change after boot; slab_check compares):
 * one base address for three loads instead of five globals. It covers the
 * lowmem frames from min_low_pfn whose descriptors lie back to back (all
 * of lowmem unless a hole between RAM banks splits mem_map: objects past
 * such a hole take the slow paths).
 */
struct slab_lowmem {
	unsigned long va_start;		/* __va(PFN_PHYS(min_low_pfn)) */
	unsigned long nr_pages;		/* memmap_contig_end(min_low_pfn, max_low_pfn)
					 * - min_low_pfn; 0 before init */
	struct page *first;		/* pfn_to_page(min_low_pfn) */
};
extern struct slab_lowmem slab_lowmem;

/* slab_virt_to_page for the fast paths: false when p is not in lowmem. */
static __always_inline bool slab_page_of(const void *p, struct page **page)
{
	unsigned long idx = ((unsigned long)p - slab_lowmem.va_start) >> PAGE_SHIFT;

	if (unlikely(idx >= slab_lowmem.nr_pages))
		return false;
	*page = slab_lowmem.first + idx;
	return true;
}

/* ---- mm/slab.c ---- */
/* Fill in a new cache descriptor (geometry, debug layout, colours); 0 or -EINVAL. */
int slab_cache_setup(struct kmem_cache *c, const char *name, size_t size,
		     size_t align, unsigned long flags, kmem_ctor_t ctor,
		     kmem_ctor_t dtor);
/* Unlink up to max free slabs onto out; c->lock held. Returns how many. */
unsigned long slab_take_free(struct kmem_cache *c, struct list_head *out,
			     unsigned long max);
/* Free slabs beyond c->free_limit free objects onto out; c->lock held. */
void slab_trim_locked(struct kmem_cache *c, struct list_head *out);
/* Give unlinked slabs back to the buddy allocator; no lock. Returns frames. */
unsigned long slab_release_list(struct kmem_cache *c, struct list_head *list);
/*
 * The n oldest objects of ac back to their slabs; c->lock held, irqs off.
 * by: the code that flushes (named in a report, since who freed an object
 * in the array is not recorded).
 */
void slab_flush_locked(struct kmem_cache *c, struct array_cache *ac,
		       unsigned int n, unsigned long by);
/*
 * Put objects back on their slabs; c->lock held. Each one is checked
 * first (still a slab of c, the start of an object, allocated); a bad one
 * is reported and dropped, nothing is changed for it. from_array: objs
 * came from a per-CPU array and caller is who flushed it; otherwise caller
 * freed them.
 */
void slab_free_block(struct kmem_cache *c, void **objs, unsigned int n,
		     bool from_array, unsigned long caller);
/* Re-file s after its counts changed; c->lock held. */
void slab_fix_list(struct kmem_cache *c, struct slab *s);
/*
 * Slab and index of obj. NULL when obj is not the start of an object of c;
 * *delta is then its offset from the nearest object start before it.
 */
struct slab *slab_find(struct kmem_cache *c, const void *obj, unsigned int *idx,
		       long *delta);
/* Empty the array of `cpu` into the slabs (see the note in slab.c). */
void slab_drain_cpu(struct kmem_cache *c, unsigned int cpu);
/* Everything but the per-CPU array hit; orig_size: bytes requested. */
void *slab_alloc_slow(struct kmem_cache *c, gfp_t gfp, size_t orig_size,
		      unsigned long caller);
/* A free that the array could not take; obj is known to be c's. */
void slab_free_slow(struct kmem_cache *c, void *obj, unsigned long caller);
/* kmem_cache_free's slow half: check obj against c, then slab_free_slow. */
void slab_free_checked(struct kmem_cache *c, void *obj, unsigned long caller);
/* Allocation and checked free with an explicit caller (internal users). */
void *slab_alloc_caller(struct kmem_cache *c, gfp_t gfp, size_t orig_size,
			unsigned long caller);
void slab_free_caller(struct kmem_cache *c, void *obj, unsigned long caller);
/* Report and refuse a free of p; why NULL: work it out from the page. */
void slab_bad_free(const struct kmem_cache *c, const void *p, const char *why,
		   unsigned long caller);
/* A permanent cache for kmem_cache_init (panics on failure). */
struct kmem_cache *kmem_cache_create_boot(const char *name, size_t size,
					  unsigned long flags);

/*
 * The fast paths, inlined into each entry point: this CPU's array, with
 * interrupts off, and nothing else. Every other case goes to one noinline
 * call, so that only that branch sets up a stack frame.
 */
/* False when the array is full or off. */
static __always_inline bool slab_array_push(struct kmem_cache *c, void *obj)
{
	struct array_cache *ac;
	unsigned long flags;
	bool done = false;

	local_irq_save(flags);
	ac = c->array[smp_processor_id()];
	if (likely(ac->top < ac->end)) {
		*ac->top++ = obj;
		done = true;
	}
	local_irq_restore(flags);
	return done;
}

/*
 * Everything but a plain allocation that this CPU's array can serve.
 * orig_size: bytes requested (0: the object size).
 */
void *slab_alloc_slow(struct kmem_cache *c, gfp_t gfp, size_t orig_size,
		      unsigned long caller);

#ifdef __riscv
/*
 * The entry point's return address, read in its slow branch. _RET_IP_
 * makes GCC copy ra at function entry, an instruction on every fast path;
 * until the branch calls something, ra still holds it.
 */
#define slab_caller()	({ unsigned long __ra;				\
			   __asm__ volatile("mv %0, ra" : "=r"(__ra));	\
			   __ra; })
#else
#define slab_caller()	_RET_IP_
#endif

/* This CPU's array's newest object, or NULL (empty array, or __GFP_ZERO). */
static __always_inline void *slab_array_pop(struct kmem_cache *c, gfp_t gfp)
{
	struct array_cache *ac;
	unsigned long flags;
	void *obj = NULL;

	if (likely(!(gfp & __GFP_ZERO))) {
		local_irq_save(flags);
		ac = c->array[smp_processor_id()];
		obj = ac->top[-1];
		if (likely(obj))
			ac->top--;
		local_irq_restore(flags);
	}
	return obj;
}

/*
 * The array's newest object, else the slow path, which gets the cache
 * from the array (no register keeps c alive across the pop). gfp must not
 * hold __GFP_ZERO: the inline kmem_cache_alloc/kmalloc send those to
 * functions that zero.
 */
static __always_inline void *slab_alloc_fast(struct kmem_cache *c, gfp_t gfp,
					     size_t orig_size)
{
	struct array_cache *ac;
	unsigned long flags;
	void *obj;

	local_irq_save(flags);
	ac = c->array[smp_processor_id()];
	obj = ac->top[-1];
	if (likely(obj)) {
		ac->top--;
		local_irq_restore(flags);
		return obj;
	}
	local_irq_restore(flags);
	return slab_alloc_slow(ac->cache, gfp, orig_size, slab_caller());
}

/* ---- mm/slab_debug.c ---- */
/* Lay out a debug cache's buffers; returns the stride. */
unsigned int slab_debug_layout(struct kmem_cache *c, unsigned int object_size);
/* A new slab's buffer idx: red zones, poison, state free. */
void slab_debug_init_object(struct kmem_cache *c, void *buffer);
/*
 * An object taken off its chain on allocation: check it, then mark it
 * allocated. False: it was found corrupted and quarantined. c->lock held.
 */
bool slab_debug_alloc(struct kmem_cache *c, struct slab *s, unsigned int idx,
		      size_t orig_size, unsigned long caller);
/*
 * A free of obj in a debug cache: check the pointer, the state and the red
 * zones; put it on its chain or quarantine it. c->lock held.
 */
void slab_debug_free(struct kmem_cache *c, void *obj, unsigned long caller);
/*
 * slab_check's look at every object of s: each state must agree with the
 * chain (free_map, from slab_chain_map); red zones and poison are checked
 * and findings reported (once per object), a corrupted free object
 * quarantined (its map bit cleared). Returns the disagreements. c->lock held.
 */
unsigned int slab_debug_check_slab(struct kmem_cache *c, struct slab *s,
				   unsigned long *free_map);
/* A slab about to go back to the buddy allocator: last look at its objects. */
void slab_debug_release(struct kmem_cache *c, struct slab *s);
/* Failslab: should this allocation fail? (counts the injection) */
bool slab_should_fail(const struct kmem_cache *c);
/* Debug flags for a cache named name (slab_debug bootargs). */
unsigned long slab_debug_flags_for(const char *name);
/* ksize on a debug object: the caller may now use the whole object. */
void slab_debug_widen(struct kmem_cache *c, void *obj, size_t new_size);

/* Snapshot of a cache for reports and tests (kmem_cache_get_info). */
struct slab_cache_info {
	char name[KMEM_CACHE_NAME_MAX + 1];
	unsigned long active_objs;	/* allocated, arrays included */
	unsigned long num_objs;
	unsigned long in_arrays;	/* objects in per-CPU arrays */
	unsigned long quarantined;
	unsigned long slabs[SLAB_NR_LISTS];
	unsigned long grown, released;
	unsigned int object_size, size, objperslab, order;
	unsigned int limit, batchcount, colour, colour_off;
	unsigned long flags;
};
void kmem_cache_get_info(struct kmem_cache *c, struct slab_cache_info *info);

/* ---- mm/kmalloc.c ---- */
void kmalloc_init(void);
void kmalloc_reset(void);
/* kfree of a pointer that is not in a slab: a large allocation or a bad free. */
void kfree_large(const void *p, struct page *page, unsigned long caller);
extern unsigned long kmalloc_large_live;

/* ---- mm/slab_check.c ---- */
/* Report each allocated object of c (destroy refused); c->lock held. */
void slab_report_live(struct kmem_cache *c);
/*
 * Mark the free indices of s in map (SLAB_MAX_OBJS bits); returns the
 * chain length, or -1 if the chain is broken (bad index, loop).
 */
int slab_chain_map(const struct kmem_cache *c, const struct slab *s,
		   unsigned long *map);
#define SLAB_MAP_WORDS	(SLAB_MAX_OBJS / (8 * sizeof(unsigned long)))
static inline bool slab_map_test(const unsigned long *map, unsigned int i)
{
	return (map[i / (8 * sizeof(long))] >> (i % (8 * sizeof(long)))) & 1;
}

#endif /* _MM_SLAB_H */
