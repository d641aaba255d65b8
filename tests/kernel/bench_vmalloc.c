// SPDX-License-Identifier: MIT
/*
 * bench=vmalloc: instructions per operation.
 *   16k_pair    vmalloc(16 KiB) + vfree: 4 frames, the lazy purge amortised
 *               (one flush per 8 MiB of frees, so max >> median)
 *   1m_pair     vmalloc(1 MiB) + vfree: 256 frames
 *   find_<n>    the free-range search alone (no allocation; the lock is
 *               taken outside the bracket), with n live areas: see
 *               find_prepare
 */
#include <linux/bench.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/prng.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include "../../mm/vmalloc_internal.h"

static u32 pair_16k(void *arg)
{
	u32 start = bench_begin();

	vfree(vmalloc(16 << 10));
	return bench_end(start);
}

static u32 pair_1m(void *arg)
{
	u32 start = bench_begin();

	vfree(vmalloc(1 << 20));
	return bench_end(start);
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
 * its lowest fit is the lowest hole of that class or larger, somewhere in
 * the tree, and the search must skip every smaller hole below it (checked
 * once the holes are made: find_check). A list walk would cost O(n) per
 * search; the augmented tree costs about its depth.
 */
#define FIND_CLASSES	32
/* Areas that fill free ranges left low in the space (beside kernel stacks) first. */
#define FIND_PLUGS_MAX	64

struct find_state {
	unsigned long n;		/* live areas */
	/*
	 * vmalloc'ed itself, 2n entries: the live areas, then the holes until
	 * they are freed. One array that stays until cleanup: freeing a
	 * separate one would leave a free range of its size low in the
	 * space, where the small classes would fit before any hole.
	 */
	struct vm_struct **live;
	unsigned int next;		/* class of the next sample */
	unsigned long class_addr[FIND_CLASSES];	/* where each class's hole starts */
	struct vm_struct *plugs[FIND_PLUGS_MAX];
	unsigned int nr_plugs;
};

/* Bytes of a class-c hole, guard page included (a small hole is 2 pages). */
static unsigned long class_bytes(unsigned int c)
{
	return (c + 3) * PAGE_SIZE;
}

static void find_cleanup(void *arg)
{
	struct find_state *fs = arg;
	unsigned long i;

	for (i = 0; i < fs->n; i++)
		free_vm_area(fs->live[i]);
	vfree(fs->live);
	while (fs->nr_plugs)
		free_vm_area(fs->plugs[--fs->nr_plugs]);
	vm_unmap_aliases();
}

static unsigned long lowest_fit(unsigned long bytes)
{
	unsigned long flags, addr;

	spin_lock_irqsave(&vmap_area_lock, flags);
	addr = __vmap_find_lowest(bytes, PAGE_SIZE, VMALLOC_START, VMALLOC_END);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return addr;
}

/*
 * Other areas (kernel stacks, aligned to their size) can leave free
 * ranges below the end of the used space, where the small classes would
 * fit before any hole made here: fill them with one-page areas until the
 * smallest class fits no lower than the largest. 0, or -ENOMEM.
 */
static int plug_low_holes(struct find_state *fs)
{
	unsigned long top = class_bytes(FIND_CLASSES - 1);

	while (lowest_fit(class_bytes(0)) < lowest_fit(top)) {
		if (fs->nr_plugs == FIND_PLUGS_MAX)
			return -ENOMEM;
		fs->plugs[fs->nr_plugs] = get_vm_area(PAGE_SIZE, 0);
		if (!fs->plugs[fs->nr_plugs])
			return -ENOMEM;
		fs->nr_plugs++;
	}
	return 0;
}

/*
 * Every class's lowest fit is the lowest hole of that class or larger: no
 * free range below it is large enough. Returns 0 or -EINVAL, reported.
 */
static int find_check(const struct find_state *fs)
{
	unsigned long flags, want, got;
	unsigned int c, k;
	int err = 0;

	for (c = 0; c < FIND_CLASSES; c++) {
		want = ~0UL;
		for (k = c; k < FIND_CLASSES; k++)
			want = min(want, fs->class_addr[k]);
		spin_lock_irqsave(&vmap_area_lock, flags);
		got = __vmap_find_lowest(class_bytes(c), PAGE_SIZE, VMALLOC_START, VMALLOC_END);
		spin_unlock_irqrestore(&vmap_area_lock, flags);
		if (got != want) {
			pr_err("bench: find_%lu: class %u (%lu pages) fits at %#lx, not in the holes made for it (%#lx)\n",
			       fs->n, c, class_bytes(c) >> PAGE_SHIFT, got, want);
			err = -EINVAL;
		}
	}
	return err;
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
	fs.nr_plugs = 0;
	fs.live = vmalloc(2 * n * sizeof(*fs.live));
	if (!fs.live || plug_low_holes(&fs))
		goto nomem;
	holes = fs.live + n;
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
		bool large = c < FIND_CLASSES && i == hole_class[c];

		if (large)
			hole = class_bytes(perm[c]) - PAGE_SIZE;
		fs.live[i] = get_vm_area(PAGE_SIZE, 0);
		holes[i] = get_vm_area(hole, 0);
		if (!fs.live[i] || !holes[i]) {
			free_vm_area(fs.live[i]);
			free_vm_area(holes[i]);
			while (i--)
				free_vm_area(holes[i]);
			goto nomem;
		}
		if (large)
			fs.class_addr[perm[c++]] = (unsigned long)holes[i]->addr;
		fs.n++;
	}
	for (i = 0; i < n; i++)
		free_vm_area(holes[i]);
	vm_unmap_aliases();
	*err = find_check(&fs);
	if (*err) {
		vmalloc_show_vmallocinfo();	/* which area sits below the holes */
		find_cleanup(&fs);
		return NULL;
	}
	return &fs;
nomem:
	find_cleanup(&fs);
	*err = -ENOMEM;
	return NULL;
}

/* The search alone: the lock is taken outside the bracket. */
static u32 find_op(void *arg)
{
	struct find_state *fs = arg;
	unsigned long flags;
	u32 start, n;

	fs->next = (fs->next + 1) % FIND_CLASSES;
	spin_lock_irqsave(&vmap_area_lock, flags);
	start = bench_begin();
	__vmap_find_lowest(class_bytes(fs->next), PAGE_SIZE, VMALLOC_START, VMALLOC_END);
	n = bench_end(start);
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return n;
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
