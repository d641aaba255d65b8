// SPDX-License-Identifier: MIT
/*
 * mremap: growing in place, refusing to grow into a neighbour without
 * MREMAP_MAYMOVE, moving with it (contents kept, new tail zero, old range
 * gone), shrinking, MREMAP_FIXED onto a chosen address, and the errno
 * cases.
 */
#include "ut.h"

#define PG(n)	((n) * PAGE_SIZE)
#define MREMAP_UNKNOWN_FLAG	0x100	/* above MREMAP_DONTUNMAP */

static void fill(char *p, unsigned long len, unsigned char salt)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		p[i] = (char)((i >> 3) ^ salt);
}

static int holds(const char *p, unsigned long len, unsigned char salt)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		if (ut_peek(p + i) != (unsigned char)((i >> 3) ^ salt))
			return 0;
	return 1;
}

static int all_zero(const char *p, unsigned long len)
{
	unsigned long i;

	for (i = 0; i < len; i++)
		if (ut_peek(p + i))
			return 0;
	return 1;
}

static void touch(void *p)
{
	ut_peek(p);
}

static void case_grow_in_place(void)
{
	char *p = ut_map(PG(8), PROT_READ | PROT_WRITE);

	/* Free the six pages above the first two, then grow back into them. */
	CHECK_EQ(sys_munmap(p + PG(2), PG(6)), 0);
	fill(p, PG(2), 1);
	CHECK_EQ(sys_mremap(p, PG(2), PG(8), 0, NULL), (long)p);
	CHECK(holds(p, PG(2), 1));
	CHECK(all_zero(p + PG(2), PG(6)));
	CHECK_EQ(sys_munmap(p, PG(8)), 0);
}

static void case_move(void)
{
	char *p = ut_map(PG(5), PROT_READ | PROT_WRITE);
	long q;

	/* The fifth page, with other rights, is a neighbour in the way. */
	CHECK_EQ(sys_mprotect(p + PG(4), PG(1), PROT_READ), 0);
	fill(p, PG(4), 2);
	CHECK_EQ(sys_mremap(p, PG(4), PG(16), 0, NULL), -ENOMEM);
	CHECK(holds(p, PG(4), 2));
	q = sys_mremap(p, PG(4), PG(16), MREMAP_MAYMOVE, NULL);
	CHECK_OK(q);
	CHECK(q != (long)p);
	CHECK_EQ(q % PAGE_SIZE, 0);
	CHECK(holds((char *)q, PG(4), 2));
	CHECK(all_zero((char *)q + PG(4), PG(12)));
	fill((char *)q, PG(16), 3);
	CHECK(holds((char *)q, PG(16), 3));
	CHECK_SIGNALED(ut_run_child(touch, p), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(touch, p + PG(3)), SIGSEGV);
	CHECK_EQ(ut_peek(p + PG(4)), 0);
	CHECK_EQ(sys_munmap((void *)q, PG(16)), 0);
	CHECK_EQ(sys_munmap(p + PG(4), PG(1)), 0);
}

static void case_shrink(void)
{
	char *p = ut_map(PG(8), PROT_READ | PROT_WRITE);

	fill(p, PG(8), 4);
	CHECK_EQ(sys_mremap(p, PG(8), PG(2), 0, NULL), (long)p);
	CHECK(holds(p, PG(2), 4));
	CHECK_SIGNALED(ut_run_child(touch, p + PG(2)), SIGSEGV);
	CHECK_SIGNALED(ut_run_child(touch, p + PG(7)), SIGSEGV);
	CHECK_EQ(sys_munmap(p, PG(2)), 0);
}

