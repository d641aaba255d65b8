// SPDX-License-Identifier: MIT
/*
 * The initial ramdisk: its reservation, its mapping, the boot listing of
 * its members and its release (the lifecycle is in <linux/initrd.h>).
 */
#include <linux/cpio.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/initrd.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <asm/page.h>

struct initrd initrd;

/* Whole pages the reservation covers. */
static phys_addr_t initrd_page_start(phys_addr_t start)
{
	return start & ~(phys_addr_t)(PAGE_SIZE - 1);
}

static phys_addr_t initrd_page_end(phys_addr_t end)
{
	return ALIGN(end, (phys_addr_t)PAGE_SIZE);
}

int reserve_initrd_mem(phys_addr_t start, phys_addr_t end)
{
	phys_addr_t ps = initrd_page_start(start), pe = initrd_page_end(end);
	const char *owner;

	initrd = (struct initrd){ 0 };
	if (!start && !end)
		return 0;
	if (end <= start) {
		pr_err("initrd: empty or inverted range 0x%llx-0x%llx: ignored\n",
		       (unsigned long long)start, (unsigned long long)end);
		return -EINVAL;
	}
	if (pe > PHYSMEM_END ||
	    memblock_memory_pages(PFN_DOWN(ps), PFN_DOWN(pe)) != PFN_DOWN(pe) - PFN_DOWN(ps)) {
		pr_err("initrd: 0x%llx-0x%llx is not all RAM this kernel manages: ignored\n",
		       (unsigned long long)start, (unsigned long long)(end - 1));
		return -EINVAL;
	}
	owner = memblock_reserved_owner(ps, pe - ps);
	if (owner) {
		pr_err("initrd: 0x%llx-0x%llx shares memory with the %s: ignored\n",
		       (unsigned long long)start, (unsigned long long)(end - 1), owner);
		return -EBUSY;
	}
	if (memblock_reserve(ps, pe - ps, "initrd")) {
		pr_err("initrd: no room to reserve 0x%llx-0x%llx: ignored\n",
		       (unsigned long long)start, (unsigned long long)(end - 1));
		return -ENOSPC;
	}
	initrd.start = start;
	initrd.size = end - start;
	return 0;
}

void initrd_map(void)
{
	if (!initrd.size)
		return;
	if (initrd.start >= phys_ram_base &&
	    initrd.start + initrd.size <= phys_ram_base + LOWMEM_SIZE) {
		initrd.va = __va(initrd.start);
		return;
	}
	initrd.va = NULL;
	pr_notice("initrd: 0x%llx-0x%llx is in high memory: not mapped, not read\n",
		  (unsigned long long)initrd.start,
		  (unsigned long long)(initrd.start + initrd.size - 1));
}

/* The log line of one member; returns true if it is an ELF executable. */
static bool show_member(const struct cpio_member *m, unsigned int *bad)
{
	struct elf_info info;

	if (CPIO_S_ISDIR(m->mode)) {
		pr_info("initrd:   %-24s directory\n", m->name);
		return false;
	}
	if (!CPIO_S_ISREG(m->mode)) {
		pr_info("initrd:   %-24s %8u bytes  not a regular file (mode %06o)\n",
			m->name, m->size, m->mode);
		return false;
	}
	if (!elf_has_magic(m->data, m->size)) {
		pr_info("initrd:   %-24s %8u bytes  not an ELF file\n", m->name, m->size);
		return false;
	}
	if (elf_check(m->data, m->size, &info)) {
		pr_warn("initrd:   %-24s %8u bytes  bad ELF executable: %s\n",
			m->name, m->size, info.reason);
		(*bad)++;
		return false;
	}
	pr_info("initrd:   %-24s %8u bytes  ELF executable, entry 0x%x, %u segment%s\n",
		m->name, m->size, info.entry, info.nr_loads, info.nr_loads == 1 ? "" : "s");
	return true;
}

void initrd_show(void)
{
	struct cpio_iter it;
	struct cpio_member m;
	unsigned int elf = 0, bad = 0;
	int r;

	if (!initrd.size || !initrd.va)
		return;
	pr_info("initrd: 0x%llx-0x%llx (%llu bytes), cpio newc:\n",
		(unsigned long long)initrd.start,
		(unsigned long long)(initrd.start + initrd.size - 1),
		(unsigned long long)initrd.size);
	cpio_iter_init(&it, initrd.va, initrd.size);
	while ((r = cpio_next(&it, &m)) > 0)
		elf += show_member(&m, &bad);
	if (r < 0)
		pr_warn("initrd: bad cpio archive, %u member%s read: %s\n",
			it.count, it.count == 1 ? "" : "s", it.reason);
	pr_record("initrd", "start=0x%llx size=%llu members=%u elf=%u bad_elf=%u cpio_error=%d",
		  (unsigned long long)initrd.start, (unsigned long long)initrd.size,
		  it.count, elf, bad, r < 0);
}

unsigned long free_initrd_mem(void)
{
	phys_addr_t ps = initrd_page_start(initrd.start);
	phys_addr_t pe = initrd_page_end(initrd.start + initrd.size);

	if (!initrd.size)
		return 0;
	initrd = (struct initrd){ 0 };
	return free_reserved_area(ps, pe, "initrd");
}
