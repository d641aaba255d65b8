// SPDX-License-Identifier: MIT
/*
 * Power-off glue: match the DT and remember how to stop the board.
 *   sifive,test0            pass and fail codes (QEMU exits with them)
 *   syscon-poweroff         pass only (regmap + offset + value [+ mask])
 *   SBI SRST                otherwise, and for failures without a finisher
 *
 * A board whose SBI cannot shut down (QEMU's sifive_u: OpenSBI has only a
 * gpio-restart there) halts, or with poweroff_fallback=reboot reboots, which
 * QEMU run with -no-reboot turns into an exit. Without a finisher the exit
 * status carries no verdict: the log's @summary does.
 */
#include <string.h>

#include <linux/bootparam.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/record.h>
#include <linux/of_fdt.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <asm/fixmap.h>
#include <asm/sbi.h>
#include <asm/irqflags.h>
#include <asm/traps.h>
#include <drivers/power.h>

static void *finisher;		/* sifive,test0 register, mapped */
static void *syscon_reg;	/* syscon-poweroff register, mapped */
/* Their physical addresses, for poweroff_remap(). */
static phys_addr_t finisher_phys, syscon_phys;
static u32 syscon_value, syscon_mask = 0xffffffffu;
static const char *method = "sbi";
static char fallback[8] = "halt";

static int set_fallback(const char *val)
{
	if (strcmp(val, "halt") && strcmp(val, "reboot")) {
		pr_warn("bootargs: poweroff_fallback=%s rejected: expected halt or reboot, keeping %s\n",
			val, fallback);
		return -EINVAL;
	}
	strcpy(fallback, val);
	return 0;
}
BOOT_PARAM_CALL("poweroff_fallback", set_fallback,
		"when the SBI cannot power off: halt (default) or reboot");

/* The node a "regmap" phandle property points at. */
static int regmap_node(const struct fdt *fdt, int node)
{
	u32 phandle;
	int n;

	if (fdt_read_u32(fdt, node, "regmap", &phandle))
		return -1;
	for (n = fdt_node_by_compatible(fdt, -1, "syscon"); n >= 0;
	     n = fdt_node_by_compatible(fdt, n, "syscon")) {
		u32 ph;

		if (!fdt_read_u32(fdt, n, "phandle", &ph) && ph == phandle)
			return n;
	}
	return -1;
}

static void *map_reg(const struct fdt *fdt, int node, u32 offset, phys_addr_t *pa)
{
	u64 base, size;

	if (fdt_read_reg_phys(fdt, node, 0, &base, &size) || offset + 4 > size)
		return NULL;
	*pa = base + offset;
	return early_ioremap(base + offset, 4);
}

void poweroff_init(const struct fdt *fdt)
{
	int node = fdt_node_by_compatible(fdt, -1, "sifive,test0");
	u32 offset;

	if (node >= 0 && fdt_node_is_available(fdt, node)) {
		finisher = map_reg(fdt, node, 0, &finisher_phys);
		if (finisher) {
			method = "sifive,test0";
			return;
		}
	}
	node = fdt_node_by_compatible(fdt, -1, "syscon-poweroff");
	if (node >= 0 && !fdt_read_u32(fdt, node, "value", &syscon_value)) {
		int sc = regmap_node(fdt, node);

		if (fdt_read_u32(fdt, node, "offset", &offset))
			offset = 0;
		fdt_read_u32(fdt, node, "mask", &syscon_mask);
		if (sc >= 0)
			syscon_reg = map_reg(fdt, sc, offset, &syscon_phys);
		if (syscon_reg)
			method = "syscon-poweroff";
	}
}

/* Move a register from its early fixmap slot to an ioremap mapping. */
static void remap_reg(void **reg, phys_addr_t pa)
{
	void *r;

	if (!*reg)
		return;
	r = ioremap(pa, 4);
	if (r)
		WRITE_ONCE(*reg, r);
	else
		pr_warn("poweroff: cannot ioremap %08llx, keeping its early mapping\n",
			(unsigned long long)pa);
}

void poweroff_remap(void)
{
	remap_reg(&finisher, finisher_phys);
	remap_reg(&syscon_reg, syscon_phys);
}

const char *poweroff_method(void)
{
	return method;
}

/* The SBI could not shut down: reboot if asked to, else stop here. */
static __noreturn void halt(u32 reason)
{
	if (!strcmp(fallback, "reboot")) {
		printk(KERN_RECORD "reboot: power off unsupported, rebooting\n");
		sbi_system_reset(SBI_SRST_TYPE_COLD_REBOOT, reason);
	}
	printk(KERN_RECORD "reboot: System halted\n");
	for (;;)
		__asm__ __volatile__("wfi");
}

void machine_power_off(void)
{
	arch_local_irq_disable();
	if (finisher)
		sifive_test_write(finisher, SIFIVE_TEST_PASS);
	if (syscon_reg)
		*(volatile u32 *)syscon_reg = syscon_value & syscon_mask;
	sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_NONE);
	halt(SBI_SRST_REASON_NONE);
}

void machine_fail(unsigned int code)
{
	arch_local_irq_disable();
	if (finisher)
		sifive_test_write(finisher, SIFIVE_TEST_FAIL | (code << 16));
	sbi_system_reset(SBI_SRST_TYPE_SHUTDOWN, SBI_SRST_REASON_SYS_FAILURE);
	halt(SBI_SRST_REASON_SYS_FAILURE);
}
