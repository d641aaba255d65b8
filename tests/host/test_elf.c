// SPDX-License-Identifier: MIT
/*
 * Host tests of the ELF32 reader (kernel/elf.c).
 *
 * The inputs are real executables that the cross compiler built from
 * tests/data/elf/prog.c (tests/host/elf.mk puts them in build/host/elf/,
 * or $ELF_TEST_DIR): one with RVC, one without, one for the ilp32f
 * hard-float ABI. Each malformed case is the RVC program with one field
 * changed, so it fails exactly the check it names; a few cases build a
 * synthetic image instead (more segments than the plan holds).
 */
/* Kernel headers first: glibc's <sys/cdefs.h> defines __always_inline too. */
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define EM_X86_64	62
#define ELFOSABI_FREEBSD 9

struct image {
	u8 *buf;
	size_t size;
};

static struct image load(const char *name)
{
	const char *dir = getenv("ELF_TEST_DIR");
	char path[512];
	struct image im = { NULL, 0 };
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "build/host/elf", name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (make build/host/test_elf builds it)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	assert_true(n > 0);
	im.buf = malloc(n);
	assert_non_null(im.buf);
	assert_int_equal(fread(im.buf, 1, n, f), (size_t)n);
	fclose(f);
	im.size = n;
	return im;
}

static Elf32_Ehdr *ehdr(struct image *im)
{
	return (Elf32_Ehdr *)im->buf;
}

static Elf32_Phdr *phdr(struct image *im, unsigned int i)
{
	return (Elf32_Phdr *)(im->buf + ehdr(im)->e_phoff) + i;
}

/* Index of the n-th PT_LOAD header of the image. */
static unsigned int load_index(struct image *im, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < ehdr(im)->e_phnum; i++)
		if (phdr(im, i)->p_type == PT_LOAD && n-- == 0)
			return i;
	fail_msg("the test program has fewer PT_LOADs than expected");
	return 0;
}

/* Index of the first header that is not a PT_LOAD (the attributes). */
static unsigned int other_index(struct image *im)
{
	unsigned int i;

	for (i = 0; i < ehdr(im)->e_phnum; i++)
		if (phdr(im, i)->p_type != PT_LOAD)
			return i;
	fail_msg("the test program has only PT_LOAD headers");
	return 0;
}

/*
 * elf_check() on im, which must not change it; returns the result with
 * the reason checked against want (NULL: must be accepted).
 */
static int check(struct image *im, struct elf_info *info, const char *want)
{
	u8 *copy = malloc(im->size ? im->size : 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, im->buf, im->size);
	r = elf_check(im->buf, im->size, info);
	assert_memory_equal(copy, im->buf, im->size);
	free(copy);
	assert_non_null(memchr(info->reason, '\0', sizeof(info->reason)));
	if (!want) {
		if (r)
			fail_msg("rejected: %s", info->reason);
		return r;
	}
	assert_int_equal(r, -ENOEXEC);
	if (!strstr(info->reason, want))
		fail_msg("reason \"%s\" does not name \"%s\"", info->reason, want);
	return r;
}

/* ---- valid programs ---- */

