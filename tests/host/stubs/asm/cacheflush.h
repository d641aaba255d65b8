/* SPDX-License-Identifier: MIT */
/*
 * Host stand-in for <asm/cacheflush.h>: the vmap hooks are out of line,
 * so that tests/host/stubs/host_tlb.c sees every kernel mapping made and
 * unmade (its TLB model, tests/host/host_tlb.h).
 */
#ifndef _ASM_CACHEFLUSH_H
#define _ASM_CACHEFLUSH_H

void flush_cache_vmap(unsigned long start, unsigned long end);
void flush_cache_vunmap(unsigned long start, unsigned long end);

#endif /* _ASM_CACHEFLUSH_H */
