// SPDX-License-Identifier: MIT
/*
 * Host tests of the boot-argument parser (kernel/params.c).
 *
 * Most tests parse against a private table (test_table[]) whose variables
 * are reset before every test; the last group declares parameters with the
 * BOOT_PARAM_* macros, as kernel code does, and goes through the linker
 * section with parse_kernel_bootargs().
 */
/* Kernel headers first: glibc's <sys/cdefs.h> defines __always_inline too. */
#include <linux/bootparam.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "host_log.h"

/* ---- private table ---- */

#define HZ_DEFAULT	100
#define MEM_MIN		SZ_4K
#define MEM_MAX		0xc0000000u	/* 3G */

static u32 t_hz;
static u32 t_seed;
static u32 t_prob;
static u32 t_mem;
static u32 t_limit;
static bool t_shell;
static char t_init[16];
static char t_list[24];

static int hook_calls;
static char hook_val[64];

/* Accepts anything but "bad", remembering the last value it saw. */
static int t_hook(const char *val)
{
	hook_calls++;
	snprintf(hook_val, sizeof(hook_val), "%s", val);
	if (!strcmp(val, "bad")) {
		printk(KERN_ERR "mix hook: '%s' is not a mix\n", val);
		return -EINVAL;
	}
	return 0;
}

static const struct kernel_param test_table[] = {
	KERNEL_PARAM_UINT("hz", t_hz, 10, 1000, "ticks per second"),
	KERNEL_PARAM_UINT("seed", t_seed, 0, UINT32_MAX, "prng seed"),
	KERNEL_PARAM_UINT("fail_page_alloc", t_prob, 0, 100, "percent"),
	KERNEL_PARAM_SIZE("mem", t_mem, MEM_MIN, MEM_MAX, "bytes"),
	KERNEL_PARAM_SIZE("limit", t_limit, 0, UINT32_MAX, "bytes, full range"),
	KERNEL_PARAM_BOOL("shell", t_shell, "stay at the prompt"),
	KERNEL_PARAM_STRING("init", t_init, sizeof(t_init), "program"),
	KERNEL_PARAM_LIST("selftest", t_list, sizeof(t_list), "suites"),
	KERNEL_PARAM_CALL("stress.mix", t_hook, "operation mix"),
};

static int parse(const char *cmdline)
{
	return parse_bootargs(cmdline, test_table,
			      test_table + ARRAY_SIZE(test_table));
}

static int reset(void **state)
{
	(void)state;
	t_hz = HZ_DEFAULT;
	t_seed = 12345;
	t_prob = 0;
	t_mem = SZ_1M;
	t_limit = 77;
	t_shell = false;
	snprintf(t_init, sizeof(t_init), "sh");
	snprintf(t_list, sizeof(t_list), "all");
	hook_calls = 0;
	hook_val[0] = '\0';
	host_log_reset();
	return 0;
}

/* Fail, showing the whole log, unless the log contains needle. */
#define assert_log(needle) do {						\
	if (!host_log_contains(needle))					\
		fail_msg("log lacks \"%s\"; log was:\n%s", (needle),	\
			 host_log());					\
} while (0)

#define assert_no_log(needle) do {					\
	if (host_log_contains(needle))					\
		fail_msg("log has \"%s\"; log was:\n%s", (needle),	\
			 host_log());					\
} while (0)

/*
 * cmdline must be rejected as exactly one word, reported with msg as a
 * warning: a bad bootarg is the user's mistake, not a kernel error.
 */
#define assert_rejected(cmdline, msg) do {				\
	host_log_reset();						\
	assert_int_equal(parse(cmdline), 1);				\
	assert_log(msg);						\
	assert_int_equal(host_log_warnings(), 1);			\
	assert_int_equal(host_log_errors(), 0);				\
} while (0)

/* ---- UINT ---- */