static void test_valid_plan(void **state)
{
	struct image im = load("prog-rvc.elf");
	struct elf_info info;
	unsigned int t = load_index(&im, 0), d = load_index(&im, 1), i;
	const Elf32_Phdr *text = phdr(&im, t), *data = phdr(&im, d);

	check(&im, &info, NULL);
	assert_int_equal(info.nr_loads, 2);
	assert_int_equal(info.entry, ehdr(&im)->e_entry);
	assert_int_equal(info.flags & EF_RISCV_RVC, EF_RISCV_RVC);
	assert_int_equal(info.phnum, ehdr(&im)->e_phnum);
	assert_int_equal(info.phent, sizeof(Elf32_Phdr));
	/* the table is in the text segment's file part (offset 0) */
	assert_int_equal(info.phdr_vaddr, text->p_vaddr + ehdr(&im)->e_phoff - text->p_offset);

	assert_int_equal(info.load[0].vaddr, text->p_vaddr);
	assert_int_equal(info.load[0].start, text->p_vaddr & PAGE_MASK);
	assert_int_equal(info.load[0].end, ALIGN(text->p_vaddr + text->p_memsz, PAGE_SIZE));
	assert_int_equal(info.load[0].flags, PF_R | PF_X);
	assert_ptr_equal(info.load[0].data, im.buf + text->p_offset);
	assert_int_equal(info.load[0].filesz, text->p_filesz);

	assert_int_equal(info.load[1].flags, PF_R | PF_W);
	assert_int_equal(info.load[1].bss_start, data->p_vaddr + data->p_filesz);
	assert_int_equal(info.load[1].bss_end, data->p_vaddr + data->p_memsz);
	assert_true(info.load[1].bss_end > info.load[1].bss_start);	/* the 8 KiB bss */
	assert_int_equal(info.load[1].end, ALIGN(data->p_vaddr + data->p_memsz, PAGE_SIZE));
	assert_ptr_equal(info.load[1].data, im.buf + data->p_offset);

	for (i = 0; i < info.nr_loads; i++) {
		const struct elf_segment *s = &info.load[i];

		assert_true(IS_ALIGNED(s->start, PAGE_SIZE) && IS_ALIGNED(s->end, PAGE_SIZE));
		assert_true(s->start >= MMAP_MIN_ADDR && s->start <= s->vaddr);
		assert_true(s->bss_end <= s->end && s->end <= TASK_SIZE);
		if (i)
			assert_true(info.load[i - 1].end <= s->start);
	}
	assert_int_equal(info.start_code, text->p_vaddr);
	assert_int_equal(info.end_code, text->p_vaddr + text->p_filesz);
	assert_int_equal(info.start_data, data->p_vaddr);
	assert_int_equal(info.end_data, data->p_vaddr + data->p_filesz);
	assert_int_equal(info.start_brk, info.load[1].end);
	assert_int_equal(info.bad_phdr, -1);
	free(im.buf);
}

static void test_valid_without_rvc(void **state)
{
	struct image im = load("prog-norvc.elf");
	struct elf_info info;

	assert_int_equal(ehdr(&im)->e_flags, 0);
	check(&im, &info, NULL);
	assert_int_equal(info.nr_loads, 2);
	/* without RVC the entry must be 4-byte aligned */
	ehdr(&im)->e_entry += 2;
	check(&im, &info, "misaligned");
	free(im.buf);
}

static void test_hard_float_rejected(void **state)
{
	struct image im = load("prog-ilp32f.elf");
	struct elf_info info;

	assert_int_equal(ehdr(&im)->e_flags & EF_RISCV_FLOAT_ABI, EF_RISCV_FLOAT_ABI_SINGLE);
	check(&im, &info, "hard-float ABI (ilp32f)");
	free(im.buf);
}

static void test_empty_load_skipped(void **state)
{
	struct image im = load("prog-rvc.elf");
	struct elf_info info;
	Elf32_Phdr *other = phdr(&im, other_index(&im));

	/* an empty PT_LOAD maps nothing, wherever it says it is */
	*other = (Elf32_Phdr){ .p_type = PT_LOAD, .p_vaddr = 0x40000000, .p_flags = PF_R,
			      .p_align = PAGE_SIZE };
	check(&im, &info, NULL);
	assert_int_equal(info.nr_loads, 2);
	free(im.buf);
}

static void test_gnu_stack_and_phdr(void **state)
{
	struct image im = load("prog-rvc.elf");
	struct elf_info info;
	unsigned int a = other_index(&im);

	*phdr(&im, a) = (Elf32_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W | PF_X };
	check(&im, &info, NULL);
	assert_true(info.exec_stack);
	/* a PT_PHDR must agree with where the table is loaded */
	*phdr(&im, a) = (Elf32_Phdr){ .p_type = PT_PHDR, .p_vaddr = info.phdr_vaddr };
	check(&im, &info, NULL);
	assert_false(info.exec_stack);
	phdr(&im, a)->p_vaddr += 4;
	check(&im, &info, "PT_PHDR");
	free(im.buf);
}

