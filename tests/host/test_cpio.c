// SPDX-License-Identifier: MIT
/*
 * Host tests of the cpio newc reader (kernel/cpio.c).
 *
 * Archives are written by the small newc writer below (so each malformed
 * case is a valid archive with one thing broken) and, for one case, by GNU
 * cpio itself (tests/host/elf.mk: build/host/cpio/gnu.cpio, or
 * $CPIO_TEST_DIR), so the reader is checked against the reference writer
 * and not only against this file's idea of the format.
 */
/* Kernel headers first: glibc's <sys/cdefs.h> defines __always_inline too. */
#include <linux/cpio.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define ARCHIVE_MAX	(64 * 1024)
#define MODE_FILE	(CPIO_S_IFREG | 0755)
#define MODE_DIR	(CPIO_S_IFDIR | 0755)

struct archive {
	u8 buf[ARCHIVE_MAX];
	size_t size;
};

static u32 sum(const void *data, size_t n)
{
	const u8 *p = data;
	u32 s = 0;

	while (n--)
		s += *p++;
	return s;
}

/*
 * Append one member the way GNU cpio writes it; returns the offset of its
 * header. namesize 0 means strlen(name) + 1.
 */
static size_t add_raw(struct archive *a, const char *magic, const char *name, u32 namesize,
		      u32 mode, const void *data, u32 size)
{
	size_t at = a->size;
	int n;

	if (!namesize)
		namesize = strlen(name) + 1;
	n = snprintf((char *)a->buf + at, ARCHIVE_MAX - at,
		     "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		     magic, 7u, mode, 0u, 0u, 1u, 0x5f000000u, size, 0u, 0u, 0u, 0u,
		     namesize, !strcmp(magic, CPIO_NEWC_CRC_MAGIC) ? sum(data, size) : 0u);
	assert_int_equal(n, CPIO_HDR_LEN);
	a->size += CPIO_HDR_LEN;
	memcpy(a->buf + a->size, name, strlen(name) + 1);
	a->size = ALIGN(a->size + namesize, CPIO_ALIGN);
	assert_true(a->size + size + CPIO_ALIGN < ARCHIVE_MAX);
	if (size)
		memcpy(a->buf + a->size, data, size);
	a->size = ALIGN(a->size + size, CPIO_ALIGN);
	return at;
}

static size_t add(struct archive *a, const char *name, u32 mode, const void *data, u32 size)
{
	return add_raw(a, CPIO_NEWC_MAGIC, name, 0, mode, data, size);
}

static void trailer(struct archive *a)
{
	add(a, CPIO_TRAILER, 0, NULL, 0);
}

/* Byte offset of header field i (0 = c_ino ... 12 = c_check). */
static u8 *field(struct archive *a, size_t hdr, int i)
{
	return a->buf + hdr + CPIO_MAGIC_LEN + i * CPIO_FIELD_LEN;
}

#define FIELD_MODE	1
#define FIELD_FILESIZE	6
#define FIELD_NAMESIZE	11
#define FIELD_CHECK	12

static void set_field(struct archive *a, size_t hdr, int i, u32 v)
{
	char tmp[CPIO_FIELD_LEN + 1];

	snprintf(tmp, sizeof(tmp), "%08X", v);
	memcpy(field(a, hdr, i), tmp, CPIO_FIELD_LEN);
}

static const char hello[] = "hello, world\n";
static const char five[] = "12345";

/* Three members and the trailer. */
static struct archive *sample(size_t *hdr)
{
	struct archive *a = calloc(1, sizeof(*a));

	assert_non_null(a);
	hdr[0] = add(a, "bin", MODE_DIR, NULL, 0);
	hdr[1] = add(a, "bin/hello", MODE_FILE, hello, sizeof(hello) - 1);
	hdr[2] = add(a, "five", CPIO_S_IFREG | 0644, five, 5);
	hdr[3] = a->size;
	trailer(a);
	return a;
}

/* The reader's verdict on a, which must not change it. */
static int walk(struct archive *a, struct cpio_iter *it, unsigned int *members)
{
	struct cpio_member m;
	u8 *copy = malloc(a->size + 1);
	int r;

	assert_non_null(copy);
	memcpy(copy, a->buf, a->size);
	cpio_iter_init(it, a->buf, a->size);
	*members = 0;
	while ((r = cpio_next(it, &m)) > 0) {
		(*members)++;
		assert_true((const u8 *)m.data >= a->buf &&
			    (const u8 *)m.data + m.size <= a->buf + a->size);
		assert_int_equal(((const u8 *)m.data - a->buf) % CPIO_ALIGN, 0);
		assert_int_equal(strlen(m.name) + 1, m.namesize);
	}
	assert_memory_equal(copy, a->buf, a->size);
	free(copy);
	assert_non_null(memchr(it->reason, '\0', sizeof(it->reason)));
	return r;
}

