/* SPDX-License-Identifier: MIT */
/*
 * Basic kernel types. The same header serves the RV32 firmware and the host
 * unit tests, so it relies only on the C11 freestanding headers.
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef unsigned int u32;	/* not uint32_t: that is long on riscv32-elf, and %u must fit everywhere */
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int s32;
typedef int64_t s64;

/* Sv32 physical addresses are 34 bits wide. */
typedef u64 phys_addr_t;
typedef unsigned int gfp_t;

#endif /* _LINUX_TYPES_H */
