// SPDX-License-Identifier: MIT
/*
 * The life of caches: the cache of caches and bootstrap, creation and
 * destruction, per-CPU array tunables, fault injection, and reclaim (the
 * per-CPU reaper work, kmem_cache_shrink, the buddy allocator's
 * low-watermark hook). Objects and slabs are mm/slab.c's.
 */
#define pr_fmt(fmt) "slab: " fmt

#include <string.h>

#include <linux/bug.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/prng.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <asm/page.h>
#include <asm/smp.h>

#include "slab.h"
#include "internal.h"

#define FAILSLAB_DEFAULT_SEED	0x51ab51abULL

/*
 * Bootstrap: DOWN until the cache of caches exists, PARTIAL while the
 * general caches are made (no arrays, no fault injection), then UP.
 */
enum slab_state { SLAB_DOWN, SLAB_PARTIAL, SLAB_UP };

LIST_HEAD(slab_chain);
DEFINE_SPINLOCK(slab_chain_lock);
struct kmem_cache kmem_cache_boot;
struct slab_stats slab_stats;
struct slab_lowmem slab_lowmem;

bool slab_debug_all;
char slab_debug_caches[128];
unsigned int slab_fail_probability;
unsigned int failslab_boot;

static enum slab_state slab_state;
static struct prng_shared fail_prng = PRNG_SHARED_INIT(FAILSLAB_DEFAULT_SEED);

/* Each CPU's reaper (Linux's per-CPU slab_reap_work), and its period in ticks. */
static struct delayed_work reap_work[NR_CPUS];
static bool reap_work_on[NR_CPUS];
static unsigned long reap_period;
/* Reaper passes each CPU made (its own worker ran them). */
static unsigned long reap_passes[NR_CPUS];

#define stat_inc(field) __atomic_fetch_add(&slab_stats.field, 1, __ATOMIC_RELAXED)

/* ---- per-CPU arrays ------------------------------------------------------------- */

/*
 * Cross-CPU access to an array. An array belongs to its CPU, which touches
 * it with interrupts off; Linux drains other CPUs' arrays by IPI. This
 * kernel runs on the boot hart only (the other harts stay parked in
 * OpenSBI), so no other CPU can be inside an array section, and the drain
 * is done here directly, with interrupts off against the local tick.
 * Starting secondary harts needs an IPI in slab_drain_cpu().
 */
void slab_drain_cpu(struct kmem_cache *c, unsigned int cpu)
{
	struct array_cache *ac;
	unsigned long flags;
	LIST_HEAD(surplus);

	local_irq_save(flags);
	ac = c->array[cpu];
	if (ac_avail(ac)) {
		spin_lock(&c->lock);
		slab_free_block(c, ac_first(ac), ac_avail(ac), true, _RET_IP_);
		ac->top = ac_first(ac);
		slab_trim_locked(c, &surplus);
		spin_unlock(&c->lock);
	}
	local_irq_restore(flags);
	slab_release_list(c, &surplus);
}

static bool cache_arrays_wanted(const struct kmem_cache *c)
{
	return slab_state == SLAB_UP && !cache_is_debug(c) && c->limit &&
	       !READ_ONCE(slab_fail_probability);
}

/* Point each CPU's fast path at its array, or at none, emptying the old one. */
static void cache_arrays_apply(struct kmem_cache *c)
{
	bool on = cache_arrays_wanted(c);
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		unsigned long flags;

		slab_drain_cpu(c, cpu);
		local_irq_save(flags);
		if (ac_avail(c->array[cpu]))	/* refilled by an interrupt meanwhile */
			slab_drain_cpu(c, cpu);
		c->array[cpu] = on && c->cpu_ac[cpu] ? c->cpu_ac[cpu] : &c->off_array;
		local_irq_restore(flags);
	}
}

