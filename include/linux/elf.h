/* SPDX-License-Identifier: MIT */
/*
 * ELF32 for RISC-V: the file format's types and constants under the names
 * of the System V gABI, the RISC-V psABI and Linux's <uapi/linux/elf.h>
 * and <uapi/linux/auxvec.h>, then this kernel's reader of executables.
 *
 * Glossary:
 *   image    the whole file, in memory (a cpio member's data)
 *   segment  one program header entry (Elf32_Phdr); PT_LOAD ones are mapped
 *   plan     struct elf_info: what elf_check() validated and what the loader
 *            turns into regions, every address in it already checked
 */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H

#include <linux/types.h>
#include <asm/page.h>

typedef u32 Elf32_Addr;
typedef u16 Elf32_Half;
typedef u32 Elf32_Off;
typedef s32 Elf32_Sword;
typedef u32 Elf32_Word;

/* e_ident[] indexes and values */
#define EI_MAG0		0
#define EI_MAG1		1
#define EI_MAG2		2
#define EI_MAG3		3
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define EI_OSABI	7
#define EI_PAD		8
#define EI_NIDENT	16

#define ELFMAG0		0x7f
#define ELFMAG1		'E'
#define ELFMAG2		'L'
#define ELFMAG3		'F'
#define ELFMAG		"\177ELF"
#define SELFMAG		4

#define ELFCLASSNONE	0
#define ELFCLASS32	1
#define ELFCLASS64	2

#define ELFDATANONE	0
#define ELFDATA2LSB	1	/* little-endian */
#define ELFDATA2MSB	2

#define EV_NONE		0
#define EV_CURRENT	1

#define ELFOSABI_NONE	0	/* System V: what bare-metal toolchains write */
#define ELFOSABI_LINUX	3	/* GNU/Linux */

/* e_type */
#define ET_NONE		0
#define ET_REL		1
#define ET_EXEC		2
#define ET_DYN		3
#define ET_CORE		4

/* e_machine */
#define EM_RISCV	243

/* e_flags (RISC-V psABI, "ELF Object Files") */
#define EF_RISCV_RVC			0x0001	/* uses compressed instructions */
#define EF_RISCV_FLOAT_ABI		0x0006	/* mask of the float ABI field */
#define EF_RISCV_FLOAT_ABI_SOFT		0x0000	/* ilp32: no FP registers in the ABI */
#define EF_RISCV_FLOAT_ABI_SINGLE	0x0002	/* ilp32f */
#define EF_RISCV_FLOAT_ABI_DOUBLE	0x0004	/* ilp32d */
#define EF_RISCV_FLOAT_ABI_QUAD		0x0006	/* ilp32q */
#define EF_RISCV_RVE			0x0008	/* ilp32e: 16 integer registers */
#define EF_RISCV_TSO			0x0010	/* needs the Ztso memory model */

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	Elf32_Half e_type;
	Elf32_Half e_machine;
	Elf32_Word e_version;
	Elf32_Addr e_entry;
	Elf32_Off e_phoff;
	Elf32_Off e_shoff;
	Elf32_Word e_flags;
	Elf32_Half e_ehsize;
	Elf32_Half e_phentsize;
	Elf32_Half e_phnum;
	Elf32_Half e_shentsize;
	Elf32_Half e_shnum;
	Elf32_Half e_shstrndx;
} Elf32_Ehdr;

/* p_type */
#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_NOTE		4
#define PT_SHLIB	5
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551
#define PT_RISCV_ATTRIBUTES 0x70000003

/* p_flags */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* e_phnum escape: the real count is in section 0 (never accepted here) */
#define PN_XNUM		0xffff

typedef struct {
	Elf32_Word p_type;
	Elf32_Off p_offset;
	Elf32_Addr p_vaddr;
	Elf32_Addr p_paddr;
	Elf32_Word p_filesz;
	Elf32_Word p_memsz;
	Elf32_Word p_flags;
	Elf32_Word p_align;
} Elf32_Phdr;

_Static_assert(sizeof(Elf32_Ehdr) == 52, "ELF32 file header is 52 bytes");
_Static_assert(sizeof(Elf32_Phdr) == 32, "ELF32 program header is 32 bytes");

