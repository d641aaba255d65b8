/* SPDX-License-Identifier: MIT */
/*
 * Cache maintenance around kernel mappings, Linux's hooks of the vmap
 * paths: flush_cache_vmap(start, end) after [start, end) was mapped,
 * flush_cache_vunmap(start, end) before it is unmapped. RISC-V caches are
 * physically tagged, so there is nothing to do; a new mapping needs no TLB
 * flush either (a stale "invalid" entry costs one spurious fault that the
 * fault handler repairs), and the unmap flush is vmalloc's lazy purge.
 * The host tests' stand-in watches the kernel mappings through these
 * hooks to model what a hart's TLB may hold.
 */
#ifndef _ASM_CACHEFLUSH_H
#define _ASM_CACHEFLUSH_H

static inline void flush_cache_vmap(unsigned long start, unsigned long end)
{
}

static inline void flush_cache_vunmap(unsigned long start, unsigned long end)
{
}

#endif /* _ASM_CACHEFLUSH_H */
