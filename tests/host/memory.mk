# memory: the fault handler (mm/memory.c) and the shared anonymous object
# (mm/shared_anon.c) on the buddy and slab allocators booted on a host
# arena (with and without highmem) and the production page-table walker
# (mm/pgtable.c) over the real <asm/pgtable.h>; address spaces are built by
# hand, without the region code.
HOST_TESTS += memory
host_memory_SRCS = $(filter-out tests/host/test_buddy%.c,$(host_buddy_SRCS)) \
	$(SLAB_SRCS) $(PGTABLE_SRCS) mm/memory.c mm/shared_anon.c \
	tests/host/test_memory.c tests/host/test_memory_shared.c
