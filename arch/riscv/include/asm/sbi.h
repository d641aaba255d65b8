/* SPDX-License-Identifier: MIT */
/* The Supervisor Binary Interface (SBI spec v2.0) calls this kernel makes. */
#ifndef _ASM_SBI_H
#define _ASM_SBI_H

#include <linux/types.h>

/* extension ids */
#define SBI_EXT_LEGACY_SET_TIMER	0x00
#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_LEGACY_GETCHAR	0x02
#define SBI_EXT_LEGACY_SHUTDOWN	0x08
#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494d45	/* "TIME" */
#define SBI_EXT_IPI		0x00735049	/* "sPI" */
#define SBI_EXT_RFENCE		0x52464e43	/* "RFNC" */
#define SBI_EXT_HSM		0x0048534d	/* "HSM" */
#define SBI_EXT_SRST		0x53525354	/* "SRST" */
#define SBI_EXT_PMU		0x00504d55	/* "PMU" */
#define SBI_EXT_DBCN		0x4442434e	/* "DBCN" */

/* BASE functions */
#define SBI_BASE_GET_SPEC_VERSION	0
#define SBI_BASE_GET_IMP_ID		1
#define SBI_BASE_GET_IMP_VERSION	2
#define SBI_BASE_PROBE_EXT		3
#define SBI_BASE_GET_MVENDORID		4
#define SBI_BASE_GET_MARCHID		5
#define SBI_BASE_GET_MIMPID		6

#define SBI_TIME_SET_TIMER		0
#define SBI_RFENCE_REMOTE_SFENCE_VMA	1
#define SBI_HSM_HART_GET_STATUS		2
#define SBI_SRST_SYSTEM_RESET		0
#define SBI_DBCN_CONSOLE_WRITE_BYTE	2

#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_TYPE_COLD_REBOOT	1
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_SYS_FAILURE	1

/* HSM hart states */
#define SBI_HSM_STARTED		0
#define SBI_HSM_STOPPED		1
#define SBI_HSM_START_PENDING	2
#define SBI_HSM_STOP_PENDING	3
#define SBI_HSM_SUSPENDED	4

/* error codes */
#define SBI_SUCCESS		0
#define SBI_ERR_FAILED		(-1)
#define SBI_ERR_NOT_SUPPORTED	(-2)
#define SBI_ERR_INVALID_PARAM	(-3)

#define SBI_IMPL_OPENSBI	1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5);

/* What sbi_init() found. */
struct sbi_info {
	unsigned long spec_version;	/* major << 24 | minor */
	unsigned long impl_id, impl_version;
	bool has_time, has_ipi, has_rfence, has_hsm, has_srst, has_dbcn, has_pmu;
};
extern struct sbi_info sbi;

void sbi_init(void);
void sbi_print_info(void);
const char *sbi_impl_name(unsigned long id);
void sbi_console_putchar(int ch);
void sbi_set_timer(u64 stime_value);
/* sfence.vma [start, start + size) on the harts in hart_mask (ids from hart_mask_base). */
long sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			   unsigned long start, unsigned long size);
/* Returns an SBI_HSM_* state or a negative SBI error. */
long sbi_hart_get_status(unsigned long hartid);
/* Only returns if the reset failed or is not supported: the SBI error. */
long sbi_system_reset(u32 type, u32 reason);

#endif /* _ASM_SBI_H */
