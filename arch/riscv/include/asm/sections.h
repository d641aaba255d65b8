/* SPDX-License-Identifier: MIT */
/* Symbols the linker script (arch/riscv/kernel.lds) defines. */
#ifndef _ASM_SECTIONS_H
#define _ASM_SECTIONS_H

extern char _start_kernel[], _stext[], _etext[];
extern char _srodata[], _erodata[];
extern char _sdata[], _edata[];
extern char _sbss[], _ebss[], _end[];
extern char __tdata_start[], __tdata_end[], __tbss_start[], __tbss_end[];
extern char __tls_size[];

#endif /* _ASM_SECTIONS_H */
