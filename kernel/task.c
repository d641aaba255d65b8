// SPDX-License-Identifier: MIT
/*
 * Tasks: creation (kernel threads, fork, fresh user processes), exit,
 * reaping (wait4) and signals with their default actions (contracts in
 * <linux/sched.h>).
 *
 * Every task but init_task and the idle tasks is on task_list and on its
 * parent's children list (tasklist_lock, taken with interrupts off). A
 * task that exits keeps its descriptor as a zombie (state EXIT_ZOMBIE,
 * no mm, its stack still in use until it has switched away for the last
 * time: on_cpu tells) until its parent reaps it; its children go to init
 * (pid 1) first.
 */
#include <string.h>

#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/record.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/vmalloc.h>
#include <asm/ptrace.h>
#include <asm/smp.h>

#include "exec.h"

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.pid = 0,
	.comm = "swapper",
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.timer_list = LIST_HEAD_INIT(init_task.timer_list),
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_task.wait_chldexit),
	.slice = SCHED_SLICE_TICKS,
};

static LIST_HEAD(task_list);
static DEFINE_SPINLOCK(tasklist_lock);
static unsigned long task_nr;
static pid_t last_pid;
/* The reaper of orphans: the first task with pid 1 (tasklist_lock). */
static struct task_struct *child_reaper = &init_task;

/* A new task named name, not runnable, with its stack; NULL if out of memory. */
static struct task_struct *alloc_task(const char *name)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->stack = alloc_thread_stack();
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	strncpy(t->comm, name, TASK_COMM_LEN - 1);
	t->state = TASK_UNINTERRUPTIBLE;	/* until wake_up_process starts it */
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->tasks);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->timer_list);
	init_waitqueue_head(&t->wait_chldexit);
	t->cpu = smp_processor_id();
	t->slice = SCHED_SLICE_TICKS;
	t->start_ns = ktime_get_ns();
	return t;
}

static void free_task(struct task_struct *t)
{
	free_thread_stack(t->stack);
	kfree(t);
}

/* A free pid, tasklist_lock held: the next after the last one, wrapping at PID_MAX. */
static pid_t alloc_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		/* 1 is init's alone (pid_for_init), whoever starts first */
		pid_t pid = last_pid >= PID_MAX - 1 || last_pid < 1 ? 2 : last_pid + 1;
		struct task_struct *t;
		bool used = false;

		last_pid = pid;
		list_for_each_entry(t, &task_list, tasks)
			if (t->pid == pid) {
				used = true;
				break;
			}
		if (!used)
			return pid;
	}
	return -EAGAIN;
}

/* pid 1, for init, if no task has it: else a pid as any other. tasklist_lock held. */
static pid_t pid_for_init(void)
{
	return child_reaper == &init_task ? 1 : alloc_pid();
}

/*
 * Give t a pid and make it current's child. init (the boot's "init"
 * thread) gets pid 1 even when kernel threads (the workers) started
 * before it, as Linux's rest_init() starts init first. 0 or -EAGAIN.
 */
static int attach_task(struct task_struct *t, bool init)
{
	unsigned long flags;
	pid_t pid;

	spin_lock_irqsave(&tasklist_lock, flags);
	pid = init ? pid_for_init() : alloc_pid();
	if (pid < 0) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return pid;
	}
	t->pid = pid;
	t->parent = current;
	t->exit_signal = SIGCHLD;
	list_add_tail(&t->sibling, &current->children);
	list_add_tail(&t->tasks, &task_list);
	task_nr++;
	if (pid == 1)
		child_reaper = t;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

struct task_struct *kthread_create(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = alloc_task(name);

	if (!t)
		return NULL;
	t->thread.ra = (unsigned long)ret_from_kernel_thread;
	t->thread.sp = (unsigned long)t->stack + THREAD_SIZE;
	t->thread.s[0] = (unsigned long)fn;
	t->thread.s[1] = (unsigned long)arg;
	if (!current->pid && !strcmp(name, "idle"))
		return t;	/* the idle task: no pid of its own, never reaped */
	if (attach_task(t, !current->pid && !strcmp(name, "init"))) {
		free_task(t);
		return NULL;
	}
	return t;
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = kthread_create(fn, arg, name);

	if (t)
		wake_up_process(t);
	return t;
}

/* switch.S: a kernel thread's function returned. */
__noreturn void kthread_exit(int ret);
__noreturn void kthread_exit(int ret)
{
	do_exit(EXIT_STATUS(ret));
}

/*
 * Start t in user mode at its first switch-in: its frame (task_pt_regs)
 * is filled; the first return goes through ret_from_exception.
 */
