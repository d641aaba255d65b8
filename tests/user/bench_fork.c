// SPDX-License-Identifier: MIT
/*
 * bench=tasks, row tasks.fork_exit_wait_1m: fork + exit + wait4 of a
 * process with 1 MiB of private anonymous memory touched. Each sample
 * brackets, with rdinstret, the parent's fork, the child's run (its
 * return from fork and exit_group: do_exit, exit_mmap of the copy) and
 * the parent's wait4 (sleeping until the child is a zombie, the reap),
 * so it holds both switches. Before each sample the parent writes every
 * page again (outside the bracket), so each fork copies a space whose
 * 256 pages are all present and writable, as a working process's are.
 */
#include "bench.h"

#define SAMPLES		31
#define REGION_PAGES	256	/* 1 MiB */

int main(void)
{
	struct bench_result *r = bench_result_map();
	volatile unsigned int *region;
	long addr;

	if (!r)
		return 1;
	addr = sys_mmap(0, REGION_PAGES * 4096UL, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	BENCH_CHECK(r, !IS_ERR_VALUE(addr));
	region = (volatile unsigned int *)addr;
	/* one warm-up fork first: it is not kept */
	for (int i = 0; i <= SAMPLES; i++) {
		unsigned int t0, t1;
		int status = -1;
		long pid, got;

		for (int p = 0; p < REGION_PAGES; p++)
			region[p * 1024] = i + p;
		t0 = bench_rdinstret();
		pid = sys_fork();
		if (pid == 0)
			sys_exit_group(0);
		got = sys_wait4(pid, &status, 0, NULL);
		t1 = bench_rdinstret();
		BENCH_CHECK(r, pid > 0 && got == pid && status == 0);
		if (i)
			r->samples[r->nr++] = t1 - t0 - r->overhead;
	}
	r->magic = BENCH_RESULT_MAGIC;
	return 0;
}
