// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the cpio newc reader (kernel/cpio.c), and through
 * it for the ELF reader on every regular member, as the boot listing does.
 *
 * The input is copied into an exactly-sized heap block, so AddressSanitizer
 * reports any read past its end. Every member's name and data are read
 * whole; the walk must end (trailer or error) in at most one member per
 * CPIO_HDR_LEN bytes, an error must leave a reason and stay sticky, and
 * the archive must be unchanged.
 *
 * Seed corpus: tests/fuzz/corpus/cpio/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/cpio.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An inconsistency the sanitizers cannot see: crash so libFuzzer keeps it. */
#define fuzz_check(cond)			\
	do {					\
		if (!(cond))			\
			__builtin_trap();	\
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	volatile uint8_t sink = 0;
	struct cpio_iter it;
	struct cpio_member m;
	struct elf_info info;
	size_t last = 0;
	unsigned int n = 0;
	int rc;
	u32 k;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	cpio_iter_init(&it, copy, size);
	while ((rc = cpio_next(&it, &m)) > 0) {
		const uint8_t *d = m.data;

		n++;
		fuzz_check(n <= size / CPIO_HDR_LEN);
		fuzz_check(n == 1 || m.offset > last);
		last = m.offset;
		fuzz_check(m.offset % CPIO_ALIGN == 0);
		fuzz_check(strlen(m.name) + 1 == m.namesize);
		fuzz_check(d >= copy && d + m.size <= copy + size);
		fuzz_check((size_t)(d - copy) % CPIO_ALIGN == 0);
		fuzz_check(it.pos == size || (it.pos < size && it.pos % CPIO_ALIGN == 0));
		for (k = 0; k < m.size; k++)
			sink ^= d[k];
		if (CPIO_S_ISREG(m.mode) && elf_has_magic(m.data, m.size))
			fuzz_check(elf_check(m.data, m.size, &info) == 0 ||
				   info.reason[0] != '\0');
	}
	fuzz_check(rc == 0 || rc == -EINVAL);
	fuzz_check(it.count == n);
	if (rc < 0) {
		fuzz_check(it.reason[0] && memchr(it.reason, '\0', sizeof(it.reason)));
		fuzz_check(cpio_next(&it, &m) == rc);
	} else {
		fuzz_check(cpio_next(&it, &m) == 0);
	}
	fuzz_check(!memcmp(copy, data, size));
	(void)sink;
	free(copy);
	return 0;
}
