// SPDX-License-Identifier: MIT
/*
 * Host tests of the generic page fault handler (mm/memory.c) and the
 * shared anonymous object (mm/shared_anon.c) on the real buddy and slab
 * allocators booted on a host arena and the production page-table walker
 * (mm/pgtable.c). Every case runs twice: with 16 MiB of highmem (user
 * frames come from there, reached through the kmap hook) and with lowmem
 * only. After every case every frame is back and the counters (RSS,
 * NR_ANON_MAPPED, NR_SHMEM, NR_PAGETABLE) are zero; mm_pages_check()
 * runs after every step.
 */
#include "memory_tests.h"

unsigned long case_free_before;

/* ---- the hand-made address spaces ---------------------------------------- */

struct test_mm *tmm_new(void)
{
	struct test_mm *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	spin_lock_init(&t->mm.page_table_lock);
	init_rwsem(&t->mm.mmap_lock);
	t->mm.mm_users = t->mm.mm_count = 1;
	t->mm.task_size = TASK_SIZE;
	t->mm.pgd = pgd_alloc(&t->mm);
	assert_non_null(t->mm.pgd);
	return t;
}

struct vm_area_struct *tmm_vma(struct test_mm *t, unsigned long start,
			       unsigned long pages, unsigned long flags,
			       struct shared_anon *obj, unsigned long pgoff)
{
	struct vm_area_struct *vma;

	assert_true(t->nr_vmas < MAX_VMAS);
	vma = &t->vma[t->nr_vmas++];
	vma->vm_start = start;
	vma->vm_end = start + pages * P;
	vma->vm_mm = &t->mm;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma->vm_pgoff = obj ? pgoff : start >> PAGE_SHIFT;
	vma->vm_shared = obj;
	if (obj)
		shared_anon_get(obj);
	return vma;
}

struct test_mm *tmm_fork(struct test_mm *src)
{
	struct test_mm *dst = tmm_new();
	unsigned int i;

	for (i = 0; i < src->nr_vmas; i++) {
		struct vm_area_struct *s = &src->vma[i], *d;

		d = tmm_vma(dst, s->vm_start, (s->vm_end - s->vm_start) / P,
			    s->vm_flags, s->vm_shared, s->vm_pgoff);
		assert_int_equal(copy_page_range(d, s), 0);
	}
	check(src);
	check(dst);
	return dst;
}

void tmm_free(struct test_mm *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_vmas; i++) {
		struct vm_area_struct *vma = &t->vma[i];

		zap_page_range_single(vma, vma->vm_start, vma->vm_end - vma->vm_start);
		if (vma->vm_shared)
			shared_anon_put(vma->vm_shared);
	}
	for (i = 0; i < NR_MM_COUNTERS; i++)
		assert_int_equal(t->mm.rss_stat[i], 0);
	assert_int_equal(pgtable_count_present(&t->mm, 0, TASK_SIZE), 0);
	assert_int_equal(t->mm.nr_ptes, 0);
	pgd_free(&t->mm, t->mm.pgd);
	free(t);
}

pte_t pte_at(struct test_mm *t, unsigned long addr)
{
	pte_t *ptep = pte_offset_map(pgd_offset(&t->mm, addr), addr);

	return ptep ? ptep_get(ptep) : 0;
}

struct page *page_at(struct test_mm *t, unsigned long addr)
{
	pte_t pte = pte_at(t, addr);

	return pte_none(pte) ? NULL : pfn_to_page(pte_pfn(pte));
}

struct vm_area_struct *vma_at(struct test_mm *t, unsigned long addr)
{
	unsigned int i;

	for (i = 0; i < t->nr_vmas; i++)
		if (addr >= t->vma[i].vm_start && addr < t->vma[i].vm_end)
			return &t->vma[i];
	return NULL;
}

