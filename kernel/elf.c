// SPDX-License-Identifier: MIT
/*
 * ELF32 executable reader: validates a RISC-V rv32 executable held in
 * memory and turns its program headers into a load plan (struct elf_info).
 *
 * Every field is checked before it is used to find another: the file header
 * first, then the program header table's bounds, then each header, then
 * the relations between the PT_LOAD segments (order, overlap) and the entry
 * point. Arithmetic on file values is done in 64 bits, so no sum of two
 * 32-bit fields can wrap. The image is read through memcpy: a cpio member
 * is only 4-byte aligned and a program header table may sit anywhere.
 * docs/PROGRAMS.md has the table of checks and why each one exists.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/page.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "the reader copies ELFDATA2LSB fields as they are");

/* e_flags this kernel can run: RVC or not, soft-float, nothing else. */
#define ELF_FLAGS_SUPPORTED	EF_RISCV_RVC

static __printf(3, 4) int reject(struct elf_info *out, int phdr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->reason, sizeof(out->reason), fmt, ap);
	va_end(ap);
	out->bad_phdr = phdr;
	return -ENOEXEC;
}

bool elf_has_magic(const void *image, size_t size)
{
	return size >= SELFMAG && !memcmp(image, ELFMAG, SELFMAG);
}

/* The file header: identity, ABI, the program header table's shape and bounds. */
static int check_ehdr(const Elf32_Ehdr *eh, size_t size, struct elf_info *out)
{
	u32 fp = eh->e_flags & EF_RISCV_FLOAT_ABI;
	u64 table_end;

	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return reject(out, -1, "EI_CLASS %u is not ELFCLASS32",
			      eh->e_ident[EI_CLASS]);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return reject(out, -1, "EI_DATA %u is not ELFDATA2LSB (little-endian)",
			      eh->e_ident[EI_DATA]);
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return reject(out, -1, "ELF version %u/%u is not EV_CURRENT",
			      eh->e_ident[EI_VERSION], eh->e_version);
	if (eh->e_ident[EI_OSABI] != ELFOSABI_NONE && eh->e_ident[EI_OSABI] != ELFOSABI_LINUX)
		return reject(out, -1, "EI_OSABI %u is neither System V nor Linux",
			      eh->e_ident[EI_OSABI]);
	if (eh->e_type != ET_EXEC)
		return reject(out, -1, "e_type %u is not ET_EXEC%s", eh->e_type,
			      eh->e_type == ET_DYN ? " (PIE and shared objects need a dynamic loader)" : "");
	if (eh->e_machine != EM_RISCV)
		return reject(out, -1, "e_machine %u is not EM_RISCV", eh->e_machine);
	if (fp != EF_RISCV_FLOAT_ABI_SOFT)
		return reject(out, -1, "e_flags 0x%x: hard-float ABI (ilp32%c): the kernel keeps no FP state",
			      eh->e_flags, fp == EF_RISCV_FLOAT_ABI_SINGLE ? 'f' :
			      fp == EF_RISCV_FLOAT_ABI_DOUBLE ? 'd' : 'q');
	if (eh->e_flags & EF_RISCV_RVE)
		return reject(out, -1, "e_flags 0x%x: RV32E (ilp32e) is not this kernel's ABI",
			      eh->e_flags);
	if (eh->e_flags & EF_RISCV_TSO)
		return reject(out, -1, "e_flags 0x%x: needs the Ztso memory model", eh->e_flags);
	if (eh->e_flags & ~(u32)(ELF_FLAGS_SUPPORTED | EF_RISCV_FLOAT_ABI))
		return reject(out, -1, "e_flags 0x%x has unknown bits", eh->e_flags);
	if (eh->e_ehsize != sizeof(Elf32_Ehdr))
		return reject(out, -1, "e_ehsize %u is not %zu", eh->e_ehsize, sizeof(Elf32_Ehdr));
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return reject(out, -1, "e_phentsize %u is not %zu", eh->e_phentsize,
			      sizeof(Elf32_Phdr));
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return reject(out, -1, "e_phnum %u is not in 1..%zu", eh->e_phnum,
			      (size_t)ELF_MAX_PHNUM);
	table_end = (u64)eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf32_Phdr);
	if (eh->e_phoff < sizeof(Elf32_Ehdr) || table_end > size)
		return reject(out, -1, "program headers [0x%x-0x%llx) are outside the file (%zu bytes)",
			      eh->e_phoff, (unsigned long long)table_end, size);
	return 0;
}

