// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the input is a sequence of slab operations (kmalloc,
 * kfree, krealloc, cache create/alloc/free/shrink/destroy, tunables,
 * reaping, reclaim, CPU switches, fault injection, and planted bugs: in
 * debug caches, and double or interior-pointer frees elsewhere, through
 * the per-CPU arrays) run on the real slab and buddy allocators, booted
 * once on a host arena.
 *
 * slab_check() must pass after every operation; every live object keeps a
 * token that must survive; every planted bug must be reported (counted in
 * slab_stats) and nothing else may be. At the end everything is freed and
 * the caches destroyed: the objects in use and the free frames must be
 * those after boot.
 *
 * Input: byte 0 picks the arena's failslab seed; then ops, one byte each
 * plus operands.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "../../mm/slab.h"
#include "slab_harness.h"

#define SLOTS		64
#define CACHES		4
/* Bytes of each object that carry its token (all of a small one). */
#define TOKEN_BYTES	64

struct slot {
	unsigned char *p;
	size_t size;
	int cache;		/* -1: kmalloc */
	unsigned char tag;
};

static struct slot slots[SLOTS];
static struct kmem_cache *caches[CACHES];
static unsigned long boot_frames, boot_objects;
static unsigned long expected_findings, expected_bad;

struct input {
	const uint8_t *data;
	size_t len, pos;
};

static unsigned int take(struct input *in)
{
	return in->pos < in->len ? in->data[in->pos++] : 0;
}

static unsigned int take16(struct input *in)
{
	return take(in) | take(in) << 8;
}

static void die(const char *what)
{
	fprintf(stderr, "fuzz_slab: %s\n", what);
	abort();
}

static void check(void)
{
	struct slab_stats st;
	unsigned int i;

	if (slab_check())
		die("slab_check failed");
	slab_get_stats(&st);
	if (st.debug_errors != expected_findings)
		die("debug findings differ from the planted bugs");
	if (st.bad_frees != expected_bad)
		die("bad-free count differs from the planted bad frees");
	for (i = 0; i < SLOTS; i++) {
		size_t k;

		for (k = 0; slots[i].p && k < slots[i].size && k < TOKEN_BYTES; k++)
			if (slots[i].p[k] != (unsigned char)(slots[i].tag + k))
				die("an object's contents changed");
		if (slots[i].p && slots[i].size > TOKEN_BYTES &&
		    slots[i].p[slots[i].size - 1] != slots[i].tag)
			die("an object's last byte changed");
	}
}

static void fill(struct slot *s)
{
	size_t k;

	for (k = 0; k < s->size && k < TOKEN_BYTES; k++)
		s->p[k] = (unsigned char)(s->tag + k);
	if (s->size > TOKEN_BYTES)
		s->p[s->size - 1] = s->tag;
}

static bool cache_debug(int i)
{
	return caches[i] && cache_is_debug(caches[i]);
}

static void release(struct slot *s)
{
	if (!s->p)
		return;
	if (s->cache >= 0)
		kmem_cache_free(caches[s->cache], s->p);
	else
		kfree(s->p);
	s->p = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct slab_harness_cfg cfg = { .low_mib = 8 };

	(void)argc;
	(void)argv;
	if (slab_harness_boot(&cfg))
		die("boot failed");
	kmem_cache_shrink_all();
	boot_frames = slab_harness_free_pages();
	boot_objects = slab_objects_in_use();
	return 0;
}

static const size_t cache_sizes[] = { 8, 40, 100, 250, 600, 1500, 5000, 40000 };

static void op_create(struct input *in)
{
	unsigned int i = take(in) % CACHES, f = take(in);
	unsigned long flags = 0;
	char name[16];

	if (caches[i])
		return;
	if (f & 1)
		flags |= SLAB_RED_ZONE;
	if (f & 2)
		flags |= SLAB_POISON;
	if (f & 4)
		flags |= SLAB_STORE_USER;
	if (f & 8)
		flags |= SLAB_HWCACHE_ALIGN;
	snprintf(name, sizeof(name), "fuzz-%u", i);
	caches[i] = kmem_cache_create(name, cache_sizes[(f >> 4) & 7],
				      (f & 0x80) ? 64 : 0, flags, NULL, NULL);
}

static void op_destroy(unsigned int i)
{
	bool live = false;
	unsigned int k;
	int ret;

	if (!caches[i])
		return;
	for (k = 0; k < SLOTS; k++)
		live |= slots[k].p && slots[k].cache == (int)i;
	ret = kmem_cache_destroy(caches[i]);
	if (live != (ret == -EBUSY))
		die("destroy disagrees about live objects");
	if (!ret)
		caches[i] = NULL;
}

/*
 * A bad free of an object without debugging: a double free or an interior
 * pointer, then the object's cache shrunk so that a copy waiting in a
 * per-CPU array goes back to the slab now. Exactly one bad free is
 * reported whichever way the frees went: into an array (found when it is
 * flushed, by the BUFCTL_ACTIVE mark, or because the slab went back to the
 * buddy allocator after the first copy's flush), straight to the slab with
 * the arrays off (found at once), or after the slab went back (the second
 * free finds no slab). A large kmalloc block's second free finds no block.
 */
static void plant_plain(struct slot *s, unsigned int kind)
{
	struct page *page = virt_to_page(s->p);
	struct kmem_cache *c = PageSlab(page) ? page->slab_cache : NULL;
	unsigned char *p = s->p;
	bool in_cache = s->cache >= 0;

	if (kind & 1) {			/* interior pointer, then the real free */
		if (s->size < 16 || !c)
			return;
		if (in_cache)
			kmem_cache_free(c, p + 8);
		else
			kfree(p + 8);
	}
	release(s);
	if (!(kind & 1)) {		/* double free */
		if (in_cache)
			kmem_cache_free(c, p);	/* a cache's objects are slab objects */
		else
			kfree(p);
	}
	if (c)
		kmem_cache_shrink(c);
	expected_bad++;
}

