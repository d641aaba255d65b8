// SPDX-License-Identifier: MIT
/*
 * The range checks in front of the uaccess loops (Linux keeps these in
 * lib/usercopy.c and lib/strncpy_from_user.c; contracts in <asm/uaccess.h>;
 * the loops, SUM and fixups are in uaccess.S).
 */
#include <string.h>

#include <asm/uaccess.h>

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (likely(access_ok(from, n)))
		left = __asm_copy_user(to, (const void *)from, n);
	if (unlikely(left))
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (unlikely(!access_ok(to, n)))
		return n;
	return __asm_copy_user((void *)to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (unlikely(!access_ok(to, n)))
		return n;
	return __asm_clear_user(to, n);
}

/*
 * The string may end anywhere below TASK_SIZE: read at most up to it. A
 * string that reaches TASK_SIZE before its NUL and before count bytes is
 * a bad address, as in Linux (do_strncpy_from_user against user_addr_max).
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src;
	long max, res;

	if (unlikely(count <= 0))
		return 0;
	if (unlikely(addr >= TASK_SIZE))
		return -EFAULT;
	max = TASK_SIZE - addr < (unsigned long)count ? (long)(TASK_SIZE - addr) : count;
	res = __asm_strncpy_from_user(dst, src, max);
	if (res == max && max < count)
		return -EFAULT;
	return res;
}
