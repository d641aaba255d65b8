// SPDX-License-Identifier: MIT
/*
 * The runtime's ABI for this project's kernel (DESIGN.md section 5): it
 * implements wait4 (260) and nanosleep (101), which Linux's rv32 does not
 * have. nanosleep takes the 64-bit __kernel_timespec (as the issue allows:
 * one time layout for every program, the one Linux rv32 itself uses).
 */
#include "sys.h"

#define __NR_wait4	260
#define __NR_nanosleep	101

const char ut_abi_name[] = "kernel";
const int ut_abi_honours_env = 0;

long sys_wait4(long pid, int *status, int options, void *rusage)
{
	return ut_syscall4(__NR_wait4, pid, status, options, rusage);
}

long sys_nanosleep(const struct ut_timespec *req, struct ut_timespec *rem)
{
	return ut_syscall2(__NR_nanosleep, req, rem);
}
