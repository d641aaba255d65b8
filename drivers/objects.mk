kernel-y += drivers/of/fdt.o drivers/of/fdt_lookup.o
kernel-y += drivers/serial/uart8250.o drivers/serial/sifive_uart.o drivers/serial/serial.o
kernel-y += drivers/power/sifive_test.o drivers/power/poweroff.o
