// SPDX-License-Identifier: MIT
/*
 * The self-test runner: KTAP version 1 output, one subtest per suite, as
 * KUnit prints it, e.g.
 *
 *   KTAP version 1
 *   1..1
 *       KTAP version 1
 *       # Subtest: boot
 *       1..2
 *       ok 1 wx_none
 *       # null_guard: EXPECTATION FAILED at kernel/x.c:12
 *       # Expected err == -EFAULT, but 0 != -14
 *       not ok 2 null_guard
 *   not ok 1 boot
 */
#include <stdio.h>
#include <string.h>

#include <linux/bootparam.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/selftest.h>

extern const struct selftest_suite __start_selftests[], __stop_selftests[];

static char selftest_list[256];
BOOT_PARAM_LIST("selftest", selftest_list, sizeof(selftest_list),
		"self-test suites to run: all, or a comma list of suite names");

bool selftest_requested(void)
{
	return selftest_list[0] != '\0';
}

void selftest_fail(struct selftest *t, const char *file, int line,
		   const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	t->failures++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_RECORD "    # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	printk(KERN_RECORD "    # %s\n", msg);
}

static bool suite_selected(const struct selftest_suite *s)
{
	return bootparam_list_has(selftest_list, s->name);
}

/* Warn about names in selftest= that match no suite. */
static void check_unknown_names(void)
{
	char buf[sizeof(selftest_list)];
	char *name, *save = NULL;

	memcpy(buf, selftest_list, sizeof(buf));
	for (name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		const struct selftest_suite *s;
		bool found = !strcmp(name, "all");

		for (s = __start_selftests; s < __stop_selftests && !found; s++)
			found = !strcmp(s->name, name);
		if (!found)
			pr_warn("selftest: no suite named '%s'\n", name);
	}
}

unsigned int selftest_run_all(void)
{
	const struct selftest_suite *s;
	unsigned int nsuites = 0, idx = 0, total_failed = 0;

	if (!selftest_requested())
		return 0;
	check_unknown_names();
	for (s = __start_selftests; s < __stop_selftests; s++)
		nsuites += suite_selected(s);

	printk(KERN_RECORD "KTAP version 1\n");
	printk(KERN_RECORD "1..%u\n", nsuites);
	for (s = __start_selftests; s < __stop_selftests; s++) {
		unsigned int i, passed = 0, failed = 0, skipped = 0;

		if (!suite_selected(s))
			continue;
		printk(KERN_RECORD "    KTAP version 1\n");
		printk(KERN_RECORD "    # Subtest: %s\n", s->name);
		printk(KERN_RECORD "    1..%u\n", s->ncases);
		for (i = 0; i < s->ncases; i++) {
			struct selftest t = { .name = s->cases[i].name };
			unsigned int errors = printk_error_count();

			s->cases[i].run(&t);
			if (t.errors_expected)
				printk_forgive_errors(printk_error_count() - errors);
			if (t.failures) {
				failed++;
				printk(KERN_RECORD "    not ok %u %s\n", i + 1, t.name);
			} else if (t.skip_reason) {
				skipped++;
				printk(KERN_RECORD "    ok %u %s # SKIP %s\n", i + 1, t.name,
				       t.skip_reason);
			} else {
				passed++;
				printk(KERN_RECORD "    ok %u %s\n", i + 1, t.name);
			}
		}
		printk(KERN_RECORD "%s %u %s\n", failed ? "not ok" : "ok", ++idx, s->name);
		pr_record("selftest", "suite=%s passed=%u failed=%u skipped=%u",
			  s->name, passed, failed, skipped);
		total_failed += failed;
	}
	return total_failed;
}
