// SPDX-License-Identifier: MIT
/*
 * A minimal static rv32 program for the ELF reader's host tests: text, an
 * initialised word (.sdata) and a bss array, so the linker emits an R+X
 * and an R+W PT_LOAD whose memory size exceeds its file size. Built at
 * test build time with the cross compiler (tests/host/elf.mk) for several
 * ABIs; never run.
 */
volatile int counter = 5;
volatile char buf[8192];

void _start(void)
{
	register long a0 __asm__("a0");
	register long a7 __asm__("a7") = 93;	/* exit */

	buf[100] = counter;
	a0 = buf[100];
	__asm__ volatile("ecall" : : "r"(a0), "r"(a7));
	for (;;)
		;
}
