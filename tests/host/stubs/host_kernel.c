// SPDX-License-Identifier: MIT
/*
 * Kernel services the mm code calls that the host tests simulate, linked
 * into every host binary: the tick (jiffies and tick hooks, advanced only by
 * host_tick()) and the symbol printer (no symbol table: an address).
 */
#include <stdio.h>

#include <linux/jiffies.h>
#include <linux/kallsyms.h>
#include <asm/irqflags.h>

#include "host_kernel.h"

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

void host_tick(unsigned long n)
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

void host_tick_reset(void)
{
	hooks = NULL;
	jiffies = 0;
}

char *sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	snprintf(buf, len, "%#lx", addr);
	return buf;
}

/* The host tests' one task: kernel/fork.c's current->mm and active_mm live here. */
#include <linux/sched.h>
struct task_struct init_task = { .comm = "host" };
__thread struct task_struct *current_task = &init_task;
