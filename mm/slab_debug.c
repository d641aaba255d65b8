// SPDX-License-Identifier: MIT
/*
 * Slab debugging (SLAB_RED_ZONE, SLAB_POISON, SLAB_STORE_USER; the
 * slab_debug bootarg turns all three on for every cache).
 *
 *   red zones   bytes before and after each object hold SLAB_RED_ACTIVE
 *               while it is allocated, SLAB_RED_INACTIVE while it is free;
 *               for an allocation of n < object_size bytes (kmalloc) the
 *               bytes from n on are red zone too. Checked on free (and on
 *               allocation, and by slab_check).
 *   poison      a free object holds POISON_FREE with POISON_END in its last
 *               byte; checked when it is handed out again, so a write after
 *               free shows up with the offset of the first changed byte.
 *               Caches with a constructor are not poisoned.
 *   tracking    each object records its last allocation and free (caller,
 *               jiffies, CPU) and its state, which makes double frees and
 *               frees of pointers into the middle of an object certain.
 *
 * Debug caches have no per-CPU arrays: every allocation and free goes
 * through here under the cache lock, so each check sees the object at the
 * moment it changes hands. A finding is printed with the cache, the object,
 * the offset of the first bad byte and the callers, and the object is
 * quarantined: taken out of circulation for good (its slab can go back to
 * the buddy allocator only when the cache is destroyed). Quarantined
 * objects are not live objects: they do not count as leaks and do not keep
 * a cache from being destroyed.
 */
#define pr_fmt(fmt) "slab: " fmt

#include <stdio.h>
#include <string.h>

#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <asm/smp.h>

#include "slab.h"

#define SYM_LEN		(KSYM_NAME_LEN + 32)

static bool name_in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	while (*list) {
		size_t len = strcspn(list, ",");

		if (len == n && !strncmp(list, name, n))
			return true;
		list += len;
		if (*list == ',')
			list++;
	}
	return false;
}

unsigned long slab_debug_flags_for(const char *name)
{
	if (!slab_debug_all)
		return 0;
	if (slab_debug_caches[0] && !name_in_list(slab_debug_caches, name))
		return 0;
	return SLAB_DEBUG_FLAGS;
}

unsigned int slab_debug_layout(struct kmem_cache *c, unsigned int object_size)
{
	unsigned int end;

	c->obj_offset = 0;
	if (c->flags & SLAB_RED_ZONE)
		c->obj_offset = (unsigned int)ALIGN(SLAB_REDZONE_MIN, c->align);
	end = c->obj_offset + object_size;
	if (c->flags & SLAB_RED_ZONE)
		end += SLAB_REDZONE_MIN;
	c->meta_offset = (unsigned int)ALIGN(end, sizeof(u64));
	return (unsigned int)ALIGN(c->meta_offset + sizeof(struct slab_obj_meta),
				   (size_t)c->align);
}

static unsigned char *obj_of(const struct kmem_cache *c, void *buf)
{
	return (unsigned char *)buf + c->obj_offset;
}

/* Index of the first byte of [p, p + n) that is not v, or -1. */
static long first_mismatch(const unsigned char *p, size_t n, unsigned char v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != v)
			return (long)i;
	return -1;
}

static void poison_object(const struct kmem_cache *c, void *buf)
{
	unsigned char *o = obj_of(c, buf);

	memset(o, POISON_FREE, c->object_size - 1);
	o[c->object_size - 1] = POISON_END;
}

/* Both red zones (from `from` bytes into the object on the right) to v. */
static void set_redzones(const struct kmem_cache *c, void *buf, size_t from,
			 unsigned char v)
{
	unsigned char *o = obj_of(c, buf);

	if (!(c->flags & SLAB_RED_ZONE))
		return;
	memset(buf, v, c->obj_offset);
	memset(o + from, v, c->meta_offset - c->obj_offset - from);
}

static void track(struct slab_track *t, unsigned long caller)
{
	t->caller = caller;
	t->when = jiffies;
	t->cpu = smp_processor_id();
}

