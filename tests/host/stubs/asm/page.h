/* SPDX-License-Identifier: MIT */
/*
 * The host tests use the real <asm/page.h>: its linear-map macros only need
 * va_pa_offset, which a test points at its host buffer
 * (va_pa_offset = (unsigned long)buffer - simulated physical base).
 * PAGE_OFFSET has no meaning on the host.
 */
#include "../../../../arch/riscv/include/asm/page.h"
