# vmalloc: the area allocator and API on the buddy allocator booted on a
# host arena and the slab allocator on it (the descriptors' cache); page
# tables and TLB simulated by the stand-in. slab_harness.c is not linked:
# the tests need highmem, so vmalloc_tests.h boots both allocators itself.
HOST_TESTS += vmalloc
host_vmalloc_SRCS = $(filter-out tests/host/test_buddy%.c,$(host_buddy_SRCS)) \
	$(SLAB_SRCS) lib/rbtree.c mm/vmap_area.c mm/vmalloc.c mm/vmalloc_report.c mm/vmstat.c \
	tests/host/stubs/pgtable_kernel.c tests/host/test_vmalloc.c \
	tests/host/test_vmalloc_map.c
