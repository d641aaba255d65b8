// SPDX-License-Identifier: MIT
/*
 * The reference model of tests/host/vma_model.h: Linux's rules for mmap,
 * munmap, mprotect, mremap, madvise, faults and fork, restated over an
 * array of pages, independently of the kernel's region code.
 */
#include <stdio.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>

#include "vma_model.h"

#define N		MODEL_PAGES
#define PG(i)		(MODEL_BASE + (unsigned long)(i) * PAGE_SIZE)
#define GUARD_PAGES	(STACK_GUARD_GAP >> PAGE_SHIFT)
#define MAY_BITS	(VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define MODEL_SKIP	1L	/* not a kernel result: the op is not run */

/* Do pages a and a + 1 belong to one region (mapped, mergeable)? */
static bool joins(const struct model_page *a, const struct model_page *b)
{
	return a->mapped && b->mapped && a->flags == b->flags && a->obj == b->obj &&
	       (!a->obj || a->objoff + 1 == b->objoff);
}

static int regions_of(const struct model_page *pg)
{
	int i, n = 0;

	for (i = 0; i < N; i++)
		if (pg[i].mapped && (i == 0 || !joins(&pg[i - 1], &pg[i])))
			n++;
	return n;
}

int vma_model_regions(const struct vma_model *m)
{
	return regions_of(m->pg);
}

/* First and one-past-last page of the region holding page i (mapped). */
static void region_of(const struct vma_model *m, int i, int *s, int *e)
{
	*s = i;
	while (*s > 0 && joins(&m->pg[*s - 1], &m->pg[*s]))
		(*s)--;
	*e = i + 1;
	while (*e < N && joins(&m->pg[*e - 1], &m->pg[*e]))
		(*e)++;
}

static bool any_mapped(const struct vma_model *m, int s, int e)
{
	for (; s < e; s++)
		if (m->pg[s].mapped)
			return true;
	return false;
}

static bool all_mapped(const struct vma_model *m, int s, int e)
{
	for (; s < e; s++)
		if (!m->pg[s].mapped)
			return false;
	return true;
}

/* Regions left after unmapping [s, e) (the kernel's exact forecast). */
static int count_after_unmap(const struct vma_model *m, int s, int e)
{
	static struct model_page tmp[N];

	memcpy(tmp, m->pg, sizeof(tmp));
	for (; s < e; s++)
		tmp[s].mapped = false;
	return regions_of(tmp);
}

/*
 * get_unmapped_area in the window (mmap_base is its end): the highest n
 * free pages keeping the guard gap below a growsdown region; -1 when
 * only space below the window is left (the op is skipped).
 */
static int search(const struct vma_model *m, int n)
{
	int a, j;

	for (a = N - n; a >= 0; a--) {
		if (any_mapped(m, a, a + n))
			continue;
		for (j = a + n; j < N && !m->pg[j].mapped; j++)
			;
		if (j < N && (m->pg[j].flags & VM_GROWSDOWN) && j - (a + n) < (int)GUARD_PAGES)
			continue;
		return a;
	}
	return -1;
}

static void unmap_pages(struct vma_model *m, int s, int e)
{
	for (; s < e; s++)
		memset(&m->pg[s], 0, sizeof(m->pg[s]));
}

static unsigned long prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* The token a touched page's frame holds. */
static u32 page_token(const struct vma_model *m, const struct model_page *p)
{
	if (p->obj)
		return p->objoff < m->obj[p->obj].size ? m->obj[p->obj].token[p->objoff] : 0;
	return p->token;
}

