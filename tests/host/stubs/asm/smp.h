/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for <asm/smp.h>. host_cpu is thread-local, as the board's
 * cpu_number (a tp-relative __thread): a test may set it to act as another
 * CPU, and a threaded host program (tools/bench_host) gives each thread its
 * own id below NR_CPUS, so each thread has its own per-CPU data.
 */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#define NR_CPUS		4

extern _Thread_local unsigned int host_cpu;

static inline unsigned int smp_processor_id(void)
{
	return host_cpu;
}

#endif /* _ASM_SMP_H */
