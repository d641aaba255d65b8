// SPDX-License-Identifier: MIT
/* Supervisor interrupts: the timer, software interrupts (IPIs), external. */
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <asm/csr.h>
#include <asm/traps.h>

static unsigned long spurious_irqs;

void handle_irq(struct pt_regs *regs, unsigned long irq)
{
	switch (irq) {
	case IRQ_S_TIMER:
		tick_handle();
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, IE_SSIE);
		break;
	default:
		/* no interrupt controller driver yet: mask what we cannot serve */
		if (spurious_irqs++ < 4)
			pr_warn("irq: unexpected interrupt %lu at %08lx, masked\n",
				irq, regs->epc);
		csr_clear(sie, 1UL << irq);
		break;
	}
}
