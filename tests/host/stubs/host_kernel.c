// SPDX-License-Identifier: MIT
/*
 * Kernel services the mm code calls that the host tests simulate, linked
 * into every host binary: the tick (jiffies, tick hooks and timers, advanced
 * only by host_tick(), with the work they queue run after each jiffy) and
 * the symbol printer (no symbol table: an address).
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
	while (n--) {
		unsigned long flags = arch_local_irq_save();	/* hooks run in "irq context" */
		struct tick_hook *h;

		jiffies++;
		for (h = hooks; h; h = h->link) {
			if (!time_before(jiffies, h->next)) {
				h->next = jiffies + h->period;
				h->fn(h->arg);
			}
		}
		host_run_timers();
		arch_local_irq_restore(flags);
		host_run_work();
	}
}

void host_tick_reset(void)
{
	hooks = NULL;
	jiffies = 0;
	host_workqueue_reset();
}

char *sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	snprintf(buf, len, "%#lx", addr);
	return buf;
}

/* Only CPU 0 is online, as on the boards today (<linux/cpumask.h>). */
#include <linux/cpumask.h>
unsigned long __cpu_online_mask = 1UL;

/* The host tests' one task: kernel/fork.c's current->mm and active_mm live here. */
#include <linux/sched.h>
struct task_struct init_task = { .comm = "host" };
__thread struct task_struct *current_task = &init_task;