vm_fault_t fault(struct test_mm *t, unsigned long addr, unsigned int flags)
{
	struct vm_area_struct *vma = vma_at(t, addr);
	vm_fault_t ret;

	assert_non_null(vma);
	down_read(&t->mm.mmap_lock);
	ret = handle_mm_fault(vma, addr, flags | FAULT_FLAG_USER, NULL);
	up_read(&t->mm.mmap_lock);
	check(t);
	return ret;
}

/* The MMU's view: may this access go ahead without a trap? */
static bool hw_allows(pte_t pte, bool write)
{
	if (!(pte & _PAGE_VALID) || !(pte & _PAGE_USER) || !(pte & _PAGE_ACCESSED))
		return false;
	if (write)
		return (pte & _PAGE_WRITE) && (pte & _PAGE_DIRTY);
	return pte & _PAGE_READ;
}

static unsigned char *frame_byte(struct test_mm *t, unsigned long addr, void **map)
{
	struct page *page = page_at(t, addr);
	unsigned char *va;

	assert_non_null(page);
	va = page_alloc_map(page);
	assert_non_null(va);
	*map = va;
	return va + (addr & ~PAGE_MASK);
}

static void frame_unmap(struct test_mm *t, unsigned long addr, void *map)
{
	page_alloc_unmap(page_at(t, addr), map);
}

unsigned char user_read(struct test_mm *t, unsigned long addr)
{
	unsigned char v;
	void *map;

	if (!hw_allows(pte_at(t, addr), false))
		assert_int_equal(fault(t, addr, 0), 0);
	assert_true(hw_allows(pte_at(t, addr), false));
	v = *frame_byte(t, addr, &map);
	frame_unmap(t, addr, map);
	return v;
}

void user_write(struct test_mm *t, unsigned long addr, unsigned char v)
{
	void *map;

	if (!hw_allows(pte_at(t, addr), true))
		assert_int_equal(fault(t, addr, FAULT_FLAG_WRITE), 0);
	assert_true(hw_allows(pte_at(t, addr), true));
	*frame_byte(t, addr, &map) = v;
	frame_unmap(t, addr, map);
}

unsigned long free_frames(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
	return nr_free_pages();
}

void check(struct test_mm *t)
{
	if (t)
		assert_int_equal(mm_pages_check(&t->mm), 0);
	assert_int_equal(buddy_check(), 0);
}

void assert_all_back(unsigned long free_before)
{
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 0);
	assert_int_equal(global_node_page_state(NR_SHMEM), 0);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), 0);
	assert_int_equal(free_frames(), free_before);
	check(NULL);
	assert_int_equal(page_alloc_bad_frees, 0);
	assert_int_equal(host_log_errors(), 0);
}

/* ---- fixtures -------------------------------------------------------------- */

bool with_highmem;

static int boot(unsigned int low_mib, unsigned int high_mib)
{
	struct harness_cfg cfg;

	host_log_reset();
	harness_cfg_simple(&cfg, low_mib, high_mib);
	cfg.debug = true;
	assert_int_equal(harness_boot(&cfg), 0);
	kmem_cache_init();
	zero_page_reset();
	assert_int_equal(zero_page_init(), 0);
	with_highmem = high_mib != 0;
	case_free_before = free_frames();
	return 0;
}

static int setup_high(void **state)
{
	(void)state;
	return boot(32, 16);
}

static int setup_low(void **state)
{
	(void)state;
	return boot(32, 0);
}

static int teardown(void **state)
{
	(void)state;
	fail_page_alloc_set_probability(0);
	assert_all_back(case_free_before);
	zero_page_reset();
	slab_reset();
	harness_teardown();
	return 0;
}

void assert_user_frame(struct page *page)
{
	assert_non_null(page);
	assert_int_equal(PageHighMem(page), with_highmem);
}

/* ---- private anonymous memory ------------------------------------------------ */

