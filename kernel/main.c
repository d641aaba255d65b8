// SPDX-License-Identifier: MIT
/*
 * start_kernel: bring the board up in dependency order, report it, run what
 * the bootargs ask for (self-tests, the test-only crash=, the run phase),
 * then power off with a verdict.
 */
#include <string.h>

#include <linux/bench.h>
#include <linux/bootparam.h>
#include <linux/console.h>
#include <linux/bug.h>
#include <linux/jiffies.h>
#include <linux/highmem.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/selftest.h>
#include <linux/setup.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/time.h>
#include <linux/timer.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <asm/fixmap.h>
#include <asm/pgtable.h>
#include <asm/sbi.h>
#include <asm/sections.h>
#include <asm/smp.h>
#include <asm/timer.h>
#include <asm/traps.h>
#include <drivers/power.h>
#include <drivers/serial.h>

#include "crash_test.h"
#include "exec.h"

static u32 run_seconds = 2;
BOOT_PARAM_UINT("stress.duration", run_seconds, 0, 86400,
		"seconds the run phase lasts before the board powers off");

void *early_dtb_va(void);
void paging_init(void);
extern phys_addr_t dtb_early_pa, lowmem_end;

const char *current_task_name(void)
{
	return current->comm;
}

static void print_boot_record(void)
{
	pr_record("boot", "board=%s hart=%lu harts=%u ram=%llu kernel=0x%08llx "
		  "kernel_size=%lu timebase=%u sbi=%lu.%lu sbi_impl=%s "
		  "sbi_impl_version=%lu.%lu isa=%s mmu=%s console=%s poweroff=%s "
		  "page_struct=%u",
		  boot.board, boot.hartid, boot.nr_harts,
		  (unsigned long long)memblock_phys_mem_size(),
		  (unsigned long long)phys_ram_base,
		  (unsigned long)(_end - _start_kernel), boot.timebase,
		  (sbi.spec_version >> 24) & 0x7f, sbi.spec_version & 0xffffff,
		  sbi_impl_name(sbi.impl_id), sbi.impl_version >> 16,
		  sbi.impl_version & 0xffff, boot.isa, boot.mmu ? boot.mmu : "none",
		  serial_console_name(), poweroff_method(),
		  (unsigned int)sizeof(struct page));
}

/*
 * Hand memory to the page allocator: mem_map from memblock, the zones,
 * then every free frame (memblock_free_all logs what each zone received
 * and who holds the rest).
 */
static void mm_init(void)
{
	if (free_area_init(PFN_DOWN(lowmem_end)))
		panic("mm_init: no room for mem_map");
	page_alloc_set_kmap(kmap_atomic, kunmap_atomic);
	memblock_free_all();
	if (buddy_check())
		panic("mm_init: the buddy allocator is inconsistent after boot");
	kmem_cache_init();
	if (zero_page_init())
		panic("mm_init: no frame for the zero page");
	proc_caches_init();
	vmalloc_init();
	serial_console_remap();
	poweroff_remap();
}

static void print_harts(void)
{
	static const char *const states[] = {
		"started", "stopped", "start pending", "stop pending", "suspended",
	};
	int cpus = fdt_path_offset(&boot_fdt, "/cpus");
	int cpu;

	fdt_for_each_child(&boot_fdt, cpus, cpu) {
		u32 hart;
		long st;

		if (fdt_read_u32(&boot_fdt, cpu, "reg", &hart))
			continue;
		st = sbi_hart_get_status(hart);
		pr_info("cpu: hart %u %s%s, %s\n", hart,
			fdt_getprop_string(&boot_fdt, cpu, "mmu-type") ? "" : "(no MMU) ",
			hart == boot.hartid ? "boot hart" : "parked",
			st >= 0 && st < (long)ARRAY_SIZE(states) ? states[st] : "status unknown");
	}
}

