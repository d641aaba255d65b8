/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for the RISC-V interrupt flag helpers: a per-thread "SIE"
 * bit, so the code under test keeps the same save/restore discipline and a
 * test can assert that interrupts were re-enabled.
 */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <stdbool.h>

extern _Thread_local unsigned long host_sie;

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long f = host_sie;

	host_sie = 0;
	return f;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	host_sie = flags;
}

static inline void arch_local_irq_enable(void) { host_sie = 1; }
static inline void arch_local_irq_disable(void) { host_sie = 0; }
static inline bool arch_irqs_disabled(void) { return !host_sie; }

#endif /* _ASM_IRQFLAGS_H */
