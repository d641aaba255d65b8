/* SPDX-License-Identifier: MIT */
/*
 * Kernel timers (Linux's struct timer_list, kernel/time/timer.c): a
 * function to call from the tick of one CPU once jiffies reaches
 * `expires`. Each CPU has its own base of armed timers, kept sorted by
 * expiry, which its tick (tick_handle -> run_local_timers) walks from the
 * head: a tick with nothing due costs one comparison. Callbacks run in
 * hard interrupt context with interrupts off (Linux runs them from the
 * timer softirq), so they must not sleep; they may queue work, which is
 * what delayed work does (<linux/workqueue.h>).
 *
 * A timer is armed on exactly one base at a time; `cpu` names it.
 * Invariants (per base, under its lock):
 *   t on base->pending  <=>  timer_pending(t)  =>  t->cpu == the base's CPU
 *   base->pending is sorted by expires (time_before order, ties FIFO)
 *   base->running is the timer whose callback runs now on that CPU, or NULL
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/types.h>

struct timer_list {
	struct list_head entry;		/* on its base while armed (base lock) */
	unsigned long expires;		/* jiffies at which it fires */
	void (*function)(struct timer_list *timer);
	unsigned int cpu;		/* the base it is (or was last) armed on */
};

#define from_timer(var, timer, field)	container_of(timer, __typeof__(*var), field)

/* Once at boot, before any timer is armed: every CPU's base. */
void init_timers(void);

/* Prepare timer to call fn; not armed. */
void timer_setup(struct timer_list *timer, void (*fn)(struct timer_list *));

/* Arm timer (not armed yet, expires set) on cpu's base / on this CPU's. Any context. */
void add_timer_on(struct timer_list *timer, unsigned int cpu);
void add_timer(struct timer_list *timer);

/*
 * (Re-)arm timer to fire at expires, on the base it was last armed on (or,
 * never armed, the CPU that set it up). 1 if it was armed before, 0 if
 * not. Any context.
 */
int mod_timer(struct timer_list *timer, unsigned long expires);

/* Disarm timer. 1 if it was armed, 0 if not. Any context; does not wait. */
int del_timer(struct timer_list *timer);

/*
 * Disarm timer and wait until its callback is not running on any CPU.
 * 1 if it was armed. Not from interrupt context, and not from the
 * callback itself.
 */
int del_timer_sync(struct timer_list *timer);

static inline bool timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

/* From the tick of this CPU (irqs off): call every callback that is due. */
void run_local_timers(void);

/* Timers armed on cpu's base (for tests and reports). */
unsigned int timers_pending_on(unsigned int cpu);

#endif /* _LINUX_TIMER_H */