static void print_memory_map(void)
{
	unsigned int i;

	pr_info("Memory map:\n");
	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		pr_info("  RAM      0x%09llx-0x%09llx %8llu KiB%s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1),
			(unsigned long long)(r->size >> 10),
			memblock_is_nomap(r) ? "  no-map: outside the linear map" : "");
	}
	if (boot.ram_below_kernel)
		pr_info("  unmapped 0x%09llx-0x%09llx %8llu KiB  below the kernel: outside the linear map\n",
			(unsigned long long)boot.ram_start,
			(unsigned long long)(phys_ram_base - 1),
			(unsigned long long)(boot.ram_below_kernel >> 10));
	for (i = 0; i < memblock.reserved.cnt; i++) {
		const struct memblock_region *r = &memblock.reserved.regions[i];

		pr_info("  reserved 0x%09llx-0x%09llx %8llu KiB  %s\n",
			(unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1),
			(unsigned long long)((r->size + 1023) >> 10), r->owner);
	}
	pr_info("  lowmem   0x%09llx-0x%09llx mapped at 0x%08lx\n",
		(unsigned long long)phys_ram_base, (unsigned long long)(lowmem_end - 1),
		PAGE_OFFSET);
	if (boot.ram_end > lowmem_end)
		pr_info("  highmem  0x%09llx-0x%09llx\n",
			(unsigned long long)lowmem_end, (unsigned long long)(boot.ram_end - 1));
}

/* Free frames with every per-CPU list drained back to the buddy lists. */
static unsigned long settled_free_pages(void)
{
	drain_all_pages();
	return nr_free_pages();
}

/*
 * Free frames with vmalloc's lazy areas purged (the freed kernel stacks'
 * descriptors), the per-CPU lists and the slab caches' free slabs given back.
 */
static unsigned long settled_free_frames(void)
{
	vm_unmap_aliases();
	slab_reclaim(~0u, GFP_KERNEL);
	kmem_cache_shrink_all();
	return settled_free_pages();
}

/* pid 1: runs the initrd's programs; its exit code counts their unexpected failures. */
/*
 * fail_page_alloc= and failslab= take effect only now, as the boot is
 * complete: the boot's own allocations (caches, the idle task, the
 * drivers' mappings) have no way to fail gracefully, the self-tests and
 * programs that follow all do.
 */
static void fault_injection_arm(void)
{
	if (fail_page_alloc_boot) {
		fail_page_alloc_set_probability(fail_page_alloc_boot);
		pr_info("fail_page_alloc on: %u%% of page allocations fail\n", fail_page_alloc_boot);
	}
	slab_fault_arm();
}

static int kernel_init(void *arg)
{
	unsigned long *initrd_pages = arg;

	unsigned int failed = run_init_programs(initrd_pages);

	return (int)min(failed, 255u);
}

/*
 * User space: init runs the programs one after another; swapper waits for
 * it. Every frame they used must come back: the free count after them,
 * less the initrd's frames freed meanwhile, plus the frames vmalloc's page
 * tables and descriptor slabs gained (or minus those they gave back),
 * equals the count before (@frames). Returns the failures.
 */
static unsigned int run_user_space(unsigned long *initrd_pages)
{
	unsigned long before, after, meta0;
	struct task_struct *init;
	unsigned int failed = 0;
	int status = 0;
	pid_t pid;

	/* settle first: the purge and the shrink change vmalloc's own frames too */
	before = settled_free_frames();
	meta0 = vmalloc_meta_pages();
	init = kthread_run(kernel_init, initrd_pages, "init");
	if (!init) {
		pr_err("init: no memory for the init task\n");
		return 1;
	}
	/* after init: init is pid 1 */
	ps_reporter_start();
	/* the reaped task is freed: keep its pid, not the pointer */
	pid = init->pid;
	if (kernel_wait4(pid, &status, 0) != pid)
		failed++;
	failed += (status >> 8) & 0xff;
	ps_reporter_stop();
	/* swapper borrowed the last program's mm when init left: give it back */
	exit_lazy_mm();
	/* frames vmalloc keeps (page tables, descriptor slabs) are missing from the free count */
	after = settled_free_frames() - *initrd_pages + (vmalloc_meta_pages() - meta0);
	pr_record("frames", "before=%lu after=%lu initrd_freed=%lu tasks=%lu mms=%lu",
		  before, after, *initrd_pages, nr_tasks(), nr_mms());
	if (after != before) {
		pr_err("init: %ld frames not given back by the programs\n",
		       (long)(before - after));
		failed++;
	}
	return failed;
}

/* The run phase: for now the tick runs and the hart idles. */
static void run_phase(void)
{
	u64 end = ktime_get_ns() + (u64)run_seconds * NSEC_PER_SEC;

	while (ktime_get_ns() < end)
		__asm__ __volatile__("wfi");
}

