# Regions: operation sequences against the reference model
# (tests/host/vma_model.c), with vma_check() and a full comparison after
# each. Seeds: tests/fuzz/corpus/vma/. Sources from tests/host/vma.mk.
FUZZ_TARGETS += vma
fuzz_vma_SRCS = $(SLAB_SRCS) $(SLAB_HOST_DEPS) $(VMA_SRCS) $(VMA_PAGE_SRCS) \
	tests/host/vma_model.c tests/fuzz/fuzz_vma.c
