// SPDX-License-Identifier: MIT
/*
 * ThreadSanitizer defaults of bench_tsan (the host benchmark built with
 * -fsanitize=thread; `make test` runs its --smoke), so that the binary
 * behaves the same however it is started. TSan calls these hooks at start.
 */

/* Stop at the first report: the run fails with TSan's exit code. */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
	return "halt_on_error=1:second_deadlock_stack=1";
}

/*
 * One class of report is the kernel's memory model, not a bug, and is
 * suppressed: __free_one_page() reads the flags word of a block's buddy
 * (PageBuddy) under zone->lock while the frame's owner may rewrite that
 * word without the lock (pcp_take() flips PG_pcp to PG_head; the slab
 * allocator sets PG_slab on its frames). PG_buddy is set and cleared only
 * under zone->lock, so the bit reads the same before and after the owner's
 * store, an aligned one-word store; Linux's page_is_buddy() reads
 * page_type the same way. TSan knows only C11 atomics, and READ_ONCE is a
 * volatile access to it, so marking the read would not quiet it either.
 * Every frame of such a report reads through PageBuddy(); nothing else
 * is suppressed.
 */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void)
{
	return "race:PageBuddy\n";
}
