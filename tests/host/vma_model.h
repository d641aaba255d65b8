/* SPDX-License-Identifier: MIT */
/*
 * A reference model of one address space's regions, page by page, for
 * the random host test (test_vma_random.c) and the fuzzer (fuzz_vma.c):
 * an array of page states over a window of MODEL_PAGES pages at
 * MODEL_BASE, each unmapped or mapped with its vm_flags, its shared
 * object and offset, whether it was touched (has a PTE) and the token
 * last written to its frame. The model knows nothing of the kernel's
 * data structures: it predicts each call's result from Linux's rules,
 * and vma_model_compare() checks the kernel's regions, map count, PTEs
 * and frame contents against it after every step.
 *
 * Every address-space change of the test goes through vma_model_step(),
 * which decodes one operation from OP_BYTES bytes (random or fuzzer
 * input), predicts, calls the kernel, and compares.
 */
#ifndef _VMA_MODEL_H
#define _VMA_MODEL_H

#include <stddef.h>
#include <linux/types.h>

struct mm_struct;

#define MODEL_BASE	0x10000000UL
#define MODEL_PAGES	512
#define MODEL_OBJS	64
#define MODEL_OP_BYTES	6

struct model_page {
	bool mapped;
	bool touched;		/* has a PTE (zero page, own frame, object's frame) */
	unsigned long flags;	/* the region's vm_flags */
	unsigned int obj;	/* shared object id (0: private) */
	unsigned long objoff;	/* page offset in the object */
	u32 token;		/* private: the frame's first word (0: zero-filled) */
};

struct model_obj {
	unsigned long size;	/* pages */
	u32 token[MODEL_PAGES * 2];	/* first word of each frame (0: untouched) */
};

struct vma_model {
	struct model_page pg[MODEL_PAGES];
	struct model_obj obj[MODEL_OBJS + 1];	/* [0] unused */
	const void *obj_ptr[MODEL_OBJS + 1];	/* kernel object seen for each id */
	unsigned int nr_obj;
	int max_map_count;
	unsigned long steps, skipped;
};

/* A fresh model of the empty mm (whose mmap_base is set to the window's end). */
void vma_model_init(struct vma_model *m, struct mm_struct *mm);
/*
 * Decode one operation from op[0..MODEL_OP_BYTES), predict it, run it on
 * mm, check the result and then the whole state. 0, or -1 after printing
 * the first difference.
 */
int vma_model_step(struct vma_model *m, struct mm_struct *mm, const u8 *op);
/* Compare mm (regions, count, PTEs, tokens) with the model: 0 or -1. */
int vma_model_compare(struct vma_model *m, struct mm_struct *mm);
/* Number of regions the model's pages make up. */
int vma_model_regions(const struct vma_model *m);

#endif /* _VMA_MODEL_H */
