# Page tables: the walker (mm/pgtable.c) and init_mm over the real
# <asm/pgtable.h>, on the buddy allocator booted on a host arena; only the
# TLB flushes and satp are stood in for (stubs/host_tlb.c, host_tlb.h).
# PGTABLE_SRCS is what any test of code that maps pages links.
PGTABLE_SRCS := mm/pgtable.c mm/init-mm.c mm/vmstat.c tests/host/stubs/host_tlb.c
HOST_TESTS += pgtable
host_pgtable_SRCS = $(filter-out tests/host/test_buddy%.c,$(host_buddy_SRCS)) \
	$(PGTABLE_SRCS) tests/host/test_pgtable.c