int kmem_cache_set_tunables(struct kmem_cache *c, unsigned int limit,
			    unsigned int batchcount)
{
	struct array_cache *fresh[NR_CPUS] = { NULL }, *old[NR_CPUS];
	unsigned int cpu;

	if (!c || limit > SLAB_MAX_LIMIT || batchcount > limit ||
	    (limit && !batchcount) || (limit && cache_is_debug(c)))
		return -EINVAL;
	for (cpu = 0; limit && cpu < NR_CPUS; cpu++) {
		fresh[cpu] = kmalloc(sizeof(struct array_cache) + limit * sizeof(void *),
				     GFP_KERNEL);
		if (!fresh[cpu]) {
			while (cpu--)
				kfree(fresh[cpu]);
			return -ENOMEM;
		}
		fresh[cpu]->floor = NULL;
		fresh[cpu]->cache = c;
		fresh[cpu]->top = ac_first(fresh[cpu]);
		fresh[cpu]->end = fresh[cpu]->top + limit;
		fresh[cpu]->limit = limit;
		fresh[cpu]->batchcount = batchcount;
		fresh[cpu]->touched = 0;
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		unsigned long flags;

		slab_drain_cpu(c, cpu);
		local_irq_save(flags);
		if (ac_avail(c->array[cpu]))
			slab_drain_cpu(c, cpu);
		c->array[cpu] = &c->off_array;
		old[cpu] = c->cpu_ac[cpu];
		c->cpu_ac[cpu] = fresh[cpu];
		local_irq_restore(flags);
	}
	c->limit = limit;
	c->batchcount = batchcount;
	WRITE_ONCE(c->free_limit, 2 * batchcount + c->num);
	cache_arrays_apply(c);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		kfree(old[cpu]);
	return 0;
}


/* ---- fault injection ---- */

bool slab_should_fail(const struct kmem_cache *c)
{
	/* Linux's should_failslab() exempts the cache of caches too */
	if (slab_state != SLAB_UP || c == &kmem_cache_boot ||
	    !prng_shared_chance(&fail_prng, READ_ONCE(slab_fail_probability)))
		return false;
	stat_inc(injected);
	return true;
}

void slab_set_fail_probability(unsigned int percent, u64 seed)
{
	struct kmem_cache *c;
	unsigned long flags;

	prng_shared_seed(&fail_prng, seed);
	WRITE_ONCE(slab_fail_probability, min(percent, 100u));
	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next)
		cache_arrays_apply(c);
	spin_unlock_irqrestore(&slab_chain_lock, flags);
}

/* ---- caches --------------------------------------------------------------------- */

unsigned int kmem_cache_size(const struct kmem_cache *c)
{
	return c->object_size;
}

const char *kmem_cache_name(const struct kmem_cache *c)
{
	return c->name;
}

/* slab_chain_lock held. */
static struct kmem_cache *find_cache_locked(const char *name)
{
	struct kmem_cache *c;

	list_for_each_entry(c, &slab_chain, next)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

struct kmem_cache *kmem_cache_find(const char *name)
{
	struct kmem_cache *c;
	unsigned long flags;

