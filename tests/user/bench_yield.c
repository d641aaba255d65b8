// SPDX-License-Identifier: MIT
/*
 * bench=tasks, row tasks.yield_switch: one user-to-user context switch.
 * The program forks; parent and child each call sched_yield ROUNDS
 * times, every call bracketed by rdinstret (t0 just before the ecall, t1
 * just after it returns), the counts kept in MAP_SHARED memory. With the
 * two of them the only runnable tasks, a yield of one runs the other:
 * when task A entered its yield i while task B sat in its yield j, and B
 * came back from it before A did, then B.t1[j] - A.t0[i] is one switch
 * from A's ecall to B's first user instruction after its sched_yield
 * (A's trap entry, sys_sched_yield, schedule, switch_mm, __switch_to,
 * B's way back out and sret), less the empty bracket. Yields that do not
 * pair so (the child's first, a tick that preempted user code between
 * two yields) give no sample.
 */
#include "bench.h"

#define ROUNDS	1001

struct yield_log {
	unsigned int t0[ROUNDS], t1[ROUNDS];
};

static void yield_loop(struct yield_log *log)
{
	for (int i = 0; i < ROUNDS; i++) {
		register long a0 asm("a0");
		register long a7 asm("a7") = __NR_sched_yield;
		unsigned int t0, t1;

		asm volatile("rdinstret %0\n\tecall\n\trdinstret %1"
			     : "=&r"(t0), "=r"(t1), "=r"(a0) : "r"(a7) : "memory");
		log->t0[i] = t0;
		log->t1[i] = t1;
	}
}

/* The switches from a's yields to b's returns (see the top), into r. */
static void pair_switches(struct bench_result *r, const struct yield_log *a,
			  const struct yield_log *b)
{
	int j = 0;

	for (int i = 0; i < ROUNDS && r->nr < BENCH_RESULT_MAX; i++) {
		while (j < ROUNDS && b->t1[j] <= a->t0[i])
			j++;
		if (j == ROUNDS)
			break;
		if (b->t0[j] < a->t0[i] && b->t1[j] < a->t1[i])
			r->samples[r->nr++] = b->t1[j] - a->t0[i] - r->overhead;
	}
}

int main(void)
{
	struct bench_result *r = bench_result_map();
	struct yield_log *log;
	long addr, pid;
	int status;

	if (!r)
		return 1;
	addr = sys_mmap(0, 2 * sizeof(*log), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	BENCH_CHECK(r, !IS_ERR_VALUE(addr));
	log = (struct yield_log *)addr;
	/* fault the logs in now, not inside a bracket */
	memset(log, 0, 2 * sizeof(*log));
	pid = sys_fork();
	BENCH_CHECK(r, pid >= 0);
	if (pid == 0) {
		yield_loop(&log[1]);
		sys_exit_group(0);
	}
	yield_loop(&log[0]);
	BENCH_CHECK(r, sys_wait4(pid, &status, 0, NULL) == pid && status == 0);
	pair_switches(r, &log[0], &log[1]);
	pair_switches(r, &log[1], &log[0]);
	BENCH_CHECK(r, r->nr > ROUNDS);
	r->magic = BENCH_RESULT_MAGIC;
	return 0;
}
