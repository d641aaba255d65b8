// SPDX-License-Identifier: MIT
/*
 * Anonymous memory: fresh pages read zero, writes persist, MADV_DONTNEED
 * gives zeroes back, MAP_FIXED replaces, and the error cases of mmap,
 * munmap and mprotect return Linux's errno values.
 */
#include "ut.h"

#define NPAGES		16
#define WORDS(len)	((len) / sizeof(unsigned long))
/* A multiplicative hash, so each word of a page holds a different value. */
#define PATTERN(i)	((unsigned long)(i) * 2654435761UL + 1)

static void fill(unsigned long *p, unsigned long len, unsigned long salt)
{
	unsigned long i;

	for (i = 0; i < WORDS(len); i++)
		p[i] = PATTERN(i) ^ salt;
}

static int holds(const unsigned long *p, unsigned long len, unsigned long salt)
{
	unsigned long i;

	for (i = 0; i < WORDS(len); i++)
		if (((volatile const unsigned long *)p)[i] != (PATTERN(i) ^ salt))
			return 0;
	return 1;
}

static int all_zero(const void *p, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < WORDS(len); i++)
		if (((volatile const unsigned long *)p)[i])
			return 0;
	return 1;
}

static void case_zero_fill(void)
{
	unsigned long len = NPAGES * PAGE_SIZE;
	void *rw = ut_map(len, PROT_READ | PROT_WRITE);
	void *ro = ut_map(len, PROT_READ);

	CHECK_EQ((unsigned long)rw % PAGE_SIZE, 0);
	CHECK(all_zero(rw, len));
	CHECK(all_zero(ro, len));
	CHECK_EQ(sys_munmap(rw, len), 0);
	CHECK_EQ(sys_munmap(ro, len), 0);
}

static void case_writes_persist(void)
{
	unsigned long len = NPAGES * PAGE_SIZE;
	unsigned long *p = ut_map(len, PROT_READ | PROT_WRITE);

	fill(p, len, 0x5a5a);
	CHECK(holds(p, len, 0x5a5a));
	CHECK_EQ(sys_sched_yield(), 0);
	CHECK(holds(p, len, 0x5a5a));
	/* A change to one byte stays one byte. */
	ut_poke((char *)p + 5 * PAGE_SIZE + 3, 0xee);
	CHECK_EQ(ut_peek((char *)p + 5 * PAGE_SIZE + 3), 0xee);
	CHECK_EQ(ut_peek((char *)p + 5 * PAGE_SIZE + 4), 
		 (unsigned char)(PATTERN(5 * WORDS(PAGE_SIZE) + 1) ^ 0x5a5a));
	CHECK_EQ(sys_munmap(p, len), 0);
}

static void case_madvise_dontneed(void)
{
	unsigned long len = 4 * PAGE_SIZE;
	unsigned long *p = ut_map(len, PROT_READ | PROT_WRITE);

	fill(p, len, 0xa5);
	CHECK_EQ(sys_madvise(p, len, MADV_DONTNEED), 0);
	CHECK(all_zero(p, len));
	fill(p, PAGE_SIZE, 1);
	CHECK(holds(p, PAGE_SIZE, 1));
	/* Only the pages named lose their contents. */
	fill(p, len, 2);
	CHECK_EQ(sys_madvise((char *)p + PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), 0);
	CHECK(holds(p, PAGE_SIZE, 2));
	CHECK(all_zero((char *)p + PAGE_SIZE, PAGE_SIZE));
	CHECK_EQ(((volatile unsigned long *)p)[2 * WORDS(PAGE_SIZE)], PATTERN(2 * WORDS(PAGE_SIZE)) ^ 2);
	CHECK_EQ(sys_madvise((char *)p + 1, PAGE_SIZE, MADV_DONTNEED), -EINVAL);
	CHECK_EQ(sys_munmap(p, len), 0);
}

