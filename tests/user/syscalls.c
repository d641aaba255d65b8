// SPDX-License-Identifier: MIT
/*
 * Process and miscellaneous system calls: getpid/getppid, sched_yield,
 * unknown numbers, write's errors, exit statuses through wait4, wait4's
 * WNOHANG and ECHILD, kill (SIGKILL, SIGTERM, signal 0 probes) and
 * nanosleep's argument checks.
 */
#include "ut.h"

/* Numbers no Linux table defines: the kernel must answer -ENOSYS. */
#define NR_UNKNOWN_1	999
#define NR_UNKNOWN_2	2047
#define FD_NOT_OPEN	1000
#define BAD_SIGNAL	100	/* above Linux's _NSIG (64) */

static long parent_pid;

static void case_getpid(void)
{
	long pid = sys_getpid();

	CHECK(pid > 0);
	CHECK_EQ(sys_getpid(), pid);
	CHECK(sys_getppid() >= 0);
	CHECK(sys_getppid() != pid);
}

static void child_ids(void *arg)
{
	long *shared = arg;

	CHECK_EQ(sys_getppid(), parent_pid);
	shared[0] = sys_getpid();
}

static void case_getppid_in_child(void)
{
	long *shared = (long *)sys_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
					MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long pid;
	int status;

	CHECK_OK((long)shared);
	parent_pid = sys_getpid();
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0) {
		child_ids(shared);
		sys_exit_group(0);
	}
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_EXITED(status, 0);
	CHECK_EQ(shared[0], pid);
	CHECK(pid != parent_pid);
	CHECK_EQ(sys_munmap(shared, PAGE_SIZE), 0);
}

static void case_sched_yield(void)
{
	int i;

	for (i = 0; i < 100; i++)
		CHECK_EQ(sys_sched_yield(), 0);
}

static void case_enosys(void)
{
	CHECK_EQ(sys_syscall0(NR_UNKNOWN_1), -ENOSYS);
	CHECK_EQ(sys_syscall0(NR_UNKNOWN_2), -ENOSYS);
}

static void case_write(void)
{
	static const char msg[] = "# write to fd 1\n";
	void *gone = ut_map(PAGE_SIZE, PROT_READ | PROT_WRITE);

	CHECK_EQ(sys_write(1, msg, sizeof(msg) - 1), sizeof(msg) - 1);
	CHECK_EQ(sys_write(2, msg, 0), 0);
	CHECK_EQ(sys_write(FD_NOT_OPEN, msg, 1), -EBADF);
	CHECK_EQ(sys_write(-1, msg, 1), -EBADF);
	CHECK_EQ(sys_write(1, NULL, 8), -EFAULT);
	CHECK_EQ(sys_munmap(gone, PAGE_SIZE), 0);
	CHECK_EQ(sys_write(1, gone, 8), -EFAULT);
}

static void case_exit_status(void)
{
	long pid;
	int status;

	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0)
		sys_exit_group(42);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_EXITED(status, 42);

	/* Only the low 8 bits of the status reach the parent. */
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0)
		sys_exit_group(0x1ff);
	CHECK_EQ(sys_wait4(-1, &status, 0, NULL), pid);
	CHECK_EXITED(status, 0xff);

	/* exit (93) ends a single-threaded process just as exit_group does. */
	pid = sys_fork();
	CHECK_OK(pid);
	if (pid == 0)
		sys_exit(7);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_EXITED(status, 7);
}

/* A child that runs until a signal ends it. */
static long spawn_spinner(void)
{
	long pid = sys_fork();

	CHECK_OK(pid);
	if (pid == 0) {
		for (;;)
			sys_sched_yield();
	}
	return pid;
}

static void case_wait(void)
{
	int status = -1;
	long pid;

	CHECK_EQ(sys_wait4(-1, &status, 0, NULL), -ECHILD);
	CHECK_EQ(sys_wait4(-1, &status, WNOHANG, NULL), -ECHILD);
	pid = spawn_spinner();
	CHECK_EQ(sys_wait4(pid, &status, WNOHANG, NULL), 0);
	CHECK_EQ(sys_wait4(-1, &status, WNOHANG, NULL), 0);
	CHECK_EQ(sys_kill(pid, SIGKILL), 0);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_SIGNALED(status, SIGKILL);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), -ECHILD);
}

static void case_kill(void)
{
	int status;
	long pid;

	CHECK_EQ(sys_kill(sys_getpid(), 0), 0);
	pid = spawn_spinner();
	CHECK_EQ(sys_kill(pid, 0), 0);
	CHECK_EQ(sys_kill(pid, BAD_SIGNAL), -EINVAL);
	CHECK_EQ(sys_kill(pid, SIGKILL), 0);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_SIGNALED(status, SIGKILL);
	/* Reaped: the pid names nobody now. */
	CHECK_EQ(sys_kill(pid, 0), -ESRCH);

	pid = spawn_spinner();
	CHECK_EQ(sys_kill(pid, SIGTERM), 0);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_SIGNALED(status, SIGTERM);

	pid = spawn_spinner();
	CHECK_EQ(sys_kill(pid, SIGSEGV), 0);
	CHECK_EQ(sys_wait4(pid, &status, 0, NULL), pid);
	CHECK_SIGNALED(status, SIGSEGV);
}

static void case_nanosleep(void)
{
	struct ut_timespec ts = { .tv_sec = 0, .tv_nsec = 1000000 };

	CHECK_EQ(sys_nanosleep(&ts, NULL), 0);
	ts.tv_nsec = 1000000000;
	CHECK_EQ(sys_nanosleep(&ts, NULL), -EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_EQ(sys_nanosleep(&ts, NULL), -EINVAL);
	CHECK_EQ(sys_nanosleep(NULL, NULL), -EFAULT);
}

static const struct ut_case cases[] = {
	{ "getpid", case_getpid },
	{ "getppid_in_child", case_getppid_in_child },
	{ "sched_yield", case_sched_yield },
	{ "enosys", case_enosys },
	{ "write", case_write },
	{ "exit_status", case_exit_status },
	{ "wait", case_wait },
	{ "kill", case_kill },
	{ "nanosleep", case_nanosleep },
};

int main(void)
{
	return UT_RUN(cases);
}