	spin_lock_irqsave(&slab_chain_lock, flags);
	c = find_cache_locked(name);
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	return c;
}

static bool cache_name_ok(const char *name)
{
	size_t i, n;

	if (!name)
		return false;
	n = strlen(name);
	if (n == 0 || n > KMEM_CACHE_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (name[i] <= ' ' || name[i] == '=' || name[i] == '"' || name[i] > '~')
			return false;
	return true;
}

static const char *create_args_bad(const char *name, size_t size, size_t align,
				   unsigned long flags)
{
	if (!cache_name_ok(name))
		return "name must be 1..31 printable characters without blanks, '=' or '\"'";
	if (size == 0 || size > KMALLOC_MAX_CACHE_SIZE)
		return "object size must be 1..131072 bytes";
	if (align & (align - 1) || align > PAGE_SIZE)
		return "alignment must be 0 or a power of two up to PAGE_SIZE";
	if (flags & ~SLAB_CREATE_MASK)
		return "unknown flags";
	return NULL;
}

/* Allocate arrays for every CPU at the cache's tunables and turn them on. */
static int cache_enable_arrays(struct kmem_cache *c)
{
	if (cache_is_debug(c))
		return kmem_cache_set_tunables(c, 0, 0);
	return kmem_cache_set_tunables(c, c->limit, c->batchcount);
}

/*
 * Create without the argument checks; the caller reports errors. During
 * boot (slab_state < SLAB_UP) the cache starts without arrays and
 * kmem_cache_init turns them on.
 */
static struct kmem_cache *create_cache(const char *name, size_t size,
				       size_t align, unsigned long flags,
				       kmem_ctor_t ctor, kmem_ctor_t dtor, int *err)
{
	struct kmem_cache *c;
	unsigned long irqf;

	if (kmem_cache_find(name)) {
		*err = -EEXIST;
		return NULL;
	}
	c = slab_alloc_caller(&kmem_cache_boot, GFP_KERNEL | __GFP_ZERO,
			      sizeof(*c), _RET_IP_);
	if (!c) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = slab_cache_setup(c, name, size, align, flags, ctor, dtor);
	if (!*err && slab_state == SLAB_UP)
		*err = cache_enable_arrays(c);
	if (!*err) {
		spin_lock_irqsave(&slab_chain_lock, irqf);
		if (find_cache_locked(name))
			*err = -EEXIST;
		else
			list_add_tail(&c->next, &slab_chain);
		spin_unlock_irqrestore(&slab_chain_lock, irqf);
	}
	if (*err) {
		unsigned int cpu;

		for (cpu = 0; cpu < NR_CPUS; cpu++)
			kfree(c->cpu_ac[cpu]);
		slab_free_caller(&kmem_cache_boot, c, _RET_IP_);
		return NULL;
	}
	return c;
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, kmem_ctor_t ctor,
				     kmem_ctor_t dtor)
{
	const char *why = create_args_bad(name, size, align, flags);
	struct kmem_cache *c = NULL;
	int err = -EINVAL;

	if (!why && slab_state != SLAB_UP) {
		why = "the slab allocator is not up yet";
		err = -EBUSY;
	}
	if (!why) {
		c = create_cache(name, size, align, flags, ctor, dtor, &err);
		why = err == -EEXIST ? "a cache of that name exists" :
		      err == -ENOMEM ? "out of memory" : "no slab order fits the object";
	}
	if (c)
		return c;
	if (flags & SLAB_PANIC)
		panic("kmem_cache_create(%s) failed with error %d: %s",
		      name ? name : "(null)", err, why);
	pr_warn("kmem_cache_create(%s) failed with error %d: %s\n",
		name ? name : "(null)", err, why);
	return NULL;
}

/* Drain all arrays and give back every free slab; returns frames. */
static unsigned long cache_shrink(struct kmem_cache *c)
{
	unsigned long flags;
	unsigned int cpu;
	LIST_HEAD(victims);

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		slab_drain_cpu(c, cpu);
	spin_lock_irqsave(&c->lock, flags);
	slab_take_free(c, &victims, ~0UL);
	spin_unlock_irqrestore(&c->lock, flags);
	return slab_release_list(c, &victims);
}

unsigned long kmem_cache_shrink(struct kmem_cache *c)
{
	return c ? cache_shrink(c) : 0;
}

/*
 * Newest cache first: releasing an off-slab cache's slabs frees their
 * descriptors into the general caches, which were made before it and are
 * shrunk after it.
 */
unsigned long kmem_cache_shrink_all(void)
{
	unsigned long flags, frames = 0;
	struct list_head *pos;

	spin_lock_irqsave(&slab_chain_lock, flags);
	for (pos = slab_chain.prev; pos != &slab_chain; pos = pos->prev)
		frames += cache_shrink(list_entry(pos, struct kmem_cache, next));
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	return frames;
}

int kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long flags, n;
	unsigned int cpu, l;
	LIST_HEAD(victims);

	if (!c)
		return -EINVAL;
	if (c->flags & CFLGS_PERMANENT) {
		pr_warn("kmem_cache_destroy(%s): general caches are permanent\n", c->name);
		return -EPERM;
	}
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		slab_drain_cpu(c, cpu);

	spin_lock_irqsave(&slab_chain_lock, flags);
	spin_lock(&c->lock);
	if (c->active_objs) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects: %lu in use\n",
		       c->name, c->active_objs);
		slab_report_live(c);
		spin_unlock(&c->lock);
		spin_unlock_irqrestore(&slab_chain_lock, flags);
		return -EBUSY;
	}
	list_del(&c->next);
	/* only free slabs and slabs of quarantined objects are left */
	n = c->quarantined;
	for (l = 0; l < SLAB_NR_LISTS; l++) {
		while (!list_empty(&c->slabs[l]))
			list_move(c->slabs[l].next, &victims);
		c->nr_slabs[l] = 0;
	}
	c->total_objs = c->free_objs = c->quarantined = 0;
	spin_unlock(&c->lock);
	spin_unlock_irqrestore(&slab_chain_lock, flags);

	if (n)
		pr_warn("kmem_cache_destroy %s: releasing %lu quarantined objects\n",
			c->name, n);
	slab_release_list(c, &victims);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		kfree(c->cpu_ac[cpu]);
	slab_free_caller(&kmem_cache_boot, c, _RET_IP_);
	return 0;
}

