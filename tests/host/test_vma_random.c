// SPDX-License-Identifier: MIT
/*
 * Random operation sequences (mmap of every kind, munmap, mprotect,
 * mremap, madvise, faults, fork, max_map_count changes) on one mm,
 * compared after every step with the reference model of vma_model.c.
 */
#include <linux/prng.h>

#include "vma_model.h"
#include "vma_tests.h"

#define RANDOM_SEEDS	6
#define RANDOM_STEPS	3000

static struct vma_model model;

static void run_random(u64 seed, bool low_max)
{
	struct prng rng;
	u8 op[MODEL_OP_BYTES];
	unsigned long step;
	unsigned int i;

	prng_seed(&rng, seed);
	vma_model_init(&model, tmm);
	if (low_max) {
		sysctl_max_map_count = 6;
		model.max_map_count = 6;
	}
	for (step = 0; step < RANDOM_STEPS; step++) {
		for (i = 0; i < MODEL_OP_BYTES; i++)
			op[i] = (u8)prng_below(&rng, 256);
		if (low_max && op[0] % 9 == 7)
			continue;	/* keep the low limit */
		if (vma_model_step(&model, tmm, op)) {
			printf("seed %llu step %lu failed\n", (unsigned long long)seed, step);
			fail();
		}
	}
	assert_true(model.skipped < model.steps / 2);
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
}

void test_random_vs_model(void **state)
{
	u64 seed;

	for (seed = 1; seed <= RANDOM_SEEDS; seed++) {
		run_random(seed, false);
		assert_int_equal(do_munmap(tmm, 0, TASK_SIZE), 0);
		CHECK();
		assert_int_equal(tmm->map_count, 0);
		assert_int_equal(tmm->nr_ptes, 0);
	}
}

void test_random_low_max(void **state)
{
	run_random(99, true);
}
