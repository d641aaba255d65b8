// SPDX-License-Identifier: MIT
/*
 * The ELF32 loader (Linux's load_elf_binary and create_elf_tables, for
 * static ET_EXEC programs with no file system behind them) and the
 * initrd's program runner (the part of Linux's kernel_init that starts
 * user space).
 *
 * A program's initial stack, from STACK_TOP down (create_elf_tables'
 * layout, which tests/user/lib/ut.c reads):
 *
 *   STACK_TOP  ->  16 bytes AT_RANDOM, argv[0]'s string
 *                  (padding to 16)
 *                  auxv pairs up to AT_NULL
 *                  NULL                     (envp ends; no environment)
 *                  NULL, argv[0]            (argv)
 *   sp         ->  argc = 1
 */
#include <string.h>

#include <linux/bootparam.h>
#include <linux/cpio.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mm_types.h>
#include <linux/printk.h>
#include <linux/prng.h>
#include <linux/record.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>

#include "exec.h"

static char init_prog[64];
BOOT_PARAM_STRING("init", init_prog, sizeof(init_prog),
		  "run only this program of the initrd");
static char expect_fail[256];
BOOT_PARAM_LIST("expect_fail", expect_fail, sizeof(expect_fail),
		"programs whose failure is expected (comma-separated; a name or its last component)");

/* expect_fail names the program, or its last path component (a list item has no '/'). */
static bool expected_to_fail(const char *name)
{
	const char *base = strrchr(name, '/');

	return bootparam_list_has(expect_fail, name) ||
	       (base && bootparam_list_has(expect_fail, base + 1));
}

extern const char __builtin_initrd_start[], __builtin_initrd_end[];

/* AT_RANDOM's source: seeded from the clock at the first exec. */
static struct prng exec_prng;
static bool exec_prng_seeded;

static unsigned long elf_prot(u32 pflags)
{
	return (pflags & PF_R ? PROT_READ : 0) | (pflags & PF_W ? PROT_WRITE : 0) |
	       (pflags & PF_X ? PROT_EXEC : 0);
}