/* ---- reclaim ------------------------------------------------------------------------ */

/*
 * One cache's share of a reaper pass (all = false) or of reclaim (all =
 * true): this CPU's array and the free slabs. Returns frames freed.
 */
static unsigned long cache_reap(struct kmem_cache *c, bool all)
{
	struct array_cache *ac;
	unsigned long flags, nfree;
	LIST_HEAD(victims);

	local_irq_save(flags);
	ac = c->array[smp_processor_id()];
	spin_lock(&c->lock);
	if (ac_avail(ac) && (all || !ac->touched)) {
		/* an idle array gives back a fifth of its limit per pass */
		slab_flush_locked(c, ac, all ? ac_avail(ac) : (ac->limit + 4) / 5,
				  _RET_IP_);
	}
	if (ac->limit)
		ac->touched = 0;
	nfree = c->nr_slabs[SLAB_LIST_FREE];
	slab_take_free(c, &victims, all ? nfree : (nfree + 4) / 5);
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	return slab_release_list(c, &victims);
}

void slab_reap(void)
{
	struct kmem_cache *c;
	unsigned long flags;

	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next)
		cache_reap(c, false);
	spin_unlock_irqrestore(&slab_chain_lock, flags);
}

/*
 * One CPU's reaper pass, in its worker (Linux's cache_reap): this CPU's
 * arrays and a share of the free slabs, then the item re-arms itself on
 * the same CPU for the next period.
 */
static void cache_reap_work(struct work_struct *w)
{
	struct delayed_work *dw = to_delayed_work(w);
	unsigned int cpu = smp_processor_id();

	if (dw != &reap_work[cpu])	/* a worker runs its own CPU's items only */
		pr_err("reaper of CPU %u ran on CPU %u\n", (unsigned int)(dw - reap_work), cpu);
	slab_reap();
	reap_passes[cpu]++;
	schedule_delayed_work_on(cpu, dw, reap_period);
}

void slab_start_cpu_reaper(unsigned int cpu)
{
	if (reap_work_on[cpu])
		return;
	INIT_DELAYED_WORK(&reap_work[cpu], cache_reap_work);
	reap_work_on[cpu] = true;
	/* staggered by a tick per CPU, as Linux's round_jiffies spreads them */
	schedule_delayed_work_on(cpu, &reap_work[cpu], reap_period + cpu);
}

unsigned long slab_reap_passes(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(reap_passes[cpu]) : 0;
}

unsigned long slab_reclaim(unsigned int nr_wanted, gfp_t gfp)
{
	unsigned long flags, freed = 0;
	struct kmem_cache *c;

	spin_lock_irqsave(&slab_chain_lock, flags);
	list_for_each_entry(c, &slab_chain, next) {
		freed += cache_reap(c, true);
		if (freed >= nr_wanted)
			break;
	}
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	return freed;
}

static unsigned long slab_reclaim_hook(unsigned int nr_wanted, gfp_t gfp)
{
	return slab_reclaim(nr_wanted, gfp);
}

