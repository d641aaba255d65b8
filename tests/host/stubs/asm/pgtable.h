/* SPDX-License-Identifier: MIT */
/* The host tests use the real <asm/pgtable.h> (nothing in it is hardware). */
#include "../../../../arch/riscv/include/asm/pgtable.h"
