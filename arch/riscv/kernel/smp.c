// SPDX-License-Identifier: MIT
/* Per-hart state: the thread-local block each hart's tp points at. */
#include <string.h>

#include <linux/cpumask.h>
#include <linux/kernel.h>
#include <asm/sections.h>
#include <asm/smp.h>

__thread unsigned int cpu_number;

/* The boot hart's struct hart_entry and TLS block (head.S points tp here). */
u8 boot_hart_area[BOOT_TLS_OFFSET + BOOT_TLS_MAX] __aligned(16);

BUILD_BUG_ON(sizeof(struct hart_entry) != HE_SIZE);
BUILD_BUG_ON(BOOT_TLS_OFFSET < HE_SIZE);

void tls_init(void *tp)
{
	size_t tdata = __tdata_end - __tdata_start;
	size_t total = __tbss_end - __tdata_start;	/* offsets are from .tdata */

	memcpy(tp, __tdata_start, tdata);
	memset((char *)tp + tdata, 0, total - tdata);
}

/* The boot hart (CPU 0) is online from the start; <linux/cpumask.h>. */
unsigned long __cpu_online_mask = 1UL;
