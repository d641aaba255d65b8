// SPDX-License-Identifier: MIT
/*
 * Fault injection for the page allocator (fail_page_alloc=, as Linux's
 * mm/fail_page_alloc.c): a request fails with the given probability, drawn
 * from a seeded generator so that a failing run can be repeated. The boot
 * argument is armed when the boot is complete (fault_injection_arm(),
 * before the self-tests and the programs), so that the boot's own
 * allocations, which have no way to fail gracefully, are not failed;
 * page_alloc_knobs_update() puts the fast paths on the slow path while it
 * is on.
 */
#define pr_fmt(fmt) "page_alloc: " fmt

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/prng.h>
#include <linux/spinlock.h>

#include "internal.h"

#define FAIL_DEFAULT_SEED	0x5eed5eedULL

unsigned long page_alloc_injected;
unsigned int fail_page_alloc_probability;
unsigned int fail_page_alloc_boot;

static struct prng_shared fail_prng = PRNG_SHARED_INIT(FAIL_DEFAULT_SEED);

void fail_page_alloc_reset(void)
{
	page_alloc_injected = 0;
	fail_page_alloc_probability = 0;
	fail_page_alloc_boot = 0;
	prng_shared_seed(&fail_prng, FAIL_DEFAULT_SEED);
}

void fail_page_alloc_set_probability(unsigned int percent)
{
	WRITE_ONCE(fail_page_alloc_probability, min(percent, 100u));
	page_alloc_knobs_update();
}

void fail_page_alloc_seed(u64 seed)
{
	prng_shared_seed(&fail_prng, seed);
}

bool should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	(void)gfp;
	(void)order;
	if (!prng_shared_chance(&fail_prng, READ_ONCE(fail_page_alloc_probability)))
		return false;
	__atomic_fetch_add(&page_alloc_injected, 1, __ATOMIC_RELAXED);
	return true;
}
