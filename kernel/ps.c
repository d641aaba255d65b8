// SPDX-License-Identifier: MIT
/*
 * Task reports on request: ps=<ms> starts a kernel thread, "ps", that
 * prints the task list (show_tasks(), the columns of procps
 * `ps -e -o pid,ppid,s,vsz,rss,comm`) every <ms> milliseconds while the
 * programs run, and with ps.maps each user task's /proc/<pid>/maps after
 * it. The thread reads another task's address space the way Linux's
 * /proc does: it takes a reference on the mm (get_pid_task_mm), reads it
 * under its mmap_lock (show_map) and drops the reference, so a task that
 * exits meanwhile is only left out, never read after its free.
 */
#include <linux/bootparam.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>

/* Tasks one report lists the maps of (more are left out, and said so). */
#define PS_MAPS_MAX	64
#define PS_INTERVAL_MAX_MS	3600000u

static unsigned int ps_interval_ms;
BOOT_PARAM_UINT("ps", ps_interval_ms, 0, PS_INTERVAL_MAX_MS,
		"print the task list every this many ms while the programs run (0: off)");
static bool ps_maps;
BOOT_PARAM_BOOL("ps.maps", ps_maps, "with ps=: each user task's /proc/<pid>/maps too");

static struct task_struct *ps_task;
static pid_t ps_pid;
static bool ps_stopping;

void show_all_maps(void)
{
	pid_t pids[PS_MAPS_MAX];
	char comm[TASK_COMM_LEN];
	unsigned int n = user_task_pids(pids, PS_MAPS_MAX);

	if (n == PS_MAPS_MAX)
		pr_info("ps: maps of the first %u user tasks only\n", n);
	for (unsigned int i = 0; i < n; i++) {
		struct mm_struct *mm = get_pid_task_mm(pids[i], comm);

		if (!mm)
			continue;	/* it exited since */
		pr_info("/proc/%d/maps (%s):\n", pids[i], comm);
		show_map(mm);
		mmput(mm);
	}
}

static int ps_thread(void *unused)
{
	(void)unused;
	while (!READ_ONCE(ps_stopping)) {
		show_tasks();
		if (ps_maps)
			show_all_maps();
		msleep(ps_interval_ms);
	}
	return 0;
}

void ps_reporter_start(void)
{
	if (!ps_interval_ms)
		return;
	ps_stopping = false;
	ps_task = kthread_run(ps_thread, NULL, "ps");
	if (!ps_task) {
		pr_warn("ps: no memory for the reporter thread: no task reports\n");
		return;
	}
	ps_pid = ps_task->pid;
}

void ps_reporter_stop(void)
{
	int status;

	if (!ps_task)
		return;
	WRITE_ONCE(ps_stopping, true);
	/* it ends after its current sleep; the task is freed by the wait: forget it */
	if (kernel_wait4(ps_pid, &status, 0) != ps_pid)
		pr_err("ps: the reporter thread (pid %d) could not be reaped\n", ps_pid);
	ps_task = NULL;
}
