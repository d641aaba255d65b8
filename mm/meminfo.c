// SPDX-License-Identifier: MIT
/*
 * /proc/meminfo (Linux's fs/proc/meminfo.c layout): the fields Linux
 * always prints, in its order, with the figures this kernel knows, so that
 * procps free and vmstat -s and the node exporter read real numbers.
 * Fields for what this kernel does not have (page cache, LRU lists, swap,
 * writeback, huge pages) are printed as 0, as Linux prints them on a
 * system without those: a reader that expects them finds them.
 *
 *   MemAvailable  free - the zones' high watermarks (Linux's
 *                 totalreserve_pages, without lowmem_reserve) + the
 *                 reclaimable slabs less half of them or the low
 *                 watermarks, whichever is smaller (si_mem_available)
 *   Cached        shared anonymous memory (Linux counts shmem as page cache)
 *   CommitLimit   half of RAM (overcommit_ratio 50, no swap)
 *   Committed_AS  the anonymous frames in use: there is no overcommit
 *                 accounting (VM_ACCOUNT) yet
 *   VmallocUsed   frames of vmalloc'ed areas, as Linux's vmalloc_nr_pages()
 */
#include <stdio.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <asm/pgtable.h>

#include "internal.h"

#define PAGES_TO_KB(p)	((p) << (PAGE_SHIFT - 10))

static void meminfo_kb(const char *label, unsigned long kb)
{
	char name[20];

	snprintf(name, sizeof(name), "%s:", label);
	pr_info("%-16s%8lu kB\n", name, kb);
}

static void meminfo_pages(const char *label, unsigned long pages)
{
	meminfo_kb(label, PAGES_TO_KB(pages));
}

/* Linux's si_mem_available() for a kernel without page cache. */
static unsigned long mem_available(unsigned long free, unsigned long sreclaimable)
{
	unsigned long reserve = 0, low = 0;
	const struct zone *z;
	long avail;

	for_each_zone(z) {
		reserve += high_wmark_pages(z);
		low += low_wmark_pages(z);
	}
	avail = (long)free - (long)reserve;
	avail += (long)(sreclaimable - min(sreclaimable / 2, low));
	return avail < 0 ? 0 : (unsigned long)avail;
}

void meminfo_show(void)
{
	unsigned long srecl, sunrecl, free, anon, shmem;
	struct vmalloc_stats vst;
	struct page_totals t;

	page_alloc_totals(&t);
	vmstat_slab_pages(&srecl, &sunrecl);
	vmalloc_get_stats(&vst);
	free = t.free + t.pcp;
	anon = global_node_page_state(NR_ANON_MAPPED);
	shmem = global_node_page_state(NR_SHMEM);

	meminfo_pages("MemTotal", t.managed);
	meminfo_pages("MemFree", free);
	meminfo_pages("MemAvailable", mem_available(free, srecl));
	meminfo_pages("Buffers", 0);
	meminfo_pages("Cached", shmem);
	meminfo_pages("SwapCached", 0);
	meminfo_pages("Active", 0);
	meminfo_pages("Inactive", 0);
	meminfo_pages("Active(anon)", 0);
	meminfo_pages("Inactive(anon)", 0);
	meminfo_pages("Active(file)", 0);
	meminfo_pages("Inactive(file)", 0);
	meminfo_pages("Unevictable", 0);
	meminfo_pages("Mlocked", 0);
	meminfo_pages("HighTotal", t.high_total);
	meminfo_pages("HighFree", t.high_free);
	meminfo_pages("LowTotal", t.managed - t.high_total);
	meminfo_pages("LowFree", free - t.high_free);
	meminfo_pages("SwapTotal", 0);
	meminfo_pages("SwapFree", 0);
	meminfo_pages("Dirty", 0);
	meminfo_pages("Writeback", 0);
	meminfo_pages("AnonPages", anon);
	meminfo_pages("Mapped", 0);
	meminfo_pages("Shmem", shmem);
	meminfo_pages("KReclaimable", srecl);
	meminfo_pages("Slab", srecl + sunrecl);
	meminfo_pages("SReclaimable", srecl);
	meminfo_pages("SUnreclaim", sunrecl);
	meminfo_kb("KernelStack", global_node_page_state(NR_KERNEL_STACK_KB));
	meminfo_pages("PageTables", global_node_page_state(NR_PAGETABLE));
	meminfo_pages("NFS_Unstable", 0);
	meminfo_pages("Bounce", 0);
	meminfo_pages("WritebackTmp", 0);
	meminfo_pages("CommitLimit", totalram_pages() / 2);
	meminfo_pages("Committed_AS", anon + shmem);
	meminfo_kb("VmallocTotal", (VMALLOC_END - VMALLOC_START) >> 10);
	meminfo_pages("VmallocUsed", vst.vmalloc_pages);
	meminfo_pages("VmallocChunk", 0);
}