static void test_uint_valid_and_bounds(void **state)
{
	(void)state;
	assert_int_equal(parse("hz=250"), 0);
	assert_int_equal(t_hz, 250);
	assert_int_equal(parse("hz=10"), 0);
	assert_int_equal(t_hz, 10);
	assert_int_equal(parse("hz=1000"), 0);
	assert_int_equal(t_hz, 1000);
	assert_int_equal(parse("fail_page_alloc=0"), 0);
	assert_int_equal(t_prob, 0);
	assert_int_equal(parse("fail_page_alloc=100"), 0);
	assert_int_equal(t_prob, 100);
	/* Leading zeros are decimal, not octal. */
	assert_int_equal(parse("hz=010"), 0);
	assert_int_equal(t_hz, 10);
	assert_int_equal(host_log_errors(), 0);
	assert_string_equal(host_log(), "");
}

static void test_uint_out_of_range_keeps_default(void **state)
{
	(void)state;
	assert_rejected("hz=9", "bootargs: hz=9 rejected: expected 10..1000, keeping 100\n");
	assert_int_equal(t_hz, HZ_DEFAULT);
	assert_rejected("hz=1001", "bootargs: hz=1001 rejected: expected 10..1000, keeping 100\n");
	assert_int_equal(t_hz, HZ_DEFAULT);
	assert_rejected("hz=5000", "bootargs: hz=5000 rejected: expected 10..1000, keeping 100\n");
	assert_int_equal(t_hz, HZ_DEFAULT);
	assert_rejected("hz=0", "hz=0 rejected: expected 10..1000");
	assert_rejected("fail_page_alloc=101",
			"bootargs: fail_page_alloc=101 rejected: expected 0..100, keeping 0\n");
	assert_int_equal(t_prob, 0);
}

static void test_uint_hex(void **state)
{
	(void)state;
	assert_int_equal(parse("hz=0x64"), 0);
	assert_int_equal(t_hz, 100);
	assert_int_equal(parse("hz=0X3e8"), 0);
	assert_int_equal(t_hz, 1000);
	assert_int_equal(parse("seed=0xDeadBeef"), 0);
	assert_int_equal(t_seed, 0xdeadbeef);
	assert_int_equal(parse("seed=0x00000000ffffffff"), 0);
	assert_int_equal(t_seed, 0xffffffff);
	assert_rejected("hz=0x3E9", "hz=0x3E9 rejected: expected 10..1000, keeping 1000");
	assert_rejected("hz=0x", "hz=0x rejected");
	assert_rejected("hz=0xg", "hz=0xg rejected");
	assert_rejected("hz=x10", "hz=x10 rejected");
	/* On a range that includes 0, "0x" alone must still be rejected. */
	assert_rejected("seed=0x", "bootargs: seed=0x rejected: expected 0..4294967295, keeping 4294967295\n");
	assert_rejected("seed=0x-1", "seed=0x-1 rejected");
	assert_int_equal(t_seed, 0xffffffff);
	assert_int_equal(t_hz, 1000);
}

static void test_uint_overflow(void **state)
{
	(void)state;
	assert_int_equal(parse("seed=4294967295"), 0);
	assert_int_equal(t_seed, UINT32_MAX);
	assert_int_equal(parse("seed=0"), 0);
	assert_int_equal(t_seed, 0);
	assert_rejected("seed=4294967296",
			"bootargs: seed=4294967296 rejected: expected 0..4294967295, keeping 0\n");
	assert_rejected("seed=99999999999999999999",
			"seed=99999999999999999999 rejected: expected 0..4294967295, keeping 0");
	assert_rejected("seed=0x100000000", "seed=0x100000000 rejected");
	assert_rejected("hz=18446744073709551716", "hz=18446744073709551716 rejected");
	assert_int_equal(t_seed, 0);
	assert_int_equal(t_hz, HZ_DEFAULT);
}

static void test_uint_sign_and_garbage(void **state)
{
	(void)state;
	assert_rejected("hz=-5", "bootargs: hz=-5 rejected: expected 10..1000, keeping 100\n");
	assert_rejected("seed=-1", "seed=-1 rejected: expected 0..4294967295, keeping 12345");
	assert_rejected("hz=+50", "hz=+50 rejected");
	assert_rejected("hz=10x", "bootargs: hz=10x rejected: expected 10..1000, keeping 100\n");
	assert_rejected("hz=50.0", "hz=50.0 rejected");
	assert_rejected("hz=1K", "hz=1K rejected");	/* no suffix on UINT */
	assert_rejected("hz=\" 50\"", "hz= 50 rejected");
	assert_rejected("hz=5=0", "hz=5=0 rejected");
	assert_int_equal(t_hz, HZ_DEFAULT);
	assert_int_equal(t_seed, 12345);
}

