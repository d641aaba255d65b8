kernel-y += drivers/of/fdt.o
kernel-y += drivers/serial/uart8250.o drivers/serial/sifive_uart.o drivers/serial/serial.o
kernel-y += drivers/power/sifive_test.o drivers/power/poweroff.o
