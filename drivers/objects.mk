kernel-y += drivers/of/fdt.o drivers/of/fdt_lookup.o drivers/of/fdt_address.o drivers/of/fdt_memory.o
kernel-y += drivers/serial/uart8250.o drivers/serial/sifive_uart.o drivers/serial/serial.o
kernel-y += drivers/power/sifive_test.o drivers/power/poweroff.o