/* ---- truncation ---- */

static void test_truncated(void **state)
{
	struct image im = load("prog-rvc.elf");
	struct elf_info info;
	size_t full = im.size, table_end;
	unsigned int d = load_index(&im, 1);
	const Elf32_Phdr *data = phdr(&im, d);
	size_t data_end = data->p_offset + data->p_filesz;

	table_end = ehdr(&im)->e_phoff + ehdr(&im)->e_phnum * sizeof(Elf32_Phdr);
	im.size = 0;
	check(&im, &info, "shorter than an ELF32 header");
	im.size = sizeof(Elf32_Ehdr) - 1;
	check(&im, &info, "shorter than an ELF32 header");
	im.size = table_end - 1;
	check(&im, &info, "program headers");
	im.size = data_end - 1;
	check(&im, &info, "file range");
	assert_int_equal(info.bad_phdr, d);
	im.size = data_end;
	check(&im, &info, NULL);
	im.size = full;
	free(im.buf);
}

/* ---- one field changed ---- */

struct mutation {
	const char *want;		/* substring of the reason */
	void (*apply)(struct image *im);
};

#define MUT(name, want, ...)						\
	static void mut_##name(struct image *im) { __VA_ARGS__; }	\
	static const struct mutation m_##name = { want, mut_##name }

#define EH	(ehdr(im))
#define TEXT	(phdr(im, load_index(im, 0)))
#define DATA	(phdr(im, load_index(im, 1)))