static long model_mmap(struct vma_model *m, struct mm_struct *mm, const u8 *op,
		       long *res)
{
	int idx = op[1] % N, n = 1 + op[2] % 32, i;
	unsigned long prot = op[3] & 7, f = op[4], flags = MAP_ANONYMOUS, vm_flags;
	bool shared = f & 1, fixed = f & 2, noreplace = f & 4, populate = f & 32;
	unsigned int obj = 0;
	static struct model_page tmp[N];

	if (idx + n > N)
		n = N - idx;
	flags |= shared ? MAP_SHARED : MAP_PRIVATE;
	flags |= (fixed ? MAP_FIXED : 0) | (noreplace ? MAP_FIXED_NOREPLACE : 0);
	flags |= (f & 8 ? MAP_GROWSDOWN : 0) | (f & 16 ? MAP_NORESERVE : 0);
	if (populate && (prot & (PROT_READ | PROT_WRITE)))
		flags |= MAP_POPULATE;
	else
		populate = false;
	vm_flags = prot_bits(prot) | MAY_BITS | (f & 8 ? VM_GROWSDOWN : 0) |
		   (f & 16 ? VM_NORESERVE : 0) | (shared ? VM_SHARED | VM_MAYSHARE : 0);

	if (mm->map_count > m->max_map_count) {
		*res = -ENOMEM;
	} else {
		if (!fixed && !noreplace) {
			idx = search(m, n);
			if (idx < 0)
				return MODEL_SKIP;
		}
		if (noreplace && any_mapped(m, idx, idx + n)) {
			*res = -EEXIST;
		} else if (shared && (f & 8)) {
			*res = -EINVAL;
		} else {
			if (shared && m->nr_obj == MODEL_OBJS)
				return MODEL_SKIP;
			obj = shared ? m->nr_obj + 1 : 0;
			memcpy(tmp, m->pg, sizeof(tmp));
			for (i = idx; i < idx + n; i++)
				tmp[i] = (struct model_page){ .mapped = true, .flags = vm_flags,
					.obj = obj, .objoff = (unsigned long)(i - idx),
					.touched = populate };
			if (regions_of(tmp) > m->max_map_count) {
				*res = -ENOMEM;
			} else {
				memcpy(m->pg, tmp, sizeof(tmp));
				if (obj) {
					m->nr_obj++;
					memset(&m->obj[obj], 0, sizeof(m->obj[obj]));
					m->obj[obj].size = (unsigned long)n;
					m->obj_ptr[obj] = NULL;
				}
				*res = (long)PG(idx);
			}
		}
	}
	return do_mmap(mm, fixed || noreplace ? PG(idx) : 0, (unsigned long)n * PAGE_SIZE,
		       prot, flags, 0);
}

static long model_munmap(struct vma_model *m, struct mm_struct *mm, int idx, int n,
			 long *res)
{
	if (idx + n > N)
		n = N - idx;
	if (count_after_unmap(m, idx, idx + n) > m->max_map_count) {
		*res = -ENOMEM;
	} else {
		unmap_pages(m, idx, idx + n);
		*res = 0;
	}
	return do_munmap(mm, PG(idx), (unsigned long)n * PAGE_SIZE);
}

static long model_mprotect(struct vma_model *m, struct mm_struct *mm, const u8 *op,
			   long *res)
{
	int idx = op[1] % N, n = 1 + op[2] % 48, s = idx, e, i, rs, re;
	unsigned long prot = op[3] & 7, vmprot = prot_bits(prot);
	bool grows = op[3] & 8;
	static struct model_page tmp[N];

	if (idx + n > N)
		n = N - idx;
	e = idx + n;
	for (i = idx; i < N && !m->pg[i].mapped; i++)
		;
	*res = -ENOMEM;
	if (i == N)
		goto call;
	region_of(m, i, &rs, &re);
	if (grows) {
		if (rs >= e)
			goto call;
		s = rs;
		if (!(m->pg[rs].flags & VM_GROWSDOWN)) {
			*res = -EINVAL;
			goto call;
		}
	} else if (i > idx) {
		goto call;
	}
	if (!all_mapped(m, s, e))
		goto call;
	memcpy(tmp, m->pg, sizeof(tmp));
	for (i = s; i < e; i++)
		tmp[i].flags = (tmp[i].flags & ~VM_ACCESS_FLAGS) | vmprot;
	if (regions_of(tmp) > m->max_map_count)
		goto call;
	memcpy(m->pg, tmp, sizeof(tmp));
	*res = 0;
call:
	return do_mprotect(mm, PG(idx), (unsigned long)n * PAGE_SIZE,
			   prot | (grows ? PROT_GROWSDOWN : 0));
}

