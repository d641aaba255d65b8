// SPDX-License-Identifier: MIT
/* The benchmark runner: see <linux/bench.h>. */
#include <string.h>

#include <linux/bench.h>
#include <linux/bootparam.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/spinlock.h>

extern const struct bench __start_benches[], __stop_benches[];

static char bench_list[256];
BOOT_PARAM_LIST("bench", bench_list, sizeof(bench_list),
		"benchmarks to run: all, a group (buddy) or full row names");

#define BENCH_MAX_SAMPLES	2001
static u32 samples[BENCH_MAX_SAMPLES];

bool bench_requested(void)
{
	return bench_list[0] != '\0';
}

static bool bench_selected(const struct bench *b)
{
	char group[48];
	size_t n = strcspn(b->name, ".");

	if (bootparam_list_has(bench_list, b->name))
		return true;
	if (n >= sizeof(group))
		return false;
	memcpy(group, b->name, n);
	group[n] = '\0';
	return bootparam_list_has(bench_list, group);
}

/* An empty bracket: what bench_begin() and bench_end() themselves cost. */
static noinline u32 bench_empty_op(void *arg)
{
	u32 start = bench_begin();

	return bench_end(start);
}

/* What one call of op(arg) measured, interrupts off. */
static u32 measure(u32 (*op)(void *), void *arg)
{
	unsigned long flags;
	u32 v;

	local_irq_save(flags);
	v = op(arg);
	local_irq_restore(flags);
	return v;
}

/* Insertion sort is enough for ~1000 samples, once per row. */
static void sort_u32(u32 *a, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++) {
		u32 v = a[i];

		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

/* Median and max of n measurements of op, less the empty bracket's cost. */
static void sample(u32 (*op)(void *), void *arg, unsigned int n, u32 overhead,
		   u32 *median, u32 *maxv)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		u32 v = measure(op, arg);

		samples[i] = v > overhead ? v - overhead : 0;
	}
	sort_u32(samples, n);
	*median = samples[n / 2];
	*maxv = samples[n - 1];
}

/* A row that collects its own samples; the number taken, 0 if it failed. */
static unsigned int collect(const struct bench *b, unsigned int n, u32 overhead,
			    u32 *median, u32 *maxv)
{
	int got = b->collect(samples, n, overhead);

	if (got <= 0) {
		pr_err("bench: %s: no samples (%d)\n", b->name, got);
		return 0;
	}
	sort_u32(samples, (unsigned int)got);
	*median = samples[got / 2];
	*maxv = samples[got - 1];
	return (unsigned int)got;
}

unsigned int bench_run_all(void)
{
	const struct bench *b;
	unsigned int failed = 0;
	u32 overhead, omax;

	if (!bench_requested())
		return 0;
	sample(bench_empty_op, NULL, 101, 0, &overhead, &omax);
	pr_info("bench: an empty bracket costs %u instructions (subtracted)\n", overhead);
	for (b = __start_benches; b < __stop_benches; b++) {
		unsigned int n = b->samples ? b->samples : BENCH_SAMPLES;
		void *arg = NULL;
		int err = 0;
		u32 median, maxv;

		if (!bench_selected(b))
			continue;
		if (n > BENCH_MAX_SAMPLES)
			n = BENCH_MAX_SAMPLES;
		if (b->collect) {
			n = collect(b, n, overhead, &median, &maxv);
			if (!n) {
				failed++;
				continue;
			}
			pr_record("bench", "name=%s ops=%u median=%u max=%u unit=instructions",
				  b->name, n, median, maxv);
			continue;
		}
		if (b->prepare) {
			arg = b->prepare(&err);
			if (err) {
				pr_err("bench: %s: setup failed (%d)\n", b->name, err);
				failed++;
				continue;
			}
		}
		/* one warm-up call: first-touch effects are not the steady state */
		measure(b->op, arg);
		sample(b->op, arg, n, overhead, &median, &maxv);
		if (b->cleanup)
			b->cleanup(arg);
		pr_record("bench", "name=%s ops=%u median=%u max=%u unit=instructions",
			  b->name, n, median, maxv);
	}
	return failed;
}