/* Read first: the zero page, read-only and special; then a write gets a frame. */
static void test_zero_page_then_write(void **state)
{
	struct test_mm *t = tmm_new();
	unsigned long zero = vm_event_count(FAULT_ZERO_PAGE);
	unsigned long anon = vm_event_count(FAULT_ANON);
	unsigned long pgfault = vm_event_count(PGFAULT);
	unsigned long free0 = free_frames();
	pte_t pte;

	(void)state;
	tmm_vma(t, BASE, 4, VM_PRIVATE_RW, NULL, 0);
	assert_int_equal(user_read(t, BASE + 5), 0);
	pte = pte_at(t, BASE);
	assert_int_equal(pte_pfn(pte), page_to_pfn(zero_page));
	assert_true(pte_special(pte));
	assert_false(pte_write(pte));
	assert_true(pte_young(pte));
	assert_int_equal(vm_event_count(FAULT_ZERO_PAGE), zero + 1);
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 0);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 0);
	assert_int_equal(page_mapcount(zero_page), 0);
	/* only the level-0 table was allocated */
	assert_int_equal(free_frames(), free0 - 1);

	user_write(t, BASE + 5, 0x5a);
	pte = pte_at(t, BASE);
	assert_false(is_zero_pfn(pte_pfn(pte)));
	assert_false(pte_special(pte));
	assert_true(pte_write(pte) && pte_dirty(pte) && pte_young(pte));
	assert_user_frame(page_at(t, BASE));
	/* the write over the zero page is a demand-zero fault, not a COW */
	assert_int_equal(vm_event_count(FAULT_ANON), anon + 1);
	assert_int_equal(user_read(t, BASE + 5), 0x5a);
	assert_int_equal(user_read(t, BASE + 6), 0);
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 1);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 1);
	assert_int_equal(page_mapcount(page_at(t, BASE)), 1);
	assert_int_equal(page_ref_count(page_at(t, BASE)), 1);
	assert_int_equal(vm_event_count(PGFAULT), pgfault + 2);
	/* the zero page itself stays zero */
	assert_int_equal(user_read(t, BASE + P + 5), 0);
	tmm_free(t);
}

/* A first write: a zeroed frame mapped writable, A and D set. */
static void test_demand_zero(void **state)
{
	struct test_mm *t = tmm_new();
	unsigned long anon = vm_event_count(FAULT_ANON);
	unsigned long i;

	(void)state;
	tmm_vma(t, BASE, 16, VM_PRIVATE_RW, NULL, 0);
	for (i = 0; i < 16; i++) {
		user_write(t, BASE + i * P + i, (unsigned char)(i + 1));
		assert_user_frame(page_at(t, BASE + i * P));
	}
	assert_int_equal(vm_event_count(FAULT_ANON), anon + 16);
	for (i = 0; i < 16; i++) {
		assert_int_equal(user_read(t, BASE + i * P + i), i + 1);
		assert_int_equal(user_read(t, BASE + i * P + i + 1), 0);
	}
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 16);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 16);
	/* a zap of the middle gives those frames back, the rest stay */
	zap_page_range_single(&t->vma[0], BASE + 4 * P, 8 * P);
	check(t);
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 8);
	assert_int_equal(global_node_page_state(NR_ANON_MAPPED), 8);
	assert_true(pte_none(pte_at(t, BASE + 4 * P)));
	assert_int_equal(user_read(t, BASE + 3 * P + 3), 4);
	/* after the zap the page is untouched again: the zero page */
	assert_int_equal(user_read(t, BASE + 5 * P + 5), 0);
	assert_true(is_zero_pfn(pte_pfn(pte_at(t, BASE + 5 * P))));
	tmm_free(t);
}

/* A region whose table is emptied gives the table back. */
static void test_zap_frees_tables(void **state)
{
	struct test_mm *t = tmm_new();
	unsigned long free0 = free_frames();

	(void)state;
	/* two pages in two different 4 MiB tables */
	tmm_vma(t, BASE + PGDIR_SIZE - P, 2, VM_PRIVATE_RW, NULL, 0);
	user_write(t, BASE + PGDIR_SIZE - P, 1);
	user_write(t, BASE + PGDIR_SIZE, 2);
	assert_int_equal(t->mm.nr_ptes, 2);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), 2);
	assert_int_equal(free_frames(), free0 - 4);
	zap_page_range_single(&t->vma[0], BASE + PGDIR_SIZE - P, 2 * P);
	assert_int_equal(t->mm.nr_ptes, 0);
	assert_int_equal(global_node_page_state(NR_PAGETABLE), 0);
	assert_int_equal(free_frames(), free0);
	tmm_free(t);
}

