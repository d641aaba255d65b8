// SPDX-License-Identifier: MIT
/*
 * The runtime's ABI for Linux's rv32 (run under qemu-riscv32 on the host).
 * Linux builds rv32 without __ARCH_WANT_TIME32_SYSCALLS, so its table has
 * no wait4 (260) and no nanosleep (101): wait4 is emulated with waitid (95)
 * and nanosleep is clock_nanosleep_time64 (407) on CLOCK_MONOTONIC, the
 * clock Linux's nanosleep uses. Only this file differs between variants.
 */
#include "ut.h"

#define __NR_waitid			95
#define __NR_clock_nanosleep_time64	407

const char ut_abi_name[] = "linux";
const int ut_abi_honours_env = 1;

/* The SIGCHLD part of Linux's 32-bit siginfo_t (128 bytes in all). */
struct ut_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int si_pid;
	int si_uid;
	int si_status;
	char pad[128 - 6 * sizeof(int)];
};

_Static_assert(sizeof(struct ut_siginfo) == 128, "Linux's siginfo_t is 128 bytes");

/*
 * wait4 for pid -1 and pid > 0 (other pids are -EINVAL here); rusage must
 * be NULL. The status word is rebuilt in wait4's encoding from si_code and
 * si_status: exit code << 8, the signal, or the signal | WCOREFLAG.
 */
long sys_wait4(long pid, int *status, int options, void *rusage)
{
	struct ut_siginfo info;
	long r;

	if (pid < -1 || pid == 0 || rusage)
		return -EINVAL;
	memset(&info, 0, sizeof(info));
	r = ut_syscall5(__NR_waitid, pid == -1 ? P_ALL : P_PID, pid == -1 ? 0 : pid, &info,
			options | WEXITED, NULL);
	if (r < 0)
		return r;
	if (info.si_pid == 0)
		return 0;
	if (status) {
		switch (info.si_code) {
		case CLD_EXITED:
			*status = (info.si_status & 0xff) << 8;
			break;
		case CLD_KILLED:
			*status = info.si_status & 0x7f;
			break;
		case CLD_DUMPED:
			*status = (info.si_status & 0x7f) | WCOREFLAG;
			break;
		default:
			return -EINVAL;
		}
	}
	return info.si_pid;
}

long sys_nanosleep(const struct ut_timespec *req, struct ut_timespec *rem)
{
	return ut_syscall4(__NR_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, req, rem);
}
