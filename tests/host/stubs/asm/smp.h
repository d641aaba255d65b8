/* SPDX-License-Identifier: MIT */
/* Host stand-in for <asm/smp.h>: a test may set host_cpu to act as another CPU. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#define NR_CPUS		4

extern unsigned int host_cpu;

static inline unsigned int smp_processor_id(void)
{
	return host_cpu;
}

#endif /* _ASM_SMP_H */