static void expect_error(struct archive *a, unsigned int before, const char *want)
{
	struct cpio_iter it;
	struct cpio_member m;
	unsigned int n;

	assert_int_equal(walk(a, &it, &n), -EINVAL);
	assert_int_equal(n, before);
	assert_int_equal(it.count, before);
	if (!strstr(it.reason, want))
		fail_msg("reason \"%s\" does not name \"%s\"", it.reason, want);
	/* sticky: the walk does not resume past a bad header */
	assert_int_equal(cpio_next(&it, &m), -EINVAL);
}

/* ---- valid archives ---- */

static void test_members(void **state)
{
	size_t hdr[4];
	struct archive *a = sample(hdr);
	struct cpio_iter it;
	struct cpio_member m;

	cpio_iter_init(&it, a->buf, a->size);
	assert_int_equal(cpio_next(&it, &m), 1);
	assert_string_equal(m.name, "bin");
	assert_true(CPIO_S_ISDIR(m.mode));
	assert_false(CPIO_S_ISREG(m.mode));
	assert_int_equal(m.size, 0);
	assert_int_equal(m.offset, hdr[0]);

	assert_int_equal(cpio_next(&it, &m), 1);
	assert_string_equal(m.name, "bin/hello");
	assert_true(CPIO_S_ISREG(m.mode));
	assert_int_equal(m.mode & 07777, 0755);
	assert_int_equal(m.size, sizeof(hello) - 1);
	assert_memory_equal(m.data, hello, m.size);
	assert_int_equal(m.ino, 7);
	assert_int_equal(m.nlink, 1);
	assert_int_equal(m.mtime, 0x5f000000);
	assert_int_equal(m.offset, hdr[1]);

	assert_int_equal(cpio_next(&it, &m), 1);
	assert_string_equal(m.name, "five");
	assert_memory_equal(m.data, five, 5);

	assert_int_equal(cpio_next(&it, &m), 0);	/* the trailer */
	assert_int_equal(cpio_next(&it, &m), 0);	/* and it stays ended */
	assert_int_equal(it.count, 3);
	free(a);
}

static void test_trailer_only_and_padding_after(void **state)
{
	struct archive *a = calloc(1, sizeof(*a));
	struct cpio_iter it;
	unsigned int n;

	assert_non_null(a);
	trailer(a);
	a->size += 512;		/* zero padding after the trailer is never read */
	assert_int_equal(walk(a, &it, &n), 0);
	assert_int_equal(n, 0);
	free(a);
}

static void test_lowercase_hex(void **state)
{
	size_t hdr[4];
	struct archive *a = sample(hdr);
	struct cpio_iter it;
	unsigned int n;

	memcpy(field(a, hdr[1], FIELD_MODE), "000081ed", CPIO_FIELD_LEN);
	assert_int_equal(walk(a, &it, &n), 0);
	assert_int_equal(n, 3);
	free(a);
}

static void test_crc_format(void **state)
{
	struct archive *a = calloc(1, sizeof(*a));
	size_t h;
	unsigned int n;
	struct cpio_iter it;

	assert_non_null(a);
	h = add_raw(a, CPIO_NEWC_CRC_MAGIC, "sum", 0, MODE_FILE, hello, sizeof(hello) - 1);
	trailer(a);
	assert_int_equal(walk(a, &it, &n), 0);
	assert_int_equal(n, 1);
	set_field(a, h, FIELD_CHECK, sum(hello, sizeof(hello) - 1) + 1);
	expect_error(a, 0, "is not c_check");
	free(a);
}

static void test_gnu_cpio_archive(void **state)
{
	const char *dir = getenv("CPIO_TEST_DIR");
	char path[512];
	struct archive *a = calloc(1, sizeof(*a));
	struct cpio_iter it;
	struct cpio_member m;
	unsigned int regular = 0, n = 0;
	FILE *f;

	assert_non_null(a);
	snprintf(path, sizeof(path), "%s/gnu.cpio", dir ? dir : "build/host/cpio");
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (make build/host/test_cpio builds it)", path);
	a->size = fread(a->buf, 1, ARCHIVE_MAX, f);
	assert_true(feof(f));
	fclose(f);
	cpio_iter_init(&it, a->buf, a->size);
	while (cpio_next(&it, &m) > 0) {
		n++;
		if (CPIO_S_ISREG(m.mode)) {
			regular++;
			assert_memory_equal(m.data, "\177ELF", 4);
		}
	}
	if (it.state < 0)
		fail_msg("GNU cpio's archive refused: %s", it.reason);
	/* elf.mk packs the directory "elf" and its three programs */
	assert_int_equal(n, 4);
	assert_int_equal(regular, 3);
	free(a);
}

/* ---- malformed archives ---- */

static void test_empty_and_truncated(void **state)
{
	size_t hdr[4];
	struct archive *a = sample(hdr);

	a->size = 0;
	expect_error(a, 0, "before a header");
	a->size = CPIO_HDR_LEN - 1;
	expect_error(a, 0, "before a header");
	a->size = hdr[3];	/* members, no trailer */
	expect_error(a, 3, "before a header or TRAILER");
	a->size = hdr[3] + CPIO_HDR_LEN + 4;	/* trailer's name cut */
	expect_error(a, 3, "runs past the archive's end");
	free(a);
}

