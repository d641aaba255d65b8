// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the input is a sequence of address-space operations,
 * MODEL_OP_BYTES bytes each (mmap of every kind, munmap, mprotect, mremap,
 * madvise, faults, fork, max_map_count changes), run on one fresh mm with
 * the production region code, walker and fault code, on the buddy and
 * slab allocators booted once on a host arena. After every operation the
 * reference model of tests/host/vma_model.c must agree with the kernel's
 * result, regions, map count, PTEs and frame contents, and vma_check()
 * must pass. At the end the mm is dropped: every frame and slab object
 * must be back.
 *
 * Seeds: tests/fuzz/corpus/vma/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "../../mm/internal.h"
#include "slab_harness.h"
#include "vma_model.h"

#define MAX_OPS		48

static struct vma_model model;

static void die(const char *what)
{
	fflush(stdout);
	fprintf(stderr, "fuzz_vma: %s\n", what);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct slab_harness_cfg cfg = { .low_mib = 32 };

	mm_reset();
	if (slab_harness_boot(&cfg))
		die("harness boot failed");
	if (zero_page_init())
		die("no zero page");
	proc_caches_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long free_before, objects_before;
	struct mm_struct *mm;
	size_t i, ops = 0;

	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	kmem_cache_shrink_all();
	free_before = nr_free_pages();
	objects_before = slab_objects_in_use();
	mm = mm_alloc();
	if (!mm)
		die("mm_alloc failed");
	vma_model_init(&model, mm);
	for (i = 0; i + MODEL_OP_BYTES <= size && ops < MAX_OPS; i += MODEL_OP_BYTES, ops++)
		if (vma_model_step(&model, mm, data + i))
			die("the kernel and the model disagree");
	mmput(mm);
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	kmem_cache_shrink_all();	/* off-slab descriptors count as objects */
	if (slab_objects_in_use() != objects_before)
		die("slab objects leaked");
	if (nr_free_pages() != free_before)
		die("frames leaked");
	if (nr_mms())
		die("an mm is left");
	return 0;
}
