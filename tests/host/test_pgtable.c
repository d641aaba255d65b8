// SPDX-License-Identifier: MIT
/*
 * Host tests of the page table walker (mm/pgtable.c) and init_mm over the
 * real <asm/pgtable.h>, on the real buddy allocator booted on a host arena
 * (buddy_harness.c): PROT to PTE for all 16 protection_map entries, the
 * entry helpers, a user mm's tables allocated, filled, walked, counted and
 * freed when empty (NR_PAGETABLE, nr_ptes and the free frame count back
 * where they were), -ENOMEM under fail_page_alloc leaking nothing, the
 * kernel half of pgd_alloc, kernel tables never freed, switch_mm's
 * cpu_mask bookkeeping. pgtable_check() runs after every step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/vmstat.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

#include "../../mm/internal.h"
#include "buddy_harness.h"
#include "host_log.h"
#include "host_tlb.h"

#define P		PAGE_SIZE
#define UADDR		0x10000000UL	/* a user address at a table boundary */
#define CHECK(mm)	assert_int_equal(pgtable_check(mm), 0)

static struct mm_struct mm;

static unsigned long settled_free(void)
{
	drain_all_pages();
	return nr_free_pages();
}

static int setup(void **state)
{
	struct harness_cfg cfg;

	(void)state;
	host_log_reset();
	harness_cfg_simple(&cfg, 16, 0);
	cfg.debug = true;
	assert_int_equal(harness_boot(&cfg), 0);
	host_pgtable_reset();
	memset(&mm, 0, sizeof(mm));
	spin_lock_init(&mm.page_table_lock);
	mm.task_size = TASK_SIZE;
	mm.pgd = pgd_alloc(&mm);
	assert_non_null(mm.pgd);
	CHECK(&mm);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fail_page_alloc_set_probability(0);
	host_pgtable_reset();
	harness_teardown();
	return 0;
}

/* ---- protections ----------------------------------------------------------------- */

/* Every combination: Linux riscv's protection_map, rules of <asm/pgtable.h>. */
static void test_protection_map(void **state)
{
	static const struct {
		unsigned long flags;
		pgprot_t prot;
	} want[] = {
		{ VM_NONE, PAGE_NONE },
		{ VM_READ, PAGE_READ },
		{ VM_WRITE, PAGE_READ },			/* private: COW on the write */
		{ VM_WRITE | VM_READ, PAGE_READ },
		{ VM_EXEC, PAGE_EXEC },
		{ VM_EXEC | VM_READ, PAGE_READ_EXEC },
		{ VM_EXEC | VM_WRITE, PAGE_READ_EXEC },
		{ VM_EXEC | VM_WRITE | VM_READ, PAGE_READ_EXEC },
		{ VM_SHARED, PAGE_NONE },
		{ VM_SHARED | VM_READ, PAGE_READ },
		{ VM_SHARED | VM_WRITE, PAGE_WRITE },		/* W alone gives R+W */
		{ VM_SHARED | VM_WRITE | VM_READ, PAGE_WRITE },
		{ VM_SHARED | VM_EXEC, PAGE_EXEC },
		{ VM_SHARED | VM_EXEC | VM_READ, PAGE_READ_EXEC },
		{ VM_SHARED | VM_EXEC | VM_WRITE, PAGE_WRITE_EXEC },
		{ VM_SHARED | VM_EXEC | VM_WRITE | VM_READ, PAGE_WRITE_EXEC },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < 16; i++) {
		pgprot_t prot = vm_get_page_prot(want[i].flags);
		pte_t pte = pfn_pte(0x1234, prot);

		assert_int_equal(prot, want[i].prot);
		/* bits outside the four don't matter */
		assert_int_equal(vm_get_page_prot(want[i].flags | VM_MAYREAD | VM_GROWSDOWN), prot);
		assert_true(pte_user(pte));
		assert_false(pte_global(pte));
		assert_true(pte_young(pte));
		assert_false(pte_dirty(pte));
		assert_true(pte_present(pte));
		assert_false(pte_write(pte) && !pte_read(pte));
		assert_int_equal(pte_pfn(pte), 0x1234);
		if (!(want[i].flags & VM_ACCESS_FLAGS)) {
			/* PROT_NONE: invalid to the hardware, present to the kernel */
			assert_false(pte & _PAGE_VALID);
			assert_true(pte_protnone(pte));
			assert_false(pte_read(pte) || pte_write(pte) || pte_exec(pte));
		} else {
			assert_true(pte & _PAGE_VALID);
			assert_false(pte_protnone(pte));
			assert_int_equal(pte_read(pte), !!(want[i].flags & (VM_READ | VM_WRITE)));
			assert_int_equal(pte_exec(pte), !!(want[i].flags & VM_EXEC));
			assert_int_equal(pte_write(pte), (want[i].flags & (VM_SHARED | VM_WRITE)) ==
					 (VM_SHARED | VM_WRITE));
		}
	}
	/* kernel mappings: global, A and D preset, never U */
	assert_true(pte_global(PAGE_KERNEL) && pte_young(PAGE_KERNEL) && pte_dirty(PAGE_KERNEL));
	assert_false(pte_user(PAGE_KERNEL) || pte_user(PAGE_KERNEL_RO));
}

