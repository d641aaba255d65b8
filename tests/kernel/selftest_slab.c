// SPDX-License-Identifier: MIT
/*
 * selftest=slab: the object allocator on the board, from task and timer
 * interrupt context. Every case leaves the allocator as it found it: once
 * its caches are shrunk, the same objects in use and the same free frames,
 * and slab_check() clean. The debug cases plant bugs on purpose
 * (ST_EXPECT_ERRORS) and check that each one is found.
 */
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/prng.h>
#include <linux/selftest.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "../../mm/slab.h"

#define DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

struct baseline {
	unsigned long frames, objects;
	struct slab_stats st;
};

static void settle(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
}

static void take_baseline(struct baseline *b)
{
	settle();
	b->frames = nr_free_pages();
	b->objects = slab_objects_in_use();
	slab_get_stats(&b->st);
}

static void expect_clean(struct selftest *t, const struct baseline *b)
{
	settle();
	ST_EXPECT_EQ(t, slab_objects_in_use(), b->objects);
	ST_EXPECT_EQ(t, nr_free_pages(), b->frames);
	ST_EXPECT_EQ(t, slab_check(), 0);
}

static struct slab_cache_info info_of(struct kmem_cache *c)
{
	struct slab_cache_info i;

	kmem_cache_get_info(c, &i);
	return i;
}

static bool arrays_on(struct kmem_cache *c)
{
	return info_of(c).limit != 0;
}

/* Every size up to 2 pages and each class boundary above, by class and ksize. */
static void kmalloc_classes(struct selftest *t)
{
	struct baseline b;
	size_t n, c;

	take_baseline(&b);
	for (n = 1; n <= 2 * PAGE_SIZE; n += (n < 300 ? 1 : 7)) {
		size_t want = n <= 8 ? 8 : n <= 64 ? 0 : n <= 96 ? 96 : n <= 128 ? 128 :
			      n <= 192 ? 192 : 0;
		u8 *p = kmalloc(n, GFP_KERNEL);

		ST_ASSERT(t, p != NULL);
		if (!want)
			for (want = 8; want < n; want <<= 1)
				;
		ST_EXPECT_EQ(t, ksize(p), want);
		p[0] = 1;
		p[n - 1] = 2;
		kfree(p);
	}
	for (c = 4 * PAGE_SIZE; c <= KMALLOC_MAX_CACHE_SIZE; c <<= 1) {
		u8 *p = kmalloc(c / 2 + 1, GFP_KERNEL), *q = kmalloc(c, GFP_KERNEL);

		ST_ASSERT(t, p && q);
		ST_EXPECT_EQ(t, ksize(p), c);
		ST_EXPECT_EQ(t, ksize(q), c);
		kfree(p);
		kfree(q);
	}
	ST_EXPECT(t, kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	ST_EXPECT(t, kcalloc((size_t)-1 / 2, 3, GFP_KERNEL) == NULL);
	expect_clean(t, &b);
}

static void krealloc_keeps_contents(struct selftest *t)
{
	struct baseline b;
	u8 *p, *q;
	size_t i;

	take_baseline(&b);
	p = kmalloc(24, GFP_KERNEL);
	ST_ASSERT(t, p != NULL);
	for (i = 0; i < 24; i++)
		p[i] = (u8)(i * 3);
	q = krealloc(p, 3000, GFP_KERNEL);		/* grow: moves */
	ST_ASSERT(t, q != NULL);
	for (i = 0; i < 24; i++)
		ST_EXPECT_EQ(t, q[i], (u8)(i * 3));
	for (i = 0; i < 3000; i++)
		q[i] = (u8)(i * 5);
	p = krealloc(q, 200, GFP_KERNEL);		/* shrink: stays */
	ST_EXPECT(t, p == q);
	for (i = 0; i < 200; i++)
		ST_EXPECT_EQ(t, p[i], (u8)(i * 5));
	q = krealloc(p, 200000, GFP_KERNEL);		/* into whole frames */
	ST_ASSERT(t, q != NULL);
	for (i = 0; i < 200; i++)
		ST_EXPECT_EQ(t, q[i], (u8)(i * 5));
	ST_EXPECT_EQ(t, ksize(q), 256 * 1024);
	ST_EXPECT(t, krealloc(q, 0, GFP_KERNEL) == ZERO_SIZE_PTR);
	expect_clean(t, &b);
}

static void large_kmalloc(struct selftest *t)
{
	struct baseline b;
	struct page *page;
	u32 *p;

	take_baseline(&b);
	p = kzalloc(KMALLOC_MAX_CACHE_SIZE * 3, GFP_KERNEL);
	ST_ASSERT(t, p != NULL);
	page = virt_to_page(p);
	ST_EXPECT(t, !PageSlab(page) && PageHead(page));
	ST_EXPECT_EQ(t, page_alloc_order(page), get_order(KMALLOC_MAX_CACHE_SIZE * 3));
	ST_EXPECT_EQ(t, p[0] | p[KMALLOC_MAX_CACHE_SIZE * 3 / 4 - 1], 0);
	drain_all_pages();
	ST_EXPECT(t, nr_free_pages() < b.frames);
	kfree(p);
	ST_EXPECT(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN) == NULL);
	expect_clean(t, &b);
}

