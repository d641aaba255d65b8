// SPDX-License-Identifier: MIT
/*
 * Many mappings: 10,000 separate one-page mappings (alternating rights, so
 * no two merge) each with its own page, all unmapped one by one; then
 * mapping until the kernel refuses with -ENOMEM at max_map_count, which
 * must come within a few maps of Linux's default 65530, and cleaning up.
 */
#include "ut.h"

#define NMAPS		10000
#define MAX_MAP_COUNT	65530	/* Linux's DEFAULT_MAX_MAP_COUNT */
/* Mappings the process has before the test: text, data, brk, stack, vdso... */
#define EXISTING_MAX	32

static unsigned long addrs[MAX_MAP_COUNT];

/* Alternate the rights so that neighbouring mappings cannot merge. */
static int prot_of(unsigned long i)
{
	return i & 1 ? PROT_READ : PROT_READ | PROT_WRITE;
}

static long map_one(unsigned long i)
{
	return sys_mmap(NULL, PAGE_SIZE, prot_of(i), MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void read_at(void *p)
{
	ut_peek(p);
}

static void case_ten_thousand(void)
{
	unsigned long i, lo = ~0UL, hi = 0;

	for (i = 0; i < NMAPS; i++) {
		long r = map_one(i);

		CHECK_OK(r);
		CHECK_EQ(r % PAGE_SIZE, 0);
		addrs[i] = r;
		lo = r < (long)lo ? (unsigned long)r : lo;
		hi = (unsigned long)r > hi ? (unsigned long)r : hi;
	}
	/* Distinct pages: NMAPS of them cannot fit in a smaller span. */
	CHECK(hi - lo >= (NMAPS - 1) * PAGE_SIZE);
	for (i = 0; i < NMAPS; i++) {
		CHECK_EQ(ut_peek((void *)addrs[i]), 0);
		if (prot_of(i) & PROT_WRITE)
			*(volatile unsigned long *)addrs[i] = i;
	}
	for (i = 0; i < NMAPS; i++)
		if (prot_of(i) & PROT_WRITE)
			CHECK_EQ(*(volatile unsigned long *)addrs[i], i);
	for (i = 0; i < NMAPS; i++)
		CHECK_EQ(sys_munmap((void *)addrs[i], PAGE_SIZE), 0);
	CHECK_SIGNALED(ut_run_child(read_at, (void *)addrs[0]), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(read_at, (void *)addrs[NMAPS - 1]), SIGSEGV);
}

/*
 * Map one-page mappings until the kernel refuses; the refusal must be
 * -ENOMEM and must come before MAX_MAP_COUNT maps. Unmaps them all and
 * returns how many it mapped.
 */
static unsigned long map_until_enomem(void)
{
	unsigned long n = 0, i;
	long r = 0;

	while (n < MAX_MAP_COUNT) {
		r = map_one(n);
		if (IS_ERR_VALUE(r))
			break;
		addrs[n++] = r;
	}
	ut_printf("# max_map_count: %lu mappings, then %ld\n", n, r);
	CHECK_EQ(r, -ENOMEM);
	for (i = 0; i < n; i++)
		CHECK_EQ(sys_munmap((void *)addrs[i], PAGE_SIZE), 0);
	return n;
}

/* After the cleanup every map slot is free again. */
static void check_maps_again(void)
{
	unsigned long i;

	for (i = 0; i < NMAPS; i++) {
		long r = map_one(i);

		CHECK_OK(r);
		addrs[i] = r;
	}
	for (i = 0; i < NMAPS; i++)
		CHECK_EQ(sys_munmap((void *)addrs[i], PAGE_SIZE), 0);
}

static void case_max_map_count(void)
{
	CHECK(map_until_enomem() > NMAPS);
	check_maps_again();
}

/* The limit counts the process's own mappings only: it comes at 65530 minus those. */
static void case_max_map_count_exact(void)
{
	unsigned long n = map_until_enomem();

	CHECK(n >= MAX_MAP_COUNT - EXISTING_MAX);
	check_maps_again();
}

static const struct ut_case cases[] = {
	{ "ten_thousand", case_ten_thousand },
	{ "max_map_count", case_max_map_count },
	{ "max_map_count_exact", case_max_map_count_exact },
};

int main(void)
{
	return UT_RUN(cases);
}