static void test_uint_missing_value(void **state)
{
	(void)state;
	assert_rejected("hz", "bootargs: hz rejected: expected 10..1000, keeping 100\n");
	assert_rejected("hz=", "bootargs: hz= rejected: expected 10..1000, keeping 100\n");
	assert_rejected("hz=\"\"", "bootargs: hz= rejected");
	assert_int_equal(t_hz, HZ_DEFAULT);
}

/* ---- SIZE ---- */

static void test_size_suffixes(void **state)
{
	(void)state;
	assert_int_equal(parse("mem=4K"), 0);
	assert_int_equal(t_mem, 4096);
	assert_int_equal(parse("mem=2m"), 0);
	assert_int_equal(t_mem, 2u << 20);
	assert_int_equal(parse("mem=3G"), 0);
	assert_int_equal(t_mem, MEM_MAX);
	assert_int_equal(parse("mem=0x10k"), 0);
	assert_int_equal(t_mem, 16u << 10);
	assert_int_equal(parse("mem=8192"), 0);
	assert_int_equal(t_mem, 8192);
	assert_int_equal(host_log_errors(), 0);
}

static void test_size_rejects(void **state)
{
	(void)state;
	assert_rejected("mem=4095",
			"bootargs: mem=4095 rejected: expected 4096..3221225472 (K/M/G suffix allowed), keeping 1048576\n");
	assert_rejected("mem=3221225473", "mem=3221225473 rejected: expected 4096..3221225472");
	assert_rejected("mem=4G", "mem=4G rejected");		/* 2^32 */
	assert_rejected("mem=5000000G", "mem=5000000G rejected");
	assert_rejected("mem=4KB", "mem=4KB rejected");
	assert_rejected("mem=K", "mem=K rejected");
	assert_rejected("mem=4T", "mem=4T rejected");
	assert_rejected("mem=-4K", "mem=-4K rejected");
	assert_rejected("mem", "bootargs: mem rejected");
	assert_int_equal(t_mem, SZ_1M);
}

/* A full-range SIZE: only the parser itself can reject, not the range check. */
static void test_size_full_range(void **state)
{
	(void)state;
	assert_int_equal(parse("limit=0"), 0);
	assert_int_equal(t_limit, 0);
	assert_int_equal(parse("limit=4194303K"), 0);
	assert_int_equal(t_limit, 0xfffffc00u);
	assert_int_equal(parse("limit=4095M"), 0);
	assert_int_equal(t_limit, 0xfff00000u);
	assert_int_equal(parse("limit=3g"), 0);
	assert_int_equal(t_limit, 0xc0000000u);
	assert_rejected("limit=4G",
			"bootargs: limit=4G rejected: expected 0..4294967295 (K/M/G suffix allowed), keeping 3221225472\n");
	assert_rejected("limit=4194304K", "limit=4194304K rejected");
	assert_rejected("limit=4096M", "limit=4096M rejected");
	assert_rejected("limit=0x400000K", "limit=0x400000K rejected");
	assert_rejected("limit=K", "limit=K rejected");
	assert_rejected("limit=0xM", "limit=0xM rejected");
	assert_rejected("limit=1KK", "limit=1KK rejected");
	assert_int_equal(t_limit, 0xc0000000u);
}

/* ---- BOOL ---- */

static void test_bool_flag_and_spellings(void **state)
{
	static const char *const on[] = {
		"shell", "shell=1", "shell=y", "shell=Y", "shell=yes",
		"shell=on", "shell=ON", "shell=true", "shell=True",
	};
	static const char *const off[] = {
		"shell=0", "shell=n", "shell=N", "shell=no", "shell=off",
		"shell=Off", "shell=false", "shell=FALSE",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(on); i++) {
		t_shell = false;
		assert_int_equal(parse(on[i]), 0);
		assert_true(t_shell);
	}
	for (i = 0; i < ARRAY_SIZE(off); i++) {
		t_shell = true;
		assert_int_equal(parse(off[i]), 0);
		assert_false(t_shell);
	}
	assert_int_equal(host_log_errors(), 0);
}

