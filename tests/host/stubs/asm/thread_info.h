/* SPDX-License-Identifier: MIT */
/* The host tests use the real <asm/thread_info.h> (nothing in it is hardware). */
#include "../../../../arch/riscv/include/asm/thread_info.h"
