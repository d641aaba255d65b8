# vmalloc: op sequences (every vmalloc-family call, interrupt-context frees,
# purges, page and slab fault injection, planted bad frees) with
# vmalloc_check() after each, on the buddy and slab allocators and the
# simulated page tables and TLB. Seeds: tests/fuzz/corpus/vmalloc/.
FUZZ_TARGETS += vmalloc
fuzz_vmalloc_SRCS = $(filter-out tests/fuzz/fuzz_buddy.c,$(fuzz_buddy_SRCS)) \
	$(SLAB_SRCS) lib/rbtree.c mm/vmap_area.c mm/vmalloc.c mm/vmalloc_report.c mm/vmstat.c \
	tests/host/stubs/pgtable_kernel.c tests/fuzz/fuzz_vmalloc.c
