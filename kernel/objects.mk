kernel-y += kernel/main.o kernel/setup.o kernel/printk.o kernel/time.o
kernel-y += kernel/timer.o kernel/timer_list.o kernel/workqueue.o kernel/params.o kernel/kallsyms.o kernel/selftest.o
kernel-y += kernel/crash_test.o kernel/bench.o
kernel-y += kernel/fork.o
kernel-y += kernel/signal.o
kernel-y += kernel/elf.o kernel/cpio.o kernel/initrd.o
kernel-y += kernel/sched.o kernel/task.o kernel/sys.o kernel/exec.o kernel/builtin_initrd.o
kernel-y += kernel/ps.o
