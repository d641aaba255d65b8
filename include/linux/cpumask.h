/* SPDX-License-Identifier: MIT */
/*
 * The online CPUs (Linux's cpu_online_mask, one word: NR_CPUS <= 32). A
 * CPU is online once it runs the kernel and can take per-CPU work; only
 * the boot CPU (0) is online today, the others stay parked in OpenSBI.
 * Bringing one up sets its bit (set_cpu_online) after its per-CPU state
 * exists, then starts its per-CPU services (workqueue_online_cpu, the slab
 * reaper): code that walks for_each_online_cpu() needs no change then.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/smp.h>

/* Bit n set: CPU n is online. Defined by the arch (the host tests' stubs). */
extern unsigned long __cpu_online_mask;

static inline bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && (READ_ONCE(__cpu_online_mask) >> cpu) & 1;
}

static inline void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		__atomic_fetch_or(&__cpu_online_mask, 1UL << cpu, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&__cpu_online_mask, ~(1UL << cpu), __ATOMIC_RELEASE);
}

static inline unsigned int num_online_cpus(void)
{
	return (unsigned int)__builtin_popcountl(READ_ONCE(__cpu_online_mask));
}

#define for_each_online_cpu(cpu)				\
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)		\
		if (!cpu_online(cpu)) {} else

#endif /* _LINUX_CPUMASK_H */