static void test_bad_magic(void **state)
{
	size_t hdr[4];
	struct archive *a = sample(hdr);

	memcpy(a->buf + hdr[2], "070707", CPIO_MAGIC_LEN);	/* odc, not newc */
	expect_error(a, 2, "bad magic");
	memcpy(a->buf + hdr[2], "07070x", CPIO_MAGIC_LEN);
	expect_error(a, 2, "bad magic");
	free(a);
}

static void test_bad_hex(void **state)
{
	static const char *const bad[] = { "0000000g", " 0000001", "-0000001", "0x000001",
					   "0000001\0" };
	size_t hdr[4];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct archive *a = sample(hdr);

		memcpy(field(a, hdr[1], FIELD_FILESIZE), bad[i], CPIO_FIELD_LEN);
		expect_error(a, 1, "c_filesize is not 8 hex digits");
		free(a);
	}
	{
		struct archive *a = sample(hdr);

		field(a, hdr[0], FIELD_CHECK)[7] = 'z';
		expect_error(a, 0, "c_check is not 8 hex digits");
		free(a);
	}
}

static void test_name_checks(void **state)
{
	size_t hdr[4];
	struct archive *a;

	a = sample(hdr);
	set_field(a, hdr[1], FIELD_NAMESIZE, 0);
	expect_error(a, 1, "leaves no name");
	free(a);

	a = sample(hdr);
	set_field(a, hdr[1], FIELD_NAMESIZE, 1);
	expect_error(a, 1, "leaves no name");
	free(a);

	/* "bin/hello" with a namesize that stops before its NUL */
	a = sample(hdr);
	set_field(a, hdr[1], FIELD_NAMESIZE, 5);
	expect_error(a, 1, "not NUL-terminated");
	free(a);

	/* a NUL inside the name */
	a = sample(hdr);
	a->buf[hdr[1] + CPIO_HDR_LEN + 3] = '\0';
	expect_error(a, 1, "NUL before its end");
	free(a);

	a = sample(hdr);
	set_field(a, hdr[1], FIELD_NAMESIZE, CPIO_NAME_MAX + 1);
	expect_error(a, 1, "is above");
	free(a);

	a = sample(hdr);
	set_field(a, hdr[1], FIELD_NAMESIZE, 0xffffffff);
	expect_error(a, 1, "is above");
	free(a);
}

static void test_name_past_end(void **state)
{
	struct archive *a = calloc(1, sizeof(*a));

	assert_non_null(a);
	add(a, "a-long-name-near-the-end", MODE_FILE, NULL, 0);
	a->size = CPIO_HDR_LEN + 10;
	expect_error(a, 0, "name (25 bytes) runs past");
	free(a);
}

static void test_member_past_end(void **state)
{
	size_t hdr[4];
	struct archive *a;

	/* the last member's data runs past the end of the archive */
	a = sample(hdr);
	a->size = hdr[3];
	set_field(a, hdr[2], FIELD_FILESIZE, 9);	/* 5 bytes + 3 padding there */
	expect_error(a, 2, "data (9 bytes) runs past");
	free(a);

	a = sample(hdr);
	set_field(a, hdr[1], FIELD_FILESIZE, 0xffffffff);
	expect_error(a, 1, "runs past the archive's end");
	free(a);

	a = sample(hdr);
	set_field(a, hdr[1], FIELD_FILESIZE, 0xfffffff0);
	expect_error(a, 1, "runs past the archive's end");
	free(a);
}

/* A wrong size that stays inside the archive shifts the next header. */
static void test_size_off_by_some(void **state)
{
	size_t hdr[4];
	struct archive *a = sample(hdr);

	set_field(a, hdr[1], FIELD_FILESIZE, sizeof(hello) - 1 + 4);
	expect_error(a, 2, "bad magic");
	free(a);
}

/* Missing padding: the next header is not where the 4-byte rule puts it. */
static void test_misaligned(void **state)
{
	struct archive *a = calloc(1, sizeof(*a));
	size_t h;

	assert_non_null(a);
	add(a, "x", MODE_FILE, "ab", 2);	/* 2 bytes of padding after the data */
	h = a->size;
	add(a, "y", MODE_FILE, NULL, 0);
	trailer(a);
	memmove(a->buf + h - 2, a->buf + h, a->size - h);
	a->size -= 2;
	expect_error(a, 1, "bad magic");
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_trailer_only_and_padding_after),
		cmocka_unit_test(test_lowercase_hex),
		cmocka_unit_test(test_crc_format),
		cmocka_unit_test(test_gnu_cpio_archive),
		cmocka_unit_test(test_empty_and_truncated),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_bad_hex),
		cmocka_unit_test(test_name_checks),
		cmocka_unit_test(test_name_past_end),
		cmocka_unit_test(test_member_past_end),
		cmocka_unit_test(test_size_off_by_some),
		cmocka_unit_test(test_misaligned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
