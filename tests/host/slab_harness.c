// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "host_kernel.h"
#include "slab_harness.h"

void slab_harness_tick(unsigned long n)
{
	host_tick(n);
}

void slab_harness_teardown(void)
{
	slab_reset();
	harness_teardown();
	host_tick_reset();
}

int slab_harness_boot(const struct slab_harness_cfg *cfg)
{
	struct harness_cfg bc;
	int ret;

	slab_harness_teardown();
	harness_cfg_simple(&bc, cfg->low_mib ? cfg->low_mib : 16, 0);
	bc.debug = cfg->page_debug;
	ret = harness_boot(&bc);
	if (ret)
		return ret;
	slab_debug_all = cfg->debug_all;
	if (cfg->debug_caches)
		snprintf(slab_debug_caches, sizeof(slab_debug_caches), "%s",
			 cfg->debug_caches);
	kmem_cache_init();
	return 0;
}

unsigned long slab_harness_free_pages(void)
{
	return nr_free_pages();	/* per-CPU lists included */
}
