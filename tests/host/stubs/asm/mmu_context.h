/* SPDX-License-Identifier: MIT */
/* The host tests use the real <asm/mmu_context.h> (nothing in it is hardware). */
#include "../../../../arch/riscv/include/asm/mmu_context.h"
