// SPDX-License-Identifier: MIT
/*
 * fork (clone with SIGCHLD): after it, parent and child each see their own
 * copy of private memory (data, bss, stack, brk, private anonymous
 * mappings: copy-on-write), while MAP_SHARED anonymous memory is one copy
 * both see. Nested forks and many pages too.
 */
#include "ut.h"

#define COW_PAGES	64
#define WORDS_PER_PAGE	(PAGE_SIZE / sizeof(unsigned long))

static unsigned long in_data = 0x1111;
static unsigned long in_bss;

/* A page both processes see: the child's report and a flag to sync on. */
struct shared {
	volatile long parent_wrote;
	volatile long child_saw;
	volatile long child_wrote;
	volatile long grandchild_ppid;
	volatile long child_pid;
};

static struct shared *map_shared(void)
{
	long r = sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			  -1, 0);

	CHECK_OK(r);
	return (struct shared *)r;
}

static void wait_exit0(long pid)
{
	int status = -1;

	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_EXITED(status, 0);
}

static void case_private_isolated(void)
{
	volatile unsigned long on_stack = 0x3333;
	long heap = sys_brk(0);
	unsigned long *anon = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);
	volatile unsigned long *brk_word;
	long pid;

	CHECK_EQ(sys_brk(heap + PAGE_SIZE), heap + PAGE_SIZE);
	brk_word = (unsigned long *)heap;
	in_data = 0x1111;
	in_bss = 0x2222;
	*brk_word = 0x4444;
	anon[0] = 0x5555;
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0) {
		/* The child starts with the parent's values... */
		CHECK_EQ(in_data, 0x1111);
		CHECK_EQ(in_bss, 0x2222);
		CHECK_EQ(on_stack, 0x3333);
		CHECK_EQ(*brk_word, 0x4444);
		CHECK_EQ(anon[0], 0x5555);
		/* ...and its writes are its own. */
		in_data = 0xc1;
		in_bss = 0xc2;
		on_stack = 0xc3;
		*brk_word = 0xc4;
		anon[0] = 0xc5;
		CHECK_EQ(in_data, 0xc1);
		CHECK_EQ(in_bss, 0xc2);
		CHECK_EQ(on_stack, 0xc3);
		CHECK_EQ(*brk_word, 0xc4);
		CHECK_EQ(((volatile unsigned long *)anon)[0], 0xc5);
		sys_exit_group(0);
	}
	wait_exit0(pid);
	CHECK_EQ(in_data, 0x1111);
	CHECK_EQ(in_bss, 0x2222);
	CHECK_EQ(on_stack, 0x3333);
	CHECK_EQ(*brk_word, 0x4444);
	CHECK_EQ(((volatile unsigned long *)anon)[0], 0x5555);
	CHECK_EQ(sys_munmap(anon, PAGE_SIZE), 0);
	CHECK_EQ(sys_brk(heap), heap);
}

static void case_parent_writes_after_fork(void)
{
	struct shared *sh = map_shared();
	unsigned long *anon = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);
	long pid;

	anon[0] = 1;
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0) {
		while (!sh->parent_wrote)
			sys_sched_yield();
		sh->child_saw = ((volatile unsigned long *)anon)[0];
		sys_exit_group(0);
	}
	anon[0] = 2;
	sh->parent_wrote = 1;
	wait_exit0(pid);
	CHECK_EQ(sh->child_saw, 1);
	CHECK_EQ(anon[0], 2);
	CHECK_EQ(sys_munmap(anon, PAGE_SIZE), 0);
	CHECK_EQ(sys_munmap(sh, PAGE_SIZE), 0);
}

static void case_shared_anon(void)
{
	struct shared *sh = map_shared();
	long pid;

	sh->parent_wrote = 0xabc;
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0) {
		sh->child_saw = sh->parent_wrote;
		sh->child_wrote = 0xdef;
		sys_exit_group(0);
	}
	wait_exit0(pid);
	CHECK_EQ(sh->child_saw, 0xabc);
	CHECK_EQ(sh->child_wrote, 0xdef);
	CHECK_EQ(sys_munmap(sh, PAGE_SIZE), 0);
}

static void case_many_pages(void)
{
	unsigned long len = COW_PAGES * PAGE_SIZE, i;
	unsigned long *p = ut_map(len, PROT_READ | PROT_WRITE);
	long pid;

	for (i = 0; i < len / sizeof(*p); i++)
		p[i] = i;
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0) {
		for (i = 0; i < len / sizeof(*p); i++) {
			CHECK_EQ(((volatile unsigned long *)p)[i], i);
			p[i] = ~i;
		}
		for (i = 0; i < len / sizeof(*p); i += WORDS_PER_PAGE)
			CHECK_EQ(((volatile unsigned long *)p)[i], ~i);
		sys_exit_group(0);
	}
	wait_exit0(pid);
	for (i = 0; i < len / sizeof(*p); i++)
		CHECK_EQ(((volatile unsigned long *)p)[i], i);
	CHECK_EQ(sys_munmap(p, len), 0);
}

static void case_nested(void)
{
	struct shared *sh = map_shared();
	long pid, grandchild;

	in_data = 10;
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0) {
		in_data = 20;
		sh->child_pid = sys_getpid();
		grandchild = sys_fork();
		CHECK_OK(grandchild);
		if (grandchild == 0) {
			CHECK_EQ(in_data, 20);
			in_data = 30;
			sh->grandchild_ppid = sys_getppid();
			sys_exit_group(3);
		}
		{
			int status = -1;

			CHECK_EQ(sys_wait4(grandchild, &status, 0, NULL), grandchild);
			CHECK_EXITED(status, 3);
		}
		CHECK_EQ(in_data, 20);
		sys_exit_group(0);
	}
	wait_exit0(pid);
	CHECK_EQ(in_data, 10);
	CHECK_EQ(sh->child_pid, pid);
	CHECK_EQ(sh->grandchild_ppid, pid);
	CHECK_EQ(sys_munmap(sh, PAGE_SIZE), 0);
}

static const struct ut_case cases[] = {
	{ "private_isolated", case_private_isolated },
	{ "parent_writes_after_fork", case_parent_writes_after_fork },
	{ "shared_anon", case_shared_anon },
	{ "many_pages", case_many_pages },
	{ "nested", case_nested },
};

int main(void)
{
	return UT_RUN(cases);
}
