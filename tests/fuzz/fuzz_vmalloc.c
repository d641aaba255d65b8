// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the input is a sequence of vmalloc-family operations
 * (vmalloc with any size and alignment, vfree, vmap/vunmap, ioremap/
 * iounmap, bare areas, kernel stacks, frees from "interrupt context",
 * purges, lazy-threshold changes, page and slab fault injection, slab
 * reaping, planted bad frees and planted bad vmap/ioremap requests) run
 * on the real allocators: the buddy allocator booted once on a host arena
 * (with highmem, page_alloc_debug on), the slab allocator on it (the
 * descriptors' cache) and the simulated page tables and TLB of
 * tests/host/stubs (mapping an address before the TLB flush of its last
 * unmapping aborts).
 *
 * After every operation vmalloc_check() must pass and each live vmalloc
 * area must still map the frames it was given. Every planted bad free must
 * be counted and change nothing; every planted bad request must return
 * NULL and leave no area; every new kernel stack must have been flushed
 * from the (simulated) TLB. At the end everything is freed and purged:
 * frames (plus vmalloc's own page tables and descriptor slabs) and slab
 * objects (but vmalloc's own descriptors) must be exactly as before, and
 * the range one free range again.
 *
 * Input: ops of one byte (op = byte % NR_OPS) followed by operand bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/preempt.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/tlbflush.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "host_tlb.h"

#define SLOTS		24
#define VMAP_MAX	8

enum kind { K_NONE, K_VMALLOC, K_VMAP, K_IOREMAP, K_AREA, K_STACK };

struct slot {
	enum kind kind;
	char *addr;
	unsigned int pages;
	struct page *first, *last;		/* K_VMALLOC: frames that must stay */
	struct page *vpages[VMAP_MAX];		/* K_VMAP: the caller's frames */
};

static struct slot slots[SLOTS];
static unsigned long expected_bad;
static unsigned long budget, objects;


static void die(const char *what)
{
	fprintf(stderr, "fuzz_vmalloc: %s\n", what);
	abort();
}

/* Caches shrunk: the reclaim hook may have emptied other caches meanwhile. */
static unsigned long frame_budget(void)
{
	vm_unmap_aliases();
	kmem_cache_shrink_all();
	drain_all_pages();
	return nr_free_pages() + vmalloc_meta_pages();
}

static unsigned long object_budget(void)
{
	vm_unmap_aliases();
	return slab_objects_in_use() - vmalloc_meta_objects();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct harness_cfg cfg;

	(void)argc;
	(void)argv;
	harness_cfg_simple(&cfg, 24, 8);
	cfg.debug = true;
	if (harness_boot(&cfg))
		die("harness boot failed");
	kmem_cache_init();
	vmalloc_reset();
	host_pgtable_reset();
	vmalloc_init();
	budget = frame_budget();
	objects = object_budget();
	return 0;
}

/* Operand reader: zeros past the end. */
struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned int byte(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static struct vmalloc_stats stats(void)
{
	struct vmalloc_stats st;

	vmalloc_get_stats(&st);
	return st;
}

static void release(struct slot *s)
{
	unsigned int i;

	switch (s->kind) {
	case K_VMALLOC:
		if (vmalloc_to_page(s->addr) != s->first ||
		    vmalloc_to_page(s->addr + (s->pages - 1) * PAGE_SIZE) != s->last)
			die("a vmalloc area's frames moved");
		vfree(s->addr);
		break;
	case K_VMAP:
		vunmap(s->addr);
		if (!in_interrupt()) {
			/* unmapped (deferred in irq: then freed after the drain) */
			for (i = 0; i < s->pages; i++)
				__free_page(s->vpages[i]);
		}
		break;
	case K_IOREMAP:
		iounmap(s->addr);
		break;
	case K_AREA:
		free_vm_area(find_vm_area(s->addr));
		break;
	case K_STACK:
		free_thread_stack(s->addr);
		break;
	case K_NONE:
		break;
	}
	memset(s, 0, sizeof(*s));
}

/*
 * A request vmalloc must refuse without a slot: a misaligned free (a bad
 * free), a vmap with one bad entry, an ioremap of RAM or past the 34-bit
 * physical space. Each returns NULL and changes nothing: no area, no
 * frame or descriptor kept (the end of the run checks the budgets).
 */
static void bad_request(struct input *in)
{
	unsigned int b = byte(in), busy = stats().nr_busy;
	struct page *pages[3], fake;
	void *p = NULL;

	switch (b % 4) {
	case 0:		/* never an area's start: misaligned */
		vfree((void *)(VMALLOC_START + byte(in) * 0x10000 + 0x800));
		expected_bad++;
		return;
	case 1:
		pages[0] = alloc_page(GFP_KERNEL);
		pages[2] = alloc_page(GFP_HIGHUSER);
		if (pages[0] && pages[2]) {
			pages[1] = b & 0x40 ? &fake :
				   b & 0x80 ? (struct page *)((char *)pages[0] + 1) : NULL;
			p = vmap(pages, 3, 0, PAGE_KERNEL);
		}
		if (pages[0])
			__free_page(pages[0]);
		if (pages[2])
			__free_page(pages[2]);
		break;
	case 2:		/* the harness's RAM starts at HARNESS_RAM_BASE */
		p = ioremap(HARNESS_RAM_BASE + byte(in) * 0x11000 + b, byte(in) * 64 + 1);
		break;
	case 3: {	/* ends at least a byte past the last frame */
		unsigned long below = byte(in) * PAGE_SIZE;

		p = ioremap(PTE_PHYS_LIMIT - below, below + 1 + byte(in) * 64);
		break;
	}
	}
	if (p)
		die("a bad vmap or ioremap was accepted");
	if (stats().nr_busy != busy)
		die("a refused vmap or ioremap left an area");
}

/* A wrong free of a live slot: must be reported and change nothing. */
static void bad_free(struct slot *s, unsigned int how)
{
	switch (how % 5) {
	case 0:
		vfree(s->addr + 1 + how % PAGE_SIZE);
		break;
	case 1:
		if (s->pages < 2)
			return;
		vfree(s->addr + PAGE_SIZE);
		break;
	case 2:
		if (s->kind == K_VMAP)
			return;
		vunmap(s->addr);
		break;
	case 3:
		if (s->kind == K_VMALLOC || s->kind == K_STACK)
			return;
		vfree(s->addr);
		break;
	case 4:
		if (s->kind == K_IOREMAP)
			return;
		iounmap(s->addr);
		break;
	}
	expected_bad++;
}

static void op_alloc(struct slot *s, struct input *in)
{
	unsigned int b = byte(in), k = b % 5, i;

	switch (k) {
	case 0: {
		unsigned int pages = byte(in) % 64 + 1;
		unsigned long align = PAGE_SIZE << (byte(in) % 14);

		if (b & 0x80)
			pages *= 16;
		s->addr = __vmalloc_node(pages * PAGE_SIZE, align,
					 (b & 0x40 ? GFP_ATOMIC : GFP_KERNEL) |
					 (b & 0x20 ? __GFP_ZERO : 0) | __GFP_NOWARN,
					 NUMA_NO_NODE, NULL);
		if (!s->addr)
			return;
		if ((unsigned long)s->addr & (align - 1))
			die("misaligned vmalloc");
		s->kind = K_VMALLOC;
		s->pages = pages;
		s->first = vmalloc_to_page(s->addr);
		s->last = vmalloc_to_page(s->addr + (pages - 1) * PAGE_SIZE);
		if (!s->first || !s->last)
			die("vmalloc area not mapped");
		break;
	}
	case 1:
		s->pages = byte(in) % VMAP_MAX + 1;
		for (i = 0; i < s->pages; i++) {
			s->vpages[i] = alloc_page(i & 1 ? GFP_HIGHUSER : GFP_KERNEL);
			if (!s->vpages[i]) {
				while (i--)
					__free_page(s->vpages[i]);
				memset(s, 0, sizeof(*s));
				return;
			}
		}
		s->addr = vmap(s->vpages, s->pages, 0, PAGE_KERNEL);
		if (!s->addr) {
			for (i = 0; i < s->pages; i++)
				__free_page(s->vpages[i]);
			memset(s, 0, sizeof(*s));
			return;
		}
		for (i = 0; i < s->pages; i++)
			if (vmalloc_to_page(s->addr + i * PAGE_SIZE) != s->vpages[i])
				die("vmap maps the wrong frame");
		s->kind = K_VMAP;
		break;
	case 2: {
		phys_addr_t pa = 0x10000000 + byte(in) * 0x1010;
		unsigned long size = (byte(in) + 1) * 64;

		s->addr = ioremap(pa, size);
		if (!s->addr)
			return;
		if (vmalloc_to_pfn(s->addr) != PFN_DOWN(pa))
			die("ioremap maps the wrong address");
		s->kind = K_IOREMAP;
		s->pages = 1;
		break;
	}
	case 3: {
		struct vm_struct *vm = get_vm_area((byte(in) * 37 % 4096 + 1) * PAGE_SIZE, 0);

		if (!vm)
			return;
		s->addr = vm->addr;
		s->kind = K_AREA;
		s->pages = 1;
		break;
	}
	case 4:
		s->addr = alloc_thread_stack();
		if (!s->addr)
			return;
		if (host_kpt_unflushed_new((unsigned long)s->addr,
					   (unsigned long)s->addr + THREAD_SIZE))
			die("a new kernel stack was not flushed from the TLB");
		s->kind = K_STACK;
		s->pages = THREAD_SIZE / PAGE_SIZE;
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	unsigned int i;

	expected_bad = stats().bad_frees;
	vmalloc_set_lazy_max(0);
	while (in.n) {
		unsigned int op = byte(&in) % 8;
		struct slot *s = &slots[byte(&in) % SLOTS];

		switch (op) {
		case 0:
		case 1:
		case 2:
			if (s->kind == K_NONE)
				op_alloc(s, &in);
			else
				release(s);
			break;
		case 3:		/* free from interrupt context (deferred) */
			if (s->kind == K_NONE || s->kind == K_VMAP)
				break;
			hardirq_nesting = 1;
			release(s);
			hardirq_nesting = 0;
			break;
		case 4:
			if (s->kind != K_NONE)
				bad_free(s, byte(&in));
			else
				bad_request(&in);
			break;
		case 5:
			vm_unmap_aliases();
			slab_reap();	/* what the tick would do now and then */
			break;
		case 6:
			vmalloc_set_lazy_max((unsigned long)(byte(&in) % 32) << 16);
			break;
		case 7: {
			unsigned int b = byte(&in);

			if (b & 0x80)
				slab_set_fail_probability(b % 4 * 10, b);
			else
				fail_page_alloc_set_probability(b % 4 * 10);
			break;
		}
		}
		if (vmalloc_check())
			die("vmalloc_check failed");
	}
	fail_page_alloc_set_probability(0);
	slab_set_fail_probability(0, 0);
	for (i = 0; i < SLOTS; i++)
		release(&slots[i]);
	if (vmalloc_check())
		die("vmalloc_check failed at the end");
	if (stats().bad_frees != expected_bad)
		die("bad frees reported differ from the planted ones");
	if (frame_budget() != budget)
		die("frames lost or gained across the run");
	if (object_budget() != objects)
		die("slab objects lost or gained across the run");
	if (stats().nr_busy || stats().nr_free != 1 || stats().vmalloc_pages)
		die("the range is not one free range again");
	return 0;
}