/* ---- boot ---------------------------------------------------------------------------- */

/*
 * Bootstrap: the cache of caches is static and allocates its objects
 * without arrays; the general caches are made in increasing size (so that
 * an off-slab cache finds its descriptor's cache already there); then every
 * cache gets its per-CPU arrays from kmalloc.
 */
void kmem_cache_init(void)
{
	struct kmem_cache *c;
	unsigned int cpu;
	unsigned long flags;

	slab_state = SLAB_DOWN;
	slab_lowmem.va_start = (unsigned long)__va(PFN_PHYS(min_low_pfn));
	slab_lowmem.first = pfn_to_page(min_low_pfn);
	slab_lowmem.nr_pages = memmap_contig_end(min_low_pfn, max_low_pfn) - min_low_pfn;
	if (slab_cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache),
			0, SLAB_HWCACHE_ALIGN | CFLGS_PERMANENT, NULL, NULL))
		panic("kmem_cache_init: no slab fits the cache of caches");
	spin_lock_irqsave(&slab_chain_lock, flags);
	list_add(&kmem_cache_boot.next, &slab_chain);
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	slab_state = SLAB_PARTIAL;
	kmalloc_init();
	slab_state = SLAB_UP;
	list_for_each_entry(c, &slab_chain, next)
		if (cache_enable_arrays(c))
			panic("kmem_cache_init: no memory for %s's per-CPU arrays", c->name);
	if (page_alloc_register_reclaim(slab_reclaim_hook))
		pr_warn("no room for the reclaim hook: caches shrink only on the reaper\n");
	reap_period = max(1UL, msecs_to_jiffies(SLAB_REAP_PERIOD_MS));
	for_each_online_cpu(cpu)
		slab_start_cpu_reaper(cpu);
	pr_info("%u general caches kmalloc-8..kmalloc-%lu, per-CPU reaper work every %lu ticks%s%s\n",
		KMALLOC_NR_CACHES - 1, KMALLOC_MAX_CACHE_SIZE, reap_period,
		slab_debug_all ? ", slab_debug on" : "",
		failslab_boot ? ", failslab when the boot is complete" : "");
}

void slab_fault_arm(void)
{
	if (!failslab_boot)
		return;
	slab_set_fail_probability(failslab_boot, FAILSLAB_DEFAULT_SEED);
	pr_info("failslab on: %u%% of object allocations fail\n", failslab_boot);
}

/* internal for kmalloc_init: a permanent cache, panics on failure */
struct kmem_cache *kmem_cache_create_boot(const char *name, size_t size,
					  unsigned long flags)
{
	struct kmem_cache *c;
	int err;

	c = create_cache(name, size, 0, flags | CFLGS_PERMANENT, NULL, NULL, &err);
	if (!c)
		panic("kmem_cache_init: cannot create %s (error %d)", name, err);
	return c;
}

void slab_reset(void)
{
	unsigned long flags;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (reap_work_on[cpu])
			cancel_delayed_work_sync(&reap_work[cpu]);
		reap_work_on[cpu] = false;
		reap_passes[cpu] = 0;
	}
	spin_lock_irqsave(&slab_chain_lock, flags);
	INIT_LIST_HEAD(&slab_chain);
	spin_unlock_irqrestore(&slab_chain_lock, flags);
	memset(&kmem_cache_boot, 0, sizeof(kmem_cache_boot));
	memset(&slab_lowmem, 0, sizeof(slab_lowmem));
	memset(&slab_stats, 0, sizeof(slab_stats));
	kmalloc_reset();
	slab_state = SLAB_DOWN;
	slab_debug_all = false;
	slab_debug_caches[0] = '\0';
	slab_fail_probability = 0;
	failslab_boot = 0;
	prng_shared_seed(&fail_prng, FAILSLAB_DEFAULT_SEED);
}

void slab_get_stats(struct slab_stats *st)
{
	*st = slab_stats;
	st->large_allocs = READ_ONCE(kmalloc_large_live);
}
