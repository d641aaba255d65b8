HOST_TESTS += buddy
host_buddy_SRCS := mm/page_alloc.c mm/page_alloc_pcp.c mm/page_alloc_init.c \
	mm/page_alloc_debug.c mm/page_alloc_check.c mm/fail_page_alloc.c \
	mm/page_report.c mm/memblock.c mm/sparse.c lib/prng.c \
	tests/host/buddy_harness.c tests/host/test_buddy.c \
	tests/host/test_buddy_debug.c tests/host/test_buddy_zones.c \
	tests/kernel/buddy_frag.c
