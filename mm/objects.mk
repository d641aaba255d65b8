kernel-y += mm/memblock.o mm/page_alloc.o mm/page_alloc_init.o mm/page_alloc_debug.o
kernel-y += mm/page_report.o mm/page_alloc_params.o mm/selftest_buddy.o mm/bench_buddy.o