/* Rights first: SIGSEGV without touching anything. */
static void test_rights(void **state)
{
	struct test_mm *t = tmm_new();
	unsigned long pgfault = vm_event_count(PGFAULT);
	unsigned long free0 = free_frames();

	(void)state;
	tmm_vma(t, BASE, 1, VM_READ | VM_MAYREAD, NULL, 0);		/* PROT_READ */
	tmm_vma(t, BASE + P, 1, VM_NONE, NULL, 0);			/* PROT_NONE */
	tmm_vma(t, BASE + 2 * P, 1, VM_WRITE | VM_MAYWRITE, NULL, 0);	/* PROT_WRITE */
	tmm_vma(t, BASE + 3 * P, 1, VM_EXEC | VM_MAYEXEC, NULL, 0);	/* PROT_EXEC */

	assert_int_equal(fault(t, BASE, FAULT_FLAG_WRITE), VM_FAULT_SIGSEGV);
	assert_int_equal(fault(t, BASE, FAULT_FLAG_INSTRUCTION), VM_FAULT_SIGSEGV);
	assert_int_equal(fault(t, BASE + P, 0), VM_FAULT_SIGSEGV);
	assert_int_equal(fault(t, BASE + P, FAULT_FLAG_WRITE), VM_FAULT_SIGSEGV);
	assert_int_equal(fault(t, BASE + 2 * P, FAULT_FLAG_INSTRUCTION), VM_FAULT_SIGSEGV);
	assert_int_equal(fault(t, BASE + 3 * P, 0), VM_FAULT_SIGSEGV);
	assert_int_equal(fault(t, BASE + 3 * P, FAULT_FLAG_WRITE), VM_FAULT_SIGSEGV);
	/* an address outside the region given */
	down_read(&t->mm.mmap_lock);
	assert_int_equal(handle_mm_fault(&t->vma[0], BASE + P, 0, NULL), VM_FAULT_SIGSEGV);
	up_read(&t->mm.mmap_lock);
	assert_int_equal(vm_event_count(PGFAULT), pgfault + 8);
	assert_int_equal(pgtable_count_present(&t->mm, 0, TASK_SIZE), 0);
	assert_int_equal(free_frames(), free0);

	/* what is allowed: a read of PROT_READ, of PROT_WRITE, a fetch of PROT_EXEC */
	assert_int_equal(user_read(t, BASE), 0);
	assert_int_equal(fault(t, BASE + 2 * P, 0), 0);
	assert_true(is_zero_pfn(pte_pfn(pte_at(t, BASE + 2 * P))));
	user_write(t, BASE + 2 * P, 7);
	assert_int_equal(user_read(t, BASE + 2 * P), 7);
	assert_int_equal(fault(t, BASE + 3 * P, FAULT_FLAG_INSTRUCTION), 0);
	assert_true(pte_exec(pte_at(t, BASE + 3 * P)));
	assert_false(pte_write(pte_at(t, BASE + 3 * P)));
	/* still no write to the read-only page with a zero-page PTE */
	assert_int_equal(fault(t, BASE, FAULT_FLAG_WRITE), VM_FAULT_SIGSEGV);
	assert_true(is_zero_pfn(pte_pfn(pte_at(t, BASE))));
	tmm_free(t);
}