static void case_map_fixed_replaces(void)
{
	unsigned long len = 4 * PAGE_SIZE;
	unsigned long *p = ut_map(len, PROT_READ | PROT_WRITE);
	long r;

	fill(p, len, 3);
	r = sys_mmap((char *)p + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK_EQ(r, (long)p + PAGE_SIZE);
	CHECK(holds(p, PAGE_SIZE, 3));
	CHECK(all_zero((char *)p + PAGE_SIZE, PAGE_SIZE));
	CHECK_EQ(((volatile unsigned long *)p)[2 * WORDS(PAGE_SIZE)], PATTERN(2 * WORDS(PAGE_SIZE)) ^ 3);
	CHECK_EQ(sys_munmap(p, len), 0);
}

static void case_hint(void)
{
	long r = sys_mmap((void *)0x12345, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);

	/* A hint is only a hint: whatever the address, it is page-aligned. */
	CHECK_OK(r);
	CHECK_EQ(r % PAGE_SIZE, 0);
	CHECK((unsigned long)r >= PAGE_SIZE);
	CHECK_EQ(sys_munmap((void *)r, PAGE_SIZE), 0);
}

static void case_mmap_errors(void)
{
	const int anon = MAP_ANONYMOUS;
	void *p = ut_map(2 * PAGE_SIZE, PROT_READ);

	CHECK_EQ(sys_mmap(NULL, 0, PROT_READ, MAP_PRIVATE | anon, -1, 0), -EINVAL);
	CHECK_EQ(sys_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED_VALIDATE | anon, -1, 0),
		 -EINVAL);
	CHECK_EQ(sys_mmap(NULL, PAGE_SIZE, PROT_READ, anon, -1, 0), -EINVAL);
	CHECK_EQ(sys_mmap((char *)p + 1, PAGE_SIZE, PROT_READ, MAP_PRIVATE | anon | MAP_FIXED,
			  -1, 0), -EINVAL);
	/* Larger than the whole user address space. */
	CHECK_EQ(sys_mmap(NULL, 0xfffff000UL, PROT_READ, MAP_PRIVATE | anon, -1, 0), -ENOMEM);
	CHECK_EQ(sys_munmap(p, 2 * PAGE_SIZE), 0);
}

static void case_map_fixed_noreplace(void)
{
	const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
	long r;

	p[0] = 1;
	CHECK_EQ(sys_mmap(p, PAGE_SIZE, PROT_READ, flags, -1, 0), -EEXIST);
	CHECK_EQ(sys_mmap(p + PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ, flags, -1, 0), -EEXIST);
	CHECK_EQ(ut_peek(p), 1);
	/* Into the hole left by an munmap it maps exactly there. */
	CHECK_EQ(sys_munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	r = sys_mmap(p + PAGE_SIZE, PAGE_SIZE, PROT_READ, flags, -1, 0);
	CHECK_EQ(r, (long)(p + PAGE_SIZE));
	CHECK_EQ(sys_munmap(p, 2 * PAGE_SIZE), 0);
}

static void case_munmap_errors(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ);

	CHECK_EQ(sys_munmap(p + 1, PAGE_SIZE), -EINVAL);
	CHECK_EQ(sys_munmap(p, 0), -EINVAL);
	CHECK_EQ(sys_munmap(p, 2 * PAGE_SIZE), 0);
	/* Nothing mapped there any more: still a success, as on Linux. */
	CHECK_EQ(sys_munmap(p, 2 * PAGE_SIZE), 0);
}

static void case_mprotect(void)
{
	char *p = ut_map(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	p[0] = 9;
	CHECK_EQ(sys_mprotect(p, PAGE_SIZE, PROT_READ), 0);
	CHECK_EQ(ut_peek(p), 9);
	CHECK_EQ(sys_mprotect(p + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	CHECK_EQ(sys_mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	ut_poke(p, 10);
	CHECK_EQ(ut_peek(p), 10);
	CHECK_EQ(sys_munmap(p, 2 * PAGE_SIZE), 0);
}

static void case_mprotect_unmapped(void)
{
	char *p = ut_map(3 * PAGE_SIZE, PROT_READ | PROT_WRITE);

	CHECK_EQ(sys_munmap(p + PAGE_SIZE, PAGE_SIZE), 0);
	/* Linux: -ENOMEM when any page of the range is unmapped. */
	CHECK_EQ(sys_mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ), -ENOMEM);
	CHECK_EQ(sys_mprotect(p, 3 * PAGE_SIZE, PROT_READ), -ENOMEM);
	CHECK_EQ(sys_munmap(p, 3 * PAGE_SIZE), 0);
}

static const struct ut_case cases[] = {
	{ "zero_fill", case_zero_fill },
	{ "writes_persist", case_writes_persist },
	{ "madvise_dontneed", case_madvise_dontneed },
	{ "map_fixed_replaces", case_map_fixed_replaces },
	{ "hint", case_hint },
	{ "mmap_errors", case_mmap_errors },
	{ "map_fixed_noreplace", case_map_fixed_noreplace },
	{ "munmap_errors", case_munmap_errors },
	{ "mprotect", case_mprotect },
	{ "mprotect_unmapped", case_mprotect_unmapped },
};

int main(void)
{
	return UT_RUN(cases);
}