MUT(bad_magic, "no ELF magic", EH->e_ident[EI_MAG1] = 'e');
MUT(class64, "ELFCLASS32", EH->e_ident[EI_CLASS] = ELFCLASS64);
MUT(big_endian, "ELFDATA2LSB", EH->e_ident[EI_DATA] = ELFDATA2MSB);
MUT(ident_version, "EV_CURRENT", EH->e_ident[EI_VERSION] = 2);
MUT(version, "EV_CURRENT", EH->e_version = EV_NONE);
MUT(osabi, "EI_OSABI", EH->e_ident[EI_OSABI] = ELFOSABI_FREEBSD);
MUT(type_dyn, "ET_EXEC (PIE", EH->e_type = ET_DYN);
MUT(type_rel, "is not ET_EXEC", EH->e_type = ET_REL);
MUT(machine, "EM_RISCV", EH->e_machine = EM_X86_64);
MUT(float_double, "ilp32d", EH->e_flags |= EF_RISCV_FLOAT_ABI_DOUBLE);
MUT(float_quad, "ilp32q", EH->e_flags |= EF_RISCV_FLOAT_ABI_QUAD);
MUT(rve, "RV32E", EH->e_flags |= EF_RISCV_RVE);
MUT(tso, "Ztso", EH->e_flags |= EF_RISCV_TSO);
MUT(unknown_flag, "unknown bits", EH->e_flags |= 0x100);
MUT(ehsize, "e_ehsize", EH->e_ehsize = 64);
MUT(phentsize, "e_phentsize", EH->e_phentsize = 56);
MUT(phnum_zero, "e_phnum 0", EH->e_phnum = 0);
MUT(phnum_xnum, "e_phnum 65535", EH->e_phnum = PN_XNUM);
MUT(phnum_over_page, "e_phnum 129", EH->e_phnum = ELF_MAX_PHNUM + 1);
MUT(phnum_past_end, "program headers", EH->e_phnum = 100);
MUT(phoff_huge, "program headers", EH->e_phoff = 0xffffffe0);
MUT(phoff_in_ehdr, "program headers", EH->e_phoff = 16);
MUT(filesz_gt_memsz, "p_filesz", DATA->p_filesz = DATA->p_memsz + 1);
MUT(file_range_huge, "file range", TEXT->p_filesz = TEXT->p_memsz = 0xfffff000);
MUT(offset_huge, "file range", { DATA->p_offset = 0xfffff0b8; });
MUT(memsz_wraps, "TASK_SIZE", DATA->p_memsz = 0xffffff00);
MUT(above_task_size, "TASK_SIZE", {
	DATA->p_vaddr = TASK_SIZE - PAGE_SIZE + (DATA->p_offset % PAGE_SIZE);
	DATA->p_memsz = PAGE_SIZE;
});
MUT(null_page, "mmap_min_addr", { TEXT->p_vaddr = 0; EH->e_entry &= 0xfff; });
MUT(align_not_pow2, "power of two", DATA->p_align = 0x1800);
MUT(align_mismatch, "modulo p_align", DATA->p_align = 0x10000);
MUT(page_mismatch, "modulo the page size", DATA->p_vaddr += 8);
MUT(overlap_pages, "overlaps the previous one", {
	DATA->p_vaddr = TEXT->p_vaddr + (DATA->p_offset % PAGE_SIZE);
});
MUT(overlap_inside, "overlaps the previous one", {
	TEXT->p_memsz = 0x10000;	/* text now reaches over the data's pages */
});
MUT(unsorted, "not sorted", {
	Elf32_Phdr t = *TEXT, *dp = DATA;
	*TEXT = *dp;
	*dp = t;
});
MUT(entry_in_data, "e_entry", EH->e_entry = DATA->p_vaddr);
MUT(entry_in_bss, "e_entry", EH->e_entry = DATA->p_vaddr + DATA->p_filesz + 16);
MUT(entry_zero, "e_entry", EH->e_entry = 0);
MUT(entry_misaligned, "misaligned", EH->e_entry += 1);
MUT(entry_text_not_exec, "e_entry", TEXT->p_flags &= ~PF_X);
MUT(interp, "PT_INTERP", phdr(im, other_index(im))->p_type = PT_INTERP);
MUT(dynamic, "PT_DYNAMIC", phdr(im, other_index(im))->p_type = PT_DYNAMIC);
MUT(no_load, "no PT_LOAD", { DATA->p_type = PT_NOTE; TEXT->p_type = PT_NOTE; });

static void test_mutation(void **state)
{
	const struct mutation *m = *state;
	struct image im = load("prog-rvc.elf");
	struct elf_info info;

	check(&im, &info, NULL);	/* the unmutated program passes */
	m->apply(&im);
	check(&im, &info, m->want);
	free(im.buf);
}

/* ---- synthetic images ---- */

/* n PT_LOADs, one page apart from 0x10000, all R+X over the whole file. */
static struct image synthetic(unsigned int n)
{
	size_t size = sizeof(Elf32_Ehdr) + n * sizeof(Elf32_Phdr);
	struct image im = { calloc(1, size), size };
	Elf32_Ehdr *eh = (Elf32_Ehdr *)im.buf;
	unsigned int i;

	assert_non_null(im.buf);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x10000;
	eh->e_phoff = sizeof(Elf32_Ehdr);
	eh->e_ehsize = sizeof(Elf32_Ehdr);
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = n;
	for (i = 0; i < n; i++)
		*phdr(&im, i) = (Elf32_Phdr){
			.p_type = PT_LOAD, .p_offset = 0, .p_vaddr = 0x10000 + i * PAGE_SIZE,
			.p_filesz = size, .p_memsz = size, .p_flags = PF_R | PF_X,
			.p_align = PAGE_SIZE,
		};
	return im;
}