static void case_fixed(void)
{
	char *src = ut_map(PG(4), PROT_READ | PROT_WRITE);
	char *dst = ut_map(PG(6), PROT_READ | PROT_WRITE);
	char *scratch;

	fill(src, PG(4), 5);
	fill(dst, PG(6), 6);
	/* The target's old mapping is replaced; past the new length it stays. */
	CHECK_EQ(sys_mremap(src, PG(4), PG(4), MREMAP_MAYMOVE | MREMAP_FIXED, dst), (long)dst);
	CHECK(holds(dst, PG(4), 5));
	CHECK_EQ(ut_peek(dst + PG(4)), (unsigned char)((PG(4) >> 3) ^ 6));
	CHECK_SIGNALED(ut_run_child(touch, src), SIGSEGV);
	/* Moving and growing at once, over another mapping (filled, so the zero tail is new). */
	scratch = ut_map(PG(8), PROT_READ | PROT_WRITE);
	fill(scratch, PG(8), 7);
	CHECK_EQ(sys_mremap(dst, PG(4), PG(5), MREMAP_MAYMOVE | MREMAP_FIXED, scratch + PG(1)),
		 (long)(scratch + PG(1)));
	CHECK(holds(scratch + PG(1), PG(4), 5));
	CHECK(all_zero(scratch + PG(5), PG(1)));
	CHECK_EQ(ut_peek(scratch), (unsigned char)(0 ^ 7));
	CHECK_EQ(ut_peek(scratch + PG(6)), (unsigned char)((PG(6) >> 3) ^ 7));
	CHECK_SIGNALED(ut_run_child(touch, dst), SIGSEGV);
	CHECK_EQ(ut_peek(dst + PG(4)), (unsigned char)((PG(4) >> 3) ^ 6));
	CHECK_EQ(sys_munmap(scratch, PG(8)), 0);
	CHECK_EQ(sys_munmap(dst, PG(6)), 0);
}

static void case_errors(void)
{
	char *p = ut_map(PG(4), PROT_READ | PROT_WRITE);

	CHECK_EQ(sys_mremap(p + 1, PG(1), PG(2), MREMAP_MAYMOVE, NULL), -EINVAL);
	/* MREMAP_FIXED needs MREMAP_MAYMOVE. */
	CHECK_EQ(sys_mremap(p, PG(1), PG(1), MREMAP_FIXED, p + PG(2)), -EINVAL);
	/* The new range may not overlap the old one. */
	CHECK_EQ(sys_mremap(p, PG(2), PG(2), MREMAP_MAYMOVE | MREMAP_FIXED, p + PG(1)), -EINVAL);
	CHECK_EQ(sys_mremap(p, PG(1), PG(1), MREMAP_MAYMOVE | MREMAP_FIXED, p + PG(2) + 1),
		 -EINVAL);
	CHECK_EQ(sys_munmap(p, PG(4)), 0);
}

/* Linux: nothing mapped at the old address is -EFAULT. */
static void case_unmapped_old(void)
{
	char *hole = ut_map(PG(1), PROT_READ);

	CHECK_EQ(sys_munmap(hole, PG(1)), 0);
	CHECK_EQ(sys_mremap(hole, PG(1), PG(2), MREMAP_MAYMOVE, NULL), -EFAULT);
	CHECK_EQ(sys_mremap(hole, PG(1), PG(1), 0, NULL), -EFAULT);
}

/*
 * Linux checks the flags and the new length before it looks at any
 * mapping: unknown flags and a new length of 0 are -EINVAL.
 */
static void case_bad_args(void)
{
	char *p = ut_map(PG(1), PROT_READ);

	CHECK_EQ(sys_mremap(p, PG(1), PG(2), MREMAP_UNKNOWN_FLAG, NULL), -EINVAL);
	CHECK_EQ(sys_mremap(p, PG(1), PG(2), MREMAP_UNKNOWN_FLAG | MREMAP_MAYMOVE, NULL), -EINVAL);
	CHECK_EQ(sys_mremap(p, PG(1), 0, MREMAP_MAYMOVE, NULL), -EINVAL);
	CHECK_EQ(sys_mremap(p, PG(1), 0, 0, NULL), -EINVAL);
	CHECK_EQ(ut_peek(p), 0);
	CHECK_EQ(sys_munmap(p, PG(1)), 0);
}

static const struct ut_case cases[] = {
	{ "grow_in_place", case_grow_in_place },
	{ "move", case_move },
	{ "shrink", case_shrink },
	{ "fixed", case_fixed },
	{ "errors", case_errors },
	{ "unmapped_old", case_unmapped_old },
	{ "bad_args", case_bad_args },
};

int main(void)
{
	return UT_RUN(cases);
}
