/* SPDX-License-Identifier: MIT */
/* Supervisor CSR numbers and bits (RISC-V privileged spec 1.12). */
#ifndef _ASM_CSR_H
#define _ASM_CSR_H

/* sstatus */
#define SR_SIE		0x00000002u	/* supervisor interrupt enable */
#define SR_SPIE		0x00000020u	/* SIE before the trap */
#define SR_SPP		0x00000100u	/* previous privilege: 1 = S */
#define SR_SUM		0x00040000u	/* S-mode may touch U pages */
/* scounteren: the counters U-mode may read (bench=tasks lets it read instret) */
#define SCOUNTEREN_IR	0x00000004u	/* rdinstret */
#define SR_MXR		0x00080000u	/* loads from X-only pages */
#define SR_FS		0x00006000u	/* FPU state */

/* sie / sip */
#define IE_SSIE		0x00000002u
#define IE_STIE		0x00000020u
#define IE_SEIE		0x00000200u

/* scause: interrupt bit and codes */
#define CAUSE_IRQ_FLAG		0x80000000u
#define IRQ_S_SOFT		1
#define IRQ_S_TIMER		5
#define IRQ_S_EXT		9

#define EXC_INST_MISALIGNED	0
#define EXC_INST_ACCESS		1
#define EXC_INST_ILLEGAL	2
#define EXC_BREAKPOINT		3
#define EXC_LOAD_MISALIGNED	4
#define EXC_LOAD_ACCESS		5
#define EXC_STORE_MISALIGNED	6
#define EXC_STORE_ACCESS	7
#define EXC_ECALL_U		8
#define EXC_ECALL_S		9
#define EXC_INST_PAGE_FAULT	12
#define EXC_LOAD_PAGE_FAULT	13
#define EXC_STORE_PAGE_FAULT	15

/* Sstc: the supervisor timer compare registers (numbers: older assemblers lack the names) */
#define CSR_STIMECMP	0x14d
#define CSR_STIMECMPH	0x15d

/* satp (Sv32) */
#define SATP_MODE_SV32	0x80000000u
#define SATP_ASID_SHIFT	22
#define SATP_PPN_MASK	0x003fffffu

#ifndef __ASSEMBLER__

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#define csr_read(csr) ({						\
	unsigned long __v;						\
	__asm__ __volatile__("csrr %0, " __stringify(csr) : "=r"(__v) :: "memory");	\
	__v; })

#define csr_write(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrw " __stringify(csr) ", %0" :: "rK"(__v) : "memory"); })

#define csr_set(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrs " __stringify(csr) ", %0" :: "rK"(__v) : "memory"); })

#define csr_clear(csr, val) ({						\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrc " __stringify(csr) ", %0" :: "rK"(__v) : "memory"); })

#define csr_read_clear(csr, val) ({					\
	unsigned long __v = (unsigned long)(val);			\
	__asm__ __volatile__("csrrc %0, " __stringify(csr) ", %1"			\
			     : "=r"(__v) : "rK"(__v) : "memory");	\
	__v; })

#endif /* __ASSEMBLER__ */
#endif /* _ASM_CSR_H */
