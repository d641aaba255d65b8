// SPDX-License-Identifier: MIT
/*
 * Test-only deliberate kernel bugs, in the spirit of Linux's LKDTM: the
 * bootarg crash=<kind> makes the kernel commit one after boot, so a test
 * can check the oops path end to end (the @oops record, registers, a
 * backtrace naming the function below, a failing exit code). Each kind also
 * proves a protection: NULL is never mapped, rodata is not writable, data
 * is not executable.
 */
#include <string.h>

#include <linux/bootparam.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/printk.h>

#include "crash_test.h"

static char crash_kind[32];
BOOT_PARAM_STRING("crash", crash_kind, sizeof(crash_kind),
		  "test only: crash on purpose (null, write_rodata, exec_data, illegal, panic)");

static const u32 crash_rodata_word = 0x600dcafe;
static u32 crash_data_word = 0x00100073;	/* an ebreak, never to run */

static noinline int crash_null_deref(void)
{
	volatile int *p = NULL;

	return *p;
}

static noinline void crash_write_rodata(void)
{
	*(volatile u32 *)&crash_rodata_word = 0xdead;
}

static noinline void crash_exec_data(void)
{
	void (*fn)(void) = (void (*)(void))(void *)&crash_data_word;

	fn();
}

static noinline void crash_illegal(void)
{
	__asm__ __volatile__(".word 0x00000000");	/* defined as illegal */
}

static noinline void crash_panic(void)
{
	panic("crash test: deliberate panic");
}

static const struct {
	const char *kind;
	void (*fn)(void);
} crashes[] = {
	{ "null", (void (*)(void))crash_null_deref },
	{ "write_rodata", crash_write_rodata },
	{ "exec_data", crash_exec_data },
	{ "illegal", crash_illegal },
	{ "panic", crash_panic },
};

void crash_test_run(void)
{
	unsigned int i;

	if (!crash_kind[0])
		return;
	for (i = 0; i < ARRAY_SIZE(crashes); i++) {
		if (strcmp(crash_kind, crashes[i].kind))
			continue;
		pr_emerg("crash test: %s\n", crash_kind);
		crashes[i].fn();
		pr_err("crash test: %s did not crash\n", crash_kind);
		return;
	}
	pr_err("crash test: unknown kind '%s'\n", crash_kind);
}
