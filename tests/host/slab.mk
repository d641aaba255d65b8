# Slab allocator: the production mm/slab*.c and mm/kmalloc.c on the real
# buddy allocator (buddy.mk's sources) booted on a host arena.
HOST_TESTS += slab
SLAB_SRCS := mm/slab.c mm/slab_cache.c mm/kmalloc.c mm/slab_debug.c \
	mm/slab_check.c mm/slab_report.c
SLAB_HOST_DEPS := $(filter-out tests/host/test_buddy%.c,$(host_buddy_SRCS)) \
	tests/host/slab_harness.c
host_slab_SRCS := $(SLAB_SRCS) $(SLAB_HOST_DEPS) tests/host/test_slab.c \
	tests/host/test_slab_kmalloc.c tests/host/test_slab_debug.c
