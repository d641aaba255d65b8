/* SPDX-License-Identifier: MIT */
/*
 * Linux's errno numbers (asm-generic/errno-base.h and errno.h). The system
 * call ABI returns -errno with exactly these values, so the kernel never uses
 * the C library's <errno.h>, whose numbering differs from Linux's.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#ifndef EPERM
#define EPERM		1	/* Operation not permitted */
#define ENOENT		2	/* No such file or directory */
#define ESRCH		3	/* No such process */
#define EINTR		4	/* Interrupted system call */
#define EIO		5	/* I/O error */
#define ENXIO		6	/* No such device or address */
#define E2BIG		7	/* Argument list too long */
#define ENOEXEC		8	/* Exec format error */
#define EBADF		9	/* Bad file number */
#define ECHILD		10	/* No child processes */
#define EAGAIN		11	/* Try again */
#define ENOMEM		12	/* Out of memory */
#define EACCES		13	/* Permission denied */
#define EFAULT		14	/* Bad address */
#define EBUSY		16	/* Device or resource busy */
#define EEXIST		17	/* File exists */
#define ENODEV		19	/* No such device */
#define EINVAL		22	/* Invalid argument */
#define ENOSPC		28	/* No space left on device */
#define ERANGE		34	/* Math result not representable */
#define ENOSYS		38	/* Invalid system call number */
#define ENODATA		61	/* No data available */
#define EOVERFLOW	75	/* Value too large for defined data type */
#define EBADMSG		74	/* Not a data message */
#endif

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

#endif /* _LINUX_ERRNO_H */
