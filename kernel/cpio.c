// SPDX-License-Identifier: MIT
/*
 * cpio "newc" reader: walks an archive in memory, validating each header
 * before any of its fields locates anything. Offsets are computed in 64
 * bits from fields of at most 32, so no sum can wrap on rv32 either.
 * Concatenated archives (which Linux's initramfs unpacks one after the
 * other) are not followed: reading stops at the first TRAILER!!!.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/cpio.h>
#include <linux/errno.h>
#include <linux/kernel.h>

/* Field order in the header, after the magic. */
enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
};

static const char *const field_names[CPIO_NR_FIELDS] = {
	"c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
	"c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
};

static __printf(2, 3) int fail(struct cpio_iter *it, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(it->reason, sizeof(it->reason), "header at 0x%zx: ", it->pos);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < sizeof(it->reason))
		vsnprintf(it->reason + n, sizeof(it->reason) - n, fmt, ap);
	va_end(ap);
	it->state = -EINVAL;
	return -EINVAL;
}

void cpio_iter_init(struct cpio_iter *it, const void *archive, size_t size)
{
	memset(it, 0, sizeof(*it));
	it->base = archive;
	it->size = size;
}

/* Eight hexadecimal digits, nothing else (no sign, no space, no 0x). */
static bool parse_hex8(const u8 *s, u32 *v)
{
	u32 x = 0;
	int i;

	for (i = 0; i < CPIO_FIELD_LEN; i++) {
		u8 c = s[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return true;
}

static u32 byte_sum(const u8 *p, u32 n)
{
	u32 sum = 0;

	while (n--)
		sum += *p++;
	return sum;
}

int cpio_next(struct cpio_iter *it, struct cpio_member *m)
{
	const u8 *h = it->base + it->pos;
	u32 f[CPIO_NR_FIELDS];
	u64 name_end, data_start, data_end;
	bool crc;
	int i;

	if (it->state)
		return it->state < 0 ? it->state : 0;
	if (it->size - it->pos < CPIO_HDR_LEN)
		return fail(it, "archive ends (%zu bytes) before a header or TRAILER!!!", it->size);
	crc = !memcmp(h, CPIO_NEWC_CRC_MAGIC, CPIO_MAGIC_LEN);
	if (!crc && memcmp(h, CPIO_NEWC_MAGIC, CPIO_MAGIC_LEN))
		return fail(it, "bad magic (not 070701 or 070702 newc)");
	for (i = 0; i < CPIO_NR_FIELDS; i++)
		if (!parse_hex8(h + CPIO_MAGIC_LEN + i * CPIO_FIELD_LEN, &f[i]))
			return fail(it, "%s is not 8 hex digits", field_names[i]);

	if (f[F_NAMESIZE] < 2)
		return fail(it, "c_namesize %u leaves no name and NUL", f[F_NAMESIZE]);
	if (f[F_NAMESIZE] > CPIO_NAME_MAX)
		return fail(it, "c_namesize %u is above %u", f[F_NAMESIZE], CPIO_NAME_MAX);
	name_end = (u64)it->pos + CPIO_HDR_LEN + f[F_NAMESIZE];
	if (name_end > it->size)
		return fail(it, "name (%u bytes) runs past the archive's end", f[F_NAMESIZE]);
	if (h[CPIO_HDR_LEN + f[F_NAMESIZE] - 1] != '\0')
		return fail(it, "name is not NUL-terminated within c_namesize %u", f[F_NAMESIZE]);
	if (strlen((const char *)h + CPIO_HDR_LEN) != f[F_NAMESIZE] - 1)
		return fail(it, "name has a NUL before its end (c_namesize %u)", f[F_NAMESIZE]);

	data_start = ALIGN(name_end, CPIO_ALIGN);
	data_end = data_start + f[F_FILESIZE];
	if (data_start > it->size || data_end > it->size)
		return fail(it, "member \"%s\": data (%u bytes) runs past the archive's end",
			    (const char *)h + CPIO_HDR_LEN, f[F_FILESIZE]);

	if (!strcmp((const char *)h + CPIO_HDR_LEN, CPIO_TRAILER)) {
		it->state = 1;
		return 0;
	}
	if (crc && byte_sum(it->base + data_start, f[F_FILESIZE]) != f[F_CHECK])
		return fail(it, "member \"%s\": data sum 0x%08x is not c_check 0x%08x",
			    (const char *)h + CPIO_HDR_LEN,
			    byte_sum(it->base + data_start, f[F_FILESIZE]), f[F_CHECK]);

	m->name = (const char *)h + CPIO_HDR_LEN;
	m->namesize = f[F_NAMESIZE];
	m->mode = f[F_MODE];
	m->ino = f[F_INO];
	m->uid = f[F_UID];
	m->gid = f[F_GID];
	m->nlink = f[F_NLINK];
	m->mtime = f[F_MTIME];
	m->data = it->base + data_start;
	m->size = f[F_FILESIZE];
	m->offset = it->pos;

	/* The padding after the data may be cut off at the very end only. */
	it->pos = (size_t)min((u64)ALIGN(data_end, CPIO_ALIGN), (u64)it->size);
	it->count++;
	return 1;
}