/* Move pages [s, s + keep) to [to, ...), grown to new_n pages; old range [s, s + old_n) goes. */
static void move_pages(struct vma_model *m, int s, int old_n, int keep, int to, int new_n)
{
	static struct model_page moved[N];
	int k;

	for (k = 0; k < new_n; k++) {
		if (k < keep) {
			moved[k] = m->pg[s + k];
		} else {
			moved[k] = m->pg[s];
			moved[k].touched = false;
			moved[k].token = 0;
			moved[k].objoff = m->pg[s].objoff + (unsigned long)k;
		}
	}
	unmap_pages(m, s, s + old_n);
	memcpy(&m->pg[to], moved, (size_t)new_n * sizeof(moved[0]));
}

static long model_mremap(struct vma_model *m, struct mm_struct *mm, const u8 *op,
			 long *res)
{
	int idx = op[1] % N, old_n = 1 + op[2] % 16, new_n = 1 + op[3] % 16;
	unsigned long flags = op[4] & 3;
	int to = op[5] % N, rs, re, count = vma_model_regions(m), k;
	long bound;

	if (idx + old_n > N || idx + new_n > N || to + new_n > N)
		return MODEL_SKIP;
	*res = -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		goto call;
	if (flags & MREMAP_FIXED) {
		if (idx + old_n > to && to + new_n > idx)
			goto call;
	}
	*res = -EFAULT;
	if (!m->pg[idx].mapped)
		goto call;
	region_of(m, idx, &rs, &re);
	if (idx + old_n > re)
		goto call;
	if (flags & MREMAP_FIXED) {
		bound = count_after_unmap(m, idx, idx + old_n) + 1 +
			count_after_unmap(m, to, to + new_n) - count;
		*res = -ENOMEM;
		if (bound > m->max_map_count)
			goto call;
		unmap_pages(m, to, to + new_n);
		move_pages(m, idx, old_n, old_n < new_n ? old_n : new_n, to, new_n);
		*res = (long)PG(to);
		goto call;
	}
	if (old_n >= new_n) {
		*res = (long)PG(idx);
		if (old_n == new_n)
			goto call;
		if (count_after_unmap(m, idx + new_n, idx + old_n) > m->max_map_count) {
			*res = -ENOMEM;
			goto call;
		}
		unmap_pages(m, idx + new_n, idx + old_n);
		goto call;
	}
	if (idx + old_n == re && !any_mapped(m, re, idx + new_n)) {
		for (k = re; k < idx + new_n; k++) {
			m->pg[k] = m->pg[idx];
			m->pg[k].touched = false;
			m->pg[k].token = 0;
			m->pg[k].objoff = m->pg[idx].objoff + (unsigned long)(k - idx);
		}
		*res = (long)PG(idx);
		goto call;
	}
	*res = -ENOMEM;
	if (!(flags & MREMAP_MAYMOVE))
		goto call;
	to = search(m, new_n);
	if (to < 0)
		return MODEL_SKIP;
	if (count_after_unmap(m, idx, idx + old_n) + 1 > m->max_map_count)
		goto call;
	move_pages(m, idx, old_n, old_n, to, new_n);
	*res = (long)PG(to);
call:
	return do_mremap(mm, PG(idx), (unsigned long)old_n * PAGE_SIZE,
			 (unsigned long)new_n * PAGE_SIZE, flags, PG(op[5] % N));
}