/* The entry helpers change only what they name. */
static void test_pte_helpers(void **state)
{
	pte_t pte = pfn_pte(0x2345, PAGE_READ), none = pfn_pte(0x2345, PAGE_NONE);
	pte_t slot = 0;

	(void)state;
	assert_true(pte_none(0));
	assert_false(pte_present(0));
	assert_false(pte_none(none));
	assert_int_equal(pte_mkwrite(pte), pfn_pte(0x2345, PAGE_WRITE));
	assert_int_equal(pte_wrprotect(pte_mkwrite(pte)), pte);
	assert_false(pte_young(pte_mkold(pte)));
	assert_int_equal(pte_mkyoung(pte_mkold(pte)), pte);
	assert_true(pte_dirty(pte_mkdirty(pte)));
	assert_int_equal(pte_mkclean(pte_mkdirty(pte)), pte);
	assert_true(pte_special(pte_mkspecial(pte)));
	assert_false(pte_special(pte));
	/* pte_modify keeps frame, A, D and special; PROT_NONE and back */
	pte = pte_mkspecial(pte_mkdirty(pte));
	none = pte_modify(pte, PAGE_NONE);
	assert_true(pte_protnone(none) && pte_dirty(none) && pte_special(none));
	assert_int_equal(pte_pfn(none), 0x2345);
	assert_int_equal(pte_modify(none, PAGE_READ), pte);
	assert_false(pte_global(none));
	/* slot operations */
	set_pte_at(&mm, UADDR, &slot, pfn_pte(7, PAGE_WRITE));
	ptep_set_wrprotect(&mm, UADDR, &slot);
	assert_int_equal(ptep_get(&slot), pfn_pte(7, PAGE_READ));
	assert_int_equal(ptep_get_and_clear(&mm, UADDR, &slot), pfn_pte(7, PAGE_READ));
	assert_true(pte_none(ptep_get(&slot)));
	set_pte(&slot, pfn_pte(7, PAGE_READ));
	pte_clear(&mm, UADDR, &slot);
	assert_true(pte_none(slot));
	/* directory entries */
	assert_true(pgd_none(0) && !pgd_present(0));
	assert_false(pgd_bad(pgd_table(0x81234000)));
	assert_int_equal(pgd_pfn(pgd_table(0x81234000)), 0x81234);
	assert_true(pgd_leaf(pfn_pte(0x80000, PAGE_KERNEL)));
	assert_true(pgd_bad(pfn_pte(0x80000, PAGE_KERNEL)));
	assert_false(pgd_leaf(pgd_table(0x81234000)));
}