/* Auxiliary vector entry types (Linux's <uapi/linux/auxvec.h>) */
#define AT_NULL		0	/* end of the vector */
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* user address of the program headers */
#define AT_PHENT	4	/* size of one program header */
#define AT_PHNUM	5	/* number of program headers */
#define AT_PAGESZ	6
#define AT_BASE		7	/* interpreter base: 0, none is supported */
#define AT_FLAGS	8
#define AT_ENTRY	9	/* the program's entry point */
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25	/* address of 16 random bytes */
#define AT_EXECFN	31	/* address of the program's file name */

/* ---- this kernel's reader ---------------------------------------------- */

/*
 * Limits: a program header table must fit in one page (Linux's
 * load_elf_phdrs() refuses more too), and a plan holds at most
 * ELF_MAX_LOADS PT_LOAD segments, so elf_check() needs no allocation.
 * Static rv32 executables have two or three.
 */
#define ELF_MAX_PHNUM	(PAGE_SIZE / sizeof(Elf32_Phdr))
#define ELF_MAX_LOADS	16
#define ELF_REASON_LEN	96

/*
 * One PT_LOAD segment as the loader maps it. Invariants, all checked:
 *   MMAP_MIN_ADDR <= start <= vaddr, start = vaddr rounded down to a page,
 *   vaddr + filesz = bss_start <= bss_end = vaddr + memsz <= end <= TASK_SIZE,
 *   end = bss_end rounded up to a page, and [start, end) of a segment lies
 *   wholly below the start of the next one (sorted, not sharing a page).
 * [vaddr, bss_start) gets the file bytes data[0..filesz); [bss_start, end)
 * is zero, the partial page after the file bytes included; [start, vaddr)
 * is zero too.
 */
struct elf_segment {
	u32 start;		/* page-aligned first byte of the region */
	u32 end;		/* page-aligned first byte after it */
	u32 vaddr;		/* p_vaddr: where the file part begins */
	u32 filesz;		/* bytes of data to copy to vaddr */
	u32 memsz;		/* p_memsz */
	u32 offset;		/* p_offset of data in the image */
	const void *data;	/* image + offset, inside the image */
	u32 bss_start;		/* vaddr + filesz: first byte zeroed */
	u32 bss_end;		/* vaddr + memsz */
	u32 flags;		/* PF_R | PF_W | PF_X subset: the region's rights */
};

/*
 * The load plan of a checked executable. Addresses are user virtual
 * addresses; the image must stay in place while data pointers are used.
 */
struct elf_info {
	u32 entry;		/* e_entry, inside a PF_X segment's file part */
	u32 flags;		/* e_flags */
	u32 phdr_vaddr;		/* AT_PHDR: user address of the table, 0 if not loaded */
	u32 phnum;		/* AT_PHNUM */
	u32 phent;		/* AT_PHENT: sizeof(Elf32_Phdr) */
	u32 start_code;		/* lowest segment start (vaddr) */
	u32 end_code;		/* highest vaddr + filesz of a PF_X segment */
	u32 start_data;		/* lowest vaddr of a segment without PF_X, or end_code */
	u32 end_data;		/* highest vaddr + filesz */
	u32 start_brk;		/* page-aligned end of the highest segment: brk starts here */
	bool exec_stack;	/* PT_GNU_STACK asked for PF_X (the stack is never made exec) */
	unsigned int nr_loads;
	struct elf_segment load[ELF_MAX_LOADS];	/* in ascending address order */
	int bad_phdr;		/* on failure: index of the offending header, or -1 */
	char reason[ELF_REASON_LEN];	/* on failure: the check that failed */
};

/*
 * elf_check - validate an ELF32 RISC-V executable and build its load plan.
 * image: size bytes, any alignment; nothing in it is trusted before its
 * check. out: filled on success; on failure only reason and bad_phdr mean
 * anything. Allocates nothing, never writes the image, any context.
 * Returns 0, or -ENOEXEC with out->reason naming the failed check (the
 * checks and why: docs/PROGRAMS.md).
 */
int elf_check(const void *image, size_t size, struct elf_info *out);

/* Is this an ELF file at all (the magic)? For listing, not for trusting. */
bool elf_has_magic(const void *image, size_t size);

#endif /* _LINUX_ELF_H */
