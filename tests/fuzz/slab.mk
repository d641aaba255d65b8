# Slab allocator: op sequences (kmalloc/kfree/krealloc, caches, tunables,
# reaping, CPU switches, failslab, planted debug bugs) with slab_check()
# after each. Seeds: tests/fuzz/corpus/slab/. Sources from tests/host/slab.mk.
FUZZ_TARGETS += slab
fuzz_slab_SRCS := $(SLAB_SRCS) $(SLAB_HOST_DEPS) tests/fuzz/fuzz_slab.c