static long model_madvise(struct vma_model *m, struct mm_struct *mm, const u8 *op,
			  long *res)
{
	static const int advice[] = { MADV_DONTNEED, MADV_DONTFORK, MADV_DOFORK, MADV_NORMAL };
	int idx = op[1] % N, n = 1 + op[2] % 48, adv = advice[op[3] % 4], i;
	static struct model_page tmp[N];

	if (idx + n > N)
		n = N - idx;
	memcpy(tmp, m->pg, sizeof(tmp));
	for (i = idx; i < idx + n; i++) {
		if (!tmp[i].mapped)
			continue;
		if (adv == MADV_DONTNEED) {
			tmp[i].touched = false;
			tmp[i].token = 0;
		} else if (adv == MADV_DONTFORK) {
			tmp[i].flags |= VM_DONTCOPY;
		} else if (adv == MADV_DOFORK) {
			tmp[i].flags &= ~VM_DONTCOPY;
		}
	}
	if (regions_of(tmp) > m->max_map_count) {
		*res = -ENOMEM;
	} else {
		memcpy(m->pg, tmp, sizeof(tmp));
		*res = all_mapped(m, idx, idx + n) ? 0 : -ENOMEM;
	}
	return do_madvise(mm, PG(idx), (unsigned long)n * PAGE_SIZE, adv);
}

/* The frame behind a present PTE of mm at addr, or NULL. */
static u32 *frame_word(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_offset_map(pgd_offset(mm, addr), addr);

	if (!pte || pte_none(*pte))
		return NULL;
	return page_address(pfn_to_page(pte_pfn(*pte)));
}

static int model_touch(struct vma_model *m, struct mm_struct *mm, const u8 *op)
{
	int idx = op[1] % N;
	struct model_page *p = &m->pg[idx];
	u32 token = ((u32)op[2] << 16 | (u32)op[3] << 8 | op[4]) | 1;
	struct vm_area_struct *vma;
	vm_fault_t r, want = 0;
	bool write = p->flags & VM_WRITE;
	u32 *w;

	vma = vma_lookup(mm, PG(idx));
	if (!p->mapped || !(p->flags & (VM_READ | VM_WRITE))) {
		if (!p->mapped && vma) {
			printf("touch: page %d is unmapped in the model, mapped in the kernel\n", idx);
			return -1;
		}
		return 0;
	}
	if (!vma) {
		printf("touch: page %d has no region in the kernel\n", idx);
		return -1;
	}
	if (p->obj && p->objoff >= m->obj[p->obj].size)
		want = VM_FAULT_SIGBUS;
	down_read(&mm->mmap_lock);
	r = handle_mm_fault(vma, PG(idx), write ? FAULT_FLAG_WRITE : 0, NULL);
	up_read(&mm->mmap_lock);
	if (r != want) {
		printf("touch: page %d fault result %#x, model says %#x\n", idx, r, want);
		return -1;
	}
	if (want)
		return 0;
	p->touched = true;
	if (!write)
		return 0;
	w = frame_word(mm, PG(idx));
	if (!w) {
		printf("touch: page %d has no PTE after a write fault\n", idx);
		return -1;
	}
	*w = token;
	if (p->obj)
		m->obj[p->obj].token[p->objoff] = token;
	else
		p->token = token;
	return 0;
}

/* dup_mm, compare the child with the model minus VM_DONTCOPY, mmput it. */
static int model_fork(struct vma_model *m, struct mm_struct *mm)
{
	static struct vma_model child;
	struct mm_struct *c;
	int i, ret;

	memcpy(&child, m, sizeof(child));
	for (i = 0; i < N; i++)
		if (child.pg[i].flags & VM_DONTCOPY)
			memset(&child.pg[i], 0, sizeof(child.pg[i]));
	c = dup_mm(mm);
	if (!c) {
		printf("fork: dup_mm failed\n");
		return -1;
	}
	ret = vma_model_compare(&child, c);
	mmput(c);
	return ret;
}

void vma_model_init(struct vma_model *m, struct mm_struct *mm)
{
	memset(m, 0, sizeof(*m));
	m->max_map_count = sysctl_max_map_count;
	mm->mmap_base = PG(N);
}

