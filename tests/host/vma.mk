# Regions: the production region code (mm/vma*.c, mmap, mprotect, mremap,
# madvise, the maps report, kernel/fork.c), the page-table walker
# (mm/pgtable.c, PGTABLE_SRCS with the host TLB model) and the page-level code (mm/memory.c, mm/shared_anon.c)
# on the buddy and slab allocators booted on a host arena. The reference
# model (vma_model.c) is shared with tests/fuzz/vma.mk.
VMA_SRCS := mm/vma.c mm/vma_merge.c mm/vma_check.c mm/mmap.c mm/mmap_params.c \
	mm/mprotect.c mm/mremap.c mm/madvise.c mm/maps_report.c kernel/fork.c \
	lib/rbtree.c kernel/params.c
VMA_PAGE_SRCS = $(PGTABLE_SRCS) mm/memory.c mm/shared_anon.c
HOST_TESTS += vma
host_vma_SRCS = $(SLAB_SRCS) $(SLAB_HOST_DEPS) $(VMA_SRCS) $(VMA_PAGE_SRCS) \
	tests/host/vma_model.c tests/host/test_vma.c tests/host/test_vma_ops.c \
	tests/host/test_vma_random.c
