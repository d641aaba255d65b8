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
 *
 * A skipped case is "ok N name # SKIP <reason>", and a suite whose cases
 * all skipped is "ok N suite # SKIP", as KUnit prints them; Linux's KTAP
 * parser (tools/testing/kunit/kunit_parser.py) counts both as skipped.
 *
 * While a case runs, printk hands this runner every error line
 * (printk_set_error_filter): the case's declared lines are forgiven, any
 * other fails the case.
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

/* The case running now; error lines printed meanwhile are its own. */
static struct selftest *running;

void selftest_expect_errors(struct selftest *t, const char *const *list)
{
	for (; *list; list++) {
		unsigned int n = t->nexpected;

		if (n == ST_MAX_EXPECTED_ERRORS) {
			selftest_fail(t, __FILE__, __LINE__,
				      "more than %u expected error lines",
				      ST_MAX_EXPECTED_ERRORS);
			return;
		}
		t->matched[n] = false;
		t->expected[n] = *list;
		/* an error from an interrupt may read the list: entry first */
		barrier();
		WRITE_ONCE(t->nexpected, n + 1);
	}
}

/*
 * printk's error filter: called under the console lock, possibly from an
 * interrupt, with the text of a KERN_ERR line. Must not printk.
 */
static bool selftest_error_filter(const char *text)
{
	struct selftest *t = READ_ONCE(running);
	unsigned int i;
	size_t n;

	if (!t)
		return false;
	for (i = 0; i < t->nexpected; i++) {
		if (!t->matched[i] && strstr(text, t->expected[i])) {
			t->matched[i] = true;
			return true;
		}
	}
	if (!t->unexpected++) {
		n = strcspn(text, "\n");
		if (n >= sizeof(t->first_unexpected))
			n = sizeof(t->first_unexpected) - 1;
		memcpy(t->first_unexpected, text, n);
		t->first_unexpected[n] = '\0';
	}
	return false;
}

/* A failure the runner finds after the case: no file and line to blame. */
static void case_fail(struct selftest *t, const char *what, const char *detail)
{
	t->failures++;
	printk(KERN_RECORD "    # %s: %s: %s\n", t->name, what, detail);
}

static void run_case(const struct selftest_case *c, struct selftest *t)
{
	unsigned int i;

	memset(t, 0, sizeof(*t));
	t->name = c->name;
	WRITE_ONCE(running, t);
	c->run(t);
	WRITE_ONCE(running, NULL);
	if (t->unexpected)
		case_fail(t, "unexpected error line", t->first_unexpected);
	if (t->skip_reason && !t->failures)
		return;
	for (i = 0; i < t->nexpected; i++)
		if (!t->matched[i])
			case_fail(t, "expected error line never printed", t->expected[i]);
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
	printk_set_error_filter(selftest_error_filter);
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
			struct selftest t;

			run_case(&s->cases[i], &t);
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
		printk(KERN_RECORD "%s %u %s%s\n", failed ? "not ok" : "ok", ++idx, s->name,
		       !failed && !passed && skipped ? " # SKIP" : "");
		pr_record("selftest", "suite=%s passed=%u failed=%u skipped=%u",
			  s->name, passed, failed, skipped);
		total_failed += failed;
	}
	printk_set_error_filter(NULL);
	return total_failed;
}
