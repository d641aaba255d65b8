// SPDX-License-Identifier: MIT
/*
 * bench=tasks, row tasks.getpid: the null system call's round trip from
 * user mode. Each sample brackets one ecall with rdinstret: the count is
 * the ecall and everything the kernel runs until its sret back (trap
 * entry, do_syscall, sys_getpid, exit_to_user_mode, trap exit), less the
 * empty bracket. a7 is set before the bracket opens.
 */
#include "bench.h"

#define SAMPLES	1001

int main(void)
{
	struct bench_result *r = bench_result_map();

	if (!r)
		return 1;
	/* one warm-up call first: it is not kept */
	for (int i = 0; i <= SAMPLES; i++) {
		register long a0 asm("a0");
		register long a7 asm("a7") = __NR_getpid;
		unsigned int t0, t1;

		asm volatile("rdinstret %0\n\tecall\n\trdinstret %1"
			     : "=&r"(t0), "=r"(t1), "=r"(a0) : "r"(a7) : "memory");
		BENCH_CHECK(r, a0 == sys_getpid() && a0 > 0);
		if (i)
			r->samples[r->nr++] = t1 - t0 - r->overhead;
	}
	r->magic = BENCH_RESULT_MAGIC;
	return 0;
}
