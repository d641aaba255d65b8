/* SPDX-License-Identifier: MIT */
/* MMIO accessors: volatile, with fences ordering them against memory. */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>

static inline u8 readb(const volatile void *a)
{
	u8 v = *(const volatile u8 *)a;

	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}

static inline u32 readl(const volatile void *a)
{
	u32 v = *(const volatile u32 *)a;

	__asm__ __volatile__("fence i,r" ::: "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u8 *)a = v;
}

static inline void writel(u32 v, volatile void *a)
{
	__asm__ __volatile__("fence w,o" ::: "memory");
	*(volatile u32 *)a = v;
}

#endif /* _LINUX_IO_H */
