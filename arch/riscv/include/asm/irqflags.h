/* SPDX-License-Identifier: MIT */
/* Local interrupt masking: sstatus.SIE on this hart. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#include <stdbool.h>
#include <asm/csr.h>

static inline unsigned long arch_local_irq_save(void)
{
	return csr_read_clear(sstatus, SR_SIE);
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SR_SIE);
}

static inline void arch_local_irq_enable(void)
{
	csr_set(sstatus, SR_SIE);
}

static inline void arch_local_irq_disable(void)
{
	csr_clear(sstatus, SR_SIE);
}

static inline bool arch_irqs_disabled(void)
{
	return !(csr_read(sstatus) & SR_SIE);
}

#endif /* _ASM_IRQFLAGS_H */
