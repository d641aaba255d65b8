/* SPDX-License-Identifier: MIT */
/*
 * Hart identity. Each hart's thread pointer (tp) points at its own copy of
 * the kernel's thread-local data, so a __thread variable is per-CPU data;
 * cpu ids are dense (0 for the boot hart), hart ids are the platform's.
 */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#define NR_CPUS		4

/*
 * Each hart's area: a struct hart_entry immediately below tp, then the
 * thread-local block at tp (RISC-V TLS variant I puts the first TLS byte at
 * tp). entry.S reaches the entry fields with these negative offsets.
 */
#define HE_PREEMPT_COUNT (-16)	/* reasons not to switch tasks (<asm/preempt.h>) */
#define HE_NEED_RESCHED	(-12)	/* the scheduler asks this hart to switch */
#define HE_KERNEL_SP	(-8)	/* kernel stack top to use on a trap from U-mode */
#define HE_SCRATCH	(-4)	/* sp at trap entry, while the frame is built */
#define HE_SIZE		16
/* The boot hart's area: hart_entry below tp, TLS (at most BOOT_TLS_MAX) at tp. */
#define BOOT_TLS_OFFSET	16
#define BOOT_TLS_MAX	1024

#ifndef __ASSEMBLER__
struct hart_entry {
	unsigned int preempt_count;
	unsigned int need_resched;
	unsigned long kernel_sp;
	unsigned long scratch;
};

extern __thread unsigned int cpu_number;

/* Set up a hart's thread-local block at tp from the .tdata/.tbss template. */
void tls_init(void *tp);

static inline unsigned int smp_processor_id(void)
{
	return cpu_number;
}
#endif

#endif /* _ASM_SMP_H */