/* A present PTE that faulted only for A (or D) gets the bit, nothing else. */
static void test_access_dirty_only(void **state)
{
	struct test_mm *t = tmm_new();
	unsigned long zero, anon, cow, reuse, pgfault;
	struct page *page;
	pte_t *ptep;

	(void)state;
	tmm_vma(t, BASE, 2, VM_PRIVATE_RW, NULL, 0);
	user_write(t, BASE, 9);
	assert_int_equal(user_read(t, BASE + P), 0);	/* the zero page */
	page = page_at(t, BASE);
	zero = vm_event_count(FAULT_ZERO_PAGE);
	anon = vm_event_count(FAULT_ANON);
	cow = vm_event_count(FAULT_COW);
	reuse = vm_event_count(FAULT_COW_REUSE);
	pgfault = vm_event_count(PGFAULT);

	/* clear A and D behind the kernel's back, as an aging pass would */
	ptep = pte_offset_map(pgd_offset(&t->mm, BASE), BASE);
	*ptep &= ~(pte_t)(_PAGE_ACCESSED | _PAGE_DIRTY);
	assert_int_equal(fault(t, BASE, 0), 0);
	assert_true(pte_young(pte_at(t, BASE)));
	assert_false(pte_dirty(pte_at(t, BASE)));
	assert_int_equal(fault(t, BASE, FAULT_FLAG_WRITE), 0);
	assert_true(pte_young(pte_at(t, BASE)) && pte_dirty(pte_at(t, BASE)));
	assert_ptr_equal(page_at(t, BASE), page);
	assert_int_equal(user_read(t, BASE), 9);

	ptep = pte_offset_map(pgd_offset(&t->mm, BASE + P), BASE + P);
	*ptep &= ~(pte_t)_PAGE_ACCESSED;
	assert_int_equal(fault(t, BASE + P, 0), 0);
	assert_true(pte_young(pte_at(t, BASE + P)));
	assert_true(is_zero_pfn(pte_pfn(pte_at(t, BASE + P))));
	/* a spurious fault (all bits there already) changes nothing either */
	assert_int_equal(fault(t, BASE, FAULT_FLAG_WRITE), 0);

	assert_int_equal(vm_event_count(PGFAULT), pgfault + 4);
	assert_int_equal(vm_event_count(FAULT_ZERO_PAGE), zero);
	assert_int_equal(vm_event_count(FAULT_ANON), anon);
	assert_int_equal(vm_event_count(FAULT_COW), cow);
	assert_int_equal(vm_event_count(FAULT_COW_REUSE), reuse);
	assert_int_equal(t->mm.rss_stat[MM_ANONPAGES], 1);
	assert_int_equal(page_mapcount(page), 1);
	assert_int_equal(page_ref_count(page), 1);
	tmm_free(t);
}

/* The checker sees a broken count. */
static void test_check_detects(void **state)
{
	struct test_mm *t = tmm_new();

	(void)state;
	tmm_vma(t, BASE, 1, VM_PRIVATE_RW, NULL, 0);
	user_write(t, BASE, 1);
	t->mm.rss_stat[MM_ANONPAGES]++;
	assert_int_equal(mm_pages_check(&t->mm), -EFAULT);
	t->mm.rss_stat[MM_ANONPAGES]--;
	/* a writable private PTE whose frame is mapped twice */
	page_at(t, BASE)->_mapcount++;
	assert_int_equal(mm_pages_check(&t->mm), -EFAULT);
	page_at(t, BASE)->_mapcount--;
	assert_int_equal(mm_pages_check(&t->mm), 0);
	host_log_reset();
	tmm_free(t);
}

int main(void)
{
#define T(fn)	{ #fn "_highmem", fn, setup_high, teardown, NULL }, \
		{ #fn "_lowmem", fn, setup_low, teardown, NULL }
	const struct CMUnitTest tests[] = {
		T(test_zero_page_then_write),
		T(test_demand_zero),
		T(test_zap_frees_tables),
		T(test_rights),
		T(test_access_dirty_only),
		T(test_check_detects),
		T(test_fork_cow),
		T(test_fork_zero_page),
		T(test_cow_reuse_after_zap),
		T(test_shared_across_fork),
		T(test_shared_pgoff_sigbus),
		T(test_shared_object_table),
		T(test_populate),
		T(test_oom),
		T(test_oom_fork),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
