# Buddy allocator: op sequences (alloc, free, drain, tunables, planted bad
# frees) with buddy_check() after each. Seeds: tests/fuzz/corpus/buddy/.
FUZZ_TARGETS += buddy
fuzz_buddy_SRCS := mm/page_alloc.c mm/page_alloc_pcp.c mm/page_alloc_init.c \
	mm/page_alloc_debug.c mm/page_alloc_check.c mm/fail_page_alloc.c \
	mm/page_report.c mm/memblock.c mm/sparse.c lib/prng.c \
	tests/host/buddy_harness.c tests/fuzz/fuzz_buddy.c
