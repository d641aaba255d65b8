/* SPDX-License-Identifier: MIT */
/*
 * Powering the board off with a verdict. The sifive,test finisher (QEMU's
 * virt) carries a pass/fail code to QEMU's exit status; syscon-poweroff can
 * only power off; SBI SRST is the fallback and carries only "failure".
 */
#ifndef _DRIVERS_POWER_H
#define _DRIVERS_POWER_H

#include <linux/compiler.h>
#include <linux/types.h>

struct fdt;

/* sifive,test0 register values */
#define SIFIVE_TEST_FAIL	0x3333
#define SIFIVE_TEST_PASS	0x5555
#define SIFIVE_TEST_RESET	0x7777

void sifive_test_write(void *base, u32 value);

/* Pick the power-off method from the DT; safe to call again. */
void poweroff_init(const struct fdt *fdt);
const char *poweroff_method(void);
/* Once vmalloc is up: move the registers from fixmap slots to ioremap. */
void poweroff_remap(void);

#endif /* _DRIVERS_POWER_H */