static void test_synthetic_limits(void **state)
{
	struct image im = synthetic(ELF_MAX_LOADS);
	struct elf_info info;

	check(&im, &info, NULL);
	assert_int_equal(info.nr_loads, ELF_MAX_LOADS);
	assert_int_equal(info.start_brk, 0x10000 + ELF_MAX_LOADS * PAGE_SIZE);
	/* the table lies in every segment's file part: the first one maps it */
	assert_int_equal(info.phdr_vaddr, 0x10000 + sizeof(Elf32_Ehdr));
	free(im.buf);

	im = synthetic(ELF_MAX_LOADS + 1);
	check(&im, &info, "more than 16 PT_LOAD");
	assert_int_equal(info.bad_phdr, ELF_MAX_LOADS);
	free(im.buf);
}

/* Segments may end and start in adjacent pages, but not share one. */
static void test_synthetic_adjacent(void **state)
{
	struct image im = synthetic(2);
	struct elf_info info;

	phdr(&im, 0)->p_memsz = PAGE_SIZE;	/* [0x10000, 0x11000) exactly */
	check(&im, &info, NULL);
	assert_int_equal(info.load[0].end, info.load[1].start);
	phdr(&im, 0)->p_memsz = PAGE_SIZE + 1;
	check(&im, &info, "overlaps");
	assert_int_equal(info.bad_phdr, 1);
	free(im.buf);
}

/* The highest segment may end exactly at TASK_SIZE, not a byte above. */
static void test_synthetic_task_size_edge(void **state)
{
	struct image im = synthetic(1);
	struct elf_info info;

	phdr(&im, 0)->p_vaddr = TASK_SIZE - PAGE_SIZE;
	phdr(&im, 0)->p_memsz = PAGE_SIZE;
	ehdr(&im)->e_entry = TASK_SIZE - PAGE_SIZE;
	check(&im, &info, NULL);
	assert_int_equal(info.load[0].end, TASK_SIZE);
	phdr(&im, 0)->p_memsz = PAGE_SIZE + 1;
	check(&im, &info, "TASK_SIZE");
	free(im.buf);
}

static void test_has_magic(void **state)
{
	assert_true(elf_has_magic("\177ELF", 4));
	assert_false(elf_has_magic("\177EL", 3));
	assert_false(elf_has_magic("#!/b", 4));
}

#define MUTATION(name) { "mutation_" #name, test_mutation, NULL, NULL, (void *)&m_##name }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_plan),
		cmocka_unit_test(test_valid_without_rvc),
		cmocka_unit_test(test_hard_float_rejected),
		cmocka_unit_test(test_empty_load_skipped),
		cmocka_unit_test(test_gnu_stack_and_phdr),
		cmocka_unit_test(test_truncated),
		MUTATION(bad_magic), MUTATION(class64), MUTATION(big_endian),
		MUTATION(ident_version), MUTATION(version), MUTATION(osabi),
		MUTATION(type_dyn), MUTATION(type_rel), MUTATION(machine),
		MUTATION(float_double), MUTATION(float_quad), MUTATION(rve),
		MUTATION(tso), MUTATION(unknown_flag), MUTATION(ehsize),
		MUTATION(phentsize), MUTATION(phnum_zero), MUTATION(phnum_xnum),
		MUTATION(phnum_over_page), MUTATION(phnum_past_end), MUTATION(phoff_huge),
		MUTATION(phoff_in_ehdr), MUTATION(filesz_gt_memsz), MUTATION(file_range_huge),
		MUTATION(offset_huge), MUTATION(memsz_wraps), MUTATION(above_task_size),
		MUTATION(null_page), MUTATION(align_not_pow2), MUTATION(align_mismatch),
		MUTATION(page_mismatch), MUTATION(overlap_pages), MUTATION(overlap_inside),
		MUTATION(unsorted), MUTATION(entry_in_data), MUTATION(entry_in_bss),
		MUTATION(entry_zero), MUTATION(entry_misaligned), MUTATION(entry_text_not_exec),
		MUTATION(interp), MUTATION(dynamic), MUTATION(no_load),
		cmocka_unit_test(test_synthetic_limits),
		cmocka_unit_test(test_synthetic_adjacent),
		cmocka_unit_test(test_synthetic_task_size_edge),
		cmocka_unit_test(test_has_magic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