static void test_bool_rejects(void **state)
{
	(void)state;
	assert_rejected("shell=maybe",
			"bootargs: shell=maybe rejected: expected 1/0, y/n, yes/no, on/off or true/false, keeping n\n");
	assert_false(t_shell);
	assert_rejected("shell=", "bootargs: shell= rejected");
	assert_rejected("shell=2", "shell=2 rejected");
	assert_rejected("shell=yess", "shell=yess rejected");
	assert_false(t_shell);
	t_shell = true;
	assert_rejected("shell=o", "shell=o rejected: expected 1/0, y/n, yes/no, on/off or true/false, keeping y");
	assert_true(t_shell);
}

/* ---- STRING and quoting ---- */

static void test_string_and_quotes(void **state)
{
	(void)state;
	assert_int_equal(parse("init=stress"), 0);
	assert_string_equal(t_init, "stress");
	assert_int_equal(parse("init=\"a b\""), 0);
	assert_string_equal(t_init, "a b");
	assert_int_equal(parse("\"init=c\td\""), 0);
	assert_string_equal(t_init, "c\td");
	assert_int_equal(parse("init=x\"y z\"w hz=20"), 0);
	assert_string_equal(t_init, "xy zw");
	assert_int_equal(t_hz, 20);
	assert_int_equal(parse("init=a=b"), 0);	/* only the first '=' splits */
	assert_string_equal(t_init, "a=b");
	assert_int_equal(host_log_errors(), 0);
}

static void test_string_length_limit(void **state)
{
	(void)state;
	/* t_init holds 15 characters and the NUL. */
	assert_int_equal(parse("init=123456789012345"), 0);
	assert_string_equal(t_init, "123456789012345");
	snprintf(t_init, sizeof(t_init), "sh");
	assert_rejected("init=1234567890123456",
			"bootargs: init=1234567890123456 rejected: expected 1..15 characters, keeping \"sh\"\n");
	assert_string_equal(t_init, "sh");
	assert_rejected("init=", "bootargs: init= rejected: expected 1..15 characters");
	assert_rejected("init", "bootargs: init rejected");
	assert_rejected("init=\"\"", "bootargs: init= rejected");
	assert_string_equal(t_init, "sh");
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	assert_int_equal(parse("hz=20 init=\"abc hz=30"), 1);
	assert_log("bootargs: 'init=abc hz=30' has an unterminated quote, ignored\n");
	assert_string_equal(t_init, "sh");
	assert_int_equal(t_hz, 20);
}

/* ---- LIST ---- */

static void test_list_valid(void **state)
{
	(void)state;
	assert_int_equal(parse("selftest=buddy,slab.x,a-b_c,Z9"), 0);
	assert_string_equal(t_list, "buddy,slab.x,a-b_c,Z9");
	assert_int_equal(parse("selftest=vmalloc"), 0);
	assert_string_equal(t_list, "vmalloc");
	/* 23 characters fill t_list exactly. */
	assert_int_equal(parse("selftest=aaaaaaaaaa,bbbbbbbbbbbb"), 0);
	assert_string_equal(t_list, "aaaaaaaaaa,bbbbbbbbbbbb");
	assert_int_equal(host_log_errors(), 0);
}

static void test_list_rejects(void **state)
{
	static const char *const bad[] = {
		"selftest=a,,b", "selftest=,a", "selftest=a,", "selftest=,",
		"selftest=a;b", "selftest=\"a b\"", "selftest=a/b",
		"selftest=aaaaaaaaaa,bbbbbbbbbbbbb", "selftest=", "selftest",
	};
	char msg[128];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(msg, sizeof(msg), "bootargs: %s rejected: expected comma-separated names of [A-Za-z0-9_.-], 1..23 characters, keeping \"all\"\n",
			 strcmp(bad[i], "selftest=\"a b\"") ? bad[i] : "selftest=a b");
		assert_rejected(bad[i], msg);
		assert_string_equal(t_list, "all");
	}
}

