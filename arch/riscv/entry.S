/* SPDX-License-Identifier: MIT */
/*
 * Trap entry and exit. stvec points at handle_exception (direct mode) for
 * every trap, interrupt or exception, from U- or S-mode.
 *
 * sscratch is 0 while the hart runs the kernel and holds the kernel tp while
 * it runs user code, so one swap tells where the trap came from. A trap from
 * the kernel pushes its frame on the current stack (so traps nest, e.g. a
 * fault inside an interrupt handler); a trap from user mode switches to the
 * kernel stack recorded in the hart's struct hart_entry.
 *
 * Before a trap from the kernel pushes its frame, it checks that the frame
 * fits on the stack: a vmalloc'ed kernel stack is the upper half of a
 * THREAD_ALIGN block whose lower half is an unmapped guard (asm/traps.h),
 * so an sp - PT_SIZE inside the vmalloc range with bit THREAD_SHIFT clear
 * is below its stack. Saving the frame there would only fault again, so
 * the trap moves to this hart's overflow stack and reports the overflow.
 *
 * Nothing from handle_exception to handle_exception_end may fault. A trap
 * taken while a frame is pushed (or popped) overwrites HE_SCRATCH, and with
 * it sepc, scause, stval and sstatus.SPP/SPIE of the trap being entered,
 * before they are saved: neither trap could then be returned from. Linux
 * riscv met this with vmalloc'ed stacks on harts that cache invalid
 * translations (a new mapping is not flushed, so the first push onto a
 * fresh stack page can take a spurious fault, re-enter here and overwrite
 * the slot); its entry handles a page fault on a new mapping before the
 * frame is pushed. That check cannot help a fault inside the push, which
 * has already lost the first trap's CSRs, so here the stack is made safe
 * instead: alloc_thread_stack() flushes a new stack from every online
 * hart's TLB before it returns it (a hart that comes online later must
 * start with a flushed TLB, as the boot hart does), so a push onto a mapped kernel stack never faults
 * spuriously. A stack must also be present in every page directory a hart
 * runs on with it (the master's level-1 entries copied, not faulted in
 * lazily). Should entry code fault anyway, do_trap() (or, when the nested
 * pushes recurse into the guard, the overflow report) sees a kernel epc
 * inside this file and reports @oops cause=entry_fault instead of
 * returning into an entry whose state is gone.
 */
#include <asm/csr.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/smp.h>
#include <asm/traps.h>

/* The vmalloc-range test works on 128 MiB granules (the range's bounds are multiples). */
#define VMALLOC_GRANULE_SHIFT	27
#if (VMALLOC_START | VMALLOC_END) & ((1 << VMALLOC_GRANULE_SHIFT) - 1)
#error "the stack overflow check needs VMALLOC_START/END on 128 MiB boundaries"
#endif

/* Push a struct pt_regs below sp; HE_SCRATCH(tp) holds the trapped sp. */
	.macro SAVE_FRAME
	addi	sp, sp, -PT_SIZE
	sw	x1,  PT_REG(1)(sp)
	sw	x3,  PT_REG(3)(sp)
	sw	x5,  PT_REG(5)(sp)
	sw	x6,  PT_REG(6)(sp)
	sw	x7,  PT_REG(7)(sp)
	sw	x8,  PT_REG(8)(sp)
	sw	x9,  PT_REG(9)(sp)
	sw	x10, PT_REG(10)(sp)
	sw	x11, PT_REG(11)(sp)
	sw	x12, PT_REG(12)(sp)
	sw	x13, PT_REG(13)(sp)
	sw	x14, PT_REG(14)(sp)
	sw	x15, PT_REG(15)(sp)
	sw	x16, PT_REG(16)(sp)
	sw	x17, PT_REG(17)(sp)
	sw	x18, PT_REG(18)(sp)
	sw	x19, PT_REG(19)(sp)
	sw	x20, PT_REG(20)(sp)
	sw	x21, PT_REG(21)(sp)
	sw	x22, PT_REG(22)(sp)
	sw	x23, PT_REG(23)(sp)
	sw	x24, PT_REG(24)(sp)
	sw	x25, PT_REG(25)(sp)
	sw	x26, PT_REG(26)(sp)
	sw	x27, PT_REG(27)(sp)
	sw	x28, PT_REG(28)(sp)
	sw	x29, PT_REG(29)(sp)
	sw	x30, PT_REG(30)(sp)
	sw	x31, PT_REG(31)(sp)

	lw	t0, HE_SCRATCH(tp)
	sw	t0, PT_SP(sp)
	/*
	 * The handler runs with SUM clear whatever the trapped code had (a
	 * uaccess helper sets it): only the helpers may touch user memory.
	 * The return restores the saved sstatus, SUM included.
	 */
	li	t0, SR_SUM
	csrrc	s1, sstatus, t0
	csrr	s2, sepc
	csrr	s3, stval
	csrr	s4, scause
	sw	s1, PT_STATUS(sp)
	sw	s2, PT_EPC(sp)
	sw	s3, PT_BADADDR(sp)
	sw	s4, PT_CAUSE(sp)
	sw	a0, PT_ORIG_A0(sp)

	/* the interrupted tp: ours if from the kernel, else the user's (in sscratch) */
	andi	t0, s1, SR_SPP
	mv	t1, tp
	bnez	t0, 1f
	csrrw	t1, sscratch, zero
