/* SPDX-License-Identifier: MIT */
/*
 * Monotonic time from the hart's time CSR. timebase_hz comes from the DT's
 * /cpus/timebase-frequency; until it is known, ktime_get_ns() returns 0.
 */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_USEC	1000ULL

extern u32 timebase_hz;

/* Nanoseconds since the time CSR's zero (about boot on every board). */
u64 ktime_get_ns(void);
u64 cycles_to_ns(u64 cycles);
u64 ns_to_cycles(u64 ns);

#endif /* _LINUX_TIME_H */
