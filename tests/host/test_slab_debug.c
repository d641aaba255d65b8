// SPDX-License-Identifier: MIT
/*
 * Host tests of the slab allocator, continued (see test_slab.c): caches
 * destroyed with live objects, the bugs of Linux's SLUB KUnit tests planted
 * under slab_debug, allocation with interrupts off, fault injection, the
 * reports, and corruption that slab_check() must find.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/prng.h>
#include <linux/slab.h>

#include "../../mm/slab.h"
#include "host_log.h"
#include "slab_harness.h"
#include "slab_tests.h"

/* ---- destroy with live objects ---------------------------------------------- */

static noinline void *leak_one(struct kmem_cache *c)
{
	return kmem_cache_alloc(c, GFP_KERNEL);
}

void test_destroy_reports_live_objects(void **state)
{
	struct kmem_cache *c, *t;
	void *a, *b, *d;
	char line[64];

	(void)state;
	boot();
	c = kmem_cache_create("leaky", 40, 0, 0, NULL, NULL);
	a = leak_one(c);
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	assert_true(host_log_contains("Slab cache still has objects: 1 in use"));
	snprintf(line, sizeof(line), "object %#lx in use", (unsigned long)a);
	assert_true(host_log_contains(line));
	assert_true(host_log_contains("caller not recorded"));
	/* the cache stays usable */
	kmem_cache_free(c, a);
	check();
	assert_int_equal(kmem_cache_destroy(c), 0);

	/* with caller tracking: each object with who allocated it */
	host_log_reset();
	t = kmem_cache_create("tracked", 40, 0, SLAB_STORE_USER, NULL, NULL);
	a = leak_one(t);
	b = leak_one(t);
	d = kmem_cache_alloc(t, GFP_KERNEL);
	kmem_cache_free(t, d);
	assert_int_equal(kmem_cache_destroy(t), -EBUSY);
	assert_true(host_log_contains("Slab cache still has objects: 2 in use"));
	snprintf(line, sizeof(line), "object %#lx in use, 40 bytes, allocated by 0x",
		 (unsigned long)a);
	assert_true(host_log_contains(line));
	snprintf(line, sizeof(line), "object %#lx in use", (unsigned long)b);
	assert_true(host_log_contains(line));
	snprintf(line, sizeof(line), "object %#lx in use", (unsigned long)d);
	assert_false(host_log_contains(line));
	kmem_cache_free(t, a);
	kmem_cache_free(t, b);
	assert_int_equal(kmem_cache_destroy(t), 0);
	check();
}

/* ---- debug: planted bugs (Linux's SLUB KUnit cases) ------------------------- */

static struct kmem_cache *debug_cache(const char *name, size_t size)
{
	struct kmem_cache *c = kmem_cache_create(name, size, 0, DEBUG_FLAGS, NULL, NULL);

	assert_non_null(c);
	assert_true(info_of(c).flags & CFLGS_DEBUG);
	assert_int_equal(info_of(c).limit, 0);	/* no arrays */
	return c;
}

/* One finding reported, the object quarantined, everything else consistent. */
static void expect_finding(const char *what, long offset)
{
	char at[48];

	assert_true(host_log_contains(what));
	if (offset != LONG_MIN) {
		snprintf(at, sizeof(at), "offset %ld (", offset);
		assert_true(host_log_contains(at));
	}
	assert_true(host_log_errors() >= 1);
	check();
}