static void track_str(char *buf, size_t len, const struct slab_track *t)
{
	char sym[SYM_LEN];

	if (!t->caller) {
		snprintf(buf, len, "-");
		return;
	}
	sprint_symbol(sym, sizeof(sym), t->caller);
	snprintf(buf, len, "%s cpu %u jiffies %lu", sym, t->cpu, t->when);
}

/* A bad byte in an object's buffer, or a bad state (offset ignored). */
struct finding {
	const char *what;
	long offset;		/* from the object's first byte */
	int got, want;		/* the byte, or -1 */
};

static void report(struct kmem_cache *c, void *buf, const struct finding *f,
		   unsigned long caller, const char *outcome)
{
	struct slab_obj_meta *m = slab_meta(c, buf);
	char a[SYM_LEN + 40], fr[SYM_LEN + 40], by[SYM_LEN], at[64] = "";

	__atomic_fetch_add(&slab_stats.debug_errors, 1, __ATOMIC_RELAXED);
	track_str(a, sizeof(a), &m->alloc);
	track_str(fr, sizeof(fr), &m->free);
	if (caller)
		sprint_symbol(by, sizeof(by), caller);
	else
		snprintf(by, sizeof(by), "slab_check");
	if (f->got >= 0)
		snprintf(at, sizeof(at), " offset %ld (0x%02x instead of 0x%02x)",
			 f->offset, f->got, f->want);
	pr_err("BUG %s: %s: object %#lx%s; last alloc %s; last free %s; found by %s; %s\n",
	       c->name, f->what, (unsigned long)obj_of(c, buf), at, a, fr, by, outcome);
}

/*
 * Red zones against v (the right one from `from` bytes into the object).
 * Fills f and returns true at the first bad byte.
 */
static bool redzones_bad(const struct kmem_cache *c, void *buf, size_t from,
			 unsigned char v, struct finding *f)
{
	unsigned char *o = obj_of(c, buf);
	long i;

	if (!(c->flags & SLAB_RED_ZONE))
		return false;
	i = first_mismatch(buf, c->obj_offset, v);
	if (i >= 0) {
		f->what = "Left Redzone overwritten";
		f->offset = i - (long)c->obj_offset;
		f->got = ((unsigned char *)buf)[i];
		f->want = v;
		return true;
	}
	i = first_mismatch(o + from, c->meta_offset - c->obj_offset - from, v);
	if (i >= 0) {
		f->offset = (long)from + i;
		f->what = f->offset < (long)c->object_size ?
			  "kmalloc Redzone overwritten" : "Right Redzone overwritten";
		f->got = o[f->offset];
		f->want = v;
		return true;
	}
	return false;
}

static bool poison_bad(const struct kmem_cache *c, void *buf, struct finding *f)
{
	unsigned char *o = obj_of(c, buf);
	long i;

	if (!(c->flags & SLAB_POISON))
		return false;
	i = first_mismatch(o, c->object_size - 1, POISON_FREE);
	if (i < 0 && o[c->object_size - 1] != POISON_END)
		i = c->object_size - 1;
	if (i < 0)
		return false;
	f->what = "Poison overwritten (write after free)";
	f->offset = i;
	f->got = o[i];
	f->want = i == (long)c->object_size - 1 ? POISON_END : POISON_FREE;
	return true;
}

/* The checks a free object must pass. */
static bool free_object_bad(const struct kmem_cache *c, void *buf,
			    struct finding *f)
{
	return redzones_bad(c, buf, c->object_size, SLAB_RED_INACTIVE, f) ||
	       poison_bad(c, buf, f);
}

void slab_debug_init_object(struct kmem_cache *c, void *buf)
{
	struct slab_obj_meta *m = slab_meta(c, buf);

	memset(m, 0, sizeof(*m));
	m->state = SLAB_OBJ_FREE;
	m->orig_size = c->object_size;
	set_redzones(c, buf, c->object_size, SLAB_RED_INACTIVE);
	if (c->flags & SLAB_POISON)
		poison_object(c, buf);
}

