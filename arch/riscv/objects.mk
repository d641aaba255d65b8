kernel-y += arch/riscv/head.o arch/riscv/entry.o
kernel-y += arch/riscv/kernel/sbi.o arch/riscv/kernel/early_console.o
kernel-y += arch/riscv/kernel/traps.o arch/riscv/kernel/irq.o
kernel-y += arch/riscv/kernel/timer.o arch/riscv/kernel/smp.o
kernel-y += arch/riscv/mm/init.o arch/riscv/mm/fault.o arch/riscv/mm/extable.o
kernel-y += arch/riscv/mm/highmem.o
kernel-y += arch/riscv/mm/tlbflush.o arch/riscv/mm/context.o
kernel-y += arch/riscv/lib/uaccess.o arch/riscv/lib/usercopy.o