static void start_user_task(struct task_struct *t)
{
	t->thread.ra = (unsigned long)ret_from_fork;
	t->thread.sp = (unsigned long)task_pt_regs(t);
}

pid_t kernel_fork(struct pt_regs *regs)
{
	struct task_struct *t;
	struct mm_struct *mm;
	int err;

	if (!current->mm)
		return -EINVAL;
	t = alloc_task(current->comm);
	if (!t)
		return -ENOMEM;
	mm = dup_mm(current->mm);
	if (!mm) {
		free_task(t);
		return -ENOMEM;
	}
	t->mm = mm;
	t->active_mm = mm;
	mmgrab(mm);
	*task_pt_regs(t) = *regs;
	task_pt_regs(t)->a0 = 0;	/* fork returns 0 in the child */
	start_user_task(t);
	err = attach_task(t, false);
	if (err) {
		t->mm = t->active_mm = NULL;
		mmput(mm);
		mmdrop(mm);
		free_task(t);
		return err;
	}
	wake_up_process(t);
	return t->pid;
}

pid_t user_process_create(const char *name, const void *image, size_t size)
{
	struct task_struct *t = alloc_task(name);
	struct mm_struct *mm;
	int err;

	if (!t)
		return -ENOMEM;
	mm = mm_alloc();
	if (!mm) {
		free_task(t);
		return -ENOMEM;
	}
	err = exec_load(mm, name, image, size, task_pt_regs(t));
	if (err) {
		mmput(mm);
		free_task(t);
		return err;
	}
	t->mm = mm;
	t->active_mm = mm;
	mmgrab(mm);
	start_user_task(t);
	err = attach_task(t, false);
	if (err) {
		t->mm = t->active_mm = NULL;
		mmput(mm);
		mmdrop(mm);
		free_task(t);
		return err;
	}
	wake_up_process(t);
	return t->pid;
}

/* Give current's children to the reaper; wake it if one is already a zombie. */
static void forget_original_parent(struct task_struct *t)
{
	struct task_struct *reaper = child_reaper == t ? &init_task : child_reaper;
	struct task_struct *c, *n;
	bool zombie = false;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry_safe(c, n, &t->children, sibling) {
		c->parent = reaper;
		list_del(&c->sibling);
		list_add_tail(&c->sibling, &reaper->children);
		zombie |= c->state == EXIT_ZOMBIE;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (zombie)
		wake_up(&reaper->wait_chldexit);
}

__noreturn void do_exit(int code)
{
	struct task_struct *t = current;
	struct mm_struct *mm = t->mm;
	unsigned long flags;

	BUG_ON(t == &init_task || in_interrupt());
	if (mm) {
		pr_record("exit", "pid=%d name=%s status=%d signal=%d",
			  t->pid, t->comm, (code >> 8) & 0xff, code & 0x7f);
		/* the active_mm reference stays until the last switch away */
		spin_lock_irqsave(&tasklist_lock, flags);
		t->mm = NULL;		/* under the lock: get_task_mm() sees it or not */
		spin_unlock_irqrestore(&tasklist_lock, flags);
		mmput(mm);
	}
	forget_original_parent(t);
	/*
	 * Interrupts stay off from here to the last switch: a zombie that
	 * were preempted would sit on the run queue, off its hart, where its
	 * parent could reap (free) it.
	 */
	local_irq_save(flags);
	spin_lock(&tasklist_lock);
	t->exit_code = code;
	t->state = EXIT_ZOMBIE;
	spin_unlock(&tasklist_lock);
	wake_up(&t->parent->wait_chldexit);
	do_task_dead();
}

/*
 * Find a child of current matching pid (-1: any); reap a zombie one.
 * Its pid (status in *status), -EAGAIN (matching children, none exited),
 * -ECHILD (none match).
 */
static pid_t reap_child(pid_t pid, int *status)
{
	struct task_struct *c, *zombie = NULL;
	bool any = false;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(c, &current->children, sibling) {
		if (pid > 0 && c->pid != pid)
			continue;
		any = true;
		if (c->state == EXIT_ZOMBIE) {
			zombie = c;
			break;
		}
	}
	if (zombie) {
		zombie->state = EXIT_DEAD;
		list_del(&zombie->sibling);
		list_del(&zombie->tasks);
		task_nr--;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!zombie)
		return any ? -EAGAIN : -ECHILD;
	/* its last switch away may still be finishing on another hart */
	while (__atomic_load_n(&zombie->on_cpu, __ATOMIC_ACQUIRE) || READ_ONCE(zombie->on_rq))
		sched_yield();
	pid = zombie->pid;
	*status = zombie->exit_code;
	free_task(zombie);
	return pid;
}

pid_t kernel_wait4(pid_t pid, int *status, int options)
{
	DEFINE_WAIT(w);
	pid_t ret;

	if (pid == 0 || pid < -1)
		return -EINVAL;		/* process groups: not implemented */
	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &w, TASK_INTERRUPTIBLE);
		ret = reap_child(pid, status);
		if (ret != -EAGAIN)
			break;
		if (options & WNOHANG) {
			ret = 0;
			break;
		}
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &w);
	return ret;
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *t, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid) {
			found = t;
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/* Signals whose default action is to ignore them (Linux's SIG_KERNEL_IGNORE_MASK). */
static bool sig_default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}