static unsigned int ctor_calls, dtor_calls;

static void ctor(void *p)
{
	ctor_calls++;
	*(u32 *)p = 0xc0ffee;
}

static void dtor(void *p)
{
	if (*(u32 *)p == 0xc0ffee)
		dtor_calls++;
}

static void ctor_dtor(struct selftest *t)
{
	struct kmem_cache *c;
	struct baseline b;
	void *objs[32];
	unsigned int num, i, round;

	take_baseline(&b);
	ctor_calls = dtor_calls = 0;
	c = kmem_cache_create("selftest-ctor", 56, 0, 0, ctor, dtor);
	ST_ASSERT(t, c != NULL);
	num = info_of(c).objperslab;
	for (round = 0; round < 20; round++) {
		for (i = 0; i < ARRAY_SIZE(objs); i++) {
			objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
			ST_ASSERT(t, objs[i] != NULL);
			ST_EXPECT_EQ(t, *(u32 *)objs[i], 0xc0ffee);
		}
		for (i = 0; i < ARRAY_SIZE(objs); i++)
			kmem_cache_free(c, objs[i]);
	}
	/* once per object per slab, however often objects came and went */
	ST_EXPECT_EQ(t, ctor_calls, info_of(c).num_objs);
	ST_EXPECT(t, ctor_calls >= num);
	ST_EXPECT_EQ(t, dtor_calls, 0);
	kmem_cache_shrink(c);
	ST_EXPECT_EQ(t, dtor_calls, ctor_calls);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

/* Arrays off: each allocation moves one object; watch the lists and colours. */
static void lists_and_colours(struct selftest *t)
{
	struct kmem_cache *c;
	struct slab_cache_info in;
	struct baseline b;
	void **objs;
	unsigned int i, n, s;

	take_baseline(&b);
	c = kmem_cache_create("selftest-lists", 176, 0, 0, NULL, NULL);
	ST_ASSERT(t, c != NULL);
	ST_EXPECT_EQ(t, kmem_cache_set_tunables(c, 0, 0), 0);
	in = info_of(c);
	n = in.objperslab * (max(in.colour, 1u) + 1);
	objs = kmalloc_array(n, sizeof(void *), GFP_KERNEL);
	ST_ASSERT(t, objs != NULL);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		ST_ASSERT(t, objs[i] != NULL);
		if (i == 0) {
			in = info_of(c);
			ST_EXPECT_EQ(t, in.slabs[SLAB_LIST_PARTIAL], 1);
		}
	}
	in = info_of(c);
	ST_EXPECT_EQ(t, in.slabs[SLAB_LIST_FULL], n / in.objperslab);
	ST_EXPECT_EQ(t, in.slabs[SLAB_LIST_PARTIAL] + in.slabs[SLAB_LIST_FREE], 0);
	/* slab s starts at colour s mod colours, one cache line a step */
	for (s = 0; s < n / in.objperslab; s++) {
		unsigned long off = (unsigned long)objs[s * in.objperslab] & (PAGE_SIZE - 1);

		ST_EXPECT_EQ(t, off - c->mgmt_size - c->obj_offset,
			     (s % max(in.colour, 1u)) * in.colour_off);
	}
	kmem_cache_free(c, objs[0]);
	in = info_of(c);
	ST_EXPECT_EQ(t, in.slabs[SLAB_LIST_PARTIAL], 1);
	ST_EXPECT_EQ(t, slab_check(), 0);
	for (i = 1; i < n; i++)
		kmem_cache_free(c, objs[i]);
	in = info_of(c);
	ST_EXPECT_EQ(t, in.slabs[SLAB_LIST_FULL] + in.slabs[SLAB_LIST_PARTIAL], 0);
	ST_EXPECT(t, in.slabs[SLAB_LIST_FREE] >= 1);
	kfree(objs);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

static void percpu_batches(struct selftest *t)
{
	struct kmem_cache *c;
	struct baseline b;
	void *objs[6];
	unsigned int i;

	take_baseline(&b);
	c = kmem_cache_create("selftest-batch", 64, 0, 0, NULL, NULL);
	ST_ASSERT(t, c != NULL);
	if (kmem_cache_set_tunables(c, 4, 2) || !arrays_on(c)) {
		kmem_cache_destroy(c);
		ST_SKIP(t, "no per-CPU arrays (slab_debug or failslab)");
	}
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	ST_EXPECT_EQ(t, info_of(c).active_objs, 2);	/* a batch of 2 */
	ST_EXPECT_EQ(t, info_of(c).in_arrays, 1);
	for (i = 1; i < 6; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ST_EXPECT_EQ(t, info_of(c).active_objs, 6);
	for (i = 0; i < 4; i++)
		kmem_cache_free(c, objs[i]);
	ST_EXPECT_EQ(t, info_of(c).in_arrays, 4);
	kmem_cache_free(c, objs[4]);			/* full: 2 flushed */
	ST_EXPECT_EQ(t, info_of(c).in_arrays, 3);
	ST_EXPECT_EQ(t, info_of(c).active_objs, 4);
	ST_EXPECT(t, kmem_cache_alloc(c, GFP_KERNEL) == objs[4]);	/* LIFO */
	kmem_cache_free(c, objs[4]);
	kmem_cache_free(c, objs[5]);
	ST_EXPECT_EQ(t, slab_check(), 0);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

static void destroy_refuses_live(struct selftest *t)
{
	struct kmem_cache *c;
	struct baseline b;
	void *p;

	ST_EXPECT_ERRORS(t, "selftest-leak: Slab cache still has objects",
			 "selftest-leak: object");
	take_baseline(&b);
	c = kmem_cache_create("selftest-leak", 40, 0, SLAB_STORE_USER, NULL, NULL);
	ST_ASSERT(t, c != NULL);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), -EBUSY);
	ST_EXPECT(t, kmem_cache_find("selftest-leak") == c);
	ST_EXPECT(t, kmem_cache_create("selftest-leak", 40, 0, 0, NULL, NULL) == NULL);
	ST_EXPECT(t, kmem_cache_create("selftest-zero", 0, 0, 0, NULL, NULL) == NULL);
	kmem_cache_free(c, p);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

static void bad_frees(struct selftest *t)
{
	struct kmem_cache *c;
	struct slab_stats st;
	struct baseline b;
	struct page *page;
	u8 *obj, *big;

	ST_EXPECT_ERRORS(t, "not allocated by kmalloc", "not the start of a large kmalloc block",
			 "not allocated by kmalloc", "object of another cache");
	take_baseline(&b);
	page = alloc_page(GFP_KERNEL);
	ST_ASSERT(t, page != NULL);
	kfree(page_address(page));	/* a page, not kmalloc's */
	__free_page(page);
	big = kmalloc(300000, GFP_KERNEL);
	ST_ASSERT(t, big != NULL);
	kfree(big + 64);		/* inside a large block */
	kfree(big);
	kfree(big);			/* twice */
	c = kmem_cache_create("selftest-victim", 64, 0, 0, NULL, NULL);
	ST_ASSERT(t, c != NULL);
	obj = kmalloc(64, GFP_KERNEL);
	kmem_cache_free(c, obj);	/* wrong cache */
	kfree(obj);
	slab_get_stats(&st);
	ST_EXPECT_EQ(t, st.bad_frees - b.st.bad_frees, 4);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

/* Linux's SLUB KUnit cases on a debug cache; each bug found and quarantined. */
static void debug_detections(struct selftest *t)
{
	struct kmem_cache *c, *k;
	struct slab_stats st;
	struct baseline b;
	u8 *p, *q;

	ST_EXPECT_ERRORS(t, "Left Redzone overwritten", "Right Redzone overwritten",
			 "Poison overwritten", "Poison overwritten", "Object already free",
			 "not the start of an object", "kmalloc Redzone overwritten",
			 "selftest-debug: Slab cache still has objects", "selftest-debug: object");
	take_baseline(&b);
	c = kmem_cache_create("selftest-debug", 64, 0, DEBUG_FLAGS, NULL, NULL);
	k = kmem_cache_create("selftest-kmalloc32", 32, 0, DEBUG_FLAGS, NULL, NULL);
	ST_ASSERT(t, c && k);
	ST_EXPECT(t, !arrays_on(c));

	p = kmem_cache_alloc(c, GFP_KERNEL);		/* red zone before */
	p[-1] = 0x12;
	kmem_cache_free(c, p);
	p = kmem_cache_alloc(c, GFP_KERNEL);		/* red zone after */
	p[64] = 0x12;
	kmem_cache_free(c, p);
	p = kmem_cache_alloc(c, GFP_KERNEL);		/* write after free, first word */
	kmem_cache_free(c, p);
	p[0] = 0x12;
	q = kmem_cache_alloc(c, GFP_KERNEL);
	ST_EXPECT(t, q != p);
	kmem_cache_free(c, q);
	p = kmem_cache_alloc(c, GFP_KERNEL);		/* write after free, byte 50 */
	kmem_cache_free(c, p);
	p[50] = 0x12;
	q = kmem_cache_alloc(c, GFP_KERNEL);
	ST_EXPECT(t, q != p);
	kmem_cache_free(c, q);
	p = kmem_cache_alloc(c, GFP_KERNEL);		/* double free */
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	p = kmem_cache_alloc(c, GFP_KERNEL);		/* not the start of an object */
	kmem_cache_free(c, p + 8);
	kmem_cache_free(c, p);
	p = __kmalloc_cache_alloc(k, GFP_KERNEL, 18);	/* kmalloc(18) from 32 bytes */
	p[18] = 0xab;
	p[19] = 0xab;
	kfree(p);

	slab_get_stats(&st);
	ST_EXPECT_EQ(t, st.debug_errors - b.st.debug_errors, 7);
	ST_EXPECT_EQ(t, info_of(c).quarantined, 5);
	ST_EXPECT_EQ(t, info_of(k).quarantined, 1);
	ST_EXPECT_EQ(t, slab_check(), 0);

	p = kmem_cache_alloc(c, GFP_KERNEL);		/* destroy with a leaked object */
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), -EBUSY);
	kmem_cache_free(c, p);
	/* quarantined objects do not keep a cache alive */
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	ST_EXPECT_EQ(t, kmem_cache_destroy(k), 0);
	expect_clean(t, &b);
}

/* ---- from the timer interrupt ---------------------------------------------- */

#define IRQ_SLOTS	16

static struct {
	struct kmem_cache *cache;
	void *slot[IRQ_SLOTS];
	unsigned long runs, allocs, fails, bad;
	struct prng prng;
} irq_state;

static void irq_hook_fn(void *arg)
{
	unsigned int i;

	irq_state.runs++;
	for (i = 0; i < 4; i++) {
		unsigned int k = prng_below(&irq_state.prng, IRQ_SLOTS);
		u8 *p = irq_state.slot[k];

		if (p) {
			if (p[0] != (u8)k)
				irq_state.bad++;
			if (k & 1)
				kmem_cache_free(irq_state.cache, p);
			else
				kfree(p);
			irq_state.slot[k] = NULL;
			continue;
		}
		p = (k & 1) ? kmem_cache_alloc(irq_state.cache, GFP_ATOMIC) :
		    kmalloc(16 + prng_below(&irq_state.prng, 2000), GFP_ATOMIC);
		irq_state.allocs++;
		if (!p) {
			irq_state.fails++;
			continue;
		}
		p[0] = (u8)k;
		irq_state.slot[k] = p;
	}
}

static struct tick_hook irq_hook = { .fn = irq_hook_fn, .period = 1 };

static void alloc_from_timer_irq(struct selftest *t)
{
	unsigned long end, task_ops = 0, flags;
	struct baseline b;
	struct prng r;
	unsigned int i;

	take_baseline(&b);
	memset(&irq_state, 0, sizeof(irq_state));
	prng_seed(&irq_state.prng, 1);
	prng_seed(&r, 2);
	irq_state.cache = kmem_cache_create("selftest-irq", 48, 0, 0, NULL, NULL);
	ST_ASSERT(t, irq_state.cache != NULL);
	tick_hook_register(&irq_hook);
	/* the task allocates from the same caches while the tick does */
	end = jiffies + 10 * tick_hz / 100 + 5;
	while (time_before(jiffies, end)) {
		void *p[8];

		for (i = 0; i < ARRAY_SIZE(p); i++) {
			p[i] = (i & 1) ? kmem_cache_alloc(irq_state.cache, GFP_KERNEL) :
			       kmalloc(16 + prng_below(&r, 2000), GFP_KERNEL);
			if (p[i])
				memset(p[i], 0x5a, 16);
		}
		for (i = 0; i < ARRAY_SIZE(p); i++) {
			if (i & 1)
				kmem_cache_free(irq_state.cache, p[i]);
			else
				kfree(p[i]);
		}
		task_ops++;
	}
	tick_hook_unregister(&irq_hook);
	local_irq_save(flags);
	for (i = 0; i < IRQ_SLOTS; i++) {
		if (!irq_state.slot[i])
			continue;
		if (i & 1)
			kmem_cache_free(irq_state.cache, irq_state.slot[i]);
		else
			kfree(irq_state.slot[i]);
	}
	local_irq_restore(flags);
	ST_EXPECT(t, irq_state.runs >= 5);
	ST_EXPECT(t, irq_state.allocs >= 10);
	ST_EXPECT_EQ(t, irq_state.fails, 0);
	ST_EXPECT_EQ(t, irq_state.bad, 0);
	ST_EXPECT(t, task_ops > 0);
	ST_EXPECT_EQ(t, kmem_cache_destroy(irq_state.cache), 0);
	expect_clean(t, &b);
}

static void reap_and_reclaim(struct selftest *t)
{
	struct kmem_cache *c;
	struct baseline b;
	void *objs[64];
	unsigned int i, pass;

	take_baseline(&b);
	c = kmem_cache_create("selftest-reap", 1000, 0, 0, NULL, NULL);
	ST_ASSERT(t, c != NULL);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(c, objs[i]);
	ST_EXPECT(t, info_of(c).num_objs > 0);
	/* the reaper gives back a fifth of the free slabs a pass ... */
	for (pass = 0; pass < 40 && info_of(c).num_objs; pass++)
		slab_reap();
	ST_EXPECT_EQ(t, info_of(c).num_objs, 0);
	ST_EXPECT(t, pass > 1 || !arrays_on(c));	/* without arrays, frees trim */
	/* ... the buddy allocator's hook all of them at once */
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(c, objs[i]);
	ST_EXPECT(t, slab_reclaim(~0u, GFP_KERNEL) > 0);
	ST_EXPECT_EQ(t, info_of(c).num_objs, 0);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

static void failslab_no_leaks(struct selftest *t)
{
	unsigned int old = slab_fail_probability, i, fails = 0;
	struct kmem_cache *c;
	struct baseline b;
	void *slot[64] = { NULL };
	struct prng r;

	take_baseline(&b);
	c = kmem_cache_create("selftest-failslab", 200, 0, 0, NULL, NULL);
	ST_ASSERT(t, c != NULL);
	slab_set_fail_probability(25, 5);
	prng_seed(&r, 9);
	for (i = 0; i < 2000; i++) {
		unsigned int k = prng_below(&r, ARRAY_SIZE(slot));

		if (slot[k]) {
			if (k & 1)
				kmem_cache_free(c, slot[k]);
			else
				kfree(slot[k]);
			slot[k] = NULL;
		} else {
			slot[k] = (k & 1) ? kmem_cache_alloc(c, GFP_KERNEL | __GFP_NOWARN) :
				  kmalloc(1 + prng_below(&r, 9000), GFP_KERNEL | __GFP_NOWARN);
			fails += !slot[k];
		}
	}
	slab_set_fail_probability(old, 5);
	for (i = 0; i < ARRAY_SIZE(slot); i++) {
		if (slot[i] && (i & 1))
			kmem_cache_free(c, slot[i]);
		else
			kfree(slot[i]);
	}
	ST_EXPECT(t, fails > 0);
	ST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	expect_clean(t, &b);
}

static const struct selftest_case slab_cases[] = {
	{ "kmalloc_classes", kmalloc_classes },
	{ "krealloc_keeps_contents", krealloc_keeps_contents },
	{ "large_kmalloc", large_kmalloc },
	{ "ctor_dtor", ctor_dtor },
	{ "lists_and_colours", lists_and_colours },
	{ "percpu_batches", percpu_batches },
	{ "destroy_refuses_live", destroy_refuses_live },
	{ "bad_frees", bad_frees },
	{ "debug_detections", debug_detections },
	{ "alloc_from_timer_irq", alloc_from_timer_irq },
	{ "reap_and_reclaim", reap_and_reclaim },
	{ "failslab_no_leaks", failslab_no_leaks },
};

SELFTEST_SUITE(slab_suite, "slab", slab_cases);
