/* SPDX-License-Identifier: MIT */
#ifndef _KERNEL_CRASH_TEST_H
#define _KERNEL_CRASH_TEST_H

/* If the bootarg crash=<kind> is set, deliberately crash that way (never returns). */
void crash_test_run(void);
/* Called by write(): with crash=syscall, the first call of the run oopses (test only). */
void crash_test_syscall(void);

#endif /* _KERNEL_CRASH_TEST_H */
