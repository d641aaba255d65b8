/* SPDX-License-Identifier: MIT */
#ifndef _ASM_TIMER_H
#define _ASM_TIMER_H

#include <linux/types.h>

/* Choose Sstc (stimecmp) when the ISA string lists it, else SBI TIME. */
void riscv_timer_setup(bool has_sstc);
/* Program the next timer interrupt at absolute time-CSR value 'when'. */
void riscv_timer_set_next(u64 when);
const char *riscv_timer_source(void);

#endif /* _ASM_TIMER_H */
