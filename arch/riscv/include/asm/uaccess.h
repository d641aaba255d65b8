/* SPDX-License-Identifier: MIT */
/*
 * User memory access (Linux's <asm/uaccess.h> API and semantics).
 *
 * The kernel touches user memory only through these helpers. Each one
 * checks the range with access_ok() first, sets sstatus.SUM (so S-mode may
 * touch U pages) only around its own accesses, and clears it again on the
 * normal and on the fault path. Every instruction inside them that touches
 * user memory has an exception-table entry: a fault the page-fault handler
 * cannot resolve (no region, no rights, no memory) resumes at the fixup,
 * which makes the helper fail with -EFAULT (or a short count) instead of an
 * oops. A fault that can be resolved (demand paging, copy-on-write, stack
 * growth) is handled by the generic fault path and the access retried.
 *
 * A kernel access to a user address with SUM clear is a bug the fault
 * handler reports ("access to user memory without uaccess routines").
 *
 * Linux's return conventions:
 *   copy_from_user, copy_to_user, clear_user   bytes NOT copied (0: all)
 *   strncpy_from_user                          length copied or -EFAULT
 *   get_user, put_user                         0 or -EFAULT
 */
#ifndef _ASM_UACCESS_H
#define _ASM_UACCESS_H

#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/types.h>
#include <asm/csr.h>
#include <asm/extable.h>

/*
 * The range [addr, addr + size) lies inside user space [0, TASK_SIZE)
 * without wrapping. Says nothing about whether it is mapped.
 */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

static __always_inline void __enable_user_access(void)
{
	__asm__ __volatile__("csrs sstatus, %0" :: "r"(SR_SUM) : "memory");
}

static __always_inline void __disable_user_access(void)
{
	__asm__ __volatile__("csrc sstatus, %0" :: "r"(SR_SUM) : "memory");
}

/* arch/riscv/lib/uaccess.S: SUM and fixups inside; return bytes not done. */
unsigned long __asm_copy_user(void *to, const void *from, unsigned long n);
unsigned long __asm_clear_user(void __user *to, unsigned long n);
/* Up to max bytes up to and with a NUL: the NUL's index, max, or -EFAULT. */
long __asm_strncpy_from_user(char *dst, const char __user *src, long max);

/*
 * Copy n bytes from user src to kernel dst. Returns the bytes not copied;
 * on a short copy the rest of dst is zeroed (as Linux's copy_from_user).
 */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
/* Copy n bytes from kernel src to user dst. Returns the bytes not copied. */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
/* Zero n bytes of user memory. Returns the bytes not zeroed. */
unsigned long clear_user(void __user *to, unsigned long n);
/*
 * Copy a NUL-terminated string of at most count bytes from user src.
 * Returns its length (the NUL copied too) when a NUL came within count
 * bytes; count when none did (dst is then not terminated); -EFAULT when
 * src is not user memory or a byte before the NUL (or before count)
 * could not be read, including a string that runs into TASK_SIZE.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/*
 * get_user(x, ptr) / put_user(x, ptr): one 1-, 2- or 4-byte access of
 * the user object *ptr (Linux's macros; x is an lvalue for get_user).
 * 0 or -EFAULT; a failed get_user leaves x zero, as Linux's does.
 */
#define __get_user_asm(insn, x, ptr, err)				\
	__asm__ __volatile__(						\
		"1:	" insn " %1, 0(%2)\n"				\
		"2:\n"							\
		"	.pushsection .text.fixup, \"ax\"\n"		\
		"3:	li %0, %3\n"					\
		"	li %1, 0\n"					\
		"	j 2b\n"						\
		"	.popsection\n"					\
		_ASM_EXTABLE(1b, 3b)					\
		: "+r"(err), "=&r"(x)					\
		: "r"(ptr), "i"(-EFAULT)				\
		: "memory")

#define __put_user_asm(insn, x, ptr, err)				\
	__asm__ __volatile__(						\
		"1:	" insn " %z1, 0(%2)\n"				\
		"2:\n"							\
		"	.pushsection .text.fixup, \"ax\"\n"		\
		"3:	li %0, %3\n"					\
		"	j 2b\n"						\
		"	.popsection\n"					\
		_ASM_EXTABLE(1b, 3b)					\
		: "+r"(err)						\
		: "rJ"(x), "r"(ptr), "i"(-EFAULT)			\
		: "memory")

/* Not valid sizes: a link error names the misuse. */
extern void __get_user_bad_size(void);
extern void __put_user_bad_size(void);

#define get_user(x, ptr)						\
({									\
	const __typeof__(*(ptr)) __user *__gp = (ptr);			\
	unsigned long __gv = 0;						\
	int __ge = 0;							\
	if (likely(access_ok(__gp, sizeof(*__gp)))) {			\
		__enable_user_access();					\
		switch (sizeof(*__gp)) {				\
		case 1: __get_user_asm("lbu", __gv, __gp, __ge); break; \
		case 2: __get_user_asm("lhu", __gv, __gp, __ge); break; \
		case 4: __get_user_asm("lw", __gv, __gp, __ge); break;	\
		default: __get_user_bad_size(); break;			\
		}							\
		__disable_user_access();				\
	} else {							\
		__ge = -EFAULT;						\
	}								\
	(x) = (__typeof__(*(ptr)))__gv;					\
	__ge;								\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __user *__pp = (ptr);			\
	__typeof__(*(ptr)) __pv = (x);					\
	int __pe = 0;							\
	if (likely(access_ok(__pp, sizeof(*__pp)))) {			\
		__enable_user_access();					\
		switch (sizeof(*__pp)) {				\
		case 1: __put_user_asm("sb", __pv, __pp, __pe); break;	\
		case 2: __put_user_asm("sh", __pv, __pp, __pe); break;	\
		case 4: __put_user_asm("sw", __pv, __pp, __pe); break;	\
		default: __put_user_bad_size(); break;			\
		}							\
		__disable_user_access();				\
	} else {							\
		__pe = -EFAULT;						\
	}								\
	__pe;								\
})

#endif /* _ASM_UACCESS_H */
