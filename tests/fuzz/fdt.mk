# Device tree reader: arbitrary blobs through fdt_init() and, when accepted,
# through every accessor (bus address translation included). Seeds: tests/fuzz/corpus/fdt/.
FUZZ_TARGETS += fdt
fuzz_fdt_SRCS := drivers/of/fdt.c drivers/of/fdt_lookup.c drivers/of/fdt_address.c \
	tests/fuzz/fuzz_fdt.c
