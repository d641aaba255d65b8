// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the ELF32 reader (kernel/elf.c).
 *
 * The input is copied into an exactly-sized heap block, so AddressSanitizer
 * reports any read past its end. Whatever elf_check() says, its reason is a
 * NUL-terminated string and the image is unchanged; when it accepts, every
 * invariant of the plan (<linux/elf.h>, struct elf_segment) is re-derived
 * and every byte a loader would copy is read.
 *
 * Seed corpus: tests/fuzz/corpus/elf/ (programs the cross compiler built
 * from tests/data/elf/prog.c).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An inconsistency the sanitizers cannot see: crash so libFuzzer keeps it. */
#define fuzz_check(cond)			\
	do {					\
		if (!(cond))			\
			__builtin_trap();	\
	} while (0)

static void check_plan(const struct elf_info *info, const uint8_t *image, size_t size)
{
	volatile uint8_t sink = 0;
	bool entry_ok = false;
	unsigned int i;
	u32 k;

	fuzz_check(info->nr_loads >= 1 && info->nr_loads <= ELF_MAX_LOADS);
	fuzz_check(info->phent == sizeof(Elf32_Phdr));
	fuzz_check(info->phnum >= 1 && info->phnum <= ELF_MAX_PHNUM);
	for (i = 0; i < info->nr_loads; i++) {
		const struct elf_segment *s = &info->load[i];
		const uint8_t *d = s->data;

		fuzz_check(IS_ALIGNED(s->start, PAGE_SIZE) && IS_ALIGNED(s->end, PAGE_SIZE));
		fuzz_check(s->start >= MMAP_MIN_ADDR);
		fuzz_check(s->start == (s->vaddr & PAGE_MASK));
		fuzz_check((u64)s->vaddr + s->filesz == s->bss_start);
		fuzz_check((u64)s->vaddr + s->memsz == s->bss_end);
		fuzz_check(s->bss_start <= s->bss_end && s->bss_end <= s->end);
		fuzz_check(s->end - s->bss_end < PAGE_SIZE && s->end <= TASK_SIZE);
		fuzz_check(s->start < s->end);
		fuzz_check(d == image + s->offset && (u64)s->offset + s->filesz <= size);
		fuzz_check(!(s->flags & ~(u32)(PF_R | PF_W | PF_X)));
		if (i)
			fuzz_check(info->load[i - 1].end <= s->start);
		for (k = 0; k < s->filesz; k++)
			sink ^= d[k];
		if ((s->flags & PF_X) && info->entry >= s->vaddr && info->entry < s->bss_start)
			entry_ok = true;
	}
	fuzz_check(entry_ok);
	fuzz_check(info->start_brk == info->load[info->nr_loads - 1].end);
	fuzz_check(info->bad_phdr == -1);
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct elf_info info;
	int rc;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	rc = elf_check(copy, size, &info);
	fuzz_check(rc == 0 || rc == -ENOEXEC);
	fuzz_check(memchr(info.reason, '\0', sizeof(info.reason)));
	fuzz_check(!memcmp(copy, data, size));
	if (rc == 0)
		check_plan(&info, copy, size);
	else
		fuzz_check(info.reason[0] != '\0');
	free(copy);
	return 0;
}