/*
 * A planted bug. In a debug cache the slot's object is given up
 * (quarantined) and the finding counted; elsewhere see plant_plain.
 */
static void op_plant(struct input *in)
{
	struct slot *s = &slots[take(in) % SLOTS];
	struct kmem_cache *c;
	unsigned int kind = take(in) % 4;

	if (!s->p)
		return;
	if (s->cache < 0 || !cache_debug(s->cache)) {
		plant_plain(s, kind);
		return;
	}
	c = caches[s->cache];
	switch (kind) {
	case 0:			/* double free */
		kmem_cache_free(c, s->p);
		/*
		 * If the first free emptied the slab and it went back to the
		 * buddy allocator, the second is a free of a pointer that is
		 * no longer in a slab: reported as a bad free, not a finding.
		 */
		if (PageSlab(virt_to_page(s->p)))
			expected_findings++;
		else
			expected_bad++;
		kmem_cache_free(c, s->p);
		break;
	case 1:			/* interior pointer, then the real free */
		if (s->size < 16)
			return;
		kmem_cache_free(c, s->p + 8);
		kmem_cache_free(c, s->p);
		expected_findings++;
		expected_bad++;
		break;
	case 2:			/* overrun into the right red zone */
		if (!(c->flags & SLAB_RED_ZONE))
			return;
		s->p[s->size] ^= 0x5a;
		kmem_cache_free(c, s->p);
		expected_findings++;
		break;
	default:		/* write after free, found by slab_check */
		if (!(c->flags & SLAB_POISON))
			return;
		kmem_cache_free(c, s->p);
		/*
		 * Only while the slab keeps the frame: once an empty slab went
		 * back to the buddy allocator the write lands in a free page,
		 * which is page_poison's to find, not the slab's.
		 */
		if (PageSlab(virt_to_page(s->p))) {
			s->p[s->size / 2] ^= 0x5a;
			expected_findings++;
		}
		break;
	}
	s->p = NULL;
}

static void run_op(struct input *in, unsigned int *seed)
{
	unsigned int op = take(in) % 16;
	struct slot *s = &slots[take(in) % SLOTS];
	size_t n;

	switch (op) {
	case 0: case 1:
		if (s->p)
			break;
		n = 1 + take16(in) % (op ? 300000 : 600);
		s->p = kmalloc(n, GFP_KERNEL | __GFP_NOWARN);
		s->size = n;
		s->cache = -1;
		s->tag = (unsigned char)(*seed)++;
		if (s->p)
			fill(s);
		break;
	case 2: {
		unsigned int i = take(in) % CACHES;

		if (s->p || !caches[i])
			break;
		s->p = kmem_cache_alloc(caches[i], GFP_KERNEL | __GFP_NOWARN);
		s->size = kmem_cache_size(caches[i]);
		s->cache = (int)i;
		s->tag = (unsigned char)(*seed)++;
		if (s->p)
			fill(s);
		break;
	}
	case 3: case 4:
		release(s);
		break;
	case 5:
		if (s->p && s->cache < 0) {
			unsigned char *q;

			n = 1 + take16(in) % 20000;
			q = krealloc(s->p, n, GFP_KERNEL | __GFP_NOWARN);
			if (q) {
				s->p = q;
				s->size = n;
				fill(s);
			}
		}
		break;
	case 6:
		op_create(in);
		break;
	case 7:
		op_destroy(take(in) % CACHES);
		break;
	case 8: {
		unsigned int i = take(in) % CACHES;

		if (caches[i])
			kmem_cache_shrink(caches[i]);
		else
			kmem_cache_shrink_all();
		break;
	}
	case 9:
		slab_reap();
		break;
	case 10: {
		unsigned int i = take(in) % CACHES, l = take(in) % 40;

		if (caches[i])
			kmem_cache_set_tunables(caches[i], l, l ? 1 + take(in) % l : 0);
		break;
	}
	case 11:
		host_cpu = take(in) % 2;
		break;
	case 12:
		slab_set_fail_probability(take(in) % 3 == 0 ? 20 : 0, take(in));
		break;
	case 13:
		op_plant(in);
		break;
	case 14:
		slab_reclaim(take(in), GFP_KERNEL);
		break;
	default:
		if (!s->p) {
			unsigned char *z = kcalloc(1 + take(in) % 64, 1 + take(in) % 64,
						   GFP_KERNEL | __GFP_NOWARN);

			if (z && z[0])
				die("kcalloc did not zero");
			kfree(z);
		}
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct input in = { data, len, 0 };
	unsigned int seed = take(&in), i;
	struct slab_stats st;

	slab_get_stats(&st);
	expected_findings = st.debug_errors;
	expected_bad = st.bad_frees;
	while (in.pos < in.len) {
		run_op(&in, &seed);
		check();
	}
	host_cpu = 0;
	slab_set_fail_probability(0, 0);
	for (i = 0; i < SLOTS; i++)
		release(&slots[i]);
	for (i = 0; i < CACHES; i++) {
		op_destroy(i);
		if (caches[i])
			die("a cache without objects could not be destroyed");
	}
	check();
	kmem_cache_shrink_all();
	if (slab_objects_in_use() != boot_objects)
		die("objects leaked");
	if (slab_harness_free_pages() != boot_frames)
		die("frames leaked");
	return 0;
}