/* ---- CALL ---- */

static void test_call_hook(void **state)
{
	(void)state;
	assert_int_equal(parse("stress.mix=alloc,free"), 0);
	assert_int_equal(hook_calls, 1);
	assert_string_equal(hook_val, "alloc,free");

	assert_int_equal(parse("stress.mix=bad hz=20"), 1);
	assert_int_equal(hook_calls, 2);
	assert_log("mix hook: 'bad' is not a mix");
	assert_int_equal(t_hz, 20);

	/* Without a value the hook is not called. */
	assert_rejected("stress.mix", "bootargs: stress.mix rejected: expected a value\n");
	assert_rejected("stress.mix=", "bootargs: stress.mix= rejected: expected a value\n");
	assert_int_equal(hook_calls, 2);
}

/* ---- words, keys, whole lines ---- */

static void test_unknown_key_warned_rest_parsed(void **state)
{
	(void)state;
	assert_int_equal(parse("foo=1 hz=20 console=ttyS0,115200 quiet shell"), 3);
	assert_log("bootargs: unknown parameter 'foo=1' ignored\n");
	assert_log("bootargs: unknown parameter 'console=ttyS0,115200' ignored\n");
	assert_log("bootargs: unknown parameter 'quiet' ignored\n");
	assert_int_equal(t_hz, 20);
	assert_true(t_shell);
	/* Warnings, not errors. */
	assert_int_equal(host_log_errors(), 0);
	/* Prefixes and extensions of a key are different keys. */
	assert_int_equal(parse("h=20 hzz=30 Hz=40 =5"), 4);
	assert_log("unknown parameter 'Hz=40' ignored");
	assert_log("unknown parameter '=5' ignored");
	assert_int_equal(t_hz, 20);
}

static void test_dash_underscore_equivalent(void **state)
{
	(void)state;
	assert_int_equal(parse("fail-page-alloc=7"), 0);
	assert_int_equal(t_prob, 7);
	assert_int_equal(parse("fail_page-alloc=8"), 0);
	assert_int_equal(t_prob, 8);
	assert_int_equal(parse("stress-mix=x"), 1);	/* '.' is not '-' */
	assert_log("unknown parameter 'stress-mix=x' ignored");
}

static void test_rejected_count(void **state)
{
	(void)state;
	assert_int_equal(parse("foo=1 hz=20 hz=0 bar init=ok shell=bad"), 4);
	assert_int_equal(t_hz, 20);
	assert_string_equal(t_init, "ok");
	assert_false(t_shell);
	assert_int_equal(host_log_warnings(), 4);	/* 2 unknown + 2 bad values */
}

static void test_last_wins(void **state)
{
	(void)state;
	assert_int_equal(parse("hz=20 hz=30 init=a init=b shell shell=off"), 0);
	assert_int_equal(t_hz, 30);
	assert_string_equal(t_init, "b");
	assert_false(t_shell);
	/* A bad later duplicate keeps the earlier valid value. */
	assert_int_equal(parse("hz=40 hz=5000"), 1);
	assert_int_equal(t_hz, 40);
	assert_log("bootargs: hz=5000 rejected: expected 10..1000, keeping 40\n");
}

static void test_whitespace(void **state)
{
	(void)state;
	assert_int_equal(parse("   \t hz=20\t\tshell  \n init=x\r\n selftest=a,b \v\f"), 0);
	assert_int_equal(t_hz, 20);
	assert_true(t_shell);
	assert_string_equal(t_init, "x");
	assert_string_equal(t_list, "a,b");
	assert_int_equal(parse("\thz=30"), 0);
	assert_int_equal(t_hz, 30);
	assert_int_equal(parse("hz=40 "), 0);
	assert_int_equal(t_hz, 40);
	/* A lone pair of quotes is an empty word, not an error. */
	assert_int_equal(parse("hz=50 \"\" "), 0);
	assert_int_equal(t_hz, 50);
	assert_string_equal(host_log(), "");
}

