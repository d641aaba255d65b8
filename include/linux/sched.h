/* SPDX-License-Identifier: MIT */
/*
 * Tasks and the scheduler (Linux's include/linux/sched.h, kernel/sched/).
 *
 * Glossary
 *   task      a struct task_struct: a kernel stack, a saved context and
 *             (for a user process) an mm. Kernel threads have mm == NULL.
 *   current   the task this hart runs (a __thread pointer: per hart).
 *   rq        a hart's run queue: the runnable tasks other than current,
 *             in round-robin order, and the hart's idle task.
 *   slice     ticks a task may run before the tick asks it to yield.
 *
 * Invariants (sched_check() re-derives them):
 *   t->on_rq  <=>  t is linked on its hart's rq->queue  =>  t->state == TASK_RUNNING
 *   rq->curr == current;  current is never on the queue; idle never is
 *   t->active_mm != NULL  =>  t holds one mm_count reference on it (mmgrab)
 *   t->mm != NULL  =>  t->active_mm == t->mm while t runs
 *   every task but init_task and the idle tasks is on its parent's
 *   children list; a zombie has mm == NULL and waits for its parent's wait4
 *
 * The kernel is preemptible (preempt=full, Linux's PREEMPT; kernel/sched.c
 * and <linux/preempt.h>): the tick sets need_resched, and the switch
 * happens when a trap returns to user mode, when a task sleeps or yields,
 * in cond_resched(), and wherever the preemption count drops to 0 with
 * interrupts on. A spinlock holder is never switched away (spin_lock
 * disables preemption), so a spinlock held in the kernel is never held
 * by a task that is not running.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <asm/processor.h>

struct mm_struct;
struct pt_regs;

/* state (Linux's values) */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001	/* sleeping; a fatal signal wakes it */
#define TASK_UNINTERRUPTIBLE	0x0002
#define EXIT_ZOMBIE		0x0020	/* exited; the parent has not reaped it */
#define EXIT_DEAD		0x0010	/* being reaped */

#define TASK_COMM_LEN		16
/* Ticks of a time slice (Linux's RR_TIMESLICE is 100 ms). */
#define SCHED_SLICE_TICKS	10
/* The highest pid handed out before the numbers wrap (pid_max). */
#define PID_MAX			32768

typedef int pid_t;

/* A wait queue (Linux's wait_queue_head_t): sleepers in FIFO order. */
struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;		/* of struct wait_queue_entry */
};

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED, .head = LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
/* A sleeper's entry for current, not yet on a queue. */
#define DEFINE_WAIT(name) \
	struct wait_queue_entry name = { .task = current, .entry = LIST_HEAD_INIT((name).entry) }

struct task_struct {
	struct thread_struct thread;	/* saved callee-saved registers: first, for switch.S */
	volatile long state;		/* TASK_* or EXIT_*; rq lock for the RUNNING transitions */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* alloc_thread_stack(): THREAD_SIZE bytes */
	struct mm_struct *mm;		/* the user address space; NULL: kernel thread */
	struct mm_struct *active_mm;	/* the one satp holds while it runs (held: mmgrab) */
	struct task_struct *parent;	/* tasklist_lock */
	struct list_head children;	/* tasklist_lock */
	struct list_head sibling;	/* in parent->children */
	struct list_head tasks;		/* on the task list (tasklist_lock) */
	struct wait_queue_head wait_chldexit;	/* the parent's wait4 sleeps here */
	struct list_head run_list;	/* on rq->queue while on_rq */
	bool on_rq;
	bool on_cpu;			/* its context is live on a hart (not yet saved) */
	unsigned int cpu;
	unsigned int slice;		/* ticks left of its time slice */
	int exit_code;			/* wait4 status encoding, valid once EXIT_ZOMBIE */
	int exit_signal;		/* sent to the parent at exit (SIGCHLD or 0) */
	int pending_sig;		/* a fatal signal to act on at the return to user (0: none) */
	unsigned long timeout;		/* jiffies of a schedule_timeout() wake-up */
	struct list_head timer_list;	/* on the sleepers list while timing out */
	bool in_syscall;		/* serving a system call: an oops kills only this task */
	u64 start_ns;			/* creation time */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */
};

extern struct task_struct init_task;

/* This hart's running task. */
extern __thread struct task_struct *current_task;
#define current	current_task

/* A hart's run queue (one per hart: no lock is shared between harts on the switch path). */
struct rq {
	spinlock_t lock;
	struct list_head queue;		/* runnable tasks but curr, oldest first */
	unsigned int nr_running;	/* on queue */
	struct task_struct *curr;
	struct task_struct *idle;
	struct mm_struct *prev_mm;	/* a borrowed mm to drop after the switch */
	bool need_resched;
	unsigned long nr_switches;
};

/* ---- the scheduler (kernel/sched.c) ---- */

