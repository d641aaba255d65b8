# Device tree reader: DTBs captured from QEMU (tests/data/dtb/), a
# hand-written board and malformed variants derived from them in the test.
HOST_TESTS += fdt
host_fdt_SRCS := drivers/of/fdt.c drivers/of/fdt_lookup.c \
	tests/host/test_fdt.c tests/host/test_fdt_lookup.c