static void quarantine_allocated(struct kmem_cache *c, struct slab *s,
				 struct slab_obj_meta *m)
{
	s->inuse--;
	c->active_objs--;
	s->quarantined++;
	c->quarantined++;
	m->state = SLAB_OBJ_QUARANTINED;
	__atomic_fetch_add(&slab_stats.quarantined, 1, __ATOMIC_RELAXED);
}

/* Take free object idx off the chain of s and out of circulation. */
static void quarantine_free(struct kmem_cache *c, struct slab *s,
			    unsigned int idx, struct slab_obj_meta *m)
{
	unsigned int i, steps = 0;

	if (s->free == idx) {
		s->free = s->bufctl[idx];
	} else {
		for (i = s->free; i != BUFCTL_END && steps++ < c->num; i = s->bufctl[i]) {
			if (s->bufctl[i] == idx) {
				s->bufctl[i] = s->bufctl[idx];
				break;
			}
		}
	}
	c->free_objs--;
	s->quarantined++;
	c->quarantined++;
	m->state = SLAB_OBJ_QUARANTINED;
	__atomic_fetch_add(&slab_stats.quarantined, 1, __ATOMIC_RELAXED);
}

bool slab_debug_alloc(struct kmem_cache *c, struct slab *s, unsigned int idx,
		      size_t orig_size, unsigned long caller)
{
	void *buf = slab_buffer(c, s, idx);
	struct slab_obj_meta *m = slab_meta(c, buf);
	struct finding f = { "free list holds an object that is not free", 0, -1, -1 };

	if (m->state != SLAB_OBJ_FREE || free_object_bad(c, buf, &f)) {
		report(c, buf, &f, caller, "object quarantined");
		quarantine_allocated(c, s, m);
		return false;
	}
	m->state = SLAB_OBJ_ALLOCATED;
	m->orig_size = (unsigned int)orig_size;
	m->reported = 0;
	track(&m->alloc, caller);
	set_redzones(c, buf, orig_size, SLAB_RED_ACTIVE);
	return true;
}

void slab_debug_free(struct kmem_cache *c, void *obj, unsigned long caller)
{
	struct finding f = { NULL, 0, -1, -1 };
	struct slab_obj_meta *m;
	unsigned int idx = 0;
	struct slab *s;
	long delta;
	void *buf;

	s = slab_find(c, obj, &idx, &delta);
	if (!s) {
		char why[96];

		if (delta < 0)
			snprintf(why, sizeof(why),
				 "not the start of an object (%ld bytes before the first)",
				 -delta);
		else
			snprintf(why, sizeof(why),
				 "not the start of an object (offset %ld into object %u)",
				 delta, idx);
		__atomic_fetch_add(&slab_stats.debug_errors, 1, __ATOMIC_RELAXED);
		slab_bad_free(c, obj, why, caller);
		return;
	}
	buf = slab_buffer(c, s, idx);
	m = slab_meta(c, buf);
	switch (m->state) {
	case SLAB_OBJ_ALLOCATED:
		break;
	case SLAB_OBJ_FREE:
		f.what = "Object already free (double free)";
		report(c, buf, &f, caller, "object quarantined");
		quarantine_free(c, s, idx, m);
		slab_fix_list(c, s);
		return;
	case SLAB_OBJ_QUARANTINED:
		f.what = "free of a quarantined object";
		report(c, buf, &f, caller, "free refused");
		return;
	default:
		f.what = "object state overwritten";
		report(c, buf, &f, caller, "object quarantined");
		quarantine_allocated(c, s, m);
		slab_fix_list(c, s);
		return;
	}
	if (redzones_bad(c, buf, min((size_t)m->orig_size, (size_t)c->object_size),
			 SLAB_RED_ACTIVE, &f)) {
		report(c, buf, &f, caller, "object quarantined");
		quarantine_allocated(c, s, m);
		slab_fix_list(c, s);
		return;
	}
	track(&m->free, caller);
	m->state = SLAB_OBJ_FREE;
	set_redzones(c, buf, c->object_size, SLAB_RED_INACTIVE);
	if (c->flags & SLAB_POISON)
		poison_object(c, buf);
	s->bufctl[idx] = s->free;
	s->free = (slab_bufctl_t)idx;
	s->inuse--;
	c->active_objs--;
	c->free_objs++;
	slab_fix_list(c, s);
}