static void report_ticks(void)
{
	struct tick_stats st;
	u64 elapsed;

	tick_get_stats(&st);
	elapsed = ktime_get_ns() - st.start_ns;
	pr_record("timer", "hz=%u ticks=%lu irqs=%lu missed=%lu elapsed_us=%llu source=%s",
		  tick_hz, jiffies, st.irqs, st.missed,
		  (unsigned long long)(elapsed / NSEC_PER_USEC), st.source);
	pr_info("timer: %lu ticks in %llu.%03llu s\n", jiffies,
		(unsigned long long)(elapsed / NSEC_PER_SEC),
		(unsigned long long)(elapsed % NSEC_PER_SEC / NSEC_PER_MSEC));
}

void __noreturn start_kernel(unsigned long hartid, unsigned long dtb_pa)
{
	unsigned int failed;
	unsigned int errors;
	unsigned long free0, initrd_pages = 0;
	long leaked;
	unsigned long vmalloc_meta0, vmalloc_objs0, objs0;
	long leaked_objs;
	u64 t0;

	cpu_number = 0;
	boot.hartid = hartid;
	sbi_init();
	/* through the SBI console: the UART is not known before the DT is read */
	pr_info("Booting on hart %lu, device tree at 0x%08lx\n", hartid, dtb_pa);

	setup_fdt(dtb_pa, early_dtb_va(),
		  FDT_FIXMAP_SIZE - (unsigned long)(dtb_pa & ~PGDIR_MASK));
	serial_console_init(&boot_fdt);
	setup_board_info();
	timebase_hz = boot.timebase;
	pr_notice("Linux-style mm on %s: hart %lu, %u-hart board\n",
		  boot.model, boot.hartid, boot.nr_harts);
	sbi_print_info();
	parse_kernel_bootargs(boot.bootargs);
	pr_info("Kernel command line: %s\n", boot.bootargs);
	bootparams_print();

	setup_memory();
	paging_init();
	initrd_map();
	poweroff_init(&boot_fdt);

	print_boot_record();
	print_harts();
	print_memory_map();
	/* before mm_init: kmem_cache_init arms the slab reaper's delayed work */
	init_timers();
	workqueue_init_early();
	mm_init();
	meminfo_show();
	buddy_show_buddyinfo();
	initrd_show();
	sched_init();
	/* the workers' stacks are in the baseline below: long-lived, never freed */
	workqueue_init();

	riscv_timer_setup(boot.has_sstc);
	tick_init();
	local_irq_enable();

	free0 = settled_free_pages();
	vmalloc_meta0 = vmalloc_meta_pages();
	vmalloc_objs0 = vmalloc_meta_objects();
	objs0 = slab_objects_in_use();
	/* the boot is complete: from here on allocations may be failed on purpose */
	fault_injection_arm();
	failed = selftest_run_all();
	failed += bench_run_all();
	crash_test_run();
	failed += run_user_space(&initrd_pages);

	t0 = ktime_get_ns();
	run_phase();
	report_ticks();
	/* first: it shrinks every cache, so the page counts that follow are settled */
	slab_report();
	buddy_report();
	vmalloc_report();
	vm_report();
	/* what is left: the kernel threads (their stacks are in the vmalloc list above) */
	show_tasks();
	vmstat_show();
	buddy_show_buddyinfo();
	/* the initrd was held at the baseline and freed since: not a gain */
	leaked = free0 - (settled_free_pages() - initrd_pages);
	/* vmalloc's page tables and descriptor slabs are kept, not leaked */
	leaked -= (long)(vmalloc_meta_pages() - vmalloc_meta0);
	/* slab_report() shrank every cache: slabs the run made are gone again */
	leaked_objs = (long)(slab_objects_in_use() - objs0);
	/* the descriptors of vmalloc's free and lazy ranges are kept, not leaked */
	leaked_objs -= (long)(vmalloc_meta_objects() - vmalloc_objs0);
	if (slab_check())
		failed++;
	if (buddy_check())
		failed++;
	if (vmalloc_check())
		failed++;

	errors = printk_error_count();
	pr_record("summary", "result=%s leaked_pages=%ld leaked_objects=%ld errors=%u "
		  "selftest_failed=%u duration=%llu.%03llu",
		  failed || errors || leaked || leaked_objs ? "fail" : "pass",
		  leaked, leaked_objs, errors, failed,
		  (unsigned long long)((ktime_get_ns() - t0) / NSEC_PER_SEC),
		  (unsigned long long)((ktime_get_ns() - t0) % NSEC_PER_SEC / NSEC_PER_MSEC));
	if (failed || errors || leaked || leaked_objs)
		machine_fail(1);
	machine_power_off();
}
