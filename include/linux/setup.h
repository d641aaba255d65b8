/* SPDX-License-Identifier: MIT */
/* What the boot code learnt about the board from OpenSBI and the DT. */
#ifndef _LINUX_SETUP_H
#define _LINUX_SETUP_H

#include <linux/of_fdt.h>
#include <linux/types.h>

struct boot_info {
	unsigned long hartid;		/* the hart OpenSBI started us on */
	unsigned int nr_harts;		/* available harts with an MMU */
	const char *board;		/* root compatible[0] */
	const char *model;		/* root model, or board */
	const char *isa;		/* boot hart's riscv,isa */
	const char *mmu;		/* boot hart's mmu-type */
	bool has_sstc;
	u32 timebase;			/* Hz */
	const char *bootargs;		/* /chosen/bootargs or "" */
	phys_addr_t dtb_pa;
	u32 dtb_size;
	phys_addr_t initrd_start, initrd_end;	/* as /chosen gives them; 0, 0 when none */
	phys_addr_t ram_start, ram_end;	/* span of all RAM */
	phys_addr_t ram_below_kernel;	/* bytes of RAM outside the linear map, below it */
};

extern struct boot_info boot;
extern struct fdt boot_fdt;

/* Validate the DTB at va (mapped dtb_pa); panics with the reader's reason. */
void setup_fdt(phys_addr_t dtb_pa, const void *va, size_t avail);
/* /cpus: harts, ISA, MMU type, timebase; /chosen: bootargs, initrd. */
void setup_board_info(void);
/* RAM and reservations from the DT and the kernel image into memblock. */
void setup_memory(void);

#endif /* _LINUX_SETUP_H */
