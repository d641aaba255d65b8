# vmalloc: the area allocator and API on the buddy allocator booted on a
# host arena; page tables and TLB simulated by the stand-in.
HOST_TESTS += vmalloc
host_vmalloc_SRCS = $(filter-out tests/host/test_buddy%.c,$(host_buddy_SRCS)) \
	lib/rbtree.c mm/vmap_area.c mm/vmalloc.c mm/vmalloc_report.c \
	tests/host/stubs/pgtable_kernel.c tests/host/test_vmalloc.c