static void test_null_and_empty(void **state)
{
	(void)state;
	assert_int_equal(parse(NULL), 0);
	assert_int_equal(parse(""), 0);
	assert_int_equal(parse(" \t\r\n "), 0);
	assert_string_equal(host_log(), "");
	assert_int_equal(t_hz, HZ_DEFAULT);
	/* An empty table warns about every word. */
	assert_int_equal(parse_bootargs("hz=20 shell", NULL, NULL), 2);
	assert_log("unknown parameter 'hz=20' ignored");
	assert_int_equal(t_hz, HZ_DEFAULT);
}

static void test_long_word(void **state)
{
	char line[600], msg[200];
	int n;

	(void)state;
	/* 255 characters: a word (unknown key); 256: too long. */
	memset(line, 'k', 255);
	line[255] = '\0';
	assert_int_equal(parse(line), 1);
	assert_log("unknown parameter 'kkkk");
	assert_no_log("characters long");

	host_log_reset();
	n = snprintf(line, sizeof(line), "init=");
	memset(line + n, 'a', 300);
	snprintf(line + n + 300, sizeof(line) - n - 300, " hz=20");
	assert_int_equal(parse(line), 1);
	/* The message quotes the first 64 characters: "init=" and 59 'a's. */
	snprintf(msg, sizeof(msg), "bootargs: 'init=%.59s...' is 305 characters long, more than 255, ignored\n",
		 line + n);
	assert_log(msg);
	assert_string_equal(t_init, "sh");
	assert_int_equal(t_hz, 20);
}

static void test_long_value_in_message_is_cut(void **state)
{
	char line[200], msg[200];
	int n;

	(void)state;
	n = snprintf(line, sizeof(line), "selftest=");
	memset(line + n, 'b', 150);
	line[n + 150] = '\0';
	/* The message quotes the first 64 characters: "selftest=" and 55 'b's. */
	snprintf(msg, sizeof(msg), "bootargs: selftest=%.55s... rejected", line + n);
	assert_rejected(line, msg);
	assert_string_equal(t_list, "all");
}

static void test_cmdline_at_limit(void **state)
{
	char line[BOOTPARAM_CMDLINE_MAX + 1];

	(void)state;
	/* Exactly BOOTPARAM_CMDLINE_MAX characters: all parsed. */
	memset(line, ' ', sizeof(line));
	memcpy(line + BOOTPARAM_CMDLINE_MAX - 6, "hz=321", 6);
	line[BOOTPARAM_CMDLINE_MAX] = '\0';
	assert_int_equal(parse(line), 0);
	assert_int_equal(t_hz, 321);
	assert_string_equal(host_log(), "");
}

static void test_cmdline_over_limit(void **state)
{
	static char line[8192 + 1];

	(void)state;
	/* A word cut by the limit is dropped; words before it still count. */
	memset(line, ' ', sizeof(line));
	memcpy(line, "hz=20", 5);
	memcpy(line + BOOTPARAM_CMDLINE_MAX - 3, "hz=999", 6);
	line[sizeof(line) - 1] = '\0';
	assert_int_equal(parse(line), 1);
	assert_int_equal(t_hz, 20);
	assert_log("bootargs: command line longer than 4096 characters, the rest is ignored\n");

	/* 8 KiB of "hz=N": the tail beyond the limit is never applied. */
	host_log_reset();
	memset(line, ' ', sizeof(line));
	memcpy(line + 100, "hz=30", 5);
	memcpy(line + 6000, "hz=40", 5);
	line[sizeof(line) - 1] = '\0';
	assert_int_equal(parse(line), 1);
	assert_int_equal(t_hz, 30);
}