/* Once at boot, on the boot hart, after the allocators: make init_task current, start idle. */
void sched_init(void);
/* Give up the hart: run the next runnable task (current keeps its place if RUNNING). */
void schedule(void);
/* Switch if the tick asked for it (long kernel loops call this). */
void cond_resched(void);
/* Leave the hart to the other runnable tasks; current stays runnable. */
void sched_yield(void);
/* Make t runnable. true if it was asleep. Any context. */
bool wake_up_process(struct task_struct *t);
/* From the timer interrupt: slices, timed-out sleepers. */
void scheduler_tick(void);
bool need_resched(void);
/* do_exit's last switch, with interrupts off since the task became a zombie. */
void __noreturn do_task_dead(void);
/* From an interrupt returning to kernel code with interrupts on: switch if preemptible. */
void preempt_schedule_irq(void);
/* The preempt= mode in force: "full" or "none". */
const char *preempt_mode(void);
/* schedule() calls made with preemption off (each one reported). */
extern unsigned long nr_sched_atomic_bugs;
/* Sleep for ticks jiffies (current->state set by the caller); returns the ticks left. */
long schedule_timeout(long ticks);
void msleep(unsigned int msecs);
/* Called by switch.S's ret_from_* on a new task's first run. */
void schedule_tail(struct task_struct *prev);
/* Re-derive the invariants above. 0, or -EFAULT after printing what is broken. */
int sched_check(void);
unsigned long nr_context_switches(void);

/* ---- wait queues ---- */
void init_waitqueue_head(struct wait_queue_head *wq);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
void wake_up(struct wait_queue_head *wq);

static inline bool signal_pending(const struct task_struct *t)
{
	return READ_ONCE(t->pending_sig) != 0;
}

/*
 * Sleep until cond holds (re-tested after every wake-up). The _interruptible
 * form also returns, with -EINTR, when a fatal signal is pending; else 0.
 */
#define wait_event(wq, cond)						\
	do {								\
		DEFINE_WAIT(__w);					\
		for (;;) {						\
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE); \
			if (cond)					\
				break;					\
			schedule();					\
		}							\
		finish_wait(&(wq), &__w);				\
	} while (0)

#define wait_event_interruptible(wq, cond)				\
	({								\
		DEFINE_WAIT(__w);					\
		int __ret = 0;						\
		for (;;) {						\
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE); \
			if (cond)					\
				break;					\
			if (signal_pending(current)) {			\
				__ret = -EINTR;				\
				break;					\
			}						\
			schedule();					\
		}							\
		finish_wait(&(wq), &__w);				\
		__ret;							\
	})

/* ---- tasks (kernel/task.c) ---- */

/*
 * A kernel thread running fn(arg), named name, not yet runnable
 * (wake_up_process starts it); its return value is its exit code.
 * NULL when out of memory.
 */
struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name);
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);

/*
 * fork: a copy of current (its mm by dup_mm, its user frame with a0 = 0)
 * as its child, runnable. The child's pid, or -ENOMEM / -EAGAIN.
 */
pid_t kernel_fork(struct pt_regs *regs);

/*
 * A fresh user process, child of current, named name, running the ELF
 * image (kernel/exec.c loads it): its pid once it is runnable, or -errno
 * (the image's check failed: -ENOEXEC, nothing left allocated).
 */
pid_t user_process_create(const char *name, const void *image, size_t size);

/* End current with the wait4 status code (an exit status << 8, or a signal). */
__noreturn void do_exit(int code);
/* exit_group's and exit's status: (status & 0xff) << 8 */
#define EXIT_STATUS(status)	(((status) & 0xff) << 8)

/*
 * wait4 for a child (pid > 0: that one, -1: any), WNOHANG: 0 if none has
 * exited yet. The child's pid with its status in *status, -ECHILD (no such
 * child), -EINTR (a fatal signal came).
 */
#ifndef WNOHANG
#define WNOHANG		0x00000001
#endif
pid_t kernel_wait4(pid_t pid, int *status, int options);

/* Send sig to the task with pid: 0, -ESRCH, -EINVAL. */
int kill_pid(pid_t pid, int sig);
/* Make current die of sig at its return to user mode. */
void force_sig(int sig);
/*
 * The OOM killer's choice, as Linux's oom_badness() makes it without its
 * adjustments: the user task with the largest RSS, never a kernel thread
 * and never one already dying, gets SIGKILL, and "@oom pid= name= rss=
 * order= gfp=" (rss in KiB) says which. Returns its pid, 0 if none.
 */
pid_t oom_kill_largest(unsigned int order, gfp_t gfp);

struct task_struct *find_task_by_pid(pid_t pid);
/* Tasks alive (zombies included) for @vm tasks=. */
unsigned long nr_tasks(void);
/* ps-like list: pid, ppid, state, VSZ, RSS (KiB), name ([name]: a kernel thread). */
void show_tasks(void);
/* t's mm with an mm_users reference (mmput it), NULL if it has none (a kernel thread, exiting). */
struct mm_struct *get_task_mm(struct task_struct *t);
/* The same for the task with pid, its name copied to comm (TASK_COMM_LEN bytes). */
struct mm_struct *get_pid_task_mm(pid_t pid, char *comm);
/* The pids of up to max tasks with an address space, in task-list order; how many. */
unsigned int user_task_pids(pid_t *pids, unsigned int max);
/* Each user task's /proc/<pid>/maps (kernel/ps.c). */
void show_all_maps(void);
/* ps=<ms>: start the reporter thread before the programs run, stop it after (kernel/ps.c). */
void ps_reporter_start(void);
void ps_reporter_stop(void);

/* The user frame at the top of t's kernel stack (a macro: <asm/ptrace.h> is the user's). */
#define task_pt_regs(t)	((struct pt_regs *)((char *)(t)->stack + THREAD_SIZE) - 1)

#endif /* _LINUX_SCHED_H */
