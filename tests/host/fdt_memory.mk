# Boot memory from the device tree: the scans and bus translation of
# drivers/of/ into memblock and the buddy allocator, on DTBs that dtc
# builds here from tests/data/dtb/mem-*.dts (and on the committed captures).
HOST_TESTS += fdt_memory
host_fdt_memory_SRCS := drivers/of/fdt.c drivers/of/fdt_lookup.c \
	drivers/of/fdt_address.c drivers/of/fdt_memory.c \
	mm/memblock.c mm/sparse.c mm/page_alloc.c mm/page_alloc_pcp.c \
	mm/page_alloc_init.c mm/page_alloc_debug.c mm/page_alloc_check.c mm/fail_page_alloc.c \
	mm/page_report.c lib/prng.c tests/host/linear_map.c \
	tests/host/test_fdt_memory.c
FDT_MEMORY_DTBS := $(patsubst tests/data/dtb/%.dts,$(HB)/dtb/%.dtb,\
	$(wildcard tests/data/dtb/mem-*.dts))

# -q: some of these trees are wrong on purpose.
$(HB)/dtb/%.dtb: tests/data/dtb/%.dts
	$(call msg,DTC,$@)
	$(Q)mkdir -p $(@D) && dtc -q -I dts -O dtb -o $@ $<

$(HB)/test_fdt_memory: $(FDT_MEMORY_DTBS)