/* ptep_set_access_flags: changed or not, and a local flush only on a change. */
static void test_set_access_flags(void **state)
{
	struct vm_area_struct vma = { .vm_mm = &mm };
	pte_t slot = pfn_pte(9, PAGE_READ);
	unsigned long local = host_tlb_local_flushes();

	(void)state;
	assert_int_equal(ptep_set_access_flags(&vma, UADDR, &slot, slot, 0), 0);
	assert_int_equal(host_tlb_local_flushes(), local);
	assert_int_equal(ptep_set_access_flags(&vma, UADDR, &slot,
					       pte_mkdirty(pte_mkwrite(slot)), 1), 1);
	assert_int_equal(slot, pte_mkdirty(pfn_pte(9, PAGE_WRITE)));
	assert_int_equal(host_tlb_local_flushes(), local + 1);
}

/* ---- the walker on a user mm ---------------------------------------------------- */

struct fill {
	unsigned long pfn;
	unsigned long calls;
	unsigned long last;
	unsigned long fail_at;	/* return -EIO here (0: never) */
};

static int fill_pte(pte_t *pte, unsigned long addr, void *data)
{
	struct fill *f = data;

	if (f->fail_at && addr == f->fail_at)
		return -EIO;
	assert_true(f->calls == 0 || addr == f->last + P);	/* address order */
	assert_true(pte_none(ptep_get(pte)));
	set_pte_at(&mm, addr, pte, pfn_pte(f->pfn + f->calls, PAGE_READ));
	f->calls++;
	f->last = addr;
	return 0;
}

static int clear_pte(pte_t *pte, unsigned long addr, void *data)
{
	unsigned long *n = data;

	/* a user mm's callbacks run with its lock held */
	assert_true(arch_spin_is_locked(&mm.page_table_lock));
	if (!pte_none(ptep_get_and_clear(&mm, addr, pte)))
		++*n;
	return 0;
}

/*
 * Fill a range across three tables, walk it, count it, empty it and free
 * the tables: NR_PAGETABLE, nr_ptes and the free frames come back.
 */
static void test_user_fill_walk_free(void **state)
{
	unsigned long start = UADDR + PGDIR_SIZE - 4 * P, size = PGDIR_SIZE + 8 * P;
	unsigned long free0 = settled_free(), tables0 = global_node_page_state(NR_PAGETABLE);
	struct fill f = { .pfn = 0x100 };
	unsigned long cleared = 0, user0 = host_tlb_user_flushes();
	spinlock_t *ptl;
	pte_t *pte;

	(void)state;
	assert_null(pte_offset_map(pgd_offset(&mm, start), start));
	assert_null(pte_offset_map_lock(&mm, start, &ptl));
	assert_int_equal(apply_to_page_range(&mm, start, size, fill_pte, &f, GFP_KERNEL), 0);
	CHECK(&mm);
	assert_int_equal(f.calls, size / P);
	assert_int_equal(mm.nr_ptes, 3);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), tables0 + 3);
	assert_int_equal(settled_free(), free0 - 3);
	assert_int_equal(pgtable_count_present(&mm, 0, TASK_SIZE), size / P);
	assert_int_equal(pgtable_count_present(&mm, start + P, start + 3 * P), 2);

	pte = pte_offset_map_lock(&mm, start + 5 * P, &ptl);
	assert_non_null(pte);
	assert_ptr_equal(ptl, &mm.page_table_lock);
	assert_true(arch_spin_is_locked(&mm.page_table_lock));
	assert_int_equal(pte_pfn(ptep_get(pte)), 0x105);
	pte_unmap_unlock(pte, ptl);
	assert_false(arch_spin_is_locked(&mm.page_table_lock));
	assert_int_equal(pte_pfn(*pte_alloc_map(&mm, start + 5 * P)), 0x105);

	/* a table with an entry left is kept; the rest of the range is freed */
	assert_int_equal(apply_to_existing_page_range(&mm, start, size - P, clear_pte,
						      &cleared), 0);
	assert_int_equal(cleared, size / P - 1);
	free_pgtables_range(&mm, start, start + size);
	CHECK(&mm);
	assert_int_equal(mm.nr_ptes, 1);
	assert_int_equal(host_tlb_user_flushes(), user0 + 1);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), tables0 + 1);
	assert_non_null(pte_offset_map(pgd_offset(&mm, start + size - P), start + size - P));
	assert_null(pte_offset_map(pgd_offset(&mm, start), start));

	/* the last entry goes: a range touching only its table's first page frees it */
	assert_int_equal(apply_to_existing_page_range(&mm, start + size - P, P, clear_pte,
						      &cleared), 0);
	free_pgtables_range(&mm, start + size - P, start + size - P + 1);
	CHECK(&mm);
	assert_int_equal(mm.nr_ptes, 0);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), tables0);
	assert_int_equal(settled_free(), free0);
	assert_int_equal(pgtable_count_present(&mm, 0, TASK_SIZE), 0);
	/* nothing left to free: no flush */
	free_pgtables_range(&mm, 0, TASK_SIZE);
	assert_int_equal(host_tlb_user_flushes(), user0 + 2);
}

