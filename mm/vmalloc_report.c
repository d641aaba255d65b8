// SPDX-License-Identifier: MIT
/*
 * vmalloc reports: /proc/vmallocinfo in Linux's layout and the @vmalloc
 * record (DESIGN.md section 7).
 *
 *   0xe0000000-0xe0002000    8192 serial_console_remap+0x3c/0xa0 phys=0x10000000 ioremap
 *   0xe0002000-0xe0007000   20480 fix_size_alloc+0x28/0x90 pages=4 vmalloc
 *   0xe0007000-0xe0009000    8192 unpurged vm_area
 *
 * The range is the whole area (guards included), as Linux prints it.
 */
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/vmalloc.h>

#include "vmalloc_internal.h"

/* Lines printed before the dump is cut short. */
#define VMALLOCINFO_MAX_LINES	64

/* A copy of what one line needs, taken under the lock. */
struct info_line {
	unsigned long start, end;
	bool lazy;
	struct vm_struct vm;
};

/* The lowest area of root with va_start >= addr, or NULL. Lock held. */
static struct vmap_area *lower_bound(const struct rb_root *root, unsigned long addr)
{
	const struct rb_node *n = root->rb_node;
	struct vmap_area *best = NULL;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (va->va_start >= addr) {
			best = va;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best;
}

/* The next busy or lazy area at or after addr; false at the end. */
static bool next_line(unsigned long addr, struct info_line *line)
{
	struct vmap_area *busy, *lazy, *va;
	unsigned long flags;

	spin_lock_irqsave(&vmap_area_lock, flags);
	busy = lower_bound(&busy_vmap_root, addr);
	lazy = lower_bound(&lazy_vmap_root, addr);
	va = busy && (!lazy || busy->va_start < lazy->va_start) ? busy : lazy;
	if (va) {
		line->start = va->va_start;
		line->end = va->va_end;
		line->lazy = va == lazy;
		line->vm = va->vm;
	}
	spin_unlock_irqrestore(&vmap_area_lock, flags);
	return va != NULL;
}

static void print_line(const struct info_line *l)
{
	char sym[KSYM_NAME_LEN + 32];
	const struct vm_struct *vm = &l->vm;

	if (l->lazy) {
		pr_info("0x%08lx-0x%08lx %7lu unpurged vm_area\n", l->start, l->end,
			l->end - l->start);
		return;
	}
	sprint_symbol(sym, sizeof(sym), (unsigned long)vm->caller);
	if (vm->flags & VM_IOREMAP)
		pr_info("0x%08lx-0x%08lx %7lu %s phys=0x%08llx ioremap\n", l->start, l->end,
			l->end - l->start, sym, (unsigned long long)vm->phys_addr);
	else if (vm->flags & (VM_ALLOC | VM_MAP))
		pr_info("0x%08lx-0x%08lx %7lu %s pages=%u %s\n", l->start, l->end,
			l->end - l->start, sym, vm->nr_pages,
			vm->flags & VM_ALLOC ? "vmalloc" : "vmap");
	else
		pr_info("0x%08lx-0x%08lx %7lu %s\n", l->start, l->end, l->end - l->start, sym);
}

void vmalloc_show_vmallocinfo(void)
{
	unsigned long addr = VMALLOC_START, lines = 0;
	struct info_line l;

	while (next_line(addr, &l)) {
		if (lines++ < VMALLOCINFO_MAX_LINES)
			print_line(&l);
		addr = l.end;
	}
	if (lines > VMALLOCINFO_MAX_LINES)
		pr_info("... %lu more areas\n", lines - VMALLOCINFO_MAX_LINES);
}

void vmalloc_report(void)
{
	struct vmalloc_stats st;

	vmalloc_get_stats(&st);
	pr_record("vmalloc", "areas=%lu bytes=%lu largest_free=%lu pages=%lu "
		  "free_ranges=%lu lazy=%lu lazy_bytes=%lu deferred=%lu purges=%lu "
		  "flushes=%lu pgtables=%lu sync_faults=%lu bad_frees=%lu failures=%lu",
		  st.nr_busy, st.busy_bytes, st.largest_free, st.vmalloc_pages,
		  st.nr_free, st.nr_lazy, st.lazy_bytes, st.nr_deferred, st.purges,
		  st.tlb_flushes, st.pgtable_pages, st.sync_faults, st.bad_frees,
		  st.failures);
	vmalloc_show_vmallocinfo();
}
