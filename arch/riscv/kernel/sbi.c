// SPDX-License-Identifier: MIT
/* SBI calls: ecall into OpenSBI (M-mode) with a7 = extension, a6 = function. */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/sbi.h>

struct sbi_info sbi;

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid,
			unsigned long a0, unsigned long a1, unsigned long a2,
			unsigned long a3, unsigned long a4, unsigned long a5)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r5 __asm__("a5") = a5;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall"
			     : "+r"(r0), "+r"(r1)
			     : "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
			     : "memory");
	ret.error = (long)r0;
	ret.value = (long)r1;
	return ret;
}

static struct sbiret sbi_base(unsigned long fid, unsigned long arg)
{
	return sbi_ecall(SBI_EXT_BASE, fid, arg, 0, 0, 0, 0, 0);
}

static bool sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_base(SBI_BASE_PROBE_EXT, ext);

	return r.error == SBI_SUCCESS && r.value != 0;
}

/* Probe the SBI implementation. Safe before the console is up. */
void sbi_init(void)
{
	struct sbiret r = sbi_base(SBI_BASE_GET_SPEC_VERSION, 0);

	/* A v0.1 SBI has no BASE extension: legacy calls only. */
	if (r.error != SBI_SUCCESS) {
		sbi.spec_version = 1;
		return;
	}
	sbi.spec_version = r.value;
	sbi.impl_id = sbi_base(SBI_BASE_GET_IMP_ID, 0).value;
	sbi.impl_version = sbi_base(SBI_BASE_GET_IMP_VERSION, 0).value;
	sbi.has_time = sbi_probe(SBI_EXT_TIME);
	sbi.has_ipi = sbi_probe(SBI_EXT_IPI);
	sbi.has_rfence = sbi_probe(SBI_EXT_RFENCE);
	sbi.has_hsm = sbi_probe(SBI_EXT_HSM);
	sbi.has_srst = sbi_probe(SBI_EXT_SRST);
	sbi.has_dbcn = sbi_probe(SBI_EXT_DBCN);
	sbi.has_pmu = sbi_probe(SBI_EXT_PMU);
}

const char *sbi_impl_name(unsigned long id)
{
	static const char *const names[] = {
		"Berkeley BBL", "OpenSBI", "Xvisor", "KVM", "RustSBI",
		"Diosix", "Coffer", "Xen", "PolarFire HSS",
	};

	return id < ARRAY_SIZE(names) ? names[id] : "unknown";
}

void sbi_print_info(void)
{
	pr_info("SBI specification v%lu.%lu, implementation %s (id %lu) v%lu.%lu\n",
		(sbi.spec_version >> 24) & 0x7f, sbi.spec_version & 0xffffff,
		sbi_impl_name(sbi.impl_id), sbi.impl_id,
		sbi.impl_version >> 16, sbi.impl_version & 0xffff);
	pr_info("SBI extensions:%s%s%s%s%s%s%s\n",
		sbi.has_time ? " TIME" : "", sbi.has_ipi ? " IPI" : "",
		sbi.has_rfence ? " RFENCE" : "", sbi.has_hsm ? " HSM" : "",
		sbi.has_srst ? " SRST" : "", sbi.has_dbcn ? " DBCN" : "",
		sbi.has_pmu ? " PMU" : "");
}

/*
 * One byte to the SBI console: DBCN when present, else the legacy call.
 * DBCN takes the byte by value, so no buffer address has to be translated.
 */
void sbi_console_putchar(int ch)
{
	if (sbi.has_dbcn)
		sbi_ecall(SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE_BYTE,
			  (unsigned char)ch, 0, 0, 0, 0, 0);
	else
		sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)ch, 0, 0, 0, 0, 0);
}

void sbi_set_timer(u64 t)
{
	if (sbi.has_time)
		sbi_ecall(SBI_EXT_TIME, SBI_TIME_SET_TIMER,
			  (unsigned long)t, (unsigned long)(t >> 32), 0, 0, 0, 0);
	else
		sbi_ecall(SBI_EXT_LEGACY_SET_TIMER, 0, (unsigned long)t, (unsigned long)(t >> 32), 0, 0, 0, 0);
}

long sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			   unsigned long start, unsigned long size)
{
	if (!sbi.has_rfence)
		return SBI_ERR_NOT_SUPPORTED;
	return sbi_ecall(SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA, hart_mask,
			 hart_mask_base, start, size, 0, 0).error;
}

long sbi_hart_get_status(unsigned long hartid)
{
	struct sbiret r;

	if (!sbi.has_hsm)
		return SBI_ERR_NOT_SUPPORTED;
	r = sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid, 0, 0, 0, 0, 0);
	return r.error ? r.error : r.value;
}

long sbi_system_reset(u32 type, u32 reason)
{
	if (sbi.has_srst)
		return sbi_ecall(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, type, reason,
				 0, 0, 0, 0).error;
	/* a v0.1 SBI only knows how to shut down */
	if (sbi.spec_version == 1 && type == SBI_SRST_TYPE_SHUTDOWN)
		sbi_ecall(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0, 0, 0, 0);
	return SBI_ERR_NOT_SUPPORTED;
}