void test_debug_clobber_redzone_left(void **state)
{
	struct kmem_cache *c;
	unsigned char *p;

	(void)state;
	boot();
	c = debug_cache("TestRZ_left", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[-1] = 0x12;
	kmem_cache_free(c, p);
	expect_finding("BUG TestRZ_left: Left Redzone overwritten", -1);
	assert_true(host_log_contains("object quarantined"));
	assert_int_equal(info_of(c).quarantined, 1);
	assert_int_equal(stats().debug_errors, 1);
	/* a quarantined object is never handed out again */
	assert_ptr_not_equal(kmem_cache_alloc(c, GFP_KERNEL), p);
	assert_int_equal(slab_objects_in_use() > 0, 1);
}

void test_debug_clobber_redzone_right(void **state)
{
	struct kmem_cache *c;
	unsigned char *p;
	unsigned long live;

	(void)state;
	boot();
	c = debug_cache("TestRZ_right", 64);
	live = slab_objects_in_use();
	p = kmem_cache_alloc(c, GFP_KERNEL);
	p[64] = 0x12;
	/* found by validation while allocated (SLUB's test_clobber_zone) ... */
	check();
	expect_finding("Right Redzone overwritten", 64);
	assert_int_equal(stats().debug_errors, 1);
	check();	/* ... once */
	assert_int_equal(stats().debug_errors, 1);
	/* ... and again when freed, which quarantines it */
	kmem_cache_free(c, p);
	assert_int_equal(stats().debug_errors, 2);
	assert_int_equal(info_of(c).quarantined, 1);
	/* quarantined objects are not leaks, and do not block destroy */
	assert_int_equal(slab_objects_in_use(), live);
	assert_int_equal(kmem_cache_destroy(c), 0);
	assert_true(host_log_contains("releasing 1 quarantined objects"));
	check();
}

void test_debug_clobber_redzone_free(void **state)
{
	struct kmem_cache *c;
	unsigned char *p;

	(void)state;
	boot();
	c = debug_cache("TestRZ_free", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	p[64] = 0xab;
	check();
	expect_finding("Right Redzone overwritten", 64);
	assert_int_equal(info_of(c).quarantined, 1);
	assert_int_equal(kmem_cache_destroy(c), 0);
}

static void write_after_free(unsigned int offset)
{
	struct kmem_cache *c;
	unsigned char *p, *q;

	boot();
	c = debug_cache("TestPoison", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	p[offset] = 0x12;
	/* the next allocation checks the poison and skips the object */
	q = kmem_cache_alloc(c, GFP_KERNEL);
	assert_non_null(q);
	assert_ptr_not_equal(q, p);
	expect_finding("Poison overwritten (write after free)", offset);
	assert_true(host_log_contains("0x12 instead of 0x6b"));
	assert_int_equal(info_of(c).quarantined, 1);
	kmem_cache_free(c, q);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

void test_debug_write_after_free_first_word(void **state)
{
	(void)state;
	write_after_free(0);
}

void test_debug_write_after_free_byte50(void **state)
{
	(void)state;
	write_after_free(50);
}

void test_debug_kmalloc_redzone(void **state)
{
	struct slab_harness_cfg cfg = { .debug_all = true };
	unsigned char *p;
	size_t i;

	(void)state;
	boot_cfg(&cfg);
	assert_true(info_of(kmalloc_caches[5]).flags & CFLGS_DEBUG);
	p = kmalloc(18, GFP_KERNEL);
	assert_int_equal(ksize(p), 32);		/* widens: no finding */
	kfree(p);
	assert_int_equal(stats().debug_errors, 0);
	p = kmalloc(18, GFP_KERNEL);
	for (i = 0; i < 18; i++)
		p[i] = 1;
	p[18] = 0xab;
	p[19] = 0xab;
	kfree(p);
	expect_finding("BUG kmalloc-32: kmalloc Redzone overwritten", 18);
	assert_int_equal(info_of(kmalloc_caches[5]).quarantined, 1);
	/* kzalloc zeroes what was asked for, and the red zone holds */
	p = kzalloc(18, GFP_KERNEL);
	for (i = 0; i < 18; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	assert_int_equal(stats().debug_errors, 1);
	/* krealloc shrinking in place moves the red zone down */
	p = kmalloc(30, GFP_KERNEL);
	p = krealloc(p, 10, GFP_KERNEL);
	p[12] = 0;
	kfree(p);
	assert_int_equal(stats().debug_errors, 2);
	check();
}

void test_debug_double_free(void **state)
{
	struct kmem_cache *c;
	void *p;

	(void)state;
	boot();
	c = debug_cache("TestDouble", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p);
	kmem_cache_free(c, p);
	expect_finding("Object already free (double free)", LONG_MIN);
	assert_int_equal(info_of(c).quarantined, 1);
	/* and a third time: it is quarantined by now */
	kmem_cache_free(c, p);
	assert_true(host_log_contains("free of a quarantined object"));
	assert_ptr_not_equal(kmem_cache_alloc(c, GFP_KERNEL), p);
	check();
}

void test_debug_interior_pointer(void **state)
{
	struct kmem_cache *c;
	char *p;

	(void)state;
	boot();
	c = debug_cache("TestInterior", 64);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, p + 8);
	assert_true(host_log_contains("not the start of an object (offset 8 into object"));
	assert_int_equal(stats().bad_frees, 1);
	assert_int_equal(info_of(c).quarantined, 0);	/* the object is someone's */
	kmem_cache_free(c, p);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

void test_debug_tracks_callers(void **state)
{
	struct kmem_cache *c;
	struct slab_obj_meta *m;
	unsigned char *p;

	(void)state;
	boot();
	c = debug_cache("TestTrack", 64);
	p = leak_one(c);
	m = slab_meta(c, p - c->obj_offset);
	assert_int_equal(m->state, SLAB_OBJ_ALLOCATED);
	assert_true(m->alloc.caller != 0);
	assert_int_equal(m->free.caller, 0);
	kmem_cache_free(c, p);
	assert_int_equal(m->state, SLAB_OBJ_FREE);
	assert_true(m->free.caller != 0);
	/* free objects are poisoned, last byte 0xa5, red zones inactive */
	assert_int_equal(p[0], POISON_FREE);
	assert_int_equal(p[62], POISON_FREE);
	assert_int_equal(p[63], POISON_END);
	assert_int_equal(p[64], SLAB_RED_INACTIVE);
	assert_int_equal(p[-1], SLAB_RED_INACTIVE);
	check();
}

void test_debug_destroy_with_leak(void **state)
{
	struct slab_harness_cfg cfg = { .debug_all = true };
	struct kmem_cache *c;
	char line[80];
	void *p;

	(void)state;
	boot_cfg(&cfg);
	c = kmem_cache_create("TestLeak", 64, 0, 0, NULL, NULL);	/* debug by bootarg */
	p = leak_one(c);
	assert_int_equal(kmem_cache_destroy(c), -EBUSY);
	snprintf(line, sizeof(line), "TestLeak: object %#lx in use, 64 bytes, allocated by",
		 (unsigned long)p);
	assert_true(host_log_contains(line));
	kmem_cache_free(c, p);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

void test_debug_caches_list(void **state)
{
	struct slab_harness_cfg cfg = { .debug_all = true, .debug_caches = "kmalloc-32,only" };
	struct kmem_cache *a, *b;

	(void)state;
	boot_cfg(&cfg);
	assert_true(info_of(kmalloc_caches[5]).flags & CFLGS_DEBUG);
	assert_false(info_of(kmalloc_caches[6]).flags & CFLGS_DEBUG);
	a = kmem_cache_create("only", 40, 0, 0, NULL, NULL);
	b = kmem_cache_create("other", 40, 0, 0, NULL, NULL);
	assert_true(info_of(a).flags & CFLGS_DEBUG);
	assert_false(info_of(b).flags & CFLGS_DEBUG);
	/* a constructor turns poison off (it would undo the construction) */
	assert_int_equal(kmem_cache_destroy(a), 0);
	a = kmem_cache_create("only", 40, 0, 0, obj_ctor, NULL);
	assert_false(info_of(a).flags & SLAB_POISON);
	assert_true(info_of(a).flags & SLAB_RED_ZONE);
	check();
}

/* ---- interrupts, fault injection, reports ----------------------------------- */

void test_irqs_off_atomic(void **state)
{
	unsigned long flags;
	void *p;

	(void)state;
	boot();
	/* as from an interrupt handler: irqs off, GFP_ATOMIC, growth included */
	local_irq_save(flags);
	p = kmalloc(3000, GFP_ATOMIC);
	assert_non_null(p);
	assert_true(irqs_disabled());
	kfree(p);
	assert_true(irqs_disabled());
	local_irq_restore(flags);
	assert_false(irqs_disabled());
	check();
}

void test_failslab_no_leaks(void **state)
{
	struct kmem_cache *c;
	void *objs[256] = { NULL };
	unsigned long pages, objs_before;
	unsigned int i, fails = 0;
	struct prng r;

	(void)state;
	boot();
	c = kmem_cache_create("faulty", 100, 0, 0, obj_ctor, NULL);
	kmem_cache_shrink_all();
	pages = slab_harness_free_pages();
	objs_before = slab_objects_in_use();
	slab_set_fail_probability(30, 7);
	assert_int_equal(info_of(c).limit, 0);		/* arrays off meanwhile */
	prng_seed(&r, 3);
	for (i = 0; i < 5000; i++) {
		unsigned int k = prng_below(&r, 256);

		if (objs[k]) {
			if (k & 1)
				kmem_cache_free(c, objs[k]);
			else
				kfree(objs[k]);
			objs[k] = NULL;
		} else {
			objs[k] = (k & 1) ? kmem_cache_alloc(c, GFP_KERNEL) :
				  kmalloc(1 + prng_below(&r, 5000), GFP_KERNEL);
			fails += !objs[k];
		}
		if (i % 64 == 0)
			check();
	}
	assert_true(fails > 0);
	/* a failed slab growth may have had its descriptor injected too */
	assert_true(stats().injected >= fails);
	assert_true(stats().alloc_failures >= fails);
	slab_set_fail_probability(0, 0);
	assert_true(info_of(c).limit > 0);
	for (i = 0; i < 256; i++) {
		if (objs[i] && (i & 1))
			kmem_cache_free(c, objs[i]);
		else
			kfree(objs[i]);
	}
	kmem_cache_shrink_all();
	assert_int_equal(slab_objects_in_use(), objs_before);
	assert_int_equal(slab_harness_free_pages(), pages);
	assert_int_equal(kmem_cache_destroy(c), 0);
	check();
}

void test_reports(void **state)
{
	void *p;

	(void)state;
	boot();
	p = kmalloc(64, GFP_KERNEL);
	slab_show_slabinfo();
	assert_true(host_log_contains("slabinfo - version: 2.1"));
	assert_true(host_log_contains("# name            <active_objs> <num_objs> <objsize> "
				      "<objperslab> <pagesperslab> : tunables <limit> "
				      "<batchcount> <sharedfactor> : slabdata <active_slabs> "
				      "<num_slabs> <sharedavail>"));
	assert_true(host_log_contains("kmalloc-64  "));
	host_log_reset();
	slab_report();
	assert_true(host_log_contains("@slab cache=kmalloc-64 active="));
	assert_true(host_log_contains(" size=64 perslab="));
	assert_true(host_log_contains("@slab cache=kmem_cache "));
	assert_true(host_log_contains("@slab cache=kmalloc-131072 active=0 total=0 "));
	kfree(p);
	check();
}

void test_check_catches_corruption(void **state)
{
	struct kmem_cache *c;
	slab_bufctl_t saved;
	struct slab *s;
	void *p;

	(void)state;
	boot();
	c = kmem_cache_create("corrupt", 64, 0, 0, NULL, NULL);
	assert_int_equal(kmem_cache_set_tunables(c, 4, 2), 0);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	c->active_objs++;
	assert_int_equal(slab_check(), -EFAULT);
	c->active_objs--;
	s = slab_of(p);
	saved = s->bufctl[s->free];
	s->bufctl[s->free] = s->free;			/* a loop in the chain */
	assert_int_equal(slab_check(), -EFAULT);
	assert_true(host_log_contains("free chain broken"));
	s->bufctl[s->free] = saved;
	*c->array[0]->top++ = p;			/* a double free ... */
	*c->array[0]->top++ = p;			/* ... that reached the array */
	assert_int_equal(slab_check(), -EFAULT);
	assert_true(host_log_contains("twice (double free)"));
	c->array[0]->top -= 2;
	host_log_reset();
	check();
	kmem_cache_free(c, p);
	assert_int_equal(kmem_cache_destroy(c), 0);
}