/* Map one segment writable, copy its file part, then give it its rights. */
static int load_segment(struct mm_struct *mm, const struct elf_segment *seg)
{
	unsigned long len = seg->end - seg->start;
	long addr;

	addr = do_mmap(mm, seg->start, len, PROT_READ | PROT_WRITE,
		       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	/* the rest of the region is fresh anonymous memory: it reads zero (bss) */
	if (seg->filesz && copy_to_user((void __user *)seg->vaddr, seg->data, seg->filesz))
		return -EFAULT;
	return do_mprotect(mm, seg->start, len, elf_prot(seg->flags));
}

/* The stack region and its contents; the user sp in *sp. */
static int setup_stack(struct mm_struct *mm, const char *name, const struct elf_info *info,
		       unsigned long *sp)
{
	unsigned long size = EXEC_STACK_PAGES * PAGE_SIZE, top = STACK_TOP;
	size_t name_len = strlen(name) + 1;
	unsigned long random_at, argv0_at, p;
	u8 random[EXEC_RANDOM_BYTES];
	u32 table[] = {
		1, 0, 0,		/* argc, argv[0] (filled below), argv's NULL */
		0,			/* envp's NULL */
		AT_PHDR, info->phdr_vaddr,
		AT_PHENT, info->phent,
		AT_PHNUM, info->phnum,
		AT_PAGESZ, PAGE_SIZE,
		AT_ENTRY, info->entry,
		AT_RANDOM, 0,		/* filled below */
		AT_NULL, 0,
	};
	long addr;

	addr = do_mmap(mm, top - size, size, PROT_READ | PROT_WRITE,
		       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN, 0);
	if (IS_ERR_VALUE(addr))
		return (int)addr;
	if (!exec_prng_seeded) {
		prng_seed(&exec_prng, ktime_get_ns());
		exec_prng_seeded = true;
	}
	for (unsigned int i = 0; i < EXEC_RANDOM_BYTES; i += 4) {
		u32 r = prng_u32(&exec_prng);

		memcpy(random + i, &r, 4);
	}
	random_at = top - EXEC_RANDOM_BYTES;
	argv0_at = random_at - name_len;
	table[1] = argv0_at;
	table[ARRAY_SIZE(table) - 3] = random_at;
	p = ALIGN_DOWN(argv0_at - sizeof(table), 16);
	if (copy_to_user((void __user *)random_at, random, sizeof(random)) ||
	    copy_to_user((void __user *)argv0_at, name, name_len) ||
	    copy_to_user((void __user *)p, table, sizeof(table)))
		return -EFAULT;
	mm->start_stack = p;
	mm->arg_start = argv0_at;
	mm->arg_end = argv0_at + name_len;
	mm->env_start = mm->env_end = argv0_at + name_len;
	*sp = p;
	return 0;
}

int exec_load(struct mm_struct *mm, const char *name, const void *image, size_t size,
	      struct pt_regs *regs)
{
	struct elf_info *info = kmalloc(sizeof(*info), GFP_KERNEL);
	struct mm_struct *prev;
	unsigned long sp = 0;
	int err;

	if (!info)
		return -ENOMEM;
	err = elf_check(image, size, info);
	if (err) {
		pr_warn("exec: %s: bad ELF executable: %s\n", name, info->reason);
		kfree(info);
		return err;
	}
	prev = use_mm(mm);
	for (unsigned int i = 0; i < info->nr_loads && !err; i++)
		err = load_segment(mm, &info->load[i]);
	if (!err)
		err = setup_stack(mm, name, info, &sp);
	unuse_mm(mm, prev);
	if (!err) {
		mm->start_code = info->start_code;
		mm->end_code = info->end_code;
		mm->start_data = info->start_data;
		mm->end_data = info->end_data;
		mm->start_brk = mm->brk = info->start_brk;
		memset(regs, 0, sizeof(*regs));
		regs->epc = info->entry;
		regs->sp = sp;
		/* sret to U-mode (SPP clear) with interrupts on; FS Off: no FP state */
		regs->status = SR_SPIE;
		/* the copied text must be what the first fetch sees */
		__asm__ __volatile__("fence.i" ::: "memory");
	} else {
		pr_err("exec: %s: loading failed (%d)\n", name, err);
	}
	kfree(info);
	return err;
}

/* The archive to run: the DT's initrd, else the built-in programs. */
static const void *init_archive(size_t *size, const char **what)
{
	if (initrd.va) {
		*size = initrd.size;
		*what = "initrd";
		return initrd.va;
	}
	*size = (size_t)(__builtin_initrd_end - __builtin_initrd_start);
	*what = "built-in initrd";
	return *size ? __builtin_initrd_start : NULL;
}

/* The name of the last program that will run (init= or the last ELF member). */
static bool find_last_program(const void *archive, size_t size, char *last, size_t len)
{
	struct cpio_member m;
	struct cpio_iter it;

	last[0] = 0;
	cpio_iter_init(&it, archive, size);
	while (cpio_next(&it, &m) == 1) {
		if (!CPIO_S_ISREG(m.mode) || !elf_has_magic(m.data, m.size))
			continue;
		if (init_prog[0] && strcmp(m.name, init_prog))
			continue;
		strncpy(last, m.name, len - 1);
		last[len - 1] = 0;
	}
	return last[0] != 0;
}

/* Wait for pid and for every orphan that came to init meanwhile; pid's status. */
static int wait_program(pid_t pid)
{
	int status = 0, st;
	pid_t r;

	while ((r = kernel_wait4(-1, &st, 0)) > 0)
		if (r == pid)
			status = st;
	return status;
}

unsigned int run_init_programs(unsigned long *initrd_pages)
{
	unsigned int run = 0, failed = 0, expected = 0;
	const char *what;
	char last[64], name[64];
	struct cpio_member m;
	struct cpio_iter it;
	size_t size;
	const void *archive = init_archive(&size, &what);
	bool freed = false;

	*initrd_pages = 0;
	if (!archive || !find_last_program(archive, size, last, sizeof(last))) {
		if (init_prog[0])
			pr_err("init: no program '%s' in the %s\n", init_prog,
			       archive ? what : "(no initrd)");
		goto out;
	}
	pr_info("init: running the programs of the %s%s%s\n", what,
		init_prog[0] ? ": only " : "", init_prog);
	cpio_iter_init(&it, archive, size);
	while (cpio_next(&it, &m) == 1) {
		bool is_last, expect;
		int status;
		pid_t pid;

		if (!CPIO_S_ISREG(m.mode) || !elf_has_magic(m.data, m.size))
			continue;
		if (init_prog[0] && strcmp(m.name, init_prog))
			continue;
		is_last = !strcmp(m.name, last);
		expect = expected_to_fail(m.name);
		/* the name dies with the archive, freed after the last load */
		strncpy(name, m.name, sizeof(name) - 1);
		name[sizeof(name) - 1] = 0;
		run++;
		pid = user_process_create(name, m.data, m.size);
		if (is_last && archive == initrd.va) {
			/* every program is loaded: the archive is no longer needed */
			*initrd_pages = free_initrd_mem();
			freed = true;
		}
		if (pid < 0) {
			pr_record("exec", "name=%s error=%d expected=%d", name, pid, expect);
			failed += !expect;
			expected += expect;
		} else {
			status = wait_program(pid);
			if (status) {
				failed += !expect;
				expected += expect;
			} else if (expect) {
				pr_warn("init: %s passed but was listed in expect_fail\n", name);
			}
			pr_info("init: %s (pid %d) %s\n", name, pid,
				!status ? "passed" : expect ? "failed, as expected" : "FAILED");
		}
		if (is_last)
			break;
	}
	pr_record("programs", "run=%u failed=%u expected_fail=%u", run, failed, expected);
out:
	if (!freed && initrd.va)
		*initrd_pages = free_initrd_mem();
	return failed;
}