int vma_model_compare(struct vma_model *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long a;
	int i, n = 0;
	bool seen[N] = { false };

	if (vma_check(mm))
		return -1;
	for (vma = mm->mmap; vma; vma = vma->vm_next, n++) {
		if (vma->vm_start < PG(0) || vma->vm_end > PG(N)) {
			printf("region %08lx-%08lx outside the window\n", vma->vm_start, vma->vm_end);
			return -1;
		}
		for (a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			struct model_page *p = &m->pg[(a - PG(0)) >> PAGE_SHIFT];
			unsigned long off = vma->vm_pgoff + ((a - vma->vm_start) >> PAGE_SHIFT);

			seen[(a - PG(0)) >> PAGE_SHIFT] = true;
			if (!p->mapped || p->flags != vma->vm_flags || !p->obj != !vma->vm_shared ||
			    (p->obj && p->objoff != off)) {
				printf("page %08lx: kernel flags %#lx obj %p off %lu; model %s flags %#lx obj %u off %lu\n",
				       a, vma->vm_flags, (void *)vma->vm_shared, off,
				       p->mapped ? "mapped" : "unmapped", p->flags, p->obj, p->objoff);
				return -1;
			}
			if (p->obj) {
				if (!m->obj_ptr[p->obj])
					m->obj_ptr[p->obj] = vma->vm_shared;
				if (m->obj_ptr[p->obj] != vma->vm_shared) {
					printf("page %08lx: model object %u is another kernel object\n", a, p->obj);
					return -1;
				}
			}
			if ((pgtable_count_present(mm, a, a + PAGE_SIZE) != 0) != p->touched) {
				printf("page %08lx: PTE %s, model says %s\n", a,
				       p->touched ? "missing" : "present",
				       p->touched ? "touched" : "untouched");
				return -1;
			}
			if (p->touched && frame_word(mm, a) && *frame_word(mm, a) != page_token(m, p)) {
				printf("page %08lx: frame holds %#x, model token %#x\n", a,
				       *frame_word(mm, a), page_token(m, p));
				return -1;
			}
		}
	}
	for (i = 0; i < N; i++) {
		if (m->pg[i].mapped && !seen[i]) {
			printf("page %08lx: mapped in the model, not in the kernel\n", PG(i));
			return -1;
		}
	}
	if (pgtable_count_present(mm, 0, TASK_SIZE) !=
	    pgtable_count_present(mm, PG(0), PG(N))) {
		printf("PTEs outside the window\n");
		return -1;
	}
	if (n != vma_model_regions(m)) {
		printf("kernel has %d regions, model %d\n", n, vma_model_regions(m));
		return -1;
	}
	return 0;
}

int vma_model_step(struct vma_model *m, struct mm_struct *mm, const u8 *op)
{
	long want = 0, got;
	int idx = op[1] % N, kind = op[0] % 9;

	m->steps++;
	switch (kind) {
	case 0:
		got = model_mmap(m, mm, op, &want);
		break;
	case 1:
		got = model_munmap(m, mm, idx, 1 + op[2] % 16, &want);
		break;
	case 8:
		got = model_munmap(m, mm, idx, 1 + op[2] % 128, &want);
		break;
	case 2:
		got = model_mprotect(m, mm, op, &want);
		break;
	case 3:
		got = model_mremap(m, mm, op, &want);
		break;
	case 4:
		got = model_madvise(m, mm, op, &want);
		break;
	case 5:
		return model_touch(m, mm, op) ? -1 : vma_model_compare(m, mm);
	case 6:
		return model_fork(m, mm) ? -1 : vma_model_compare(m, mm);
	default:
		if (op[1] & 0x80)
			sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
		else
			sysctl_max_map_count = vma_model_regions(m) + op[2] % 4;
		m->max_map_count = sysctl_max_map_count;
		return 0;
	}
	if (got == MODEL_SKIP) {
		m->skipped++;
		return 0;
	}
	if (got != want) {
		printf("op %d [%02x %02x %02x %02x %02x]: kernel returned %ld, model %ld\n",
		       kind, op[1], op[2], op[3], op[4], op[5], got, want);
		return -1;
	}
	return vma_model_compare(m, mm);
}
