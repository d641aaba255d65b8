// SPDX-License-Identifier: MIT
/*
 * Console glue: follow /chosen/stdout-path to a UART node, match its
 * compatible against the drivers here, map its registers and make it the
 * console. A board with an unknown UART keeps the SBI console.
 *
 * The registers are first mapped through a fixmap slot (early_ioremap:
 * the console is needed long before vmalloc exists); once vmalloc is up,
 * serial_console_remap() moves the driver to an ioremap mapping. The early
 * slot stays mapped, so a line being written while the base pointer
 * changes still reaches the UART.
 */
#include <string.h>

#include <linux/console.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of_fdt.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <asm/fixmap.h>
#include <drivers/serial.h>

static struct uart8250 u8250;
static struct sifive_uart usifive;
static const char *console_compat = "sbi";
/* The console UART's registers (0 size: none) and the driver's base pointer. */
static phys_addr_t console_phys;
static unsigned long console_size;
static void **console_base;

/* The probed UART's byte functions, behind one console. */
static void (*uart_putc)(char c);
static int (*uart_getc)(void);

static void u8250_putc(char c)
{
	uart8250_putc(&u8250, c);
}

static int u8250_getc(void)
{
	return uart8250_getc(&u8250);
}

static void sifive_putc(char c)
{
	sifive_uart_putc(&usifive, c);
}

static int sifive_getc(void)
{
	return sifive_uart_getc(&usifive);
}

static void uart_console_write(struct console *con, const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static int uart_console_getc(struct console *con)
{
	return uart_getc();
}

static struct console uart_console = {
	.write = uart_console_write,
	.getc = uart_console_getc,
};

static int probe_8250(const struct fdt *fdt, int node, void *regs)
{
	u32 v;

	u8250.base = regs;
	console_base = &u8250.base;
	u8250.reg_shift = fdt_read_u32(fdt, node, "reg-shift", &v) ? 0 : v;
	u8250.reg_width = fdt_read_u32(fdt, node, "reg-io-width", &v) ? 1 : v;
	if (u8250.reg_shift > 2 || (u8250.reg_width != 1 && u8250.reg_width != 4)) {
		pr_err("serial: unsupported reg-shift %u / reg-io-width %u\n",
		       u8250.reg_shift, u8250.reg_width);
		return -EINVAL;
	}
	uart8250_init(&u8250);
	uart_putc = u8250_putc;
	uart_getc = u8250_getc;
	return 0;
}

static int probe_sifive(const struct fdt *fdt, int node, void *regs)
{
	usifive.base = regs;
	console_base = &usifive.base;
	sifive_uart_init(&usifive);
	uart_putc = sifive_putc;
	uart_getc = sifive_getc;
	return 0;
}

static const struct {
	const char *compatible;
	int (*probe)(const struct fdt *fdt, int node, void *regs);
} serial_drivers[] = {
	{ "ns16550a", probe_8250 },
	{ "ns16550", probe_8250 },
	{ "sifive,uart0", probe_sifive },
};

/* stdout-path may carry ":115200n8" options; look the node up without them. */
static int stdout_node(const struct fdt *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	char buf[128];
	size_t n;

	if (chosen < 0)
		return -ENOENT;
	path = fdt_getprop_string(fdt, chosen, "stdout-path");
	if (!path)
		path = fdt_getprop_string(fdt, chosen, "linux,stdout-path");
	if (!path)
		return -ENOENT;
	n = strcspn(path, ":");
	if (n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return fdt_path_offset(fdt, buf);
}

int serial_console_init(const struct fdt *fdt)
{
	int node = stdout_node(fdt);
	u64 base, size;
	unsigned int i;
	void *regs;

	if (node < 0) {
		pr_warn("serial: no usable /chosen/stdout-path, staying on the SBI console\n");
		return -ENODEV;
	}
	if (fdt_read_reg_phys(fdt, node, 0, &base, &size) || !size) {
		pr_warn("serial: %s has no reg with a CPU address\n", fdt_node_name(fdt, node));
		return -EINVAL;
	}
	for (i = 0; i < ARRAY_SIZE(serial_drivers); i++) {
		if (!fdt_node_is_compatible(fdt, node, serial_drivers[i].compatible))
			continue;
		size = min(size, (u64)PAGE_SIZE - (base & ~PAGE_MASK));
		regs = early_ioremap(base, size);
		if (!regs)
			return -ENOMEM;
		if (serial_drivers[i].probe(fdt, node, regs))
			return -EINVAL;
		console_phys = base;
		console_size = size;
		uart_console.name = serial_drivers[i].compatible;
		console_compat = serial_drivers[i].compatible;
		register_console(&uart_console);
		pr_info("console: %s at 0x%08llx (%s)\n", fdt_node_name(fdt, node),
			(unsigned long long)base, console_compat);
		return 0;
	}
	pr_warn("serial: no driver for %s, staying on the SBI console\n",
		fdt_node_name(fdt, node));
	return -ENODEV;
}

int serial_console_remap(void)
{
	void *regs;

	if (!console_size)
		return 0;
	regs = ioremap(console_phys, console_size);
	if (!regs) {
		pr_warn("serial: cannot ioremap the console UART, keeping its early mapping\n");
		return -ENOMEM;
	}
	WRITE_ONCE(*console_base, regs);
	pr_info("console: %s registers remapped at %08lx\n", console_compat,
		(unsigned long)regs);
	return 0;
}

const char *serial_console_name(void)
{
	return console_compat;
}