/* A PROT_NONE entry is not none: its table is not freed. */
static void test_protnone_keeps_table(void **state)
{
	pte_t *pte;

	(void)state;
	pte = pte_alloc_map(&mm, UADDR);
	assert_non_null(pte);
	set_pte_at(&mm, UADDR, pte, pfn_pte(0x42, PAGE_NONE));
	free_pgtables_range(&mm, UADDR, UADDR + PGDIR_SIZE);
	assert_int_equal(mm.nr_ptes, 1);
	assert_int_equal(pgtable_count_present(&mm, UADDR, UADDR + P), 1);
	CHECK(&mm);
	pte_clear(&mm, UADDR, pte);
	free_pgtables_range(&mm, UADDR, UADDR + PGDIR_SIZE);
	assert_int_equal(mm.nr_ptes, 0);
}

/* fn's error stops the walk and is returned; the entries before stay. */
static void test_callback_error_stops(void **state)
{
	struct fill f = { .pfn = 0x200, .fail_at = UADDR + 3 * P };
	unsigned long n = 0;

	(void)state;
	assert_int_equal(apply_to_page_range(&mm, UADDR, 8 * P, fill_pte, &f, GFP_KERNEL), -EIO);
	assert_int_equal(f.calls, 3);
	assert_int_equal(pgtable_count_present(&mm, UADDR, UADDR + 8 * P), 3);
	apply_to_existing_page_range(&mm, UADDR, 8 * P, clear_pte, &n);
	assert_int_equal(n, 3);
	free_pgtables_range(&mm, UADDR, UADDR + 8 * P);
	assert_int_equal(mm.nr_ptes, 0);
	CHECK(&mm);
}

/* Out of memory for a table: -ENOMEM, entries before left, nothing leaked. */
static void test_enomem_leaks_nothing(void **state)
{
	unsigned long free0 = settled_free(), tables0 = global_node_page_state(NR_PAGETABLE);
	unsigned long size = 4 * PGDIR_SIZE, n = 0;
	struct fill f = { .pfn = 0x300 };
	int err;

	(void)state;
	fail_page_alloc_set_probability(100);
	err = apply_to_page_range(&mm, UADDR, size, fill_pte, &f, GFP_KERNEL);
	assert_null(pte_alloc_map(&mm, UADDR));
	assert_int_equal(__pte_alloc(&mm, pgd_offset(&mm, UADDR), GFP_KERNEL), -ENOMEM);
	fail_page_alloc_set_probability(0);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(f.calls, 0);
	assert_int_equal(mm.nr_ptes, 0);
	assert_true(pgd_none(*pgd_offset(&mm, UADDR)));

	/* fail the third table: two tables filled, then -ENOMEM */
	f = (struct fill){ .pfn = 0x300 };
	assert_int_equal(apply_to_page_range(&mm, UADDR, 2 * PGDIR_SIZE, fill_pte, &f,
					     GFP_KERNEL), 0);
	fail_page_alloc_set_probability(100);
	err = apply_to_page_range(&mm, UADDR + 2 * PGDIR_SIZE, size - 2 * PGDIR_SIZE,
				  fill_pte, &f, GFP_KERNEL);
	fail_page_alloc_set_probability(0);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(f.calls, 2 * PTRS_PER_PTE);
	assert_int_equal(mm.nr_ptes, 2);
	CHECK(&mm);
	apply_to_existing_page_range(&mm, UADDR, size, clear_pte, &n);
	assert_int_equal(n, 2 * PTRS_PER_PTE);
	free_pgtables_range(&mm, UADDR, UADDR + size);
	assert_int_equal(mm.nr_ptes, 0);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), tables0);
	assert_int_equal(settled_free(), free0);
}

/* Bad ranges are refused: unaligned, wrapping, or reaching the kernel half. */
static void test_bad_ranges(void **state)
{
	struct fill f = { .pfn = 1 };

	(void)state;
	host_log_reset();
	assert_int_equal(apply_to_page_range(&mm, UADDR + 1, P, fill_pte, &f, GFP_KERNEL),
			 -EINVAL);
	assert_int_equal(apply_to_page_range(&mm, TASK_SIZE - P, 2 * P, fill_pte, &f,
					     GFP_KERNEL), -EINVAL);
	assert_int_equal(apply_to_existing_page_range(&mm, PAGE_OFFSET, P, fill_pte, &f),
			 -EINVAL);
	assert_true(host_log_contains("bad range"));
	assert_int_equal(apply_to_page_range(&mm, UADDR, 0, fill_pte, &f, GFP_KERNEL), 0);
	assert_int_equal(f.calls, 0);
	assert_int_equal(mm.nr_ptes, 0);
}

/* pgtable_check catches a global user PTE, W without R and a wrong nr_ptes. */
static void test_check_detects(void **state)
{
	pte_t *pte = pte_alloc_map(&mm, UADDR);

	(void)state;
	host_log_reset();
	set_pte(pte, pfn_pte(5, PAGE_READ | _PAGE_GLOBAL));
	assert_int_equal(pgtable_check(&mm), -EFAULT);
	assert_true(host_log_contains("is global"));
	set_pte(pte, pfn_pte(5, _PAGE_BASE | _PAGE_WRITE));
	assert_int_equal(pgtable_check(&mm), -EFAULT);
	assert_true(host_log_contains("W without R"));
	pte_clear(&mm, UADDR, pte);
	CHECK(&mm);
	mm.nr_ptes++;
	assert_int_equal(pgtable_check(&mm), -EFAULT);
	assert_true(host_log_contains("nr_ptes says 2"));
	mm.nr_ptes--;
	free_pgtables_range(&mm, UADDR, UADDR + P);
	CHECK(&mm);
}

/* ---- kernel tables and page directories ----------------------------------------- */

static int set_kernel_pte(pte_t *pte, unsigned long addr, void *data)
{
	set_pte_at(&init_mm, addr, pte, pfn_pte(*(unsigned long *)data, PAGE_KERNEL));
	return 0;
}

static int clear_kernel_pte(pte_t *pte, unsigned long addr, void *data)
{
	pte_clear(&init_mm, addr, pte);
	return 0;
}

/*
 * pgd_alloc copies the master's kernel half and nothing else; the
 * kernel's tables stay when emptied; pgd_free gives the frame back.
 */