1:	sw	t1, PT_TP(sp)
	.endm

	.section .text.entry, "ax"
	.balign	4
	.globl handle_exception
handle_exception:
	csrrw	tp, sscratch, tp
	bnez	tp, .Lfrom_user
	/* from the kernel: take tp back, leave sscratch at 0 */
	csrrw	tp, sscratch, zero
	sw	sp, HE_SCRATCH(tp)
	/* sp is saved: it is the scratch register of the overflow check */
	addi	sp, sp, -PT_SIZE
	srli	sp, sp, VMALLOC_GRANULE_SHIFT
	addi	sp, sp, -(VMALLOC_START >> VMALLOC_GRANULE_SHIFT)
	sltiu	sp, sp, (VMALLOC_END - VMALLOC_START) >> VMALLOC_GRANULE_SHIFT
	beqz	sp, .Lstack_ok
	lw	sp, HE_SCRATCH(tp)
	addi	sp, sp, -PT_SIZE
	srli	sp, sp, THREAD_SHIFT
	andi	sp, sp, 1
	beqz	sp, .Lstack_overflow
.Lstack_ok:
	lw	sp, HE_SCRATCH(tp)
	j	.Lsave
.Lfrom_user:
	sw	sp, HE_SCRATCH(tp)
	lw	sp, HE_KERNEL_SP(tp)
.Lsave:
	SAVE_FRAME

	mv	a0, sp
	call	do_trap

	.globl ret_from_exception
ret_from_exception:
	/*
	 * Interrupts off before the frame is restored (a handler, e.g. the
	 * page-fault path, may have turned them on): sstatus, sepc and the
	 * registers must not change under us until sret.
	 */
	csrc	sstatus, SR_SIE
	lw	s1, PT_STATUS(sp)
	andi	t0, s1, SR_SPP
	bnez	t0, 2f
	/* back to user mode: next trap from U uses this stack top again */
	addi	t0, sp, PT_SIZE
	sw	t0, HE_KERNEL_SP(tp)
	csrw	sscratch, tp
2:
	lw	s2, PT_EPC(sp)
	csrw	sstatus, s1
	csrw	sepc, s2

	lw	x1,  PT_REG(1)(sp)
	lw	x3,  PT_REG(3)(sp)
	lw	x4,  PT_REG(4)(sp)
	lw	x5,  PT_REG(5)(sp)
	lw	x6,  PT_REG(6)(sp)
	lw	x7,  PT_REG(7)(sp)
	lw	x8,  PT_REG(8)(sp)
	lw	x9,  PT_REG(9)(sp)
	lw	x10, PT_REG(10)(sp)
	lw	x11, PT_REG(11)(sp)
	lw	x12, PT_REG(12)(sp)
	lw	x13, PT_REG(13)(sp)
	lw	x14, PT_REG(14)(sp)
	lw	x15, PT_REG(15)(sp)
	lw	x16, PT_REG(16)(sp)
	lw	x17, PT_REG(17)(sp)
	lw	x18, PT_REG(18)(sp)
	lw	x19, PT_REG(19)(sp)
	lw	x20, PT_REG(20)(sp)
	lw	x21, PT_REG(21)(sp)
	lw	x22, PT_REG(22)(sp)
	lw	x23, PT_REG(23)(sp)
	lw	x24, PT_REG(24)(sp)
	lw	x25, PT_REG(25)(sp)
	lw	x26, PT_REG(26)(sp)
	lw	x27, PT_REG(27)(sp)
	lw	x28, PT_REG(28)(sp)
	lw	x29, PT_REG(29)(sp)
	lw	x30, PT_REG(30)(sp)
	lw	x31, PT_REG(31)(sp)
	lw	x2,  PT_REG(2)(sp)
	sret

	/*
	 * The kernel stack overflowed. Borrow t0 through sscratch to find
	 * this hart's overflow stack (nothing here can trap before sscratch
	 * is 0 again: SIE is clear and only the hart's own area is read),
	 * save the frame there and report; there is no way back.
	 */
.Lstack_overflow:
	csrw	sscratch, t0
	lui	t0, %tprel_hi(cpu_number)
	add	t0, t0, tp, %tprel_add(cpu_number)
	lw	t0, %tprel_lo(cpu_number)(t0)
	addi	t0, t0, 1
	slli	t0, t0, OVERFLOW_STACK_SHIFT
	la	sp, overflow_stack
	add	sp, sp, t0
	csrrw	t0, sscratch, zero
	SAVE_FRAME
	mv	a0, sp
	call	handle_kernel_stack_overflow
2:	wfi
	j	2b
	/* end of the code that must never fault (see the top of the file) */
	.globl handle_exception_end
handle_exception_end:
