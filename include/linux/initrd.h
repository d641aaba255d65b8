/* SPDX-License-Identifier: MIT */
/*
 * The initial ramdisk: a cpio newc archive the boot loader put in RAM and
 * named in /chosen (linux,initrd-start, linux,initrd-end; QEMU's -initrd).
 *
 * Lifecycle (docs/PROGRAMS.md):
 *   setup_chosen()        reads the bounds into boot.initrd_*
 *   reserve_initrd_mem()  validates them against RAM and the reservations
 *                         and reserves the whole pages in memblock, before
 *                         the buddy allocator gets the free memory
 *   initrd_map()          after paging_init(): initrd.va through the linear map
 *   initrd_show()         logs the members (name, size, ELF check)
 *   free_initrd_mem()     once every program is loaded: the pages go to the
 *                         buddy allocator and initrd is empty again
 */
#ifndef _LINUX_INITRD_H
#define _LINUX_INITRD_H

#include <linux/types.h>

/*
 * Invariant: size == 0 (no initrd, or one refused or freed) or
 * [start, start + size) is RAM, reserved in memblock as "initrd" (whole
 * pages: [start & PAGE_MASK, PAGE_ALIGN(start + size))).
 */
struct initrd {
	phys_addr_t start;	/* physical address of the archive's first byte */
	phys_addr_t size;	/* bytes */
	void *va;		/* linear-map address after initrd_map(); NULL if in highmem */
};

extern struct initrd initrd;

/*
 * Validate [start, end) and reserve it in memblock (0, 0: none). Refused
 * with an error line, and initrd left empty, when the range is empty or
 * inverted, not wholly RAM this kernel manages, or shares a page with a
 * reservation made before it (kernel, page tables, DTB). Before
 * memblock_free_all(). Returns 0, or -EINVAL/-EBUSY when refused.
 */
int reserve_initrd_mem(phys_addr_t start, phys_addr_t end);

/*
 * Set initrd.va once the linear map is up (after paging_init()). An initrd
 * that is not wholly in lowmem gets va = NULL and a note: it stays
 * reserved until free_initrd_mem().
 */
void initrd_map(void);

/*
 * One log line per archive member: name, size, and for a regular file
 * whether elf_check() accepts it (or why not); a malformed header ends the
 * walk with its reason. Warnings, not errors: a bad member does not fail
 * the boot. Then the @initrd record. Prints nothing without an initrd.
 */
void initrd_show(void);

/*
 * Give the initrd's pages back to the buddy allocator (free_reserved_area)
 * and empty initrd; every pointer into the archive dies here. After
 * memblock_free_all(). Returns the frames freed; 0 without an initrd.
 */
unsigned long free_initrd_mem(void);

#endif /* _LINUX_INITRD_H */
