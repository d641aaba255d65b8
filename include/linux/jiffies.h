/* SPDX-License-Identifier: MIT */
/*
 * The periodic tick. tick_hz (bootarg hz=, default 100) interrupts a second
 * drive jiffies; time_after() compares jiffies values across wraparound.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ_DEFAULT	100

extern volatile unsigned long jiffies;
extern u32 tick_hz;

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

/* ms as ticks of the running tick_hz, rounded up (a non-zero ms is at least 1). */
static inline unsigned long msecs_to_jiffies(unsigned int ms)
{
	return (unsigned long)(((u64)ms * tick_hz + 999) / 1000);
}

/* ticks as ms, rounded down. */
static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)((u64)j * 1000 / tick_hz);
}

struct tick_stats {
	unsigned long irqs;	/* timer interrupts taken */
	unsigned long missed;	/* periods that passed without their interrupt */
	u64 start_ns;		/* when the tick started */
	const char *source;	/* "sstc" or "sbi" */
};

/* Start the periodic tick (needs timebase_hz); enables the timer interrupt. */
void tick_init(void);
void tick_get_stats(struct tick_stats *st);
/* Called from the timer interrupt. */
void tick_handle(void);

/* Register fn to run from the tick every 'period' jiffies (irq context). */
struct tick_hook {
	void (*fn)(void *arg);
	void *arg;
	unsigned long period;
	unsigned long next;
	struct tick_hook *link;
};
void tick_hook_register(struct tick_hook *hook);
void tick_hook_unregister(struct tick_hook *hook);

#endif /* _LINUX_JIFFIES_H */