/* One PT_LOAD header on its own: sizes, file range, alignment, addresses. */
static int check_load(const Elf32_Phdr *ph, int i, size_t size, struct elf_info *out)
{
	u64 file_end = (u64)ph->p_offset + ph->p_filesz;
	u64 mem_end = (u64)ph->p_vaddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz)
		return reject(out, i, "PT_LOAD %d: p_filesz 0x%x > p_memsz 0x%x", i,
			      ph->p_filesz, ph->p_memsz);
	if (file_end > size)
		return reject(out, i, "PT_LOAD %d: file range [0x%x-0x%llx) is outside the file (%zu bytes)",
			      i, ph->p_offset, (unsigned long long)file_end, size);
	if (ph->p_align > 1 && (ph->p_align & (ph->p_align - 1)))
		return reject(out, i, "PT_LOAD %d: p_align 0x%x is not a power of two", i,
			      ph->p_align);
	if ((ph->p_vaddr - ph->p_offset) % PAGE_SIZE)
		return reject(out, i, "PT_LOAD %d: p_vaddr 0x%x and p_offset 0x%x differ modulo the page size",
			      i, ph->p_vaddr, ph->p_offset);
	if (ph->p_align > 1 && (ph->p_vaddr - ph->p_offset) % ph->p_align)
		return reject(out, i, "PT_LOAD %d: p_vaddr 0x%x and p_offset 0x%x differ modulo p_align 0x%x",
			      i, ph->p_vaddr, ph->p_offset, ph->p_align);
	if (ph->p_vaddr < MMAP_MIN_ADDR)
		return reject(out, i, "PT_LOAD %d: p_vaddr 0x%x is below mmap_min_addr 0x%lx", i,
			      ph->p_vaddr, (unsigned long)MMAP_MIN_ADDR);
	if (mem_end > TASK_SIZE)
		return reject(out, i, "PT_LOAD %d: [0x%x-0x%llx) reaches above TASK_SIZE 0x%lx", i,
			      ph->p_vaddr, (unsigned long long)mem_end, (unsigned long)TASK_SIZE);
	return 0;
}

/* Add a checked, non-empty PT_LOAD to the plan after the ones before it. */
static int add_load(const Elf32_Phdr *ph, int i, const u8 *image, struct elf_info *out)
{
	struct elf_segment *s, *prev = out->nr_loads ? &out->load[out->nr_loads - 1] : NULL;
	u32 start = ph->p_vaddr & PAGE_MASK;
	/* check_load(): vaddr + memsz <= TASK_SIZE, so neither sum wraps */
	u32 end = (u32)ALIGN((u64)ph->p_vaddr + ph->p_memsz, PAGE_SIZE);

	if (prev && ph->p_vaddr < prev->vaddr)
		return reject(out, i, "PT_LOAD %d at 0x%x is below the one before (0x%x): not sorted",
			      i, ph->p_vaddr, prev->vaddr);
	if (prev && start < prev->end)
		return reject(out, i, "PT_LOAD %d [0x%x-0x%x) overlaps the previous one [0x%x-0x%x) in pages",
			      i, start, end, prev->start, prev->end);
	if (out->nr_loads == ELF_MAX_LOADS)
		return reject(out, i, "more than %d PT_LOAD segments", ELF_MAX_LOADS);
	s = &out->load[out->nr_loads++];
	s->start = start;
	s->end = end;
	s->vaddr = ph->p_vaddr;
	s->filesz = ph->p_filesz;
	s->memsz = ph->p_memsz;
	s->offset = ph->p_offset;
	s->data = image + ph->p_offset;
	s->bss_start = ph->p_vaddr + ph->p_filesz;
	s->bss_end = ph->p_vaddr + ph->p_memsz;
	s->flags = ph->p_flags & (PF_R | PF_W | PF_X);
	return 0;
}

