# Device tree reader: arbitrary blobs through fdt_init() and, when accepted,
# through every accessor. Seeds: tests/fuzz/corpus/fdt/.
FUZZ_TARGETS += fdt
fuzz_fdt_SRCS := drivers/of/fdt.c drivers/of/fdt_lookup.c tests/fuzz/fuzz_fdt.c