static void test_pgd_alloc_and_kernel_tables(void **state)
{
	unsigned long free0, tables0 = global_node_page_state(NR_PAGETABLE), pfn = 0x77;
	unsigned int i;
	pgd_t *pgd;

	(void)state;
	assert_int_equal(apply_to_page_range(&init_mm, VMALLOC_START, 2 * P, set_kernel_pte,
					     &pfn, GFP_KERNEL), 0);
	assert_int_equal(init_mm.nr_ptes, 1);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), tables0 + 1);
	swapper_pg_dir[pgd_index(PAGE_OFFSET)] = pfn_pte(0x80000, PAGE_KERNEL); /* a megapage */
	free0 = settled_free();
	pgd = pgd_alloc(&mm);
	assert_non_null(pgd);
	assert_int_equal(settled_free(), free0 - 1);
	for (i = 0; i < PTRS_PER_PGD; i++)
		assert_int_equal(pgd[i], i >= pgd_index(PAGE_OFFSET) ? swapper_pg_dir[i] : 0);
	assert_true(pgd_present(pgd[pgd_index(VMALLOC_START)]));
	pgd_free(&mm, pgd);
	assert_int_equal(settled_free(), free0);

	/* emptied, the kernel table stays: user directories may name it */
	apply_to_existing_page_range(&init_mm, VMALLOC_START, 2 * P, clear_kernel_pte, NULL);
	assert_int_equal(pgtable_count_present(&init_mm, VMALLOC_START, VMALLOC_END), 0);
	free_pgtables_range(&init_mm, VMALLOC_START, VMALLOC_END);
	assert_int_equal(init_mm.nr_ptes, 1);
	assert_true(pgd_present(*pgd_offset_k(VMALLOC_START)));
	assert_int_equal(global_node_page_state(NR_PAGETABLE), tables0 + 1);
	/* a megapage is not a table: the walker refuses it */
	host_log_reset();
	assert_int_equal(apply_to_existing_page_range(&init_mm, PAGE_OFFSET, P,
						      clear_kernel_pte, NULL), -EINVAL);
	assert_true(host_log_contains("is not a table"));
}

/* pgd_free of a directory with a user table left says so. */
static void test_pgd_free_reports_leak(void **state)
{
	struct mm_struct other = { .task_size = TASK_SIZE };

	(void)state;
	spin_lock_init(&other.page_table_lock);
	other.pgd = pgd_alloc(&other);
	assert_non_null(pte_alloc_map(&other, UADDR));
	host_log_reset();
	pgd_free(&other, other.pgd);
	assert_true(host_log_contains("its table leaks"));
	pgd_free(&init_mm, init_mm.pgd);	/* the master is never freed */
	assert_non_null(init_mm.pgd);
}

/* switch_mm: satp follows, this hart joins next and leaves prev. */
static void test_switch_mm(void **state)
{
	unsigned long local = host_tlb_local_flushes();

	(void)state;
	switch_mm(&init_mm, &mm);
	assert_ptr_equal(host_satp_pgd(), mm.pgd);
	assert_int_equal(mm.cpu_mask, tlb_hart_bit());
	assert_int_equal(init_mm.cpu_mask, 0);
	assert_int_equal(host_tlb_local_flushes(), local + 1);
	switch_mm(&mm, &mm);
	assert_int_equal(host_tlb_local_flushes(), local + 1);
	switch_mm(&mm, &init_mm);
	assert_ptr_equal(host_satp_pgd(), swapper_pg_dir);
	assert_int_equal(mm.cpu_mask, 0);
	assert_int_equal(init_mm.cpu_mask, tlb_hart_bit());
}

/* init_mm as <linux/sched/mm.h> says. */
static void test_init_mm(void **state)
{
	(void)state;
	assert_ptr_equal(init_mm.pgd, swapper_pg_dir);
	assert_int_equal(init_mm.mm_users, 2);
	assert_int_equal(init_mm.mm_count, 1);
	assert_int_equal(init_mm.task_size, TASK_SIZE);
	assert_ptr_equal(init_mm.mmlist.next, &init_mm.mmlist);
	assert_false(arch_spin_is_locked(&init_mm.page_table_lock));
	assert_int_equal(pgtable_check(&init_mm), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_protection_map),
		T(test_pte_helpers),
		T(test_set_access_flags),
		T(test_user_fill_walk_free),
		T(test_protnone_keeps_table),
		T(test_callback_error_stops),
		T(test_enomem_leaks_nothing),
		T(test_bad_ranges),
		T(test_check_detects),
		T(test_pgd_alloc_and_kernel_tables),
		T(test_pgd_free_reports_leak),
		T(test_switch_mm),
		T(test_init_mm),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