/* Code/data/brk bounds, as Linux's load_elf_binary() derives them. */
static void set_bounds(struct elf_info *out)
{
	unsigned int i;

	out->start_code = out->load[0].vaddr;
	out->end_code = 0;
	out->start_data = 0;
	out->end_data = 0;
	for (i = 0; i < out->nr_loads; i++) {
		const struct elf_segment *s = &out->load[i];

		if ((s->flags & PF_X) && s->bss_start > out->end_code)
			out->end_code = s->bss_start;
		if (!(s->flags & PF_X) && !out->start_data)
			out->start_data = s->vaddr;
		out->end_data = max(out->end_data, s->bss_start);
	}
	if (!out->start_data)
		out->start_data = out->end_code;
	out->start_brk = out->load[out->nr_loads - 1].end;
}

/* Where the loaded image holds the program header table, or 0. */
static u32 find_phdr_vaddr(const Elf32_Ehdr *eh, const struct elf_info *out)
{
	u64 table_end = (u64)eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf32_Phdr);
	unsigned int i;

	for (i = 0; i < out->nr_loads; i++) {
		const struct elf_segment *s = &out->load[i];

		if (eh->e_phoff >= s->offset && table_end <= (u64)s->offset + s->filesz)
			return s->vaddr + (eh->e_phoff - s->offset);
	}
	return 0;
}

int elf_check(const void *image, size_t size, struct elf_info *out)
{
	const u8 *img = image;
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	u32 pt_phdr = 0;
	unsigned int i;
	int err;

	memset(out, 0, sizeof(*out));
	out->bad_phdr = -1;
	if (size < sizeof(eh))
		return reject(out, -1, "file of %zu bytes is shorter than an ELF32 header", size);
	if (!elf_has_magic(image, size))
		return reject(out, -1, "no ELF magic");
	memcpy(&eh, image, sizeof(eh));
	err = check_ehdr(&eh, size, out);
	if (err)
		return err;

	for (i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		switch (ph.p_type) {
		case PT_LOAD:
			err = check_load(&ph, i, size, out);
			if (!err && ph.p_memsz)		/* an empty one maps nothing */
				err = add_load(&ph, i, img, out);
			if (err)
				return err;
			break;
		case PT_INTERP:
			return reject(out, i, "PT_INTERP: dynamically linked programs are not supported");
		case PT_DYNAMIC:
			return reject(out, i, "PT_DYNAMIC: dynamically linked programs are not supported");
		case PT_PHDR:
			pt_phdr = ph.p_vaddr;
			break;
		case PT_GNU_STACK:
			out->exec_stack = ph.p_flags & PF_X;
			break;
		default:	/* PT_NOTE, PT_TLS, attributes...: nothing to map */
			break;
		}
	}
	if (!out->nr_loads)
		return reject(out, -1, "no PT_LOAD segment with memory");

	err = -ENOEXEC;
	for (i = 0; i < out->nr_loads; i++) {
		const struct elf_segment *s = &out->load[i];

		if ((s->flags & PF_X) && eh.e_entry >= s->vaddr && eh.e_entry < s->bss_start)
			err = 0;
	}
	if (err)
		return reject(out, -1, "e_entry 0x%x is not in the file part of an executable PT_LOAD",
			      eh.e_entry);
	if (eh.e_entry % ((eh.e_flags & EF_RISCV_RVC) ? 2 : 4))
		return reject(out, -1, "e_entry 0x%x is misaligned for %s", eh.e_entry,
			      (eh.e_flags & EF_RISCV_RVC) ? "RVC" : "4-byte instructions");

	out->entry = eh.e_entry;
	out->flags = eh.e_flags;
	out->phnum = eh.e_phnum;
	out->phent = eh.e_phentsize;
	out->phdr_vaddr = find_phdr_vaddr(&eh, out);
	if (pt_phdr && pt_phdr != out->phdr_vaddr)
		return reject(out, -1, "PT_PHDR 0x%x is not where a PT_LOAD maps the table (0x%x)",
			      pt_phdr, out->phdr_vaddr);
	set_bounds(out);
	return 0;
}
