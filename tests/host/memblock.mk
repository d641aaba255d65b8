HOST_TESTS += memblock
host_memblock_SRCS := mm/memblock.c mm/sparse.c mm/page_alloc.c mm/page_alloc_pcp.c \
	mm/page_alloc_init.c mm/page_alloc_debug.c mm/page_alloc_check.c mm/fail_page_alloc.c \
	mm/page_report.c lib/prng.c tests/host/linear_map.c \
	tests/host/test_memblock.c