/* Queue the fatal sig on t (the first one wins) and wake it from an interruptible sleep. */
static void signal_wake(struct task_struct *t, int sig)
{
	int none = 0;

	__atomic_compare_exchange_n(&t->pending_sig, &none, sig, false,
				    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);
}

int kill_pid(pid_t pid, int sig)
{
	struct task_struct *t;
	unsigned long flags;
	int ret = 0;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -ESRCH;		/* process groups and "everyone": not implemented */
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			break;
	if (&t->tasks == &task_list || t->state == EXIT_DEAD)
		ret = -ESRCH;
	/* kernel threads ignore signals, as Linux's do; stop signals are not implemented */
	else if (sig && t->mm && !sig_default_ignored(sig) && !sig_kernel_stop(sig))
		signal_wake(t, sig);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	mm = t->mm;
	if (mm && !mmget_not_zero(mm))
		mm = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mm;
}

struct mm_struct *get_pid_task_mm(pid_t pid, char *comm)
{
	struct task_struct *t;
	struct mm_struct *mm = NULL;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid) {
			mm = t->mm;
			if (mm && !mmget_not_zero(mm))
				mm = NULL;
			if (mm)
				memcpy(comm, t->comm, TASK_COMM_LEN);
			break;
		}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mm;
}

unsigned int user_task_pids(pid_t *pids, unsigned int max)
{
	struct task_struct *t;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks)
		if (t->mm && n < max)
			pids[n++] = t->pid;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

static unsigned long task_rss(const struct task_struct *t)
{
	return (unsigned long)(t->mm->rss_stat[MM_ANONPAGES] + t->mm->rss_stat[MM_SHMEMPAGES]);
}

pid_t oom_kill_largest(unsigned int order, gfp_t gfp)
{
	struct task_struct *t, *victim = NULL;
	unsigned long flags, rss = 0;
	pid_t pid = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->mm || t->state == EXIT_ZOMBIE || t->state == EXIT_DEAD ||
		    READ_ONCE(t->pending_sig) == SIGKILL)
			continue;
		if (!victim || task_rss(t) > rss) {
			victim = t;
			rss = task_rss(t);
		}
	}
	if (victim) {
		pid = victim->pid;
		pr_record("oom", "pid=%d name=%s rss=%lu order=%u gfp=%#x",
			  pid, victim->comm, rss << (PAGE_SHIFT - 10), order, gfp);
		WRITE_ONCE(victim->pending_sig, 0);
		signal_wake(victim, SIGKILL);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return pid;
}

void force_sig(int sig)
{
	signal_wake(current, sig);
}

unsigned long nr_tasks(void)
{
	return READ_ONCE(task_nr);
}

static const char *task_state_char(const struct task_struct *t)
{
	switch (t->state) {
	case TASK_RUNNING:
		return "R";
	case TASK_INTERRUPTIBLE:
		return "S";
	case TASK_UNINTERRUPTIBLE:
		return "D";
	case EXIT_ZOMBIE:
		return "Z";
	default:
		return "X";
	}
}

void show_tasks(void)
{
	struct task_struct *t;
	unsigned long flags;

	pr_info("  PID  PPID S    VSZ   RSS COMMAND\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(t, &task_list, tasks) {
		unsigned long vsz = 0, rss = 0;

		if (t->mm) {
			vsz = t->mm->total_vm << (PAGE_SHIFT - 10);
			rss = (unsigned long)(t->mm->rss_stat[MM_ANONPAGES] +
					      t->mm->rss_stat[MM_SHMEMPAGES]) << (PAGE_SHIFT - 10);
		}
		/* kernel threads in brackets, as ps shows them */
		pr_info("%5d %5d %s %6lu %5lu %s%s%s\n", t->pid, t->parent ? t->parent->pid : 0,
			task_state_char(t), vsz, rss, t->mm ? "" : "[", t->comm,
			t->mm ? "" : "]");
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}
