/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks. spin_lock_irqsave() is the one to use for anything the timer
 * interrupt can also take. Holding a spinlock disables preemption (the
 * holder is never switched away, so a waiter on the same hart never spins
 * on a lock whose holder cannot run): spin_lock counts in preempt_count,
 * and the unlock that drops the last reason switches if the tick asked
 * for it (<linux/preempt.h>); spin_lock_irqsave turns interrupts off,
 * which keeps every switch away by itself. The lock
 * word and the irq flag helpers come from <asm/spinlock.h> and
 * <asm/irqflags.h>, which the host tests replace.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/preempt.h>
#include <asm/irqflags.h>
#include <asm/spinlock.h>

#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
	*l = (spinlock_t)__SPIN_LOCK_UNLOCKED;
}

static inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	arch_spin_lock(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(l);
	preempt_enable();
}

/*
 * Interrupts off keep the holder on the hart without the count: no tick
 * can come, and a switch the scheduler asked for meanwhile happens at the
 * interrupt that arrives once the restore turns them back on.
 */
#define spin_lock_irqsave(l, flags)		\
	do {					\
		(flags) = arch_local_irq_save();	\
		arch_spin_lock(l);		\
	} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	arch_spin_unlock(l);
	arch_local_irq_restore(flags);
}

#define local_irq_save(flags)	((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_enable()	arch_local_irq_enable()
#define local_irq_disable()	arch_local_irq_disable()
#define irqs_disabled()		arch_irqs_disabled()

#endif /* _LINUX_SPINLOCK_H */
