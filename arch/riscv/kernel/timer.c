// SPDX-License-Identifier: MIT
/*
 * The supervisor timer: stimecmp directly when the hart has Sstc, else the
 * SBI TIME call. Either way, writing a new compare value clears the pending
 * interrupt.
 */
#include <asm/csr.h>
#include <asm/sbi.h>
#include <asm/timer.h>

static bool use_sstc;

void riscv_timer_setup(bool has_sstc)
{
	use_sstc = has_sstc;
	csr_set(sie, IE_STIE);
}

void riscv_timer_set_next(u64 when)
{
	if (use_sstc) {
		/* never let the 64-bit compare value pass through a smaller one */
		csr_write(CSR_STIMECMP, 0xffffffffu);
		csr_write(CSR_STIMECMPH, (u32)(when >> 32));
		csr_write(CSR_STIMECMP, (u32)when);
	} else {
		sbi_set_timer(when);
	}
}

const char *riscv_timer_source(void)
{
	return use_sstc ? "sstc" : "sbi";
}