unsigned int slab_debug_check_slab(struct kmem_cache *c, struct slab *s,
				   unsigned long *free_map)
{
	unsigned int idx, bad = 0, quarantined = 0;

	for (idx = 0; idx < c->num; idx++) {
		void *buf = slab_buffer(c, s, idx);
		struct slab_obj_meta *m = slab_meta(c, buf);
		bool on_chain = slab_map_test(free_map, idx);
		struct finding f = { NULL, 0, -1, -1 };

		if (on_chain != (m->state == SLAB_OBJ_FREE)) {
			bad++;
			pr_err("slab_check: %s: object %#lx state %#x but %s the free chain\n",
			       c->name, (unsigned long)obj_of(c, buf), m->state,
			       on_chain ? "on" : "not on");
			continue;
		}
		switch (m->state) {
		case SLAB_OBJ_FREE:
			if (!free_object_bad(c, buf, &f))
				break;
			report(c, buf, &f, 0, "object quarantined");
			quarantine_free(c, s, idx, m);
			free_map[idx / (8 * sizeof(long))] &= ~(1UL << (idx % (8 * sizeof(long))));
			quarantined++;
			break;
		case SLAB_OBJ_ALLOCATED:
			if (m->reported ||
			    !redzones_bad(c, buf, min((size_t)m->orig_size,
						      (size_t)c->object_size),
					  SLAB_RED_ACTIVE, &f))
				break;
			m->reported = 1;
			report(c, buf, &f, 0, "object will be quarantined when freed");
			break;
		case SLAB_OBJ_QUARANTINED:
			quarantined++;
			break;
		default:
			if (!m->reported) {
				f.what = "object state overwritten";
				report(c, buf, &f, 0, "object left alone");
				m->reported = 1;
			}
			break;
		}
	}
	if (quarantined != s->quarantined) {
		bad++;
		pr_err("slab_check: %s: slab %#lx counts %u quarantined objects, %u are\n",
		       c->name, (unsigned long)s->s_mem, s->quarantined, quarantined);
	}
	return bad;
}

void slab_debug_release(struct kmem_cache *c, struct slab *s)
{
	unsigned int idx;

	for (idx = 0; idx < c->num; idx++) {
		void *buf = slab_buffer(c, s, idx);
		struct finding f = { NULL, 0, -1, -1 };

		if (slab_meta(c, buf)->state == SLAB_OBJ_FREE &&
		    free_object_bad(c, buf, &f))
			report(c, buf, &f, 0, "found as its slab was released");
	}
}

void slab_debug_widen(struct kmem_cache *c, void *obj, size_t new_size)
{
	struct finding f = { NULL, 0, -1, -1 };
	struct slab_obj_meta *m;
	unsigned long flags;
	unsigned int idx;
	struct slab *s;
	long delta;
	void *buf;

	spin_lock_irqsave(&c->lock, flags);
	s = slab_find(c, obj, &idx, &delta);
	if (!s)
		goto out;
	buf = slab_buffer(c, s, idx);
	m = slab_meta(c, buf);
	if (m->state != SLAB_OBJ_ALLOCATED)
		goto out;
	if (!m->reported &&
	    redzones_bad(c, buf, min((size_t)m->orig_size, (size_t)c->object_size),
			 SLAB_RED_ACTIVE, &f)) {
		m->reported = 1;
		report(c, buf, &f, _RET_IP_, "object will be quarantined when freed");
		goto out;
	}
	if (new_size > c->object_size)
		new_size = c->object_size;
	if (c->flags & SLAB_RED_ZONE)
		memset(obj_of(c, buf) + new_size, SLAB_RED_ACTIVE,
		       c->object_size - new_size);
	m->orig_size = (unsigned int)new_size;
out:
	spin_unlock_irqrestore(&c->lock, flags);
}
