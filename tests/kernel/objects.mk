# In-firmware self-tests (KTAP) and benchmarks, linked into every image as
# KUnit built-ins are; selftest= and bench= choose what runs at boot.
kernel-y += tests/kernel/selftest_boot.o
kernel-y += tests/kernel/selftest_buddy.o tests/kernel/buddy_frag.o tests/kernel/bench_buddy.o
kernel-y += tests/kernel/selftest_slab.o tests/kernel/bench_slab.o
kernel-y += tests/kernel/selftest_vmalloc.o tests/kernel/bench_vmalloc.o
kernel-y += tests/kernel/selftest_uaccess.o tests/kernel/selftest_workqueue.o
kernel-y += tests/kernel/selftest_mm.o tests/kernel/bench_mm.o
kernel-y += tests/kernel/selftest_sched.o
kernel-y += tests/kernel/bench_tasks.o tests/kernel/bench_progs.o
