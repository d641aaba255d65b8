// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <asm/smp.h>

#include "buddy_harness.h"
#include "slab_harness.h"

volatile unsigned long jiffies;
u32 tick_hz = HZ_DEFAULT;
static struct tick_hook *hooks;

void tick_hook_register(struct tick_hook *hook)
{
	hook->next = jiffies + hook->period;
	hook->link = hooks;
	hooks = hook;
}

void tick_hook_unregister(struct tick_hook *hook)
{
	struct tick_hook **pp;

	for (pp = &hooks; *pp; pp = &(*pp)->link) {
		if (*pp == hook) {
			*pp = hook->link;
			return;
		}
	}
}

void slab_harness_tick(unsigned long n)
{
	unsigned long flags = arch_local_irq_save();	/* hooks run in "irq context" */

	while (n--) {
		struct tick_hook *h;

		jiffies++;
		for (h = hooks; h; h = h->link) {
			if (!time_before(jiffies, h->next)) {
				h->next = jiffies + h->period;
				h->fn(h->arg);
			}
		}
	}
	arch_local_irq_restore(flags);
}

/* No symbol table on the host: callers print as addresses. */
char *sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	snprintf(buf, len, "%#lx", addr);
	return buf;
}

void slab_harness_teardown(void)
{
	slab_reset();
	harness_teardown();
	hooks = NULL;
	jiffies = 0;
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