static void test_cmdline_8k_junk(void **state)
{
	static char line[8192 + 1];
	u32 x = 0x2545f491;
	unsigned int round;
	size_t i;

	(void)state;
	/* Random non-NUL bytes, biased towards the parser's special characters. */
	for (round = 0; round < 64; round++) {
		for (i = 0; i < sizeof(line) - 1; i++) {
			static const char special[] = "\"= \t,xhz0123456789K";

			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			if (x & 1)
				line[i] = special[(x >> 8) % (sizeof(special) - 1)];
			else
				line[i] = (char)((x >> 8) % 255 + 1);
		}
		line[sizeof(line) - 1] = '\0';
		host_log_reset();
		assert_true(parse(line) >= 1);
		assert_log("command line longer than 4096 characters");
		assert_true(t_hz >= 10 && t_hz <= 1000);
		assert_true(t_mem >= MEM_MIN && t_mem <= MEM_MAX);
		assert_true(strlen(t_init) < sizeof(t_init));
		assert_true(strlen(t_list) < sizeof(t_list));
	}

	/* One 8 KiB word. */
	memset(line, 'a', sizeof(line) - 1);
	memcpy(line, "init=", 5);
	host_log_reset();
	assert_int_equal(parse(line), 1);
	assert_string_equal(t_init, "sh");
}

/* ---- bootparam_list_has ---- */

static void test_list_has(void **state)
{
	(void)state;
	assert_true(bootparam_list_has("all", "buddy"));
	assert_true(bootparam_list_has("buddy,slab", "buddy"));
	assert_true(bootparam_list_has("buddy,slab", "slab"));
	assert_true(bootparam_list_has("buddy,all", "vmalloc"));
	assert_true(bootparam_list_has("a,,b", "b"));
	assert_false(bootparam_list_has("buddy,slab", "sla"));
	assert_false(bootparam_list_has("buddy,slab", "slabs"));
	assert_false(bootparam_list_has("buddy,slab", "buddy,slab"));
	assert_false(bootparam_list_has("allx", "x"));
	assert_false(bootparam_list_has("All", "x"));
	assert_false(bootparam_list_has("", "buddy"));
	assert_false(bootparam_list_has(NULL, "buddy"));
	assert_false(bootparam_list_has("buddy", ""));
	assert_false(bootparam_list_has("buddy", NULL));
	assert_false(bootparam_list_has("buddy,", ""));
}

/* ---- parameters declared in the linker section ---- */

extern const struct kernel_param __start_bootparams[];
extern const struct kernel_param __stop_bootparams[];

static u32 sec_hz = 100;
BOOT_PARAM_UINT("hz", sec_hz, 10, 1000, "timer interrupts per second");

static u32 sec_heap = SZ_1M;
BOOT_PARAM_SIZE("heap", sec_heap, SZ_4K, SZ_4M, "heap size");

static bool sec_shell;
BOOT_PARAM_BOOL("shell", sec_shell, "stay at the console prompt");

static char sec_init[32] = "init";
BOOT_PARAM_STRING("init", sec_init, sizeof(sec_init), "program to run");

static char sec_selftest[64] = "all";
BOOT_PARAM_LIST("selftest", sec_selftest, sizeof(sec_selftest), "self-test suites");

static char sec_mix_seen[32];
static int sec_mix(const char *val)
{
	snprintf(sec_mix_seen, sizeof(sec_mix_seen), "%s", val);
	return 0;
}
BOOT_PARAM_CALL("stress.mix", sec_mix, "operation mix");

#define SECTION_PARAMS	6

static void test_section_table(void **state)
{
	const struct kernel_param *p;
	unsigned int seen = 0;

	(void)state;
	/* Descriptors from separate definitions are packed like an array. */
	assert_int_equal(__stop_bootparams - __start_bootparams, SECTION_PARAMS);
	for (p = __start_bootparams; p < __stop_bootparams; p++) {
		assert_non_null(p->name);
		assert_non_null(p->help);
		if (!strcmp(p->name, "hz")) {
			assert_int_equal(p->type, BOOTPARAM_UINT);
			assert_ptr_equal(p->arg.u, &sec_hz);
			assert_int_equal(p->min, 10);
			assert_int_equal(p->max, 1000);
			seen |= 1;
		} else if (!strcmp(p->name, "init")) {
			assert_int_equal(p->type, BOOTPARAM_STRING);
			assert_ptr_equal(p->arg.s, sec_init);
			assert_int_equal(p->size, sizeof(sec_init));
			seen |= 2;
		}
	}
	assert_int_equal(seen, 3);
}

