/* SPDX-License-Identifier: MIT */
/*
 * Reader of cpio "newc" archives (the initramfs format: Linux's
 * Documentation/driver-api/early-userspace/buffer-format.rst) held in
 * memory.
 *
 * An archive is a sequence of members, each a 110-byte ASCII header, the
 * name (c_namesize bytes, its NUL included), zero padding to a multiple of
 * 4 from the archive's start, the data (c_filesize bytes) and padding to 4
 * again; the member named TRAILER!!! ends it. The header is the magic
 * "070701" (or "070702": data checksummed) and thirteen fields of exactly
 * eight hexadecimal digits.
 */
#ifndef _LINUX_CPIO_H
#define _LINUX_CPIO_H

#include <linux/types.h>

#define CPIO_NEWC_MAGIC		"070701"
#define CPIO_NEWC_CRC_MAGIC	"070702"	/* c_check = sum of the data bytes */
#define CPIO_MAGIC_LEN		6
#define CPIO_FIELD_LEN		8
#define CPIO_NR_FIELDS		13
#define CPIO_HDR_LEN		(CPIO_MAGIC_LEN + CPIO_NR_FIELDS * CPIO_FIELD_LEN)	/* 110 */
#define CPIO_ALIGN		4
#define CPIO_TRAILER		"TRAILER!!!"
#define CPIO_NAME_MAX		4096	/* c_namesize limit, NUL included (PATH_MAX) */
#define CPIO_REASON_LEN		96

/* File types in c_mode (Linux's <uapi/linux/stat.h>). */
#define CPIO_S_IFMT	0170000
#define CPIO_S_IFREG	0100000
#define CPIO_S_IFDIR	0040000
#define CPIO_S_IFLNK	0120000
#define CPIO_S_ISREG(m)	(((m) & CPIO_S_IFMT) == CPIO_S_IFREG)
#define CPIO_S_ISDIR(m)	(((m) & CPIO_S_IFMT) == CPIO_S_IFDIR)

/* One member; every pointer is into the archive, which must stay in place. */
struct cpio_member {
	const char *name;	/* NUL-terminated, namesize - 1 characters, none NUL */
	u32 namesize;		/* c_namesize: NUL included */
	u32 mode;		/* c_mode: type and permission bits */
	u32 ino, uid, gid, nlink, mtime;
	const void *data;	/* c_filesize bytes inside the archive */
	u32 size;		/* c_filesize */
	size_t offset;		/* of the member's header from the archive's start */
};

/*
 * Iteration state. pos is where the next header starts; it only moves
 * forward, to a multiple of CPIO_ALIGN, and never past size.
 */
struct cpio_iter {
	const u8 *base;
	size_t size;
	size_t pos;
	unsigned int count;	/* members returned so far */
	int state;		/* 0 while going, 1 after the trailer, < 0 after an error */
	char reason[CPIO_REASON_LEN];	/* after an error: which check failed, where */
};

/* Start reading the size bytes at archive (any alignment). */
void cpio_iter_init(struct cpio_iter *it, const void *archive, size_t size);

/*
 * cpio_next - validate the next member's header and hand it out.
 * Returns 1 with *m filled, 0 at the TRAILER!!! (not handed out as a
 * member), or -EINVAL at the first malformed header, with it->reason naming
 * the check and the header's offset; every later call returns the same.
 * Allocates nothing, never writes the archive.
 */
int cpio_next(struct cpio_iter *it, struct cpio_member *m);

#endif /* _LINUX_CPIO_H */
