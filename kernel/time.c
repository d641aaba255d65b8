// SPDX-License-Identifier: MIT
#include <linux/time.h>
#include <asm/timex.h>

u32 timebase_hz;

/* Split to avoid overflowing 64 bits: whole seconds, then the remainder. */
u64 cycles_to_ns(u64 cycles)
{
	if (!timebase_hz)
		return 0;
	return cycles / timebase_hz * NSEC_PER_SEC +
	       cycles % timebase_hz * NSEC_PER_SEC / timebase_hz;
}

u64 ns_to_cycles(u64 ns)
{
	return ns / NSEC_PER_SEC * timebase_hz +
	       ns % NSEC_PER_SEC * timebase_hz / NSEC_PER_SEC;
}

u64 ktime_get_ns(void)
{
	return cycles_to_ns(get_cycles64());
}