static void test_section_parse(void **state)
{
	(void)state;
	assert_int_equal(parse_kernel_bootargs(
		"hz=250 heap=2M shell init=\"/bin/my prog\" selftest=buddy,slab stress.mix=alloc bogus=1 heap=8M"), 2);
	assert_int_equal(sec_hz, 250);
	assert_int_equal(sec_heap, SZ_2M);
	assert_true(sec_shell);
	assert_string_equal(sec_init, "/bin/my prog");
	assert_string_equal(sec_selftest, "buddy,slab");
	assert_string_equal(sec_mix_seen, "alloc");
	assert_log("bootargs: unknown parameter 'bogus=1' ignored\n");
	assert_log("bootargs: heap=8M rejected: expected 4096..4194304 (K/M/G suffix allowed), keeping 2097152\n");
	assert_true(bootparam_list_has(sec_selftest, "slab"));
	assert_false(bootparam_list_has(sec_selftest, "vmalloc"));
	/* The private table's variables are not touched. */
	assert_int_equal(t_hz, HZ_DEFAULT);
	assert_false(t_shell);
}

static void test_section_print(void **state)
{
	(void)state;
	sec_hz = 300;
	sec_heap = SZ_2M;
	sec_shell = false;
	snprintf(sec_init, sizeof(sec_init), "stress");
	snprintf(sec_selftest, sizeof(sec_selftest), "buddy,slab");
	bootparams_print();
	assert_log("bootargs: hz=300 (timer interrupts per second)\n");
	assert_log("bootargs: heap=2097152 (heap size)\n");
	assert_log("bootargs: shell=n (stay at the console prompt)\n");
	assert_log("bootargs: init=\"stress\" (program to run)\n");
	assert_log("bootargs: selftest=\"buddy,slab\" (self-test suites)\n");
	assert_log("bootargs: stress.mix=<set by hook> (operation mix)\n");
	assert_int_equal(host_log_errors(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_uint_valid_and_bounds, reset),
		cmocka_unit_test_setup(test_uint_out_of_range_keeps_default, reset),
		cmocka_unit_test_setup(test_uint_hex, reset),
		cmocka_unit_test_setup(test_uint_overflow, reset),
		cmocka_unit_test_setup(test_uint_sign_and_garbage, reset),
		cmocka_unit_test_setup(test_uint_missing_value, reset),
		cmocka_unit_test_setup(test_size_suffixes, reset),
		cmocka_unit_test_setup(test_size_rejects, reset),
		cmocka_unit_test_setup(test_size_full_range, reset),
		cmocka_unit_test_setup(test_bool_flag_and_spellings, reset),
		cmocka_unit_test_setup(test_bool_rejects, reset),
		cmocka_unit_test_setup(test_string_and_quotes, reset),
		cmocka_unit_test_setup(test_string_length_limit, reset),
		cmocka_unit_test_setup(test_unterminated_quote, reset),
		cmocka_unit_test_setup(test_list_valid, reset),
		cmocka_unit_test_setup(test_list_rejects, reset),
		cmocka_unit_test_setup(test_call_hook, reset),
		cmocka_unit_test_setup(test_unknown_key_warned_rest_parsed, reset),
		cmocka_unit_test_setup(test_dash_underscore_equivalent, reset),
		cmocka_unit_test_setup(test_rejected_count, reset),
		cmocka_unit_test_setup(test_last_wins, reset),
		cmocka_unit_test_setup(test_whitespace, reset),
		cmocka_unit_test_setup(test_null_and_empty, reset),
		cmocka_unit_test_setup(test_long_word, reset),
		cmocka_unit_test_setup(test_long_value_in_message_is_cut, reset),
		cmocka_unit_test_setup(test_cmdline_at_limit, reset),
		cmocka_unit_test_setup(test_cmdline_over_limit, reset),
		cmocka_unit_test_setup(test_cmdline_8k_junk, reset),
		cmocka_unit_test_setup(test_list_has, reset),
		cmocka_unit_test_setup(test_section_table, reset),
		cmocka_unit_test_setup(test_section_parse, reset),
		cmocka_unit_test_setup(test_section_print, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
