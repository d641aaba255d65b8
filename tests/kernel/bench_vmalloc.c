// SPDX-License-Identifier: MIT
/*
 * bench=vmalloc: instructions per operation.
 *   16k_pair    vmalloc(16 KiB) + vfree: 4 frames, the lazy purge amortised
 *               (one flush per 8 MiB of frees, so max >> median)
 *   1m_pair     vmalloc(1 MiB) + vfree: 256 frames
 *   find_<n>    the free-range search alone (no allocation), with n live
 *               areas: see find_prepare
 */
#include <linux/bench.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/prng.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include "../../mm/vmalloc_internal.h"

static void pair_16k(void *arg)
{
	vfree(vmalloc(16 << 10));
}

static void pair_1m(void *arg)
{
	vfree(vmalloc(1 << 20));
}

/* Start from a purged, settled state. */
static void *pair_prepare(int *err)
{
	vm_unmap_aliases();
	return NULL;
}

static void pair_cleanup(void *arg)
{
	vm_unmap_aliases();
}

BENCH(bench_vmalloc_16k, .name = "vmalloc.16k_pair", .prepare = pair_prepare,
      .op = pair_16k, .cleanup = pair_cleanup);
BENCH(bench_vmalloc_1m, .name = "vmalloc.1m_pair", .prepare = pair_prepare,
      .op = pair_1m, .cleanup = pair_cleanup);

/*
 * The find rows: n live one-page areas, each followed by a free range
 * ("hole"). Most holes are one page plus a guard: too small for any
 * request here. FIND_CLASSES of them, at random positions, are larger,
 * each of its own size. Sample i searches for a range of class i's size:
 * the lowest fit is one of the large holes, somewhere in the tree, and the
 * search must skip every smaller hole below it. A list walk would cost
 * O(n) per search; the augmented tree costs about its depth.
 */
#define FIND_CLASSES	32

struct find_state {
	unsigned long n;		/* live areas */
	struct vm_struct **live;	/* vmalloc'ed itself */
	unsigned int next;		/* class of the next sample */
};

static void find_cleanup(void *arg)
{
	struct find_state *fs = arg;
	unsigned long i;

	for (i = 0; i < fs->n; i++)
		free_vm_area(fs->live[i]);
	vfree(fs->live);
	vm_unmap_aliases();
}

/* Bytes of a class-c hole, guard page included (a small hole is 2 pages). */
static unsigned long class_bytes(unsigned int c)
{
	return (c + 3) * PAGE_SIZE;
}

static void *find_prepare(unsigned long n, int *err)
{
	static struct find_state fs;
	unsigned long seg = n / FIND_CLASSES, i;
	unsigned int perm[FIND_CLASSES], c;
	unsigned long hole_class[FIND_CLASSES];
	struct vm_struct **holes;
	struct prng rng;

	vm_unmap_aliases();
	fs.n = 0;
	fs.next = 0;
	fs.live = vmalloc(n * sizeof(*fs.live));
	holes = vmalloc(n * sizeof(*holes));
	if (!fs.live || !holes)
		goto nomem;
	/* class perm[s] goes to a random hole of segment s */
	prng_seed(&rng, n);
	for (c = 0; c < FIND_CLASSES; c++)
		perm[c] = c;
	for (c = FIND_CLASSES - 1; c > 0; c--) {
		unsigned int j = prng_below(&rng, c + 1), t = perm[c];

		perm[c] = perm[j];
		perm[j] = t;
	}
	for (c = 0; c < FIND_CLASSES; c++)
		hole_class[c] = c * seg + prng_below(&rng, seg);
	/* all areas first, then the holes freed: no hole is reused */
	for (i = 0, c = 0; i < n; i++) {
		unsigned long hole = PAGE_SIZE;

		if (c < FIND_CLASSES && i == hole_class[c])
			hole = class_bytes(perm[c++]) - PAGE_SIZE;
		fs.live[i] = get_vm_area(PAGE_SIZE, 0);
		holes[i] = get_vm_area(hole, 0);
		if (!fs.live[i] || !holes[i]) {
			free_vm_area(fs.live[i]);
			free_vm_area(holes[i]);
			while (i--)
				free_vm_area(holes[i]);
			goto nomem;
		}
		fs.n++;
	}
	for (i = 0; i < n; i++)
		free_vm_area(holes[i]);
	vfree(holes);
	vm_unmap_aliases();
	return &fs;
nomem:
	vfree(holes);
	find_cleanup(&fs);
	*err = -ENOMEM;
	return NULL;
}

static void find_op(void *arg)
{
	struct find_state *fs = arg;
	unsigned long flags;

	fs->next = (fs->next + 1) % FIND_CLASSES;
	spin_lock_irqsave(&vmap_area_lock, flags);
	__vmap_find_lowest(class_bytes(fs->next), PAGE_SIZE, VMALLOC_START, VMALLOC_END);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
}

static void *find_100_prepare(int *err)
{
	return find_prepare(100, err);
}

static void *find_1000_prepare(int *err)
{
	return find_prepare(1000, err);
}

static void *find_10000_prepare(int *err)
{
	return find_prepare(10000, err);
}

BENCH(bench_vmalloc_find_100, .name = "vmalloc.find_100", .prepare = find_100_prepare,
      .op = find_op, .cleanup = find_cleanup);
BENCH(bench_vmalloc_find_1000, .name = "vmalloc.find_1000", .prepare = find_1000_prepare,
      .op = find_op, .cleanup = find_cleanup);
BENCH(bench_vmalloc_find_10000, .name = "vmalloc.find_10000",
      .prepare = find_10000_prepare, .op = find_op, .cleanup = find_cleanup);
